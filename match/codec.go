package match

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"unsafe"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// The binary form of a built Index (MarshalBinary, UnmarshalIndex): what
// package indexfile keeps on disk so that a start does not decode every
// entity from the store and parse every name again. It holds the entities
// in full and everything Build computed, except what is cheap to derive
// again (the id map and the accept tables). Integers are unsigned varints;
// a string is its length and its bytes; a slice or map is its length + 1,
// 0 for nil, so that nil and empty survive the round trip (a result's
// JSON shows the difference). The decoder checks every count against the
// bytes left and every id against what it refers to: whatever the input,
// it returns an error or an Index the matcher can use, never panics.

// codecVersion changes whenever the layout below changes.
const codecVersion = 1

// CodecVersion identifies the binary layout of MarshalBinary; a file
// written with another must be rebuilt.
func CodecVersion() int { return codecVersion }

// MarshalBinary encodes the index (without its Config, which the reader
// supplies, and without Snapshots, which its loader sets).
func (ix *Index) MarshalBinary() ([]byte, error) {
	w := &encoder{b: make([]byte, 0, 64<<20)}
	w.uint(codecVersion)
	w.uint(uint64(len(ix.ents)))
	w.uint(uint64(len(ix.names)))
	w.uint(uint64(len(ix.vocab)))
	for _, e := range ix.ents {
		w.entity(e)
	}
	for i := range ix.names {
		n := &ix.names[i]
		w.uint(uint64(n.ent))
		w.uint(uint64(math.Float32bits(n.weight)))
		w.str(string(n.kind))
		w.str(n.full)
		w.uint(uint64(len(n.toks)))
		for _, t := range n.toks {
			w.uint(uint64(t.v))
			var f uint64
			if t.family {
				f |= 1
			}
			if t.article {
				f |= 2
			}
			if t.hyphen {
				f |= 4
			}
			w.uint(f)
		}
	}
	for _, l := range ix.entNames {
		w.ids(l)
	}
	for i := range ix.vocab {
		v := &ix.vocab[i]
		w.str(v.text)
		w.str(v.key)
		w.str(v.phon)
		w.str(v.bare)
		w.str(v.script)
		w.strs(v.alts)
		w.strs(v.altKeys)
		w.str(v.orig)
		w.bool(v.class)
		w.uint(uint64(v.kind))
		w.uint(math.Float64bits(v.weight))
		w.ids(v.postings)
	}
	for _, m := range ix.idMaps() {
		w.idMap(*m.m)
	}
	w.uint(uint64(len(ix.keyDF)) + 1)
	for k, n := range ix.keyDF {
		w.str(k)
		w.uint(uint64(uint32(n)))
	}
	if ix.keyDF == nil {
		return nil, errors.New("match: index without document frequencies")
	}
	return w.b, nil
}

// idMap is one of the index's maps from a string to ids, with the count
// its ids must stay below.
type idMap struct {
	m     *map[string][]int32
	bound int
}

// idMaps lists the index's maps from strings to ids in their order in the
// binary form.
func (ix *Index) idMaps() []idMap {
	nv, nn, ne := len(ix.vocab), len(ix.names), len(ix.ents)
	return []idMap{
		{&ix.byText, nv}, {&ix.byKey, nv}, {&ix.byPhon, nv}, {&ix.grams, nv},
		{&ix.byCkey, nv}, {&ix.byCkeyAbjad, nv},
		{&ix.byAcronym, nn}, {&ix.single, nn},
		{&ix.idents, ne},
	}
}

// UnmarshalIndex decodes an index written by MarshalBinary; it scores
// with cfg, which must be the Config the index was built with (package
// indexfile keys its files by it). The strings of the index point into
// data, which the caller must not change afterwards (the index keeps it;
// a copy would cost as much as the rest of decoding). A malformed input
// is an error, never a panic.
func UnmarshalIndex(cfg Config, data []byte) (ix *Index, err error) {
	if len(data) == 0 {
		return nil, errors.New("match: empty index encoding")
	}
	r := &decoder{s: unsafe.String(&data[0], len(data))}
	if v := r.uint(); v != codecVersion {
		return nil, errors.New("match: index encoding " + strconv.FormatUint(v, 10) + ", want " + strconv.Itoa(codecVersion))
	}
	ne, nn, nv := r.count(1), r.count(1), r.count(1)
	if r.err != nil {
		return nil, r.err
	}
	ix = &Index{cfg: cfg}
	ix.ents = make([]*tripline.Entity, ne)
	pool := make([]tripline.Entity, ne)
	for i := range pool {
		r.entity(&pool[i])
		ix.ents[i] = &pool[i]
		if r.err != nil {
			return nil, r.err
		}
	}
	ix.names = make([]nameRec, nn)
	for i := range ix.names {
		n := &ix.names[i]
		n.ent = r.id(ne)
		n.weight = math.Float32frombits(uint32(r.uint()))
		n.kind = tripline.NameKind(r.str())
		n.full = r.str()
		k := r.count(2)
		if k == 0 || k > maxListedTokens {
			r.fail("name of " + strconv.Itoa(k) + " parts")
		}
		if r.err != nil {
			return nil, r.err
		}
		n.toks = r.cToks.take(k)
		for j := range n.toks {
			n.toks[j].v = r.id(nv)
			f := r.uint()
			if f > 7 {
				r.fail("part flags")
			}
			n.toks[j] = ntok{v: n.toks[j].v, family: f&1 != 0, article: f&2 != 0, hyphen: f&4 != 0}
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	ix.entNames = make([][]int32, ne)
	for i := range ix.entNames {
		ix.entNames[i] = r.ids(nn)
	}
	ix.vocab = make([]vtok, nv)
	for i := range ix.vocab {
		v := &ix.vocab[i]
		v.text = r.str()
		v.key = r.str()
		v.phon = r.str()
		v.bare = r.str()
		v.script = r.str()
		v.alts = r.strs()
		v.altKeys = r.strs()
		v.orig = r.str()
		v.class = r.bool()
		k := r.uint()
		if k > uint64(names.Initial) {
			r.fail("part kind")
		}
		v.kind = names.Kind(k)
		v.weight = math.Float64frombits(r.uint())
		v.postings = r.ids(nn)
		if len(v.alts) != len(v.altKeys) {
			r.fail("alternative keys")
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	for _, m := range ix.idMaps() {
		*m.m = r.idMap(m.bound)
		if r.err != nil {
			return nil, r.err
		}
		if *m.m == nil {
			*m.m = map[string][]int32{}
		}
	}
	if c := r.count(2); c > 0 {
		ix.keyDF = make(map[string]int32, c-1)
		for j := 0; j < c-1 && r.err == nil; j++ {
			k := r.str()
			ix.keyDF[k] = int32(uint32(r.uint()))
		}
	} else {
		r.fail("no document frequencies")
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.p != len(r.s) {
		return nil, errors.New("match: index encoding has trailing bytes")
	}
	ix.byID = make(map[string]int32, ne)
	for i, e := range ix.ents {
		ix.byID[e.ID] = int32(i)
	}
	ix.buildAccept()
	ix.buildFast()
	return ix, nil
}

// encoder appends the binary form.
type encoder struct{ b []byte }

func (w *encoder) uint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }

func (w *encoder) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *encoder) bool(x bool) {
	if x {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// n writes the length of a slice or map, 0 for nil.
func (w *encoder) n(l int, isNil bool) {
	if isNil {
		w.uint(0)
		return
	}
	w.uint(uint64(l) + 1)
}

func (w *encoder) strs(l []string) {
	w.n(len(l), l == nil)
	for _, s := range l {
		w.str(s)
	}
}

func (w *encoder) ids(l []int32) {
	w.n(len(l), l == nil)
	for _, x := range l {
		w.uint(uint64(uint32(x)))
	}
}

func (w *encoder) idMap(m map[string][]int32) {
	w.n(len(m), m == nil)
	for k, l := range m {
		w.str(k)
		w.ids(l)
	}
}

// entity writes every field of e (TestCodecKnowsEveryField keeps this
// list equal to tripline.Entity's).
func (w *encoder) entity(e *tripline.Entity) {
	w.str(e.ID)
	w.str(e.Source)
	w.str(e.SourceID)
	w.str(string(e.Schema))
	w.n(len(e.Names), e.Names == nil)
	for _, n := range e.Names {
		w.str(n.Full)
		w.str(string(n.Kind))
		w.str(n.Qualifier)
		w.n(len(n.Parts), n.Parts == nil)
		for _, p := range n.Parts {
			w.str(p.Type)
			w.str(p.Value)
		}
		w.str(n.Script)
		w.str(n.Lang)
	}
	w.n(len(e.Addresses), e.Addresses == nil)
	for _, a := range e.Addresses {
		w.str(a.Full)
		w.str(a.Street)
		w.str(a.City)
		w.str(a.Region)
		w.str(a.PostalCode)
		w.str(a.Country)
	}
	w.strs(e.Countries)
	w.strs(e.Nationalities)
	w.strs(e.BirthDates)
	w.strs(e.BirthPlaces)
	w.str(e.Gender)
	w.n(len(e.Identifiers), e.Identifiers == nil)
	for _, id := range e.Identifiers {
		w.str(id.Type)
		w.str(id.Value)
		w.str(id.Country)
		w.str(id.Note)
	}
	w.strs(e.Emails)
	w.strs(e.Phones)
	w.strs(e.Websites)
	w.strs(e.Programs)
	w.str(e.ListedOn)
	w.str(e.Remarks)
	w.n(len(e.Links), e.Links == nil)
	for _, l := range e.Links {
		w.str(l.Type)
		w.str(l.TargetID)
		w.str(l.TargetName)
		w.uint(math.Float64bits(l.Share))
	}
	w.n(len(e.Properties), e.Properties == nil)
	for k, vs := range e.Properties {
		w.str(k)
		w.strs(vs)
	}
}

// chunks hands out slices of one larger allocation, so that decoding
// makes a few big allocations instead of one per list. The slices are
// capped: appending to one never writes into the next.
type chunks[T any] struct{ buf []T }

func (c *chunks[T]) take(n int) []T {
	if n > len(c.buf) {
		c.buf = make([]T, max(n, 4096))
	}
	s := c.buf[:n:n]
	c.buf = c.buf[n:]
	return s
}

// decoder reads the binary form; the first error sticks and every later
// read returns zero values.
type decoder struct {
	s   string
	p   int
	err error
	// The allocations the decoded lists are cut from.
	cStrs   chunks[string]
	cIDs    chunks[int32]
	cToks   chunks[ntok]
	cNames  chunks[tripline.Name]
	cAddrs  chunks[tripline.Address]
	cIdents chunks[tripline.Identifier]
	cLinks  chunks[tripline.Link]
}

func (r *decoder) fail(what string) {
	if r.err == nil {
		r.err = errors.New("match: malformed index encoding at byte " + strconv.Itoa(r.p) + ": " + what)
	}
}

func (r *decoder) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var x uint64
	var s uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if r.p >= len(r.s) {
			r.fail("truncated")
			return 0
		}
		c := r.s[r.p]
		r.p++
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				r.fail("varint overflow")
				return 0
			}
			return x | uint64(c)<<s
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	r.fail("varint overflow")
	return 0
}

// count reads a count of items of at least min bytes each: it cannot
// exceed what is left of the input.
func (r *decoder) count(min int) int {
	n := r.uint()
	if r.err != nil {
		return 0
	}
	if n > uint64(len(r.s)-r.p)/uint64(min)+1 {
		r.fail("count beyond the input")
		return 0
	}
	return int(n)
}

// n reads the length of a slice or map of items of at least min bytes
// each; isNil reports a nil one.
func (r *decoder) n(min int) (n int, isNil bool) {
	c := r.count(min)
	if c == 0 || r.err != nil {
		return 0, true
	}
	return c - 1, false
}

// id reads an id below bound.
func (r *decoder) id(bound int) int32 {
	x := r.uint()
	if x >= uint64(bound) {
		r.fail("id out of range")
		return 0
	}
	return int32(x)
}

func (r *decoder) str() string {
	n := r.uint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.s)-r.p) {
		r.fail("string beyond the input")
		return ""
	}
	s := r.s[r.p : r.p+int(n)]
	r.p += int(n)
	return s
}

func (r *decoder) bool() bool {
	x := r.uint()
	if x > 1 {
		r.fail("boolean")
	}
	return x == 1
}

func (r *decoder) strs() []string {
	n, isNil := r.n(1)
	if isNil {
		return nil
	}
	l := r.cStrs.take(n)
	for i := range l {
		l[i] = r.str()
	}
	return l
}

func (r *decoder) ids(bound int) []int32 {
	n, isNil := r.n(1)
	if isNil {
		return nil
	}
	l := r.cIDs.take(n)
	for i := range l {
		l[i] = r.id(bound)
	}
	return l
}

func (r *decoder) idMap(bound int) map[string][]int32 {
	n, isNil := r.n(2)
	if isNil {
		return nil
	}
	m := make(map[string][]int32, n)
	for i := 0; i < n && r.err == nil; i++ {
		k := r.str()
		m[k] = r.ids(bound)
	}
	return m
}

func (r *decoder) entity(e *tripline.Entity) {
	e.ID = r.str()
	e.Source = r.str()
	e.SourceID = r.str()
	e.Schema = tripline.Schema(r.str())
	if n, isNil := r.n(7); !isNil {
		e.Names = r.cNames.take(n)
		for i := range e.Names {
			nm := &e.Names[i]
			nm.Full = r.str()
			nm.Kind = tripline.NameKind(r.str())
			nm.Qualifier = r.str()
			if k, isNil := r.n(2); !isNil {
				nm.Parts = make([]tripline.NamePart, k)
				for j := range nm.Parts {
					nm.Parts[j] = tripline.NamePart{Type: r.str(), Value: r.str()}
				}
			}
			nm.Script = r.str()
			nm.Lang = r.str()
		}
	}
	if n, isNil := r.n(6); !isNil {
		e.Addresses = r.cAddrs.take(n)
		for i := range e.Addresses {
			e.Addresses[i] = tripline.Address{Full: r.str(), Street: r.str(), City: r.str(), Region: r.str(), PostalCode: r.str(), Country: r.str()}
		}
	}
	e.Countries = r.strs()
	e.Nationalities = r.strs()
	e.BirthDates = r.strs()
	e.BirthPlaces = r.strs()
	e.Gender = r.str()
	if n, isNil := r.n(4); !isNil {
		e.Identifiers = r.cIdents.take(n)
		for i := range e.Identifiers {
			e.Identifiers[i] = tripline.Identifier{Type: r.str(), Value: r.str(), Country: r.str(), Note: r.str()}
		}
	}
	e.Emails = r.strs()
	e.Phones = r.strs()
	e.Websites = r.strs()
	e.Programs = r.strs()
	e.ListedOn = r.str()
	e.Remarks = r.str()
	if n, isNil := r.n(4); !isNil {
		e.Links = r.cLinks.take(n)
		for i := range e.Links {
			e.Links[i] = tripline.Link{Type: r.str(), TargetID: r.str(), TargetName: r.str(), Share: math.Float64frombits(r.uint())}
		}
	}
	if n, isNil := r.n(2); !isNil {
		e.Properties = make(map[string][]string, n)
		for i := 0; i < n && r.err == nil; i++ {
			k := r.str()
			e.Properties[k] = r.strs()
		}
	}
}
