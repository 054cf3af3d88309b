package match

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

// propertyList is a made-up list in which entities of several sources
// and schemata share names and identifiers, so that a query retrieves
// the same entity through several of its names.
func propertyList(rng *rand.Rand) []*tripline.Entity {
	words := []string{"ZAGROS", "AVIATION", "SEA", "SPARROW", "KAVEH", "MOHAMMADI", "NORTH", "STAR", "TRADING", "PETRO", "GULF", "ARIAN", "AIR", "CARGO", "LINE", "HOLDINGS", "BAHRAM", "TABRIZ", "OCEAN", "PEARL"}
	schemas := []tripline.Schema{tripline.SchemaPerson, tripline.SchemaOrganization, tripline.SchemaCompany, tripline.SchemaLegalEntity, tripline.SchemaVessel, tripline.SchemaAirplane, ""}
	sources := []string{"a", "b", "c", "d"}
	var out []*tripline.Entity
	for i := 0; i < 400; i++ {
		e := &tripline.Entity{Source: sources[rng.Intn(len(sources))], SourceID: fmt.Sprint(i), Schema: schemas[rng.Intn(len(schemas))]}
		e.ID = e.Source + ":" + e.SourceID
		for n := 0; n < 1+rng.Intn(4); n++ {
			var parts []string
			for k := 0; k < 1+rng.Intn(3); k++ {
				parts = append(parts, words[rng.Intn(len(words))])
			}
			kind := tripline.NameAlias
			if n == 0 {
				kind = tripline.NamePrimary
			}
			e.Names = append(e.Names, tripline.Name{Full: strings.Join(parts, " "), Kind: kind})
		}
		if rng.Intn(4) == 0 {
			e.Identifiers = []tripline.Identifier{{Type: "imo", Value: fmt.Sprint(9100000 + rng.Intn(20))}}
		}
		out = append(out, e)
	}
	return out
}

// TestFiltersHoldProperty: whatever the query and whatever retrieval
// finds, no match lies outside the query's type and source filters.
func TestFiltersHoldProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(18))
	ents := propertyList(rng)
	s := NewScreener(NewIndex(DefaultConfig(), ents))
	types := []string{"", "person", "organization", "company", "vessel", "aircraft", "Individual", "ship"}
	sources := []string{"a", "b", "c", "d", "nosuch"}
	for i := 0; i < 3000; i++ {
		e := ents[rng.Intn(len(ents))]
		q := tripline.Query{ID: fmt.Sprint(i), Name: e.Names[rng.Intn(len(e.Names))].Full, Type: types[rng.Intn(len(types))]}
		if rng.Intn(3) == 0 {
			q.Name = mutate(rng, q.Name)
		}
		if rng.Intn(5) == 0 {
			q.Identifiers = []tripline.Identifier{{Type: "imo", Value: fmt.Sprint(9100000 + rng.Intn(20))}}
		}
		var opt tripline.ScreenOptions
		for _, src := range sources {
			if rng.Intn(3) == 0 {
				opt.Sources = append(opt.Sources, src)
			}
		}
		opt.Threshold = 0.3 + 0.6*rng.Float64()
		r, err := s.ScreenOne(q, opt)
		if err != nil {
			t.Fatal(err)
		}
		schemaOK, _ := schemaFilter(q.Type)
		for _, m := range r.Matches {
			inSources := len(opt.Sources) == 0
			for _, src := range opt.Sources {
				inSources = inSources || m.Source == src
			}
			if !inSources || !schemaOK(m.Schema) {
				t.Fatalf("query %+v with sources %v: match %s (%s, source %s) is outside the filters", q, opt.Sources, m.ID, m.Schema, m.Source)
			}
		}
	}
}

var (
	allOnce sync.Once
	allEnts []*tripline.Entity
	allErr  error
)

// allListsScreener indexes every list in ../shared/data/lists, read with
// the ingest readers, or skips.
func allListsScreener(tb testing.TB) *Screener {
	tb.Helper()
	if testing.Short() || raceEnabled {
		tb.Skip("reads every real list (not under -short or the race detector)")
	}
	dir := filepath.Join(sharedDir(tb), "data", "lists")
	allOnce.Do(func() {
		jobs, _, err := ingest.Plan([]string{dir}, "")
		if err != nil {
			allErr = err
			return
		}
		for _, j := range jobs {
			ds, err := ingest.Read(context.Background(), j, ingest.Options{})
			if err != nil {
				allErr = err
				return
			}
			allEnts = append(allEnts, ds.Entities...)
		}
	})
	if allErr != nil {
		tb.Fatal(allErr)
	}
	return NewScreener(NewIndex(DefaultConfig(), allEnts))
}

// TestFiltersHoldRealLists: a vessel query limited to uk-sl once returned
// the OFAC and CSL records of an airline, through their second name.
func TestFiltersHoldRealLists(t *testing.T) {
	s := allListsScreener(t)
	for _, q := range []tripline.Query{
		{Name: "AEROCARIBBEAN AIRLINES", Type: "vessel"},
		{Name: "AL-BASHAIR TRADING COMPANY, LTD", Type: "vessel"},
		{Name: "AL-KHODAIR, Ahmad Hussein", Type: "aircraft"},
	} {
		r, err := s.ScreenOne(q, tripline.ScreenOptions{Sources: []string{"uk-sl"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range r.Matches {
			if m.Source != "uk-sl" || (q.Type == "vessel") != (m.Schema == tripline.SchemaVessel) {
				t.Errorf("%+v limited to uk-sl: got %s (%s)", q, m.ID, m.Schema)
			}
		}
	}
}

// TestJohnSmithAllLists: "John Smith" is no match against any real list
// (JOHN B. PRIDMORE-SMITH scored 0.877 before hyphenated names counted
// as one).
func TestJohnSmithAllLists(t *testing.T) {
	s := allListsScreener(t)
	for _, typ := range []string{"", "person"} {
		r, err := s.ScreenOne(tripline.Query{Name: "John Smith", Type: typ}, tripline.ScreenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) > 0 {
			t.Errorf("John Smith (type %q) matches %s %q at %.3f", typ, r.Matches[0].ID, r.Matches[0].Name, r.Matches[0].Score)
		}
	}
}

// TestHyphenatedNames: the unmatched half of a hyphenated listed name
// costs in full; the whole name, with or without its hyphen, still
// matches.
func TestHyphenatedNames(t *testing.T) {
	ents := append(fictional(),
		&tripline.Entity{ID: "h:1", Source: "h", SourceID: "1", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "JOHN B. PRIDMORE-SMITH", Kind: tripline.NamePrimary}}},
		&tripline.Entity{ID: "h:2", Source: "h", SourceID: "2", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "KIM Jong-un", Kind: tripline.NamePrimary}}},
		&tripline.Entity{ID: "h:3", Source: "h", SourceID: "3", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "AL-RASHID, Omar", Kind: tripline.NamePrimary}}},
	)
	s := NewScreener(NewIndex(DefaultConfig(), ents))
	for _, tc := range []struct {
		name, want string
	}{
		{"John Smith", ""},
		{"John Pridmore-Smith", "h:1"},
		{"John Pridmore Smith", "h:1"},
		{"Kim Jong Un", "h:2"},
		{"Kim Jong-un", "h:2"},
		{"Omar Rashid", "h:3"}, // an article is not half a name
	} {
		r := screenOne(t, s, tripline.Query{Name: tc.name}, tripline.ScreenOptions{})
		if got := ids(r); !strings.HasPrefix(got, tc.want) || (tc.want == "" && got != "") {
			t.Errorf("%q: got %q, want %q first", tc.name, got, tc.want)
		}
	}
	ix := s.Index()
	if links := hyphenLinks("JOHN B. PRIDMORE-SMITH", ix.parsed("JOHN B. PRIDMORE-SMITH")); len(links) != 4 || !links[2] || links[3] || links[0] {
		t.Errorf("hyphenLinks(JOHN B. PRIDMORE-SMITH) = %v, want pridmore joined to smith", links)
	}
}

// TestBoundedScoring: a 5 MB name is refused by Screen (the vocabulary's
// limits), and the scorer itself scores it on its first MaxNameBytes bytes
// and MaxNameTokens parts and comes back at once; before, its cost grew
// with the square of a part's length (more than 11 minutes).
func TestBoundedScoring(t *testing.T) {
	s := sdnScreener(t)
	rng := rand.New(rand.NewSource(5))
	var random strings.Builder
	for random.Len() < 5<<20 {
		for i := 0; i < 3+rng.Intn(12); i++ {
			random.WriteByte(byte('a' + rng.Intn(26)))
		}
		random.WriteByte(' ')
	}
	for _, name := range []string{strings.Repeat("a", 5<<20), strings.Repeat("mohammad ", 5<<20/9), random.String(), strings.Repeat("é", 3<<20)} {
		if parts := s.Index().queryParts(name); len(parts) > tripline.MaxNameTokens {
			t.Errorf("%d parts scored for a %d-byte name", len(parts), len(name))
		}
		// Screen refuses it (tripline.Query.Validate); the scorer itself,
		// which a caller could reach without validation, is bounded too.
		if _, err := s.Screen(context.Background(), []tripline.Query{{ID: "big", Name: name}}, tripline.ScreenOptions{}); tripline.ErrorKind(err) != tripline.KindTooLarge {
			t.Errorf("Screen of a %d-byte name: %v, want TooLarge", len(name), err)
		}
		q := tripline.Query{ID: "big", Name: name}
		s.screenOne(context.Background(), &q, tripline.ScreenOptions{}, newScratch(s.Index()))
	}
	long := strings.Repeat("abcdefghij", 20)
	if got := simAtLeast(long, long[1:]+"x", 0.5); got != 0 {
		t.Errorf("edit similarity computed over %d-byte parts: %v", len(long), got)
	}
	if got := simAtLeast(long, long, 0.5); got != 1 {
		t.Errorf("equal long parts: %v, want 1", got)
	}
}

// TestScreenHonoursContext: a cancelled context stops a batch and the
// scoring of one query's candidates.
func TestScreenHonoursContext(t *testing.T) {
	s := sdnScreener(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	qs := make([]tripline.Query, 5000)
	for i := range qs {
		qs[i] = tripline.Query{ID: fmt.Sprint(i), Name: "Mohammad Hassan"}
	}
	if _, err := s.Screen(ctx, qs, tripline.ScreenOptions{}); tripline.ErrorKind(err) != tripline.KindUnavailable {
		t.Errorf("cancelled batch: %v, want Unavailable", err)
	}
	sc := newScratch(s.Index())
	q := tripline.Query{Name: "Mohammad Hassan"}
	live := s.screenOne(context.Background(), &q, tripline.ScreenOptions{Threshold: 0.3, Limit: 100}, sc)
	dead := s.screenOne(ctx, &q, tripline.ScreenOptions{Threshold: 0.3, Limit: 100}, sc)
	if len(live.Matches) == 0 || len(dead.Matches) != 0 {
		t.Errorf("scoring went on after cancellation: %d matches live, %d cancelled", len(live.Matches), len(dead.Matches))
	}
}
