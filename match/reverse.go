package match

import (
	"sort"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// QueryIndex is the inverse of candidate retrieval, for monitoring: an
// index over many queries (a book of parties) that finds, for a few listed
// entities of an Index (those a new snapshot added or changed), every
// query whose retrieval against that Index could return one of them.
//
// It is a superset by construction: every route by which candidates()
// lets a query part reach a listed name part (same text, bare text or
// transliteration; same romanisation key; same phonetic key; shared
// trigrams, directly or through the romanisation class of a near word;
// a part split in two; two parts joined; a shared identifier) is indexed
// here from the query's side, and a query is kept when the weight of its
// parts that reach the entity could pass the retrieval cut for the
// threshold (the sum of the weights of the parts reached, as if each
// matched exactly). Screening the queries it returns with the same Index
// and threshold gives every match of those entities that screening all
// queries would give (TestQueryIndexSuperset checks it on real data).
type QueryIndex struct {
	ix *Index
	qs []qinfo
	// refs maps a lookup key ("t:" text form, "k:" romanisation key, "p:"
	// phonetic key) to the query parts that reach it.
	refs map[string][]qref
	// words are the distinct query word texts of four letters or more,
	// for trigram lookups.
	words  []qword
	wordID map[string]int32
	grams  map[string][]int32
	idents map[string][]int32
}

type qinfo struct {
	w   []float64 // weights of the parts used for retrieval, by part index (0 for parts not used)
	cut float64
}

// qref is a query part: part >= 0 is a part index, part < 0 the join of
// parts -part-1 and -part.
type qref struct {
	q    int32
	part int16
}

type qword struct {
	ng   int
	refs []qref
}

// NewQueryIndex indexes queries for Reaching against ix at threshold (0:
// the configuration's), the threshold the queries will be screened with.
func (ix *Index) NewQueryIndex(queries []tripline.Query, threshold float64) *QueryIndex {
	if threshold == 0 {
		threshold = ix.cfg.Threshold
	}
	share := pruneShare(threshold)
	qi := &QueryIndex{ix: ix, qs: make([]qinfo, len(queries)), refs: map[string][]qref{}, wordID: map[string]int32{}, grams: map[string][]int32{}, idents: map[string][]int32{}}
	add := func(key string, r qref) {
		l := qi.refs[key]
		if n := len(l); n > 0 && l[n-1] == r {
			return
		}
		qi.refs[key] = append(l, r)
	}
	for q := range queries {
		qp := ix.queryParts(queries[q].Name)
		var use []int
		for i, t := range qp {
			if t.v.kind == names.Word || t.v.kind == names.Number {
				use = append(use, i)
			}
		}
		if len(use) == 0 {
			for i := range qp {
				use = append(use, i)
			}
		}
		info := qinfo{w: make([]float64, len(qp))}
		total := 0.0
		for _, i := range use {
			t := qp[i].v
			info.w[i] = qp[i].w
			total += qp[i].w
			r := qref{q: int32(q), part: int16(i)}
			add("t:"+t.text, r)
			if t.bare != "" {
				add("t:"+t.bare, r)
				add("k:"+names.RomanKey(t.bare), r)
			}
			add("k:"+t.key, r)
			for _, a := range t.alts {
				add("t:"+a, r)
				add("k:"+names.RomanKey(a), r)
			}
			if len(t.phon) >= 2 {
				add("p:"+t.phon, r)
			}
			if t.kind == names.Word && len(t.text) >= 4 {
				wid, ok := qi.wordID[t.text]
				if !ok {
					wid = int32(len(qi.words))
					qi.wordID[t.text] = wid
					g := trigrams(t.text)
					qi.words = append(qi.words, qword{ng: len(g)})
					for _, x := range g {
						qi.grams[x] = append(qi.grams[x], wid)
					}
				}
				qi.words[wid].refs = append(qi.words[wid].refs, r)
				if len(t.text) >= 6 {
					for p := 2; p <= len(t.text)-2; p++ {
						a, b := t.text[:p], t.text[p:]
						if len(ix.byText[a]) > 0 && len(ix.byText[b]) > 0 {
							add("t:"+a, r)
							add("t:"+b, r)
						}
					}
				}
			}
			if i+1 < len(qp) && t.kind == names.Word && qp[i+1].v.kind == names.Word {
				j := t.text + qp[i+1].v.text
				jr := qref{q: int32(q), part: int16(-i - 1)}
				add("t:"+j, jr)
				add("k:"+names.RomanKey(j), jr)
				for _, a := range t.alts {
					for _, b := range qp[i+1].v.alts {
						add("t:"+a+b, jr)
					}
				}
			}
			// Consonant skeletons: an Arabic-script part reaches Latin
			// words ("c:"), a Latin part Arabic-script words ("ca:").
			if t.kind == names.Word && (t.orig != "" || t.script == "") {
				pre := "c:"
				if t.orig == "" {
					pre = "ca:"
				}
				for _, k := range skeletonKeys(t) {
					add(pre+k, r)
				}
			}
		}
		// Acronyms: a one-word query reaches the names it abbreviates
		// ("a:"); the initials of a longer one reach one-word names with
		// all its parts ("i:").
		if len(qp) == 1 && len(use) == 1 && qp[0].v.kind == names.Word {
			add("a:"+qp[0].v.text, qref{q: int32(q), part: 0})
		} else if b := queryInitials(qp); b != "" {
			for _, i := range use {
				add("i:"+b, qref{q: int32(q), part: int16(i)})
			}
		}
		info.cut = share * total
		qi.qs[q] = info
		for _, id := range queries[q].Identifiers {
			if k := identKey(id.Value); len(k) >= 4 {
				l := qi.idents[k]
				if n := len(l); n == 0 || l[n-1] != int32(q) {
					qi.idents[k] = append(l, int32(q))
				}
			}
		}
	}
	return qi
}

// Len returns the number of queries indexed.
func (qi *QueryIndex) Len() int { return len(qi.qs) }

// Reaching returns, sorted, the indexes of the queries whose candidate
// retrieval against the Index could return any of the entities with the
// given ids (ids the Index does not hold are ignored).
func (qi *QueryIndex) Reaching(entityIDs []string) []int {
	ix := qi.ix
	out := map[int32]bool{}
	near := map[string][]int32{}
	for _, id := range entityIDs {
		e, ok := ix.byID[id]
		if !ok {
			continue
		}
		hits := map[int32]map[int16]bool{}
		mark := func(rs []qref) {
			for _, r := range rs {
				m := hits[r.q]
				if m == nil {
					m = map[int16]bool{}
					hits[r.q] = m
				}
				m[r.part] = true
			}
		}
		trigramNear := func(text string) []int32 {
			if l, ok := near[text]; ok {
				return l
			}
			g := trigrams(text)
			count := map[int32]int{}
			for _, x := range g {
				for _, w := range qi.grams[x] {
					count[w]++
				}
			}
			var l []int32
			for w, c := range count {
				if 2*float64(c)/float64(qi.words[w].ng+len(text)) >= 0.45 {
					l = append(l, w)
				}
			}
			near[text] = l
			return l
		}
		seen := map[int32]bool{}
		for _, n := range ix.entNames[e] {
			for _, a := range ix.initials(ix.names[n].toks) {
				mark(qi.refs["a:"+a])
			}
			if t := ix.names[n].toks; len(t) == 1 && ix.vocab[t[0].v].kind == names.Word {
				mark(qi.refs["i:"+ix.vocab[t[0].v].text])
			}
			for _, t := range ix.names[n].toks {
				if seen[t.v] {
					continue
				}
				seen[t.v] = true
				v := &ix.vocab[t.v]
				mark(qi.refs["t:"+v.text])
				if v.bare != "" {
					mark(qi.refs["t:"+v.bare])
				}
				for _, a := range v.alts {
					mark(qi.refs["t:"+a])
				}
				if v.kind != names.Word && v.kind != names.Number {
					continue
				}
				keys := []string{v.key}
				if v.bare != "" {
					if k := names.RomanKey(v.bare); k != v.key {
						keys = append(keys, k)
					}
				}
				for _, k := range keys {
					mark(qi.refs["k:"+k])
				}
				if len(v.phon) >= 2 {
					mark(qi.refs["p:"+v.phon])
				}
				if v.kind == names.Word && (v.orig != "" || v.script == "") {
					pre := "c:"
					if v.orig != "" {
						pre = "ca:"
					}
					for _, k := range skeletonKeys(v) {
						mark(qi.refs[pre+k])
					}
				}
				if v.kind == names.Word && len(v.text) >= 4 {
					for _, w := range trigramNear(v.text) {
						mark(qi.words[w].refs)
					}
				}
				// A query word near another spelling of v's romanisation
				// class reaches v (lookupHits widens trigram hits to the
				// class).
				for _, k := range keys {
					for _, o := range ix.byKey[k] {
						ov := &ix.vocab[o]
						if ov.key != k || ov.kind != names.Word || len(ov.text) < 4 || ov.text == v.text {
							continue
						}
						for _, w := range trigramNear(ov.text) {
							mark(qi.words[w].refs)
						}
					}
				}
			}
		}
		for q, parts := range hits {
			if out[q] {
				continue
			}
			info := &qi.qs[q]
			ub := 0.0
			for p := range parts {
				if p >= 0 {
					ub += info.w[p]
				} else {
					i := int(-p - 1)
					ub += info.w[i]
					if i+1 < len(info.w) {
						ub += info.w[i+1]
					}
				}
			}
			// retrieval compares float32 sums: allow for their rounding.
			if ub >= info.cut*(1-1e-4)-1e-6 {
				out[q] = true
			}
		}
		for _, idn := range ix.ents[e].Identifiers {
			if k := identKey(idn.Value); len(k) >= 4 {
				for _, q := range qi.idents[k] {
					out[q] = true
				}
			}
		}
	}
	res := make([]int, 0, len(out))
	for q := range out {
		res = append(res, int(q))
	}
	sort.Ints(res)
	return res
}
