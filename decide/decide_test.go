package decide

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/rules"
)

// sdnScreener is a tiny screener over a handful of real OFAC SDN records
// (2025-01 list), matching names exactly after folding case, punctuation
// and the legal forms Co./Company and Ltd/Limited. The real engine is
// package match; this one only exercises the wiring.
type sdnScreener struct{ calls, queries int }

var sdnNames = map[string][2]string{
	"pishgam electronic safeh company": {"ofac-sdn:44782", "PISHGAM ELECTRONIC SAFEH COMPANY"},
	"dirac technology hk limited":      {"ofac-sdn:46920", "DIRAC TECHNOLOGY HK LIMITED"},
	"bukey murat":                      {"ofac-sdn:41484", "BUKEY, Murat"},
	"murat bukey":                      {"ofac-sdn:41484", "BUKEY, Murat"},
}

func fold(s string) string {
	s = strings.ToLower(s)
	s = " " + strings.Join(strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(s)), " ") + " "
	s = strings.NewReplacer(" co ", " company ", " ltd ", " limited ").Replace(s)
	return strings.TrimSpace(s)
}

func (s *sdnScreener) Screen(ctx context.Context, qs []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	s.calls++
	s.queries += len(qs)
	out := make([]tripline.Result, len(qs))
	for i, q := range qs {
		out[i] = tripline.Result{ID: q.ID, Algorithm: "exact-test", Snapshots: map[string]int64{"ofac-sdn": 7}, Matches: []tripline.Match{}}
		if e, ok := sdnNames[fold(q.Name)]; ok {
			out[i].Matches = append(out[i].Matches, tripline.Match{ID: e[0], Source: "ofac-sdn", Name: e[1], Score: 1})
		}
	}
	return out, nil
}

func newChecker(t testing.TB, s tripline.Screener) *Checker {
	t.Helper()
	env, rs := mustDefault(t)
	return New(s, env, rs)
}

// readOrders reads a file of orders with the readers of users' files.
func readOrders(t testing.TB, path string) []*tripline.Transaction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	txs, err := tabular.ReadOrders(f, path, tabular.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	return txs
}

func has(d *tripline.Decision, category string) bool {
	for _, f := range d.Flags {
		if f.Category == category {
			return true
		}
	}
	return false
}

func TestCheckOwnCases(t *testing.T) {
	sc := &sdnScreener{}
	c := newChecker(t, sc)
	txs := readOrders(t, "testdata/orders.jsonl")
	ds, err := c.CheckAll(context.Background(), txs)
	if err != nil {
		t.Fatal(err)
	}
	if sc.calls != 1 {
		t.Errorf("%d screening calls for a batch, want 1", sc.calls)
	}
	byID := map[string]*tripline.Decision{}
	for i, d := range ds {
		if d.ID != txs[i].ID {
			t.Fatalf("decision %d is %s, want %s (input order)", i, d.ID, txs[i].ID)
		}
		byID[d.ID] = d
		if d.Versions["catalogue"] == "" || d.Versions["rules"] == "" || d.Versions["list:ofac-sdn"] != "7" || d.Versions["scoring"] == "" {
			t.Errorf("%s: versions %v", d.ID, d.Versions)
		}
		for _, f := range d.Flags {
			if f.Rule == "" || f.Source == "" || f.Category == "" || f.Severity == "" {
				t.Errorf("%s: untraceable flag %+v", d.ID, f)
			}
		}
	}

	// A listed party appearing only as the payer.
	d := byID["t-payer"]
	if d.Risk != tripline.RiskHigh || len(d.PartyHits) != 1 || d.PartyHits[0].Role != "payer" || d.PartyHits[0].ID != "ofac-sdn:44782" {
		t.Errorf("t-payer: risk %s hits %+v", d.Risk, d.PartyHits)
	}
	if !has(d, "party_match") || !has(d, "third_party_payment") {
		t.Errorf("t-payer flags %+v", d.Flags)
	}

	// A listed party only as notify party; the item given only by a
	// watch-listed part number with a packaging suffix.
	d = byID["t-notify"]
	if d.Risk != tripline.RiskHigh || len(d.PartyHits) != 1 || d.PartyHits[0].Role != "notify_party" {
		t.Errorf("t-notify: risk %s hits %+v", d.Risk, d.PartyHits)
	}
	g := d.Goods[0]
	if g.HSCode != "8542.31" || g.HSSource != "part_number" || g.CHPLTier != "1" || len(g.Controls) == 0 {
		t.Errorf("t-notify goods %+v", g)
	}

	// Items by part number only, no listed party: the engine family and
	// the red flags around it decide.
	d = byID["t-partonly"]
	if d.Goods[0].HSCode != "8407.10" || d.Goods[0].UAV == "" || len(d.PartyHits) != 0 {
		t.Errorf("t-partonly goods %+v hits %+v", d.Goods, d.PartyHits)
	}
	for _, cat := range []string{"uav_item", "industry_mismatch", "transshipment", "unusual_payment", "new_company", "free_mail", "residential_address", "end_use_missing"} {
		if !has(d, cat) {
			t.Errorf("t-partonly lacks %s: %+v", cat, d.Flags)
		}
	}
	if d.Risk != tripline.RiskHigh {
		t.Errorf("t-partonly risk %s score %g", d.Risk, d.Score)
	}

	// Goods given only in words, a consignee written in Chinese, notes in
	// other phrasings.
	d = byID["t-words"]
	if d.Goods[0].CHPLTier != "1" || d.Goods[0].HSSource != "description" || d.Goods[1].HSCode != "8532.21" {
		t.Errorf("t-words goods %+v", d.Goods)
	}
	for _, cat := range []string{"chpl_item", "freight_forwarder_consignee", "free_mail", "new_company", "transshipment",
		"third_party_payment", "end_use_missing", "evasive_customer", "vague_delivery"} {
		if !has(d, cat) {
			t.Errorf("t-words lacks %s: %+v", cat, d.Flags)
		}
	}
	if d.Risk != tripline.RiskHigh {
		t.Errorf("t-words risk %s", d.Risk)
	}

	// CHPL goods for a documented lawful end user: a note, no hold.
	if d = byID["t-university"]; d.Risk != tripline.RiskLow || len(d.Flags) != 1 || d.Flags[0].Category != "chpl_item" {
		t.Errorf("t-university: %s %+v", d.Risk, d.Flags)
	}
	// Ordinary goods to an embargoed country: due diligence, not a hold.
	if d = byID["t-ordinary-ru"]; d.Risk != tripline.RiskLow && d.Risk != tripline.RiskMedium || !has(d, "destination_embargo") {
		t.Errorf("t-ordinary-ru: %s %+v", d.Risk, d.Flags)
	}

	d = byID["t-clean"]
	if d.Risk != tripline.RiskClear || len(d.Flags) != 0 || d.Score != 0 {
		t.Errorf("t-clean: %s %g %+v", d.Risk, d.Score, d.Flags)
	}
}

func TestCheckWithoutScreener(t *testing.T) {
	c := newChecker(t, nil)
	d, err := c.Check(context.Background(), readOrders(t, "testdata/orders.jsonl")[0])
	if err != nil {
		t.Fatal(err)
	}
	if d.Versions["screening"] != "none" || len(d.PartyHits) != 0 {
		t.Errorf("versions %v hits %v", d.Versions, d.PartyHits)
	}
}

type failScreener struct{}

func (failScreener) Screen(context.Context, []tripline.Query, tripline.ScreenOptions) ([]tripline.Result, error) {
	return nil, tripline.Errorf(tripline.KindUnavailable, "index loading")
}

func TestCheckErrors(t *testing.T) {
	c := newChecker(t, failScreener{})
	tx := readOrders(t, "testdata/orders.jsonl")[0]
	if _, err := c.Check(context.Background(), tx); tripline.ErrorKind(err) != tripline.KindUnavailable {
		t.Errorf("screener error passed as %v", err)
	}
	c = newChecker(t, nil)
	c.MaxItems = 1
	tx.Items = append(tx.Items, tx.Items[0])
	if _, err := c.Check(context.Background(), tx); tripline.ErrorKind(err) != tripline.KindTooLarge {
		t.Errorf("oversized transaction: %v", err)
	}
	if _, err := c.Check(context.Background(), nil); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("nil transaction: %v", err)
	}
}

func TestScoring(t *testing.T) {
	s := DefaultScoring
	for _, tc := range []struct {
		sev  []string
		cats []string
		want tripline.Risk
	}{
		{nil, nil, tripline.RiskClear},
		{[]string{"low"}, []string{"free_mail"}, tripline.RiskLow},
		{[]string{"low", "low"}, []string{"free_mail", "free_mail"}, tripline.RiskLow},
		{[]string{"low", "medium"}, []string{"chpl_item", "transshipment"}, tripline.RiskMedium},
		{[]string{"high"}, []string{"party_match"}, tripline.RiskHigh},
		{[]string{"low", "medium", "medium", "low"}, []string{"chpl_item", "transshipment", "end_use_missing", "free_mail"}, tripline.RiskHigh},
	} {
		var flags []tripline.Flag
		for i := range tc.sev {
			flags = append(flags, tripline.Flag{Severity: tc.sev[i], Category: tc.cats[i]})
		}
		if got, score := s.Risk(flags); got != tc.want {
			t.Errorf("risk(%v) = %s (%g), want %s", tc.cats, got, score, tc.want)
		}
	}
}

func TestScreeningOncePerParty(t *testing.T) {
	sc := &sdnScreener{}
	c := newChecker(t, sc)
	txs := readOrders(t, "testdata/orders.jsonl")
	twice := append(append([]*tripline.Transaction{}, txs...), txs...)
	ds, err := c.CheckAll(context.Background(), twice)
	if err != nil {
		t.Fatal(err)
	}
	parties := 0
	for _, tx := range txs {
		for _, p := range tx.Parties {
			if p.Role != "seller" {
				parties++
			}
		}
	}
	if sc.queries != parties {
		t.Errorf("%d queries for %d distinct parties", sc.queries, parties)
	}
	if len(ds[1].PartyHits) != 1 || len(ds[len(txs)+1].PartyHits) != 1 {
		t.Errorf("repeated party lost its hit: %+v / %+v", ds[1].PartyHits, ds[len(txs)+1].PartyHits)
	}

	c.CacheSize = 100
	sc.queries = 0
	if _, err := c.CheckAll(context.Background(), txs); err != nil {
		t.Fatal(err)
	}
	first := sc.queries
	d, err := c.Check(context.Background(), txs[0])
	if err != nil {
		t.Fatal(err)
	}
	if sc.queries != first || len(d.PartyHits) != 1 || d.PartyHits[0].Role != "payer" || d.Versions["list:ofac-sdn"] != "7" {
		t.Errorf("cached check: %d queries after %d; hits %+v versions %v", sc.queries, first, d.PartyHits, d.Versions)
	}
}

func TestPartyType(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Example Trading Co., Ltd.", "organization"},
		{"OOO \"Tekhnoprom\"", "organization"},
		{"Illumove SA", "organization"},
		{"Murat Bukey", ""},
		{"Ab Rahman bin Ali", ""},
		{"BUKEY, Murat", ""},
	} {
		if got := partyType(tripline.Party{Name: tc.name}); got != tc.want {
			t.Errorf("partyType(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestScreenerFunc(t *testing.T) {
	inner := &sdnScreener{}
	c := newChecker(t, ScreenerFunc(func(ctx context.Context, qs []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
		return inner.Screen(ctx, qs, opt)
	}))
	d, err := c.Check(context.Background(), readOrders(t, "testdata/orders.jsonl")[1])
	if err != nil || len(d.PartyHits) != 1 || inner.calls != 1 {
		t.Errorf("err %v hits %+v calls %d", err, d.PartyHits, inner.calls)
	}
}

// Rules compiled in one environment are not evaluated over the facts of
// another: their functions would answer from another catalogue.
func TestRulesOfAnotherEnvRefused(t *testing.T) {
	_, rs := mustDefault(t)
	c := New(nil, mustEnv(t), rs)
	tx := readOrders(t, "testdata/orders.jsonl")[0]
	if _, err := c.Check(context.Background(), tx); tripline.ErrorKind(err) != tripline.KindInternal {
		t.Errorf("rules of another environment: %v", err)
	}
	for _, c := range []*Checker{New(nil, nil, rs), New(nil, mustEnv(t), nil), {}} {
		if _, err := c.Check(context.Background(), tx); tripline.ErrorKind(err) != tripline.KindInternal {
			t.Errorf("incomplete checker: %v", err)
		}
	}
}

// A rule that fails on some transaction is reported, once per failure,
// and raises nothing there; the other rules still decide.
func TestRuleErrorReported(t *testing.T) {
	env := mustEnv(t)
	rs, err := env.Rules(rules.File{Name: "house.rules", Text: strings.NewReader(
		`{"id":"H-1","source":"house","category":"free_mail","severity":"low","reason":"r","when":"order.no_such_field == 1"}`)})
	if err != nil {
		t.Fatal(err)
	}
	c := New(nil, env, rs)
	var got []string
	c.RuleError = func(id string, err error) { got = append(got, id+": "+err.Error()) }
	txs := readOrders(t, "testdata/orders.jsonl")
	ds, err := c.CheckAll(context.Background(), txs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(txs) || !strings.Contains(got[0], "rule H-1 (house.rules:1)") {
		t.Errorf("rule errors %q", got)
	}
	if !has(ds[0], "party_match") && !has(ds[0], "third_party_payment") {
		t.Errorf("other rules did not decide: %+v", ds[0].Flags)
	}
}

// TestCheckCSVOrders decides the orders of a spreadsheet as the CLI reads
// them.
func TestCheckCSVOrders(t *testing.T) {
	txs := readOrders(t, "testdata/orders.csv")
	if len(txs) != 2 {
		t.Fatalf("%d transactions, want 2", len(txs))
	}
	a := txs[0]
	if a.ID != "c1" || len(a.Items) != 2 || a.Items[1].Quantity != 1000 || len(a.Parties) != 2 || a.Route.Transit[0] != "AE" || a.Notes == "" {
		t.Errorf("c1 = %+v", a)
	}
	d, err := newChecker(t, nil).Check(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	for _, cat := range []string{"chpl_item", "destination_embargo", "freight_forwarder_consignee", "free_mail", "overpricing", "third_party_payment"} {
		if !has(d, cat) {
			t.Errorf("c1 lacks %s: %+v", cat, d.Flags)
		}
	}
	if d.Risk != tripline.RiskHigh {
		t.Errorf("c1 risk %s", d.Risk)
	}
}

// FuzzCheckJSONL decides every order that reads from arbitrary JSON lines.
func FuzzCheckJSONL(f *testing.F) {
	b, _ := os.ReadFile("testdata/orders.jsonl")
	f.Add(string(b))
	f.Add(`{"id":"x","items":[{"description":"a","hs_code":"8542"}]}`)
	f.Add(`{"id":"x","parties":[{"role":"buyer","name":" a ","country":" ae "}],"items":[{"description":"a","hs_code":"8542"}],"route":{"transit":[""," ir"]}}`)
	c := newChecker(f, &sdnScreener{})
	f.Fuzz(func(t *testing.T, s string) { checkEach(t, c, s, tabular.FormatJSONL) })
}

// FuzzCheckCSV decides every order that reads from arbitrary CSV.
func FuzzCheckCSV(f *testing.F) {
	b, _ := os.ReadFile("testdata/orders.csv")
	f.Add(string(b))
	f.Add("id,item_quantity\n1,2\n")
	c := newChecker(f, &sdnScreener{})
	f.Fuzz(func(t *testing.T, s string) { checkEach(t, c, s, tabular.FormatCSV) })
}

// checkEach decides each order of s that reads without an error: never a
// panic, and a decision for every order within the limits.
func checkEach(t *testing.T, c *Checker, s string, f tabular.Format) {
	or, err := tabular.NewOrderReader(strings.NewReader(s), "fuzz", f)
	if err != nil {
		return
	}
	for {
		tx, err := or.Next()
		if err == io.EOF || err != nil && !tabular.IsRowError(err) {
			return
		}
		if err != nil {
			continue
		}
		d, err := c.Check(context.Background(), tx)
		if err != nil {
			if tripline.ErrorKind(err) != tripline.KindTooLarge {
				t.Fatalf("check: %v", err)
			}
			continue
		}
		if d.ID != tx.ID || len(d.Goods) != len(tx.Items) || d.Versions["rules"] == "" {
			t.Fatalf("decision %+v", d)
		}
	}
}
