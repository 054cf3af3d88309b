package osint

import (
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/transfer"
)

// Cue words for the roles of the countries of a sentence.
var (
	supplyVerbs = words(`supply supplies supplied supplying supplier suppliers deliver delivers delivered delivering delivery deliveries
		send sends sent sending ship ships shipped shipping shipment shipments sell sells sold selling sale sales export exports exported
		exporting transfer transfers transferred transferring provide provides provided providing provision give gives gave giving
		hand hands handed smuggle smuggles smuggled smuggling dispatch dispatched arming furnish furnished transport transported`)
	receiveVerbs = words(`receive receives received receiving acquire acquires acquired acquiring acquisition buy buys bought buying
		purchase purchases purchased purchasing import imports imported importing obtain obtains obtained obtaining order ordered procure
		procured procuring`)
	supplyNouns = words(`sale sales shipment shipments delivery deliveries supplier suppliers provision acquisition
		purchase purchases`)
	speechVerbs = words(`said says say warned warns accused accuses claimed claims stated told announced alleged reported reports
		believes believe argued noted added`)
	// deliveryTakers need "delivery" or "possession" after them.
	deliveryTakers = words(`took take takes taking`)
	// componentWords mark a sentence about parts, whose weapons are
	// where the parts went, not what was transferred.
	componentWords = words(`parts part components component servomotors servomotor chips chip electronics microcontroller
		microcontrollers module modules engines engine semiconductors circuits processors sensors machines`)
	// stateNouns after a demonym make it an actor of the state.
	stateNouns   = words(`forces army navy military troops regime government ministry state defence defense air armed authorities officials`)
	observeWords = words(`parade parades paraded display displayed displays seen spotted observed showcased unveiled commissioned
		inducted service exhibited exhibition showed shown photographed appeared operate operates operated operating fleet`)
	useWords = words(`shot downed struck strike strikes attack attacks attacked hit hits crashed wreckage debris recovered
		launched fired targeted target bombed intercepted against over`)
	userNouns = words(`forces army navy military troops regime government air armed units`)
	madeWords = words(`made built produced manufactured designed developed supplied origin`)
	negations = words(`denied denies deny never`)
	hedges    = words(`could may might would plans plan planned intends intend considering reportedly allegedly alleged claims claimed
		claim possible possibly potential potentially expected likely suspected rumoured rumored`)
)

// weaponNouns name a kind of weapon without naming a system, by the type
// a claim about them gets.
var weaponNouns = map[string]string{"drone": "uav", "drones": "uav", "uav": "uav", "uavs": "uav", "uas": "uav",
	"missile": "missile", "missiles": "missile", "rockets": "missile", "boats": "naval", "warships": "naval", "vessels": "naval",
	"arms": "arms", "weapons": "arms", "weaponry": "arms", "munitions": "arms", "armaments": "arms", "equipment": "arms",
	"aircraft": "aircraft", "jets": "aircraft", "fighters": "aircraft", "helicopters": "aircraft", "tanks": "armour"}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// role is what a cue says a country of a sentence is in a transfer.
type role struct {
	supplier, recipient float64
	why                 []string
	target              bool // where the weapon was used, not who got it
}

// claimInput is what extraction found in one sentence.
type claimInput struct {
	sent      int
	systems   []tripline.SystemMention // byte offsets
	countries []tripline.CountryMention
	dates     []tripline.DateMention
	// prior holds, by type group, the last system named before the
	// sentence.
	prior map[string]tripline.SystemMention
}

// claims finds the transfer claims of each sentence of d: a sentence that
// names a weapon (a system, or a kind: "armed UAVs", "arms") and two
// countries whose cues give one the supplier's role and the other the
// recipient's. Cues: "from X", "X-made", "X supplies/delivered …", "to Y"
// after a supply word, "provide Y with", "Y received/bought …", "in Y" at
// a parade or in service, "Y's navy", "for Y". Where a weapon was used or
// shot down ("over Ukraine") is not where it went. A sentence that denies
// a transfer gives none; one that hedges ("could", "reportedly") gives a
// low-confidence claim. A catalogue system's maker country stands in for
// a supplier the sentence does not name (low confidence).
func claims(d *doc, cat *transfer.Catalogue, in claimInput) []tripline.ArticleTransfer {
	st := d.sents[in.sent]
	toks := d.toks[st.tok0:st.tok1]
	if len(toks) == 0 || len(in.countries) == 0 {
		return nil
	}
	negated, hedged := false, false
	hasSupply, hasReceive, hasObserve, hasUse, hasParts := false, false, false, false, false
	for k, t := range toks {
		switch {
		case negations[t.lower]:
			negated = true
		case t.lower == "not" && k > 0 && (toks[k-1].lower == "did" || toks[k-1].lower == "does" || toks[k-1].lower == "has" || toks[k-1].lower == "have" || toks[k-1].lower == "was" || toks[k-1].lower == "were"):
			negated = true
		case t.lower == "no" && k+1 < len(toks) && (toks[k+1].lower == "longer" || toks[k+1].lower == "evidence"):
			negated = true
		}
		if hedges[t.lower] {
			hedged = true
		}
		hasSupply = hasSupply || supplyVerbs[t.lower]
		hasReceive = hasReceive || receiveVerbs[t.lower] || isTaking(toks, k)
		hasParts = hasParts || componentWords[t.lower]
		hasObserve = hasObserve || observeWords[t.lower]
		hasUse = hasUse || useWords[t.lower]
	}
	if negated {
		return nil
	}
	// What the sentence is about: systems, else kinds of weapon.
	type weapon struct {
		system, designation, typ string
		start                    int
		coref                    string // the earlier mention "the drones" stands for
	}
	var weapons []weapon
	seen := map[string]bool{}
	for _, m := range in.systems {
		k := m.System + "|" + m.Designation
		if seen[k] {
			continue
		}
		seen[k] = true
		weapons = append(weapons, weapon{system: m.System, designation: m.Designation, typ: m.Type, start: m.Start})
	}
	if len(weapons) == 0 {
		for k, t := range toks {
			if typ, ok := weaponNouns[t.lower]; ok {
				// "the drones": the system of that kind named before.
				if k > 0 && (toks[k-1].lower == "the" || toks[k-1].lower == "these" || toks[k-1].lower == "those") {
					if m, ok := in.prior[transferGroup(typ)]; ok {
						weapons = append(weapons, weapon{system: m.System, designation: m.Designation, typ: m.Type, start: t.start, coref: m.Text})
						break
					}
				}
				if typ == "arms" && t.lower == "equipment" && !strings.Contains(strings.ToLower(d.text[st.start:st.end]), "military equipment") {
					continue
				}
				if t.lower == "arms" && !hasSupply && !hasReceive {
					continue
				}
				weapons = append(weapons, weapon{typ: typ, start: t.start})
				break
			}
		}
	}
	if len(weapons) == 0 || !(hasSupply || hasReceive || hasObserve) {
		return nil
	}
	// Roles of each country mention.
	roles := make([]role, len(in.countries))
	// The first supply or receive verb (not a noun: "the sale of"), and
	// whether a verb of saying comes before it ("the US warned that …"):
	// then the countries before it are speakers, not subjects.
	firstVerb, speech := -1, false
	for k, t := range toks {
		if speechVerbs[t.lower] {
			speech = true
		}
		if (supplyVerbs[t.lower] || receiveVerbs[t.lower] || isTaking(toks, k)) && !supplyNouns[t.lower] {
			firstVerb = k
			break
		}
	}
	if speech {
		firstVerb = -1
	}
	for ci, c := range in.countries {
		r := &roles[ci]
		k := -1
		for x, t := range toks {
			if t.start == c.Start {
				k = x
				break
			}
		}
		if k < 0 {
			continue
		}
		endTok := k
		for endTok+1 < len(toks) && toks[endTok+1].end <= c.End {
			endTok++
		}
		prev, prev2 := "", ""
		if k > 0 {
			prev = toks[k-1].lower
		}
		if k > 1 {
			prev2 = toks[k-2].lower
		}
		next := ""
		if endTok+1 < len(toks) {
			next = toks[endTok+1].lower
		}
		last := toks[endTok]
		switch {
		case prev == "from" || (prev == "the" && prev2 == "from"):
			r.supplier += 3
			r.why = append(r.why, "from "+c.Text)
		case prev == "to" || (prev == "the" && prev2 == "to"):
			if hasSupply {
				r.recipient += 3
				r.why = append(r.why, "to "+c.Text)
			}
		case prev == "for" && (hasSupply || hasReceive):
			r.recipient += 1.5
			r.why = append(r.why, "for "+c.Text)
		case (prev == "in" || prev == "at") && hasObserve && !hasUse:
			r.recipient += 2
			r.why = append(r.why, "seen in "+c.Text)
		case (prev == "over" || prev == "against" || prev == "into" || prev == "on" || prev == "in") && hasUse:
			r.target = true
			r.why = append(r.why, "used in or against "+c.Text)
		case prev == "by" && k > 1 && (useWords[prev2] || observeWords[prev2] || prev2 == "used" || prev2 == "deployed"):
			r.recipient += 2
			r.why = append(r.why, "used by "+c.Text)
		case supplyVerbs[prev] || prev == "arming":
			// "supplying Russia with drones", "provide Venezuela with"
			if next == "with" || prev == "arming" || prev == "arm" {
				r.recipient += 3
				r.why = append(r.why, prev+" "+c.Text+" with")
			}
		}
		if last.hyphen && endTok+1 < len(toks) && madeWords[toks[endTok+1].lower] {
			r.supplier += 3
			r.why = append(r.why, c.Text+"-"+toks[endTok+1].lower)
		}
		if prev == "in" && (prev2 == "made" || prev2 == "built" || prev2 == "manufactured" || prev2 == "produced") {
			r.supplier += 3
			r.why = append(r.why, prev2+" in "+c.Text)
		}
		// Possessives and adjectives: "Venezuela's navy", "Russian forces"
		// use; "Iranian drones", "Iran's arms" come from.
		if next == "s" || c.How == "demonym" {
			n2 := next
			if next == "s" && endTok+2 < len(toks) {
				n2 = toks[endTok+2].lower
			}
			switch {
			case userNouns[n2]:
				r.recipient += 1.5
				r.why = append(r.why, c.Text+" "+n2)
			case weaponNouns[n2] != "" || transfer.WordGroup(n2) != "" || startsWeapon(in.systems, toks, endTok):
				if !(last.hyphen && madeWords[n2]) {
					r.supplier += 1.5
					r.why = append(r.why, c.Text+" "+n2)
				}
			}
		}
	}
	// The subject of the first supply or receive verb: the last country
	// before it that no preposition governs.
	if firstVerb >= 0 {
		subj := -1
		for ci, c := range in.countries {
			k := tokIndex(toks, c.Start)
			if k < 0 || k >= firstVerb {
				continue
			}
			if k > 0 && governed[toks[k-1].lower] {
				continue
			}
			if c.How == "demonym" && (k+1 >= len(toks) || !stateNouns[toks[k+1].lower]) {
				continue
			}
			subj = ci
		}
		if subj >= 0 {
			r := &roles[subj]
			v := toks[firstVerb].lower
			if supplyVerbs[v] {
				r.supplier += 2
			} else {
				r.recipient += 2
			}
			r.why = append(r.why, in.countries[subj].Text+" … "+v)
		}
	}
	// The best supplier and recipient.
	bestS, bestR := -1, -1
	for i, r := range roles {
		if r.target {
			continue
		}
		if r.supplier > 0 && (bestS < 0 || r.supplier > roles[bestS].supplier) {
			bestS = i
		}
	}
	for i, r := range roles {
		if r.target || r.recipient <= 0 {
			continue
		}
		if bestS >= 0 && in.countries[i].Code == in.countries[bestS].Code {
			continue
		}
		if bestR < 0 || r.recipient > roles[bestR].recipient {
			bestR = i
		}
	}
	if bestR < 0 {
		return nil
	}
	date, prec := "", tripline.DatePrecision("")
	for _, dm := range in.dates {
		if prec == "" || rankPrecision(dm.Precision) > rankPrecision(prec) {
			date, prec = dm.Date, dm.Precision
		}
	}
	var out []tripline.ArticleTransfer
	for _, w := range weapons {
		supplier, inferred := "", false
		why := append([]string{}, roles[bestR].why...)
		strength := roles[bestR].recipient
		if bestS >= 0 {
			supplier = in.countries[bestS].Code
			why = append(roles[bestS].why, why...)
			strength = min(strength, roles[bestS].supplier)
		} else if w.system != "" && !hasParts {
			if s, ok := cat.ByID(w.system); ok && s.Origin != "" {
				supplier, inferred = s.Origin, true
				why = append(why, "maker country of "+s.Name)
			}
		}
		if supplier == "" || supplier == in.countries[bestR].Code {
			continue
		}
		if hasParts && strength < 3 {
			continue // parts bought for a weapon are no transfer of it
		}
		conf := tripline.ConfidenceMedium
		switch {
		case inferred || hedged || strength < 2:
			conf = tripline.ConfidenceLow
		case strength >= 3 && w.system != "":
			conf = tripline.ConfidenceHigh
		}
		t := tripline.ArticleTransfer{Supplier: party(supplier), Recipient: party(in.countries[bestR].Code), System: w.system,
			SystemType: w.typ, Designation: w.designation, Date: date, Precision: prec,
			Sentence: d.text[st.start:st.end], Start: st.start, End: st.end, Confidence: conf, Why: why}
		if hedged {
			t.Why = append(t.Why, "hedged")
		}
		if w.coref != "" {
			t.Why = append(t.Why, "the "+w.typ+" = "+w.coref+" (named before)")
		}
		if s, ok := cat.ByID(w.system); ok {
			t.Producers = s.Producers
			t.SystemType = s.Type
		}
		out = append(out, t)
	}
	return out
}

// isTaking reports whether token k is "took delivery", "take possession".
func isTaking(toks []token, k int) bool {
	return deliveryTakers[toks[k].lower] && k+1 < len(toks) && (toks[k+1].lower == "delivery" || toks[k+1].lower == "possession")
}

// transferGroup is the catalogue group of a weapon noun's type.
func transferGroup(typ string) string {
	switch typ {
	case "naval":
		return transfer.GroupVessel
	}
	return transfer.Group(typ)
}

// governed are the prepositions that keep a country from being a verb's
// subject.
var governed = words(`from to in at of for with by on over against into about than`)

func tokIndex(toks []token, start int) int {
	for k, t := range toks {
		if t.start == start {
			return k
		}
	}
	return -1
}

// startsWeapon reports whether a system mention starts right after token
// k ("Iranian Shahed-136 drones").
func startsWeapon(ms []tripline.SystemMention, toks []token, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	for _, m := range ms {
		if m.Start == toks[k+1].start {
			return true
		}
	}
	return false
}

func rankPrecision(p tripline.DatePrecision) int {
	switch p {
	case tripline.PrecisionDay:
		return 3
	case tripline.PrecisionMonth:
		return 2
	case tripline.PrecisionYear:
		return 1
	}
	return 0
}

// party is the transfer party of an ISO code.
func party(code string) tripline.TransferParty {
	name := country.Name(code)
	if short, ok := shortNames[code]; ok {
		name = short
	}
	return tripline.TransferParty{Name: name, Code: code, Kind: tripline.PartyState, Country: code}
}

// shortNames are the everyday names of countries whose ISO names are long.
var shortNames = map[string]string{"IR": "Iran", "RU": "Russia", "VE": "Venezuela", "SY": "Syria", "KP": "North Korea", "KR": "South Korea",
	"US": "United States", "GB": "United Kingdom", "TW": "Taiwan", "VN": "Viet Nam", "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova",
	"LA": "Laos", "PS": "Palestine", "SU": "Soviet Union", "CD": "DR Congo"}

// sortMentions orders mentions by offset.
func sortSystems(ms []tripline.SystemMention) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
}
