package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
)

// importSDN imports the real OFAC SDN set into a new database.
func importSDN(t *testing.T) string {
	t.Helper()
	dir := sharedData(t, "lists", "ofac_sdn")
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", dir)
	return db
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScreenCompareExplainCLI(t *testing.T) {
	db := importSDN(t)

	in := writeTemp(t, "q.csv", "id,name,type,country\n"+
		"q1,Ghasem Soleymani,person,Iran\n"+
		"q2,Keysight Technologies Inc,organization,\n"+
		"q3,قاسم سلیمانی,,\n"+
		"q4,\"SOLEIMANI, Qasem\",person,IR\n")
	r := mustCLI(t, db, "screen", "--input", in)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), r.Stdout)
	}
	type hit struct {
		ID, Source, Name string
		SourceID         string         `json:"source_id"`
		MatchedName      string         `json:"matched_name"`
		Score            float64        `json:"score"`
		Explanation      map[string]any `json:"explanation"`
	}
	type result struct {
		ID        string  `json:"id"`
		Matches   []hit   `json:"matches"`
		Threshold float64 `json:"threshold"`
		Algorithm string  `json:"algorithm"`
	}
	var res []result
	for _, l := range lines {
		var x result
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if !strings.Contains(l, `"matches":[`) {
			t.Errorf("matches is not an array: %s", l)
		}
		res = append(res, x)
	}
	for i, want := range []string{"q1", "q2", "q3", "q4"} {
		if res[i].ID != want {
			t.Errorf("line %d is %s, want %s (input order)", i+1, res[i].ID, want)
		}
		if res[i].Algorithm != match.Version6 || res[i].Threshold != match.DefaultConfig().Threshold {
			t.Errorf("line %d: algorithm %q threshold %v", i+1, res[i].Algorithm, res[i].Threshold)
		}
	}
	for _, i := range []int{0, 2, 3} {
		if len(res[i].Matches) == 0 || res[i].Matches[0].ID != "ofac-sdn:10481" {
			t.Errorf("%s: matches %+v, want ofac-sdn:10481 first", res[i].ID, res[i].Matches)
			continue
		}
		m := res[i].Matches[0]
		if m.Source != "ofac-sdn" || m.SourceID != "10481" || m.Name == "" || m.MatchedName == "" || m.Explanation["summary"] == nil {
			t.Errorf("%s: incomplete match %+v", res[i].ID, m)
		}
	}
	if len(res[1].Matches) != 0 {
		t.Errorf("lawful company alerted: %+v", res[1].Matches)
	}
	if res[3].Matches[0].Score != 1 {
		t.Errorf("exact listed name scored %v, want 1", res[3].Matches[0].Score)
	}

	// JSON lines in, CSV out, a source filter and a threshold.
	jl := writeTemp(t, "q.jsonl", `{"id":"a","name":"Qasem Soleimani","birth_date":"1957"}`+"\n"+`{"id":"b","name":"John Smith"}`+"\n")
	r = mustCLI(t, db, "screen", "--input", jl, "--format", "csv", "--sources", "ofac-sdn", "--threshold", "0.9", "--limit", "1")
	if !strings.HasPrefix(r.Stdout, "id,match_id,source,source_id,name,matched_name,score,error\na,ofac-sdn:10481,ofac-sdn,10481,") || !strings.Contains(r.Stdout, "\nb,,,,,,,\n") {
		t.Errorf("csv output:\n%s", r.Stdout)
	}

	// compare: one object per data row, symmetric scores.
	pairs := writeTemp(t, "p.csv", "name1,name2,schema\nQasem Soleimani,\"SOLEIMANI, Ghasem\",person\n\"SOLEIMANI, Ghasem\",Qasem Soleimani,person\nSnow Storm 1,Snow Storm 2,vessel\n")
	r = mustCLI(t, db, "compare", "--input", pairs)
	type row struct {
		Row   int     `json:"row"`
		Score float64 `json:"score"`
		Match bool    `json:"match"`
	}
	var rows []row
	for _, l := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		var x row
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		rows = append(rows, x)
	}
	if len(rows) != 3 || rows[0].Row != 1 || rows[2].Row != 3 || !rows[0].Match || rows[2].Match || rows[0].Score != rows[1].Score {
		t.Errorf("compare rows %+v", rows)
	}

	// explain: human-readable, names the parts and the verdict.
	r = mustCLI(t, db, "explain", "--name", "Ghasem Soleymani", "--birth-date", "1957", "ofac-sdn:10481")
	for _, want := range []string{"ofac-sdn:10481", "MATCH", "tripline-name-v6", "ghasem", "birth_date"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("explain output lacks %q:\n%s", want, r.Stdout)
		}
	}
	if r := runCLI(t, db, "explain", "--name", "x", "ofac-sdn:0"); r.Code != 1 {
		t.Errorf("explain unknown id: exit %d, want 1", r.Code)
	}

	// Usage and input errors.
	if r := runCLI(t, db, "screen"); r.Code != 2 {
		t.Errorf("screen without --input: exit %d, want 2", r.Code)
	}
	bad := writeTemp(t, "bad.csv", "id,name,type\nx,Someone,spaceship\n")
	if r := runCLI(t, db, "screen", "--input", bad); r.Code != 1 || !strings.Contains(r.Stderr, "bad.csv:2") {
		t.Errorf("bad type: exit %d, stderr %q", r.Code, r.Stderr)
	}
	noName := writeTemp(t, "nn.csv", "id,label\nx,Someone\n")
	if r := runCLI(t, db, "screen", "--input", noName); r.Code != 1 || !strings.Contains(r.Stderr, "name column") {
		t.Errorf("no name column: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

func TestScreenWithoutLists(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	in := writeTemp(t, "q.csv", "id,name\n1,Someone\n")
	r := runCLI(t, db, "screen", "--input", in)
	if r.Code != 1 || !strings.Contains(r.Stderr, "import") {
		t.Errorf("exit %d, stderr %q; want a hint to import lists", r.Code, r.Stderr)
	}
}

// TestScreenStreamsBadRowsAndRemote: a bad row is reported in place with
// its line and the rest is screened; --remote gives the same results as
// screening locally.
func TestScreenStreamsBadRowsAndRemote(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustCLI(t, db, "demo")
	in := writeTemp(t, "q.csv", "id,name,type\n1,Farhad Moradi,person\n2,,person\n3,Kaveh Sanat Arya Company,spaceship\n4,Golden Crescent General Trading,organization\n")
	r := runCLI(t, db, "screen", "--input", in)
	if r.Code != 1 || !strings.Contains(r.Stderr, "q.csv:3") || !strings.Contains(r.Stderr, "q.csv:4") {
		t.Fatalf("bad rows: exit %d, stderr %s", r.Code, r.Stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one line per input row, got %d:\n%s", len(lines), r.Stdout)
	}
	var got []struct {
		ID      string           `json:"id"`
		Matches []tripline.Match `json:"matches"`
		Error   string           `json:"error"`
	}
	for _, l := range lines {
		var x struct {
			ID      string           `json:"id"`
			Matches []tripline.Match `json:"matches"`
			Error   string           `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatal(err)
		}
		got = append(got, x)
	}
	if got[0].Error != "" || len(got[0].Matches) == 0 || got[1].Error == "" || got[2].Error == "" || got[3].ID != "4" || len(got[3].Matches) == 0 {
		t.Errorf("rows: %+v", got)
	}

	good := writeTemp(t, "good.csv", "id,name\n1,Farhad Moradi\n4,Golden Crescent General Trading\n5,Ordinary Bakery Ltd\n")
	local := mustCLI(t, db, "screen", "--input", good)
	url := startServe(t, db)
	remote := mustCLI(t, db, "screen", "--input", good, "--remote", url)
	strip := func(s string) string { // the remote answer names its snapshots
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			var x map[string]any
			json.Unmarshal([]byte(l), &x)
			delete(x, "snapshots")
			b, _ := json.Marshal(x)
			out = append(out, string(b))
		}
		return strings.Join(out, "\n")
	}
	if strip(local.Stdout) != strip(remote.Stdout) {
		t.Errorf("remote differs from local:\nlocal  %s\nremote %s", local.Stdout, remote.Stdout)
	}
}
