package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/storetest"
)

// TestSimultaneousMigrations starts eight stores at once on an empty
// schema, as replicas started together would: every one opens, each
// migration (Tripline's and the job queue's) is applied once, and all of
// them work on the result.
func TestSimultaneousMigrations(t *testing.T) {
	dsn := newSchema(t)
	const n = 8
	stores := make([]*postgres.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			stores[i], errs[i] = postgres.Open(context.Background(), dsn)
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: %v", i, err)
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, q := range []string{
		`SELECT count(*) - count(DISTINCT version) FROM schema_migrations`,
		`SELECT count(*) - count(DISTINCT version) FROM river_migration`,
	} {
		var dup int
		if err := c.QueryRow(ctx, q).Scan(&dup); err != nil || dup != 0 {
			t.Errorf("%s = %d, %v; want every version once", q, dup, err)
		}
	}
	var versions int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version IN (80, 81)`).Scan(&versions); err != nil || versions != 2 {
		t.Errorf("batch and notify migrations applied %d times, %v; want 2", versions, err)
	}
	for i, s := range stores {
		storetest.MustImport(t, s, storetest.Dataset(fmt.Sprint("src", i), "h", storetest.Entity(fmt.Sprint("src", i), "1", "ALPHA")))
	}
	snaps, err := stores[0].CurrentSnapshots(ctx)
	if err != nil || len(snaps) != n {
		t.Errorf("CurrentSnapshots = %d, %v; want %d", len(snaps), err, n)
	}
}
