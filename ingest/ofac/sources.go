package ofac

import "github.com/tripline/tripline/ingest/official"

const exports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

const (
	publisher = "US Treasury, Office of Foreign Assets Control"
	licence   = "US government work, public domain"
	// csvIntegrity is what the CSV sets guarantee.
	csvIntegrity = "every file of the set ends with the end-of-file marker 0x1A (checked: a file without it is refused); rows are checked for their column count; the SDN entries state no total"
	xmlIntegrity = "the XML root element must be closed and, in a ZIP, the member's size and CRC-32 must match; no entry count is stated"
)

// Sources are the OFAC publications this package reads.
var Sources = []official.Source{
	{ID: SourceSDN, Title: "OFAC Specially Designated Nationals and Blocked Persons List (CSV set)", Publisher: publisher, Licence: licence, Format: FormatCSV, Integrity: csvIntegrity,
		Files: []official.File{{Name: "sdn.csv", URL: exports + "SDN.CSV"}, {Name: "add.csv", URL: exports + "ADD.CSV"}, {Name: "alt.csv", URL: exports + "ALT.CSV"}, {Name: "sdn_comments.csv", URL: exports + "SDN_COMMENTS.CSV"}}},
	{ID: SourceCons, Title: "OFAC Consolidated Sanctions List, non-SDN (CSV set)", Publisher: publisher, Licence: licence, Format: FormatCSV, Integrity: csvIntegrity,
		Files: []official.File{{Name: "cons_prim.csv", URL: exports + "CONS_PRIM.CSV"}, {Name: "cons_add.csv", URL: exports + "CONS_ADD.CSV"}, {Name: "cons_alt.csv", URL: exports + "CONS_ALT.CSV"}, {Name: "cons_comments.csv", URL: exports + "CONS_COMMENTS.CSV"}}},
	{ID: SourceConsEnhanced, Title: "OFAC Consolidated Sanctions List, non-SDN (Enhanced XML)", Publisher: publisher, Licence: licence, Format: FormatEnhanced, Integrity: xmlIntegrity,
		Files: []official.File{{Name: "CONS_ENHANCED.ZIP", URL: exports + "CONS_ENHANCED.ZIP"}}},
	{ID: SourceSDNEnhanced, Title: "OFAC Specially Designated Nationals List (Enhanced XML; read when given, not downloaded by lists update)", Publisher: publisher, Licence: licence, Format: FormatEnhanced, Integrity: xmlIntegrity},
}
