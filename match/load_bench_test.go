package match_test

import (
	"context"
	"os"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
)

// benchDB opens the all-lists database named by TRIPLINE_BENCH_DB (made
// with `tripline --db FILE import ../shared/data/lists`), or skips.
func benchDB(b *testing.B) *sqlite.Store {
	p := os.Getenv("TRIPLINE_BENCH_DB")
	if p == "" {
		b.Skip("set TRIPLINE_BENCH_DB to a database with the lists imported (tripline --db FILE import ../shared/data/lists)")
	}
	st, err := sqlite.Open(context.Background(), p)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkLoadReadStore reads every current snapshot's entities from the
// store, without indexing them.
func BenchmarkLoadReadStore(b *testing.B) {
	st := benchDB(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		snaps, err := st.CurrentSnapshots(ctx)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, s := range snaps {
			if err := st.EachEntity(ctx, tripline.EntityFilter{SnapshotID: s.ID}, func(*tripline.Entity) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "entities")
	}
}

// BenchmarkLoadAllLists is match.Load over every current snapshot: what a
// command or the server spends before its first screen.
func BenchmarkLoadAllLists(b *testing.B) {
	st := benchDB(b)
	for i := 0; i < b.N; i++ {
		if _, _, err := match.Load(context.Background(), st, nil); err != nil {
			b.Fatal(err)
		}
	}
}
