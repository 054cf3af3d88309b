package ukofsi

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "UK OFSI Consolidated List of Financial Sanctions Targets", Publisher: "HM Treasury, Office of Financial Sanctions Implementation", Licence: "Open Government Licence v3.0",
		Format: FormatName, Integrity: "a CSV file with a \"Last Updated\" first line, no end marker and no stated count: a cut at a row boundary is caught only by the history guard",
		Files: []official.File{{Name: "ConList.csv", URL: "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"}}},
}
