// Package storetest is the conformance suite every tripline.Store
// implementation must pass (sqlite and postgres): snapshots, atomic
// imports, unchanged re-imports, history, entity reads and concurrency;
// RunAudit, RunKeys and RunReopen cover the audit trail, API keys and
// reopening a database.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/tripline/tripline"
)

// Run runs the suite; open must return a new, empty store for each call
// and arrange for it to be closed when the test ends.
func Run(t *testing.T, open func(t *testing.T) tripline.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s tripline.Store)
	}{
		{"ImportCreatesCurrentSnapshot", testImport},
		{"IdenticalHashIsUnchanged", testUnchanged},
		{"FailedImportLeavesPreviousCurrent", testAtomic},
		{"HistoryStaysReadable", testHistory},
		{"EntityNotFound", testNotFound},
		{"EachEntityFilters", testEachEntity},
		{"EachEntityStopsAtError", testEachEntityStops},
		{"ConcurrentImports", testConcurrentImports},
		{"ImportWhileReading", testImportWhileReading},
		{"CancelledImport", testCancelled},
		{"ConcurrentSameContent", testConcurrentSameContent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// Entity returns a small fictional entity of source with native id n.
func Entity(source, n string, names ...string) *tripline.Entity {
	e := &tripline.Entity{ID: source + ":" + n, Source: source, SourceID: n, Schema: tripline.SchemaOrganization}
	for i, nm := range names {
		kind := tripline.NamePrimary
		if i > 0 {
			kind = tripline.NameAlias
		}
		e.Names = append(e.Names, tripline.Name{Full: nm, Kind: kind})
	}
	e.Countries = []string{"IR"}
	e.Programs = []string{"NPWMD"}
	e.AddProperty("topics", "sanction")
	return e
}

// Dataset returns a dataset of source with hash and entities.
func Dataset(source, hash string, es ...*tripline.Entity) *tripline.Dataset {
	return &tripline.Dataset{Source: source, Format: "test", PublishedAt: "2025-01-02", Hash: hash, Files: []string{source + ".csv"}, Entities: es}
}

// MustImport imports ds and fails the test on error.
func MustImport(t testing.TB, s tripline.Store, ds *tripline.Dataset) (tripline.Snapshot, bool) {
	t.Helper()
	snap, created, err := s.Import(context.Background(), ds)
	if err != nil {
		t.Fatalf("Import(%s, %s): %v", ds.Source, ds.Hash, err)
	}
	return snap, created
}

func current(t *testing.T, s tripline.Store, source string) tripline.Snapshot {
	t.Helper()
	snaps, err := s.CurrentSnapshots(context.Background())
	if err != nil {
		t.Fatalf("CurrentSnapshots: %v", err)
	}
	for _, sn := range snaps {
		if sn.Source == source {
			return sn
		}
	}
	t.Fatalf("no current snapshot of %s in %+v", source, snaps)
	return tripline.Snapshot{}
}

func ids(t *testing.T, s tripline.Store, f tripline.EntityFilter) []string {
	t.Helper()
	var out []string
	if err := s.EachEntity(context.Background(), f, func(e *tripline.Entity) error {
		out = append(out, e.ID)
		return nil
	}); err != nil {
		t.Fatalf("EachEntity(%+v): %v", f, err)
	}
	return out
}

func testImport(t *testing.T, s tripline.Store) {
	ctx := context.Background()
	a := Entity("src", "1", "ALPHA TRADING CO", "ALPHA TRD")
	a.BirthDates = nil
	a.Identifiers = []tripline.Identifier{{Type: "registration", Value: "123", Country: "IR"}}
	a.Links = []tripline.Link{{Type: "linked_to", TargetName: "BETA"}}
	snap, created := MustImport(t, s, Dataset("src", "h1", a, Entity("src", "2", "BETA")))
	if !created || snap.ID == 0 || snap.EntityCount != 2 || !snap.Current || snap.Source != "src" || snap.Hash != "h1" {
		t.Fatalf("Import = %+v, created %v; want a new current snapshot of 2 entities", snap, created)
	}
	cur := current(t, s, "src")
	if cur.ID != snap.ID || cur.PublishedAt != "2025-01-02" || cur.Format != "test" || cur.EntityCount != 2 || cur.ImportedAt.IsZero() {
		t.Errorf("current = %+v, want snapshot %d with its metadata", cur, snap.ID)
	}
	if !slices.Equal(cur.Files, []string{"src.csv"}) {
		t.Errorf("current.Files = %v, want [src.csv]", cur.Files)
	}
	got, err := s.Entity(ctx, "src:1", 0)
	if err != nil {
		t.Fatalf("Entity: %v", err)
	}
	if got.Caption() != "ALPHA TRADING CO" || len(got.Names) != 2 || got.Identifiers[0].Value != "123" || got.Links[0].TargetName != "BETA" || got.Properties["topics"][0] != "sanction" {
		t.Errorf("Entity round trip lost data: %+v", got)
	}
	if got, want := ids(t, s, tripline.EntityFilter{}), []string{"src:1", "src:2"}; !slices.Equal(got, want) {
		t.Errorf("EachEntity = %v, want %v (source order)", got, want)
	}
}

func testUnchanged(t *testing.T, s tripline.Store) {
	first, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	again, created := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	if created || again.ID != first.ID {
		t.Fatalf("re-import of the same hash: snapshot %d created %v, want snapshot %d unchanged", again.ID, created, first.ID)
	}
	snaps, err := s.Snapshots(context.Background(), "src")
	if err != nil || len(snaps) != 1 {
		t.Fatalf("Snapshots = %d, %v; want 1", len(snaps), err)
	}
	// Another source with the same hash is not the same publication.
	if _, created := MustImport(t, s, Dataset("other", "h1", Entity("other", "1", "ALPHA"))); !created {
		t.Errorf("same hash under another source was not created")
	}
}

func testAtomic(t *testing.T, s tripline.Store) {
	ctx := context.Background()
	good, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA"), Entity("src", "2", "BETA")))
	bad := Dataset("src", "h2", Entity("src", "3", "GAMMA"), Entity("src", "4", "DELTA"), Entity("src", "3", "GAMMA AGAIN"))
	_, created, err := s.Import(ctx, bad)
	if err == nil || created {
		t.Fatalf("Import of duplicate ids: created %v, err %v; want an error", created, err)
	}
	var te *tripline.Error
	if !errors.As(err, &te) {
		t.Errorf("error %v is not a *tripline.Error", err)
	}
	if cur := current(t, s, "src"); cur.ID != good.ID || cur.EntityCount != 2 || cur.Hash != "h1" {
		t.Errorf("after a failed import current = %+v, want snapshot %d untouched", cur, good.ID)
	}
	if got, want := ids(t, s, tripline.EntityFilter{Sources: []string{"src"}}), []string{"src:1", "src:2"}; !slices.Equal(got, want) {
		t.Errorf("after a failed import entities = %v, want %v", got, want)
	}
	if _, err := s.Entity(ctx, "src:3", 0); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Entity(src:3) after failed import: err %v, want NotFound", err)
	}
	snaps, _ := s.Snapshots(ctx, "src")
	if len(snaps) != 1 {
		t.Errorf("failed import left %d snapshots, want 1", len(snaps))
	}
	// A missing source is invalid too.
	if _, _, err := s.Import(ctx, &tripline.Dataset{Hash: "x"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Import without source: err %v, want Invalid", err)
	}
	// The same content can still be imported after a failure.
	fixed := Dataset("src", "h2", Entity("src", "3", "GAMMA"))
	if snap, created := MustImport(t, s, fixed); !created || snap.ID == good.ID {
		t.Errorf("import after failure: %+v created %v", snap, created)
	}
}

func testHistory(t *testing.T, s tripline.Store) {
	ctx := context.Background()
	old, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA"), Entity("src", "2", "BETA")))
	renamed := Entity("src", "1", "ALPHA NEW NAME")
	neu, created := MustImport(t, s, Dataset("src", "h2", renamed, Entity("src", "3", "GAMMA")))
	if !created || neu.ID == old.ID {
		t.Fatalf("second import: %+v created %v", neu, created)
	}
	snaps, err := s.Snapshots(ctx, "src")
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) != 2 || snaps[0].ID != neu.ID || snaps[1].ID != old.ID || !snaps[0].Current || snaps[1].Current {
		t.Fatalf("Snapshots = %+v, want [%d current, %d]", snaps, neu.ID, old.ID)
	}
	if got, want := ids(t, s, tripline.EntityFilter{SnapshotID: old.ID}), []string{"src:1", "src:2"}; !slices.Equal(got, want) {
		t.Errorf("old snapshot entities = %v, want %v", got, want)
	}
	if got, want := ids(t, s, tripline.EntityFilter{}), []string{"src:1", "src:3"}; !slices.Equal(got, want) {
		t.Errorf("current entities = %v, want %v", got, want)
	}
	e, err := s.Entity(ctx, "src:1", old.ID)
	if err != nil || e.Caption() != "ALPHA" {
		t.Errorf("Entity(src:1, old) = %v, %v; want ALPHA", e, err)
	}
	e, err = s.Entity(ctx, "src:1", 0)
	if err != nil || e.Caption() != "ALPHA NEW NAME" {
		t.Errorf("Entity(src:1, current) = %v, %v; want ALPHA NEW NAME", e, err)
	}
	if _, err := s.Entity(ctx, "src:2", 0); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("removed entity in current: err %v, want NotFound", err)
	}
	// Going back to the first content is a new snapshot, not "unchanged".
	if back, created := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA"))); !created || back.ID == old.ID {
		t.Errorf("re-import of an older hash: %+v created %v, want a new snapshot", back, created)
	}
}

func testNotFound(t *testing.T, s tripline.Store) {
	ctx := context.Background()
	if _, err := s.Entity(ctx, "nope:1", 0); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Entity(unknown): err %v, want NotFound", err)
	}
	snap, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	if _, err := s.Entity(ctx, "src:1", snap.ID+100); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Entity in unknown snapshot: err %v, want NotFound", err)
	}
	err := s.EachEntity(ctx, tripline.EntityFilter{SnapshotID: snap.ID + 100}, func(*tripline.Entity) error { return nil })
	if tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("EachEntity(unknown snapshot): err %v, want NotFound", err)
	}
	snaps, err := s.Snapshots(ctx, "unknown")
	if err != nil || len(snaps) != 0 {
		t.Errorf("Snapshots(unknown) = %v, %v; want none", snaps, err)
	}
}

func testEachEntity(t *testing.T, s tripline.Store) {
	a, _ := MustImport(t, s, Dataset("a", "ha", Entity("a", "1", "A ONE"), Entity("a", "2", "A TWO")))
	MustImport(t, s, Dataset("b", "hb", Entity("b", "1", "B ONE")))
	MustImport(t, s, Dataset("c", "hc", Entity("c", "1", "C ONE")))
	if got := ids(t, s, tripline.EntityFilter{}); len(got) != 4 {
		t.Errorf("all current = %v, want 4 ids", got)
	}
	got := ids(t, s, tripline.EntityFilter{Sources: []string{"b", "c"}})
	slices.Sort(got)
	if want := []string{"b:1", "c:1"}; !slices.Equal(got, want) {
		t.Errorf("sources b,c = %v, want %v", got, want)
	}
	if got := ids(t, s, tripline.EntityFilter{SnapshotID: a.ID, Sources: []string{"b"}}); len(got) != 0 {
		t.Errorf("snapshot of a filtered to b = %v, want none", got)
	}
	cur, err := s.CurrentSnapshots(context.Background())
	if err != nil || len(cur) != 3 {
		t.Errorf("CurrentSnapshots = %d, %v; want 3", len(cur), err)
	}
}

func testEachEntityStops(t *testing.T, s tripline.Store) {
	var es []*tripline.Entity
	for i := range 10 {
		es = append(es, Entity("src", fmt.Sprint(i), fmt.Sprint("NAME ", i)))
	}
	MustImport(t, s, Dataset("src", "h", es...))
	stop := errors.New("stop")
	n := 0
	err := s.EachEntity(context.Background(), tripline.EntityFilter{}, func(*tripline.Entity) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("EachEntity returned %v after %d calls, want stop after 3", err, n)
	}
}

func testConcurrentImports(t *testing.T, s tripline.Store) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprint("src", i%4)
			ds := Dataset(src, fmt.Sprint("h", i), Entity(src, "1", "ALPHA"), Entity(src, fmt.Sprint(i+2), "BETA"))
			if _, _, err := s.Import(context.Background(), ds); err != nil {
				errs <- fmt.Errorf("import %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	cur, err := s.CurrentSnapshots(context.Background())
	if err != nil || len(cur) != 4 {
		t.Fatalf("CurrentSnapshots = %+v, %v; want 4 sources", cur, err)
	}
	for _, c := range cur {
		snaps, _ := s.Snapshots(context.Background(), c.Source)
		if len(snaps) != 2 || snaps[0].ID != c.ID {
			t.Errorf("%s: snapshots %+v, want 2 with the newest current", c.Source, snaps)
		}
	}
}

func testImportWhileReading(t *testing.T, s tripline.Store) {
	var es []*tripline.Entity
	for i := range 50 {
		es = append(es, Entity("src", fmt.Sprint(i), fmt.Sprint("NAME ", i)))
	}
	MustImport(t, s, Dataset("src", "h1", es...))
	n := 0
	err := s.EachEntity(context.Background(), tripline.EntityFilter{Sources: []string{"src"}}, func(e *tripline.Entity) error {
		n++
		if n == 10 { // a new snapshot lands mid-iteration
			_, _, err := s.Import(context.Background(), Dataset("src", "h2", Entity("src", "new", "NEW")))
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("EachEntity with an import inside: %v", err)
	}
	if n != 50 {
		t.Errorf("iteration saw %d entities, want the 50 of the snapshot it started on", n)
	}
	if got := ids(t, s, tripline.EntityFilter{}); !slices.Equal(got, []string{"src:new"}) {
		t.Errorf("after the import current = %v", got)
	}
}
