package main

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReconcileFindsWhatScreenFinds reconciles 1,000 names of a
// spreadsheet (the first 1,000 rows of the screening-dev set: persons,
// companies, vessels and aircraft, some with a country) against the real
// OFAC SDN list through /reconcile, in batches of 10 as OpenRefine sends
// them, and screens the same file with "tripline screen": the candidates
// whose match is true are exactly the matches screen reports, query by
// query.
func TestReconcileFindsWhatScreenFinds(t *testing.T) {
	sdn := sharedData(t, "lists", "ofac_sdn")
	queries := filepath.Join(sharedData(t, "..", "eval", "screening-dev"), "queries.csv")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustCLI(t, db, "import", sdn)

	f, err := os.Open(queries)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 1001 || !slices.Equal(rows[0], []string{"id", "name", "type", "country"}) {
		t.Fatalf("screening-dev queries: %d rows, header %q", len(rows), rows[0])
	}
	rows = rows[:1001]
	sheet := filepath.Join(dir, "names.csv")
	out, err := os.Create(sheet)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.WriteAll(rows)
	out.Close()

	// tripline screen: one JSON line a row.
	screened := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(mustCLI(t, db, "screen", "--input", sheet).Stdout), "\n") {
		var r struct {
			ID      string `json:"id"`
			Matches []struct {
				ID string `json:"id"`
			} `json:"matches"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("screen output %q: %v", line, err)
		}
		for _, m := range r.Matches {
			screened[r.ID] = append(screened[r.ID], m.ID)
		}
		if screened[r.ID] == nil {
			screened[r.ID] = []string{}
		}
	}
	if len(screened) != 1000 {
		t.Fatalf("screen answered %d rows, want 1,000", len(screened))
	}

	base := startServe(t, db)
	types := map[string]string{"person": "Person", "organization": "Organization", "vessel": "Vessel", "aircraft": "Airplane"}
	reconciled := map[string][]string{}
	matches := 0
	for i := 1; i < len(rows); i += 10 {
		batch := map[string]any{}
		for _, row := range rows[i:min(i+10, len(rows))] {
			q := map[string]any{"query": row[1], "limit": 10}
			if tp := types[row[2]]; tp != "" {
				q["type"] = tp
			}
			if row[3] != "" {
				q["properties"] = []map[string]any{{"pid": "country", "v": row[3]}}
			}
			batch[row[0]] = q
		}
		b, _ := json.Marshal(batch)
		resp, err := http.PostForm(base+"/reconcile", url.Values{"queries": {string(b)}})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("reconcile: %d %s", resp.StatusCode, raw)
		}
		var res map[string]struct {
			Result []struct {
				ID    string `json:"id"`
				Match bool   `json:"match"`
			} `json:"result"`
		}
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		for k, r := range res {
			reconciled[k] = []string{}
			for _, c := range r.Result {
				if c.Match {
					reconciled[k] = append(reconciled[k], c.ID)
					matches++
				}
			}
		}
	}
	diff := 0
	for id, want := range screened {
		got, ok := reconciled[id]
		if !ok || !slices.Equal(got, want) {
			if diff++; diff <= 5 {
				t.Errorf("%s: reconcile matches %q, screen %q", id, got, want)
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d of 1,000 names reconcile otherwise than they screen", diff)
	}
	if matches < 300 {
		t.Errorf("only %d matches among 1,000 names: the set is meant to find most", matches)
	}
	t.Logf("1,000 names: %d matches, the same as tripline screen's", matches)
}
