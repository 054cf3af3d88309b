package ukofsi_test

import (
	"testing"

	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/ingest/ukofsi"
)

// TestPlan checks that ingest's detection, with every other format
// registered before and after this one, picks this reader for the excerpt
// and for the real file.
func TestPlan(t *testing.T) {
	paths := []string{"testdata/excerpt.csv"}
	if real, ok := listutil.SharedFile("data/lists/uk_ofsi_conlist/ConList.csv"); ok {
		paths = append(paths, real)
	}
	for _, p := range paths {
		jobs, _, err := ingest.Plan([]string{p}, "")
		if err != nil {
			t.Fatalf("Plan(%s): %v", p, err)
		}
		if len(jobs) != 1 || jobs[0].Format.Name != ukofsi.FormatName {
			t.Errorf("Plan(%s) = %+v, want one %s job", p, jobs, ukofsi.FormatName)
		}
	}
}
