package match

import (
	"context"
	"math"
	"testing"

	"github.com/tripline/tripline"
)

// checkMemo scores every candidate name of every query with the
// per-query memo and without it, and fails on any difference. The queries
// run twice, the second time in reverse, so that slots are reused across
// queries of other lengths.
func checkMemo(t *testing.T, ix *Index, qs []tripline.Query, sc *scratch) (pairs int) {
	t.Helper()
	accept := ix.acceptFunc("", nil)
	var buf []ptok
	for pass := range 2 {
		for k := range qs {
			q := qs[k]
			if pass == 1 {
				q = qs[len(qs)-1-k]
			}
			qp := ix.queryParts(q.Name)
			cands := ix.candidates(context.Background(), qp, nil, accept, sc, pruneShare(ix.cfg.Threshold))
			cands = append([]int32(nil), cands...)
			sc.memo.reset(len(ix.vocab), len(qp))
			for _, e := range cands {
				for _, n := range ix.entNames[e] {
					buf = ix.listedParts(n)
					for range 2 { // the second time from the memo
						got, gp := ix.cfg.nameScoreMemo(qp, buf, false, &sc.memo)
						want, _ := ix.cfg.nameScore(qp, buf, false)
						if math.Float64bits(got) != math.Float64bits(want) || gp != nil {
							t.Fatalf("%q against %q: %v with the memo, %v without", q.Name, ix.names[n].full, got, want)
						}
					}
					pairs++
				}
			}
		}
	}
	return pairs
}

func TestSimMemoFictional(t *testing.T) {
	ix := NewIndex(DefaultConfig(), fictional())
	sc := newScratch(ix)
	qs := fictionalQueries()
	qs = append(qs, tripline.Query{Name: "Soleimani Qasem Haj Mohammad"}, tripline.Query{Name: "Ghods"}, tripline.Query{Name: "قاسم سلیمانی"})
	if n := checkMemo(t, ix, qs, sc); n == 0 {
		t.Fatal("no candidate scored")
	}
	// A wrapped generation counter must not make old slots current.
	sc.memo.gen = math.MaxUint32 - 1
	checkMemo(t, ix, qs, sc)
	if sc.memo.gen > 100 {
		t.Fatalf("gen %d: the counter did not wrap", sc.memo.gen)
	}
}

// A memo reset for a query of another length is not used.
func TestSimMemoOtherQuery(t *testing.T) {
	ix := NewIndex(DefaultConfig(), fictional())
	var m simMemo
	q := ix.queryParts("Qasem Soleimani")
	l := ix.queryParts("SOLEIMANI, Qasem")
	for j := range l {
		l[j].id = int32(j) // stand for vocabulary ids
	}
	m.reset(len(ix.vocab), 3)
	want, _ := ix.cfg.nameScore(q, l, false)
	if got, _ := ix.cfg.nameScoreMemo(q, l, false, &m); got != want || len(m.vals) != 0 {
		t.Fatalf("%v, want %v; %d values cached", got, want, len(m.vals))
	}
	m.reset(len(ix.vocab), len(q))
	if got, _ := ix.cfg.nameScoreMemo(q, l, false, &m); got != want || len(m.vals) != len(l)*(2*len(q)-1) {
		t.Fatalf("%v, want %v; %d values cached", got, want, len(m.vals))
	}
}

// TestSimMemoAllLists: the memo changes no score of the dev-set names'
// candidates against every real list.
func TestSimMemoAllLists(t *testing.T) {
	ix := allListsScreener(t).ix
	var qs []tripline.Query
	for i, c := range loadDev(t) {
		if i%4 == 0 {
			qs = append(qs, c.q)
		}
	}
	n := checkMemo(t, ix, qs, newScratch(ix))
	t.Logf("%d queries, %d name pairs scored alike", len(qs), n)
}
