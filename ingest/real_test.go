package ingest_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

// sharedLists returns ../shared/data/REL from the repository root, or
// skips.
func sharedData(t *testing.T, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "shared", "data"}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real list data not available at %s (the shared data folder sits next to the repository): %v", p, err)
	}
	return p
}

// provenanceCounts are the entity counts PROVENANCE.txt gives per source.
var provenanceCounts = map[string]int{
	"ofac-sdn": 16989, "ofac-cons": 442, "ofac-cons-enhanced": 443, "us-csl": 14760, "us-bis-dpl": 665,
	"eu-fsf": 4589, "un-sc": 1003, "uk-ofsi": 4254, "uk-sl": 3728, "au-dfat": 3062,
}

// current is what a source's current snapshot is, comparably.
type current struct {
	ID          int64
	EntityCount int
	Hash        string
}

func currentCounts(t *testing.T, st tripline.Store) map[string]current {
	t.Helper()
	cur, err := st.CurrentSnapshots(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]current{}
	for _, s := range cur {
		out[s.Source] = current{s.ID, s.EntityCount, s.Hash}
	}
	return out
}

func copyFile(t *testing.T, src, dst string, n int) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if n >= 0 {
		data = data[:n]
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportAllRealLists imports every real list with the counts of
// PROVENANCE.txt; a copy with any one file cut in half is refused (a parse
// error naming file and line, or a guard) and changes nothing; importing the same files again creates
// nothing.
func TestImportAllRealLists(t *testing.T) {
	if testing.Short() || underRace {
		t.Skip("imports every real list; skipped with -short and under the race detector")
	}
	lists := sharedData(t, "lists")
	ctx := context.Background()
	im, st := newImporter(t)
	rep, err := im.Import(ctx, []string{lists}, ingest.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Imports {
		if r.Error != "" || len(r.Warnings) > 0 && strings.Contains(strings.Join(r.Warnings, " "), "end-of-file") {
			t.Errorf("import of %v (%s): %s", r.Files, r.Format, r.Error)
		}
	}
	got := currentCounts(t, st)
	for src, want := range provenanceCounts {
		if got[src].EntityCount != want {
			t.Errorf("%s: %d entities, PROVENANCE.txt says %d", src, got[src].EntityCount, want)
		}
	}
	if len(got) != len(provenanceCounts) {
		t.Errorf("sources %v, want those of PROVENANCE.txt", slicesKeys(got))
	}

	t.Run("TruncatedCopies", func(t *testing.T) {
		dirs, err := os.ReadDir(lists)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			if !d.IsDir() {
				continue
			}
			files, _ := os.ReadDir(filepath.Join(lists, d.Name()))
			for _, f := range files {
				tmp := t.TempDir()
				for _, g := range files {
					n := -1
					if g.Name() == f.Name() {
						fi, _ := g.Info()
						n = int(fi.Size() / 2)
					}
					copyFile(t, filepath.Join(lists, d.Name(), g.Name()), filepath.Join(tmp, g.Name()), n)
				}
				rep, err := im.Import(ctx, []string{tmp}, ingest.ImportOptions{})
				if err != nil {
					t.Errorf("%s cut in half: %v", f.Name(), err)
					continue
				}
				failed := false
				for _, r := range rep.Imports {
					failed = failed || r.Error != "" && strings.Contains(strings.Join(r.Files, " "), f.Name())
				}
				if !failed {
					t.Errorf("%s/%s cut in half: no failure naming it: %+v", d.Name(), f.Name(), rep.Imports)
				}
			}
		}
		if after := currentCounts(t, st); !maps.Equal(after, got) {
			t.Errorf("sources changed after failed imports:\nbefore %+v\nafter  %+v", got, after)
		}
	})

	again, err := im.Import(ctx, []string{lists}, ingest.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again.Imports {
		if r.Created || r.Error != "" {
			t.Errorf("re-import of %s: created %v, error %q; want unchanged", r.Source, r.Created, r.Error)
		}
	}
}

func slicesKeys(m map[string]current) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// sharedFileOf maps an official file name (as the registry declares it,
// and "lists update" saves it) to its copy in ../shared/data/lists.
var sharedFileOf = map[string]string{
	"consolidated.csv":              "us_csl/csl.csv",
	"dpl.txt":                       "us_bis_dpl/dpl.txt",
	"eu_fsf.csv":                    "eu_fsf/eu_csl.csv",
	"consolidated.xml":              "un_sc/UN_consolidated.xml",
	"ConList.csv":                   "uk_ofsi_conlist/ConList.csv",
	"UK_Sanctions_List.ods":         "uk_sanctions_list/UK_Sanctions_List.ods",
	"CONS_ENHANCED.ZIP":             "ofac_cons/CONS_ENHANCED.ZIP",
	"regulation8_consolidated.xlsx": "au_dfat/regulation8_consolidated.xlsx",
}

// TestOfficialFileNames reads every real list under the file names the
// registry declares (what "lists update" saves): each is recognised as its
// source and format, with the PROVENANCE.txt count.
func TestOfficialFileNames(t *testing.T) {
	if testing.Short() || underRace {
		t.Skip("reads every real list; skipped with -short and under the race detector")
	}
	lists := sharedData(t, "lists")
	for _, src := range ingest.OfficialSources() {
		if len(src.Files) == 0 {
			continue
		}
		t.Run(src.ID, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range src.Files {
				rel, ok := sharedFileOf[f.Name]
				if !ok {
					rel = strings.ReplaceAll(src.ID, "-", "_") + "/" + f.Name // ofac_sdn, ofac_cons
				}
				p := filepath.Join(lists, filepath.FromSlash(rel))
				if _, err := os.Stat(p); err != nil {
					t.Skipf("no real copy of %s: %v", f.Name, err)
				}
				copyFile(t, p, filepath.Join(dir, f.Name), -1)
			}
			jobs, _, err := ingest.Plan([]string{dir}, "")
			if err != nil || len(jobs) != 1 {
				t.Fatalf("Plan: %d jobs, %v", len(jobs), err)
			}
			ds, err := ingest.Read(context.Background(), jobs[0], ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if ds.Source != src.ID || ds.Format != src.Format || len(ds.Entities) != provenanceCounts[src.ID] || len(ds.Incomplete) > 0 {
				t.Errorf("read as %s/%s with %d entities (incomplete %v); want %s/%s with %d", ds.Source, ds.Format, len(ds.Entities), ds.Incomplete, src.ID, src.Format, provenanceCounts[src.ID])
			}
		})
	}
}

// TestTwoDatasetsOfOneSourceReal: the OpenSanctions folder holds two files
// of source "os"; one run imports the first and refuses the second with
// what to do, rather than silently replacing it.
func TestTwoDatasetsOfOneSourceReal(t *testing.T) {
	dir := sharedData(t, "formats", "opensanctions")
	ctx := context.Background()
	im, st := newImporter(t)
	rep, err := im.Import(ctx, []string{dir}, ingest.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 1 {
		t.Fatalf("%d failed, want 1: %+v", rep.Failed, rep.Imports)
	}
	for _, r := range rep.Imports {
		if r.Error != "" && (!strings.Contains(r.Error, "already came from") || !strings.Contains(r.Error, "--source")) {
			t.Errorf("refusal %q", r.Error)
		}
	}
	if got := currentCounts(t, st); len(got) != 1 {
		t.Errorf("sources %v, want os alone", slicesKeys(got))
	}
	if r := importOne(t, ctx, im, ingest.ImportOptions{Source: "os-peps"}, filepath.Join(dir, "entities.ftm.json")); !r.Created {
		t.Errorf("a separate import: %+v", r)
	}
}
