// Package delta compares two publications of a source: which entities were
// added, which removed, and which changed in which fields, and whether a
// change is material for screening.
//
// It is pure: no I/O, no clock. Lists are compared as sets (the order in
// which a source writes aliases or addresses does not matter), so a
// re-ordered record is not a change.
//
// A change is material when it touches a parsed field that screening or a
// reviewed decision depends on: schema, names (including aliases and their
// strength), addresses, countries, nationalities, birth dates and places,
// identifiers, programmes and links. Remarks, free-form properties, the
// listing date and contact details are not material: the 2024-07 → 2025-01
// SDN delta has 3,917 changed records, of which 3,837 only gained a
// "Secondary sanctions risk:" remark.
package delta

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// Delta is the difference between an old and a new entity set.
type Delta struct {
	// Added are the ids only in the new set, sorted.
	Added []string `json:"added"`
	// Removed are the ids only in the old set, sorted.
	Removed []string `json:"removed"`
	// Changed are the entities in both sets whose content differs, by id.
	Changed []Change `json:"changed"`
}

// Change is one entity present in both sets with different content.
type Change struct {
	ID string `json:"id"`
	// Fields names the changed fields, in the order of Fields().
	Fields []string `json:"fields"`
	// Material is true when any changed field is material.
	Material bool `json:"material"`
}

// Counts summarises a delta.
type Counts struct {
	Added           int `json:"added"`
	Removed         int `json:"removed"`
	Changed         int `json:"changed"`
	ChangedMaterial int `json:"changed_material"`
}

// Counts returns the delta's counts.
func (d Delta) Counts() Counts {
	c := Counts{Added: len(d.Added), Removed: len(d.Removed), Changed: len(d.Changed)}
	for _, ch := range d.Changed {
		if ch.Material {
			c.ChangedMaterial++
		}
	}
	return c
}

// MaterialOnly returns d with only the material changes kept.
func (d Delta) MaterialOnly() Delta {
	out := Delta{Added: d.Added, Removed: d.Removed, Changed: []Change{}}
	for _, ch := range d.Changed {
		if ch.Material {
			out.Changed = append(out.Changed, ch)
		}
	}
	return out
}

// field is one comparable field: its values rendered as canonical strings.
type field struct {
	name     string
	material bool
	values   func(e *tripline.Entity) []string
}

var fields = []field{
	{"schema", true, func(e *tripline.Entity) []string { return one(string(e.Schema)) }},
	{"names", true, func(e *tripline.Entity) []string { return mapSlice(e.Names, nameKey) }},
	{"addresses", true, func(e *tripline.Entity) []string { return mapSlice(e.Addresses, addressKey) }},
	{"countries", true, func(e *tripline.Entity) []string { return e.Countries }},
	{"nationalities", true, func(e *tripline.Entity) []string { return e.Nationalities }},
	{"birth_dates", true, func(e *tripline.Entity) []string { return e.BirthDates }},
	{"birth_places", true, func(e *tripline.Entity) []string { return e.BirthPlaces }},
	{"gender", false, func(e *tripline.Entity) []string { return one(e.Gender) }},
	{"identifiers", true, func(e *tripline.Entity) []string { return mapSlice(e.Identifiers, identifierKey) }},
	{"emails", false, func(e *tripline.Entity) []string { return e.Emails }},
	{"phones", false, func(e *tripline.Entity) []string { return e.Phones }},
	{"websites", false, func(e *tripline.Entity) []string { return e.Websites }},
	{"programs", true, func(e *tripline.Entity) []string { return e.Programs }},
	{"listed_on", false, func(e *tripline.Entity) []string { return one(e.ListedOn) }},
	{"links", true, func(e *tripline.Entity) []string { return mapSlice(e.Links, linkKey) }},
	{"remarks", false, func(e *tripline.Entity) []string { return one(e.Remarks) }},
	{"properties", false, propertyKeys},
}

// Fields returns the names of the compared fields, in report order.
func Fields() []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.name
	}
	return out
}

// IsMaterial reports whether a change in the named field is material.
func IsMaterial(name string) bool {
	for _, f := range fields {
		if f.name == name {
			return f.material
		}
	}
	return false
}

// Compare returns the delta from old to new. Entities are matched by ID; a
// nil entity is ignored and, if an id occurs twice in one set, the last
// occurrence counts.
func Compare(old, new []*tripline.Entity) Delta {
	om := index(old)
	nm := index(new)
	d := Delta{Added: []string{}, Removed: []string{}, Changed: []Change{}}
	for id := range nm {
		if _, ok := om[id]; !ok {
			d.Added = append(d.Added, id)
		}
	}
	for id, o := range om {
		n, ok := nm[id]
		if !ok {
			d.Removed = append(d.Removed, id)
			continue
		}
		if ch, changed := Diff(o, n); changed {
			d.Changed = append(d.Changed, ch)
		}
	}
	sort.Strings(d.Added)
	sort.Strings(d.Removed)
	sort.Slice(d.Changed, func(i, j int) bool { return d.Changed[i].ID < d.Changed[j].ID })
	return d
}

func index(es []*tripline.Entity) map[string]*tripline.Entity {
	m := make(map[string]*tripline.Entity, len(es))
	for _, e := range es {
		if e != nil {
			m[e.ID] = e
		}
	}
	return m
}

// Diff compares two versions of one entity and reports the changed fields;
// changed is false when they are equal up to the order of list values.
func Diff(old, new *tripline.Entity) (ch Change, changed bool) {
	ch = Change{ID: new.ID}
	for _, f := range fields {
		if !sameSet(f.values(old), f.values(new)) {
			ch.Fields = append(ch.Fields, f.name)
			ch.Material = ch.Material || f.material
		}
	}
	return ch, len(ch.Fields) > 0
}

// MaterialHash returns a hex SHA-256 over the entity's material fields,
// independent of value order: it changes exactly when a material change
// would be reported (for suppressing reviewed false positives until the
// listed record materially changes).
func MaterialHash(e *tripline.Entity) string {
	h := sha256.New()
	for _, f := range fields {
		if !f.material {
			continue
		}
		vs := canonical(f.values(e))
		fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(vs))
		for _, v := range vs {
			fmt.Fprintf(h, "%d:%s\x00", len(v), v)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// canonical returns the distinct values sorted.
func canonical(vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func sameSet(a, b []string) bool {
	return slices.Equal(canonical(a), canonical(b))
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func mapSlice[T any](s []T, key func(T) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = key(v)
	}
	return out
}

// join renders a record as unambiguous text: each part length-prefixed.
func join(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Itoa(len(p)))
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

func nameKey(n tripline.Name) string {
	parts := make([]string, len(n.Parts))
	for i, p := range n.Parts {
		parts[i] = join(p.Type, p.Value)
	}
	sort.Strings(parts)
	return join(n.Full, string(n.Kind), n.Qualifier, n.Script, n.Lang, strings.Join(parts, "|"))
}

func addressKey(a tripline.Address) string {
	return join(a.Full, a.Street, a.City, a.Region, a.PostalCode, a.Country)
}

func identifierKey(id tripline.Identifier) string {
	return join(id.Type, id.Value, id.Country, id.Note)
}

func linkKey(l tripline.Link) string {
	return join(l.Type, l.TargetID, l.TargetName, strconv.FormatFloat(l.Share, 'g', -1, 64))
}

func propertyKeys(e *tripline.Entity) []string {
	var out []string
	for k, vs := range e.Properties {
		for _, v := range vs {
			out = append(out, join(k, v))
		}
	}
	return out
}
