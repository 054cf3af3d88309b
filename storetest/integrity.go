package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// IntegrityStore is a store with an audit trail that pins and prunes
// snapshots.
type IntegrityStore interface {
	tripline.Store
	tripline.AuditLog
	tripline.Retention
}

// RunIntegrity runs the list-integrity tests: source ids refused, the
// principal, file hashes and overrides in the audit trail, snapshot pins
// and pruning. open must return a new, empty store and arrange for it to
// be closed.
func RunIntegrity(t *testing.T, open func(t *testing.T) IntegrityStore) {
	t.Run("InvalidSourceIDsRefused", func(t *testing.T) { testInvalidSourceIDs(t, open(t)) })
	t.Run("AuditRecordsPrincipalAndOverrides", func(t *testing.T) { testAuditPrincipal(t, open(t)) })
	t.Run("PinsAndPrune", func(t *testing.T) { testPinsAndPrune(t, open(t)) })
	t.Run("PruneKeepSinceAndSources", func(t *testing.T) { testPruneSince(t, open(t)) })
}

func testInvalidSourceIDs(t *testing.T, s IntegrityStore) {
	ctx := context.Background()
	for _, id := range []string{"", "a:b", "../x", "A", "x y", "-x", "x/y", string(make([]byte, 65))} {
		ds := Dataset(id, "h1", Entity(id, "1", "ALPHA"))
		_, _, err := s.Import(ctx, ds)
		if tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("Import(source %q): err %v, want Invalid", id, err)
		}
	}
	if cur, err := s.CurrentSnapshots(ctx); err != nil || len(cur) != 0 {
		t.Errorf("after refused imports: %+v, %v; want no snapshot", cur, err)
	}
	for _, id := range []string{"ofac-sdn", "ofac-cons-enhanced", "us-bis-dpl", "os", "os-peps", "my_list-2", "0x"} {
		if _, _, err := s.Import(ctx, Dataset(id, "h1", Entity(id, "1", "ALPHA"))); err != nil {
			t.Errorf("Import(source %q): %v", id, err)
		}
	}
}

func testAuditPrincipal(t *testing.T, s IntegrityStore) {
	p := tripline.Principal{Name: "alice", Role: tripline.RoleAdmin, KeyID: 7, Addr: "192.0.2.10:51000"}
	ctx := tripline.WithPrincipal(context.Background(), p)
	ds := Dataset("src", "h1", Entity("src", "1", "ALPHA"))
	ds.Files, ds.FileHashes = []string{"sdn.csv"}, []string{"ab12"}
	ds.Overrides, ds.Reason = []string{"shrink"}, "OFAC delisted 400 entries (ticket 12)"
	snap, _, err := s.Import(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(snap.Overrides, []string{"shrink"}) {
		t.Errorf("Import returned overrides %v", snap.Overrides)
	}
	snaps, err := s.Snapshots(ctx, "src")
	if err != nil || len(snaps) != 1 || !slices.Equal(snaps[0].Overrides, []string{"shrink"}) {
		t.Errorf("Snapshots = %+v, %v; want the overrides kept with the snapshot", snaps, err)
	}
	if err := s.RecordRejection(ctx, tripline.ImportRecord{Source: "src", Format: "ftm-json", Files: []string{"x.json"}, FileHashes: []string{"cd34"}, Error: "format changed"}); err != nil {
		t.Fatal(err)
	}
	recs, err := s.Imports(ctx, 0)
	if err != nil || len(recs) != 2 {
		t.Fatalf("Imports = %+v, %v", recs, err)
	}
	for _, r := range recs {
		if r.Actor != "alice" || r.Role != "admin" || r.KeyID != 7 || r.Client != "192.0.2.10:51000" {
			t.Errorf("record %d principal = %q/%q/%d/%q, want alice/admin/7/192.0.2.10:51000", r.ID, r.Actor, r.Role, r.KeyID, r.Client)
		}
	}
	rej, cre := recs[0], recs[1]
	if rej.Result != "rejected" || !slices.Equal(rej.FileHashes, []string{"cd34"}) || rej.Source != "src" || rej.Error != "format changed" {
		t.Errorf("rejection record = %+v", rej)
	}
	if cre.Result != "created" || !slices.Equal(cre.Files, []string{"sdn.csv"}) || !slices.Equal(cre.FileHashes, []string{"ab12"}) ||
		!slices.Equal(cre.Overrides, []string{"shrink"}) || cre.Reason != ds.Reason {
		t.Errorf("created record = %+v; want the file as given, its hash, overrides and reason", cre)
	}
	// Without a name, the client address alone identifies the principal.
	anon := tripline.WithPrincipal(context.Background(), tripline.Principal{Addr: "198.51.100.7:4000"})
	MustImport(t, s, Dataset("src", "h2", Entity("src", "1", "ALPHA")))
	MustImport(t, s, Dataset("src", "h3", Entity("src", "1", "ALPHA")))
	if _, _, err := s.Import(anon, Dataset("src", "h4", Entity("src", "1", "ALPHA"))); err != nil {
		t.Fatal(err)
	}
	if recs, _ := s.Imports(ctx, 1); len(recs) != 1 || recs[0].Client != "198.51.100.7:4000" || recs[0].Actor != "" {
		t.Errorf("anonymous principal recorded as %+v, want the client address and no actor", recs)
	}
}

// history imports n snapshots of src (hashes h1..hn, entity count 1..n)
// and returns them oldest first.
func history(t *testing.T, s tripline.Store, src string, n int) []tripline.Snapshot {
	t.Helper()
	var out []tripline.Snapshot
	for i := 1; i <= n; i++ {
		var es []*tripline.Entity
		for j := 1; j <= i; j++ {
			es = append(es, Entity(src, fmt.Sprint(j), fmt.Sprintf("NAME %d", j)))
		}
		snap, _ := MustImport(t, s, Dataset(src, fmt.Sprintf("h%d", i), es...))
		out = append(out, snap)
	}
	return out
}

func snapshotIDs(t *testing.T, s tripline.Store, src string) []int64 {
	t.Helper()
	snaps, err := s.Snapshots(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, sn := range snaps {
		ids = append(ids, sn.ID)
	}
	return ids
}

func testPinsAndPrune(t *testing.T, s IntegrityStore) {
	ctx := context.Background()
	h := history(t, s, "src", 4)
	other := history(t, s, "other", 1)
	alert := tripline.SnapshotPin{SnapshotID: h[0].ID, Kind: "alert", Ref: "alert-1"}
	for i := 0; i < 2; i++ { // pinning twice is harmless
		if err := s.PinSnapshot(ctx, alert); err != nil {
			t.Fatalf("PinSnapshot: %v", err)
		}
	}
	if err := s.PinSnapshot(ctx, tripline.SnapshotPin{SnapshotID: 999999, Kind: "alert", Ref: "x"}); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("pin of an unknown snapshot: %v, want NotFound", err)
	}
	if err := s.PinSnapshot(ctx, tripline.SnapshotPin{SnapshotID: h[0].ID, Kind: "alert"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("pin without a ref: %v, want Invalid", err)
	}
	pins, err := s.SnapshotPins(ctx, 0)
	if err != nil || len(pins) != 1 || pins[0].SnapshotID != h[0].ID || pins[0].Kind != "alert" || pins[0].Ref != "alert-1" || pins[0].CreatedAt.IsZero() {
		t.Fatalf("SnapshotPins(0) = %+v, %v", pins, err)
	}
	if pins, _ := s.SnapshotPins(ctx, h[1].ID); len(pins) != 0 {
		t.Errorf("SnapshotPins of an unpinned snapshot = %+v", pins)
	}
	if _, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 0}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Prune keep 0: %v, want Invalid", err)
	}

	// A dry run says what would go and removes nothing.
	dry, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 1, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	removed := func(r tripline.PruneReport) []int64 {
		var ids []int64
		for _, sn := range r.Removed {
			ids = append(ids, sn.ID)
		}
		slices.Sort(ids)
		return ids
	}
	if got, want := removed(dry), []int64{h[1].ID, h[2].ID}; !slices.Equal(got, want) || !dry.DryRun || dry.Entities != 2+3 || dry.Pinned != 1 {
		t.Errorf("dry run removes %v (%d entities, %d pinned), want %v (5 entities, 1 pinned)", got, dry.Entities, dry.Pinned, want)
	}
	if ids := snapshotIDs(t, s, "src"); len(ids) != 4 {
		t.Fatalf("a dry run removed snapshots: %v", ids)
	}

	// Keep 1: the current snapshot stays, the pinned one stays, the others go.
	rep, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := removed(rep), []int64{h[1].ID, h[2].ID}; !slices.Equal(got, want) || rep.Entities != 5 || rep.Kept != 3 || rep.Pinned != 1 {
		t.Errorf("Prune keep 1 = removed %v, %d entities, kept %d, pinned %d; want %v, 5, 3 (two of src and other), 1", got, rep.Entities, rep.Kept, rep.Pinned, want)
	}
	if ids := snapshotIDs(t, s, "src"); !slices.Equal(ids, []int64{h[3].ID, h[0].ID}) {
		t.Errorf("src keeps snapshots %v, want %d (current) and %d (pinned)", ids, h[3].ID, h[0].ID)
	}
	if _, err := s.Entity(ctx, "src:1", h[1].ID); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("entity of a pruned snapshot: %v, want NotFound", err)
	}
	if err := s.EachEntity(ctx, tripline.EntityFilter{SnapshotID: h[2].ID}, func(*tripline.Entity) error { return nil }); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("EachEntity of a pruned snapshot: %v, want NotFound", err)
	}
	if got := ids(t, s, tripline.EntityFilter{SnapshotID: h[0].ID}); len(got) != 1 {
		t.Errorf("the pinned snapshot reads %v, want its one entity", got)
	}
	if cur := current(t, s, "other"); cur.ID != other[0].ID {
		t.Errorf("other's current snapshot is %d, want %d", cur.ID, other[0].ID)
	}
	if got := ids(t, s, tripline.EntityFilter{}); len(got) != 5 {
		t.Errorf("current entities after prune: %v, want src's 4 and other's 1", got)
	}

	// Unpinned, the old snapshot goes too; the current one never does.
	if err := s.UnpinSnapshot(ctx, alert); err != nil {
		t.Fatal(err)
	}
	if err := s.UnpinSnapshot(ctx, alert); err != nil {
		t.Errorf("unpin twice: %v", err)
	}
	if rep, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 1}); err != nil || !slices.Equal(removed(rep), []int64{h[0].ID}) {
		t.Errorf("Prune after unpin = %+v, %v; want snapshot %d removed", rep.Removed, err, h[0].ID)
	}
	if ids := snapshotIDs(t, s, "src"); !slices.Equal(ids, []int64{h[3].ID}) {
		t.Errorf("src keeps %v, want only the current %d", ids, h[3].ID)
	}
	// Imports go on after a prune; content equal to a pruned snapshot is a
	// new snapshot (only the current one counts as unchanged).
	if _, created := MustImport(t, s, Dataset("src", "h2", Entity("src", "1", "NAME 1"), Entity("src", "2", "NAME 2"))); !created {
		t.Error("import of a pruned snapshot's content created nothing")
	}
}

func testPruneSince(t *testing.T, s IntegrityStore) {
	ctx := context.Background()
	history(t, s, "src", 3)
	history(t, s, "other", 3)
	// Everything was imported within the last hour: kept.
	rep, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 1, KeepSince: time.Now().Add(-time.Hour)})
	if err != nil || len(rep.Removed) != 0 || rep.Kept != 6 {
		t.Errorf("Prune keep-since an hour ago = %+v, %v; want nothing removed, 6 kept", rep, err)
	}
	// Only the sources named are pruned.
	rep, err = s.Prune(ctx, tripline.PrunePolicy{Keep: 2, Sources: []string{"other"}})
	if err != nil || len(rep.Removed) != 1 || rep.Removed[0].Source != "other" {
		t.Errorf("Prune of other = %+v, %v; want its oldest snapshot removed", rep, err)
	}
	if n := len(snapshotIDs(t, s, "src")); n != 3 {
		t.Errorf("src has %d snapshots after pruning other, want 3", n)
	}
	if _, err := s.Prune(ctx, tripline.PrunePolicy{Keep: 1, Sources: []string{"../x"}}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Prune of source ../x: %v, want Invalid", err)
	}
}
