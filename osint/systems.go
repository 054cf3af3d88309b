package osint

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/transfer"
)

// target is what a designation names: a catalogue system, or a
// designation of register rows outside the catalogue.
type target struct {
	system      *transfer.System
	designation string // register designation (no catalogue system)
	weak        bool
}

// gazetteer finds designations in text with one Aho-Corasick automaton
// over folded text (lower case, hyphens and runs of spaces as one space).
type gazetteer struct {
	ac      *ahocorasick.Automaton
	targets [][]target // by pattern id
}

// fold lowers s and turns hyphens, dashes and runs of blank space into
// one space, returning for each byte of the result the offset of the
// byte of s it came from (and len(s) at the end).
func fold(s string) ([]byte, []int32) {
	out := make([]byte, 0, len(s))
	orig := make([]int32, 0, len(s)+1)
	space := false
	for i, r := range s {
		if r == '-' || r == '‐' || r == '‑' || r == '–' || r == '—' || unicode.IsSpace(r) || r == '_' {
			if !space && len(out) > 0 {
				out = append(out, ' ')
				orig = append(orig, int32(i))
			}
			space = true
			continue
		}
		space = false
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		n := len(out)
		out = utf8.AppendRune(out, l)
		for k := n; k < len(out); k++ {
			orig = append(orig, int32(i+(k-n)))
		}
	}
	orig = append(orig, int32(len(s)))
	return out, orig
}

func foldString(s string) string {
	b, _ := fold(s)
	return strings.TrimSpace(string(b))
}

// newGazetteer builds the automaton over the catalogue's designations and
// the register's designations outside it (those with a digit, which are
// not ordinary words: "Su-35", "T-72").
func newGazetteer(cat *transfer.Catalogue, registerDesignations []string) *gazetteer {
	byPattern := map[string][]target{}
	var patterns []string
	add := func(p string, t target) {
		p = foldString(p)
		if len([]rune(p)) < 3 {
			return
		}
		if _, ok := byPattern[p]; !ok {
			patterns = append(patterns, p)
		}
		for _, old := range byPattern[p] {
			if old.system == t.system && old.designation == t.designation {
				return
			}
		}
		byPattern[p] = append(byPattern[p], t)
	}
	for _, s := range cat.Systems() {
		add(s.Name, target{system: s})
		for _, d := range s.Designations {
			add(d.Name, target{system: s, weak: d.Weak})
		}
	}
	known := map[string]bool{}
	for _, p := range patterns {
		known[transfer.Key(p)] = true
	}
	for _, d := range registerDesignations {
		if !strings.ContainsAny(d, "0123456789") || !strings.ContainsFunc(d, unicode.IsLetter) || known[transfer.Key(d)] || len(d) < 3 {
			continue
		}
		add(d, target{designation: d})
	}
	sort.Strings(patterns)
	g := &gazetteer{targets: make([][]target, len(patterns))}
	for i, p := range patterns {
		g.targets[i] = byPattern[p]
	}
	if len(patterns) == 0 {
		return g
	}
	ac, err := ahocorasick.NewBuilder().SetMatchKind(ahocorasick.LeftmostLongest).AddStrings(patterns).Build()
	if err == nil {
		g.ac = ac
	}
	return g
}

// hit is one designation found in the text, by byte offsets.
type hit struct {
	start, end int
	targets    []target
}

// find returns the designations in text, each bounded by non-word
// characters.
func (g *gazetteer) find(text string) []hit {
	if g.ac == nil {
		return nil
	}
	folded, orig := fold(text)
	var all []hit
	for _, m := range g.ac.FindAllOverlapping(folded) {
		if m.Start > 0 {
			if r, _ := utf8.DecodeLastRune(folded[:m.Start]); isWordRune(r) {
				continue
			}
		}
		if m.End < len(folded) {
			if r, _ := utf8.DecodeRune(folded[m.End:]); isWordRune(r) {
				continue
			}
		}
		all = append(all, hit{start: int(orig[m.Start]), end: int(orig[m.End-1]) + 1, targets: g.targets[m.PatternID]})
	}
	// The longest of overlapping designations wins ("Zolfaghar-class"
	// over "Zolfaghar").
	sort.Slice(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	var out []hit
	end := -1
	for _, h := range all {
		if h.start < end {
			if len(out) > 0 && h.end > out[len(out)-1].end && h.end-h.start > out[len(out)-1].end-out[len(out)-1].start {
				out[len(out)-1] = h
				end = h.end
			}
			continue
		}
		out = append(out, h)
		end = h.end
	}
	// The end offset must cover the whole last rune.
	for i := range out {
		for out[i].end < len(text) && !utf8.RuneStart(text[out[i].end]) {
			out[i].end++
		}
	}
	return out
}

// disambiguate picks the system a hit names from the words around it: the
// head noun of the phrase that follows ("Zolfaghar-class missile boats":
// boats; "Nasr-1 anti-ship missiles": missiles), else the nearest type
// word before it in the sentence ("the ballistic missile Zolfaghar"),
// else the type words of the whole sentence. A weak designation ("Noor")
// counts only next to a word of its type. It returns the system or
// designation chosen (nil when none fits) and why.
func disambiguate(d *doc, h hit) (*target, string) {
	i := d.tokAt(h.start)
	j := d.tokAt(h.end) // first token after the hit
	sent := -1
	if i < len(d.toks) {
		sent = d.toks[i].sent
	}
	// The head noun after: up to four words of the noun phrase.
	after := ""
	misses := 0
	for k := j; k < len(d.toks) && k < j+5 && d.toks[k].sent == sent; k++ {
		w := d.toks[k].lower
		if g := transfer.WordGroup(w); g != "" {
			after = g
			if w == "class" && k == j { // "-class" names a ship class
				break
			}
			continue
		}
		if stopPhrase[w] || after != "" {
			break
		}
		if misses++; misses > 2 {
			break
		}
	}
	before := ""
	for k := i - 1; k >= 0 && k >= i-5 && d.toks[k].sent == sent; k-- {
		if g := transfer.WordGroup(d.toks[k].lower); g != "" {
			before = g
			break
		}
	}
	var sentence map[string]int
	if sent >= 0 {
		sentence = map[string]int{}
		st := d.sents[sent]
		for _, t := range d.toks[st.tok0:st.tok1] {
			if g := transfer.WordGroup(t.lower); g != "" {
				sentence[g]++
			}
		}
	}
	groupOf := func(t target) string {
		if t.system != nil {
			return transfer.Group(t.system.Type)
		}
		return ""
	}
	pick := func(group, why string) (*target, string) {
		var found []target
		for _, t := range h.targets {
			if groupOf(t) == group {
				found = append(found, t)
			}
		}
		if len(found) == 1 {
			return &found[0], why
		}
		return nil, ""
	}
	if after != "" {
		if t, why := pick(after, "head noun after it: "+after); t != nil {
			return t, why
		}
	}
	if before != "" {
		if t, why := pick(before, "type word before it: "+before); t != nil {
			return t, why
		}
	}
	// "known as the Kochevnik", "which Russia calls the Geran-2".
	if i > 0 {
		k := i - 1
		if d.toks[k].lower == "the" && k > 0 {
			k--
		}
		if w := d.toks[k].lower; w == "as" || w == "called" || w == "calls" || w == "dubbed" || w == "named" || w == "designated" || w == "call" {
			if len(h.targets) == 1 {
				return &h.targets[0], "named as"
			}
		}
	}
	// Weak names need a type word next to them.
	var strong []target
	for _, t := range h.targets {
		if !t.weak {
			strong = append(strong, t)
		}
	}
	if len(strong) == 1 {
		if len(h.targets) == 1 {
			return &strong[0], "only sense"
		}
		return &strong[0], "only strong sense"
	}
	if len(strong) > 1 {
		best, bestN := "", 0
		for g, n := range sentence {
			if n > bestN {
				best, bestN = g, n
			}
		}
		if best != "" {
			for _, t := range strong {
				if groupOf(t) == best {
					return &t, "type words of the sentence: " + best
				}
			}
		}
	}
	return nil, ""
}

// stopPhrase are words that end a noun phrase.
var stopPhrase = map[string]bool{"armed": true, "with": true, "and": true, "of": true, "were": true, "was": true, "is": true, "are": true,
	"in": true, "at": true, "to": true, "from": true, "for": true, "on": true, "by": true}

// systemMentions resolves the gazetteer's hits in d. A hit inside a
// longer one is dropped; a weak designation must be capitalised.
func systemMentions(d *doc, g *gazetteer) []tripline.SystemMention {
	var out []tripline.SystemMention
	for _, h := range g.find(d.text) {
		t, why := disambiguate(d, h)
		if t == nil {
			continue
		}
		if t.weak {
			if r, _ := utf8.DecodeRuneInString(d.text[h.start:]); !unicode.IsUpper(r) {
				continue
			}
		}
		m := tripline.SystemMention{Text: d.text[h.start:h.end], Start: h.start, End: h.end, Why: why}
		if t.system != nil {
			m.System, m.Type = t.system.ID, t.system.Type
		} else {
			m.Designation = t.designation
		}
		out = append(out, m)
	}
	return out
}
