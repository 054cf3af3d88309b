package match

import (
	"context"
	"slices"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// scratch is per-worker memory for candidate retrieval.
type scratch struct {
	// cur is per name its retrieval score (acc) and its best similarity
	// for the current part (s, valid where mark is stamp): one cell, one
	// cache line per name.
	cur     []curCell
	touched []int32 // names with acc > 0
	curList []int32
	grams   []uint8 // per vocab entry: shared trigrams
	gTouch  []int32
	// cbest is per romanisation class (fastTables.classes) the best
	// trigram dice of its entries for the current part, cTouch the
	// classes set.
	cbest  []float64
	cTouch []int32
	stamp  int32
	// hv is per vocabulary entry the similarity estimate of the part
	// being looked up (0: not hit), hl the entries with hv > 0: a dense
	// set instead of a map (see lookupHits).
	hv []float64
	hl []int32
	// pairs holds every part's hits, one after the other.
	pairs []vhit
	// eb is per entity the best retrieval estimate of its names (s),
	// valid where its mark equals ebStamp; ebList the entities set.
	eb      []entCell
	ebStamp int32
	ebList  []int32
	memo    simMemo
	// ecs is the entities' list in candidates.
	ecs []ec
}

// curCell is a name's best similarity for the part being accumulated.
type curCell struct {
	mark int32
	s    float32
	acc  float32
}

// entCell is an entity's best retrieval estimate, valid where mark is
// the current stamp.
type entCell struct {
	mark int32
	s    float32
}

// vhit is a vocabulary entry hit by a query part, with the estimate of
// its similarity.
type vhit struct {
	v int32
	s float64
}

func newScratch(ix *Index) *scratch {
	return &scratch{
		cur:   make([]curCell, len(ix.names)),
		grams: make([]uint8, len(ix.vocab)),
		cbest: make([]float64, len(ix.fast.classes)),
		hv:    make([]float64, len(ix.vocab)),
		eb:    make([]entCell, len(ix.ents)),
		memo:  simMemo{},
	}
}

// maxSkeletonBucket bounds the words aligned per consonant skeleton, so
// that what a query part costs to look up stays bounded.
const maxSkeletonBucket = 3000

// lookupHits collects the vocabulary entries that may match query part
// t, with an estimate of their similarity.
//
// The hits are left in sc.hv (estimate per entry, 0 for none) and sc.hl
// (the entries hit, each once); every estimate is above 0.
func (ix *Index) lookupHits(t *vtok, sc *scratch) {
	hits := sc.hv
	raise := func(v int32, s float64) {
		if hits[v] == 0 {
			sc.hl = append(sc.hl, v)
		}
		if hits[v] < s {
			hits[v] = s
		}
	}
	put := func(ids []int32, s float64) {
		for _, v := range ids {
			raise(v, s)
		}
	}
	put(ix.byText[t.text], 1)
	if t.bare != "" {
		put(ix.byText[t.bare], 0.98)
		put(ix.byKey[names.RomanKey(t.bare)], 0.95)
	}
	put(ix.byKey[t.key], 0.95)
	for _, a := range t.alts {
		put(ix.byText[a], 0.93)
		put(ix.byKey[names.RomanKey(a)], 0.9)
	}
	if len(t.phon) >= 3 || (abjad(t.script) && len(t.phon) >= 2) {
		put(ix.byPhon[t.phon], 0.85)
	} else if len(t.phon) == 2 && len(t.text) >= 4 {
		// Short phonetic keys collide often: keep only similar spellings
		// (khna / khan), as the scorer does.
		for _, v := range ix.byPhon[t.phon] {
			if es := simAtLeast(t.text, ix.vocab[v].text, 0.6); es >= 0.6 {
				raise(v, 0.6+0.35*es)
			}
		}
	}
	if t.kind == names.Word && (t.orig != "" || t.script == "") {
		// A word in the Arabic script against the Latin words (and a Latin
		// word against the Arabic-script ones) with its consonant
		// skeleton, each scored by the alignment of its letters.
		from := ix.byCkey
		if t.orig == "" {
			from = ix.byCkeyAbjad
		}
		for _, k := range skeletonKeys(t) {
			ids := from[k]
			if len(ids) > maxSkeletonBucket {
				ids = ids[:maxSkeletonBucket]
			}
			for _, v := range ids {
				if s := ix.cfg.abjadSim(t, &ix.vocab[v]); s > 0 {
					raise(v, s)
				}
			}
		}
	}
	if t.kind == names.Word && len(t.text) >= 4 && len(t.text) <= maxEditBytes {
		// Typo tolerance: vocabulary entries sharing enough trigrams
		// (only for parts short enough to be compared by edits at all).
		// A part of at most maxEditBytes bytes has fewer than 255
		// trigrams: the counts cannot overflow.
		g := trigrams(t.text)
		sc.gTouch = sc.gTouch[:0]
		counts := sc.grams
		for _, x := range g {
			for _, v := range ix.grams[x] {
				c := counts[v]
				if c == 0 {
					sc.gTouch = append(sc.gTouch, v)
				}
				counts[v] = c + 1
			}
		}
		f := &ix.fast
		vlen := f.vlen
		sc.cTouch = sc.cTouch[:0]
		for _, v := range sc.gTouch {
			shared := int(sc.grams[v])
			sc.grams[v] = 0
			n := len(g) + int(vlen[v])
			// dice below is at least 0.45 only where 40·shared ≥ 9·n:
			// the division is spared for the many entries far from it
			// (the margin keeps the float test below the one that
			// decides).
			if 40*shared < 9*n-9 {
				continue
			}
			dice := 2 * float64(shared) / float64(n)
			if dice >= 0.45 {
				raise(v, dice*0.9)
				if c := f.keyOf[v]; c >= 0 {
					if sc.cbest[c] == 0 {
						sc.cTouch = append(sc.cTouch, c)
					}
					sc.cbest[c] = max(sc.cbest[c], dice)
				}
			}
		}
		// Other spellings of the same romanisation class ("cabdullaah"
		// is near "abdullah", so also "abdallah"), once per class with
		// its best dice: the highest dice·0.85 of its entries.
		for _, c := range sc.cTouch {
			d := sc.cbest[c] * 0.85
			sc.cbest[c] = 0
			for _, k := range f.classes[c] {
				raise(k, d)
			}
		}
		// Split parts: "jingfeng" → "jing" + "feng".
		if len(t.text) >= 6 {
			for p := 2; p <= len(t.text)-2; p++ {
				a := ix.byText[t.text[:p]]
				if len(a) == 0 {
					continue // the second half is not looked up in vain
				}
				if b := ix.byText[t.text[p:]]; len(b) > 0 {
					put(a, 0.8)
					put(b, 0.8)
				}
			}
		}
	}
}

// candidates returns up to cfg.MaxCandidates entity ids for query parts
// q, best retrieval score first, plus every entity sharing an identifier.
//
// An entity whose retrieval score is below minShare of the query's total
// part weight is not returned (see pruneShare).
//
// accept is a hint that keeps rejected entities from taking the places of
// accepted ones; the caller checks every candidate against its filters
// again. A cancelled ctx ends retrieval early with what was found.
func (ix *Index) candidates(ctx context.Context, q []ptok, ids []tripline.Identifier, accept func(int32) bool, sc *scratch, minShare float64) []int32 {
	cfg := &ix.cfg
	sc.touched = sc.touched[:0]
	sc.pairs = sc.pairs[:0]
	// Parts worth retrieving on: words and numbers; legal forms, titles,
	// function words and initials only when nothing else is there.
	var use []int
	for i, t := range q {
		if t.v.kind == names.Word || t.v.kind == names.Number {
			use = append(use, i)
		}
	}
	if len(use) == 0 {
		for i := range q {
			use = append(use, i)
		}
	}
	// A part's hits are sc.pairs[from:to].
	type partHits struct {
		w        float64
		from, to int
		rare     bool
	}
	var parts []partHits
	anyRare := false
	totalW := 0.0
	for _, i := range use {
		if ctx.Err() != nil {
			break
		}
		sc.hl = sc.hl[:0]
		ix.lookupHits(q[i].v, sc)
		from := len(sc.pairs)
		rare := false
		for _, v := range sc.hl {
			s := sc.hv[v]
			sc.hv[v] = 0
			sc.pairs = append(sc.pairs, vhit{v, s})
			if s >= 0.9 && len(ix.fast.postings(v)) <= cfg.CommonPostings {
				rare = true // a close hit on a rarer part: enough to go on
			}
		}
		anyRare = anyRare || rare
		parts = append(parts, partHits{w: q[i].w, from: from, to: len(sc.pairs), rare: rare})
		totalW += q[i].w
		if i+1 < len(q) && q[i].v.kind == names.Word && q[i+1].v.kind == names.Word {
			// Two query parts written as one listed part: a part of its
			// own, with both weights.
			j := q[i].v.text + q[i+1].v.text
			sc.hl = sc.hl[:0]
			set := func(v int32, s float64) {
				if sc.hv[v] == 0 {
					sc.hl = append(sc.hl, v)
				}
				sc.hv[v] = s
			}
			for _, v := range ix.byText[j] {
				set(v, 0.95)
			}
			for _, a := range q[i].v.alts {
				for _, b := range q[i+1].v.alts {
					for _, v := range ix.byText[a+b] {
						set(v, 0.9)
					}
				}
			}
			for _, v := range ix.byKey[names.RomanKey(j)] {
				if sc.hv[v] < 0.9 {
					set(v, 0.9)
				}
			}
			if len(sc.hl) > 0 {
				from := len(sc.pairs)
				for _, v := range sc.hl {
					sc.pairs = append(sc.pairs, vhit{v, sc.hv[v]})
					sc.hv[v] = 0
				}
				parts = append(parts, partHits{w: q[i].w + q[i+1].w, from: from, to: len(sc.pairs)})
			}
		}
	}
	// A one-word query that may be an acronym: the names it abbreviates;
	// a query of several words: the one-word names that abbreviate it.
	if len(use) == 1 && q[use[0]].v.kind == names.Word && len(q) == 1 {
		if t := q[0].v.text; len(t) >= 3 && len(t) <= 10 {
			for _, n := range ix.byAcronym[t] {
				if sc.cur[n].acc == 0 {
					sc.touched = append(sc.touched, n)
				}
				sc.cur[n].acc += float32(0.9 * q[0].w)
			}
		}
	} else if b := queryInitials(q); b != "" {
		for _, n := range ix.single[b] {
			if sc.cur[n].acc == 0 {
				sc.touched = append(sc.touched, n)
			}
			sc.cur[n].acc += float32(0.9 * totalW)
		}
	}
	for _, p := range parts {
		sc.stamp++
		stamp := sc.stamp
		sc.curList = sc.curList[:0]
		for _, h := range sc.pairs[p.from:p.to] {
			v, s := h.v, h.s
			post := ix.fast.postings(v)
			if anyRare && len(post) > cfg.CommonPostings {
				continue
			}
			s32 := float32(s)
			for _, n := range post {
				c := &sc.cur[n]
				if c.mark != stamp {
					c.mark, c.s = stamp, s32
					sc.curList = append(sc.curList, n)
				} else if s32 > c.s {
					c.s = s32
				}
			}
		}
		w := float32(p.w)
		for _, n := range sc.curList {
			c := &sc.cur[n]
			if c.acc == 0 {
				sc.touched = append(sc.touched, n)
			}
			c.acc += w * c.s
		}
	}
	// Per entity, the best of its names.
	sc.ebStamp++
	sc.ebList = sc.ebList[:0]
	cut := float32(minShare * totalW)
	tw := float32(totalW)
	for _, n := range sc.touched {
		a := sc.cur[n].acc
		sc.cur[n].acc = 0
		if a < cut {
			continue
		}
		// Rank by an estimate of the name score: matched weight on both
		// sides against the query weight left unmatched and a share of
		// the listed weight left unmatched (long names rank below short
		// ones that match as well).
		if a > tw {
			a = tw
		}
		rest := ix.fast.nameW[n] - a
		if rest < 0 {
			rest = 0
		}
		a = 2 * a / (2*a + (tw - a) + 0.35*rest)
		e := ix.fast.nameEnt[n]
		b := &sc.eb[e]
		if b.mark == sc.ebStamp {
			// A rejected entity (-1) stays rejected whatever its other
			// names score.
			if b.s >= 0 && b.s < a {
				b.s = a
			}
			continue
		}
		b.mark = sc.ebStamp
		sc.ebList = append(sc.ebList, e)
		if !accept(e) {
			b.s = -1 // rejected; never above a real score
			continue
		}
		b.s = a
	}
	list := sc.ecs[:0]
	for _, e := range sc.ebList {
		if s := sc.eb[e].s; s >= 0 {
			list = append(list, ec{e, s})
		}
	}
	list = bestCandidates(list, cfg.MaxCandidates)
	sc.ecs = list[:0]
	out := make([]int32, 0, len(list)+len(ids))
	seen := make(map[int32]bool, len(list))
	for _, x := range list {
		out = append(out, x.e)
		seen[x.e] = true
	}
	for _, id := range ids {
		for _, e := range ix.idents[identKey(id.Value)] {
			if !seen[e] && accept(e) {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// ec is a retrieved entity and its retrieval estimate.
type ec struct {
	e int32
	s float32
}

// ecBefore orders retrieved entities best estimate first, then by id:
// entities are distinct, so the order is total.
func ecBefore(a, b ec) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	return a.e < b.e
}

// bestCandidates returns the first k of list in the order of ecBefore,
// in that order (list is reordered): what sorting it all and keeping k
// gives, at the cost of a selection for the long lists.
func bestCandidates(list []ec, k int) []ec {
	if len(list) > k {
		// Quickselect: list[:k] are the k first, in any order.
		lo, hi := 0, len(list)-1
		for lo < hi {
			p := list[lo+(hi-lo)/2]
			i, j := lo, hi
			for i <= j {
				for ecBefore(list[i], p) {
					i++
				}
				for ecBefore(p, list[j]) {
					j--
				}
				if i <= j {
					list[i], list[j] = list[j], list[i]
					i++
					j--
				}
			}
			switch {
			case k-1 <= j:
				hi = j
			case k-1 >= i:
				lo = i
			default:
				lo = hi
			}
		}
		list = list[:k]
	}
	slices.SortFunc(list, func(a, b ec) int {
		if ecBefore(a, b) {
			return -1
		}
		if ecBefore(b, a) {
			return 1
		}
		return 0
	})
	return list
}

// pruneShare is the share of a query's part weight below which a
// retrieved entity cannot reach threshold. A name score is at most about
// 2f/(1+f) when the query parts that match carry the share f of the
// query's weight (unmatched query parts cost at least their weight, and
// matched listed parts weigh about what the query parts do); evidence adds
// at most 0.1. The bound is loosened by a margin for listed parts that
// outweigh the query's.
func pruneShare(threshold float64) float64 {
	const evidence, margin = 0.1, 0.2
	t := threshold - evidence
	if t <= 0 {
		return 0
	}
	f := t/(2-t) - margin
	if f < 0 {
		return 0
	}
	return f
}

// queryInitials returns the initials of the word parts of a query of two
// parts or more, when they could be an acronym (three to ten letters).
func queryInitials(q []ptok) string {
	if len(q) < 2 {
		return ""
	}
	var b []byte
	for _, t := range q {
		if (t.v.kind == names.Word || t.v.kind == names.Number) && t.v.text != "" {
			b = append(b, t.v.text[0])
		}
	}
	if len(b) < 3 || len(b) > 10 {
		return ""
	}
	return string(b)
}
