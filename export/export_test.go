package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/xuri/excelize/v2"
)

func alerts() []tripline.Alert {
	t0 := time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)
	closed := t0.Add(48 * time.Hour)
	return []tripline.Alert{
		{ID: 1, Book: "customers", PartyID: "c1", PartyName: "Zagros Avionics", EntityID: "ofac-sdn:1", EntityName: "ZAGROS AVIONICS TRADING FZE",
			Source: "ofac-sdn", Programs: []string{"NPWMD", "IFSR"}, Score: 0.934, Reason: tripline.ReasonNewMatch, Status: tripline.AlertOpen,
			Priority: 2, SnapshotID: 7, MatcherVersion: "tripline-name-v2", Explanation: &tripline.Explanation{Summary: "all name parts agree"}, CreatedAt: t0, UpdatedAt: t0},
		{ID: 2, Book: "customers", PartyID: "c2", PartyName: "=HYPERLINK(\"http://x\")", EntityID: "un-sc:QDe.1", EntityName: "+Mixed",
			Source: "un-sc", Score: 0.87, Reason: tripline.ReasonDelisted, Status: tripline.AlertClosed, Resolution: tripline.ResolutionDelisted,
			SnapshotID: 9, PrevSnapshotID: 8, CreatedAt: t0, UpdatedAt: closed, ClosedAt: &closed},
	}
}

func write(t *testing.T, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format, "Alerts", AlertColumns)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range alerts() {
		if err := w.Write(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAlertsCSV(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(write(t, CSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[0]) != len(AlertColumns) || rows[0][0] != "id" || rows[0][3] != "party_name" {
		t.Fatalf("rows %q", rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	r1, r2 := rows[1], rows[2]
	for k, want := range map[string]string{"score": "0.934", "programs": "NPWMD; IFSR", "created_at": "2025-01-31T12:00:00Z", "closed_at": "", "explanation": "all name parts agree"} {
		if r1[col[k]] != want {
			t.Errorf("row 1 %s = %q, want %q", k, r1[col[k]], want)
		}
	}
	// Text a spreadsheet would run as a formula is quoted.
	if r2[col["party_name"]] != `'=HYPERLINK("http://x")` || r2[col["entity_name"]] != "'+Mixed" || r2[col["closed_at"]] != "2025-02-02T12:00:00Z" {
		t.Errorf("row 2 = %q", r2)
	}
}

func TestAlertsXLSX(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(write(t, XLSX)))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "Alerts" {
		t.Fatalf("sheets %q", sheets)
	}
	rows, err := f.GetRows("Alerts")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "id" || rows[1][3] != "Zagros Avionics" || rows[2][3] != `=HYPERLINK("http://x")` {
		t.Fatalf("rows %q", rows)
	}
	// Typed cells: the score is a number, the time a date; no formula.
	if typ, _ := f.GetCellType("Alerts", "I2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("score cell type %v", typ)
	}
	if v, _ := f.GetCellValue("Alerts", "I2", excelize.Options{RawCellValue: true}); v != strconv.FormatFloat(0.934, 'f', -1, 64) {
		t.Errorf("score %q", v)
	}
	if formula, _ := f.GetCellFormula("Alerts", "D3"); formula != "" {
		t.Errorf("party name read as formula %q", formula)
	}
	if v, _ := f.GetCellValue("Alerts", "O2", excelize.Options{RawCellValue: true}); v == "" || v[0] < '0' || v[0] > '9' {
		t.Errorf("created_at raw %q, want a date serial", v)
	}
	if tables, err := f.GetTables("Alerts"); err != nil || len(tables) != 1 {
		t.Errorf("tables %v %v", tables, err)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "ods", "x", AlertColumns); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("err = %v", err)
	}
}
