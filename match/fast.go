package match

import "github.com/tripline/tripline"

// fastTables are dense copies of what retrieval and scoring read per
// query, laid out so that a query touches few cache lines: derived from
// the rest of the index in Build and UnmarshalIndex (buildFast), never
// encoded.
type fastTables struct {
	// vlen is per vocabulary entry the length of its text in bytes.
	vlen []uint16
	// keyOf is per vocabulary entry its romanisation class, an index of
	// classes (-1: none); classes[c] is ix.byKey of the class's key.
	keyOf   []int32
	classes [][]int32
	// post holds the postings of every vocabulary entry, one after the
	// other: those of entry v are post[postAt[v]:postAt[v+1]].
	post   []int32
	postAt []int32
	// nameW and nameEnt are per name its weight and its entity.
	nameW   []float32
	nameEnt []int32
	// weak is per name whether it is a weak alias.
	weak []bool
	// parts holds the scoring parts of every name, one after the other:
	// those of name n are parts[partAt[n]:partAt[n+1]].
	parts  []ptok
	partAt []int32
}

// buildFast fills ix.fast from the vocabulary, names and maps.
func (ix *Index) buildFast() {
	f := &ix.fast
	f.vlen = make([]uint16, len(ix.vocab))
	f.keyOf = make([]int32, len(ix.vocab))
	f.classes = nil
	class := map[string]int32{}
	for i := range ix.vocab {
		v := &ix.vocab[i]
		f.vlen[i] = uint16(min(len(v.text), 1<<16-1))
		f.keyOf[i] = -1
		if l := ix.byKey[v.key]; len(l) > 0 {
			c, ok := class[v.key]
			if !ok {
				c = int32(len(f.classes))
				class[v.key] = c
				f.classes = append(f.classes, l)
			}
			f.keyOf[i] = c
		}
	}
	f.postAt = make([]int32, len(ix.vocab)+1)
	np := 0
	for i := range ix.vocab {
		np += len(ix.vocab[i].postings)
	}
	// Each entry's postings then live in post (whose capacity is exact, so
	// the appends never move it): one copy of them, not two.
	f.post = make([]int32, 0, np)
	for i := range ix.vocab {
		a := len(f.post)
		f.postAt[i] = int32(a)
		f.post = append(f.post, ix.vocab[i].postings...)
		ix.vocab[i].postings = f.post[a:len(f.post):len(f.post)]
	}
	f.postAt[len(ix.vocab)] = int32(len(f.post))
	f.nameW = make([]float32, len(ix.names))
	f.nameEnt = make([]int32, len(ix.names))
	f.weak = make([]bool, len(ix.names))
	f.partAt = make([]int32, len(ix.names)+1)
	total := 0
	for i := range ix.names {
		total += len(ix.names[i].toks)
	}
	f.parts = make([]ptok, 0, total)
	for i := range ix.names {
		n := &ix.names[i]
		f.nameW[i] = n.weight
		f.nameEnt[i] = n.ent
		f.weak[i] = n.kind == tripline.NameWeak
		f.partAt[i] = int32(len(f.parts))
		for _, t := range n.toks {
			f.parts = append(f.parts, ix.listedPart(t))
		}
	}
	f.partAt[len(ix.names)] = int32(len(f.parts))
}

// postings returns ix.vocab[v].postings.
func (f *fastTables) postings(v int32) []int32 {
	return f.post[f.postAt[v]:f.postAt[v+1]:f.postAt[v+1]]
}

// listedPart is the scoring part of a listed name's part t.
func (ix *Index) listedPart(t ntok) ptok {
	v := &ix.vocab[t.v]
	return ptok{v: v, id: t.v, w: v.weight, family: t.family, article: t.article, hyphen: t.hyphen}
}
