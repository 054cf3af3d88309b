package match

import (
	"testing"
)

// TestFastAcceptAsRecords checks the accept tables against the filters
// on the entity records, for every type spelling, with and without
// source lists, on every entity of the SDN list and the fictional set.
func TestFastAcceptAsRecords(t *testing.T) {
	ix := NewIndex(DefaultConfig(), append(fictional(), loadSDN(t)...))
	types := []string{"", "any", "Person", "individual", "organization", "company", "party", "LegalEntity", "vessel", "aircraft", "thing"}
	sources := [][]string{nil, {"ofac-sdn"}, {" ofac-sdn "}, {"nope"}, {"test", "ofac-sdn"}}
	for _, typ := range types {
		for _, src := range sources {
			fast, ok := ix.fastAccept(typ, src)
			if !ok {
				t.Fatalf("type %q: no fast filter", typ)
			}
			slow := ix.slowAccept(typ, src)
			for e := range ix.ents {
				if fast(int32(e)) != slow(int32(e)) {
					t.Fatalf("type %q sources %q entity %s (schema %q, source %q): fast %v, records %v", typ, src, ix.ents[e].ID, ix.ents[e].Schema, ix.ents[e].Source, fast(int32(e)), slow(int32(e)))
				}
			}
		}
	}
	if _, ok := ix.fastAccept("spaceship", nil); ok {
		t.Error("an unknown type got a fast filter")
	}
}
