package ingest

import (
	"context"
	"github.com/tripline/tripline/ingest/internal/readertest"
	"os"
	"path/filepath"
	"testing"
)

// TestPlanUSAndUN checks that the CSL, BIS DPL and UN files of ../shared are
// detected by content as their formats, also under a neutral file name, and
// read with the PROVENANCE.txt counts.
func TestPlanUSAndUN(t *testing.T) {
	lists := filepath.Join("..", "..", "shared", "data", "lists")
	if _, err := os.Stat(lists); err != nil {
		t.Skipf("real lists not available (%s): %v", lists, err)
	}
	tests := []struct {
		file, format, source string
		entities             int
	}{
		{"us_csl/csl.csv", "us-csl-csv", "us-csl", 14760},
		{"us_bis_dpl/dpl.txt", "us-bis-dpl", "us-bis-dpl", 665},
		{"un_sc/UN_consolidated.xml", "un-sc-xml", "un-sc", 1003},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			src := filepath.Join(lists, filepath.FromSlash(tt.file))
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			// A neutral name: detection must not rest on the file name.
			renamed := filepath.Join(t.TempDir(), "download.dat")
			readertest.WriteFile(t, renamed, data)
			for _, path := range []string{src, renamed} {
				jobs, skipped, err := Plan([]string{path}, "")
				if err != nil || len(skipped) != 0 || len(jobs) != 1 {
					t.Fatalf("Plan(%s) = %v, %v, %v", path, jobs, skipped, err)
				}
				if jobs[0].Format.Name != tt.format {
					t.Fatalf("Plan(%s) format = %s, want %s", path, jobs[0].Format.Name, tt.format)
				}
			}
			jobs, _, _ := Plan([]string{src}, "")
			ds, err := Read(context.Background(), jobs[0], Options{})
			if err != nil {
				t.Fatal(err)
			}
			if ds.Source != tt.source || len(ds.Entities) != tt.entities || ds.Hash == "" {
				t.Errorf("Read = source %s, %d entities, hash %q; want %s, %d", ds.Source, len(ds.Entities), ds.Hash, tt.source, tt.entities)
			}
		})
	}
}
