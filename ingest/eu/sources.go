package eu

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "EU Financial Sanctions Files, consolidated list (CSV 1.1)", Publisher: "European Commission (FISMA)", Licence: "free reuse with attribution",
		Format: FormatName, Integrity: "a CSV file with no end marker and no stated count (each row carries the generation date): a cut at a row boundary is caught only by the history guard",
		Files: []official.File{{Name: "eu_fsf.csv", URL: "https://webgate.ec.europa.eu/fsd/fsf/public/files/csvFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"}}},
}
