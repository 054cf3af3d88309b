package uksl

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "UK Sanctions List (ODS)", Publisher: "UK Foreign, Commonwealth and Development Office", Licence: "Open Government Licence v3.0",
		Format: FormatName, Integrity: "a ZIP container: each member's size and CRC-32 must match and the sheet's XML must be closed; no entry count is stated",
		Files: []official.File{{Name: "UK_Sanctions_List.ods", URL: "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.ods"}}},
}
