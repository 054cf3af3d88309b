package rules_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/decide"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

// redFlag is one entry of ../shared/data/dualuse/red_flags_rules.json.
type redFlag struct {
	ID      string `json:"id"`
	Source  string `json:"source"`
	RedFlag string `json:"red_flag"`
}

// sourceAnchors: for each family of red-flag ids, the words that name its
// document; both the shared list's source and the rule's must hold them.
var sourceAnchors = map[string]string{
	"BIS-KYC-":           "15 CFR Part 732",
	"FINCEN-BIS-2023-":   "Joint Notice 2023-11-06",
	"FINCEN-BIS-2022-23": "FIN-2022-Alert003",
	"IRAN-UAV-2023-":     "Iran's UAV-Related",
	"DERIVED-IR-UAV-":    "OFAC/DOJ Iran-UAV cases",
}

// needData are the red flags no rule can evaluate from what an order
// carries; each says what is missing. A rule written for one of them must
// take it off this list.
var needData = map[string]string{
	"BIS-KYC-04":            "the technical level of the destination country: no country-capability table",
	"BIS-KYC-12":            "packaging against the method of shipment: orders carry no packing list",
	"FINCEN-BIS-2023-10":    "co-location or shared ownership with a listed party: parties are screened by name, not address, and orders carry no owners",
	"FINCEN-BIS-2022-23-01": "shell companies and nominees: orders carry no ownership",
	"IRAN-UAV-2023-04":      "a procurement network: needs the party graph (package graph), not one order",
}

func readRedFlags(t *testing.T) []redFlag {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "dualuse")
	b, err := os.ReadFile(filepath.Join(dir, "red_flags_rules.json"))
	if err != nil {
		t.Skipf("the red-flag list is not available (../shared sits next to the repository): %v", err)
	}
	var flags []redFlag
	if err := json.Unmarshal(b, &flags); err != nil {
		t.Fatal(err)
	}
	// The CSV is the same list.
	f, err := os.Open(filepath.Join(dir, "red_flags_rules.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var csvIDs, jsonIDs []string
	for _, r := range rows[1:] {
		csvIDs = append(csvIDs, r[0])
	}
	for _, fl := range flags {
		jsonIDs = append(jsonIDs, fl.ID)
	}
	if !slices.Equal(csvIDs, jsonIDs) || len(flags) < 40 {
		t.Fatalf("red_flags_rules.csv ids %v, .json ids %v", csvIDs, jsonIDs)
	}
	return flags
}

func defaultRules(t *testing.T) []rules.Rule {
	t.Helper()
	cat, err := goods.Default()
	if err != nil {
		t.Fatal(err)
	}
	env, err := decide.NewEnv(cat)
	if err != nil {
		t.Fatal(err)
	}
	s, err := env.Rules()
	if err != nil {
		t.Fatal(err)
	}
	return s.Rules()
}

// TestEveryRedFlagIsARule: every red flag of the official lists
// (../shared/data/dualuse/red_flags_rules.json, with its provenance) is a
// built-in rule with its id and a source naming its document, or is named
// by id in the reason of the rule that evaluates it (BIS-KYC-10 also
// raises FINCEN-BIS-2023-05's consignees), unless it is one of needData;
// and every official-looking rule id is on the list.
func TestEveryRedFlagIsARule(t *testing.T) {
	flags := readRedFlags(t)
	rs := defaultRules(t)
	byID := map[string]rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	listed := map[string]bool{}
	for _, fl := range flags {
		listed[fl.ID] = true
		anchor := ""
		for prefix, a := range sourceAnchors {
			if strings.HasPrefix(fl.ID, prefix) {
				anchor = a
			}
		}
		if anchor == "" || !strings.Contains(fl.Source, anchor) {
			t.Errorf("%s: no known document for its source %q", fl.ID, fl.Source)
			continue
		}
		r, ok := byID[fl.ID]
		var covers []string
		for _, o := range rs {
			if o.ID != fl.ID && strings.Contains(o.Reason, fl.ID) {
				covers = append(covers, o.ID)
			}
		}
		switch why, skip := needData[fl.ID]; {
		case skip && (ok || len(covers) > 0):
			t.Errorf("%s is evaluated now (rule %v %v): take it off needData (%s)", fl.ID, ok, covers, why)
		case skip:
		case ok && !strings.Contains(r.Source, anchor):
			t.Errorf("rule %s: source %q does not name %q, the document of red flag %s", r.ID, r.Source, anchor, fl.ID)
		case !ok && len(covers) == 0:
			t.Errorf("red flag %s (%s) has no rule: neither a rule with its id nor one naming it in its reason", fl.ID, fl.RedFlag)
		}
	}
	for id := range needData {
		if !listed[id] {
			t.Errorf("needData names %s, which is not on the list", id)
		}
	}
	for _, r := range rs {
		official := false
		for prefix := range sourceAnchors {
			official = official || strings.HasPrefix(r.ID, prefix)
		}
		if official && !listed[r.ID] {
			t.Errorf("rule %s has an official id that is not on the red-flag list", r.ID)
		}
		if strings.TrimSpace(r.Source) == "" {
			t.Errorf("rule %s names no source", r.ID)
		}
	}
}

// TestNewRedFlagRules: IRAN-UAV-2023-03 (a hub trading company buying
// Iran-UAV items with no end user of its own) and DERIVED-IR-UAV-05
// (EANSA, CAVIM) are raised where they apply and not elsewhere.
func TestNewRedFlagRules(t *testing.T) {
	cat, err := goods.Default()
	if err != nil {
		t.Fatal(err)
	}
	env, err := decide.NewEnv(cat)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := env.Rules()
	if err != nil {
		t.Fatal(err)
	}
	c := decide.New(nil, env, rs)
	order := func(id string, parties ...tripline.Party) *tripline.Transaction {
		return &tripline.Transaction{ID: id, Date: "2025-03-01",
			Parties: append([]tripline.Party{{Role: "seller", Name: "Example Components GmbH", Country: "DE"}}, parties...),
			Items:   []tripline.Item{{Description: "microcontroller", HSCode: "8542.31", Quantity: 100, UnitValue: 5, Currency: "USD"}},
			Route:   tripline.Route{Origin: "DE", Destination: parties[0].Country}}
	}
	txs := []*tripline.Transaction{
		order("hub-trader", tripline.Party{Role: "buyer", Name: "Gulf Star General Trading LLC", Country: "AE"}),
		order("hub-trader-end-user", tripline.Party{Role: "buyer", Name: "Gulf Star General Trading LLC", Country: "AE"},
			tripline.Party{Role: "end_user", Name: "Emirates Controls Manufacturing LLC", Country: "AE", Industry: "industrial automation"}),
		order("maker", tripline.Party{Role: "buyer", Name: "Stuttgart Steuerungen GmbH", Country: "DE", Industry: "industrial automation"}),
		order("cavim", tripline.Party{Role: "buyer", Name: "Andes Supply C.A.", Country: "PA"}, tripline.Party{Role: "end_user", Name: "CAVIM", Country: "VE"}),
		order("cavimex", tripline.Party{Role: "buyer", Name: "Cavimex Handels GmbH", Country: "AT"}),
	}
	ds, err := c.CheckAll(context.Background(), txs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"hub-trader": {"IRAN-UAV-2023-03"}, "cavim": {"DERIVED-IR-UAV-05"}}
	for _, d := range ds {
		var got []string
		for _, f := range d.Flags {
			if f.Rule == "IRAN-UAV-2023-03" || f.Rule == "DERIVED-IR-UAV-05" {
				got = append(got, f.Rule)
				if f.Evidence == "" || f.Source == "" {
					t.Errorf("%s: %s without evidence or source: %+v", d.ID, f.Rule, f)
				}
			}
		}
		if !slices.Equal(got, want[d.ID]) {
			t.Errorf("%s: raised %v, want %v", d.ID, got, want[d.ID])
		}
	}
}
