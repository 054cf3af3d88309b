package textflags

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Indicators are the red-flag indicators the lexicons may raise, by the
// category words of the order rules.
var Indicators = []string{
	"end_use_missing", "evasive_customer", "unfamiliar_product", "declined_services", "vague_delivery",
	"overpricing", "unusual_payment", "payment_reroute", "shipping_change", "split_shipment",
}

var knownIndicator = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range Indicators {
		m[s] = true
	}
	return m
}()

// Flag is one indicator found in a text.
type Flag struct {
	// Indicator is the category word ("declined_services").
	Indicator string `json:"indicator"`
	// Start and End are the byte offsets of the span that raised it, in
	// the UTF-8 text; Span is that text.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Span  string `json:"span"`
	// Lang is the language of the lexicon that matched.
	Lang string `json:"lang"`
	// Rule is the lexicon rule: "en.lex:212".
	Rule string `json:"rule"`
}

//go:embed data/*.lex
var embedded embed.FS

// Extractor finds indicators in texts with a set of lexicons. It is
// immutable and safe for concurrent use.
type Extractor struct {
	lexicons []*lexicon
	breaks   map[string]bool
	// Version identifies the lexicons: "textflags-" and a content hash.
	Version string

	mu    sync.Mutex
	cache map[string][]Flag
}

var (
	defaultOnce sync.Once
	defaultX    *Extractor
	defaultErr  error
)

// Default returns the extractor of the embedded lexicons.
func Default() (*Extractor, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			defaultErr = err
			return
		}
		defaultX, defaultErr = Load(sub)
	})
	return defaultX, defaultErr
}

// Load reads every *.lex file at the root of fsys.
func Load(fsys fs.FS) (*Extractor, error) {
	names, err := fs.Glob(fsys, "*.lex")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("textflags: no lexicons")
	}
	sort.Strings(names)
	x := &Extractor{breaks: map[string]bool{}}
	h := sha256.New()
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		h.Write([]byte(name))
		h.Write(b)
		lx, err := parseLexicon(path.Base(name), strings.NewReader(string(b)))
		if err != nil {
			return nil, err
		}
		lx.file = path.Base(name)
		x.lexicons = append(x.lexicons, lx)
		for w := range lx.breaks {
			x.breaks[w] = true
		}
	}
	x.Version = "textflags-" + hex.EncodeToString(h.Sum(nil))[:12]
	return x, nil
}

// Languages lists the languages of the lexicons.
func (x *Extractor) Languages() []string {
	out := make([]string, len(x.lexicons))
	for i, lx := range x.lexicons {
		out[i] = lx.lang
	}
	return out
}

// Extract returns the indicators found in text, one flag per indicator
// (its first span), ordered by where they start.
func (x *Extractor) Extract(text string) []Flag {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if len(text) > maxText {
		// Cut on a character boundary (at most three bytes back).
		cut := maxText
		for k := 0; k < utf8.UTFMax-1 && cut > 0 && !utf8.RuneStart(text[cut]); k++ {
			cut--
		}
		text = text[:cut]
	}
	x.mu.Lock()
	fl, ok := x.cache[text]
	x.mu.Unlock()
	if ok {
		return fl
	}
	fl = x.extract(text)
	x.mu.Lock()
	if x.cache == nil || len(x.cache) >= 8192 {
		x.cache = map[string][]Flag{}
	}
	x.cache[text] = fl
	x.mu.Unlock()
	return fl
}

// maxText bounds the text read: 64 KiB is more than any note.
const maxText = 64 << 10

func (x *Extractor) extract(text string) []Flag {
	toks := tokenize(text, x.breaks)
	if len(toks) == 0 {
		return nil
	}
	best := map[string]Flag{}
	for _, lx := range x.pick(text, toks) {
		for _, f := range lx.find(text, toks) {
			if old, ok := best[f.Indicator]; !ok || f.Start < old.Start {
				best[f.Indicator] = f
			}
		}
	}
	out := make([]Flag, 0, len(best))
	for _, f := range best {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Indicator < out[j].Indicator
	})
	return out
}

// pick chooses the lexicons for a text: those of every non-Latin script
// in it, and the Latin-script languages whose function words (and
// letters) it uses most — every one that scores at least half the best,
// as Spanish and French share many short words — or every Latin lexicon
// when it uses none.
func (x *Extractor) pick(text string, toks []token) []*lexicon {
	scripts := map[byte]bool{}
	for _, t := range toks {
		scripts[t.script] = true
	}
	var out []*lexicon
	var latin []*lexicon
	var scores []int
	best := 0
	for _, lx := range x.lexicons {
		if lx.script != 'L' {
			if scripts[lx.script] {
				out = append(out, lx)
			}
			continue
		}
		score := 0
		for _, t := range toks {
			if lx.stopwords[t.text] {
				score += 2
			}
			if t.script == 'L' && lx.letters != "" && strings.ContainsAny(text[t.start:t.end], lx.letters) {
				score++
			}
		}
		latin, scores = append(latin, lx), append(scores, score)
		best = max(best, score)
	}
	if !scripts['L'] {
		return out
	}
	for i, lx := range latin {
		if best == 0 || 2*scores[i] >= best {
			out = append(out, lx)
		}
	}
	return out
}

// match is one occurrence of a concept's term.
type match struct {
	first, last int // token indices
	neg         bool
	rem         string // what follows the stem in the last token
}

// find runs the lexicon's rules over the tokens.
func (lx *lexicon) find(text string, toks []token) []Flag {
	m := &matcher{lx: lx, toks: toks, byConcept: map[*concept][]match{}}
	m.negAt = m.marks(lx.negators)
	m.negAfterAt = m.marks(lx.negAfter)
	if lx.notNeg != nil {
		// A negator inside a word or phrase that negates nothing (不同
		// "different", "not only") is no negator.
		for k, on := range m.marks(lx.notNeg) {
			if on {
				m.negAt[k], m.negAfterAt[k] = false, false
			}
		}
	}
	m.hedgeAt = m.marks(lx.hedges)
	m.guardAt = m.marks(lx.hedgeGuards)
	m.negVerbAt = m.marks(lx.negVerbs)
	m.offerAt = m.marks(lx.offers)
	var out []Flag
	done := map[string]bool{}
	for _, r := range lx.rules {
		if done[r.indicator] {
			continue
		}
		if first, last, ok := m.apply(r); ok {
			s, e := toks[first].start, toks[last].end
			out = append(out, Flag{Indicator: r.indicator, Start: s, End: e, Span: text[s:e], Lang: lx.lang,
				Rule: fmt.Sprintf("%s:%d", lx.file, r.line)})
			done[r.indicator] = true
		}
	}
	return out
}

type matcher struct {
	lx                                  *lexicon
	toks                                []token
	byConcept                           map[*concept][]match
	negAt, negAfterAt, hedgeAt, guardAt []bool
	// negVerbAt marks the negative verbs (neg_verbs), offerAt the offers.
	negVerbAt, offerAt []bool
}

// marks returns, per token, whether a term of c covers it.
func (m *matcher) marks(c *concept) []bool {
	at := make([]bool, len(m.toks))
	if c == nil {
		return at
	}
	for _, mt := range m.matches(c) {
		for k := mt.first; k <= mt.last; k++ {
			at[k] = true
		}
	}
	return at
}

// matches returns every occurrence of c's terms, by first token.
func (m *matcher) matches(c *concept) []match {
	if ms, ok := m.byConcept[c]; ok {
		return ms
	}
	var ms []match
	for i := range m.toks {
		for _, t := range c.terms {
			if mt, ok := m.termAt(t, i); ok {
				ms = append(ms, mt)
			}
		}
	}
	m.byConcept[c] = ms
	return ms
}

// termAt matches t at token i: its parts on consecutive tokens of one
// sentence.
func (m *matcher) termAt(t *term, i int) (match, bool) {
	if i+len(t.parts) > len(m.toks) {
		return match{}, false
	}
	rem := ""
	for k, p := range t.parts {
		tok := m.toks[i+k]
		if tok.sent != m.toks[i].sent {
			return match{}, false
		}
		n, variant := m.partAt(p, tok.text)
		if n < 0 {
			return match{}, false
		}
		if k == len(t.parts)-1 {
			rem = variant[n:]
		}
	}
	return match{first: i, last: i + len(t.parts) - 1, neg: t.neg, rem: rem}, true
}

// partAt matches p against a word or, in languages with clitics, the word
// without one; it returns the length matched and the form it matched.
func (m *matcher) partAt(p part, w string) (int, string) {
	if n := m.lx.partMatches(p, w); n >= 0 {
		return n, w
	}
	for _, pre := range m.lx.stripPrefix {
		if strings.HasPrefix(w, pre) && utf8.RuneCountInString(w)-utf8.RuneCountInString(pre) >= 2 {
			v := w[len(pre):]
			if n := m.lx.partMatches(p, v); n >= 0 {
				return n, v
			}
		}
	}
	return -1, ""
}

// partMatches matches p against w as written and, where the lexicon
// asks for it, inflected (an ending of up to inflect letters, the last
// vowel replaced); it returns the
// length matched, so that what follows is the ending (for neg_suffix).
func (lx *lexicon) partMatches(p part, w string) int {
	if n := partMatches(p, w); n >= 0 || p.re != nil || p.infix {
		return n
	}
	n := utf8.RuneCountInString(p.text)
	if lx.inflect > 0 && !p.prefix && n >= 5 {
		if k := lx.inflectedAt(p.text, w); k >= 0 {
			return k
		}
	}
	return -1
}

// inflectedAt matches the plain word t against w with an ending of up to
// lx.inflect letters, t's last vowel (if any) replaced; it returns the
// length of the stem matched.
func (lx *lexicon) inflectedAt(t, w string) int {
	stem := t
	if r, size := utf8.DecodeLastRuneInString(t); lx.vowels != "" && strings.ContainsRune(lx.vowels, r) {
		stem = t[:len(t)-size]
	}
	if !strings.HasPrefix(w, stem) || utf8.RuneCountInString(w)-utf8.RuneCountInString(stem) > lx.inflect {
		return -1
	}
	return len(stem)
}

// negated reports whether a negator reaches mt: before it within the
// scope and its clause, just after it (negators_after, or any negator
// within scope_after), or inside its word (neg_suffix); at is the token of
// the negator (mt's own first or last token when inside it).
func (m *matcher) negated(mt match) (neg bool, at int) {
	if mt.neg {
		return true, mt.first
	}
	if m.lx.negSuffix != nil && mt.rem != "" && m.lx.negSuffix.MatchString(mt.rem) {
		return true, mt.last
	}
	head := m.toks[mt.first]
	for k := mt.first - 1; k >= 0 && k >= mt.first-m.lx.scope; k-- {
		if m.toks[k].clause != head.clause {
			break
		}
		if m.negAt[k] {
			return true, k
		}
		if m.negVerbAt[k] && k >= mt.first-negVerbReach {
			// "refused to name": negated, unless a negator reaches the
			// negative verb in turn ("did not refuse to name", "named
			// without hesitation" read the other way round below).
			return !m.negatorBefore(k), k
		}
	}
	last := m.toks[mt.last]
	for k := mt.last + 1; k < len(m.toks) && k <= mt.last+max(2, m.lx.scopeAfter); k++ {
		if m.toks[k].clause != last.clause {
			break
		}
		if m.negAfterAt[k] || (k <= mt.last+m.lx.scopeAfter && m.negAt[k]) {
			return true, k
		}
	}
	return false, -1
}

// negVerbReach is how far back a negative verb governs a word: "refused
// to name", "weigert sich zu nennen"; a verb further off governs another.
const negVerbReach = 3

// negatorBefore reports whether a negator stands within the scope before
// token k in its clause (the negative verb's own phrase aside).
func (m *matcher) negatorBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-m.lx.scope; j-- {
		if m.toks[j].clause != m.toks[k].clause {
			return false
		}
		if m.negAt[j] && !m.negVerbAt[j] {
			return true
		}
	}
	return false
}

// hedged reports whether mt stands in a conditional: after a hedge in
// its clause that no question word just before turns into a question
// ("asked if"), or with a conditional suffix.
func (m *matcher) hedged(mt match) bool {
	if m.lx.hedgeSuffix != nil && mt.rem != "" && m.lx.hedgeSuffix.MatchString(mt.rem) {
		return true
	}
	head := m.toks[mt.first]
	for k := mt.first - 1; k >= 0; k-- {
		if m.toks[k].clause != head.clause {
			break
		}
		if m.hedgeAt[k] && (k == 0 || !m.hedgeAt[k-1]) {
			guarded := false
			for g := k - 1; g >= 0 && g >= k-2; g-- {
				if m.guardAt[g] {
					guarded = true
				}
			}
			// An offer earlier in the sentence makes the hedge the
			// customer's condition: "ready to pay 20 % more if …".
			for g := k - 1; g >= 0 && m.toks[g].sent == head.sent; g-- {
				if m.offerAt[g] {
					guarded = true
				}
			}
			if !guarded {
				return true
			}
		}
	}
	return false
}

// polarityOK reports whether mt stands as a slot asks, and the token of
// the negator that a negated slot leans on (-1 for none), so that the
// span cited includes it ("could not explain", not "explain").
func (m *matcher) polarityOK(mt match, polarity int, head bool) (bool, int) {
	if head && m.hedged(mt) {
		return false, -1
	}
	switch polarity {
	case 1:
		if mt.neg {
			return true, -1
		}
		neg, _ := m.negated(mt)
		return !neg, -1
	case -1:
		return m.negated(mt)
	}
	return true, -1
}

// apply finds the rule's first occurrence: a head, then for each other
// positive slot the nearest fitting match of the same sentence, all
// within the window and not overlapping; no excluded concept within the
// window.
func (m *matcher) apply(r rule) (int, int, bool) {
	heads := m.matches(r.slots[0].c)
	for _, h := range heads {
		ok, negAt := m.polarityOK(h, r.slots[0].polarity, true)
		if !ok {
			continue
		}
		sent := m.toks[h.first].sent
		first, last := h.first, h.last
		if negAt >= 0 {
			first, last = min(first, negAt), max(last, negAt)
		}
		used := []match{h}
		ok = true
		for _, sl := range r.slots[1:] {
			if sl.exclude {
				continue
			}
			bestD, bestNeg := -1, -1
			var best match
			for _, c := range m.matches(sl.c) {
				if m.toks[c.first].sent != sent || overlaps(c, used) {
					continue
				}
				f, l := min(first, c.first), max(last, c.last)
				if l-f+1 > r.window {
					continue
				}
				pok, pneg := m.polarityOK(c, sl.polarity, false)
				if !pok {
					continue
				}
				d := dist(c, h)
				if bestD < 0 || d < bestD {
					bestD, best, bestNeg = d, c, pneg
				}
			}
			if bestD < 0 {
				ok = false
				break
			}
			used = append(used, best)
			first, last = min(first, best.first), max(last, best.last)
			if bestNeg >= 0 {
				first, last = min(first, bestNeg), max(last, bestNeg)
			}
		}
		if !ok {
			continue
		}
		for _, sl := range r.slots[1:] {
			if !sl.exclude {
				continue
			}
			for _, c := range m.matches(sl.c) {
				if m.toks[c.first].sent == sent && max(last, c.last)-min(first, c.first)+1 <= r.window {
					ok = false
				}
			}
		}
		if ok {
			return first, last, true
		}
	}
	return 0, 0, false
}

func overlaps(c match, used []match) bool {
	for _, u := range used {
		if c.first <= u.last && u.first <= c.last {
			return true
		}
	}
	return false
}

func dist(a, b match) int {
	switch {
	case a.last < b.first:
		return b.first - a.last
	case b.last < a.first:
		return a.first - b.last
	}
	return 0
}
