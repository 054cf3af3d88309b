package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// runCLIStdin runs tripline with stdin as its standard input.
func runCLIStdin(t *testing.T, db, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := m.Run(context.Background(), append([]string{"--db", db}, args...))
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	return cliResult{out.String(), errb.String(), code}
}

// jsonLines parses each line of out as a JSON object.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var x map[string]any
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		rows = append(rows, x)
	}
	return rows
}

// TestCompareQuoteErrorIsARow: `printf 'a,b\n"x\n' | tripline compare
// --input -` panicked; the bad row is now reported in place.
func TestCompareQuoteErrorIsARow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	r := runCLIStdin(t, db, "a,b\n\"x\nc,d\n", "compare", "--uniform", "--input", "-")
	rows := jsonLines(t, r.Stdout)
	if r.Code != 1 || len(rows) != 3 || rows[0]["score"] == nil || rows[1]["error"] == nil || rows[1]["row"] != 2.0 || rows[2]["score"] == nil {
		t.Fatalf("exit %d, stdout %s, stderr %s", r.Code, r.Stdout, r.Stderr)
	}
	if !strings.Contains(r.Stderr, "stdin:2:") {
		t.Errorf("stderr does not name the line: %s", r.Stderr)
	}
}

// TestScreenQuoteErrorGoesOn: a CSV quoting error costs its row, not the
// rest of the run (it ended `tripline screen`).
func TestScreenQuoteErrorGoesOn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustCLI(t, db, "demo")
	in := writeTemp(t, "q.csv", "id,name\n1,Farhad Moradi\n2,\"Golden Crescent\n3,Golden Crescent General Trading\n")
	r := runCLI(t, db, "screen", "--input", in)
	rows := jsonLines(t, r.Stdout)
	if r.Code != 1 || len(rows) != 3 || !strings.Contains(r.Stderr, "q.csv:3:") {
		t.Fatalf("exit %d, stdout %s, stderr %s", r.Code, r.Stdout, r.Stderr)
	}
	if rows[1]["error"] == nil || rows[2]["id"] != "3" || len(rows[2]["matches"].([]any)) == 0 || len(rows[0]["matches"].([]any)) == 0 {
		t.Errorf("rows %v", rows)
	}
}

// TestCheckBadRowInPlace: one bad order is reported in place with its line
// and the run goes on; the decisions before and after it are printed (a
// bad row ended the run and lost them).
func TestCheckBadRowInPlace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	good := func(id string) string {
		return `{"id":"` + id + `","parties":[{"role":"buyer","name":"Example Bakery GmbH","country":"DE"}],"items":[{"description":"Almonds in shell","hs_code":"0802.11","quantity":100,"unit_value":5}]}`
	}
	jsonl := writeTemp(t, "o.jsonl", good("o1")+"\n"+`{"id":"o2","parties":[{"role":"customer","name":"x"}]}`+"\n"+`{"id":`+"\n"+good("o4")+"\n")
	csvIn := writeTemp(t, "o.csv", "id,buyer_name,item_description,item_hs_code\nc1,Example Bakery GmbH,Almonds,0802.11\nc2,\"Example\nc3,Example Bakery GmbH,Almonds,0802.11\n")
	for _, tc := range []struct {
		in      string
		ids     []string
		badLine []string
	}{
		{jsonl, []string{"o1", "o2", "", "o4"}, []string{"o.jsonl:2:", "o.jsonl:3:"}},
		{csvIn, []string{"c1", "c2", "c3"}, []string{"o.csv:3:"}},
	} {
		r := runCLI(t, db, "check", "--no-screen", "--input", tc.in)
		rows := jsonLines(t, r.Stdout)
		if r.Code != 1 || len(rows) != len(tc.ids) {
			t.Fatalf("%s: exit %d, stdout %s, stderr %s", tc.in, r.Code, r.Stdout, r.Stderr)
		}
		for i, id := range tc.ids {
			if rows[i]["id"] != id {
				t.Errorf("%s: line %d is %v, want %q", tc.in, i+1, rows[i], id)
			}
		}
		first, last := rows[0], rows[len(rows)-1]
		if first["risk"] != "clear" || last["risk"] != "clear" || rows[1]["error"] == nil {
			t.Errorf("%s: rows %v", tc.in, rows)
		}
		for _, l := range tc.badLine {
			if !strings.Contains(r.Stderr, l) || !strings.Contains(r.Stdout, l) {
				t.Errorf("%s: %s not reported in place and on stderr:\n%s\n%s", tc.in, l, r.Stdout, r.Stderr)
			}
		}
	}
}
