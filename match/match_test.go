package match

import (
	"context"
	"math/rand"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// fictional returns a small, made-up list.
func fictional() []*tripline.Entity {
	return []*tripline.Entity{
		{ID: "t:1", Source: "t", SourceID: "1", Schema: tripline.SchemaPerson,
			Names:         []tripline.Name{{Full: "SOLEIMANI, Qasem", Kind: tripline.NamePrimary}, {Full: "SOLEIMANI, Haj Qasem", Kind: tripline.NameAlias}},
			BirthDates:    []string{"1957-03-11"},
			Nationalities: []string{"IR"},
			Identifiers:   []tripline.Identifier{{Type: "passport", Value: "P-1234567", Country: "IR"}}},
		{ID: "t:2", Source: "t", SourceID: "2", Schema: tripline.SchemaOrganization,
			Names: []tripline.Name{{Full: "QODS AVIATION INDUSTRIES", Kind: tripline.NamePrimary}, {Full: "GHODS AVIATION INDUSTRIES", Kind: tripline.NameAlias}}},
		{ID: "t:3", Source: "t", SourceID: "3", Schema: tripline.SchemaVessel,
			Names:       []tripline.Name{{Full: "SNOW STORM 1", Kind: tripline.NamePrimary}},
			Identifiers: []tripline.Identifier{{Type: "imo", Value: "9123456"}}},
		{ID: "t:4", Source: "t", SourceID: "4", Schema: tripline.SchemaVessel,
			Names:       []tripline.Name{{Full: "SNOW STORM 2", Kind: tripline.NamePrimary}},
			Identifiers: []tripline.Identifier{{Type: "imo", Value: "9654321"}}},
		{ID: "t:5", Source: "t", SourceID: "5", Schema: tripline.SchemaOrganization,
			Names: []tripline.Name{{Full: "LIMITED LIABILITY COMPANY ALFA-INVEST", Kind: tripline.NamePrimary}, {Full: "AI", Kind: tripline.NameWeak}}},
		{ID: "t:6", Source: "u", SourceID: "6", Schema: tripline.SchemaPerson,
			Names:      []tripline.Name{{Full: "PRIGOZHIN, Yevgeniy Viktorovich", Kind: tripline.NamePrimary}},
			BirthDates: []string{"1961-06-01"}},
		{ID: "t:7", Source: "t", SourceID: "7", Schema: tripline.SchemaPerson,
			Names: []tripline.Name{{Full: "STORM, Snow", Kind: tripline.NamePrimary}}},
		{ID: "t:8", Source: "t", SourceID: "8", Schema: tripline.SchemaPerson,
			Names: []tripline.Name{{Full: "AL-TIKRITI, Raghad Saddam Hussein", Kind: tripline.NamePrimary}}},
	}
}

func screenOne(t *testing.T, s *Screener, q tripline.Query, opt tripline.ScreenOptions) tripline.Result {
	t.Helper()
	r, err := s.ScreenOne(q, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func ids(r tripline.Result) string {
	var s []string
	for _, m := range r.Matches {
		s = append(s, m.ID)
	}
	return strings.Join(s, ",")
}

func TestScreenFictional(t *testing.T) {
	s := NewScreener(NewIndex(DefaultConfig(), fictional()))
	for _, tc := range []struct {
		name string
		q    tripline.Query
		want string // ids of the matches, best first
	}{
		{"exact", tripline.Query{Name: "Qasem Soleimani"}, "t:1"},
		{"romanisation", tripline.Query{Name: "Ghasem Soleymani", Type: "person"}, "t:1"},
		{"persian script", tripline.Query{Name: "قاسم سلیمانی"}, "t:1"},
		{"alias class", tripline.Query{Name: "Quds Aviation Industries Co."}, "t:2"},
		{"number must agree", tripline.Query{Name: "Snow Storm 2", Type: "vessel"}, "t:4"},
		{"person query skips vessels", tripline.Query{Name: "Snow Storm", Type: "person"}, "t:7"},
		{"legal form variant", tripline.Query{Name: "OOO Alfa Invest"}, "t:5"},
		{"cyrillic", tripline.Query{Name: "Евгений Пригожин"}, "t:6"},
		{"al prefix glued", tripline.Query{Name: "Raghad ALTIKRITI"}, "t:8"},
		{"unrelated", tripline.Query{Name: "John Smith"}, ""},
		{"given name differs", tripline.Query{Name: "Hamid Soleimani", Type: "person"}, ""},
		{"identifier is decisive", tripline.Query{Name: "Unknown Trader", Identifiers: []tripline.Identifier{{Type: "passport", Value: "p1234567"}}}, "t:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := screenOne(t, s, tc.q, tripline.ScreenOptions{})
			if got := ids(r); got != tc.want {
				t.Errorf("Screen(%q) = %q, want %q; %+v", tc.q.Name, got, tc.want, r.Matches)
			}
			if r.Algorithm != Version6 {
				t.Errorf("algorithm = %q, want %q", r.Algorithm, Version6)
			}
		})
	}
}

func TestScreenEvidence(t *testing.T) {
	s := NewScreener(NewIndex(DefaultConfig(), fictional()))
	base := screenOne(t, s, tripline.Query{Name: "Ghasem Soleymani"}, tripline.ScreenOptions{Threshold: 0.5})
	if len(base.Matches) == 0 {
		t.Fatal("no match")
	}
	b := base.Matches[0].Score
	for _, tc := range []struct {
		name string
		q    tripline.Query
		cmp  func(float64) bool
	}{
		{"same birth date raises", tripline.Query{Name: "Ghasem Soleymani", BirthDate: "1957-03-11"}, func(x float64) bool { return x > b }},
		{"other birth year lowers", tripline.Query{Name: "Ghasem Soleymani", BirthDate: "1980"}, func(x float64) bool { return x < b }},
		{"same country raises", tripline.Query{Name: "Ghasem Soleymani", Country: "ir"}, func(x float64) bool { return x > b }},
		{"other country lowers", tripline.Query{Name: "Ghasem Soleymani", Country: "FR"}, func(x float64) bool { return x < b }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := screenOne(t, s, tc.q, tripline.ScreenOptions{Threshold: 0.5})
			if len(r.Matches) == 0 || !tc.cmp(r.Matches[0].Score) {
				t.Fatalf("score %+v, base %v", r.Matches, b)
			}
			if len(r.Matches[0].Explanation.Evidence) == 0 {
				t.Errorf("no evidence in the explanation")
			}
		})
	}
	// A weak alias counts for less than the same name as a strong one.
	weak := screenOne(t, s, tripline.Query{Name: "AI"}, tripline.ScreenOptions{Threshold: 0.1})
	if len(weak.Matches) == 0 || weak.Matches[0].Score >= 1 {
		t.Errorf("weak alias match %+v, want a score below 1", weak.Matches)
	}
}

func TestExplanation(t *testing.T) {
	s := NewScreener(NewIndex(DefaultConfig(), fictional()))
	r := screenOne(t, s, tripline.Query{Name: "Muhammad Ghasem Soleimany"}, tripline.ScreenOptions{Threshold: 0.3})
	if len(r.Matches) == 0 {
		t.Fatal("no match")
	}
	ex := r.Matches[0].Explanation
	hows := map[string]string{}
	for _, p := range ex.Parts {
		hows[p.Query] = p.How
	}
	if hows["ghasem"] != "romanisation" || hows["muhammad"] != "unmatched" || (hows["soleimany"] != "edit" && hows["soleimany"] != "phonetic") {
		t.Errorf("parts = %+v", ex.Parts)
	}
	if !strings.Contains(ex.Summary, "t:1") {
		t.Errorf("summary %q does not name the entry", ex.Summary)
	}
	m := s.Explain(tripline.Query{Name: "Snow Storm 9"}, "t:3")
	if m == nil || m.Score > 0.5 {
		t.Errorf("Explain(Snow Storm 9, t:3) = %+v, want a low score", m)
	}
}

func TestScreenOptions(t *testing.T) {
	s := NewScreener(NewIndex(DefaultConfig(), fictional()))
	ctx := context.Background()
	r, err := s.Screen(ctx, []tripline.Query{{ID: "a", Name: "Prigozhin"}, {ID: "b", Name: "Qods Aviation"}}, tripline.ScreenOptions{Sources: []string{"t"}, Threshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if r[0].ID != "a" || r[1].ID != "b" {
		t.Fatalf("results out of order: %q %q", r[0].ID, r[1].ID)
	}
	if len(r[0].Matches) != 0 {
		t.Errorf("source filter: got %+v, want no match from source u", r[0].Matches)
	}
	if len(r[1].Matches) == 0 || r[1].Matches[0].ID != "t:2" {
		t.Errorf("got %+v", r[1].Matches)
	}
	for _, bad := range []struct {
		q   []tripline.Query
		opt tripline.ScreenOptions
	}{
		{[]tripline.Query{{ID: "x"}}, tripline.ScreenOptions{}},
		{[]tripline.Query{{Name: "x", Type: "spaceship"}}, tripline.ScreenOptions{}},
		{[]tripline.Query{{Name: "x"}}, tripline.ScreenOptions{Threshold: 2}},
	} {
		if _, err := s.Screen(ctx, bad.q, bad.opt); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("Screen(%+v, %+v) error %v, want invalid", bad.q, bad.opt, err)
		}
	}
}

// namePool returns names for property tests: the fictional list's names
// and variations of them.
func namePool() []string {
	var out []string
	for _, e := range fictional() {
		for _, n := range e.Names {
			out = append(out, n.Full)
		}
	}
	return append(out, "Mohammad Reza", "Snow Storm", "Jing Feng Li", "Li Jingfeng", "OOO", "a", "", "1 2 3",
		"Abd al-Rahman", "Abdulrahman", "قاسم سلیمانی", "李景峰", "Al Tikriti", "J. R. R. Tolkien")
}

func TestCompareProperties(t *testing.T) {
	ix := NewIndex(DefaultConfig(), fictional())
	pool := namePool()
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		a, b := pool[rng.Intn(len(pool))], pool[rng.Intn(len(pool))]
		if rng.Intn(3) == 0 {
			b = mutate(rng, a)
		}
		ab, _ := ix.Compare(a, b)
		ba, _ := ix.Compare(b, a)
		if ab < 0 || ab > 1 {
			t.Fatalf("Compare(%q, %q) = %v, outside [0,1]", a, b, ab)
		}
		if ab != ba {
			t.Fatalf("Compare(%q, %q) = %v but Compare(%q, %q) = %v", a, b, ab, b, a, ba)
		}
	}
	for _, n := range pool {
		if n == "" {
			continue
		}
		if s, _ := ix.Compare(n, n); s != 1 {
			t.Errorf("Compare(%q, itself) = %v, want 1", n, s)
		}
	}
}

// mutate applies a random keyboard slip.
func mutate(rng *rand.Rand, s string) string {
	r := []rune(s)
	if len(r) < 2 {
		return s + "x"
	}
	i := rng.Intn(len(r) - 1)
	switch rng.Intn(3) {
	case 0:
		r[i], r[i+1] = r[i+1], r[i]
	case 1:
		r = append(r[:i], r[i+1:]...)
	default:
		r[i] = 'q'
	}
	return string(r)
}

// TestExactNameIsTopScore holds on the real SDN list: every listed name,
// screened as it is written, scores 1.0 and its entity is the top match
// (ties with other entities of the very same name aside).
func TestExactNameIsTopScore(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	s := sdnScreener(t)
	ents := loadSDN(t)
	rng := rand.New(rand.NewSource(7))
	for k := 0; k < 400; k++ {
		e := ents[rng.Intn(len(ents))]
		n := e.Names[rng.Intn(len(e.Names))]
		if n.Kind == tripline.NameWeak {
			continue
		}
		r := screenOne(t, s, tripline.Query{Name: n.Full}, tripline.ScreenOptions{Limit: 50})
		found := false
		for _, m := range r.Matches {
			if m.Score < 1 {
				break
			}
			if m.ID == e.ID {
				found = true
			}
		}
		if !found {
			t.Errorf("%q (%s): not a top match at 1.0: %s", n.Full, e.ID, ids(r))
		}
		for _, m := range r.Matches {
			if m.Score < 0 || m.Score > 1 {
				t.Fatalf("score %v outside [0,1]", m.Score)
			}
		}
	}
}

// FuzzCompare checks the scorer on arbitrary names: scores in [0,1],
// symmetric, and no panic.
func FuzzCompare(f *testing.F) {
	for _, a := range namePool() {
		f.Add(a, "SOLEIMANI, Qasem")
	}
	f.Add("Snow Storm 1", "Snow Storm 2")
	f.Add("ООО Ромашка", "OOO ROMASHKA")
	ix := NewIndex(DefaultConfig(), fictional())
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, _ := ix.Compare(a, b)
		ba, _ := ix.Compare(b, a)
		if ab < 0 || ab > 1 || ab != ba {
			t.Fatalf("Compare(%q, %q) = %v, reverse %v", a, b, ab, ba)
		}
	})
}
