package storetest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/tripline/tripline"
)

// AlertPinStore is a store with books and alerts that pins and prunes
// snapshots.
type AlertPinStore interface {
	tripline.Store
	tripline.MonitorStore
	tripline.Retention
}

// RunAlertPins tests that the records of the monitor pin the snapshots
// they cite, in the transaction that writes them: an alert the snapshot
// that raised it and the one before, a book the snapshots it was last
// screened against; so Prune never removes them. open must return a new,
// empty store.
func RunAlertPins(t *testing.T, open func(t *testing.T) AlertPinStore) {
	t.Run("AlertsAndBooksPinWhatTheyCite", func(t *testing.T) { testAlertPins(t, open(t)) })
}

func testAlertPins(t *testing.T, s AlertPinStore) {
	ctx := context.Background()
	var snaps []tripline.Snapshot
	for i := 1; i <= 4; i++ {
		sn, _ := MustImport(t, s, Dataset("src", fmt.Sprintf("h%d", i), Entity("src", "1", fmt.Sprintf("ALPHA %d", i))))
		snaps = append(snaps, sn)
	}
	s1, s2, s3, s4 := snaps[0].ID, snaps[1].ID, snaps[2].ID, snaps[3].ID
	if _, err := s.ApplyBook(ctx, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA")}}); err != nil {
		t.Fatal(err)
	}
	pass := func(key string, snap int64) {
		t.Helper()
		if _, err := s.StartPass(ctx, tripline.Pass{Book: "b", Key: key, Kind: "snapshot", Source: "src", NewSnapshot: snap,
			Snapshots: map[string]int64{"src": snap}, MatcherVersion: "v-test"}); err != nil {
			t.Fatalf("StartPass: %v", err)
		}
	}
	pinsOf := func(id int64) []string {
		t.Helper()
		ps, err := s.SnapshotPins(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.Kind+":"+p.Ref)
		}
		slices.Sort(out)
		return out
	}
	removed := func(rep tripline.PruneReport) []int64 {
		var ids []int64
		for _, sn := range rep.Removed {
			ids = append(ids, sn.ID)
		}
		slices.Sort(ids)
		return ids
	}

	// A pass against s2 raises an alert citing s2 and s1 (and one citing
	// a snapshot that does not exist, which pins nothing and fails
	// nothing) and finishes: the book now starts from s2.
	pass("p:2", s2)
	a := alert("p1", "src:1", "new_match")
	a.SnapshotID, a.PrevSnapshotID = s2, s1
	ghost := alert("p1", "src:9", "new_match")
	ghost.SnapshotID, ghost.PrevSnapshotID = s4+1000, 0
	raised, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: "p:2", Raise: []tripline.Alert{a, ghost}, Finish: true})
	if err != nil || len(raised) != 2 {
		t.Fatalf("ApplyScreening: %d raised, %v", len(raised), err)
	}
	ref := "alert:" + strconv.FormatInt(raised[0].ID, 10)
	if got := pinsOf(s1); !slices.Equal(got, []string{ref}) {
		t.Errorf("pins of s1 %v, want [%s]", got, ref)
	}
	if got := pinsOf(s2); !slices.Equal(got, []string{ref, "book:b"}) {
		t.Errorf("pins of s2 %v, want [%s book:b]", got, ref)
	}
	rep, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := removed(rep); !slices.Equal(got, []int64{s3}) || rep.Pinned != 2 {
		t.Errorf("prune --keep 1 removed %v (pinned %d), want s3 only (%d), s1 and s2 pinned", got, rep.Pinned, s3)
	}

	// The alert is updated against s4: it now cites s4 and s2, and no
	// longer s1; a second pass moves the book to s4.
	pass("p:4", s4)
	_, err = s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: "p:4", Finish: true,
		Update: []tripline.AlertUpdate{{ID: raised[0].ID, Score: 0.95, PartyName: "Party p1", EntityName: "ALPHA 4", SnapshotID: s4, PrevSnapshotID: s2, MatcherVersion: "v-test"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := pinsOf(s1); len(got) != 0 {
		t.Errorf("pins of s1 after the update %v, want none", got)
	}
	if got := pinsOf(s2); !slices.Equal(got, []string{ref}) {
		t.Errorf("pins of s2 after the update %v, want [%s]", got, ref)
	}
	if got := pinsOf(s4); !slices.Equal(got, []string{ref, "book:b"}) {
		t.Errorf("pins of s4 %v, want [%s book:b]", got, ref)
	}
	rep, err = s.Prune(ctx, tripline.PrunePolicy{Keep: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := removed(rep); !slices.Equal(got, []int64{s1}) {
		t.Errorf("second prune removed %v, want s1 (%d) only", got, s1)
	}
	hist, _ := s.Snapshots(ctx, "src")
	var left []int64
	for _, sn := range hist {
		left = append(left, sn.ID)
	}
	if !slices.Equal(left, []int64{s4, s2}) {
		t.Errorf("snapshots left %v, want [%d %d] (current, cited by the alert)", left, s4, s2)
	}
	// A closed alert still cites its snapshots.
	if _, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: "p:4", Close: []tripline.AlertClose{{ID: raised[0].ID, Resolution: "delisted"}}}); err != nil {
		t.Fatal(err)
	}
	if got := pinsOf(s2); !slices.Equal(got, []string{ref}) {
		t.Errorf("pins of s2 after the close %v, want [%s]", got, ref)
	}
}
