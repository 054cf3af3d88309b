package rules

import (
	"strings"
	"sync"
	"unicode"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
)

var (
	envOnce sync.Once
	env     *cel.Env
)

// environment is the CEL environment every rule compiles in.
//
// Variables (all maps and lists of maps, fields as named here):
//
//	order    id, date, end_use, notes, value_usd, end_use_vague, documented,
//	         controlled, chpl, uav, hub_countries, embargoed_countries
//	parties  role, name, country, address, email, phone, registered,
//	         industry, website, age_days (-1 unknown), free_mail, residential, incubator,
//	         phone_ok, logistics, trading, hobby, hub, embargoed, listed,
//	         customer, consignee, end_user
//	items    index, description, hs6, hs_source, chpl_tier, chpl, uav,
//	         uav_only, watchlist, controlled, family, fit, quantity,
//	         unit_value, value_usd
//	route    origin, transit, destination, countries
//	payment  method, payer_country, currency, payer_name, third_party,
//	         third_country
//	hits     role, party, id, name, score
//	groups   hub, embargoed (lists of ISO alpha-2 codes)
//
// Functions: free_mail(email), residential(address), vague(end_use),
// says(notes, topic), phone_ok(phone, country), age_days(registered, date),
// family(hs), fit(industry, family), hub(country), embargoed(country), plus
// the CEL string extensions (join, lowerAscii, ...).
func environment() *cel.Env {
	envOnce.Do(func() {
		dynMap := cel.MapType(cel.StringType, cel.DynType)
		dynList := cel.ListType(dynMap)
		str1 := func(name string, out *cel.Type, fn func(string) ref.Val) cel.EnvOption {
			return cel.Function(name, cel.Overload(name+"_string", []*cel.Type{cel.StringType}, out,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					s, ok := v.Value().(string)
					if !ok {
						return types.NewErr("%s: want a string", name)
					}
					return fn(s)
				})))
		}
		str2 := func(name string, out *cel.Type, fn func(a, b string) ref.Val) cel.EnvOption {
			return cel.Function(name, cel.Overload(name+"_string_string", []*cel.Type{cel.StringType, cel.StringType}, out,
				cel.BinaryBinding(func(x, y ref.Val) ref.Val {
					a, ok1 := x.Value().(string)
					b, ok2 := y.Value().(string)
					if !ok1 || !ok2 {
						return types.NewErr("%s: want two strings", name)
					}
					return fn(a, b)
				})))
		}
		cat, _ := goods.Default()
		inGroup := func(group string) func(string) ref.Val {
			return func(c string) ref.Val { return types.Bool(cat != nil && cat.InGroup(group, c)) }
		}
		var err error
		env, err = cel.NewEnv(
			cel.Variable("order", dynMap),
			cel.Variable("parties", dynList),
			cel.Variable("items", dynList),
			cel.Variable("route", dynMap),
			cel.Variable("payment", dynMap),
			cel.Variable("hits", dynList),
			cel.Variable("groups", cel.MapType(cel.StringType, cel.ListType(cel.StringType))),
			ext.Strings(),
			str1("free_mail", cel.BoolType, func(s string) ref.Val { return types.Bool(FreeMail(s)) }),
			str1("residential", cel.BoolType, func(s string) ref.Val { return types.Bool(Residential(s)) }),
			str1("vague", cel.BoolType, func(s string) ref.Val { return types.Bool(VagueEndUse(s)) }),
			str1("family", cel.StringType, func(s string) ref.Val { return types.String(Family(s)) }),
			str1("hub", cel.BoolType, inGroup("hub")),
			str1("embargoed", cel.BoolType, inGroup("embargoed")),
			str2("says", cel.BoolType, func(a, b string) ref.Val { return types.Bool(NotesSay(a, b)) }),
			str2("phone_ok", cel.BoolType, func(a, b string) ref.Val { return types.Bool(PhoneMatchesCountry(a, b)) }),
			str2("age_days", cel.IntType, func(a, b string) ref.Val { return types.Int(AgeDays(a, b)) }),
			str2("fit", cel.StringType, func(a, b string) ref.Val { return types.String(IndustryFit(a, b)) }),
		)
		if err != nil {
			panic("rules: CEL environment: " + err.Error())
		}
	})
	return env
}

// Facts are what the rules see of one transaction: its fields plus the
// derived facts (company ages, free mail, goods tiers, party hits ...).
type Facts struct {
	order, route, payment map[string]any
	parties, items, hits  []any
	groups                map[string][]string
}

func (f *Facts) activation() map[string]any {
	return map[string]any{
		"order": f.order, "parties": f.parties, "items": f.items, "route": f.route,
		"payment": f.payment, "hits": f.hits, "groups": f.groups,
	}
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

// NewFacts derives the facts of tx from its classified items (one per item,
// in order), the party hits of screening, and the catalogue's country
// groups.
func NewFacts(tx *tripline.Transaction, items []goods.Item, hits []tripline.PartyHit, cat *goods.Catalogue) *Facts {
	f := &Facts{groups: map[string][]string{"hub": cat.Countries("hub"), "embargoed": cat.Countries("embargoed")}}
	hasRole := map[string]bool{}
	for _, p := range tx.Parties {
		hasRole[p.Role] = true
	}
	listed := map[string]bool{}
	for _, h := range hits {
		listed[h.Role+"\x00"+h.Party] = true
		f.hits = append(f.hits, map[string]any{"role": h.Role, "party": h.Party, "id": h.ID, "name": h.Name, "score": h.Score})
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
		f.parties = append(f.parties, map[string]any{
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
		f.items = append(f.items, map[string]any{
			"index": int64(i), "description": it.Description, "hs6": g.HSCode, "hs_source": g.HSSource,
			"chpl_tier": g.CHPLTier, "chpl": chpl, "uav": g.UAV, "uav_only": g.UAV != "" && !chpl,
			"watchlist": watch, "controlled": controlled, "family": fam, "fit": IndustryFit(industry, fam),
			"quantity": it.Quantity, "unit_value": it.UnitValue, "value_usd": v,
		})
	}
	f.order = map[string]any{
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
	f.route = map[string]any{"origin": strings.ToUpper(tx.Route.Origin), "transit": transit,
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
	f.payment = map[string]any{"method": strings.ToLower(tx.Payment.Method), "payer_country": payerCountry,
		"currency": tx.Payment.Currency, "payer_name": payerName, "third_party": third, "third_country": thirdCountry}
	if f.hits == nil {
		f.hits = []any{}
	}
	if f.parties == nil {
		f.parties = []any{}
	}
	if f.items == nil {
		f.items = []any{}
	}
	return f
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
