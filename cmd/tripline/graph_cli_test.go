package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGraphCLI runs graph import, risk, path and show end to end on a
// fictional list (an OFAC-format sdn.csv) and book.
func TestGraphCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", filepath.Join("testdata", "graph", "lists"))
	r := mustCLI(t, db, "graph", "import", filepath.Join("testdata", "graph", "book"))
	if !strings.Contains(r.Stdout, "4 companies, 2 people") {
		t.Errorf("graph import: %s", r.Stdout)
	}
	r = mustCLI(t, db, "graph", "risk", "--json", "--as-of", "2025-01-01", "--list-date", "2024-01-01")
	got := map[string]struct {
		Risk     float64  `json:"risk"`
		Flagged  bool     `json:"flagged"`
		LinkedTo []string `json:"linked_to"`
		Paths    []struct {
			Steps []struct{ Evidence string } `json:"steps"`
		} `json:"paths"`
	}{}
	sc := bufio.NewScanner(strings.NewReader(r.Stdout))
	for sc.Scan() {
		var v struct{ ID string }
		json.Unmarshal(sc.Bytes(), &v)
		x := got[v.ID]
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			t.Fatal(err)
		}
		got[v.ID] = x
	}
	want := map[string]string{"k1": "ofac-sdn:90001", "k2": "ofac-sdn:90001", "k3": "ofac-sdn:90002", "k4": ""}
	for id, linked := range want {
		x, ok := got[id]
		switch {
		case !ok:
			t.Errorf("%s: no result", id)
		case linked == "" && x.Flagged:
			t.Errorf("%s: flagged (risk %v), a namesake director with another birth date", id, x.Risk)
		case linked != "" && (!x.Flagged || len(x.LinkedTo) == 0 || x.LinkedTo[0] != linked):
			t.Errorf("%s: flagged %v linked %v, want %s", id, x.Flagged, x.LinkedTo, linked)
		}
	}
	if p := got["k2"].Paths; len(p) == 0 || !strings.Contains(p[0].Steps[0].Evidence, "shares phone +982155550101 (2 holders)") {
		t.Errorf("k2 evidence: %+v", p)
	}
	r = mustCLI(t, db, "graph", "risk")
	if !strings.Contains(r.Stdout, "k2") || strings.Contains(r.Stdout, "k4") {
		t.Errorf("table lists the flagged only:\n%s", r.Stdout)
	}
	r = mustCLI(t, db, "graph", "path", "k3", "ofac-sdn:90001")
	if !strings.Contains(r.Stdout, "company:k2") {
		t.Errorf("path k3 → 90001 not through its owner k2:\n%s", r.Stdout)
	}
	r = mustCLI(t, db, "graph", "show", "--depth", "1", "k2")
	var v struct {
		Nodes []struct{ ID string }
		Edges []struct{ From, To string }
	}
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil || len(v.Nodes) < 3 {
		t.Errorf("show: %v %s", err, r.Stdout)
	}
	if r := runCLI(t, db, "graph", "path", "k1", "nobody"); r.Code != 1 || !strings.Contains(r.Stderr, "no node") {
		t.Errorf("unknown node: exit %d, %s", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "graph", "import", filepath.Join("testdata", "graph", "lists", "sdn.csv")); r.Code != 1 {
		t.Errorf("importing a list file as records: exit %d", r.Code)
	}
	if r := runCLI(t, db, "graph", "frobnicate"); r.Code != 2 {
		t.Errorf("unknown subcommand: exit %d", r.Code)
	}
}

// TestServeGraphEndpoints: the risk list and a neighbourhood over HTTP,
// and a 404 that says what to do before records are imported.
func TestServeGraphEndpoints(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", filepath.Join("testdata", "graph", "lists"))
	url := startServe(t, db)
	get := func(path string, v any) int {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(v)
		return resp.StatusCode
	}
	var e map[string]any
	if code := get("/v1/graph/risk", &e); code != 404 || !strings.Contains(fmt.Sprint(e), "graph import") {
		t.Fatalf("before import: %d %v", code, e)
	}
	mustCLI(t, db, "graph", "import", filepath.Join("testdata", "graph", "book"))
	var risk struct {
		Results []struct {
			ID       string   `json:"id"`
			Flagged  bool     `json:"flagged"`
			LinkedTo []string `json:"linked_to"`
		} `json:"results"`
	}
	if code := get("/v1/graph/risk", &risk); code != 200 || len(risk.Results) != 3 {
		t.Fatalf("risk: %d %+v", code, risk)
	}
	for _, r := range risk.Results {
		if !r.Flagged || r.ID == "k4" {
			t.Errorf("risk list holds %+v", r)
		}
	}
	var view struct {
		Center string `json:"center"`
		Nodes  []struct{ ID string }
		Edges  []struct{ From, To, Kind string }
	}
	if code := get("/v1/graph/entities/k2?depth=2", &view); code != 200 || len(view.Nodes) < 3 || len(view.Edges) < 2 {
		t.Fatalf("neighbourhood: %d %+v", code, view)
	}
	if code := get("/v1/graph/entities/nobody", &e); code != 404 {
		t.Errorf("unknown node: %d", code)
	}
	if code := get("/v1/graph/entities/k2?depth=9", &e); code != 400 {
		t.Errorf("depth 9: %d", code)
	}
}

// TestGraphImportRefusesBadRows: every bad row is named with its line and
// nothing is stored; an old records file beside the database is pointed
// out, not read.
func TestGraphImportRefusesBadRows(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	dir := t.TempDir()
	body := "id,name,owners\nc1,One,\n,No Id,\nc3,Three,X|lots\nc1,Again,\n"
	if err := os.WriteFile(filepath.Join(dir, "companies.csv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, db, "graph", "import", dir)
	for _, want := range []string{"3 bad rows", "companies.csv:3: bad companies row: missing \"id\"", "companies.csv:4:", "companies.csv:5: bad companies row: id \"c1\" given twice"} {
		if r.Code != 1 || !strings.Contains(r.Stderr, want) {
			t.Errorf("bad rows: exit %d, stderr lacks %q:\n%s", r.Code, want, r.Stderr)
		}
	}
	if err := os.WriteFile(db+".graph.json", []byte(`{"companies":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, db, "graph", "risk"); r.Code != 1 || !strings.Contains(r.Stderr, "is no longer read") || !strings.Contains(r.Stderr, "graph import") {
		t.Errorf("risk with nothing imported: exit %d, %s", r.Code, r.Stderr)
	}
}
