package ingest

import (
	"github.com/tripline/tripline/ingest/csl"
)

// formats is the detection order: more specific formats first. Each reader
// package adds its entries here.
var formats = []*Format{
	{Name: csl.FormatName, Description: "US Consolidated Screening List CSV (trade.gov consolidated.csv)", Detect: csl.Detect, Read: csl.Read},
}
