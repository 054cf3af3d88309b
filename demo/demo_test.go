package demo_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
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
		t.Run(d.Dir, func(t *testing.T) {
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
			if !d.Update {
				all = append(all, ds.Entities...)
			}
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

func TestDemoUpdateDelta(t *testing.T) {
	dir := t.TempDir()
	if err := demo.Extract(dir); err != nil {
		t.Fatal(err)
	}
	read := func(sub string) []*tripline.Entity {
		jobs, _, err := ingest.Plan([]string{filepath.Join(dir, sub)}, "")
		if err != nil || len(jobs) != 1 {
			t.Fatalf("%s: %v %v", sub, jobs, err)
		}
		ds, err := ingest.Read(context.Background(), jobs[0], ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return ds.Entities
	}
	d := delta.Compare(read("ofac_sdn"), read("ofac_sdn_update"))
	if !slices.Equal(d.Added, []string{"ofac-sdn:90026"}) || !slices.Equal(d.Removed, []string{"ofac-sdn:90025"}) {
		t.Errorf("added %v removed %v, want 90026 and 90025", d.Added, d.Removed)
	}
	want := map[string]bool{"ofac-sdn:90005": true, "ofac-sdn:90009": false, "ofac-sdn:90017": true}
	got := map[string]bool{}
	for _, ch := range d.Changed {
		got[ch.ID] = ch.Material
	}
	if !maps.Equal(got, want) {
		t.Errorf("changes (id: material) = %v, want %v", got, want)
	}
	if !demo.Datasets[0].HasUpdate() || demo.Datasets[1].HasUpdate() || demo.Datasets[2].HasUpdate() {
		t.Error("HasUpdate is wrong")
	}
}
