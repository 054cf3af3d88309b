package match_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

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

// BenchmarkScreenBatchAllLists is steady-state batch screening (Screen,
// one worker per core) of the dev-set names against the index loaded from
// TRIPLINE_BENCH_DB; one op is one name.
func BenchmarkScreenBatchAllLists(b *testing.B) {
	st := benchDB(b)
	s, _, err := match.Load(context.Background(), st, nil)
	if err != nil {
		b.Fatal(err)
	}
	qs := devQueries(b)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := procCPU()
	for done := 0; done < b.N; {
		n := min(len(qs), b.N-done)
		batch := append([]tripline.Query(nil), qs[:n]...)
		if _, err := s.Screen(context.Background(), batch, tripline.ScreenOptions{}); err != nil {
			b.Fatal(err)
		}
		done += n
	}
	// Process CPU per name (both cores): steadier than wall time on a
	// shared machine.
	b.ReportMetric(float64((procCPU()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}

func procCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// devQueries reads the names of ../shared/eval/screening-dev/queries.csv.
func devQueries(b *testing.B) []tripline.Query {
	f, err := os.Open(filepath.Join("..", "..", "shared", "eval", "screening-dev", "queries.csv"))
	if err != nil {
		b.Skipf("screening-dev not found next to the repository: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var qs []tripline.Query
	for _, r := range rows[1:] {
		q := tripline.Query{ID: r[col["id"]], Name: r[col["name"]]}
		if i, ok := col["type"]; ok {
			q.Type = r[i]
		}
		qs = append(qs, q)
	}
	return qs
}
