package match

import (
	"context"
	"math"
	"testing"

	"github.com/tripline/tripline"
)

// checkBound holds nameScoreAtLeast and bestName to full scoring on every
// candidate name of qs: asked for a name's own score (or a little less)
// the bound must let it through with the same score, bit for bit (a
// bound below a real score fails here); asked for more it may give up.
// mergeSimBound must be at least mergeSim on every query part and two
// adjacent listed parts.
// bestName must pick what scoring every name picks whenever that reaches
// need. It returns the pairs checked and how many a need above the score
// gave up.
func checkBound(t *testing.T, ix *Index, qs []tripline.Query) (pairs, pruned int) {
	t.Helper()
	c := &ix.cfg
	sc := newScratch(ix)
	accept := ix.acceptFunc("", nil)
	for _, q := range qs {
		qp := ix.queryParts(q.Name)
		cands := append([]int32(nil), ix.candidates(context.Background(), qp, nil, accept, sc, pruneShare(c.Threshold))...)
		sc.memo.reset(len(ix.vocab), len(qp))
		for _, e := range cands {
			full := scored{ent: e, name: -1}
			for _, n := range ix.entNames[e] {
				l := ix.listedParts(n)
				want, _ := c.nameScore(qp, l, false)
				for i := range qp {
					for j := 0; j+1 < len(l); j++ {
						if b, m := c.mergeSimBound(qp[i].v, l[j].v, l[j+1].v), c.mergeSim(qp[i].v, l[j].v, l[j+1].v); b < m {
							t.Fatalf("%q against %q %q: mergeSimBound %v below mergeSim %v", qp[i].v.text, l[j].v.text, l[j+1].v.text, b, m)
						}
					}
				}
				for _, need := range []float64{want, want - 1e-6, want / 2} {
					got, ok := c.nameScoreAtLeast(qp, l, &sc.memo, need)
					if !ok || math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("%q against %q: asked for %v got %v (ok %v), score %v", q.Name, ix.names[n].full, need, got, ok, want)
					}
				}
				if want+0.05 <= 1 {
					if _, ok := c.nameScoreAtLeast(qp, l, &sc.memo, want+0.05); !ok {
						pruned++
					}
				}
				pairs++
				ns := want
				if ix.names[n].kind == tripline.NameWeak {
					ns *= c.WeakAlias
				}
				if ns > full.score || full.name < 0 {
					full = scored{ent: e, name: n, score: ns}
				}
			}
			for _, need := range []float64{0, 0.5, 0.85, full.score, full.score + 0.01} {
				got, ok := ix.bestName(qp, e, need, &sc.memo)
				if full.name >= 0 && full.score >= need && (!ok || got != full) {
					t.Fatalf("%q, entity %s, need %v: %+v (ok %v), want %+v", q.Name, ix.ents[e].ID, need, got, ok, full)
				}
				if ok && got != full {
					t.Fatalf("%q, entity %s, need %v: %+v, want %+v", q.Name, ix.ents[e].ID, need, got, full)
				}
			}
		}
	}
	return pairs, pruned
}

func TestScoreBoundFictional(t *testing.T) {
	ix := NewIndex(DefaultConfig(), fictional())
	qs := fictionalQueries()
	qs = append(qs, tripline.Query{Name: "Soleimani Qasem Haj Mohammad"}, tripline.Query{Name: "Ghods"}, tripline.Query{Name: "قاسم سلیمانی"}, tripline.Query{Name: "Q. Soleimani"})
	pairs, pruned := checkBound(t, ix, qs)
	if pairs == 0 || pruned == 0 {
		t.Fatalf("%d pairs, %d given up: the check checked nothing", pairs, pruned)
	}
}

// TestScoreBoundAllLists: the bound holds for the dev-set names'
// candidates against every real list.
func TestScoreBoundAllLists(t *testing.T) {
	ix := allListsScreener(t).ix
	var qs []tripline.Query
	for i, c := range loadDev(t) {
		if i%8 == 0 {
			qs = append(qs, c.q)
		}
	}
	pairs, pruned := checkBound(t, ix, qs)
	t.Logf("%d queries, %d name pairs; asked for 0.05 above its score, %d given up", len(qs), pairs, pruned)
	if pruned == 0 {
		t.Fatal("the bound never gave a name up")
	}
}

// TestNameNeed: the need is the threshold less what the query's birth
// date and country can add, and none with identifiers.
func TestNameNeed(t *testing.T) {
	c := DefaultConfig()
	if got := nameNeed(&c, &tripline.Query{Name: "x"}, 0.85); got >= 0.85 || got < 0.85-1e-6 {
		t.Fatalf("no evidence: need %v", got)
	}
	if got := nameNeed(&c, &tripline.Query{Name: "x", Country: "IR", BirthDate: "1957"}, 0.85); math.Abs(got-(0.85-0.05-0.03)) > 1e-6 {
		t.Fatalf("birth date and country: need %v", got)
	}
	if got := nameNeed(&c, &tripline.Query{Name: "x", Identifiers: []tripline.Identifier{{Value: "A1234567"}}}, 0.85); got != 0 {
		t.Fatalf("identifiers: need %v, want 0", got)
	}
}
