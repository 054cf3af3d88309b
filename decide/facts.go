package decide

import (
	"context"
	"strings"
	"unicode"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

// Facts are what the rules see of one transaction: the transaction as
// Normalize returns it, its classified goods and party hits, and the
// variables derived from them (company ages, free mail, goods tiers,
// route groups ...), by name.
type Facts struct {
	Tx *tripline.Transaction
	// Goods are the classified items, one per item of Tx, in order.
	Goods []goods.Item
	// Hits are the listed parties found, in the order of Tx's parties.
	Hits []tripline.PartyHit

	vars map[string]any
}

// Set sets a variable.
func (f *Facts) Set(name string, v any) { f.vars[name] = v }

// Get returns a variable, or nil.
func (f *Facts) Get(name string) any { return f.vars[name] }

// Vars returns the variables by name, as the rules are evaluated over
// them.
func (f *Facts) Vars() map[string]any { return f.vars }

// A FactSource adds facts to what the rules see of a transaction: it
// declares variables and functions in the rule environment and derives
// the variables' values for each transaction. The order facts (variables
// order, parties, items, route, payment, hits, groups) are built in;
// text indicators, reference prices and order history are meant to be
// further sources, given to NewEnv. A source that reads a store does its
// I/O in Derive, so that this package stays pure.
type FactSource interface {
	// Schema declares the source's variables and functions (their names
	// must not clash with the built-in ones) and any categories its
	// rules may carry beyond Categories.
	Schema() rules.Schema
	// Derive sets the source's variables for one transaction; it may
	// read the facts derived before it (the built-in ones first, then
	// the sources in order). An error fails the check.
	Derive(ctx context.Context, f *Facts) error
}

// usdRates turn item values into approximate US dollars for the value
// thresholds of the rules; they are not for accounting.
var usdRates = map[string]float64{
	"USD": 1, "EUR": 1.08, "GBP": 1.27, "CHF": 1.12, "JPY": 0.0067, "CNY": 0.14, "RMB": 0.14, "HKD": 0.128,
	"AED": 0.272, "TRY": 0.03, "RUB": 0.011, "SGD": 0.74, "CAD": 0.73, "AUD": 0.66, "SEK": 0.095, "NOK": 0.093,
	"DKK": 0.145, "PLN": 0.25, "CZK": 0.043, "KRW": 0.00073, "INR": 0.012, "MYR": 0.22, "TWD": 0.031,
	"KZT": 0.002, "ILS": 0.27, "MXN": 0.055, "BRL": 0.18, "ZAR": 0.054, "HUF": 0.0027, "RON": 0.22,
}

func usd(v float64, cur string) float64 {
	if r, ok := usdRates[strings.ToUpper(strings.TrimSpace(cur))]; ok {
		return v * r
	}
	return v
}

func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// orderFacts derives the built-in variables from f.Tx, f.Goods and
// f.Hits, with the country groups of the catalogue in use (the same
// catalogue the rule functions hub() and embargoed() are bound to).
func orderFacts(cat *goods.Catalogue, f *Facts) {
	tx, items, hits := f.Tx, f.Goods, f.Hits
	var parties, itemFacts, hitFacts []any
	groups := map[string][]string{"hub": cat.Countries("hub"), "embargoed": cat.Countries("embargoed")}
	hasRole := map[string]bool{}
	for _, p := range tx.Parties {
		hasRole[p.Role] = true
	}
	listed := map[string]bool{}
	for _, h := range hits {
		listed[h.Role+"\x00"+h.Party] = true
		hitFacts = append(hitFacts, map[string]any{"role": h.Role, "party": h.Party, "id": h.ID, "name": h.Name, "score": h.Score})
	}
	var buyerCountries []string
	customerNames := map[string]bool{}
	hubSet, embSet := map[string]bool{}, map[string]bool{}
	addCountry := func(c string) {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c == "" {
			return
		}
		if cat.InGroup("hub", c) {
			hubSet[c] = true
		}
		if cat.InGroup("embargoed", c) {
			embSet[c] = true
		}
	}
	for _, p := range tx.Parties {
		role := p.Role
		consignee := role == tripline.RoleConsignee || (role == tripline.RoleBuyer && !hasRole[tripline.RoleConsignee])
		endUser := role == tripline.RoleEndUser || (role == tripline.RoleBuyer && !hasRole[tripline.RoleEndUser])
		customer := role == tripline.RoleBuyer || consignee || endUser
		if customer {
			customerNames[normName(p.Name)] = true
			buyerCountries = append(buyerCountries, strings.ToUpper(p.Country))
		}
		if customer || role == tripline.RoleNotifyParty {
			addCountry(p.Country)
			if r := embargoedRegion(cat, p.Address); r != "" {
				embSet[r] = true
			}
		}
		parties = append(parties, map[string]any{
			"role": role, "name": p.Name, "country": strings.ToUpper(p.Country), "address": p.Address,
			"email": p.Email, "phone": p.Phone, "registered": p.Registered, "industry": p.Industry,
			"website": p.Website, "age_days": AgeDays(p.Registered, tx.Date), "free_mail": FreeMail(p.Email),
			"residential": Residential(p.Address), "incubator": Incubator(p.Address), "phone_ok": PhoneMatchesCountry(p.Phone, p.Country),
			"logistics": logisticsParty(p), "trading": Trading(p.Name, p.Industry), "hobby": Hobby(p.Name, p.Industry),
			"hub": cat.InGroup("hub", p.Country), "embargoed": cat.InGroup("embargoed", p.Country),
			"listed": listed[role+"\x00"+p.Name], "customer": customer, "consignee": consignee, "end_user": endUser,
		})
	}
	for _, c := range tx.Route.Transit {
		addCountry(c)
	}
	addCountry(tx.Route.Destination)

	// Industry fit is judged on the end user, else the buyer.
	industry := ""
	for _, role := range []string{tripline.RoleEndUser, tripline.RoleBuyer, tripline.RoleConsignee} {
		for _, p := range tx.Parties {
			if p.Role == role && industry == "" && strings.TrimSpace(p.Industry) != "" {
				industry = p.Industry
			}
		}
		if industry != "" {
			break
		}
	}
	var total float64
	anyControlled, anyCHPL, anyUAV := false, false, false
	for i, it := range tx.Items {
		var g goods.Item
		if i < len(items) {
			g = items[i]
		}
		fam := Family(g.HSCode)
		chpl := g.CHPLTier != ""
		watch := g.Part != nil
		controlled := chpl || g.UAV != "" || watch || len(g.Controls) > 0
		anyControlled = anyControlled || controlled
		anyCHPL = anyCHPL || chpl
		anyUAV = anyUAV || g.UAV != ""
		v := usd(it.Quantity*it.UnitValue, it.Currency)
		total += v
		itemFacts = append(itemFacts, map[string]any{
			"index": int64(i), "description": it.Description, "hs6": g.HSCode, "hs_source": g.HSSource,
			"chpl_tier": g.CHPLTier, "chpl": chpl, "uav": g.UAV, "uav_only": g.UAV != "" && !chpl,
			"watchlist": watch, "controlled": controlled, "family": fam, "fit": IndustryFit(industry, fam),
			"quantity": it.Quantity, "unit_value": it.UnitValue, "value_usd": v,
		})
	}
	order := map[string]any{
		"id": tx.ID, "date": tx.Date, "end_use": tx.EndUse, "notes": tx.Notes, "value_usd": total,
		"end_use_vague": VagueEndUse(tx.EndUse), "documented": NotesSay(tx.Notes, "documented_end_use"),
		"controlled": anyControlled, "chpl": anyCHPL, "uav": anyUAV,
		"hub_countries": sortedKeys(hubSet), "embargoed_countries": sortedKeys(embSet),
		"industry": industry,
	}
	transit := make([]any, len(tx.Route.Transit))
	countries := []any{}
	for i, c := range tx.Route.Transit {
		transit[i] = strings.ToUpper(c)
		countries = append(countries, strings.ToUpper(c))
	}
	if tx.Route.Destination != "" {
		countries = append(countries, strings.ToUpper(tx.Route.Destination))
	}
	route := map[string]any{"origin": strings.ToUpper(tx.Route.Origin), "transit": transit,
		"destination": strings.ToUpper(tx.Route.Destination), "countries": countries}

	payerName, payerCountry := "", strings.ToUpper(tx.Payment.PayerCountry)
	third := false
	for _, p := range tx.Parties {
		if p.Role == tripline.RolePayer {
			payerName = p.Name
			if payerCountry == "" {
				payerCountry = strings.ToUpper(p.Country)
			}
			if !customerNames[normName(p.Name)] {
				third = true
			}
		}
	}
	thirdCountry := false
	if payerCountry != "" && len(buyerCountries) > 0 {
		thirdCountry = true
		for _, c := range buyerCountries {
			if c == payerCountry {
				thirdCountry = false
			}
		}
	}
	payment := map[string]any{"method": strings.ToLower(tx.Payment.Method), "payer_country": payerCountry,
		"currency": tx.Payment.Currency, "payer_name": payerName, "third_party": third, "third_country": thirdCountry}
	if hitFacts == nil {
		hitFacts = []any{}
	}
	if parties == nil {
		parties = []any{}
	}
	if itemFacts == nil {
		itemFacts = []any{}
	}
	f.vars["order"], f.vars["parties"], f.vars["items"] = order, parties, itemFacts
	f.vars["route"], f.vars["payment"], f.vars["hits"], f.vars["groups"] = route, payment, hitFacts, groups
}

// embargoedRegion returns the sanctioned region an address lies in
// ("CRIMEA", "DONETSK"), or "".
func embargoedRegion(cat *goods.Catalogue, address string) string {
	if address == "" {
		return ""
	}
	for _, w := range strings.FieldsFunc(address, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if cat.InGroup("embargoed_region", w) {
			return strings.ToUpper(w)
		}
	}
	return ""
}

func logisticsParty(p tripline.Party) bool {
	if strings.TrimSpace(p.Industry) != "" {
		return logisticsWords.match(p.Industry)
	}
	return logisticsName.match(p.Name)
}

func sortedKeys(m map[string]bool) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}
