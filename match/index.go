package match

import (
	"math"
	"runtime"
	"strings"
	"sync"
	"unicode"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// vtok is one distinct name part of the index vocabulary.
type vtok struct {
	text, key, phon, bare string
	script                string
	alts                  []string
	// altKeys are the romanisation keys of alts.
	altKeys []string
	// orig is the part in a script without short vowels (names.Token.Orig).
	orig string
	// class: key is a romanisation class's (names.Token.Class).
	class bool
	kind  names.Kind
	// weight is the part's rarity weight (see Config.MinWordWeight).
	weight float64
	// postings are the ids of the names that hold the part, ascending.
	postings []int32
}

// ntok is one part of an indexed name.
type ntok struct {
	v       int32
	family  bool
	article bool
	// hyphen is set when the part was written joined to the next one by
	// a hyphen ("PRIDMORE-SMITH"): the two are one name.
	hyphen bool
}

// nameRec is one indexed name of an entity.
type nameRec struct {
	ent int32
	// weight is the sum of the part weights.
	weight float32
	kind   tripline.NameKind
	full   string
	toks   []ntok
}

// Index is the in-memory candidate index over the names and aliases of a
// set of entities. It is immutable once built and safe for concurrent use.
type Index struct {
	cfg   Config
	ents  []*tripline.Entity
	names []nameRec
	// entNames[e] lists the names of entity e.
	entNames [][]int32
	vocab    []vtok
	byText   map[string][]int32
	byKey    map[string][]int32
	byPhon   map[string][]int32
	grams    map[string][]int32
	// byCkey and byCkeyAbjad map a consonant skeleton (names.SkeletonKey)
	// to the Latin words and to the Arabic-script words that have it.
	byCkey      map[string][]int32
	byCkeyAbjad map[string][]int32
	// byAcronym maps the initials of a name of several parts to the name;
	// single maps the text of a one-word name to the name.
	byAcronym map[string][]int32
	single    map[string][]int32
	// keyDF counts the entities whose names hold a romanisation key.
	keyDF map[string]int32
	// idents maps a normalised identifier value to entity ids.
	idents map[string][]int32
	byID   map[string]int32
	// accept holds what the query filters test per entity (accept.go).
	accept acceptTables
	// fast holds dense copies of what a query reads (fast.go).
	fast fastTables
	// Snapshots names the snapshot ids indexed, by source; it is copied
	// into every result.
	Snapshots map[string]int64
}

// Builder accumulates entities for an Index.
type Builder struct {
	cfg     Config
	ix      *Index
	vocabID map[vkey]int32
}

// vkey identifies a vocabulary entry.
type vkey struct{ text, key, script, alts, orig string }

// NewBuilder returns a Builder that indexes with cfg.
func NewBuilder(cfg Config) *Builder {
	return &Builder{
		cfg: cfg,
		ix: &Index{
			cfg:         cfg,
			byText:      map[string][]int32{},
			byKey:       map[string][]int32{},
			byPhon:      map[string][]int32{},
			grams:       map[string][]int32{},
			byCkey:      map[string][]int32{},
			byCkeyAbjad: map[string][]int32{},
			byAcronym:   map[string][]int32{},
			single:      map[string][]int32{},
			keyDF:       map[string]int32{},
			idents:      map[string][]int32{},
			byID:        map[string]int32{},
		},
		vocabID: map[vkey]int32{},
	}
}

// NewIndex indexes entities with cfg.
func NewIndex(cfg Config, entities []*tripline.Entity) *Index {
	b := NewBuilder(cfg)
	for _, e := range entities {
		b.Add(e)
	}
	return b.Build()
}

// Add adds e to the index. Entities with no usable name are kept (an
// identifier may still find them) but have no name to match. The names
// are parsed in Build, on every core.
func (b *Builder) Add(e *tripline.Entity) {
	ix := b.ix
	ix.byID[e.ID] = int32(len(ix.ents))
	ix.ents = append(ix.ents, e)
}

// Listed names are indexed up to these bounds (the longest name of the
// real lists has 383 bytes and 57 words), so that the cost of scoring a
// query against any listed name is bounded too.
const (
	maxListedBytes  = 4 * tripline.MaxNameBytes
	maxListedTokens = 4 * tripline.MaxNameTokens
)

// nameJob is one name of an entity waiting to be indexed.
type nameJob struct {
	ent  int32
	kind tripline.NameKind
	full string
	// parse indexes the distinct names parsed.
	parse int32
}

// index parses the names of every added entity (in parallel, each
// distinct string once) and fills the vocabulary and postings.
func (b *Builder) index() {
	ix := b.ix
	var jobs []nameJob
	distinct := map[string]int32{}
	var texts []string
	for ei, e := range ix.ents {
		seenFull := map[string]bool{}
		for _, n := range e.Names {
			full := strings.TrimSpace(n.Full)
			if full == "" {
				continue
			}
			kind := n.Kind
			if kind == "" {
				kind = tripline.NameAlias
			}
			dedup := string(kind) + "\x00" + full
			if seenFull[dedup] {
				continue
			}
			seenFull[dedup] = true
			pi, ok := distinct[full]
			if !ok {
				pi = int32(len(texts))
				distinct[full] = pi
				texts = append(texts, full)
			}
			jobs = append(jobs, nameJob{ent: int32(ei), kind: kind, full: full, parse: pi})
		}
	}
	parsed := make([][]names.Token, len(texts))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(texts); i += workers {
				parsed[i] = ix.parsed(texts[i])
			}
		}(w)
	}
	wg.Wait()
	ix.entNames = make([][]int32, len(ix.ents))
	seenKey := map[string]bool{}
	lastEnt := int32(-1)
	for _, j := range jobs {
		toks := parsed[j.parse]
		if len(toks) == 0 {
			continue
		}
		if j.ent != lastEnt {
			clear(seenKey)
			lastEnt = j.ent
		}
		ni := int32(len(ix.names))
		rec := nameRec{ent: j.ent, kind: j.kind, full: j.full, toks: make([]ntok, len(toks))}
		links := hyphenLinks(j.full, toks)
		for i, t := range toks {
			v := b.vocabFor(t)
			rec.toks[i] = ntok{v: v, family: t.Family, article: t.Article, hyphen: links != nil && links[i]}
			p := ix.vocab[v].postings
			if len(p) == 0 || p[len(p)-1] != ni {
				ix.vocab[v].postings = append(p, ni)
			}
			if !seenKey[t.Key] {
				seenKey[t.Key] = true
				ix.keyDF[t.Key]++
			}
		}
		ix.names = append(ix.names, rec)
		ix.entNames[j.ent] = append(ix.entNames[j.ent], ni)
	}
	for ei, e := range ix.ents {
		for _, id := range e.Identifiers {
			if k := identKey(id.Value); len(k) >= 4 {
				l := ix.idents[k]
				if len(l) == 0 || l[len(l)-1] != int32(ei) {
					ix.idents[k] = append(l, int32(ei))
				}
			}
		}
	}
}

func (b *Builder) vocabFor(t names.Token) int32 {
	id := vkey{text: t.Text, key: t.Key, script: t.Script, orig: t.Orig}
	if len(t.Alts) > 0 {
		id.alts = strings.Join(t.Alts, "\x00")
	}
	if v, ok := b.vocabID[id]; ok {
		return v
	}
	ix := b.ix
	v := int32(len(ix.vocab))
	b.vocabID[id] = v
	ix.vocab = append(ix.vocab, newVtok(t))
	ix.byText[t.Text] = append(ix.byText[t.Text], v)
	if t.Bare != "" {
		ix.byText[t.Bare] = append(ix.byText[t.Bare], v)
	}
	for _, a := range t.Alts {
		ix.byText[a] = append(ix.byText[a], v)
	}
	if t.Kind == names.Word || t.Kind == names.Number {
		ix.byKey[t.Key] = append(ix.byKey[t.Key], v)
		if t.Bare != "" {
			if k := names.RomanKey(t.Bare); k != t.Key {
				ix.byKey[k] = append(ix.byKey[k], v)
			}
		}
		if len(t.Phon) >= 2 {
			ix.byPhon[t.Phon] = append(ix.byPhon[t.Phon], v)
		}
		if t.Kind == names.Word && len(t.Text) >= 4 {
			for _, g := range trigrams(t.Text) {
				ix.grams[g] = append(ix.grams[g], v)
			}
		}
		if t.Kind == names.Word {
			for _, k := range skeletonKeys(&ix.vocab[v]) {
				if t.Orig != "" {
					ix.byCkeyAbjad[k] = append(ix.byCkeyAbjad[k], v)
				} else if t.Script == "" {
					ix.byCkey[k] = append(ix.byCkey[k], v)
				}
			}
		}
	}
	return v
}

// Build finishes the index: it computes the rarity weights. The Builder
// must not be used afterwards.
func (b *Builder) Build() *Index {
	b.index()
	ix := b.ix
	for i := range ix.vocab {
		ix.vocab[i].weight = ix.partWeight(ix.vocab[i].kind, ix.vocab[i].key)
	}
	for i := range ix.names {
		w := 0.0
		for _, t := range ix.names[i].toks {
			w += ix.vocab[t.v].weight
		}
		ix.names[i].weight = float32(w)
		for _, a := range ix.initials(ix.names[i].toks) {
			ix.byAcronym[a] = append(ix.byAcronym[a], int32(i))
		}
		if t := ix.names[i].toks; len(t) == 1 && ix.vocab[t[0].v].kind == names.Word {
			x := ix.vocab[t[0].v].text
			ix.single[x] = append(ix.single[x], int32(i))
		}
	}
	ix.buildAccept()
	ix.buildFast()
	b.ix = nil
	return ix
}

// Entities returns the indexed entities, in the order they were added;
// the slice and the entities must not be changed.
func (ix *Index) Entities() []*tripline.Entity { return ix.ents }

// Len returns the number of indexed entities.
func (ix *Index) Len() int { return len(ix.ents) }

// NameCount returns the number of indexed names.
func (ix *Index) NameCount() int { return len(ix.names) }

// Config returns the configuration the index scores with.
func (ix *Index) Config() Config { return ix.cfg }

// Entity returns the indexed entity with id, or nil.
func (ix *Index) Entity(id string) *tripline.Entity {
	if i, ok := ix.byID[id]; ok {
		return ix.ents[i]
	}
	return nil
}

// partWeight is the weight of a part of kind k with romanisation key key.
func (ix *Index) partWeight(k names.Kind, key string) float64 {
	c := &ix.cfg
	switch k {
	case names.Legal:
		return c.LegalWeight
	case names.Title:
		return c.TitleWeight
	case names.Stop:
		return c.StopWeight
	case names.Initial:
		return c.InitialWeight
	case names.Number:
		return c.NumberWeight
	}
	n := len(ix.ents)
	df := 0
	if ix.keyDF != nil {
		df = int(ix.keyDF[key])
	}
	if n < 2 || df == 0 {
		return 1
	}
	w := math.Log(float64(n)/float64(df)) / math.Log(float64(n))
	if w < c.MinWordWeight {
		w = c.MinWordWeight
	}
	if w > 1 {
		w = 1
	}
	return w
}

// trigrams returns the distinct character trigrams of "_w_".
func trigrams(w string) []string {
	p := "_" + w + "_"
	out := make([]string, 0, len(p))
	for i := 0; i+3 <= len(p); i++ {
		g := p[i : i+3]
		dup := false
		for _, o := range out {
			if o == g {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, g)
		}
	}
	return out
}

// identKey normalises an identifier value: letters and digits only, upper
// case.
func identKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hyphenLinks marks the parts of toks, parsed from full, that full writes
// joined to the next part by a hyphen ("PRIDMORE-SMITH", "Jong-un"); nil
// when there are none. Parts the parser merged or dropped (an article,
// "Abd al-" compounds, legal forms) are not marked.
func hyphenLinks(full string, toks []names.Token) []bool {
	if !strings.Contains(full, "-") || len(toks) < 2 {
		return nil
	}
	var links []bool
	from := 0
	for _, w := range strings.FieldsFunc(full, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) {
		segs := strings.FieldsFunc(w, func(r rune) bool { return r == '-' })
		if len(segs) < 2 {
			continue
		}
		for i := range segs {
			segs[i] = names.Normalize(segs[i])
		}
		// Find the segments as consecutive parts at or after from.
		for i := from; i+len(segs) <= len(toks); i++ {
			ok := true
			for k, sg := range segs {
				if toks[i+k].Text != sg {
					ok = false
					break
				}
			}
			if ok {
				if links == nil {
					links = make([]bool, len(toks))
				}
				for k := 0; k+1 < len(segs); k++ {
					links[i+k] = true
				}
				from = i + len(segs)
				break
			}
		}
	}
	return links
}

// parsed is a name parsed and bounded as the index parses listed names.
func (ix *Index) parsed(full string) []names.Token {
	return boundTokens(names.Parse(boundName(full, maxListedBytes)), maxListedTokens)
}

// newVtok is the vocabulary entry of a parsed part.
func newVtok(t names.Token) vtok {
	v := vtok{text: t.Text, key: t.Key, phon: t.Phon, bare: t.Bare, script: t.Script, alts: t.Alts, orig: t.Orig, class: t.Class, kind: t.Kind}
	for _, a := range t.Alts {
		v.altKeys = append(v.altKeys, names.RomanKey(a))
	}
	return v
}

// skeletonKeys returns the distinct consonant skeletons of a word part
// worth a lookup (two consonants or more): of its text, its article-less
// form and its other transliterations.
func skeletonKeys(v *vtok) []string {
	var out []string
	add := func(w string) {
		if w == "" {
			return
		}
		k := names.SkeletonKey(w)
		if len(k) < 2 {
			return
		}
		for _, o := range out {
			if o == k {
				return
			}
		}
		out = append(out, k)
	}
	add(v.text)
	add(v.bare)
	if v.orig != "" {
		for _, a := range v.alts {
			add(a)
		}
	}
	return out
}

// initials returns the acronyms of a name of two words or more that the
// index finds it by: the first letters of its words, and of all its parts
// (function words and legal forms too), each of three to ten letters.
func (ix *Index) initials(toks []ntok) []string {
	if len(toks) < 2 || len(toks) > 10 {
		return nil
	}
	var words, all []byte
	nw := 0
	for _, t := range toks {
		v := &ix.vocab[t.v]
		if v.text == "" || v.script != "" {
			return nil
		}
		all = append(all, v.text[0])
		if v.kind == names.Word || v.kind == names.Number {
			words = append(words, v.text[0])
			nw++
		}
	}
	if nw < 2 {
		return nil
	}
	var out []string
	if len(words) >= 3 {
		out = append(out, string(words))
	}
	if len(all) != len(words) && len(all) >= 3 {
		out = append(out, string(all))
	}
	return out
}
