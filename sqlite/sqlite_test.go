package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
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
	storetest.RunAudit(t, func(t *testing.T) storetest.AuditStore {
		s := mustOpen(t)
		s.Actor = storetest.Actor
		return s
	})
	storetest.RunKeys(t, func(t *testing.T) tripline.KeyStore { return mustOpen(t) })
	storetest.RunEvents(t, func(t *testing.T) tripline.EventLog { return mustOpen(t) })
	storetest.RunNetwork(t, func(t *testing.T) tripline.NetworkStore { return mustOpen(t) })
	storetest.RunWebhooks(t, func(t *testing.T) tripline.WebhookStore { return mustOpen(t) })
	storetest.RunMonitor(t, func(t *testing.T) storetest.MonitorStore { return mustOpen(t) })
	storetest.RunTransfers(t, func(t *testing.T) storetest.TransferStore { return mustOpen(t) })
	storetest.RunIntegrity(t, func(t *testing.T) storetest.IntegrityStore { return mustOpen(t) })
	storetest.RunAlertPins(t, func(t *testing.T) storetest.AlertPinStore { return mustOpen(t) })
	storetest.RunBatch(t, func(t *testing.T) tripline.BatchStore { return mustOpen(t) })
	storetest.RunAlertCounts(t, func(t *testing.T) storetest.AlertCounter { return mustOpen(t) })
	storetest.RunWatchFeed(t, func(t *testing.T) storetest.WatchFeedStore { return mustOpen(t) })
	storetest.RunCases(t, func(t *testing.T) storetest.CaseStore { return mustOpen(t) })
	storetest.RunOrders(t, func(t *testing.T) storetest.OrderStore { return mustOpen(t) })
	path := filepath.Join(t.TempDir(), "reopen.db")
	t.Run("Reopen", func(t *testing.T) {
		storetest.RunReopen(t, func(t *testing.T) tripline.Store {
			s, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		})
	})
}

// TestImportTimes checks the audit trail and snapshots keep the store's
// clock exactly.
func TestImportTimes(t *testing.T) {
	s := mustOpen(t)
	s.Now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	snap, _ := storetest.MustImport(t, s, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA")))
	recs, err := s.Imports(context.Background(), 0)
	if err != nil || len(recs) != 1 || !recs[0].At.Equal(s.Now()) || !snap.ImportedAt.Equal(s.Now()) {
		t.Errorf("records %+v, %v; snapshot at %v; want both at %v", recs, err, snap.ImportedAt, s.Now())
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
