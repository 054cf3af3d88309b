package ingest

import (
	"github.com/tripline/tripline/ingest/csl"
	"github.com/tripline/tripline/ingest/dfat"
	"github.com/tripline/tripline/ingest/dpl"
	"github.com/tripline/tripline/ingest/eu"
	"github.com/tripline/tripline/ingest/ftm"
	"github.com/tripline/tripline/ingest/ofac"
	"github.com/tripline/tripline/ingest/ukofsi"
	"github.com/tripline/tripline/ingest/uksl"
	"github.com/tripline/tripline/ingest/un"
)

// formats is the detection order: more specific formats first. Each reader
// package adds its entries here.
var formats = []*Format{
	{Name: ofac.FormatCSV, Description: "OFAC SDN / non-SDN CSV set (sdn.csv, add.csv, alt.csv, sdn_comments.csv or cons_*.csv)", Detect: ofac.DetectCSV, Read: ofac.ReadCSV},
	{Name: ofac.FormatEnhanced, Description: "OFAC Enhanced XML (CONS_ENHANCED / SDN_ENHANCED, .XML or .ZIP, root sanctionsData)", Detect: ofac.DetectEnhanced, Read: ofac.ReadEnhanced},
	{Name: eu.FormatName, Description: "EU Financial Sanctions Files consolidated list CSV (\";\"-separated, 118 columns)", Detect: eu.Detect, Read: eu.Read},
	{Name: ukofsi.FormatName, Description: "UK OFSI Consolidated List CSV (ConList.csv, \"Last Updated\" line then header)", Detect: ukofsi.Detect, Read: ukofsi.Read},
	{Name: uksl.FormatName, Description: "UK Sanctions List ODS spreadsheet (UK_Sanctions_List.ods, \"Unique ID\" header)", Detect: uksl.Detect, Sniff: uksl.Sniff, Read: uksl.Read},
	{Name: dfat.FormatName, Description: "Australia DFAT Consolidated List XLSX (regulation8_consolidated.xlsx)", Detect: dfat.Detect, Sniff: dfat.Sniff, Read: dfat.Read},
	{Name: csl.FormatName, Description: "US Consolidated Screening List CSV (trade.gov consolidated.csv)", Detect: csl.Detect, Read: csl.Read},
	{Name: dpl.FormatName, Description: "US BIS Denied Persons List (tab-separated dpl.txt)", Detect: dpl.Detect, Read: dpl.Read},
	{Name: ftm.FormatJSON, Description: "FollowTheMoney JSON lines (OpenSanctions entities.ftm.json; Tripline's FtM export)", Detect: ftm.DetectJSON, Read: ftm.Read},
	{Name: ftm.FormatCSV, Description: "OpenSanctions targets.simple.csv", Detect: ftm.DetectCSV, Read: ftm.ReadCSV},
	{Name: un.FormatName, Description: "UN Security Council Consolidated List XML (root CONSOLIDATED_LIST)", Detect: un.Detect, Read: un.Read},
}
