package match

import (
	"math"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// ptok is a name part ready for scoring: its vocabulary entry, its
// weight and its flags.
type ptok struct {
	v *vtok
	// id is the vocabulary id of v, or -1 for a query part.
	id      int32
	w       float64
	family  bool
	article bool
	// hyphen: joined to the next part by a hyphen (listed names only).
	hyphen bool
}

// How a pair of parts matched (tripline.PartMatch.How).
const (
	howExact     = "exact"
	howRoman     = "romanisation"
	howPhonetic  = "phonetic"
	howEdit      = "edit"
	howInitial   = "initial"
	howTranslit  = "transliterated"
	howLegal     = "legal_form"
	howMerged    = "merged"
	howAcronym   = "acronym"
	howUnmatched = "unmatched"
)

// howCode is how a pair of parts matched while scoring: a small code
// instead of its name, which only the explanation needs.
type howCode uint8

const (
	hNone howCode = iota
	hExact
	hRoman
	hPhonetic
	hEdit
	hInitial
	hTranslit
	hLegal
	hMerged
)

var howNames = [...]string{hNone: "", hExact: howExact, hRoman: howRoman, hPhonetic: howPhonetic, hEdit: howEdit, hInitial: howInitial, hTranslit: howTranslit, hLegal: howLegal, hMerged: howMerged}

func (h howCode) String() string { return howNames[h] }

func abjad(script string) bool { return script == "Arab" || script == "Hebr" }

// pairSim scores two single parts: a similarity in [0,1] and how they
// matched; 0 when they do not match. It is symmetric.
func (c *Config) pairSim(a, b *vtok) (float64, howCode) {
	if a.kind == names.Legal || b.kind == names.Legal {
		if a.kind != b.kind {
			return 0, hNone
		}
		if a.key == b.key {
			return c.LegalSame, hLegal
		}
		return c.LegalOther, hLegal
	}
	if a.kind == names.Number || b.kind == names.Number {
		if a.kind == b.kind && a.key == b.key {
			return c.Exact, hExact
		}
		return 0, hNone
	}
	if a.kind == names.Initial || b.kind == names.Initial {
		if a.text == b.text {
			return c.Exact, hExact
		}
		if a.kind == names.Initial && b.kind == names.Initial {
			return 0, hNone
		}
		if a.text != "" && b.text != "" && a.text[0] == b.text[0] {
			return c.Initial, hInitial
		}
		return 0, hNone
	}
	translit := a.script != "" || b.script != ""
	label := func(h howCode) howCode {
		if translit {
			return hTranslit
		}
		return h
	}
	if a.text == b.text {
		return c.Exact, label(hExact)
	}
	if (a.bare != "" && a.bare == b.text) || (b.bare != "" && b.bare == a.text) || (a.bare != "" && a.bare == b.bare) {
		return c.ArticleVariant, label(hRoman)
	}
	if a.key == b.key {
		return c.Romanisation, label(hRoman)
	}
	for _, x := range a.alts {
		if x == b.text {
			return c.Transliterated, hTranslit
		}
	}
	for _, x := range b.alts {
		if x == a.text {
			return c.Transliterated, hTranslit
		}
	}
	best, how := 0.0, hNone
	// A translation of an organisation word of the same class (نفت "oil"
	// and "naft").
	for _, k := range a.altKeys {
		if k == b.key {
			best, how = c.Transliterated*c.Romanisation, hTranslit
		}
	}
	for _, k := range b.altKeys {
		if k == a.key {
			best, how = c.Transliterated*c.Romanisation, hTranslit
		}
	}
	// A word in a script without short vowels against a Latin spelling:
	// the letters aligned with their known correspondences.
	if s := c.abjadSim(a, b); s > best {
		best, how = s, hTranslit
	}
	if len(b.key) > 5 && strings.HasPrefix(b.key, "abd") && names.IsAbdPrefix(a.text) ||
		len(a.key) > 5 && strings.HasPrefix(a.key, "abd") && names.IsAbdPrefix(b.text) {
		// "Abdul" alone against a compound "Abdul Hamid": it abbreviates
		// the compound, like an initial.
		best, how = c.AbdPartial, hInitial
	}
	// Edit similarity on the text and on the romanisation keys.
	if minLen(a.text, b.text) >= c.EditMinLen-1 && maxLen(a.text, b.text) >= c.EditMinLen {
		// The lowest similarity that can still count: the edit floor, or
		// the phonetic floor when the phonetic keys agree.
		floor := c.EditFloor
		samePhon := a.phon == b.phon && len(a.phon) >= 2
		if samePhon {
			floor = math.Min(floor, math.Min(c.PhoneticEditFloor, c.PhoneticLongEditFloor))
		}
		es := simAtLeast(a.text, b.text, floor)
		if a.key != a.text || b.key != b.text {
			if k := simAtLeast(a.key, b.key, floor); k > es {
				es = k
			}
		}
		if a.bare != "" || b.bare != "" {
			at, bt := a.text, b.text
			if a.bare != "" {
				at = a.bare
			}
			if b.bare != "" {
				bt = b.bare
			}
			if x := simAtLeast(at, bt, floor); x > es {
				es = x
			}
		}
		if es >= c.EditFloor {
			if s := es * c.EditScale; s > best {
				best, how = s, label(hEdit)
			}
		}
		// Same sound, similar spelling (Mahmud/Mahmoud, Tosi/Tosee).
		pfloor := c.PhoneticEditFloor
		if len(a.phon) >= 4 {
			pfloor = c.PhoneticLongEditFloor
		}
		if samePhon && es >= pfloor {
			s := c.PhoneticBase + c.PhoneticSlope*es
			if s > c.Phonetic {
				s = c.Phonetic
			}
			if s > best {
				best, how = s, label(hPhonetic)
			}
		}
	}
	// Parts from a script without short vowels: compare consonant
	// skeletons.
	if (abjad(a.script) || abjad(b.script)) && a.orig == "" && b.orig == "" && len(a.phon) >= 3 && len(b.phon) >= 3 {
		// Longer skeletons say more: a skeleton of three consonants
		// scores less than one of five.
		ss := 0.0
		if len(a.phon) <= maxEditBytes && len(b.phon) <= maxEditBytes {
			ss = names.EditSimilarity(a.phon, b.phon)
		}
		if ss >= c.SkeletonFloor {
			n := math.Min(float64(minLen(a.phon, b.phon)), 5)
			if s := ss * c.SkeletonScale * (0.85 + 0.03*n); s > best {
				best, how = s, hTranslit
			}
		}
	}
	return best, how
}

// mergeSim scores one part against two adjacent parts written as one
// ("abdulrahman" / "abdul rahman", "jingfeng" / "jing feng").
func (c *Config) mergeSim(one, x, y *vtok) float64 {
	if one.kind != names.Word || x.kind != names.Word || y.kind != names.Word {
		return 0
	}
	if one.orig != "" {
		return c.mergeOther(one, x, y)
	}
	lj, lo := len(x.text)+len(y.text), len(one.text)
	if d := lj - lo; d > 2 || d < -2 {
		if joins(one.key, x.key, y.key) {
			return c.Merged * c.Romanisation
		}
		return 0
	}
	if joins(one.text, x.text, y.text) || (one.bare != "" && joins(one.bare, x.text, y.text)) {
		return c.Merged
	}
	if joins(one.key, x.key, y.key) {
		return c.Merged * c.Romanisation
	}
	if lj >= 6 {
		j := x.text + y.text
		if es := simAtLeast(j, one.text, 0.85); es >= 0.85 {
			return c.Merged * es
		}
	}
	return c.mergeOther(one, x, y)
}

// mergeOther scores the joins mergeSim does not see: a compound in the
// Arabic script against two Latin parts (محمدعلی / Mohammad Ali), and
// parts whose other transliterations join (단천 "tan chon" / Tanchon).
func (c *Config) mergeOther(one, x, y *vtok) float64 {
	if one.orig == "" && one.script == "" && x.orig != "" && y.orig != "" {
		// حزب الله / Hezbollah
		if s := names.AbjadSimAtLeast(x.orig+y.orig, one.text, c.AbjadFloor); s >= c.AbjadFloor {
			return c.Merged * s * c.AbjadScale
		}
	}
	if one.orig != "" && x.script == "" && y.script == "" && x.orig == "" && y.orig == "" {
		if s := names.AbjadSimAtLeast(one.orig, x.text+y.text, c.AbjadFloor); s >= c.AbjadFloor {
			return c.Merged * s * c.AbjadScale
		}
		return 0
	}
	if len(x.alts) == 0 && len(y.alts) == 0 {
		return 0
	}
	xs, ys := append([]string{x.text}, x.alts...), append([]string{y.text}, y.alts...)
	for _, a := range xs {
		for _, b := range ys {
			if joins(one.text, a, b) {
				return c.Merged * c.Transliterated
			}
		}
	}
	return 0
}

// edge is one candidate alignment: query parts [q0,q1] with listed parts
// [l0,l1] (one side always a single part).
type edge struct {
	q0, q1, l0, l1 int
	s              float64
	how            howCode
	w              float64
}

// nameScore aligns query parts q with listed parts l and scores the
// alignment in [0,1]. With explain it also returns the aligned pairs.
func (c *Config) nameScore(q, l []ptok, explain bool) (float64, []tripline.PartMatch) {
	return c.nameScoreMemo(q, l, explain, nil)
}

// simMemo caches, within one query, what depends on one query part (or
// two adjacent ones) and one listed vocabulary entry only: pairSim of
// query part i and entry v, and mergeSim of v against query parts i and
// i+1. Its zero value is ready for reset; it is per worker.
//
// Every entry the query meets gets a slot of 2n-1 values (n query parts)
// in vals on first use; stamp tells whether an entry's slot belongs to
// the current query, so that starting a query costs nothing per entry.
type simMemo struct {
	stamp []uint32 // per vocabulary entry: the query (gen) its slot is for
	slot  []int32  // per vocabulary entry: where its slot starts in vals
	vals  []memoVal
	gen   uint32
	n     int // query parts
}

// memoVal is a cached similarity; s < 0: not computed yet.
type memoVal struct {
	s   float64
	how howCode
}

// reset starts a query of n parts over a vocabulary of vocab entries.
func (m *simMemo) reset(vocab, n int) {
	if len(m.stamp) != vocab {
		m.stamp = make([]uint32, vocab)
		m.slot = make([]int32, vocab)
		m.gen = 0
	}
	m.gen++
	if m.gen == 0 { // wrapped: no stamp may look current
		clear(m.stamp)
		m.gen = 1
	}
	m.vals = m.vals[:0]
	m.n = n
}

// slotOf returns where the slot of vocabulary entry v starts in vals,
// giving it one when the query has not met it yet; -1 when the memo is
// not in use for v. A later slotOf may move vals.
func (m *simMemo) slotOf(v int32) int32 {
	if v < 0 || m.n == 0 || int(v) >= len(m.stamp) {
		return -1
	}
	if m.stamp[v] != m.gen {
		m.stamp[v] = m.gen
		m.slot[v] = int32(len(m.vals))
		for range 2*m.n - 1 {
			m.vals = append(m.vals, memoVal{s: -1})
		}
	}
	return m.slot[v]
}

// nameScoreMemo is nameScore with an optional per-query cache.
func (c *Config) nameScoreMemo(q, l []ptok, explain bool, memo *simMemo) (float64, []tripline.PartMatch) {
	if len(q) == 0 || len(l) == 0 {
		return 0, nil
	}
	if s, ok := c.acronymScore(q, l); ok {
		var parts []tripline.PartMatch
		if explain {
			parts = []tripline.PartMatch{{Query: joinText(q, 0, len(q)-1), Listed: joinText(l, 0, len(l)-1), How: howAcronym, Score: round3(s), Weight: 1}}
		}
		return s, parts
	}
	if memo != nil && memo.n != len(q) {
		memo = nil // reset for another query
	}
	var buf [64]edge
	edges := buf[:0]
	// The slots of the listed parts' entries (the first 32 parts).
	var offBuf [32]int32
	var slotBuf [32][]memoVal
	slots := slotBuf[:0]
	if memo != nil {
		offs := offBuf[:min(len(l), len(offBuf))]
		for j := range offs {
			offs[j] = memo.slotOf(l[j].id)
		}
		k := int32(2*len(q) - 1)
		for _, o := range offs {
			var slot []memoVal
			if o >= 0 {
				slot = memo.vals[o : o+k : o+k]
			}
			slots = append(slots, slot)
		}
	}
	for i := range q {
		for j := range l {
			var slot []memoVal
			if j < len(slots) {
				slot = slots[j]
			}
			var s float64
			var how howCode
			if slot != nil && slot[i].s >= 0 {
				s, how = slot[i].s, slot[i].how
			} else {
				s, how = c.pairSim(q[i].v, l[j].v)
				if slot != nil {
					slot[i] = memoVal{s, how}
				}
			}
			if s > 0 {
				edges = append(edges, edge{i, i, j, j, s, how, q[i].w + l[j].w})
			}
		}
	}
	for i := range q {
		for j := 0; j+1 < len(l); j++ {
			if s := c.mergeSim(q[i].v, l[j].v, l[j+1].v); s > 0 {
				edges = append(edges, edge{i, i, j, j + 1, s, hMerged, q[i].w + l[j].w + l[j+1].w})
			}
		}
	}
	for j := range l {
		var slot []memoVal
		if j < len(slots) {
			slot = slots[j]
		}
		for i := 0; i+1 < len(q); i++ {
			var s float64
			if slot != nil && slot[len(q)+i].s >= 0 {
				s = slot[len(q)+i].s
			} else {
				s = c.mergeSim(l[j].v, q[i].v, q[i+1].v)
				if slot != nil {
					slot[len(q)+i] = memoVal{s: s}
				}
			}
			if s > 0 {
				edges = append(edges, edge{i, i + 1, j, j, s, hMerged, q[i].w + q[i+1].w + l[j].w})
			}
		}
	}
	sortEdges(edges)
	var qUsed, lUsed [32]bool
	var qu, lu []bool
	if len(q) <= 32 && len(l) <= 32 {
		qu, lu = qUsed[:len(q)], lUsed[:len(l)]
	} else {
		qu, lu = make([]bool, len(q)), make([]bool, len(l))
	}
	num, den, matchedW := 0.0, 0.0, 0.0
	var parts []tripline.PartMatch
	qNum, lNum, numMatched := false, false, false
	// strong: a word matched exactly (or but for an article), or by its
	// romanisation class when it is not common (Evgueni / Evgeny, not
	// Mohammad / Muhammad); fuzzy: a
	// word matched only by sound or spelling; wordsMatched counts the
	// matched query words.
	strong, fuzzy, wordsMatched := false, false, 0
	for _, t := range q {
		if t.v.kind == names.Number {
			qNum = true
		}
	}
	for _, t := range l {
		if t.v.kind == names.Number {
			lNum = true
		}
	}
	for _, e := range edges {
		free := true
		for i := e.q0; i <= e.q1; i++ {
			free = free && !qu[i]
		}
		for j := e.l0; j <= e.l1; j++ {
			free = free && !lu[j]
		}
		if !free {
			continue
		}
		wq, wl := 0.0, 0.0
		for i := e.q0; i <= e.q1; i++ {
			qu[i] = true
			wq += q[i].w
		}
		for j := e.l0; j <= e.l1; j++ {
			lu[j] = true
			wl += l[j].w
		}
		if e.how == hInitial {
			// An initial (or a lone "Abdul") vouches for little: the full
			// part it stands for counts as matched only up to the
			// abbreviation's weight, the rest as unmatched.
			if isAbbrev(q[e.q0].v) {
				if wl > wq {
					den += c.UnmatchedListed * (wl - wq)
					wl = wq
				}
			} else if wq > wl {
				den += c.UnmatchedQuery * (wq - wl)
				wq = wl
			}
		}
		if q[e.q0].v.kind == names.Number && e.s > 0 {
			numMatched = true
		}
		if q[e.q0].v.kind == names.Word {
			strong = strong || e.s >= c.ArticleVariant || e.s >= c.Romanisation && e.w >= 1
			wordsMatched++
			fuzzy = fuzzy || e.how == hPhonetic || e.how == hEdit
		}
		num += e.s * (wq + wl)
		den += wq + wl
		matchedW += wq + wl
		if explain {
			parts = append(parts, tripline.PartMatch{Query: joinText(q, e.q0, e.q1), Listed: joinText(l, e.l0, e.l1), How: e.how.String(), Score: round3(e.s), Weight: round3(wq + wl)})
		}
	}
	// Unmatched parts. A query word missing from the listed name costs at
	// least UnmatchedQueryFloor however common it is (a different given
	// name is evidence against a match even when the name is common), and
	// each such word makes one unmatched listed word a conflict that costs
	// in full rather than as a dropped part.
	conflicts := 0
	for i, t := range q {
		if qu[i] {
			continue
		}
		w := t.w
		if t.v.kind == names.Title {
			conflicts++ // a title the listed name lacks may stand for a given name
		}
		if t.v.kind == names.Word {
			conflicts++
			if w < c.UnmatchedQueryFloor {
				w = c.UnmatchedQueryFloor
			}
		}
		den += c.UnmatchedQuery * w
		if explain {
			parts = append(parts, tripline.PartMatch{Query: t.v.text, How: howUnmatched, Weight: round3(w)})
		}
	}
	// A listed name written "FAMILY, Given" whose family parts all go
	// unmatched is another person's given names: those family parts cost
	// in full.
	// A legal-form word alone before the comma is a family name there
	// ("PAO, Yu Hsiang").
	hasFamily, familyMatched := false, false
	for j, t := range l {
		if t.family && (t.v.kind == names.Word || t.v.kind == names.Legal && len(l) > j+1 && !l[j+1].family) {
			hasFamily = true
			familyMatched = familyMatched || lu[j]
		}
	}
	familyMissing := hasFamily && !familyMatched
	// The ends of a "FAMILY, Given" name in natural order are its first
	// given word and its last family word. When both matched, the family
	// words before the last (a paternal surname, "bin") stand between the
	// ends like middle names, and are dropped, capped with them: "Jesus
	// ZAPATA" is "LONDONO ZAPATA, Jesus Antonio" without the middle.
	lastFamily, firstGiven := -1, -1
	for j, t := range l {
		if t.v.kind != names.Word {
			continue
		}
		if t.family {
			lastFamily = j
		} else if firstGiven < 0 {
			firstGiven = j
		}
	}
	endsMatched := c.MiddleFamily && lastFamily >= 0 && firstGiven >= 0 && lu[lastFamily] && lu[firstGiven]
	type lwt struct {
		w      float64
		family bool
	}
	var lw [32]lwt
	lws := lw[:0]
	for j, t := range l {
		if !lu[j] {
			if familyMissing && t.family && t.v.kind == names.Word || t.v.kind == names.Word && halfMatched(l, lu, j) {
				// Another person's family name, or the unmatched half
				// of a hyphenated name whose other half matched
				// (Smith is not Pridmore-Smith): in full.
				den += c.UnmatchedQuery * t.w
			} else if t.v.kind == names.Word {
				lws = append(lws, lwt{t.w, t.family && !(endsMatched && j < lastFamily)})
			} else {
				den += c.UnmatchedListed * t.w
			}
			if explain {
				parts = append(parts, tripline.PartMatch{Listed: t.v.text, How: howUnmatched, Weight: round3(t.w)})
			}
		}
	}
	// Heaviest first.
	for i := 1; i < len(lws); i++ {
		for j := i; j > 0 && lws[j].w > lws[j-1].w; j-- {
			lws[j], lws[j-1] = lws[j-1], lws[j]
		}
	}
	// Dropped given and middle names cost UnmatchedListed each, but in all
	// no more than DroppedCap of the matched weight: a list that records
	// four middle names should not hide a match on the first and family
	// names. The cap holds for person names written "FAMILY, Given" whose
	// family name matched; dropped family parts are not capped.
	dropped := 0.0
	for k, x := range lws {
		switch {
		case k < conflicts:
			den += c.UnmatchedQuery * x.w
		case x.family:
			den += c.UnmatchedListed * x.w
		default:
			dropped += c.UnmatchedListed * x.w
		}
	}
	if limit := c.DroppedCap * matchedW; hasFamily && familyMatched && dropped > limit {
		dropped = limit
	}
	den += dropped
	if den <= 0 {
		return 0, parts
	}
	s := num / den
	if fuzzy && !strong && wordsMatched >= 2 && c.NoExactFactor > 0 {
		s *= c.NoExactFactor
	}
	if qNum && lNum && !numMatched && s > c.NumberMismatchCap {
		s = c.NumberMismatchCap
	}
	return clamp01(s), parts
}

// halfMatched reports whether listed part j is joined by a hyphen to a
// neighbour that matched.
func halfMatched(l []ptok, lu []bool, j int) bool {
	return l[j].hyphen && j+1 < len(l) && lu[j+1] || j > 0 && l[j-1].hyphen && lu[j-1]
}

func joinText(t []ptok, a, b int) string {
	s := t[a].v.text
	for i := a + 1; i <= b; i++ {
		s += " " + t[i].v.text
	}
	return s
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func round3(x float64) float64 {
	return math.Round(x*1000) / 1000
}

func minLen(a, b string) int {
	if len(a) < len(b) {
		return len(a)
	}
	return len(b)
}

func maxLen(a, b string) int {
	if len(a) > len(b) {
		return len(a)
	}
	return len(b)
}

// maxEditBytes is the longest part compared by edit distance, whose cost
// grows with the product of the two lengths; longer parts (no listed part
// of the real lists comes near it) match only by equal text or keys, so
// that the cost of scoring a pair of parts is bounded.
const maxEditBytes = 100

// simAtLeast returns the edit similarity of a and b, or 0 when cheap
// bounds (length difference, letter counts) show it is below floor, or
// when either is longer than maxEditBytes.
func simAtLeast(a, b string, floor float64) float64 {
	if a == b {
		return 1
	}
	la, lb := len(a), len(b)
	if la > maxEditBytes || lb > maxEditBytes {
		return 0 // bounded cost: no edit distance over long parts
	}
	m := la
	if lb > m {
		m = lb
	}
	if m == 0 {
		return 0
	}
	d := la - lb
	if d < 0 {
		d = -d
	}
	if 1-float64(d)/float64(m) < floor {
		return 0
	}
	// Every edit changes the letter counts by at most two (bytes share
	// buckets, which only weakens the bound).
	var h [32]int16
	for i := 0; i < la; i++ {
		h[a[i]&31]++
	}
	for i := 0; i < lb; i++ {
		h[b[i]&31]--
	}
	diff := 0
	for _, x := range h {
		if x < 0 {
			diff -= int(x)
		} else {
			diff += int(x)
		}
	}
	if 1-float64((diff+1)/2)/float64(m) < floor {
		return 0
	}
	return names.EditSimilarity(a, b)
}

// edgeLess orders candidate alignments: higher similarity first, then
// heavier parts, then pairs closer in position.
func edgeLess(x, y *edge) bool {
	if x.s != y.s {
		return x.s > y.s
	}
	if x.w != y.w {
		return x.w > y.w
	}
	dx, dy := x.q0-x.l0, y.q0-y.l0
	if dx < 0 {
		dx = -dx
	}
	if dy < 0 {
		dy = -dy
	}
	return dx < dy
}

// sortEdges sorts stably: an insertion sort for the usual short lists, a
// merge sort (same order) for long names, whose pairs grow with the
// product of their parts.
func sortEdges(e []edge) {
	if len(e) > 48 {
		slices.SortStableFunc(e, func(x, y edge) int {
			switch {
			case edgeLess(&x, &y):
				return -1
			case edgeLess(&y, &x):
				return 1
			}
			return 0
		})
		return
	}
	for i := 1; i < len(e); i++ {
		for j := i; j > 0 && edgeLess(&e[j], &e[j-1]); j-- {
			e[j], e[j-1] = e[j-1], e[j]
		}
	}
}

// joins reports whether s == a+b.
func joins(s, a, b string) bool {
	return len(s) == len(a)+len(b) && strings.HasPrefix(s, a) && strings.HasSuffix(s, b)
}

// isAbbrev reports whether a part abbreviates a longer one: an initial,
// or the first half of an "Abd al-" compound written alone.
func isAbbrev(v *vtok) bool {
	return v.kind == names.Initial || names.IsAbdPrefix(v.text)
}

// abjadSim scores a part written in a script without short vowels against
// a Latin one by names.AbjadSim, or 0. Two parts of different romanisation
// classes are different names however their letters align (حسن is not
// Husain).
func (c *Config) abjadSim(a, b *vtok) float64 {
	if (a.orig == "") == (b.orig == "") {
		return 0
	}
	if b.orig != "" {
		a, b = b, a
	}
	if b.script != "" || b.kind != names.Word || a.kind != names.Word {
		return 0
	}
	if a.class && b.class && a.key != b.key {
		return 0
	}
	s := names.AbjadSimAtLeast(a.orig, b.text, c.AbjadFloor)
	if s < c.AbjadFloor {
		return 0
	}
	return s * c.AbjadScale
}

// acronymScore scores a name of one word against a name of several that
// it abbreviates ("IRGC" / Islamic Revolutionary Guard Corps, "KOMID" /
// Korea Mining Development ...), in either direction: ok is false when
// neither name is the other's acronym.
func (c *Config) acronymScore(q, l []ptok) (float64, bool) {
	one, many := q, l
	if len(one) != 1 {
		one, many = l, q
	}
	if len(one) != 1 || len(many) < 2 || one[0].v.kind != names.Word {
		return 0, false
	}
	a := one[0].v.text
	if len(a) < 3 || len(a) > 10 {
		return 0, false
	}
	// A word that is (the beginning of) one of the other name's words is
	// that word, not an acronym: "Sa'id" spells the sai of SAID and the d
	// of DZHABAROV, yet says nothing of DZHABAROV.
	for _, t := range many {
		if t.v.kind == names.Word && strings.HasPrefix(t.v.text, a) {
			return 0, false
		}
	}
	initials, ok := abbreviates(a, many)
	if !ok {
		return 0, false
	}
	switch {
	case len(a) >= 4 && initials:
		return c.Acronym, true
	case len(a) >= 4:
		return c.Acronym - 0.02, true
	}
	return c.Acronym - 0.08, true // three letters say little
}

// abbreviates reports whether a is made of the beginnings of the parts of
// name, in order: every word part gives its first letter or up to its
// first three, function words, legal forms and titles give their first
// letter or nothing. initials is set when every part gave one letter.
func abbreviates(a string, name []ptok) (initials, ok bool) {
	n := len(name)
	if n > 12 {
		return false, false
	}
	// reach[j][i]: the first j parts can spell a[:i]; one bit per way
	// (all initials so far).
	var reach [13][11]uint8
	reach[0][0] = 1 // 1: reached with initials only, 2: reached otherwise
	for j := 0; j < n; j++ {
		t := name[j].v
		optional := t.kind != names.Word && t.kind != names.Number
		w := t.text
		if t.kind == names.Legal || strings.Contains(w, " ") {
			w = strings.ReplaceAll(w, " ", "")
		}
		for i := 0; i <= len(a); i++ {
			r := reach[j][i]
			if r == 0 {
				continue
			}
			if optional {
				reach[j+1][i] |= r
			}
			for k := 1; k <= 3 && k <= len(w) && i+k <= len(a); k++ {
				if a[i:i+k] != w[:k] {
					break
				}
				if k == 1 {
					reach[j+1][i+k] |= r
				} else {
					reach[j+1][i+k] |= 2
				}
			}
		}
	}
	r := reach[n][len(a)]
	return r&1 != 0, r != 0
}
