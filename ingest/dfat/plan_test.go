package dfat_test

import (
	"testing"

	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/dfat"
	"github.com/tripline/tripline/ingest/internal/listutil"
)

// TestPlan checks that ingest's detection, with every other format
// registered before and after this one, picks this reader for the excerpt
// and for the real file.
func TestPlan(t *testing.T) {
	paths := []string{"testdata/excerpt.xlsx"}
	if real, ok := listutil.SharedFile("data/lists/au_dfat/regulation8_consolidated.xlsx"); ok {
		paths = append(paths, real)
	}
	for _, p := range paths {
		jobs, _, err := ingest.Plan([]string{p}, "")
		if err != nil {
			t.Fatalf("Plan(%s): %v", p, err)
		}
		if len(jobs) != 1 || jobs[0].Format.Name != dfat.FormatName {
			t.Errorf("Plan(%s) = %+v, want one %s job", p, jobs, dfat.FormatName)
		}
	}
}
