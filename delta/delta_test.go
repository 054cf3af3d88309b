package delta_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
)

func ent(id string, mod ...func(*tripline.Entity)) *tripline.Entity {
	e := &tripline.Entity{
		ID: "s:" + id, Source: "s", SourceID: id, Schema: tripline.SchemaPerson,
		Names: []tripline.Name{
			{Full: "HOSSEIN KARIMI", Kind: tripline.NamePrimary},
			{Full: "H. KARIMI", Kind: tripline.NameAlias, Qualifier: "aka"},
		},
		Nationalities: []string{"IR"},
		BirthDates:    []string{"1970-01-02"},
		Identifiers:   []tripline.Identifier{{Type: "passport", Value: "X1", Country: "IR"}},
		Addresses:     []tripline.Address{{City: "Tehran", Country: "IR"}, {City: "Dubai", Country: "AE"}},
		Programs:      []string{"NPWMD", "IFSR"},
		Remarks:       "Linked To: ALPHA CO.",
		Links:         []tripline.Link{{Type: "linked_to", TargetName: "ALPHA CO."}},
		Properties:    map[string][]string{"title": {"Director"}},
	}
	for _, m := range mod {
		m(e)
	}
	return e
}

func TestCompare(t *testing.T) {
	old := []*tripline.Entity{ent("1"), ent("2"), ent("3"), ent("4"), ent("5"), ent("6"), nil}
	new := []*tripline.Entity{
		ent("1"),
		ent("2", func(e *tripline.Entity) {
			e.Remarks += " Secondary sanctions risk: section 1(b) of Executive Order 13224."
		}),
		ent("3", func(e *tripline.Entity) {
			e.Names = append(e.Names, tripline.Name{Full: "KARIMI", Kind: tripline.NameWeak})
			e.Properties["title"] = []string{"CEO"}
		}),
		ent("4", func(e *tripline.Entity) {
			// Same content, other order: not a change.
			slices.Reverse(e.Names)
			slices.Reverse(e.Addresses)
			slices.Reverse(e.Programs)
		}),
		ent("6", func(e *tripline.Entity) { e.Identifiers[0].Value = "X2"; e.BirthDates = []string{"1971"} }),
		ent("7"),
	}
	d := delta.Compare(old, new)
	if want := []string{"s:7"}; !slices.Equal(d.Added, want) {
		t.Errorf("Added = %v, want %v", d.Added, want)
	}
	if want := []string{"s:5"}; !slices.Equal(d.Removed, want) {
		t.Errorf("Removed = %v, want %v", d.Removed, want)
	}
	want := []delta.Change{
		{ID: "s:2", Fields: []string{"remarks"}, Material: false},
		{ID: "s:3", Fields: []string{"names", "properties"}, Material: true},
		{ID: "s:6", Fields: []string{"birth_dates", "identifiers"}, Material: true},
	}
	if len(d.Changed) != len(want) {
		t.Fatalf("Changed = %+v, want %+v", d.Changed, want)
	}
	for i, w := range want {
		g := d.Changed[i]
		if g.ID != w.ID || !slices.Equal(g.Fields, w.Fields) || g.Material != w.Material {
			t.Errorf("Changed[%d] = %+v, want %+v", i, g, w)
		}
	}
	if c := d.Counts(); c != (delta.Counts{Added: 1, Removed: 1, Changed: 3, ChangedMaterial: 2}) {
		t.Errorf("Counts = %+v", c)
	}
	if m := d.MaterialOnly(); len(m.Changed) != 2 || len(m.Added) != 1 {
		t.Errorf("MaterialOnly = %+v", m)
	}
}

func TestCompareEmpty(t *testing.T) {
	d := delta.Compare(nil, nil)
	if d.Added == nil || d.Removed == nil || d.Changed == nil {
		t.Errorf("empty delta has nil slices (JSON would print null): %+v", d)
	}
	d = delta.Compare(nil, []*tripline.Entity{ent("2"), ent("1")})
	if !slices.Equal(d.Added, []string{"s:1", "s:2"}) {
		t.Errorf("Added = %v, want sorted [s:1 s:2]", d.Added)
	}
}

func TestEachFieldIsDetected(t *testing.T) {
	mods := map[string]func(*tripline.Entity){
		"schema":        func(e *tripline.Entity) { e.Schema = tripline.SchemaOrganization },
		"names":         func(e *tripline.Entity) { e.Names[1].Kind = tripline.NameWeak },
		"addresses":     func(e *tripline.Entity) { e.Addresses[0].Street = "1 Main St" },
		"countries":     func(e *tripline.Entity) { e.Countries = []string{"RU"} },
		"nationalities": func(e *tripline.Entity) { e.Nationalities = append(e.Nationalities, "SY") },
		"birth_dates":   func(e *tripline.Entity) { e.BirthDates = nil },
		"birth_places":  func(e *tripline.Entity) { e.BirthPlaces = []string{"Qom"} },
		"gender":        func(e *tripline.Entity) { e.Gender = "male" },
		"identifiers":   func(e *tripline.Entity) { e.Identifiers[0].Note = "expired" },
		"emails":        func(e *tripline.Entity) { e.Emails = []string{"a@b.example"} },
		"phones":        func(e *tripline.Entity) { e.Phones = []string{"+98 21 000"} },
		"websites":      func(e *tripline.Entity) { e.Websites = []string{"alpha.example"} },
		"programs":      func(e *tripline.Entity) { e.Programs = e.Programs[:1] },
		"listed_on":     func(e *tripline.Entity) { e.ListedOn = "2020-01-01" },
		"links":         func(e *tripline.Entity) { e.Links[0].Type = "owned_by" },
		"remarks":       func(e *tripline.Entity) { e.Remarks = "" },
		"properties":    func(e *tripline.Entity) { e.AddProperty("flag", "IR") },
	}
	if len(mods) != len(delta.Fields()) {
		t.Fatalf("test covers %d fields, package compares %d: %v", len(mods), len(delta.Fields()), delta.Fields())
	}
	for _, name := range delta.Fields() {
		t.Run(name, func(t *testing.T) {
			ch, changed := delta.Diff(ent("1"), ent("1", mods[name]))
			if !changed || !slices.Equal(ch.Fields, []string{name}) {
				t.Fatalf("Diff = %+v, %v; want only %s", ch, changed, name)
			}
			if ch.Material != delta.IsMaterial(name) {
				t.Errorf("Material = %v, want %v", ch.Material, delta.IsMaterial(name))
			}
			same := delta.MaterialHash(ent("1")) == delta.MaterialHash(ent("1", mods[name]))
			if same == ch.Material {
				t.Errorf("MaterialHash unchanged = %v for a change with Material = %v", same, ch.Material)
			}
		})
	}
}

func TestMaterialHashIgnoresOrder(t *testing.T) {
	a := ent("1")
	b := ent("1", func(e *tripline.Entity) { slices.Reverse(e.Names); slices.Reverse(e.Programs) })
	if delta.MaterialHash(a) != delta.MaterialHash(b) {
		t.Error("MaterialHash depends on value order")
	}
}

// randomSet returns n entities drawn from a small pool of values, so that
// two sets share ids and often differ in a field or two.
func randomSet(r *rand.Rand, n int) []*tripline.Entity {
	pick := func(vs ...string) []string {
		var out []string
		for _, v := range vs {
			if r.IntN(2) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	var es []*tripline.Entity
	for i := range n {
		e := &tripline.Entity{ID: fmt.Sprint("s:", r.IntN(2*n)), Schema: tripline.SchemaOrganization}
		for _, nm := range pick("ALPHA", "BETA", "GAMMA") {
			e.Names = append(e.Names, tripline.Name{Full: nm, Kind: tripline.NameAlias})
		}
		e.Programs = pick("NPWMD", "IFSR", "SDGT")
		e.Countries = pick("IR", "AE")
		if r.IntN(3) == 0 {
			e.Remarks = fmt.Sprint("remark ", i%3)
		}
		es = append(es, e)
	}
	return es
}

func TestCompareProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		a, b := randomSet(r, 1+round%20), randomSet(r, 1+round%13)
		if d := delta.Compare(a, a); len(d.Added)+len(d.Removed)+len(d.Changed) != 0 {
			t.Fatalf("round %d: Compare(a, a) = %+v", round, d)
		}
		ab, ba := delta.Compare(a, b), delta.Compare(b, a)
		if !slices.Equal(ab.Added, ba.Removed) || !slices.Equal(ab.Removed, ba.Added) || len(ab.Changed) != len(ba.Changed) {
			t.Fatalf("round %d: not symmetric: %+v vs %+v", round, ab, ba)
		}
		last := func(es []*tripline.Entity) map[string]*tripline.Entity {
			m := map[string]*tripline.Entity{}
			for _, e := range es {
				m[e.ID] = e
			}
			return m
		}
		am, bm := last(a), last(b)
		changed := map[string]delta.Change{}
		for i, ch := range ab.Changed {
			if ba.Changed[i].ID != ch.ID || !slices.Equal(ba.Changed[i].Fields, ch.Fields) {
				t.Fatalf("round %d: changes differ by direction: %+v vs %+v", round, ch, ba.Changed[i])
			}
			changed[ch.ID] = ch
		}
		for id, x := range am {
			y, ok := bm[id]
			if !ok {
				continue
			}
			ch, isChanged := changed[id]
			if (delta.MaterialHash(x) != delta.MaterialHash(y)) != (isChanged && ch.Material) {
				t.Fatalf("round %d: %s: material hash and material change disagree (%+v)", round, id, ch)
			}
		}
	}
}
