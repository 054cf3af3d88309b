package graph

import (
	"sort"
	"strings"

	"github.com/tripline/tripline/names"
)

// word is one comparable part of a party name, from names.Parse: the name
// is normalised and transliterated there, with its legal forms, titles
// and function words recognised.
type word struct {
	// key is the spelling key: names.LooseKey of the romanisation key
	// (Mohammad/Muhammad → mohamad; Zhukoff → zhukov; Khalil → halil)
	key  string
	phon string   // phonetic key
	alts []string // keys of other transliterations and of the part without a glued article
	// script is the script the part was transliterated from ("Cyrl",
	// "Arab", "Hani" ...), "" for Latin.
	script string
	// plain: no alternatives and not written without short vowels, so
	// that only an equal key is the same spelling
	plain bool
	// h is a 64-bit hash of key, compared instead of it: two different
	// words of a book and the lists (a million at most) share one with a
	// probability below 1e-7, and comparing the keys themselves took a
	// third of the resolution time of a 100,000-company book
	h uint64
}

// eq reports whether two parts have one key.
func (x *word) eq(y *word) bool { return x.h == y.h }

func keyHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// nameWords returns the comparable parts of a party name. For an
// organisation, legal forms ("OOO", "Co., Ltd.", "G.M.B.H.") and function
// words are left out, unless nothing else is left.
func nameWords(name string, org bool) []word {
	toks := names.Parse(name)
	out := make([]word, 0, len(toks))
	for _, t := range toks {
		if org && (t.Kind == names.Legal || t.Kind == names.Stop) {
			continue
		}
		out = append(out, newWord(t))
	}
	if len(out) == 0 && org {
		for _, t := range toks {
			out = append(out, newWord(t))
		}
	}
	return out
}

func newWord(t names.Token) word {
	k := t.Key
	if k == "" {
		k = t.Text
	}
	w := word{key: names.LooseKey(k), phon: t.Phon, script: t.Script}
	for _, a := range t.Alts {
		if k := names.LooseKey(names.RomanKey(a)); k != w.key {
			w.alts = append(w.alts, k)
		}
	}
	if t.Bare != "" {
		w.alts = append(w.alts, names.LooseKey(names.RomanKey(t.Bare)))
	}
	w.plain = len(w.alts) == 0 && !vowelless(w.script)
	w.h = keyHash(w.key)
	return w
}

// nameKey is the words of a name joined, a key for exact look-ups.
func nameKey(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.key)
	}
	return b.String()
}

// vowelless reports whether a script writes words without their short
// vowels, so that a part transliterated from it ("shhid", "hmt") is read
// by its consonants (phonetic key) against a Latin spelling ("Shahid",
// "Hemmat").
func vowelless(script string) bool { return script == "Arab" || script == "Hebr" }

// same reports whether two parts are one spelling: equal keys, an
// alternative transliteration equal, or for a part written without short
// vowels the same consonants.
func same(x, y *word) bool {
	if x.key == y.key {
		return true
	}
	for _, a := range x.alts {
		if a == y.key {
			return true
		}
		for _, b := range y.alts {
			if a == b {
				return true
			}
		}
	}
	for _, b := range y.alts {
		if b == x.key {
			return true
		}
	}
	return (vowelless(x.script) || vowelless(y.script)) && len(x.phon) >= 2 && x.phon == y.phon
}

// wordScore compares two parts: 1 for one spelling, less for a near
// spelling (one edit, more when it sounds the same; two on longer words),
// 0 else.
func wordScore(x, y *word) float64 {
	if x.eq(y) || !(x.plain && y.plain) && same(x, y) {
		return 1
	}
	a, b := x.key, y.key
	short := min(len(a), len(b))
	if short < 4 {
		return 0
	}
	d := names.LevenshteinLimit(a, b, 2)
	switch {
	case d == 1 && len(x.phon) >= 3 && x.phon == y.phon:
		// one letter apart that sounds alike (Jusuf/Yusef)
		return 0.95
	case d == 1:
		return 0.9
	case d == 2 && short >= 7:
		return 0.8
	}
	// two vowels apart in a short word are another name (Ridor, Radar)
	return 0
}

// nameSimilarity aligns the words of a and b greedily (best pairs first)
// and returns the matched weight over the longer name's word count, so an
// extra word ("Rosatom Microelectronics Furniture") costs. A last word of a
// may be a truncation of b's ("DIS TICARE"). A name with Chinese parts is
// also compared with its words run together, as romanised Chinese names
// are divided into words in more than one way ("Hua Wei" and "Huawei").
func nameSimilarity(a, b []word) float64 { return similarity(a, b, hasHani(a) || hasHani(b)) }

// similarity is nameSimilarity with hani saying whether a or b has Chinese
// parts.
func similarity(a, b []word, hani bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	used := make([]bool, len(b))
	var sum float64
	for i := range a {
		x := &a[i]
		best, bj := 0.0, -1
		for j := range b {
			if used[j] {
				continue
			}
			y := &b[j]
			s := wordScore(x, y)
			if s == 0 && i == len(a)-1 && len(x.key) >= 4 && len(y.key) > len(x.key) && y.key[:len(x.key)] == x.key {
				s = 0.85
			}
			if s > best {
				best, bj = s, j
			}
		}
		if bj >= 0 {
			used[bj] = true
			sum += best
		}
	}
	s := sum / float64(max(len(a), len(b)))
	if hani {
		s = max(s, runTogether(a, b))
	}
	return s
}

func hasHani(ws []word) bool {
	for _, w := range ws {
		if w.script == "Hani" {
			return true
		}
	}
	return false
}

// runTogether compares two names with their words run together: 1 when
// equal, 0.9 one edit apart (on ten letters or more).
func runTogether(a, b []word) float64 {
	x, y := joined(a), joined(b)
	switch {
	case x == y:
		return 1
	case min(len(x), len(y)) >= 10 && names.LevenshteinLimit(x, y, 1) <= 1:
		return 0.9
	}
	return 0
}

func joined(ws []word) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.key)
	}
	return b.String()
}

// personSimilarity is nameSimilarity for people: word order is free and a
// missing middle name or patronymic costs little, but every word of the
// shorter name must be matched and two words at least.
func personSimilarity(a, b []word) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 2 {
		return 0
	}
	used := make([]bool, len(b))
	var sum float64
	for i := range a {
		best, bj := 0.0, -1
		for j := range b {
			if !used[j] {
				if s := wordScore(&a[i], &b[j]); s > best {
					best, bj = s, j
				}
			}
		}
		if bj < 0 {
			return 0
		}
		used[bj] = true
		sum += best
	}
	s := sum / float64(len(a))
	// each unmatched extra word of the longer name costs 0.05
	return s - 0.05*float64(len(b)-len(a))
}

// nameIndex finds candidate names sharing a word with a query.
type nameIndex struct {
	names  [][]word // words per name
	hani   []bool   // whether the name has Chinese parts
	owner  []int32  // node of each name
	byWord map[string][]int32
	// byPhon holds the names by the phonetic keys of their words, for
	// queries written without short vowels.
	byPhon map[string][]int32
	maxDF  int
}

func newNameIndex() *nameIndex {
	return &nameIndex{byWord: map[string][]int32{}, byPhon: map[string][]int32{}, maxDF: 3000}
}

func (x *nameIndex) add(node int32, ws []word) {
	if len(ws) == 0 {
		return
	}
	id := int32(len(x.names))
	x.names = append(x.names, ws)
	x.hani = append(x.hani, hasHani(ws))
	x.owner = append(x.owner, node)
	seen := map[string]bool{}
	put := func(m map[string][]int32, k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			m[k] = append(m[k], id)
		}
	}
	for _, w := range ws {
		put(x.byWord, w.key)
		for _, a := range w.alts {
			put(x.byWord, a)
		}
	}
	for _, w := range ws {
		put(x.byPhon, w.phon)
	}
	if hasHani(ws) {
		put(x.byWord, joined(ws))
	}
}

// candidates calls fn with the ids of names sharing one of the two rarest
// words of ws (a name close enough to match shares all but a misspelt
// word, so one of its two rarest is spelt the same), skipping words held
// by more than maxDF names. A word written without short vowels is looked
// up by its consonants; Chinese parts also run together ("huawei").
func (x *nameIndex) candidates(ws []word, fn func(id int32)) {
	var lists [][]int32
	look := func(m map[string][]int32, k string) {
		if ids := m[k]; len(ids) > 0 && len(ids) <= x.maxDF {
			lists = append(lists, ids)
		}
	}
	for _, w := range ws {
		look(x.byWord, w.key)
		for _, a := range w.alts {
			look(x.byWord, a)
		}
		if vowelless(w.script) {
			look(x.byPhon, w.phon)
		}
	}
	sort.Slice(lists, func(i, j int) bool { return len(lists[i]) < len(lists[j]) })
	if len(lists) > 2 {
		lists = lists[:2]
	}
	if hasHani(ws) {
		// the Chinese parts run together, whole and in pairs of
		// syllables (the usual length of a word)
		look(x.byWord, joined(ws))
		for i := 0; i+1 < len(ws); i++ {
			if ws[i].script == "Hani" && ws[i+1].script == "Hani" {
				look(x.byWord, ws[i].key+ws[i+1].key)
			}
		}
	}
	seen := map[int32]bool{}
	for _, ids := range lists {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				fn(id)
			}
		}
	}
}

// exactShared counts the words of a found in b as one spelling.
func exactShared(a, b []word) int {
	n := 0
	for i := range a {
		x := &a[i]
		for j := range b {
			if y := &b[j]; x.eq(y) || !(x.plain && y.plain) && same(x, y) {
				n++
				break
			}
		}
	}
	return n
}

// simBound is an upper bound of similarity(a, b, hani) from the words
// spelt the same, so that hopeless candidates skip the edit distances.
func simBound(a, b []word, hani bool) float64 {
	if hani {
		return 1 // run together, any division may match
	}
	ex := exactShared(a, b)
	short := min(len(a), len(b))
	return (float64(ex) + 0.95*float64(short-ex)) / float64(max(len(a), len(b)))
}
