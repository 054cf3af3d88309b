package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

// mustOpen opens a new store in a temporary directory.
func mustOpen(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "dir", "t.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustOpenB opens a new store for a benchmark.
func mustOpenB(b *testing.B) *sqlite.Store {
	b.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) tripline.Store { return mustOpen(t) })
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := storetest.MustImport(t, s, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA")))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(ctx, path) // migrations run again: must be a no-op
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.Snapshot(ctx, snap.ID)
	if err != nil || got.Hash != "h1" || !got.Current {
		t.Errorf("after reopen Snapshot(%d) = %+v, %v", snap.ID, got, err)
	}
	if _, created := storetest.MustImport(t, s, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA"))); created {
		t.Error("identical import after reopen created a snapshot")
	}
}

func TestOpenRejectsNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("these are not the droids you are looking for, not a database file at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a text file succeeded")
	}
	if k := tripline.ErrorKind(err); k != tripline.KindInternal && k != tripline.KindInvalid {
		t.Errorf("kind %v, want a classified error: %v", k, err)
	}
	if _, err := sqlite.Open(context.Background(), ""); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Open(\"\"): %v, want Invalid", err)
	}
}

func TestImportAuditTrail(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	s.Actor = "alice"
	s.Now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	snap, _ := storetest.MustImport(t, s, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA")))
	storetest.MustImport(t, s, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA")))
	bad := storetest.Dataset("src", "h2", storetest.Entity("src", "2", "B"), storetest.Entity("src", "2", "B"))
	if _, _, err := s.Import(ctx, bad); err == nil {
		t.Fatal("duplicate ids imported")
	}
	parseErr := &tripline.ParseError{File: "sdn.csv", Line: 7, Offset: -1, Msg: "unterminated quote"}
	if err := s.RecordRejected(ctx, "ofac-csv", []string{"sdn.csv"}, parseErr); err != nil {
		t.Fatal(err)
	}
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
		if r.Actor != "alice" || !r.At.Equal(s.Now()) || len(r.Files) != 1 {
			t.Errorf("record %d: actor %q at %v files %v", i, r.Actor, r.At, r.Files)
		}
	}
	if recs[1].Hash != "h2" || recs[1].EntityCount != 2 || recs[1].Source != "src" {
		t.Errorf("rejected store import record lacks its dataset: %+v", recs[1])
	}
	if recs, _ := s.Imports(ctx, 1); len(recs) != 1 {
		t.Errorf("Imports(1) = %d records", len(recs))
	}
}

func TestImportCancelled(t *testing.T) {
	s := mustOpen(t)
	good, _ := storetest.MustImport(t, s, storetest.Dataset("bench", "h1", storetest.Entity("bench", "1", "ALPHA")))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := s.Import(ctx, benchDataset(10000, "h2")); err == nil {
		t.Fatal("cancelled import succeeded")
	}
	cur, err := s.CurrentSnapshots(context.Background())
	if err != nil || len(cur) != 1 || cur[0].ID != good.ID {
		t.Errorf("after a cancelled import: %+v, %v; want snapshot %d current", cur, err, good.ID)
	}
}

func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my lists #1", "50% off?")
	path := filepath.Join(dir, "trip line.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	storetest.MustImport(t, s, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA")))
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not at %q: %v", path, err)
	}
}
