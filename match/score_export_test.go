package match

import (
	"context"

	"github.com/tripline/tripline"
)

// ScoreStage prepares the scoring stage of screening qs with s alone:
// each query's parts and candidates (all accepted, default options) are
// found first, and score(i) then scores the candidates of query i as
// screenOne does (listed parts, nameScoreMemo with the per-query memo,
// the weak-alias factor), returning the best name score per candidate
// summed, and the pairs of names scored.
func ScoreStage(s *Screener, qs []tripline.Query) (score func(i int) (sum float64, pairs int)) {
	ix := s.ix
	cfg := &ix.cfg
	sc := newScratch(ix)
	accept := ix.acceptFunc("", nil)
	qps := make([][]ptok, len(qs))
	cands := make([][]int32, len(qs))
	for i, q := range qs {
		qps[i] = ix.queryParts(q.Name)
		cands[i] = append([]int32(nil), ix.candidates(context.Background(), qps[i], nil, accept, sc, pruneShare(cfg.Threshold))...)
	}
	var buf []ptok
	return func(i int) (float64, int) {
		qp := qps[i]
		sc.memo.reset(len(ix.vocab), len(qp))
		sum, pairs := 0.0, 0
		for _, e := range cands[i] {
			best := 0.0
			for _, n := range ix.entNames[e] {
				buf = ix.listedParts(n)
				ns, _ := cfg.nameScoreMemo(qp, buf, false, &sc.memo)
				if ix.names[n].kind == tripline.NameWeak {
					ns *= cfg.WeakAlias
				}
				best = max(best, ns)
				pairs++
			}
			sum += best
		}
		return sum, pairs
	}
}
