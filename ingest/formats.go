package ingest

import (
	"github.com/tripline/tripline/ingest/csl"
	"github.com/tripline/tripline/ingest/dpl"
)

// formats is the detection order: more specific formats first. Each reader
// package adds its entries here.
var formats = []*Format{
	{Name: csl.FormatName, Description: "US Consolidated Screening List CSV (trade.gov consolidated.csv)", Detect: csl.Detect, Read: csl.Read},
	{Name: dpl.FormatName, Description: "US BIS Denied Persons List (tab-separated dpl.txt)", Detect: dpl.Detect, Read: dpl.Read},
}
