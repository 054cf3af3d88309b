package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/demo"
	"github.com/tripline/tripline/ingest"
)

// TestDemoFilesParse reads every bundled file with the real readers.
func TestDemoFilesParse(t *testing.T) {
	dir := t.TempDir()
	if err := demo.Extract(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Errorf("README.md not extracted: %v", err)
	}
	var all []*tripline.Entity
	for _, d := range demo.Datasets {
		t.Run(d.Source, func(t *testing.T) {
			jobs, skipped, err := ingest.Plan([]string{filepath.Join(dir, d.Dir)}, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(skipped) > 0 || len(jobs) != 1 {
				t.Fatalf("%s: %d jobs, skipped %v; want one dataset (is its reader registered in ingest?)", d.Dir, len(jobs), skipped)
			}
			ds, err := ingest.Read(context.Background(), jobs[0], ingest.Options{Source: d.Source})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Entities) != d.Entities {
				t.Errorf("%d entities, want %d", len(ds.Entities), d.Entities)
			}
			if len(ds.Warnings) > 0 {
				t.Errorf("warnings: %v", ds.Warnings)
			}
			for _, e := range ds.Entities {
				if !strings.HasPrefix(e.ID, d.Source+":") || e.Source != d.Source {
					t.Errorf("entity %s of source %s, want source %s", e.ID, e.Source, d.Source)
				}
			}
			all = append(all, ds.Entities...)
		})
	}
	// The demo promises these features to whoever tries screening on it.
	has := map[string]bool{}
	for _, e := range all {
		has[string(e.Schema)] = true
		for _, n := range e.Names {
			if n.Kind == tripline.NameWeak {
				has["weak alias"] = true
			}
			if n.Script == "Cyrl" {
				has["Cyrillic name"] = true
			}
		}
		if len(e.Links) > 0 {
			has["link"] = true
		}
		if len(e.BirthDates) > 0 {
			has["birth date"] = true
		}
		for _, id := range e.Identifiers {
			has[id.Type] = true
		}
	}
	for _, want := range []string{"Person", "Organization", "Vessel", "Airplane", "weak alias", "Cyrillic name", "link", "birth date", "passport", "imo"} {
		if !has[want] {
			t.Errorf("the demo data has no %s", want)
		}
	}
}
