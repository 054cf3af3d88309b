package match

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestQueryIndexSuperset checks the inverse of retrieval on real data:
// for every entity that the forward retrieval (no candidate cap) of any
// dev-set query returns, Reaching that entity returns the query.
func TestQueryIndexSuperset(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	cfg := DefaultConfig()
	cfg.MaxCandidates = 1 << 30
	ix := NewIndex(cfg, loadSDN(t))
	var qs []tripline.Query
	for i, c := range loadDev(t) {
		q := c.q
		q.ID = ""
		qs = append(qs, q)
		// Variants that exercise the join, split and drop routes.
		w := strings.Fields(q.Name)
		switch {
		case i%3 == 0 && len(w) > 1:
			q.Name = w[0] + w[1] + " " + strings.Join(w[2:], " ")
		case i%3 == 1 && len(w) > 2:
			q.Name = strings.Join(w[1:], " ")
		default:
			continue
		}
		qs = append(qs, q)
	}
	const threshold = 0.75
	qi := ix.NewQueryIndex(qs, threshold)
	// Forward: which queries retrieve each entity.
	sc := newScratch(ix)
	byEnt := map[int32][]int{}
	for i := range qs {
		q := &qs[i]
		accept := ix.acceptFunc(q.Type, nil)
		for _, e := range ix.candidates(context.Background(), ix.queryParts(q.Name), q.Identifiers, accept, sc, pruneShare(threshold)) {
			byEnt[e] = append(byEnt[e], i)
		}
	}
	ents := make([]int32, 0, len(byEnt))
	for e := range byEnt {
		ents = append(ents, e)
	}
	slices.Sort(ents)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(ents), func(i, j int) { ents[i], ents[j] = ents[j], ents[i] })
	if len(ents) > 1500 {
		ents = ents[:1500]
	}
	missed, pairs, reached := 0, 0, 0
	for _, e := range ents {
		got := qi.Reaching([]string{ix.ents[e].ID})
		reached += len(got)
		for _, q := range byEnt[e] {
			pairs++
			if _, ok := slices.BinarySearch(got, q); !ok {
				missed++
				if missed <= 5 {
					t.Errorf("query %q retrieves %s %q but Reaching misses it", qs[q].Name, ix.ents[e].ID, ix.ents[e].Caption())
				}
			}
		}
	}
	t.Logf("%d entities, %d forward pairs, %d missed; Reaching returned %d queries (%.1f per entity, forward %.1f)",
		len(ents), pairs, missed, reached, float64(reached)/float64(len(ents)), float64(pairs)/float64(len(ents)))
}

// TestQueryIndexRoutes checks each retrieval route on small cases.
func TestQueryIndexRoutes(t *testing.T) {
	ents := []*tripline.Entity{
		{ID: "s:1", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "Qasem SOLEIMANI", Kind: tripline.NamePrimary}}},
		{ID: "s:2", Schema: tripline.SchemaOrganization, Names: []tripline.Name{{Full: "JINGFENG TRADING", Kind: tripline.NamePrimary}}},
		{ID: "s:3", Schema: tripline.SchemaOrganization, Names: []tripline.Name{{Full: "ZZYX", Kind: tripline.NamePrimary}},
			Identifiers: []tripline.Identifier{{Type: "imo", Value: "9123456"}}},
		{ID: "s:4", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "Abdallah HAMDAN", Kind: tripline.NamePrimary}}},
	}
	for i := 0; i < 50; i++ {
		ents = append(ents, &tripline.Entity{ID: "f:" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Names: []tripline.Name{{Full: "Filler Company " + string(rune('a'+i%26)), Kind: tripline.NamePrimary}}})
	}
	cfg := DefaultConfig()
	cfg.MaxCandidates = 1 << 30
	ix := NewIndex(cfg, ents)
	cases := []struct {
		q    tripline.Query
		want string
	}{
		{tripline.Query{Name: "Ghasem Soleymani"}, "s:1"},                                                       // romanisation key
		{tripline.Query{Name: "Kasem Solaimani"}, "s:1"},                                                        // trigrams / phonetic
		{tripline.Query{Name: "Jing Feng Trading"}, "s:2"},                                                      // join
		{tripline.Query{Name: "ZZ YX"}, "s:3"},                                                                  // join of short parts
		{tripline.Query{Name: "Nothing Alike", Identifiers: []tripline.Identifier{{Value: "912-3456"}}}, "s:3"}, // identifier
		{tripline.Query{Name: "Abdullah Hamdan"}, "s:4"},
	}
	for _, c := range cases {
		qi := ix.NewQueryIndex([]tripline.Query{c.q}, 0.75)
		if got := qi.Reaching([]string{c.want}); len(got) != 1 {
			t.Errorf("Reaching(%s) from %q = %v, want the query", c.want, c.q.Name, got)
		}
	}
	// An unrelated query reaches nothing.
	qi := ix.NewQueryIndex([]tripline.Query{{Name: "Völlig Anders"}}, 0.75)
	if got := qi.Reaching([]string{"s:1", "s:2", "s:3", "s:4", "unknown"}); len(got) != 0 {
		t.Errorf("unrelated query reached %v", got)
	}
}

// FuzzQueryIndexSuperset: whatever the names, an entity that retrieval
// returns for a query is among the entities whose Reaching returns the
// query.
func FuzzQueryIndexSuperset(f *testing.F) {
	for _, s := range [][2]string{
		{"Ghasem Soleymani", "Qasem SOLEIMANI"}, {"Jing Feng Trading", "JINGFENG TRADING CO"}, {"abdulrahman al hasan", "Abd al-Rahman ALHASAN"},
		{"Cabdullaah X", "Abdallah X"}, {"Иван Петров", "Ivan PETROV"}, {"محمد رضا", "Mohammad Reza"}, {"A.B.C. LLC", "ABC"}, {"Snow Storm 1", "SNOW STORM 2"},
	} {
		f.Add(s[0], s[1])
	}
	filler := []*tripline.Entity{}
	for _, n := range []string{"Abdullah Trading", "Mohammed Hassan", "Qods Aviation Industries", "Ivan Petrov Holding", "Feng Shipping", "Al Hasan Group"} {
		filler = append(filler, &tripline.Entity{ID: "f:" + n, Names: []tripline.Name{{Full: n, Kind: tripline.NamePrimary}}})
	}
	cfg := DefaultConfig()
	cfg.MaxCandidates = 1 << 30
	f.Fuzz(func(t *testing.T, query, listed string) {
		if len(query) > 200 || len(listed) > 200 {
			return
		}
		e := &tripline.Entity{ID: "e:1", Names: []tripline.Name{{Full: listed, Kind: tripline.NamePrimary}}}
		ix := NewIndex(cfg, append([]*tripline.Entity{e}, filler...))
		q := tripline.Query{Name: query}
		for _, threshold := range []float64{0.5, 0.75, 0.85} {
			accept := ix.acceptFunc("", nil)
			found := false
			for _, c := range ix.candidates(context.Background(), ix.queryParts(q.Name), nil, accept, newScratch(ix), pruneShare(threshold)) {
				found = found || ix.ents[c].ID == e.ID
			}
			if found && len(ix.NewQueryIndex([]tripline.Query{q}, threshold).Reaching([]string{e.ID})) == 0 {
				t.Fatalf("retrieval returns %q for %q at %.2f, Reaching does not", listed, query, threshold)
			}
		}
	})
}
