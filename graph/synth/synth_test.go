package synth_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/graph/synth"
)

// listed is a fictional list: organisations with phones, addresses and
// websites, and people with birth dates.
func listed(n int) []*tripline.Entity {
	var out []*tripline.Entity
	for i := 0; i < n; i++ {
		out = append(out, &tripline.Entity{ID: fmt.Sprintf("test:o%d", i), Schema: tripline.SchemaOrganization,
			Names:     []tripline.Name{{Full: fmt.Sprintf("KRYPTON%03d PROPULSION WORKS", i), Kind: tripline.NamePrimary}},
			Phones:    []string{fmt.Sprintf("+98 21 %08d", 10000000+i)},
			Websites:  []string{fmt.Sprintf("www.krypton%03d.example", i)},
			Addresses: []tripline.Address{{Street: fmt.Sprintf("%d Azadi Street, Block %d", i+1, i), City: "Tehran", Country: "IR"}},
			ListedOn:  "2022-01-01"},
			&tripline.Entity{ID: fmt.Sprintf("test:p%d", i), Schema: tripline.SchemaPerson,
				Names:      []tripline.Name{{Full: fmt.Sprintf("XENOPHON%03d, Quintus", i), Kind: tripline.NamePrimary}},
				BirthDates: []string{fmt.Sprintf("19%02d-03-%02d", 40+i%50, 1+i%28)}, Nationalities: []string{"IR"}})
	}
	return out
}

func TestGenerateDeterministic(t *testing.T) {
	a, sa := synth.Generate(500, 7, listed(20))
	b, sb := synth.Generate(500, 7, listed(20))
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(sa, sb) {
		t.Error("same seed, different books")
	}
	if sa.Companies != 500 || sa.Shipments < 250 {
		t.Errorf("stats = %+v", sa)
	}
}

// TestPlantedFrontsFound scores a generated book: the planted fronts must
// be flagged and linked to their listed entity, and few others flagged.
func TestPlantedFrontsFound(t *testing.T) {
	l := listed(100)
	book, st := synth.Generate(5000, 1, l)
	if st.Fronts < 50 {
		t.Fatalf("only %d fronts planted", st.Fronts)
	}
	g, err := graph.Build(context.Background(), book, l, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := g.Score("2025-01-01")
	var found, linked, flaggedOther int
	for _, r := range s.Results {
		want, front := st.FrontFor[r.ID]
		switch {
		case front && r.Flagged:
			found++
			for _, x := range r.LinkedTo {
				if x == want {
					linked++
					break
				}
			}
		case !front && r.Flagged:
			flaggedOther++
		}
	}
	t.Logf("%d fronts: %d flagged, %d linked; %d other companies flagged (subsidiaries of fronts and their neighbours count here)", st.Fronts, found, linked, flaggedOther)
	if found < st.Fronts*9/10 || linked < found*9/10 {
		t.Errorf("fronts found %d, linked %d of %d", found, linked, st.Fronts)
	}
	if flaggedOther > st.Fronts {
		t.Errorf("%d non-planted companies flagged for %d fronts", flaggedOther, st.Fronts)
	}
}

func BenchmarkBuildScore(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		l := listed(500)
		book, _ := synth.Generate(n, 1, l)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				g, err := graph.Build(context.Background(), book, l, graph.Options{})
				if err != nil {
					b.Fatal(err)
				}
				g.Score("2025-01-01")
			}
		})
	}
}
