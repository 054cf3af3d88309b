package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
)

// TestResolveOtherScripts resolves companies written in Cyrillic, Arabic
// and Chinese to the Latin records of the list (fictional names), and
// keeps companies whose names only look alike apart.
func TestResolveOtherScripts(t *testing.T) {
	org := func(id, name, country string) *tripline.Entity {
		return &tripline.Entity{ID: "test:" + id, Source: "test", SourceID: id, Schema: tripline.SchemaOrganization,
			Names: []tripline.Name{{Full: name, Kind: tripline.NamePrimary}}, Countries: []string{country}}
	}
	listed := []*tripline.Entity{
		org("tekhnoprom", "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU TEKHNOPROM SERVIS", "RU"),
		org("volna", "JOINT STOCK COMPANY NAUCHNO-PROIZVODSTVENNOE OBEDINENIE VOLNA", "RU"),
		org("bashir", "BASHIR KARIMI TRADING COMPANY", "AE"),
		org("huaxin", "HUAXIN TECHNOLOGY CO., LTD.", "CN"),
		org("jinghua", "BEIJING JINGHUA QIDI ELECTRONIC TECHNOLOGY CO., LTD.", "CN"),
	}
	cases := []struct {
		name, country, want string // want "" = not resolved
	}{
		{"ООО «Технопром Сервис»", "RU", "test:tekhnoprom"},
		{"АО «Научно-производственное объединение Волна»", "RU", "test:volna"},
		// a translated word ("للتجارة", for trade) is not matched (a limit)
		{"شركة بشير كريمي للتجارة", "AE", ""},
		{"بشير كريمي ترايدنج", "AE", "test:bashir"}, // "trading" in Arabic letters
		{"Bashir Karimi Trading Co.", "AE", "test:bashir"},
		{"شركة بشير كريمي تريدينغ", "AE", "test:bashir"},
		{"华信科技有限公司", "CN", "test:huaxin"},
		{"北京京华启迪电子科技有限公司", "CN", "test:jinghua"},
		// alike but other companies
		{"ООО «Технопром»", "RU", ""},
		{"شركة بشير كمال تريدينغ", "AE", ""},
		{"华为科技有限公司", "CN", ""},
	}
	book := &tripline.NetworkRecords{}
	for i, c := range cases {
		book.Companies = append(book.Companies, tripline.NetworkCompany{ID: string(rune('a' + i)), Name: c.name, Country: c.country})
	}
	g, err := graph.Build(context.Background(), book, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scores := g.Score("2025-01-01")
	for i, c := range cases {
		r, _ := scores.Get(string(rune('a' + i)))
		got := ""
		for _, p := range r.Paths {
			if len(p.Steps) == 1 && p.Steps[0].Relation == "same_as" {
				got = p.To
			}
		}
		if got != c.want {
			t.Errorf("%q resolved to %q, want %q (%+v)", c.name, got, c.want, r.Paths)
		}
	}
}

// TestResolvePersonInCyrillic links a director written in Cyrillic to the
// listed person with the same birth date (fictional).
func TestResolvePersonInCyrillic(t *testing.T) {
	listed := []*tripline.Entity{{ID: "test:p", Source: "test", SourceID: "p", Schema: tripline.SchemaPerson,
		Names: []tripline.Name{{Full: "PETROVSKIY, Arkadiy Sergeyevich", Kind: tripline.NamePrimary,
			Parts: []tripline.NamePart{{Type: "family", Value: "PETROVSKIY"}, {Type: "given", Value: "Arkadiy Sergeyevich"}}}},
		BirthDates: []string{"1968-03-14"}, Nationalities: []string{"RU"}}}
	book := &tripline.NetworkRecords{
		People: []tripline.NetworkPerson{
			{ID: "d1", Name: "Петровский Аркадий Сергеевич", BirthDate: "1968-03-14", Nationality: "RU"},
			{ID: "d2", Name: "Петровский Аркадий Сергеевич", BirthDate: "1971-09-02", Nationality: "RU"}, // a namesake
		},
		Companies: []tripline.NetworkCompany{
			{ID: "c1", Name: "Severnyi Veter LLC", Country: "AM", DirectorIDs: []string{"d1"}},
			{ID: "c2", Name: "Yuzhnyi Bereg LLC", Country: "AM", DirectorIDs: []string{"d2"}},
		},
	}
	g, err := graph.Build(context.Background(), book, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scores := g.Score("2025-01-01")
	if r, _ := scores.Get("c1"); !r.Flagged || len(r.LinkedTo) == 0 || r.LinkedTo[0] != "test:p" {
		t.Errorf("director in Cyrillic not linked: %+v", r)
	}
	if r, _ := scores.Get("c2"); r.Flagged {
		t.Errorf("namesake with another birth date flagged: %+v", r)
	}
}

// TestPhonesCompareWholeNumbers is issue 18's case (fictional data): a
// bakery in the US whose number shares its last nine digits with a listed
// company's in Uganda is not linked to it; a company in the UAE writing
// the listed company's number nationally is, and the explanation shows
// each side's number as that side wrote it.
func TestPhonesCompareWholeNumbers(t *testing.T) {
	listed := []*tripline.Entity{
		{ID: "test:ug", Source: "test", SourceID: "ug", Schema: tripline.SchemaOrganization, Countries: []string{"UG"},
			Names: []tripline.Name{{Full: "KAMPALA LAKESIDE MINERALS LIMITED", Kind: tripline.NamePrimary}}, Phones: []string{"+256 414 555 0123"}},
		{ID: "test:ae", Source: "test", SourceID: "ae", Schema: tripline.SchemaOrganization, Countries: []string{"AE"},
			Names: []tripline.Name{{Full: "CRESCENT DUNE AVIONICS FZE", Kind: tripline.NamePrimary}}, Phones: []string{"+971 4 555 0199"}},
	}
	book := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{
		{ID: "bakery", Name: "Main Street Bakery Inc.", Country: "US", Phone: "(414) 555-0123"},
		{ID: "front", Name: "Palm Gate General Trading LLC", Country: "AE", Phone: "04 555 0199"},
	}}
	g, err := graph.Build(context.Background(), book, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scores := g.Score("2025-01-01")
	if r, _ := scores.Get("bakery"); r.Risk > 0 || len(r.Paths) > 0 {
		t.Errorf("bakery linked by a partial number: %+v", r)
	}
	r, _ := scores.Get("front")
	if !r.Flagged || len(r.Paths) == 0 {
		t.Fatalf("national writing of a listed number not joined: %+v", r)
	}
	st := r.Paths[0].Steps[0]
	if st.Relation != "shares_phone" || st.Value != "+97145550199" || st.FromValue != "04 555 0199" || st.ToValue != "+971 4 555 0199" {
		t.Errorf("step %+v; want value +97145550199 written 04 555 0199 here and +971 4 555 0199 there", st)
	}
	if !strings.Contains(st.Evidence, `"04 555 0199" here`) || !strings.Contains(st.Evidence, `"+971 4 555 0199" there`) {
		t.Errorf("evidence does not show each side's number: %s", st.Evidence)
	}
}
