package match

import (
	"strings"

	"github.com/tripline/tripline"
)

// queryTypes are the query types whose acceptance is precomputed per
// entity (Index.accepts): bit i of an entity's mask is set when
// queryTypes[i] accepts its schema.
var queryTypes = [...]tripline.QueryType{tripline.TypeAny, tripline.TypePerson, tripline.TypeOrganization, tripline.TypeParty, tripline.TypeVessel, tripline.TypeAircraft}

// acceptTables holds per entity what the query filters test, so that a
// filter reads two small arrays instead of every candidate's record.
type acceptTables struct {
	// mask[e] has bit i set when queryTypes[i] accepts entity e's schema.
	mask []uint8
	// src[e] is the index in srcNames of entity e's source.
	src      []int32
	srcNames map[string]int32
}

// buildAccept fills the index's accept tables (Build).
func (ix *Index) buildAccept() {
	a := acceptTables{mask: make([]uint8, len(ix.ents)), src: make([]int32, len(ix.ents)), srcNames: map[string]int32{}}
	for e, ent := range ix.ents {
		var m uint8
		for i, t := range queryTypes {
			if t.Accepts(ent.Schema) {
				m |= 1 << i
			}
		}
		a.mask[e] = m
		id, ok := a.srcNames[ent.Source]
		if !ok {
			id = int32(len(a.srcNames))
			a.srcNames[ent.Source] = id
		}
		a.src[e] = id
	}
	ix.accept = a
}

// fastAccept is acceptFunc on the accept tables; ok is false when the
// index has none or the type is not one of queryTypes.
func (ix *Index) fastAccept(typ string, sources []string) (f func(int32) bool, ok bool) {
	a := &ix.accept
	if len(a.mask) != len(ix.ents) {
		return nil, false
	}
	t, err := tripline.ParseQueryType(typ)
	if err != nil {
		return nil, false
	}
	bit := -1
	for i, q := range queryTypes {
		if q == t {
			bit = i
		}
	}
	if bit < 0 {
		return nil, false
	}
	b := uint8(1) << bit
	if len(sources) == 0 {
		if t == tripline.TypeAny {
			return func(int32) bool { return true }, true
		}
		return func(e int32) bool { return a.mask[e]&b != 0 }, true
	}
	want := make([]bool, len(a.srcNames))
	for _, s := range sources {
		if id, ok := a.srcNames[strings.TrimSpace(s)]; ok {
			want[id] = true
		}
	}
	return func(e int32) bool { return want[a.src[e]] && a.mask[e]&b != 0 }, true
}
