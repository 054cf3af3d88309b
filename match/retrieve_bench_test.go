package match

import (
	"context"
	"os"
	"testing"

	"github.com/tripline/tripline/sqlite"
)

// benchAllLists returns the index of every current snapshot of the
// database named by TRIPLINE_BENCH_DB (made with `tripline --db FILE
// import ../shared/data/lists`), or skips.
func benchAllLists(b *testing.B) *Index {
	p := os.Getenv("TRIPLINE_BENCH_DB")
	if p == "" {
		b.Skip("set TRIPLINE_BENCH_DB to a database with the lists imported (tripline --db FILE import ../shared/data/lists)")
	}
	st, err := sqlite.Open(context.Background(), p)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, _, err := Load(context.Background(), st, nil)
	if err != nil {
		b.Fatal(err)
	}
	return s.ix
}

// BenchmarkRetrieveAllLists is candidate retrieval alone (query parsing
// included, scoring not) for the dev-set names against every list, one
// core; one op is one name:
//
//	TRIPLINE_BENCH_DB=all.db go test ./match -run '^$' -bench RetrieveAllLists -benchtime 10000x
func BenchmarkRetrieveAllLists(b *testing.B) {
	ix := benchAllLists(b)
	qs := benchQueries(b)
	sc := newScratch(ix)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		q := &qs[i%len(qs)]
		accept := ix.acceptFunc(q.Type, nil)
		ix.candidates(context.Background(), ix.queryParts(q.Name), nil, accept, sc, pruneShare(ix.cfg.Threshold))
	}
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}
