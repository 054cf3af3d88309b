package decide

import (
	"bytes"
	"context"
	_ "embed"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
	"github.com/tripline/tripline/textflags"
)

// defaultRules are the red flags in force unless a user file overrides
// them: the official indicators (BIS "Know Your Customer" red flags, the
// FinCEN/BIS alerts and notices, the Iran-UAV guidance), typologies
// derived from enforcement cases, and project rules, each with its
// source document.
//
//go:embed default.rules
var defaultRules []byte

// Categories are the red-flag category words an order rule may carry.
var Categories = []string{
	"party_match", "chpl_item", "uav_item", "transshipment", "destination_embargo", "third_party_payment",
	"end_use_missing", "industry_mismatch", "new_company", "freight_forwarder_consignee", "free_mail",
	"phone_country_mismatch", "residential_address", "unusual_payment", "vague_delivery", "declined_services",
	"unfamiliar_product", "evasive_customer", "overpricing", "payment_reroute", "shipping_change",
	"split_shipment",
}

// Env is the rule environment of order decisions: the variables and
// functions rules see, bound to one goods catalogue and any further fact
// sources. The facts and the functions rules call read the same
// catalogue, so they cannot disagree. Build one per catalogue in use; it
// is immutable and safe for concurrent use.
type Env struct {
	cat     *goods.Catalogue
	text    *textflags.Extractor
	sources []FactSource
	rules   *rules.Env
}

// NewEnv builds the rule environment for the catalogue in use and any
// further fact sources.
func NewEnv(cat *goods.Catalogue, sources ...FactSource) (*Env, error) {
	if cat == nil {
		return nil, &tripline.Error{Op: "decide.NewEnv", Kind: tripline.KindInternal, Msg: "no goods catalogue"}
	}
	text, err := textflags.Default()
	if err != nil {
		return nil, &tripline.Error{Op: "decide.NewEnv", Kind: tripline.KindInternal, Msg: "cannot load the text-indicator lexicons", Err: err}
	}
	s := orderSchema(cat)
	more := textSchema()
	s.Variables = append(s.Variables, more.Variables...)
	more = historySchema()
	s.Variables = append(s.Variables, more.Variables...)
	for _, src := range sources {
		more := src.Schema()
		s.Variables = append(s.Variables, more.Variables...)
		s.Functions = append(s.Functions, more.Functions...)
		s.Categories = append(s.Categories, more.Categories...)
	}
	re, err := rules.NewEnv(s)
	if err != nil {
		return nil, err
	}
	return &Env{cat: cat, text: text, sources: sources, rules: re}, nil
}

// Catalogue returns the goods catalogue the environment is bound to.
func (e *Env) Catalogue() *goods.Catalogue { return e.cat }

// Schema returns the variables, functions and categories rules may use.
func (e *Env) Schema() rules.Schema { return e.rules.Schema() }

// Rules compiles the built-in rules and then the user's files in the
// environment: a user rule with a built-in id replaces it, a new id is
// added, {"id": "X", "disabled": true} removes one; a bad rule is a
// *tripline.ParseError with its file and line.
func (e *Env) Rules(user ...rules.File) (*rules.Set, error) {
	files := append([]rules.File{{Name: "default.rules", Text: bytes.NewReader(defaultRules)}}, user...)
	return e.rules.Load(files...)
}

// Facts derives what the rules see of tx (as Normalize returns it) from
// its classified goods (one per item, in order) and the party hits of
// screening: the built-in order facts, then those of each fact source.
func (e *Env) Facts(ctx context.Context, tx *tripline.Transaction, items []goods.Item, hits []tripline.PartyHit) (*Facts, error) {
	f := &Facts{Tx: tx, Goods: items, Hits: hits, vars: make(map[string]any, 7+len(e.sources))}
	orderFacts(e.cat, f)
	textFacts(e.text, f)
	f.vars["history"] = []any{}
	for _, src := range e.sources {
		if err := src.Derive(ctx, f); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// orderSchema declares the built-in order facts and functions. hub() and
// embargoed() answer from cat, as the facts do.
func orderSchema(cat *goods.Catalogue) rules.Schema {
	dynMap := rules.MapOf(rules.DynType)
	dynList := rules.ListOf(dynMap)
	return rules.Schema{
		Variables: []rules.Variable{
			{Name: "order", Type: dynMap, Doc: "id, date, end_use, notes, value_usd, end_use_vague, documented, controlled, chpl, uav, " +
				"industry, hub_countries, embargoed_countries"},
			{Name: "parties", Type: dynList, Doc: "role, name, country, address, email, phone, registered, industry, website, " +
				"age_days (-1 unknown), free_mail, residential, incubator, phone_ok, logistics, trading, hobby, hub, embargoed, " +
				"listed, customer, consignee, end_user"},
			{Name: "items", Type: dynList, Doc: "index, description, hs6, hs_source, chpl_tier, chpl, uav, uav_only, watchlist, " +
				"controlled, family, fit, quantity, unit_value, value_usd"},
			{Name: "route", Type: dynMap, Doc: "origin, transit, destination, countries"},
			{Name: "payment", Type: dynMap, Doc: "method, payer_country, currency, payer_name, third_party, third_country"},
			{Name: "hits", Type: dynList, Doc: "role, party, id, name, score"},
			{Name: "groups", Type: rules.MapOf(rules.ListOf(rules.StringType)), Doc: "hub, embargoed (ISO alpha-2 codes)"},
		},
		Functions: []rules.Function{
			rules.Func1("free_mail", "the address is at a consumer mailbox provider", FreeMail),
			rules.Func1("residential", "the address looks like a dwelling or a P.O. box", Residential),
			rules.Func1("vague", "the end-use statement is missing or says nothing", VagueEndUse),
			rules.Func1("family", "the goods family of an HS code", Family),
			rules.Func1("hub", "the country is a transshipment point in the catalogue in use",
				func(c string) bool { return cat.InGroup("hub", c) }),
			rules.Func1("embargoed", "the country is embargoed in the catalogue in use",
				func(c string) bool { return cat.InGroup("embargoed", c) }),
			rules.Func2("says", "the notes mention a red-flag topic", NotesSay),
			rules.Func2("phone_ok", "the phone's calling code is the country's (true when either is unknown)", PhoneMatchesCountry),
			rules.Func2("age_days", "days from a registration date to a date, -1 unknown", AgeDays),
			rules.Func2("fit", "fit, mismatch or unknown: an industry's use for a goods family", IndustryFit),
		},
		Categories: append([]string(nil), Categories...),
	}
}
