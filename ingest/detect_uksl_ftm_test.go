package ingest

import (
	"github.com/tripline/tripline/ingest/internal/readertest"
	"os"
	"path/filepath"
	"testing"
)

// TestPlanUKSLAndOpenSanctions checks that the UK Sanctions List ODS and
// the OpenSanctions FtM JSON lines and targets.simple.csv of ../shared are
// detected by content, also under a neutral file name.
func TestPlanUKSLAndOpenSanctions(t *testing.T) {
	data := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("real data not available (%s): %v", data, err)
	}
	for _, tt := range []struct{ file, format string }{
		{"lists/uk_sanctions_list/UK_Sanctions_List.ods", "uk-sl-ods"},
		{"formats/opensanctions/entities.ftm.json", "ftm-json"},
		{"formats/opensanctions/targets.simple.csv", "os-targets-csv"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			src := filepath.Join(data, filepath.FromSlash(tt.file))
			renamed := filepath.Join(t.TempDir(), "download.dat")
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			readertest.WriteFile(t, renamed, b)
			for _, path := range []string{src, renamed} {
				jobs, skipped, err := Plan([]string{path}, "")
				if err != nil || len(skipped) != 0 || len(jobs) != 1 {
					t.Fatalf("Plan(%s) = %v, %v, %v", path, jobs, skipped, err)
				}
				if jobs[0].Format.Name != tt.format {
					t.Errorf("Plan(%s) format = %s, want %s", path, jobs[0].Format.Name, tt.format)
				}
			}
		})
	}
}
