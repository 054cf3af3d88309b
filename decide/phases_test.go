package decide

import (
	"context"
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

func TestNormalize(t *testing.T) {
	tx := &tripline.Transaction{ID: "n",
		Parties: []tripline.Party{{Role: "buyer", Name: " Example LLC ", Country: " ae"}},
		Items:   []tripline.Item{{Description: "x", Currency: "eur "}},
		Route:   tripline.Route{Origin: "de", Transit: []string{" tr", ""}, Destination: "ir "},
		Payment: tripline.Payment{Method: " Wire", PayerCountry: "hk", Currency: "usd"}}
	n, err := Normalize(tx, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := tripline.Transaction{ID: "n",
		Parties: []tripline.Party{{Role: "buyer", Name: " Example LLC ", Country: "AE"}},
		Items:   []tripline.Item{{Description: "x", Currency: "EUR"}},
		Route:   tripline.Route{Origin: "DE", Transit: []string{"TR", ""}, Destination: "IR"},
		Payment: tripline.Payment{Method: "wire", PayerCountry: "HK", Currency: "USD"}}
	if !reflect.DeepEqual(*n, want) {
		t.Errorf("Normalize = %+v\nwant %+v", *n, want)
	}
	if tx.Parties[0].Country != " ae" || tx.Route.Transit[0] != " tr" || tx.Items[0].Currency != "eur " {
		t.Errorf("input changed: %+v", tx)
	}
	for _, tc := range []struct {
		lim     Limits
		tooMany bool
	}{{Limits{MaxParties: 1}, false}, {Limits{MaxItems: 1}, false}, {Limits{MaxParties: -1}, true}, {Limits{MaxItems: -1}, true}} {
		_, err := Normalize(tx, tc.lim)
		if (err != nil) != tc.tooMany || (tc.tooMany && tripline.ErrorKind(err) != tripline.KindTooLarge) {
			t.Errorf("limits %+v: %v", tc.lim, err)
		}
	}
	if _, err := Normalize(nil, Limits{}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("nil: %v", err)
	}
}

func TestScreenPhase(t *testing.T) {
	txs := []*tripline.Transaction{
		{ID: "a", Parties: []tripline.Party{{Role: "seller", Name: "Us GmbH", Country: "DE"}, {Role: "buyer", Name: "Dirac Technology HK Limited", Country: "HK"},
			{Role: "payer", Name: " "}, {Role: "consignee", Name: "Other Ltd", Country: "HK"}}},
		{ID: "b", Parties: []tripline.Party{{Role: "end_user", Name: "Dirac Technology HK Limited ", Country: "HK"}, {Role: "buyer", Name: "Dirac Technology HK Limited", Country: "CN"}}},
	}
	qs, keys, queryOf := partyQueries(txs)
	if len(qs) != 3 || len(keys) != 3 || qs[0].Type != "organization" || qs[0].ID != "0" {
		t.Fatalf("queries %+v", qs)
	}
	if want := [][]int{{-1, 0, -1, 1}, {0, 2}}; !reflect.DeepEqual(queryOf, want) {
		t.Errorf("queryOf %v, want %v", queryOf, want)
	}
	m := func(id, src string, score float64) tripline.Match {
		return tripline.Match{ID: id, Source: src, Name: id, Score: score}
	}
	results := []*tripline.Result{
		{Matches: []tripline.Match{m("ofac-sdn:1", "ofac-sdn", 0.98765), m("ofac-sdn:2", "ofac-sdn", 0.9), m("eu-fsf:9", "eu-fsf", 0.91)}},
		nil,
		{Matches: []tripline.Match{}},
	}
	hits := partyHits(txs, queryOf, results)
	if len(hits[0]) != 2 || hits[0][0].ID != "ofac-sdn:1" || hits[0][0].Score != 0.988 || hits[0][1].ID != "eu-fsf:9" || hits[0][0].Role != "buyer" {
		t.Errorf("hits of a %+v", hits[0])
	}
	if len(hits[1]) != 2 || hits[1][0].Role != "end_user" || hits[1][0].Party != "Dirac Technology HK Limited " {
		t.Errorf("hits of b %+v", hits[1])
	}

	c := newChecker(t, nil)
	if h, v, err := c.screenParties(context.Background(), txs); err != nil || len(h) != 2 || v["screening"] != "none" {
		t.Errorf("without screener: %v %v %v", h, v, err)
	}
	sc := &sdnScreener{}
	c = newChecker(t, sc)
	h, v, err := c.screenParties(context.Background(), txs)
	if err != nil || sc.queries != 3 || v["screening"] != "exact-test" || v["list:ofac-sdn"] != "7" || len(h[0]) != 1 || h[0][0].ID != "ofac-sdn:46920" {
		t.Errorf("screened: %+v %v %v (%d queries)", h, v, err, sc.queries)
	}
}

func TestClassifyGoods(t *testing.T) {
	cat, _ := goods.Default()
	items := ClassifyGoods(cat, []tripline.Item{{Description: "32-bit MCU", PartNumber: "STM32F765VIT6TR"}, {Description: "Chairs", HSCode: "9401.61"}})
	if len(items) != 2 || items[0].CHPLTier != "1" || items[0].HSSource != "part_number" || items[1].Item != 1 || items[1].CHPLTier != "" {
		t.Errorf("classified %+v", items)
	}
}

func TestDecision(t *testing.T) {
	versions := map[string]string{"rules": "r"}
	d := DefaultScoring.Decision("x", nil, nil, []goods.Item{{GoodsLine: tripline.GoodsLine{Item: 0, HSCode: "8542.31"}}}, versions)
	if d.ID != "x" || d.Risk != tripline.RiskClear || d.Flags == nil || d.PartyHits == nil || d.Goods[0].HSCode != "8542.31" {
		t.Errorf("decision %+v", d)
	}
	d.Versions["rules"] = "changed"
	if versions["rules"] != "r" {
		t.Error("decision shares the versions map")
	}
	d = DefaultScoring.Decision("y", []tripline.Flag{{Category: "party_match", Severity: "high"}}, nil, nil, versions)
	if d.Risk != tripline.RiskHigh || d.Score != 6 {
		t.Errorf("decision %+v", d)
	}
}

// catalogueWithHub is the built-in catalogue with one country added to the
// transshipment points, as a refreshed --catalogue DIR would have it.
func catalogueWithHub(t *testing.T, country string) *goods.Catalogue {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"hs.tsv", "chpl.tsv", "uav.tsv", "annex1.tsv", "parts.tsv", "partfamilies.tsv", "countries.tsv"} {
		b, err := goods.DataFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "countries.tsv" {
			b = append(b, []byte("hub\t"+country+"\tadded by a test\n")...)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	cat, err := goods.Load(fs.FS(fsys))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// With a catalogue of its own, the facts and the functions rules call
// agree: both are bound to the catalogue in use, not the built-in one.
func TestFactsAndFunctionsShareTheCatalogue(t *testing.T) {
	const agree = `{"id":"T-DISAGREE","source":"test","category":"transshipment","severity":"low","reason":"hub() and the facts disagree","when":"parties.exists(p, p.hub != hub(p.country)) || order.hub_countries.exists(c, !hub(c)) || groups.hub.exists(c, !hub(c))"}
{"id":"T-MN","source":"test","category":"transshipment","severity":"low","reason":"Mongolia is a hub","when":"hub('MN') && 'MN' in groups.hub"}
`
	tx := &tripline.Transaction{ID: "mn", Date: "2025-03-01",
		Parties: []tripline.Party{{Role: "buyer", Name: "Example Steppe LLC", Country: "mn", Industry: "electronics manufacturing"}},
		Items:   []tripline.Item{{Description: "microcontroller", HSCode: "8542.31", Quantity: 100, UnitValue: 5}},
		Route:   tripline.Route{Origin: "DE", Destination: "MN"}, EndUse: "Production of industrial controllers"}
	builtin, _ := goods.Default()
	for _, tc := range []struct {
		name string
		cat  *goods.Catalogue
		want string
	}{
		{"refreshed catalogue", catalogueWithHub(t, "MN"), "FINCEN-BIS-2022-23-09|chpl_item FINCEN-BIS-2022-23-06|transshipment T-MN|transshipment"},
		{"built-in catalogue", builtin, "FINCEN-BIS-2022-23-09|chpl_item"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, err := NewEnv(tc.cat)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := env.Rules(userFile("test.rules", agree))
			if err != nil {
				t.Fatal(err)
			}
			if got := ruleIDs(evaluate(t, env, rs, tx, nil)); got != tc.want {
				t.Errorf("flags %s, want %s", got, tc.want)
			}
			d, err := New(nil, env, rs).Check(context.Background(), tx)
			if err != nil || d.Versions["catalogue"] != tc.cat.Version {
				t.Errorf("decision versions %v, err %v", d.Versions, err)
			}
		})
	}
}

// notesLength is a fact source of the shape text indicators, prices and
// history will take: its own variable, function and category.
type notesLength struct{ err error }

func (s notesLength) Schema() rules.Schema {
	return rules.Schema{
		Variables:  []rules.Variable{{Name: "notes_stats", Type: rules.MapOf(rules.DynType), Doc: "notes_words"}},
		Functions:  []rules.Function{rules.Func1("shouting", "all upper case", func(s string) bool { return s != "" && s == strings.ToUpper(s) })},
		Categories: []string{"long_notes"},
	}
}

func (s notesLength) Derive(ctx context.Context, f *Facts) error {
	if s.err != nil {
		return s.err
	}
	order := f.Get("order").(map[string]any) // the built-in facts come first
	f.Set("notes_stats", map[string]any{"notes_words": int64(len(strings.Fields(order["notes"].(string))))})
	return nil
}

func TestFactSource(t *testing.T) {
	cat, _ := goods.Default()
	env, err := NewEnv(cat, notesLength{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := env.Rules(userFile("text.rules", `{"id":"T-LONG","source":"test","category":"long_notes","severity":"medium","reason":"long notes","when":"notes_stats.notes_words > 3 && shouting(order.notes)"}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(env.Schema().Variables) != 10 {
		t.Errorf("schema %+v", env.Schema().Variables)
	}
	c := New(nil, env, rs)
	d, err := c.Check(context.Background(), &tripline.Transaction{ID: "t", Notes: "SHIP IT NOW PLEASE"})
	if err != nil || !has(d, "long_notes") {
		t.Errorf("decision %+v, err %v", d, err)
	}
	// Without the source its variable and category are unknown.
	if _, err := mustEnv(t).Rules(userFile("text.rules", `{"id":"T-LONG","source":"test","category":"free_mail","severity":"low","reason":"r","when":"notes_stats.notes_words > 3"}`)); err == nil {
		t.Error("a variable of no source compiled")
	}
	boom := errors.New("history store unavailable")
	env, _ = NewEnv(cat, notesLength{err: boom})
	rs, _ = env.Rules()
	if _, err := New(nil, env, rs).Check(context.Background(), &tripline.Transaction{ID: "t"}); !errors.Is(err, boom) {
		t.Errorf("source error: %v", err)
	}
}
