package osint

import (
	"context"
	"strings"
	"sync"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/names"
)

// MentionThreshold is the lowest screening score of a mention of a listed
// party.
const MentionThreshold = 0.85

// nameRef is a listed name a path of the trie spells.
type nameRef struct {
	id     string
	name   string
	schema tripline.Schema
	single bool // one word
}

type tnode struct {
	next map[string]*tnode
	ends []nameRef
}

// Names is the token index of listed names that proposes the spans of an
// article that may name a listed party: a trie over the romanisation keys
// of the names' words (package names), so that "Mohammad Reza Ashtiani"
// and "ASHTIANI, Mohammad-Reza" meet. Weak aliases are left out, and so
// are one-word names that are short or ordinary words, and one-word
// names of vessels and aircraft. Spans are then scored by the screening
// index; only those at MentionThreshold or above are mentions.
type Names struct {
	root  *tnode
	vocab map[string]bool
	legal map[string]bool
	keys  sync.Map // word → wordKey
	Count int      // names indexed
}

type wordKey struct {
	key  string
	kind names.Kind
}

// NewNames indexes the names of the entities each yields.
func NewNames(each func(fn func(*tripline.Entity) error) error) (*Names, error) {
	n := &Names{root: &tnode{}, vocab: map[string]bool{}, legal: map[string]bool{}}
	err := each(func(e *tripline.Entity) error {
		asset := e.Schema == tripline.SchemaVessel || e.Schema == tripline.SchemaAirplane
		for _, nm := range e.Names {
			if nm.Kind == tripline.NameWeak {
				continue
			}
			toks := names.Parse(nm.Full)
			var keys, family, rest []string
			for _, t := range toks {
				switch t.Kind {
				case names.Word, names.Number, names.Initial:
					keys = append(keys, t.Key)
					if t.Family {
						family = append(family, t.Key)
					} else {
						rest = append(rest, t.Key)
					}
				case names.Legal:
					for _, w := range strings.Fields(t.Text) {
						n.legal[w] = true
					}
				}
			}
			if len(keys) == 0 || len(keys) > 12 {
				continue
			}
			ref := nameRef{id: e.ID, name: nm.Full, schema: e.Schema, single: len(keys) == 1}
			if ref.single && (asset || len(keys[0]) < 5 || common[keys[0]] || country.Code(keys[0]) != "" || isDemonym(keys[0])) {
				continue
			}
			if asset && len(keys) < 2 {
				continue
			}
			n.insert(keys, ref)
			if len(family) > 0 && len(rest) > 0 { // "LAST, First" is written "First Last"
				n.insert(append(append([]string{}, rest...), family...), ref)
			}
		}
		return nil
	})
	return n, err
}

func (n *Names) insert(keys []string, ref nameRef) {
	node := n.root
	for _, k := range keys {
		n.vocab[k] = true
		if node.next == nil {
			node.next = map[string]*tnode{}
		}
		nx := node.next[k]
		if nx == nil {
			nx = &tnode{}
			node.next[k] = nx
		}
		node = nx
	}
	for _, r := range node.ends {
		if r.id == ref.id {
			return
		}
	}
	node.ends = append(node.ends, ref)
	n.Count++
}

// key returns the romanisation key and kind of a word of text.
func (n *Names) key(w string) wordKey {
	if v, ok := n.keys.Load(w); ok {
		return v.(wordKey)
	}
	wk := wordKey{kind: names.Stop}
	if toks := names.Parse(w); len(toks) == 1 {
		wk = wordKey{key: toks[0].Key, kind: toks[0].Kind}
		if wk.kind == names.Legal {
			wk.key = toks[0].Text
		}
	} else if len(toks) > 1 {
		wk = wordKey{key: toks[0].Key, kind: toks[0].Kind}
	}
	n.keys.Store(w, wk)
	return wk
}

// candidate is a span that may name a listed party.
type candidate struct {
	start, end int // bytes
	refs       []nameRef
	fuzzy      bool
}

// nameGap reports whether the text between two tokens can be inside a
// name: a space or a hyphen, or a dot and a space after an initial.
func nameGap(g string) bool {
	switch g {
	case " ", "-", "‐", ". ", ".", "'", "’":
		return true
	}
	return false
}

// spans proposes the candidate spans of d: the longest spelling of a
// listed name at each word (exact, by keys), and capitalised phrases of
// two or more words with a word the listed names use (fuzzy, for the
// screener to judge).
func (n *Names) spans(d *doc, skip func(start, end int) bool) []candidate {
	var out []candidate
	toks := d.toks
	covered := -1
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !(t.cap || t.upper || t.num) {
			continue
		}
		wk := n.key(t.lower)
		if wk.kind == names.Stop || wk.kind == names.Legal || wk.kind == names.Title {
			continue
		}
		node := n.root.next[wk.key]
		if node == nil {
			continue
		}
		best, bestEnd := node, i
		for k := i + 1; k < len(toks) && k < i+16; k++ {
			if toks[k].sent != t.sent || !nameGap(d.text[toks[k-1].end:toks[k].start]) {
				break
			}
			kk := n.key(toks[k].lower)
			nx := node.next[kk.key]
			if nx == nil {
				if kk.kind == names.Stop || kk.kind == names.Legal {
					continue // "of", "and", "Co." inside or after a name
				}
				break
			}
			node = nx
			if len(node.ends) > 0 {
				best, bestEnd = node, k
			}
		}
		if len(best.ends) == 0 {
			continue
		}
		// Trailing legal-form words belong to the span.
		for bestEnd+1 < len(toks) && toks[bestEnd+1].sent == t.sent && n.legal[toks[bestEnd+1].lower] && nameGap(d.text[toks[bestEnd].end:toks[bestEnd+1].start]) {
			bestEnd++
		}
		start, end := t.start, toks[bestEnd].end
		if skip(start, end) {
			continue
		}
		if bestEnd == i && !n.singleOK(d, i) {
			continue
		}
		out = append(out, candidate{start: start, end: end, refs: best.ends})
		covered = bestEnd
		i = bestEnd
	}
	_ = covered
	// Capitalised phrases, for spelling variants of listed names.
	for i := 0; i < len(toks); i++ {
		if !toks[i].cap || d.titleCase(toks[i].sent) {
			continue
		}
		j := i
		for j+1 < len(toks) && toks[j+1].sent == toks[i].sent && nameGap(d.text[toks[j].end:toks[j+1].start]) &&
			(toks[j+1].cap || toks[j+1].upper || (connectors[toks[j+1].lower] || toks[j+1].lower == "al" || toks[j+1].lower == "bin") && j+2 < len(toks) && toks[j+2].cap) {
			j++
		}
		end := j
		a := i
		for a <= j && (titles[toks[a].lower] || isDemonym(toks[a].lower) || function[toks[a].lower] || n.key(toks[a].lower).kind == names.Title) {
			a++
		}
		for j >= a && (months[toks[j].lower] != 0 || weekdays[toks[j].lower]) {
			j--
		}
		if j-a+1 >= 2 {
			start, end := toks[a].start, toks[j].end
			rare := false
			for k := a; k <= j; k++ {
				if n.vocab[n.key(toks[k].lower).key] && !common[toks[k].lower] {
					rare = true
				}
			}
			if rare && !skip(start, end) && !overlaps(out, start, end) {
				out = append(out, candidate{start: start, end: end, fuzzy: true})
			}
		}
		i = end
	}
	return out
}

// singleOK reports whether the one-word name at token i may be a mention:
// capitalised in a sentence that is not a headline, and not its first
// word unless written in capitals.
func (n *Names) singleOK(d *doc, i int) bool {
	t := d.toks[i]
	if d.titleCase(t.sent) || common[t.lower] {
		return false
	}
	first := d.sents[t.sent].tok0 == i
	return t.upper || (t.cap && !first) || (t.cap && first && i+1 < len(d.toks) && !d.toks[i+1].cap)
}

func overlaps(cs []candidate, start, end int) bool {
	for _, c := range cs {
		if start < c.end && c.start < end {
			return true
		}
	}
	return false
}

// function are words that start a sentence in capitals without being
// part of a name.
var function = words(`the a an in on at during after before since by for from of to this that these those with as when while
	according under over between among regarding despite although however meanwhile also its their his her our`)

var weekdays = words(`monday tuesday wednesday thursday friday saturday sunday`)

// titles are words of office before a name.
var titles = map[string]bool{"president": true, "minister": true, "prime": true, "defence": true, "defense": true, "foreign": true,
	"chief": true, "head": true, "ceo": true, "director": true, "spokesman": true, "spokeswoman": true, "commander": true, "general": true,
	"brigadier": true, "lieutenant": true, "colonel": true, "major": true, "admiral": true, "captain": true, "prof": true, "professor": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "sir": true, "sheikh": true, "ayatollah": true, "supreme": true, "leader": true,
	"deputy": true, "gen": true, "brig": true, "col": true, "adm": true, "former": true, "senator": true, "ambassador": true, "attache": true,
	"secretary": true, "treasury": true, "state": true, "department": true, "according": true, "then": true}

// mentions scores the candidates of d with the screener: an exact span
// keeps the listed entity it spells when the screener scores it at the
// threshold or above; a fuzzy one takes the screener's best match there.
func mentions(ctx context.Context, sc tripline.Screener, cache *screenCache, d *doc, cands []candidate) ([]tripline.Mention, error) {
	if len(cands) == 0 || sc == nil {
		return nil, nil
	}
	var queries []string
	for _, c := range cands {
		queries = append(queries, d.text[c.start:c.end])
	}
	results, err := cache.screen(ctx, sc, queries)
	if err != nil {
		return nil, err
	}
	var out []tripline.Mention
	for ci, c := range cands {
		res := results[ci]
		if c.fuzzy {
			if len(res) == 0 {
				continue
			}
			mt := res[0]
			if mt.Score < MentionThreshold || mt.Schema == tripline.SchemaVessel || mt.Schema == tripline.SchemaAirplane {
				continue
			}
			out = append(out, mention(d, c, mt))
			continue
		}
		done := map[string]bool{}
		for _, ref := range c.refs {
			for _, mt := range res {
				if mt.ID == ref.id && !done[mt.ID] && mt.Score >= MentionThreshold {
					done[mt.ID] = true
					out = append(out, mention(d, c, mt))
				}
			}
		}
	}
	return out, nil
}

func mention(d *doc, c candidate, mt tripline.Match) tripline.Mention {
	return tripline.Mention{EntityID: mt.ID, Name: mt.Name, Text: d.text[c.start:c.end], Start: c.start, End: c.end, Score: mt.Score,
		Schema: mt.Schema, Programs: mt.Programs}
}

// screenCache keeps the screener's answers by query text, for the
// names many articles repeat.
type screenCache struct {
	mu sync.Mutex
	m  map[string][]tripline.Match
}

func (c *screenCache) screen(ctx context.Context, sc tripline.Screener, qs []string) ([][]tripline.Match, error) {
	out := make([][]tripline.Match, len(qs))
	var ask []tripline.Query
	var at []int
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string][]tripline.Match{}
	}
	for i, q := range qs {
		if m, ok := c.m[q]; ok {
			out[i] = m
			continue
		}
		ask = append(ask, tripline.Query{ID: q, Name: q})
		at = append(at, i)
	}
	c.mu.Unlock()
	if len(ask) == 0 {
		return out, nil
	}
	res, err := sc.Screen(ctx, ask, tripline.ScreenOptions{Threshold: MentionThreshold, Limit: 20})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, r := range res {
		out[at[k]] = r.Matches
		if len(c.m) < 200000 {
			c.m[ask[k].Name] = r.Matches
		}
	}
	return out, nil
}

// isDemonym reports whether w names a country's people or adjective.
func isDemonym(w string) bool { c, _ := country.Demonym(w); return c != "" }
