package match_test

import (
	"context"
	"testing"

	"github.com/tripline/tripline/match"
)

// BenchmarkScoreAllLists is the scoring stage of batch screening alone
// (one goroutine): the dev-set names' candidates against the index loaded
// from TRIPLINE_BENCH_DB are retrieved before the timer starts, and one op
// scores one name's candidates (every name of each, with the per-query
// memo). cpu-µs/op is process CPU per name.
//
//	TRIPLINE_BENCH_DB=all.db go test ./match -run '^$' -bench ScoreAllLists -benchtime 10000x
func BenchmarkScoreAllLists(b *testing.B) {
	st := benchDB(b)
	s, _, err := match.Load(context.Background(), st, nil)
	if err != nil {
		b.Fatal(err)
	}
	qs := devQueries(b)
	score := match.ScoreStage(s, qs)
	pairs := 0
	b.ReportAllocs()
	b.ResetTimer()
	c0 := procCPU()
	for i := 0; i < b.N; i++ {
		_, n := score(i % len(qs))
		pairs += n
	}
	b.ReportMetric(float64((procCPU()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
	b.ReportMetric(float64(pairs)/float64(b.N), "names/op")
}
