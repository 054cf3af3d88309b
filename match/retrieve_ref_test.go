package match

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/tripline/tripline/names"
)

// refLookupHits is lookupHits as it was before its speed work (string
// maps probed per part, the trigram dice divided for every entry): the
// reference TestLookupHitsReference holds the fast one to.
func (ix *Index) refLookupHits(t *vtok, sc *scratch) {
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
		g := trigrams(t.text)
		sc.gTouch = sc.gTouch[:0]
		for _, x := range g {
			for _, v := range ix.grams[x] {
				if sc.grams[v] == 0 {
					sc.gTouch = append(sc.gTouch, v)
				}
				if sc.grams[v] < 255 {
					sc.grams[v]++
				}
			}
		}
		for _, v := range sc.gTouch {
			shared := float64(sc.grams[v])
			sc.grams[v] = 0
			lv := len(ix.vocab[v].text)
			dice := 2 * shared / float64(len(g)+lv)
			if dice >= 0.45 {
				raise(v, dice*0.9)
				// Other spellings of the same romanisation class
				// ("cabdullaah" is near "abdullah", so also "abdallah").
				for _, k := range ix.byKey[ix.vocab[v].key] {
					raise(k, dice*0.85)
				}
			}
		}
		// Split parts: "jingfeng" → "jing" + "feng".
		if len(t.text) >= 6 {
			for p := 2; p <= len(t.text)-2; p++ {
				a, b := ix.byText[t.text[:p]], ix.byText[t.text[p:]]
				if len(a) > 0 && len(b) > 0 {
					put(a, 0.8)
					put(b, 0.8)
				}
			}
		}
	}
}

// TestLookupHitsReference: for every part of every dev-set name (and of
// the scripts test names) against the SDN index, lookupHits finds the
// same vocabulary entries with the same estimates as refLookupHits.
func TestLookupHitsReference(t *testing.T) {
	s := sdnScreener(t)
	ix := s.Index()
	var qs []string
	for _, c := range loadDev(t) {
		qs = append(qs, c.q.Name)
	}
	for file, cols := range map[string][]int{"testdata/scripts_pairs.csv": {0, 1}, "testdata/scripts_screen.csv": {1}} {
		for _, row := range testRows(t, file) {
			for _, c := range cols {
				qs = append(qs, row[c])
			}
		}
	}
	sc, ref := newScratch(ix), newScratch(ix)
	parts := 0
	for _, q := range qs {
		for _, p := range ix.queryParts(q) {
			sc.hl, ref.hl = sc.hl[:0], ref.hl[:0]
			ix.lookupHits(p.v, sc)
			ix.refLookupHits(p.v, ref)
			parts++
			if len(sc.hl) != len(ref.hl) {
				t.Errorf("%q, part %q: %d hits, want %d", q, p.v.text, len(sc.hl), len(ref.hl))
			}
			for _, v := range ref.hl {
				if sc.hv[v] != ref.hv[v] {
					t.Errorf("%q, part %q: %q estimated %v, want %v", q, p.v.text, ix.vocab[v].text, sc.hv[v], ref.hv[v])
				}
			}
			for _, v := range sc.hl {
				sc.hv[v] = 0
			}
			for _, v := range ref.hl {
				ref.hv[v] = 0
			}
		}
	}
	if parts < 5000 {
		t.Fatalf("only %d query parts compared", parts)
	}
}

// TestBestCandidates: bestCandidates keeps what sorting the whole list
// and cutting it keeps, in that order, for lists with many equal
// estimates, of every length around k.
func TestBestCandidates(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 2000; trial++ {
		n, k := rng.IntN(300), 1+rng.IntN(80)
		list := make([]ec, n)
		for i, e := range rng.Perm(n) {
			list[i] = ec{e: int32(e), s: float32(rng.IntN(1+rng.IntN(20))) / 8}
		}
		want := slices.Clone(list)
		sort.Slice(want, func(a, b int) bool {
			if want[a].s != want[b].s {
				return want[a].s > want[b].s
			}
			return want[a].e < want[b].e
		})
		want = want[:min(k, n)]
		if got := bestCandidates(list, k); !slices.Equal(got, want) {
			t.Fatalf("n %d, k %d: got %v, want %v", n, k, got, want)
		}
	}
}
