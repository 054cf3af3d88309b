package csl

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "US Consolidated Screening List", Publisher: "US International Trade Administration (trade.gov)", Licence: "US government work, public domain",
		Format: FormatName, Integrity: "a CSV file with no end marker and no stated count: a cut at a row boundary is caught only by the history guard",
		Files: []official.File{{Name: "consolidated.csv", URL: "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"}}},
}
