package dfat

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "Australian Consolidated Sanctions List", Publisher: "Australian Department of Foreign Affairs and Trade", Licence: "free reuse with attribution",
		Format: FormatName, Integrity: "a ZIP container (XLSX): each member's size and CRC-32 must match, the sheet's XML must be closed, and the shared-string table must hold the count it states; no entry count is stated",
		Files: []official.File{{Name: "regulation8_consolidated.xlsx", URL: "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx"}}},
}
