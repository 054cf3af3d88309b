package un

import "github.com/tripline/tripline/ingest/official"

// Sources are the publications this package reads.
var Sources = []official.Source{
	{ID: Source, Title: "UN Security Council Consolidated List", Publisher: "United Nations Security Council", Licence: "free reuse with attribution",
		Format: FormatName, Integrity: "the XML root element CONSOLIDATED_LIST must be closed (a cut file is refused); no entry count is stated",
		Files: []official.File{{Name: "consolidated.xml", URL: "https://scsanctions.un.org/resources/xml/en/consolidated.xml"}}},
}
