package main

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestGraphExportCLI: tripline graph export writes the records' network as
// GraphML (to a file) and GEXF (to standard output) that parse, with the
// flagged companies' risk and evidence.
func TestGraphExportCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustCLI(t, db, "import", filepath.Join("testdata", "graph", "lists"))
	mustCLI(t, db, "graph", "import", filepath.Join("testdata", "graph", "book"))
	out := filepath.Join(dir, "net.graphml")
	r := mustCLI(t, db, "graph", "export", "--out", out, "--as-of", "2025-01-01")
	if !strings.Contains(r.Stderr, "wrote graphml") {
		t.Errorf("stderr: %s", r.Stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var gm struct {
		XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Nodes   []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
		Edges []struct{} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(b, &gm); err != nil {
		t.Fatalf("not GraphML: %v", err)
	}
	risk := map[string]string{}
	for _, n := range gm.Nodes {
		for _, d := range n.Data {
			if d.Key == "n_risk" {
				risk[n.ID] = d.Value
			}
		}
	}
	if len(risk) != len(gm.Nodes) || risk["company:k2"] == "" || risk["company:k2"] == "0" || len(gm.Edges) == 0 {
		t.Errorf("%d nodes, %d with risk (k2 %q), %d edges", len(gm.Nodes), len(risk), risk["company:k2"], len(gm.Edges))
	}
	r = mustCLI(t, db, "graph", "export", "--format", "gexf")
	var gx struct {
		XMLName xml.Name   `xml:"http://gexf.net/1.3 gexf"`
		Nodes   []struct{} `xml:"graph>nodes>node"`
	}
	if err := xml.Unmarshal([]byte(r.Stdout), &gx); err != nil || len(gx.Nodes) != len(gm.Nodes) {
		t.Errorf("GEXF: %v, %d nodes, GraphML %d", err, len(gx.Nodes), len(gm.Nodes))
	}
	if r := runCLI(t, db, "graph", "export", "--format", "dot"); r.Code != 1 || !strings.Contains(r.Stderr, "graphml, gexf") {
		t.Errorf("--format dot: exit %d %s", r.Code, r.Stderr)
	}
}

// TestExportTargetsCSV: --format targets-csv writes OpenSanctions'
// targets.simple.csv of every list, which tripline import reads back.
func TestExportTargetsCSV(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustCLI(t, db, "demo")
	out := filepath.Join(dir, "targets.simple.csv")
	r := mustCLI(t, db, "export", "--format", "targets-csv", "--out", out)
	if !strings.Contains(r.Stderr, "exported 49 entities") {
		t.Errorf("export: %s", r.Stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 50 || lines[0] != `"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions","phones","emails","program_ids","dataset","first_seen","last_seen","last_change"` {
		t.Fatalf("%d lines, header %s", len(lines), lines[0])
	}
	if !strings.Contains(string(b), `"demo-ofac-sdn.`) {
		t.Errorf("ids are not the FtM export's: %.300s", b)
	}
	db2 := filepath.Join(dir, "back.db")
	if r := mustCLI(t, db2, "import", out); !strings.Contains(r.Stdout, "49") {
		t.Errorf("import of the export: %s", r.Stdout)
	}
}

// TestAlertsExportCLI: tripline alerts export writes the alerts of a book
// as CSV and as an XLSX workbook that a spreadsheet library opens.
func TestAlertsExportCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustCLI(t, db, "demo")
	book := filepath.Join(dir, "book.csv")
	if err := os.WriteFile(book, []byte("id,name,type\nc1,Kaveh Sanat Arya Company,organization\nc2,Shahab Alborz Industrial Group,organization\nc3,Quiet Meadow Bakery,organization\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, db, "book", "import", "--book", "customers", book)
	r := mustCLI(t, db, "alerts", "export", "--format", "csv", "--book", "customers")
	rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || rows[0][0] != "id" || rows[0][3] != "party_name" {
		t.Fatalf("csv: %q", rows)
	}
	parties := map[string]bool{}
	for _, row := range rows[1:] {
		parties[row[2]] = true
	}
	if !parties["c1"] || !parties["c2"] || parties["c3"] {
		t.Errorf("alerts for %v, want c1 and c2", parties)
	}
	out := filepath.Join(dir, "alerts.xlsx")
	r = mustCLI(t, db, "alerts", "export", "--format", "xlsx", "--out", out)
	if !strings.Contains(r.Stderr, fmt.Sprintf("exported %d alerts", len(rows)-1)) {
		t.Errorf("stderr: %s", r.Stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("Alerts")
	if err != nil || len(xrows) != len(rows) || xrows[1][3] != rows[1][3] {
		t.Errorf("xlsx rows %d (err %v), csv %d", len(xrows), err, len(rows))
	}
	if r := runCLI(t, db, "alerts", "export", "--format", "ods"); r.Code != 1 {
		t.Errorf("--format ods: exit %d", r.Code)
	}
}
