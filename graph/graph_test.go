package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
)

// world is a small fictional network with one case of each typology.
func world() (*tripline.NetworkRecords, []*tripline.Entity) {
	org := func(id, name, country string, addr []tripline.Address, phones []string, site string) *tripline.Entity {
		e := &tripline.Entity{ID: "test:" + id, Source: "test", SourceID: id, Schema: tripline.SchemaOrganization,
			Names: []tripline.Name{{Full: name, Kind: tripline.NamePrimary}}, Countries: []string{country},
			Addresses: addr, Phones: phones, ListedOn: "2023-05-01"}
		if site != "" {
			e.Websites = []string{site}
		}
		return e
	}
	listed := []*tripline.Entity{
		org("1", "ZENITH PROPULSION COMPANY", "IR", []tripline.Address{
			{Street: "12 Azadi Street", City: "Tehran", Country: "IR"},
			{Street: "Office 1, Hub Tower, Business Bay", City: "Dubai", Country: "AE"},
		}, []string{"+98 21 5555 0101"}, "www.zenith-prop.ir"),
		{ID: "test:2", Source: "test", SourceID: "2", Schema: tripline.SchemaPerson,
			Names: []tripline.Name{{Full: "RAHIMI, Reza", Kind: tripline.NamePrimary,
				Parts: []tripline.NamePart{{Type: "family", Value: "RAHIMI"}, {Type: "given", Value: "Reza"}}}},
			BirthDates: []string{"1970-05-05"}, Nationalities: []string{"IR"}},
		org("3", "ORBIT HOLDINGS LIMITED", "HK", nil, nil, ""),
		org("4", "ALPHA TRADING LLC", "AE", nil, nil, ""),
		org("5", "BETA TRADING FZE", "AE", nil, nil, ""),
	}
	b := &tripline.NetworkRecords{People: []tripline.NetworkPerson{
		{ID: "p-nominee", Name: "Nina Nominee", Nationality: "CY", BirthDate: "1980-02-02"},
		{ID: "p-namesake", Name: "Reza Rahimi", Nationality: "IR", BirthDate: "1981-01-01"},
		{ID: "p-listed", Name: "Reza Rahimy", Nationality: "IR", BirthDate: "1970-05-05"},
	}}
	add := func(c tripline.NetworkCompany) { b.Companies = append(b.Companies, c) }
	add(tripline.NetworkCompany{ID: "c-listed", Name: "Zenith Propulsion Co.", Country: "IR", Address: "12 Azadi St., Tehran",
		Phone: "+98 21 5555 0202", Registered: "2001-01-01", Directors: []string{"Nina Nominee"}, DirectorIDs: []string{"p-nominee"}})
	add(tripline.NetworkCompany{ID: "c-phone", Name: "Blue Lotus General Trading LLC", Country: "AE", Phone: "0098 21 55550101", Registered: "2015-03-03"})
	add(tripline.NetworkCompany{ID: "c-holding", Name: "Harbour Holdco Ltd", Country: "HK", Owners: []tripline.Shareholder{{Name: "Orbit Holdings Ltd.", Share: 0.7}}})
	add(tripline.NetworkCompany{ID: "c-chain", Name: "Riverside Components Ltd", Country: "HK", Owners: []tripline.Shareholder{{Name: "Harbour Holdco Ltd", Share: 0.6, ID: "c-holding"}}})
	add(tripline.NetworkCompany{ID: "c-aggregate", Name: "Quarry Parts FZE", Country: "AE", Owners: []tripline.Shareholder{{Name: "Alpha Trading L.L.C.", Share: 0.3}, {Name: "Beta Trading FZE", Share: 0.25}}})
	add(tripline.NetworkCompany{ID: "c-minority", Name: "Meadow Parts FZE", Country: "AE", Owners: []tripline.Shareholder{{Name: "Alpha Trading LLC", Share: 0.3}, {Name: "Sam Lawful", Share: 0.7}}})
	add(tripline.NetworkCompany{ID: "c-successor", Name: "Zenith Propulsion Group", Country: "TR", Phone: "+98-21-5555-0202", Registered: "2024-01-10"})
	add(tripline.NetworkCompany{ID: "c-namesake", Name: "Cedar Furniture Ltd", Country: "GB", Directors: []string{"Reza Rahimi"}, DirectorIDs: []string{"p-namesake"}})
	add(tripline.NetworkCompany{ID: "c-director", Name: "Pine Supplies Ltd", Country: "GB", Directors: []string{"Reza Rahimy"}, DirectorIDs: []string{"p-listed"}})
	add(tripline.NetworkCompany{ID: "c-trade", Name: "Swift Parcel Trading", Country: "AM"})
	add(tripline.NetworkCompany{ID: "c-email", Name: "Oak Tools Ltd", Country: "GE", Email: "sales@zenith-prop.ir"})
	add(tripline.NetworkCompany{ID: "c-free-mail", Name: "Elm Tools Ltd", Country: "GE", Email: "zenith@gmail.com"})
	add(tripline.NetworkCompany{ID: "c-other-unit", Name: "Birch Consulting", Country: "AE", Address: "Office 2, Hub Tower, Business Bay, Dubai"})
	for i := 0; i < 40; i++ {
		add(tripline.NetworkCompany{ID: fmt.Sprintf("c-tenant-%02d", i), Name: fmt.Sprintf("Tenant %02d Consulting", i), Country: "AE",
			Address: "Office 1, Hub Tower, Business Bay, Dubai"})
	}
	for i := 0; i < 60; i++ {
		add(tripline.NetworkCompany{ID: fmt.Sprintf("c-nominee-%02d", i), Name: fmt.Sprintf("Nominee Client %02d Ltd", i), Country: "CY",
			Directors: []string{"Nina Nominee"}, DirectorIDs: []string{"p-nominee"}})
	}
	for i := 0; i < 4; i++ {
		b.Shipments = append(b.Shipments, tripline.NetworkShipment{ID: fmt.Sprint("s", i), Shipper: "SWIFT PARCEL TRADING",
			Consignee: "Zenith Propulsion Company", HSCode: "8407.10", Destination: "IR"})
	}
	return b, listed
}

func mustScore(t *testing.T) (*graph.Graph, *graph.Scores) {
	t.Helper()
	b, listed := world()
	g, err := graph.Build(context.Background(), b, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g, g.Score("2025-01-01")
}

func TestRiskTypologies(t *testing.T) {
	_, s := mustScore(t)
	cases := []struct {
		id      string
		flagged bool
		linked  string
		say     string // in the top path's evidence
	}{
		{"c-listed", true, "test:1", "is ZENITH PROPULSION COMPANY"},
		{"c-phone", true, "test:1", "shares phone +982155550101 (2 holders)"},
		{"c-holding", true, "test:3", "blocked under the 50% rule"},
		{"c-chain", true, "test:3", "owned 60% by Harbour Holdco Ltd"},
		{"c-aggregate", true, "", "blocked under the 50% rule"},
		{"c-minority", false, "", ""},
		{"c-successor", true, "test:1", "shares phone"},
		{"c-namesake", false, "", ""},
		{"c-director", true, "test:2", "birth date 1970-05-05 agree"},
		{"c-trade", true, "test:1", "shipped 4 times"},
		{"c-email", true, "test:1", "shares domain zenith-prop.ir"},
		{"c-free-mail", false, "", ""},
		{"c-other-unit", false, "", ""},
		{"c-tenant-00", false, "", ""},
		{"c-nominee-00", false, "", ""},
	}
	for _, c := range cases {
		r, ok := s.Get(c.id)
		if !ok {
			t.Fatalf("%s: no result", c.id)
		}
		if r.Flagged != c.flagged {
			t.Errorf("%s: flagged = %v (risk %.3f), want %v; paths %+v", c.id, r.Flagged, r.Risk, c.flagged, r.Paths)
			continue
		}
		if r.Risk < 0 || r.Risk > 1 {
			t.Errorf("%s: risk %v outside [0,1]", c.id, r.Risk)
		}
		if c.linked != "" && (len(r.LinkedTo) == 0 || r.LinkedTo[0] != c.linked) {
			t.Errorf("%s: linked_to = %v, want %s first", c.id, r.LinkedTo, c.linked)
		}
		if c.say != "" {
			var all []string
			for _, p := range r.Paths {
				for _, st := range p.Steps {
					all = append(all, st.Evidence)
				}
			}
			if !strings.Contains(strings.Join(all, " | "), c.say) {
				t.Errorf("%s: evidence %q lacks %q", c.id, all, c.say)
			}
		}
	}
}

func TestRanked(t *testing.T) {
	_, s := mustScore(t)
	all, flagged := s.Ranked(false), s.Ranked(true)
	if len(all) != len(s.Results) || len(flagged) == 0 || len(flagged) >= len(all) {
		t.Fatalf("ranked %d of %d, flagged %d", len(all), len(s.Results), len(flagged))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Risk > all[i-1].Risk {
			t.Fatalf("not by falling risk at %d: %v after %v", i, all[i].Risk, all[i-1].Risk)
		}
	}
	for _, r := range flagged {
		if !r.Flagged {
			t.Errorf("%s in the flagged list", r.ID)
		}
	}
}

func TestRiskChainPathAndTiming(t *testing.T) {
	_, s := mustScore(t)
	r, _ := s.Get("c-chain")
	if len(r.Paths) == 0 || len(r.Paths[0].Steps) != 2 {
		t.Fatalf("two-hop chain: want a path of 2 steps, got %+v", r.Paths)
	}
	if st := r.Paths[0].Steps; st[0].To != "c-holding" || st[1].To != "test:3" {
		t.Errorf("chain path = %+v", st)
	}
	succ, _ := s.Get("c-successor")
	found := false
	for _, f := range succ.Factors {
		found = found || f.Kind == "registered_after_designation"
	}
	if !found {
		t.Errorf("successor registered 2024-01-10 after a 2023-05-01 listing: factors %+v", succ.Factors)
	}
	phone, _ := s.Get("c-phone")
	for _, f := range phone.Factors {
		if f.Kind == "registered_after_designation" {
			t.Errorf("c-phone registered 2015, before the listing, got %+v", f)
		}
	}
	if phone.Params == "" {
		t.Error("result carries no params version")
	}
}

func TestNeighbourhoodAndPath(t *testing.T) {
	g, _ := mustScore(t)
	v, err := g.Neighbourhood("c-phone", 2, 50)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, n := range v.Nodes {
		ids[n.ID] = true
	}
	if !ids["listed:test:1"] || !ids["company:c-phone"] {
		t.Errorf("neighbourhood of c-phone lacks the listed entity: %v", ids)
	}
	for _, e := range v.Edges {
		if !ids[e.From] || !ids[e.To] {
			t.Errorf("edge %v leaves the view", e)
		}
	}
	edges, nodes, err := g.ShortestPath("c-chain", "test:3", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 2 || len(nodes) != 3 || edges[0].Kind != "owns" || edges[0].Share != 0.6 {
		t.Errorf("path c-chain → test:3 = %+v %+v", edges, nodes)
	}
	// the tenants reach the listed entity only through a 41-holder address
	if _, _, err := g.ShortestPath("c-tenant-00", "test:1", 10); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("path through a hub address: err = %v, want NotFound", err)
	}
	if _, err := g.Neighbourhood("nope", 1, 10); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("unknown id: err = %v", err)
	}
}

// screener is a real tripline.Screener over a fixed answer table: it finds
// what a name index would for one query.
type tableScreener map[string]tripline.Match

func (t tableScreener) Screen(_ context.Context, qs []tripline.Query, _ tripline.ScreenOptions) ([]tripline.Result, error) {
	var out []tripline.Result
	for _, q := range qs {
		r := tripline.Result{ID: q.ID}
		if m, ok := t[q.Name]; ok {
			r.Matches = append(r.Matches, m)
		}
		out = append(out, r)
	}
	return out, nil
}

// TestScreenerResolves: the injected screener adds candidates the
// built-in retrieval does not find (no word spelt the same), and a
// candidate whose words do not align (an extra distinctive word the
// engine's score passed over) does not count.
func TestScreenerResolves(t *testing.T) {
	b, listed := world()
	b.Companies = append(b.Companies,
		tripline.NetworkCompany{ID: "c-typos", Name: "Zeneth Propulshon", Country: "IR"},
		tripline.NetworkCompany{ID: "c-extra", Name: "Zenith Gold Propulsion", Country: "IR"})
	scr := tableScreener{"Zeneth Propulshon": {ID: "test:1", Score: 0.9}, "Zenith Gold Propulsion": {ID: "test:1", Score: 0.95}}
	g, err := graph.Build(context.Background(), b, listed, graph.Options{Screener: scr})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := g.Score("").Get("c-typos"); !r.Flagged || len(r.LinkedTo) == 0 || r.LinkedTo[0] != "test:1" {
		t.Errorf("screener match not used: %+v", r)
	}
	if r, _ := g.Score("").Get("c-extra"); r.Flagged {
		t.Errorf("screener match with an unaligned word used: %+v", r)
	}
	g, err = graph.Build(context.Background(), b, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := g.Score("").Get("c-typos"); r.Flagged {
		t.Errorf("built-in matcher found c-typos on its own; the test needs a harder name: %+v", r)
	}
}

// TestFiftyPercentRule: stakes of listed and blocked owners add up, shares
// are not multiplied down a chain, and circular ownership among unlisted
// companies blocks nobody.
func TestFiftyPercentRule(t *testing.T) {
	listed := []*tripline.Entity{{ID: "test:L", Schema: tripline.SchemaOrganization,
		Names: []tripline.Name{{Full: "LODESTAR ARMAMENTS", Kind: tripline.NamePrimary}}}}
	b := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{
		{ID: "a", Name: "Alder Holding", Owners: []tripline.Shareholder{{Name: "Lodestar Armaments", Share: 0.5}}},
		{ID: "b", Name: "Birch Holding", Owners: []tripline.Shareholder{{Name: "Alder Holding", ID: "a", Share: 0.5}}},
		// 30 % listed + 25 % through blocked b: 55 %, blocked
		{ID: "c", Name: "Cypress Parts", Owners: []tripline.Shareholder{{Name: "Lodestar Armaments", Share: 0.3}, {Name: "Birch Holding", ID: "b", Share: 0.25}, {Name: "Sam Smith", Share: 0.45}}},
		// 49 %: not blocked
		{ID: "d", Name: "Dogwood Parts", Owners: []tripline.Shareholder{{Name: "Lodestar Armaments", Share: 0.49}, {Name: "Jo Brown", Share: 0.51}}},
		// a ring of unlisted companies
		{ID: "r1", Name: "Ring One", Owners: []tripline.Shareholder{{Name: "Ring Two", ID: "r2", Share: 0.6}}},
		{ID: "r2", Name: "Ring Two", Owners: []tripline.Shareholder{{Name: "Ring One", ID: "r1", Share: 0.6}}},
	}}
	g, err := graph.Build(context.Background(), b, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := g.Score("")
	for id, blocked := range map[string]bool{"a": true, "b": true, "c": true, "d": false, "r1": false, "r2": false} {
		r, _ := s.Get(id)
		isBlocked := false
		for _, p := range r.Paths {
			isBlocked = isBlocked || strings.Contains(p.Steps[0].Evidence, "50% rule")
		}
		if isBlocked != blocked {
			t.Errorf("%s: blocked = %v (risk %.3f, paths %+v), want %v", id, isBlocked, r.Risk, r.Paths, blocked)
		}
	}
	if r, _ := s.Get("d"); r.Risk <= 0 || r.Risk >= 0.95 {
		t.Errorf("a 49%% listed stake is a risk signal, not a block: %+v", r)
	}
	if r, _ := s.Get("r1"); r.Risk != 0 {
		t.Errorf("unlisted ring got risk %v", r.Risk)
	}
}

// TestRarityDamping: one shared phone with a listed party flags; the same
// phone shared by 60 companies does not.
func TestRarityDamping(t *testing.T) {
	listed := []*tripline.Entity{{ID: "test:L", Schema: tripline.SchemaOrganization,
		Names: []tripline.Name{{Full: "LODESTAR ARMAMENTS", Kind: tripline.NamePrimary}}, Phones: []string{"+7 495 111 2233"}}}
	for _, n := range []int{1, 60} {
		b := &tripline.NetworkRecords{}
		for i := 0; i < n; i++ {
			// a national number is read in the record's country
			b.Companies = append(b.Companies, tripline.NetworkCompany{ID: fmt.Sprint("c", i), Name: fmt.Sprint("Company ", i), Country: "RU", Phone: "8 (495) 111-22-33"})
		}
		g, err := graph.Build(context.Background(), b, listed, graph.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := g.Score("").Get("c0")
		if want := n == 1; r.Flagged != want {
			t.Errorf("%d holders: flagged %v (risk %.3f), want %v", n, r.Flagged, r.Risk, want)
		}
	}
}
