package review_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/review"
	"github.com/tripline/tripline/sqlite"
)

func shared(t testing.TB) string {
	t.Helper()
	d := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "data", "snapshots", "ofac_sdn-2024-07-02")); err != nil {
		t.Skipf("real lists not found at %s (they live next to the repository, never in it): %v", d, err)
	}
	return d
}

func readList(t testing.TB, path string) *tripline.Dataset {
	t.Helper()
	jobs, _, err := ingest.Plan([]string{path}, "")
	if err != nil || len(jobs) != 1 {
		t.Fatalf("Plan(%s) = %v, %v", path, jobs, err)
	}
	ds, err := ingest.Read(context.Background(), jobs[0], ingest.Options{})
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return ds
}

type pair struct{ party, entity string }

// TestSuppressionsOnRealSDNDelta is issue 11's acceptance on real data:
// a book of the names of SDN entries that change materially, change only
// in their remarks or do not change between 2024-07 and 2025-01; every
// alert of the first screening decided false_positive (a few hundred
// suppressions); after the 2025-01 import every suppressed pair whose
// listed record changed materially and still matches is open again as
// match_changed, linked to its decision, and no pair whose record changed
// only in its remarks, or not at all, is.
func TestSuppressionsOnRealSDNDelta(t *testing.T) {
	if testing.Short() {
		t.Skip("imports two SDN snapshots")
	}
	ctx := context.Background()
	dir := shared(t)
	oldDS := readList(t, filepath.Join(dir, "data", "snapshots", "ofac_sdn-2024-07-02", "sdn.csv"))
	newDS := readList(t, filepath.Join(dir, "data", "lists", "ofac_sdn", "sdn.csv"))
	d := delta.Compare(oldDS.Entities, newDS.Entities)
	kind := map[string]string{} // entity id: material, remarks, same
	byID := map[string]*tripline.Entity{}
	for _, e := range oldDS.Entities {
		byID[e.ID] = e
		kind[e.ID] = "same"
	}
	for _, c := range d.Changed {
		kind[c.ID] = "remarks"
		if c.Material {
			kind[c.ID] = "material"
		}
	}
	for _, id := range d.Removed {
		delete(kind, id)
	}
	var parties []tripline.BookParty
	want := map[string]int{"material": 250, "remarks": 150, "same": 100}
	for _, e := range oldDS.Entities {
		k, ok := kind[e.ID]
		if !ok || want[k] == 0 {
			continue
		}
		want[k]--
		typ := ""
		switch {
		case e.Schema == tripline.SchemaPerson:
			typ = "person"
		case e.Schema.IsOrganization():
			typ = "organization"
		}
		parties = append(parties, tripline.BookParty{ID: fmt.Sprintf("p%04d", len(parties)), Name: e.Caption(), Type: typ})
	}

	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	boot := tripline.Principal{Name: "test"}
	admin, analyst := tripline.Principal{Name: "test", User: "chief"}, tripline.Principal{Name: "test", User: "alice"}
	if _, _, _, err := st.AddUser(ctx, "chief", tripline.RoleAdmin, boot); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := st.AddUser(ctx, "alice", tripline.RoleAnalyst, admin); err != nil {
		t.Fatal(err)
	}
	// No false positive needs a second person here: the test is about
	// what the suppressions do, not who approves them.
	if _, err := st.SetReviewPolicy(ctx, tripline.ReviewPolicy{}, admin); err != nil {
		t.Fatal(err)
	}
	m := monitor.New(st, monitor.Config{})
	if _, _, err := st.Import(ctx, oldDS); err != nil {
		t.Fatal(err)
	}
	if _, err := m.ImportBook(ctx, "default", parties); err != nil {
		t.Fatal(err)
	}
	ds, err := review.Bulk(ctx, st, tripline.AlertFilter{Book: "default"}, tripline.DecisionSpec{Disposition: tripline.DispositionFalsePositive, Rationale: "reviewed: not our counterparties"}, analyst)
	if err != nil {
		t.Fatal(err)
	}
	decided := map[pair]tripline.AlertDecision{}
	count := map[string]int{}
	for _, d := range ds {
		if d.State != tripline.DecisionFinal {
			t.Fatalf("decision %+v is not final", d)
		}
		decided[pair{d.PartyID, d.EntityID}] = d
		count[kind[d.EntityID]]++
	}
	t.Logf("delta %+v; %d parties, %d false positives suppressed by the entity's change: %v", d.Counts(), len(parties), len(ds), count)
	if len(ds) < 200 || count["material"] < 40 || count["remarks"] < 50 {
		t.Fatalf("too few suppressions to tell: %v", count)
	}
	lastID := int64(0)
	for _, d := range ds {
		lastID = max(lastID, d.AlertID)
	}

	if _, _, err := st.Import(ctx, newDS); err != nil {
		t.Fatal(err)
	}
	if _, err := m.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	after := map[pair]tripline.Alert{}
	f := tripline.AlertFilter{Book: "default", After: lastID, Limit: 1000}
	for {
		as, err := st.Alerts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			after[pair{a.PartyID, a.EntityID}] = a
		}
		if len(as) < f.Limit {
			break
		}
		f.After = as[len(as)-1].ID
	}
	// The pairs that still match after the update, from the stored matches.
	stillMatched := map[pair]bool{}
	ms, err := st.Matches(ctx, "default", "", "\xff")
	if err != nil {
		t.Fatal(err)
	}
	for _, mt := range ms {
		stillMatched[pair{mt.PartyID, mt.EntityID}] = true
	}
	reopened, quiet := 0, 0
	for p, dec := range decided {
		a, raised := after[p]
		switch kind[p.entity] {
		case "material":
			if !stillMatched[p] {
				if raised {
					t.Errorf("%v: no longer matches but raised %s", p, a.Reason)
				}
				continue
			}
			if !raised || a.Reason != tripline.ReasonMatchChanged || a.Status != tripline.AlertOpen || a.PriorDecisionID != dec.ID || a.PriorAlertID != dec.AlertID || a.SuppressionID == 0 {
				t.Errorf("%v (material change of %s): alert %+v, want open match_changed linked to decision %d", p, byID[p.entity].Caption(), a, dec.ID)
				continue
			}
			reopened++
		default:
			if raised {
				t.Errorf("%v (%s): raised %s %s, want the pair quiet", p, kind[p.entity], a.Reason, a.Status)
				continue
			}
			quiet++
		}
	}
	t.Logf("%d suppressed pairs reopened as match_changed, %d stayed quiet (remark-only or unchanged)", reopened, quiet)
	if reopened == 0 || quiet == 0 {
		t.Errorf("reopened %d, quiet %d: the test proves nothing", reopened, quiet)
	}
	sups, err := st.Suppressions(ctx, tripline.SuppressionFilter{Book: "default", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(sups) != len(decided)-reopened {
		t.Errorf("%d suppressions still active, want %d", len(sups), len(decided)-reopened)
	}
}
