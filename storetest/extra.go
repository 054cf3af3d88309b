package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// AuditStore is a store that keeps an import audit trail.
type AuditStore interface {
	tripline.Store
	tripline.AuditLog
}

// Actor is the actor name RunAudit expects on every audit record.
const Actor = "storetest"

// RunAudit runs the audit-trail tests; open must return a new, empty store
// whose records name Actor, and arrange for it to be closed.
func RunAudit(t *testing.T, open func(t *testing.T) AuditStore) {
	t.Run("ImportAuditTrail", func(t *testing.T) { testAuditTrail(t, open(t)) })
}

// RunKeys runs the API key tests; open must return a new, empty store and
// arrange for it to be closed.
func RunKeys(t *testing.T, open func(t *testing.T) tripline.KeyStore) {
	t.Run("APIKeys", func(t *testing.T) { testKeys(t, open(t)) })
	t.Run("APIKeyRoles", func(t *testing.T) { testKeyRoles(t, open(t)) })
}

// RunReopen checks that a store opened again on the same database keeps
// its data (running the migrations again is a no-op); each call of open
// must open the same database, empty at first, and arrange for the store
// to be closed when the test ends (closing it twice must be harmless).
func RunReopen(t *testing.T, open func(t *testing.T) tripline.Store) {
	ctx := context.Background()
	s := open(t)
	snap, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t)
	snaps, err := s.Snapshots(ctx, "src")
	if err != nil || len(snaps) != 1 || snaps[0].ID != snap.ID || snaps[0].Hash != "h1" || !snaps[0].Current {
		t.Errorf("after reopening Snapshots(src) = %+v, %v; want snapshot %d current", snaps, err, snap.ID)
	}
	if _, created := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA"))); created {
		t.Error("identical import after reopening created a snapshot")
	}
}

func testAuditTrail(t *testing.T, s AuditStore) {
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	snap, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	bad := Dataset("src", "h2", Entity("src", "2", "B"), Entity("src", "2", "B"))
	if _, _, err := s.Import(ctx, bad); err == nil {
		t.Fatal("duplicate ids imported")
	}
	parseErr := tripline.ParseErrorf("sdn.csv", 7, "unterminated quote")
	if err := s.RecordRejection(ctx, tripline.ImportRecord{Format: "ofac-csv", Files: []string{"sdn.csv"}, Error: parseErr.Error()}); err != nil {
		t.Fatal(err)
	}
	after := time.Now().Add(time.Second)
	recs, err := s.Imports(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d audit records, want 4: %+v", len(recs), recs)
	}
	// Newest first.
	want := []struct {
		result string
		snap   int64
		errHas string
	}{
		{"rejected", 0, "sdn.csv:7: unterminated quote"},
		{"rejected", 0, "duplicate entity id src:2"},
		{"unchanged", snap.ID, ""},
		{"created", snap.ID, ""},
	}
	for i, w := range want {
		r := recs[i]
		if r.Result != w.result || r.SnapshotID != w.snap || !strings.Contains(r.Error, w.errHas) || (w.errHas == "" && r.Error != "") {
			t.Errorf("record %d = %+v, want result %s snapshot %d error containing %q", i, r, w.result, w.snap, w.errHas)
		}
		if r.Actor != Actor || r.At.Before(before) || r.At.After(after) || len(r.Files) != 1 {
			t.Errorf("record %d: actor %q at %v files %v; want %q, between %v and %v, one file", i, r.Actor, r.At, r.Files, Actor, before, after)
		}
		if i > 0 && r.ID >= recs[i-1].ID {
			t.Errorf("record ids %d then %d: not newest first", recs[i-1].ID, r.ID)
		}
	}
	if recs[1].Hash != "h2" || recs[1].EntityCount != 2 || recs[1].Source != "src" || recs[1].Format != "test" {
		t.Errorf("rejected store import record lacks its dataset: %+v", recs[1])
	}
	if recs[0].Format != "ofac-csv" || recs[0].Source != "" {
		t.Errorf("rejected parse record = %+v, want format ofac-csv and no source", recs[0])
	}
	if recs, _ := s.Imports(ctx, 1); len(recs) != 1 || recs[0].Result != "rejected" {
		t.Errorf("Imports(1) = %+v, want the newest record only", recs)
	}
	// A cause quoting raw bytes of a bad file is still recorded.
	if err := s.RecordRejection(ctx, tripline.ImportRecord{Format: "ofac-csv", Files: []string{"sdn.csv"}, Error: "bad byte \xff and \x00 here"}); err != nil {
		t.Errorf("RecordRejection with raw bytes in the error: %v", err)
	}
}

func testKeys(t *testing.T, s tripline.KeyStore) {
	ctx := context.Background()
	if _, _, err := s.CreateKey(ctx, tripline.KeySpec{Name: " "}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("empty name: got %v, want Invalid", err)
	}
	token, k, err := s.CreateKey(ctx, tripline.KeySpec{Name: "order-system"})
	if err != nil {
		t.Fatal(err)
	}
	if k.ID == 0 || k.Name != "order-system" || !strings.HasPrefix(token, k.Prefix) || k.CreatedAt.IsZero() {
		t.Errorf("CreateKey record = %+v for key %s…", k, k.Prefix)
	}
	if got, err := s.VerifyKey(ctx, token); err != nil || got.Name != "order-system" || got.ID != k.ID {
		t.Fatalf("VerifyKey(new key) = %+v, %v", got, err)
	}
	for _, bad := range []string{token + "x", "", "tl_", strings.TrimPrefix(token, "tl_")} {
		if _, err := s.VerifyKey(ctx, bad); tripline.ErrorKind(err) != tripline.KindUnauthorized {
			t.Errorf("VerifyKey(%q): got %v, want Unauthorized", bad, err)
		}
	}
	token2, k2, err := s.CreateKey(ctx, tripline.KeySpec{Name: "analyst"})
	if err != nil || token2 == token {
		t.Fatalf("second key: %v (same token: %v)", err, token2 == token)
	}
	keys, err := s.Keys(ctx)
	if err != nil || len(keys) != 2 || keys[0].ID != k.ID || keys[0].Prefix != token[:9] || keys[1].ID != k2.ID || keys[0].RevokedAt != nil {
		t.Fatalf("Keys = %+v, %v", keys, err)
	}
	if err := s.RevokeKey(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyKey(ctx, token); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Fatalf("revoked key: got %v, want Unauthorized", err)
	}
	if got, err := s.VerifyKey(ctx, token2); err != nil || got.Name != "analyst" {
		t.Errorf("the other key after a revocation: %+v, %v", got, err)
	}
	if err := s.RevokeKey(ctx, k.ID); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Fatalf("revoke twice: got %v, want NotFound", err)
	}
	if err := s.RevokeKey(ctx, k2.ID+100); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("revoke unknown: got %v, want NotFound", err)
	}
	keys, _ = s.Keys(ctx)
	if len(keys) != 2 || keys[0].RevokedAt == nil || keys[1].RevokedAt != nil {
		t.Errorf("Keys after revoking the first = %+v", keys)
	}
}

func testCancelled(t *testing.T, s tripline.Store) {
	good, _ := MustImport(t, s, Dataset("src", "h1", Entity("src", "1", "ALPHA")))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	es := make([]*tripline.Entity, 10000)
	for i := range es {
		es[i] = Entity("src", fmt.Sprint(i), fmt.Sprint("NAME ", i))
	}
	if _, _, err := s.Import(ctx, Dataset("src", "h2", es...)); err == nil {
		t.Fatal("cancelled import succeeded")
	}
	cur, err := s.CurrentSnapshots(context.Background())
	if err != nil || len(cur) != 1 || cur[0].ID != good.ID {
		t.Errorf("after a cancelled import: %+v, %v; want snapshot %d current", cur, err, good.ID)
	}
	if snaps, _ := s.Snapshots(context.Background(), "src"); len(snaps) != 1 {
		t.Errorf("a cancelled import left %d snapshots, want 1", len(snaps))
	}
}

func testConcurrentSameContent(t *testing.T, s tripline.Store) {
	const n = 6
	var wg sync.WaitGroup
	created := make(chan int64, n)
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap, c, err := s.Import(context.Background(), Dataset("src", "same", Entity("src", "1", "ALPHA"), Entity("src", "2", "BETA")))
			if err != nil {
				errs <- err
				return
			}
			if c {
				created <- snap.ID
			}
		}()
	}
	wg.Wait()
	close(created)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(created) != 1 {
		t.Errorf("%d of %d simultaneous imports of the same content created a snapshot, want 1", len(created), n)
	}
	snaps, err := s.Snapshots(context.Background(), "src")
	if err != nil || len(snaps) != 1 || !snaps[0].Current {
		t.Errorf("Snapshots = %+v, %v; want one current snapshot", snaps, err)
	}
}
