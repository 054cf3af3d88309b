package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/storetest"
)

// TestWatchSnapshots: an import through one handle is announced to a
// watcher on another, not to a watcher of another schema, and the watcher
// reconnects when its connection is killed.
func TestWatchSnapshots(t *testing.T) {
	dsn := newSchema(t)
	a, b, other := open(t, dsn), open(t, dsn), open(t, newSchema(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	notices := make(chan postgres.SnapshotNotice, 16)
	states := make(chan bool, 16)
	go b.WatchSnapshots(ctx, func(n postgres.SnapshotNotice) { notices <- n }, func(up bool) { states <- up })
	wait := func(what string, want bool) {
		t.Helper()
		select {
		case up := <-states:
			if up != want {
				t.Fatalf("%s: connected(%v), want %v", what, up, want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: no connection change", what)
		}
	}
	wait("start", true)
	next := func(what string) postgres.SnapshotNotice {
		t.Helper()
		select {
		case n := <-notices:
			return n
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: no notice", what)
		}
		return postgres.SnapshotNotice{}
	}
	storetest.MustImport(t, other, storetest.Dataset("elsewhere", "h0", storetest.Entity("elsewhere", "1", "OTHER SCHEMA")))
	for i := range 2 {
		snap, _ := storetest.MustImport(t, a, storetest.Dataset("src", fmt.Sprint("h", i), storetest.Entity("src", "1", fmt.Sprint("ROUND ", i))))
		if n := next("import"); n.Source != "src" || n.Snapshot != snap.ID {
			t.Fatalf("notice %+v, want src snapshot %d (and none from the other schema)", n, snap.ID)
		}
	}
	// An unchanged re-import commits no change: no notice.
	storetest.MustImport(t, a, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ROUND 1")))

	// Kill the listening connection: the watcher says so and comes back.
	admin, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tripline-listen' AND query LIKE 'LISTEN%'`); err != nil {
		t.Fatal(err)
	}
	wait("kill", false)
	wait("reconnect", true)
	snap, _ := storetest.MustImport(t, a, storetest.Dataset("src", "h2", storetest.Entity("src", "1", "ROUND 2")))
	n := next("import after reconnect")
	if n.Snapshot != snap.ID {
		t.Fatalf("notice after reconnect = %+v, want snapshot %d", n, snap.ID)
	}
	select {
	case n := <-notices:
		t.Errorf("unexpected notice %+v (the unchanged re-import?)", n)
	default:
	}
}
