package decide

import (
	"context"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

// mustEnv is the rule environment of the built-in catalogue.
func mustEnv(tb testing.TB) *Env {
	tb.Helper()
	cat, err := goods.Default()
	if err != nil {
		tb.Fatal(err)
	}
	env, err := NewEnv(cat)
	if err != nil {
		tb.Fatal(err)
	}
	return env
}

// mustDefault is the built-in rules in the environment of the built-in
// catalogue.
func mustDefault(tb testing.TB) (*Env, *rules.Set) {
	tb.Helper()
	env := mustEnv(tb)
	s, err := env.Rules()
	if err != nil {
		tb.Fatal(err)
	}
	return env, s
}

func userFile(name, text string) rules.File {
	return rules.File{Name: name, Text: strings.NewReader(text)}
}

func TestDefaultRulesLoad(t *testing.T) {
	_, s := mustDefault(t)
	if len(s.Rules()) < 25 {
		t.Errorf("%d default rules", len(s.Rules()))
	}
	if !strings.HasPrefix(s.Version, "rules-") || len(s.Version) != len("rules-")+64 {
		t.Errorf("version %q", s.Version)
	}
	for _, r := range s.Rules() {
		if r.Source == "" || r.Reason == "" || r.Category == "" {
			t.Errorf("rule %s lacks source, reason or category", r.ID)
		}
	}
}

func TestBadRuleRejectedWithLine(t *testing.T) {
	good := `{"id":"X-1","source":"test","category":"free_mail","severity":"low","reason":"r","when":"true"}`
	for _, tc := range []struct {
		name, text, want string
		line             int
	}{
		{"syntax", good + "\n\n" + `{"id":"X-2","source":"s","category":"free_mail","severity":"low","reason":"r","when":"order.notes ==="}`, "when:", 3},
		{"not bool", good + "\n" + `{"id":"X-2","source":"s","category":"free_mail","severity":"low","reason":"r","when":"order.notes.size()"}`, "bool", 2},
		{"unknown variable", `# c` + "\n" + `{"id":"X-2","source":"s","category":"free_mail","severity":"low","reason":"r","when":"customer.name == 'x'"}`, "undeclared", 2},
		{"unknown function", `{"id":"X-2","source":"s","category":"free_mail","severity":"low","reason":"r","when":"shady(order.notes)"}`, "shady", 1},
		{"bad severity", `{"id":"X-2","source":"s","category":"free_mail","severity":"grave","reason":"r","when":"true"}`, "severity", 1},
		{"bad category", `{"id":"X-2","source":"s","category":"suspicious","severity":"low","reason":"r","when":"true"}`, "category", 1},
		{"no source", `{"id":"X-2","category":"free_mail","severity":"low","reason":"r","when":"true"}`, "source", 1},
		{"unknown field", `{"id":"X-2","source":"s","category":"free_mail","severity":"low","reason":"r","when":"true","wen":"x"}`, "unknown field", 1},
		{"not json", `id=X-2 when=true`, "not a rule", 1},
		{"duplicate", good + "\n" + good, "twice", 2},
		{"bad evidence", `{"id":"X-2","source":"s","category":"free_mail","severity":"low","reason":"r","when":"true","evidence":"1 + 1"}`, "evidence", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mustEnv(t).Rules(userFile("my.rules", tc.text))
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != "my.rules" || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.want) {
				t.Errorf("err = %v, want my.rules:%d ... %q", err, tc.line, tc.want)
			}
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("kind %v", tripline.ErrorKind(err))
			}
		})
	}
}

func TestOverrideAddDisable(t *testing.T) {
	env, base := mustDefault(t)
	user := `# my rules
{"id":"BIS-KYC-05","source":"house policy","category":"unusual_payment","severity":"high","reason":"any cash","when":"payment.method == 'cash'"}
{"id":"HOUSE-01","source":"house policy","category":"free_mail","severity":"low","reason":"yahoo","when":"parties.exists(p, p.email.endsWith('@yahoo.com'))"}
{"id":"FINCEN-BIS-2023-04","disabled":true}
`
	s, err := env.Rules(userFile("house.rules", user))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rules()) != len(base.Rules()) {
		t.Errorf("%d rules, want %d (one added, one removed)", len(s.Rules()), len(base.Rules()))
	}
	if s.Version == base.Version {
		t.Error("version unchanged by user rules")
	}
	byID := map[string]rules.Rule{}
	for _, r := range s.Rules() {
		byID[r.ID] = r
	}
	if byID["BIS-KYC-05"].Severity != "high" || byID["BIS-KYC-05"].Origin != "house.rules:2" {
		t.Errorf("override = %+v", byID["BIS-KYC-05"])
	}
	if _, ok := byID["FINCEN-BIS-2023-04"]; ok {
		t.Error("disabled rule still present")
	}
	tx := &tripline.Transaction{ID: "t", Date: "2025-01-01",
		Parties: []tripline.Party{{Role: "buyer", Name: "A", Country: "DE", Email: "a@yahoo.com", Phone: "+7 495 1234567"}},
		Items:   []tripline.Item{{Description: "Chairs", HSCode: "9401.61", Quantity: 2, UnitValue: 10}},
		Payment: tripline.Payment{Method: "cash"}}
	got := ruleIDs(evaluate(t, env, s, tx, nil))
	for _, want := range []string{"BIS-KYC-05", "HOUSE-01", "FINCEN-BIS-2022-23-07"} {
		if !strings.Contains(got, want) {
			t.Errorf("flags %s lack %s", got, want)
		}
	}
	if strings.Contains(got, "FINCEN-BIS-2023-04") {
		t.Errorf("disabled rule raised: %s", got)
	}
}

// evaluate runs the phases from Normalize to the rules on tx, in env.
func evaluate(t *testing.T, env *Env, s *rules.Set, tx *tripline.Transaction, hits []tripline.PartyHit) []tripline.Flag {
	t.Helper()
	tx, err := Normalize(tx, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := env.Facts(context.Background(), tx, ClassifyGoods(env.Catalogue(), tx.Items), hits)
	if err != nil {
		t.Fatal(err)
	}
	flags, errs := s.Evaluate(f.Vars())
	for _, e := range errs {
		t.Errorf("evaluation error: %v", e)
	}
	return flags
}

func ruleIDs(flags []tripline.Flag) string {
	var ids []string
	for _, f := range flags {
		ids = append(ids, f.Rule+"|"+f.Category)
	}
	return strings.Join(ids, " ")
}

// A fictional diversion order: every red flag of the typology at once.
func TestDiversionOrder(t *testing.T) {
	env, s := mustDefault(t)
	tx := &tripline.Transaction{
		ID: "x1", Date: "2025-05-01",
		Parties: []tripline.Party{
			{Role: "seller", Name: "Example Components GmbH", Country: "DE", Phone: "+49 30 1234567", Email: "sales@example-components.de"},
			{Role: "buyer", Name: "Bright Path General Trading LLC", Country: "AE", Address: "Flat 12, Example Residence, Dubai",
				Email: "brightpath.trading@gmail.com", Phone: "+98 21 5555 0000", Registered: "2025-02-10", Industry: "furniture trading"},
			{Role: "consignee", Name: "Quick Freight FZE", Country: "AE", Industry: "freight forwarding"},
			{Role: "payer", Name: "Other Holding Ltd", Country: "HK"},
		},
		Items: []tripline.Item{
			{Description: "FPGA", HSCode: "8542.39", Quantity: 400, UnitValue: 50, Currency: "EUR"},
			{Description: "32-bit MCU", PartNumber: "STM32F765VIT6TR", Quantity: 1000, UnitValue: 12, Currency: "EUR"},
		},
		Route:   tripline.Route{Origin: "DE", Transit: []string{"AE"}, Destination: "RU"},
		Payment: tripline.Payment{Method: "cash", PayerCountry: "HK"},
		EndUse:  "for resale",
		Notes:   "Customer agreed to pay twice the list price. He could not answer questions about the interface. Consignee changed after booking.",
	}
	flags := evaluate(t, env, s, tx, []tripline.PartyHit{{Role: "payer", Party: "Other Holding Ltd", ID: "ofac-sdn:1", Name: "OTHER HOLDING", Score: 0.93}})
	got := ruleIDs(flags)
	for _, cat := range []string{"party_match", "destination_embargo", "chpl_item", "transshipment", "third_party_payment",
		"end_use_missing", "industry_mismatch", "new_company", "freight_forwarder_consignee", "free_mail",
		"phone_country_mismatch", "residential_address", "unusual_payment", "overpricing", "unfamiliar_product", "shipping_change"} {
		if !strings.Contains(got, "|"+cat) {
			t.Errorf("no %s flag in %s", cat, got)
		}
	}
	for _, f := range flags {
		if f.Source == "" || f.Reason == "" {
			t.Errorf("flag %s without source or reason", f.Rule)
		}
		if f.Category == "party_match" && !strings.Contains(f.Evidence, "payer 'Other Holding Ltd' ~ ofac-sdn:1") {
			t.Errorf("party evidence %q", f.Evidence)
		}
	}
}

// An ordinary order from a lawful buyer raises nothing.
func TestCleanOrder(t *testing.T) {
	env, s := mustDefault(t)
	tx := &tripline.Transaction{
		ID: "c1", Date: "2025-05-01",
		Parties: []tripline.Party{
			{Role: "seller", Name: "Example Foods SA", Country: "ES", Phone: "+34 91 1234567"},
			{Role: "buyer", Name: "Bakery Example GmbH", Country: "DE", Address: "Hauptstrasse 5, Berlin", Email: "orders@bakery-example.de",
				Phone: "+49 30 7654321", Registered: "1990-01-01", Industry: "bakery"},
		},
		Items:   []tripline.Item{{Description: "Almonds", HSCode: "0802.11", Quantity: 100, UnitValue: 5, Currency: "EUR"}},
		Route:   tripline.Route{Origin: "ES", Destination: "DE"},
		Payment: tripline.Payment{Method: "wire", PayerCountry: "DE"},
	}
	if flags := evaluate(t, env, s, tx, nil); len(flags) != 0 {
		t.Errorf("clean order flagged: %s", ruleIDs(flags))
	}
}

// FuzzRules loads a user file over the built-in rules: a rule is either
// compiled or refused as invalid, never a panic.
func FuzzRules(f *testing.F) {
	f.Add(string(defaultRules))
	f.Add(`{"id":"X","source":"s","category":"free_mail","severity":"low","reason":"r","when":"true"}`)
	f.Add(`{"id":"BIS-KYC-10","disabled":true}`)
	f.Add(`{"id":"X","source":"s","category":"transshipment","severity":"low","reason":"r","when":"hub(route.destination) && says(order.notes, 'x')"}`)
	f.Add("#\n\n{")
	env := mustEnv(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		s, err := env.Rules(userFile("fuzz.rules", text))
		if err == nil && s == nil {
			t.Fatal("nil set without error")
		}
		if err != nil && tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Fatalf("kind %v: %v", tripline.ErrorKind(err), err)
		}
	})
}

func TestEmbargoedRegion(t *testing.T) {
	env, s := mustDefault(t)
	tx := &tripline.Transaction{ID: "r", Date: "2025-01-01",
		Parties: []tripline.Party{{Role: "buyer", Name: "Example Marine LLC", Country: "UA", Address: "ul. Bolshaya Morskaya 12, Sevastopol"}},
		Items:   []tripline.Item{{Description: "GNSS module", HSCode: "8526.91", Quantity: 10, UnitValue: 100}}}
	got := ruleIDs(evaluate(t, env, s, tx, nil))
	if !strings.Contains(got, "TRIPLINE-EMB-01|destination_embargo") {
		t.Errorf("Sevastopol address not embargoed: %s", got)
	}
}

func TestStartUpAtIncubator(t *testing.T) {
	env, s := mustDefault(t)
	tx := &tripline.Transaction{ID: "s", Date: "2025-01-01",
		Parties: []tripline.Party{{Role: "buyer", Name: "Example Navtech SA", Country: "CH", Address: "Example Innovation Park, Building C, Lausanne", Registered: "2023-06-01", Industry: "navigation systems"}},
		Items:   []tripline.Item{{Description: "IMU", HSCode: "9014.20", Quantity: 10, UnitValue: 900}},
		EndUse:  "prototype navigation module", Notes: "Customer asked for the units without manufacturer markings."}
	got := ruleIDs(evaluate(t, env, s, tx, nil))
	for _, want := range []string{"DERIVED-IR-UAV-03|new_company", "IRAN-UAV-2023-02|evasive_customer"} {
		if !strings.Contains(got, want) {
			t.Errorf("flags %s lack %s", got, want)
		}
	}
}
