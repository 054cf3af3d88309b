package ofac_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/ofac"
)

// TestPlanGroupsSet checks that ingest.Plan makes one ofac-csv job of the
// four files of the fictional set, and that ingest.Read runs it.
func TestPlanGroupsSet(t *testing.T) {
	jobs, skipped, err := ingest.Plan([]string{filepath.Join("testdata", "sdn")}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || len(skipped) != 0 || jobs[0].Format.Name != ofac.FormatCSV || len(jobs[0].Files) != 4 {
		t.Fatalf("jobs = %+v, skipped = %+v; want one ofac-csv job of 4 files", jobs, skipped)
	}
	ds, err := ingest.Read(context.Background(), jobs[0], ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != ofac.SourceSDN || len(ds.Entities) != 5 {
		t.Errorf("source %q, %d entities; want ofac-sdn, 5", ds.Source, len(ds.Entities))
	}
}

// TestPlanRealLists checks detection on the real OFAC directories: the SDN
// set is one job, and the non-SDN directory gives a CSV job and an
// Enhanced XML job.
func TestPlanRealLists(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "data", "lists")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("real lists not available: %v", err)
	}
	jobs, _, err := ingest.Plan([]string{filepath.Join(root, "ofac_sdn"), filepath.Join(root, "ofac_cons")}, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, j := range jobs {
		got[filepath.Base(filepath.Dir(j.Files[0]))+"/"+j.Format.Name] = len(j.Files)
	}
	want := map[string]int{"ofac_sdn/ofac-csv": 4, "ofac_cons/ofac-csv": 4, "ofac_cons/ofac-enhanced-xml": 1}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("job %s has %d files, want %d (jobs: %v)", k, got[k], n, got)
		}
	}
	if len(jobs) != len(want) {
		t.Errorf("%d jobs, want %d: %v", len(jobs), len(want), got)
	}
	for _, j := range jobs {
		ds, err := ingest.Read(context.Background(), j, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s, %d entities", j.Format.Name, ds.Source, len(ds.Entities))
	}
}
