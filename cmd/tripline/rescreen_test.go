package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline/sqlite"
)

// TestEveryImportPathRescreensOnce: the rescreen hangs off the importer's
// after-commit hook, so each way a list comes in — tripline import, demo,
// lists update, the scheduled update of serve, POST /v1/imports — rescreens
// the book once per new snapshot (and not for an unchanged one), and
// --no-rescreen leaves it to "book rescreen". The store holds one pass per
// new snapshot, all done.
func TestEveryImportPathRescreensOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	list := filepath.Join(dir, "house.ftm.json")
	writeHouseList(t, list, 50, false)
	mustCLI(t, db, "import", "--source", "house", list)
	book := writeFile(t, filepath.Join(dir, "book.csv"), fmt.Sprintf("id,name\nc1,%s Metals\nc2,Zagros Trading\nc3,Unrelated Bakery\n", word(1)+"zan"))
	mustCLI(t, db, "book", "import", "--book", "customers", book)
	newSnapshots := 0
	// once counts the book's rescreen notes of one import's results.
	once := func(what string, results []map[string]any) {
		t.Helper()
		for _, r := range results {
			n := 0
			for _, o := range asSlice(r["observed"]) {
				if strings.HasPrefix(o.(string), "rescreened book customers") {
					n++
				}
			}
			want := 0
			if r["created"] == true {
				want = 1
				newSnapshots++
			}
			if n != want {
				t.Errorf("%s: %s rescreened the book %d times, want %d: %v", what, r["source"], n, want, r["observed"])
			}
		}
	}

	// demo: every bundled list is new.
	var demo struct {
		Imports []map[string]any `json:"imports"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, db, "demo", "--json").Stdout), &demo); err != nil {
		t.Fatal(err)
	}
	if len(demo.Imports) < 3 {
		t.Fatalf("demo imported %d lists", len(demo.Imports))
	}
	once("demo", demo.Imports)

	// tripline import, then again with --no-rescreen.
	writeHouseList(t, list, 60, true)
	var rep struct {
		Imports []map[string]any `json:"imports"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, db, "import", "--json", "--source", "house", list).Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	once("import", rep.Imports)
	writeHouseList(t, list, 65, true)
	if r := mustCLI(t, db, "import", "--no-rescreen", "--source", "house", list); strings.Contains(r.Stdout, "rescreened") {
		t.Errorf("import --no-rescreen rescreened:\n%s", r.Stdout)
	}
	if r := mustCLI(t, db, "book", "rescreen", "customers"); !strings.Contains(r.Stdout, "rescreened book customers") {
		t.Errorf("book rescreen after --no-rescreen:\n%s", r.Stdout)
	}
	newSnapshots++

	// lists update from a loopback mirror: the UN list with other bytes.
	xml, err := os.ReadFile(filepath.Join("..", "..", "demo", "data", "un_sc", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var served []byte
	mirror := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/un-sc/consolidated.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(served)
	}))
	defer mirror.Close()
	served = append(append([]byte{}, xml...), "\n"...)
	var upd []struct {
		Import map[string]any `json:"import"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, db, "lists", "update", "--json", "--only", "un-sc", "--base-url", mirror.URL).Stdout), &upd); err != nil {
		t.Fatal(err)
	}
	if len(upd) != 1 || upd[0].Import["created"] != true {
		t.Fatalf("lists update: %+v", upd)
	}
	once("lists update", []map[string]any{upd[0].Import})

	// The scheduled update of serve --update-every, run as its job does.
	served = append(served, "\n"...)
	var logs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }, DBPath: db}
	st, err := m.openStore(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	err = m.scheduledUpdate(context.Background(), st, listsUpdateArgs{Only: "un-sc", BaseURL: mirror.URL}, slog.New(slog.NewTextHandler(&logs, nil)))
	m.Close()
	if err != nil {
		t.Fatalf("scheduled update: %v\n%s", err, logs.String())
	}
	if n := strings.Count(logs.String(), "rescreened book customers"); n != 1 {
		t.Errorf("the scheduled update rescreened the book %d times, want 1:\n%s", n, logs.String())
	}
	newSnapshots++

	// POST /v1/imports.
	url := startServe(t, db)
	writeHouseList(t, list, 70, true)
	body, _ := os.ReadFile(list)
	resp, err := http.Post(url+"/v1/imports?source=house&filename=house.ftm.json", "application/octet-stream", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var ir map[string]any
	json.NewDecoder(resp.Body).Decode(&ir)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("POST /v1/imports: %d %v", resp.StatusCode, ir)
	}
	ir["source"] = "house"
	once("POST /v1/imports", []map[string]any{ir})

	// The store agrees: one pass for the book's import, one per new
	// snapshot, all done.
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	passes, err := s.Passes(context.Background(), "customers", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(passes) != 1+newSnapshots {
		var keys []string
		for _, p := range passes {
			keys = append(keys, p.Key)
		}
		t.Errorf("%d passes, want %d (the book's own and one per new snapshot): %v", len(passes), 1+newSnapshots, keys)
	}
	for _, p := range passes {
		if !p.Done {
			t.Errorf("pass %s not done", p.Key)
		}
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
