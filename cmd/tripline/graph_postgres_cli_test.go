package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPostgresGraphReplicas: two "serve" replicas on one PostgreSQL
// database answer /v1/graph/* alike once any process imported the network
// records, and follow a later merge alike; nothing is kept outside the
// database (earlier versions kept the records in the home folder of the
// machine that imported them, so the other replica had none).
func TestPostgresGraphReplicas(t *testing.T) {
	db := postgresDB(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	mustCLI(t, db, "import", filepath.Join("testdata", "graph", "lists"))
	a := startServe(t, db)
	b := startServe(t, db)
	get := func(base, path string) (int, []byte) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, body
	}
	same := func(path string, wantCode int) []byte {
		t.Helper()
		ca, ba := get(a, path)
		cb, bb := get(b, path)
		if ca != wantCode || cb != wantCode {
			t.Fatalf("%s: replicas answer %d and %d, want %d\n%s\n%s", path, ca, cb, wantCode, ba, bb)
		}
		if wantCode == 200 && !bytes.Equal(ba, bb) {
			t.Fatalf("%s: the replicas answer differently:\n%s\n%s", path, ba, bb)
		}
		return ba
	}
	same("/v1/graph/risk", 404)

	mustCLI(t, db, "graph", "import", filepath.Join("testdata", "graph", "book"))
	var risk struct {
		Results []struct {
			ID      string `json:"id"`
			Flagged bool   `json:"flagged"`
		} `json:"results"`
	}
	if err := json.Unmarshal(same("/v1/graph/risk", 200), &risk); err != nil || len(risk.Results) != 3 {
		t.Fatalf("risk: %+v, %v; want k1, k2, k3", risk, err)
	}
	same("/v1/graph/risk?flagged=false&limit=0", 200)
	same("/v1/graph/entities/k2?depth=2", 200)
	same("/v1/graph/entities/ofac-sdn:90001", 200)
	same("/v1/graph/entities/nobody", 404)

	// A merge through the CLI reaches both at their next request: k5
	// shares k2's phone.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "companies-new.csv"), []byte("id,name,country,phone\nk5,Osprey Freight FZE,AE,+98 21 5555 0101\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, db, "graph", "import", "--append", dir)
	if err := json.Unmarshal(same("/v1/graph/risk?flagged=false&limit=0", 200), &risk); err != nil || len(risk.Results) != 5 {
		t.Fatalf("risk after a merge: %+v, %v; want five companies", risk, err)
	}
	same("/v1/graph/entities/k5", 200)

	// The one thing a PostgreSQL deployment keeps on local disk is the
	// screening index's cache (derived from the database, rebuilt when
	// missing): ~/.cache/tripline/index-*. Nothing else may be there.
	var kept []string
	err := filepath.WalkDir(home, func(path string, d os.DirEntry, err error) error {
		if err != nil || path == home {
			return err
		}
		rel, _ := filepath.Rel(home, path)
		switch {
		case d.IsDir() && (rel == ".cache" || rel == filepath.Join(".cache", "tripline")):
			return nil
		case strings.HasPrefix(rel, filepath.Join(".cache", "tripline", "index-")):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		kept = append(kept, rel)
		return nil
	})
	if err != nil || len(kept) != 0 {
		t.Errorf("the home folder holds %v (%v); the records belong in the database", kept, err)
	}
}
