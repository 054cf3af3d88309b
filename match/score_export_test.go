package match

import (
	"context"

	"github.com/tripline/tripline"
)

// ScoreStage prepares the scoring stage of screening qs with s alone:
// each query's parts and candidates (all accepted, default options) are
// found first, and score(i) then scores the candidates of query i as
// screenOne does (bestName with the per-query memo and the default
// threshold's need), returning the best name score of the candidates
// that may reach it summed, and the candidates' names (scored or given
// up).
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
	need := nameNeed(cfg, &tripline.Query{}, cfg.Threshold)
	return func(i int) (float64, int) {
		qp := qps[i]
		sc.memo.reset(len(ix.vocab), len(qp))
		sum, pairs := 0.0, 0
		for _, e := range cands[i] {
			if best, ok := ix.bestName(qp, e, need, &sc.memo); ok {
				sum += best.score
			}
			pairs += len(ix.entNames[e])
		}
		return sum, pairs
	}
}
