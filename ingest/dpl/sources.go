package dpl

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "BIS Denied Persons List", Publisher: "US Commerce Department, Bureau of Industry and Security", Licence: "US government work, public domain",
		Format: FormatName, Integrity: "a tab-separated file with no end marker and no stated count: a cut at a row boundary is caught only by the history guard",
		Files: []official.File{{Name: "dpl.txt", URL: "https://media.bis.gov/dpl/dpl.txt"}}},
}
