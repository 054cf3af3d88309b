package match

// fastTables are dense copies of what retrieval and scoring read per
// query, laid out so that a query touches few cache lines: derived from
// the rest of the index in Build and UnmarshalIndex (buildFast), never
// encoded.
type fastTables struct {
	// vlen is per vocabulary entry the length of its text in bytes.
	vlen []uint16
	// peers is per vocabulary entry ix.byKey[its key]: the entries of
	// its romanisation class.
	peers [][]int32
	// nameW and nameEnt are per name its weight and its entity.
	nameW   []float32
	nameEnt []int32
	// parts holds the scoring parts of every name, one after the other:
	// those of name n are parts[partAt[n]:partAt[n+1]].
	parts  []ptok
	partAt []int32
}

// buildFast fills ix.fast from the vocabulary, names and maps.
func (ix *Index) buildFast() {
	f := &ix.fast
	f.vlen = make([]uint16, len(ix.vocab))
	f.peers = make([][]int32, len(ix.vocab))
	for i := range ix.vocab {
		v := &ix.vocab[i]
		f.vlen[i] = uint16(min(len(v.text), 1<<16-1))
		f.peers[i] = ix.byKey[v.key]
	}
	f.nameW = make([]float32, len(ix.names))
	f.nameEnt = make([]int32, len(ix.names))
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
		f.partAt[i] = int32(len(f.parts))
		for _, t := range n.toks {
			f.parts = append(f.parts, ix.listedPart(t))
		}
	}
	f.partAt[len(ix.names)] = int32(len(f.parts))
}

// listedPart is the scoring part of a listed name's part t.
func (ix *Index) listedPart(t ntok) ptok {
	v := &ix.vocab[t.v]
	return ptok{v: v, id: t.v, w: v.weight, family: t.family, article: t.article, hyphen: t.hyphen}
}
