package monitor_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/storetest"
)

// TestObserver: as the import path's after-commit observer, the monitor
// fires the watches on the new snapshot and rescreens the book once; told
// about the same snapshot again it does nothing. The alert it raises pins
// the snapshots it cites, so prune keeps them.
func TestObserver(t *testing.T) {
	eachStore(t, func(t *testing.T, st store) {
		ctx := context.Background()
		m := monitor.New(st, monitor.Config{})
		filler := []*tripline.Entity{org("90", "UNRELATED SHIPPING CO"), org("91", "OTHER METALS LTD"), org("92", "NORTHERN STAR GROUP")}
		s1, _ := storetest.MustImport(t, st, storetest.Dataset("s", "h1", append([]*tripline.Entity{org("1", "ALPHA INDUSTRIAL TRADING LLC")}, filler...)...))
		if _, err := m.ImportBook(ctx, "b", []tripline.BookParty{{ID: "p1", Name: "Alpha Industrial Trading"}, {ID: "p2", Name: "Delta Precision Machinery"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddWatch(ctx, tripline.Watch{Kind: "entity", Value: "s:3"}); err != nil {
			t.Fatal(err)
		}
		s2, _ := storetest.MustImport(t, st, storetest.Dataset("s", "h2", append([]*tripline.Entity{org("1", "ALPHA INDUSTRIAL TRADING LLC"), org("3", "DELTA PRECISION MACHINERY")}, filler...)...))
		ob := m.Observer(st)
		notes, err := ob.SnapshotCommitted(ctx, &s1, s2)
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 2 || !strings.HasPrefix(notes[0], "rescreened book b (2 parties") || !strings.Contains(notes[0], "1 new alerts") || notes[1] != "1 watch firings on s" {
			t.Errorf("notes %q, want the book's one pass and one watch firing", notes)
		}
		if again, err := ob.SnapshotCommitted(ctx, &s1, s2); err != nil || len(again) != 0 {
			t.Errorf("the same snapshot again: %q, %v; want nothing done", again, err)
		}
		as, _ := st.Alerts(ctx, tripline.AlertFilter{Book: "b", Status: "open"})
		var raised tripline.Alert
		for _, a := range as {
			if a.PartyID == "p2" {
				raised = a
			}
		}
		if raised.SnapshotID != s2.ID {
			t.Fatalf("p2's alert %+v, want one raised by snapshot %d", raised, s2.ID)
		}
		ret, ok := st.(tripline.Retention)
		if !ok {
			t.Skip("the store does not prune")
		}
		pins, err := ret.SnapshotPins(ctx, s2.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range pins {
			found = found || p.Kind == "alert" && p.Ref == strconv.FormatInt(raised.ID, 10)
		}
		if !found {
			t.Errorf("pins of snapshot %d: %+v, want the alert's", s2.ID, pins)
		}
	})
}
