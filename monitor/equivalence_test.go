package monitor_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/monitor"
)

// shared returns ../shared, or skips the test.
func shared(t testing.TB) string {
	t.Helper()
	d := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "data", "lists", "ofac_sdn")); err != nil {
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

// fullScreen is the reference: every party screened against every entity
// with no per-query or candidate cap, the pairs at or above threshold.
func fullScreen(t testing.TB, ents []*tripline.Entity, parties []tripline.BookParty, cfg monitor.Config) map[pair]float64 {
	t.Helper()
	mc := match.DefaultConfig()
	mc.MaxCandidates, mc.Limit = math.MaxInt32, math.MaxInt32 // no candidate cap, no per-query cut
	sc := match.NewScreener(match.NewIndex(mc, ents))
	qs := make([]tripline.Query, len(parties))
	for i, p := range parties {
		qs[i] = p.Query()
	}
	res, err := sc.Screen(context.Background(), qs, tripline.ScreenOptions{Threshold: cfg.Keep()})
	if err != nil {
		t.Fatal(err)
	}
	out := map[pair]float64{}
	for _, r := range res {
		for _, m := range r.Matches {
			if m.Score >= mc.Threshold {
				out[pair{r.ID, m.ID}] = m.Score
			}
		}
	}
	return out
}

// bookFromDelta builds a book of a few thousand parties: the names of the
// entities added, removed, materially changed and changed in remarks only
// between the two snapshots, some written another way, and unrelated
// names from the screening dev set.
func bookFromDelta(t testing.TB, old, new []*tripline.Entity, d delta.Delta) []tripline.BookParty {
	byID := map[string]*tripline.Entity{}
	for _, e := range old {
		byID[e.ID] = e
	}
	for _, e := range new {
		byID[e.ID] = e
	}
	var ps []tripline.BookParty
	add := func(e *tripline.Entity, i int) {
		typ := ""
		switch {
		case e.Schema == tripline.SchemaPerson:
			typ = "person"
		case e.Schema.IsOrganization():
			typ = "organization"
		}
		p := tripline.BookParty{ID: fmt.Sprintf("p%05d", len(ps)), Name: e.Caption(), Type: typ}
		if i%3 == 0 && len(e.BirthDates) > 0 {
			p.BirthDate = e.BirthDates[0]
		}
		if i%4 == 1 && len(e.Nationalities) > 0 {
			p.Country = e.Nationalities[0]
		}
		ps = append(ps, p)
		if w := strings.Fields(e.Caption()); len(w) > 2 && i%2 == 0 {
			ps = append(ps, tripline.BookParty{ID: fmt.Sprintf("p%05d", len(ps)), Name: strings.Join(w[1:], " "), Country: "IR"})
		}
	}
	for i, id := range d.Added {
		add(byID[id], i)
	}
	for i, id := range d.Removed {
		add(byID[id], i)
	}
	remarkOnly := 0
	for i, c := range d.Changed {
		if c.Material || remarkOnly < 600 {
			add(byID[c.ID], i)
			if !c.Material {
				remarkOnly++
			}
		}
	}
	f, err := os.Open(filepath.Join(shared(t), "eval", "screening-dev", "queries.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows[1:] {
		if i%2 == 0 {
			ps = append(ps, tripline.BookParty{ID: "dev-" + r[0], Name: r[1], Type: r[2], Country: r[3]})
		}
	}
	return ps
}

// TestEquivalenceRealSDN is the acceptance test of the delta rescreen:
// import the 2024-07 SDN, a book, the 2025-01 SDN; the alerts the second
// import raises are exactly the difference of full rescreens after and
// before: pairs found only after are new_match, matched pairs whose
// entity was removed are delisted, and none comes from a remark-only
// change.
func TestEquivalenceRealSDN(t *testing.T) {
	if testing.Short() {
		t.Skip("screens a few thousand parties against two SDN snapshots")
	}
	dir := shared(t)
	oldDS := readList(t, filepath.Join(dir, "data", "snapshots", "ofac_sdn-2024-07-02", "sdn.csv"))
	// Like against like: the old publication is sdn.csv alone. With
	// TRIPLINE_EQUIV_WHOLE=1 the new one is the whole CSV set, whose
	// aliases and addresses make 13,595 material changes (about 40 s).
	newPath := filepath.Join(dir, "data", "lists", "ofac_sdn", "sdn.csv")
	if os.Getenv("TRIPLINE_EQUIV_WHOLE") == "1" {
		newPath = filepath.Dir(newPath)
	}
	newDS := readList(t, newPath)
	d := delta.Compare(oldDS.Entities, newDS.Entities)
	remarkOnly := map[string]bool{}
	for _, c := range d.Changed {
		if !c.Material {
			remarkOnly[c.ID] = true
		}
	}
	t.Logf("delta: %+v, %d remark-only", d.Counts(), len(remarkOnly))
	parties := bookFromDelta(t, oldDS.Entities, newDS.Entities, d)

	eachStore(t, func(t *testing.T, st store) { equivalence(t, st, oldDS, newDS, d, remarkOnly, parties) })
}

func equivalence(t *testing.T, st store, oldDS, newDS *tripline.Dataset, d delta.Delta, remarkOnly map[string]bool, parties []tripline.BookParty) {
	ctx := context.Background()
	m := monitor.New(st, monitor.Config{})
	if _, _, err := st.Import(ctx, oldDS); err != nil {
		t.Fatal(err)
	}
	br, err := m.ImportBook(ctx, "default", parties)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s; %v", br, br.Passes)
	f0 := fullScreen(t, oldDS.Entities, parties, m.Config)
	first := alertsByPair(t, st, 0)
	if len(first) != len(f0) {
		t.Errorf("book import raised %d alerts, the full screen finds %d pairs", len(first), len(f0))
	}
	for p := range f0 {
		if _, ok := first[p]; !ok {
			t.Errorf("book import: no alert for %v", p)
			break
		}
	}
	lastID := int64(0)
	for _, a := range first {
		lastID = max(lastID, a.ID)
	}

	snap, _, err := st.Import(ctx, newDS)
	if err != nil {
		t.Fatal(err)
	}
	reps, err := m.CatchUp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		t.Log(r)
		if r.Stats.Full {
			t.Errorf("the SDN update was rescreened in full, not as a delta: %+v", r)
		}
	}
	f1 := fullScreen(t, newDS.Entities, parties, m.Config)
	raised := alertsByPair(t, st, lastID)
	want := map[pair]string{}
	removed := map[string]bool{}
	for _, id := range d.Removed {
		removed[id] = true
	}
	for p := range f1 {
		if _, ok := f0[p]; !ok {
			want[p] = tripline.ReasonNewMatch
		}
	}
	for p := range f0 {
		if removed[p.entity] {
			want[p] = tripline.ReasonDelisted
		}
	}
	var extra, missing []string
	for p, a := range raised {
		if a.SnapshotID != snap.ID && a.Reason != tripline.ReasonDelisted {
			t.Errorf("alert %d cites snapshot %d, want %d", a.ID, a.SnapshotID, snap.ID)
		}
		if want[p] != a.Reason {
			extra = append(extra, fmt.Sprintf("%v %s %.3f (want %q)", p, a.Reason, a.Score, want[p]))
		}
	}
	for p, r := range want {
		if _, ok := raised[p]; !ok {
			missing = append(missing, fmt.Sprintf("%v %s", p, r))
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	if len(extra) > 0 || len(missing) > 0 {
		t.Errorf("second import: %d alerts not in the set difference, e.g. %.5q; %d pairs of it without an alert, e.g. %.5q", len(extra), extra, len(missing), missing)
	}
	// None is caused by a remark-only change: with those entities kept as
	// they were, the full screen after finds the same pairs on them (a
	// pair can still cross the threshold because rarity weights moved).
	var counterfactual []*tripline.Entity
	oldByID := map[string]*tripline.Entity{}
	for _, e := range oldDS.Entities {
		oldByID[e.ID] = e
	}
	for _, e := range newDS.Entities {
		if remarkOnly[e.ID] {
			e = oldByID[e.ID]
		}
		counterfactual = append(counterfactual, e)
	}
	fc := fullScreen(t, counterfactual, parties, m.Config)
	remarkAlerts := 0
	for p := range raised {
		if remarkOnly[p.entity] {
			remarkAlerts++
			if _, ok := fc[p]; !ok {
				t.Errorf("alert on %v is caused by a remark-only change", p)
			}
		}
	}
	counts := map[string]int{}
	for _, r := range want {
		counts[r]++
	}
	t.Logf("second import raised %d alerts (%v), full screens: %d before, %d after; %d on remark-only entities", len(raised), counts, len(f0), len(f1), remarkAlerts)
	if counts[tripline.ReasonNewMatch] == 0 || counts[tripline.ReasonDelisted] == 0 {
		t.Errorf("the book should give both new matches and delistings: %v", counts)
	}

	// Running it again does nothing.
	reps, err = m.CatchUp(ctx)
	if err != nil || len(reps) != 0 {
		t.Errorf("second CatchUp = %v, %v; want nothing to do", reps, err)
	}
	if again := alertsByPair(t, st, lastID); len(again) != len(raised) {
		t.Errorf("alerts after a second catch-up: %d, want %d", len(again), len(raised))
	}
}

// alertsByPair reads the alerts with id > after, by pair; a pair with two
// fails the test.
func alertsByPair(t testing.TB, st tripline.AlertStore, after int64) map[pair]tripline.Alert {
	t.Helper()
	out := map[pair]tripline.Alert{}
	for {
		as, err := st.Alerts(context.Background(), tripline.AlertFilter{After: after, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(as) == 0 {
			return out
		}
		for _, a := range as {
			p := pair{a.PartyID, a.EntityID}
			if o, dup := out[p]; dup {
				t.Errorf("two alerts for %v: %d (%s) and %d (%s)", p, o.ID, o.Reason, a.ID, a.Reason)
			}
			out[p] = a
			after = a.ID
		}
	}
}
