package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

func TestArticlesCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "transfers", "import", filepath.Join("..", "..", "ingest", "sipri", "testdata", "register_excerpt.csv"))
	dir := filepath.Join("..", "..", "osint", "testdata")
	r := mustCLI(t, db, "articles", "ingest", "--json", dir)
	var arts []tripline.Article
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		var a tripline.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if a.ID == "" || a.TextSHA256 == "" || a.Text != "" || a.Systems == nil || a.Mentions == nil || a.Dates == nil || a.Transfers == nil {
			t.Errorf("article line lacks a field: %s", line)
		}
		arts = append(arts, a)
	}
	if len(arts) != 6 {
		t.Fatalf("%d articles, want 6", len(arts))
	}
	dupes := 0
	for _, a := range arts {
		if a.DuplicateOf != "" {
			dupes++
		}
	}
	if dupes != 1 {
		t.Errorf("%d near duplicates, want the one copy", dupes)
	}
	if r := mustCLI(t, db, "articles", "ingest", dir); !strings.Contains(r.Stderr, "0 new") {
		t.Errorf("re-ingest: %s", r.Stderr)
	}
	r = mustCLI(t, db, "articles", "claims", "--supplier", "IR", "--recipient", "RU")
	if !strings.Contains(r.Stdout, "shahed-136") {
		t.Errorf("claims:\n%s", r.Stdout)
	}
	r = mustCLI(t, db, "articles", "list", "--system", "Kochevnik")
	if !strings.Contains(r.Stdout, "Belarus takes delivery") {
		t.Errorf("list --system Kochevnik:\n%s", r.Stdout)
	}
	id := arts[0].ID
	r = mustCLI(t, db, "articles", "show", "--text", id)
	if !strings.Contains(r.Stdout, "[") {
		t.Errorf("show --text marks nothing:\n%s", r.Stdout)
	}
	r = mustCLI(t, db, "articles", "show", "--json", id)
	var full tripline.Article
	if err := json.Unmarshal([]byte(r.Stdout), &full); err != nil || full.Text == "" {
		t.Errorf("show --json: %v", err)
	}
	if r := runCLI(t, db, "articles", "show", "art_none"); r.Code != 1 {
		t.Errorf("unknown article: exit %d", r.Code)
	}
	r = mustCLI(t, db, "systems", "show", "--no-lists", "Geran-2")
	for _, want := range []string{"shahed-136", "ofac-sdn:39637", "CHPL tier 1", "STM32F765VIT6", "Register rows: 3", "Claims in articles: 2"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("systems show lacks %q:\n%s", want, r.Stdout)
		}
	}
	if r := runCLI(t, db, "systems", "show", "--no-lists", "Zolfaghar"); r.Code != 1 || !strings.Contains(r.Stderr, "zolfaghar-bm") {
		t.Errorf("a homonym: exit %d %s", r.Code, r.Stderr)
	}
	if r := mustCLI(t, db, "systems", "list"); !strings.Contains(r.Stdout, "zolfaghar-fac") {
		t.Errorf("systems list:\n%s", r.Stdout)
	}
}
