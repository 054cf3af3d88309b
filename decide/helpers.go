package decide

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/tripline/tripline/internal/phone"
	"github.com/tripline/tripline/names"
)

// FreeMail reports whether an e-mail address is at a consumer mailbox
// provider (gmail.com, mail.ru, qq.com, yahoo.co.uk ...; names.IsFreeMail).
func FreeMail(email string) bool {
	return strings.Contains(email, "@") && names.IsFreeMail(email)
}

// incubatorWords put an address in a start-up incubator, innovation or
// science park (DERIVED-IR-UAV-03: Illumove SA at the EPFL innovation park).
var incubatorWords = withSubs(newWordSet(
	[]string{"incubator", "technopark", "technopole", "technopolis", "accelerator", "epfl", "technoparc"},
	[]string{"innovationspark", "gründerzentrum", "grunderzentrum"},
	[]string{"innovation park", "science park", "research park", "technology park", "start-up centre", "start-up center",
		"startup centre", "startup center", "innovation centre", "innovation center", "innovation hub", "business incubator"}),
	"технопарк")

// Incubator reports whether an address is at a start-up incubator,
// innovation park or science park.
func Incubator(address string) bool { return incubatorWords.match(address) }

// residentialWords put an address in a dwelling wherever they appear;
// residentialBeforeNumber only when a number follows ("Flat 12", "kv. 65",
// "Villa 25"). Several languages: daire (TR), kv./kvartira (RU), Wohnung.
var (
	residentialWords = map[string]bool{
		"apt": true, "apartment": true, "apartments": true, "appartement": true, "daire": true, "kvartira": true,
		"квартира": true, "apto": true, "appartamento": true, "mieszkanie": true, "departamento": true, "dpto": true,
		"residence": true, "residential": true, "residencial": true, "wohnung": true, "sitesi": true,
		"dormitory": true, "hostel": true, "pobox": true,
	}
	residentialBeforeNumber = map[string]bool{"flat": true, "kv": true, "кв": true, "villa": true, "вилла": true}
)

// Residential reports whether an address looks like a private dwelling (or
// a P.O. box): an apartment, flat, villa or residential estate.
func Residential(address string) bool {
	if address == "" {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(address), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		if residentialWords[w] {
			return true
		}
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if residentialBeforeNumber[w] && next != "" && (unicode.IsDigit(rune(next[0])) || len(next) == 1) {
			return true
		}
		if (w == "po" || w == "p") && (next == "box" || (next == "o" && i+2 < len(words) && words[i+2] == "box")) {
			return true
		}
		if w == "house" && (next == "no" || next == "nr") {
			return true
		}
	}
	return false
}

// PhoneCode returns the international calling code of a phone number
// written with + or 00 ("+7 495 …" → "7"), or "" when the number carries
// none or the code is not assigned (numbering plans: internal/phone).
func PhoneCode(p string) string {
	if cc := phone.CountryCode(p); cc != 0 {
		return strconv.Itoa(cc)
	}
	return ""
}

// PhoneMatchesCountry reports whether the phone's calling code belongs to
// the country; it is true when either is unknown, so that only a real
// mismatch raises a flag.
func PhoneMatchesCountry(p, country string) bool {
	code, want := phone.CountryCode(p), phone.RegionCode(country)
	return code == 0 || want == 0 || code == want
}

// PhoneCountries returns the countries of a phone's calling code.
func PhoneCountries(p string) []string { return phone.Regions(phone.CountryCode(p)) }

// AgeDays returns the days from registered to date (both ISO dates), or -1
// when either is missing or malformed.
func AgeDays(registered, date string) int64 {
	r, err1 := parseDate(registered)
	d, err2 := parseDate(date)
	if err1 != nil || err2 != nil {
		return -1
	}
	return int64(d.Sub(r).Hours() / 24)
}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 {
		s = s[:10]
	}
	return time.Parse("2006-01-02", s)
}

// vagueEndUse are end-use statements that say nothing about the end use.
var vagueEndUse = regexp.MustCompile(`(?i)^\s*(n/?a|none|nil|unknown|not known|tbd|tba|-+|\.+|\?+|other|various|general( use| purpose| trading)?|trading( purposes?)?|for resale|resale|re-?sale|stock|stocking|commercial( use| purposes?)?|business( use)?|for trade|trade|distribution|import|export|import/export|customer project|project|production|industrial( use)?|to be advised|will advise|confidential)\s*\.?\s*$`)

// vagueWords say nothing about what goods will be used for; a statement
// made only of them is vague ("stock for our customers", "general
// industrial use", "trading and distribution").
var vagueWords = map[string]bool{
	"for": true, "our": true, "the": true, "a": true, "an": true, "of": true, "and": true, "to": true, "in": true,
	"resale": true, "resell": true, "reselling": true, "sale": true, "sales": true, "selling": true, "stock": true,
	"stocking": true, "inventory": true, "warehouse": true, "trading": true, "trade": true, "purpose": true,
	"purposes": true, "general": true, "use": true, "usage": true, "industrial": true,
	"production": true, "commercial": true, "business": true, "customer": true, "customers": true, "client": true,
	"clients": true, "project": true, "projects": true, "various": true, "applications": true, "application": true,
	"other": true, "misc": true, "miscellaneous": true, "distribution": true, "import": true, "export": true,
	"n": true, "na": true, "none": true, "unknown": true, "tbd": true, "tba": true, "company": true, "needs": true,
	"local": true, "market": true, "end": true, "user": true, "users": true, "supply": true, "supplies": true,
	"re": true, "reexport": true, "further": true, "onward": true, "partner": true, "partners": true, "buyer": true,
}

// VagueEndUse reports whether an end-use statement is missing or says
// nothing about the end use ("N/A", "for resale", "trading purposes",
// "stock for our customers").
func VagueEndUse(s string) bool {
	if strings.TrimSpace(s) == "" || vagueEndUse.MatchString(s) {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !vagueWords[w] {
			return false
		}
	}
	return true
}

// noteTopics are the red flags staff write down, each a set of patterns
// over one sentence of the notes.
var noteTopics = map[string][]*regexp.Regexp{
	"declined_services": {
		regexp.MustCompile(`(?i)\b(declin|refus|waiv|did not want|does not want|didn't want|doesn't want|do not need|does not need|does not require|doesn't require|did not require|no need for|rejected|turned down|turns down|not interested in|skip|without)\w*\b.*\b(install|commission|training|maintenance|servic|acceptance test|warranty|support|setup|set-up|on-site|onsite|after-sales)`),
		regexp.MustCompile(`(?i)\b(install\w*|commission\w*|training|maintenance|acceptance test|service (visit|contract|package))\b.*\b(declined|refused|waived|not (needed|required|wanted))\b`),
	},
	"unfamiliar_product": {
		regexp.MustCompile(`(?i)\b(could not|couldn't|unable to|did not|didn't|cannot|can't|no idea|not able to|not sure)\b.*\b(answer|explain|know|say|describe|specify|tell|name)\b.*\b(spec|specification|performance|technical|voltage|interface|parameter|characteristic|question|application|how|frequency|temperature|range|band|requirement|datasheet|data sheet|rating|current|power|protocol)`),
		regexp.MustCompile(`(?i)\b(unfamiliar|not familiar|no technical knowledge|knew nothing|no knowledge|unaware of|seemed unaware|little understanding)\b`),
		regexp.MustCompile(`(?i)\basked (us )?what (the|this|these) (part|product|item|module|device|unit)s? (is|are|does|do|can)\b`),
	},
	"evasive_customer": {
		regexp.MustCompile(`(?i)\b(evasive|avoided|avoids|dodged|would not say|wouldn't say|refused to say|declined to say|would not confirm|not important|none of (our|your) business|unclear|vague|would not disclose|wouldn't disclose|refused to disclose|did not disclose|didn't disclose|won't say|will not say)\b.*\b(re-?export\w*|export\w*|stay|end[- ]?use|end[- ]?user|destination|domestic|where|country|final)`),
		regexp.MustCompile(`(?i)\b(re-?export\w*|export\w*|stay|end[- ]?use|end[- ]?user|destination)\b.*\b(evasive|not important|would not say|refused to (say|answer|tell)|avoided|no answer|did not answer|didn't answer)`),
		regexp.MustCompile(`(?i)\b(does not|doesn't|did not|didn't|no) matter\b.*\b(where|destination|end up|stay|country|re-?export\w*)`),
	},
	"overpricing": {
		regexp.MustCompile(`(?i)\b([0-9]+(\.[0-9]+)?\s*x|twice|double|triple|three times|several times)\s*(the\s*|our\s*)?(list|market|normal|usual|catalogue|quoted)?\s*(price|quote)`),
		regexp.MustCompile(`(?i)\b(premium|above|over|more than|higher than)\b.*\b((list|market|catalogue|normal|usual|quoted)\s*price|our quote|the quote|quotation)`),
		regexp.MustCompile(`(?i)\b(overpa(y|id|ying)|without negotiation|no negotiation|did not negotiate|didn't negotiate|price (is )?(not an issue|no object|irrelevant)|any price|whatever (it|the price) costs)\b`),
		regexp.MustCompile(`(?i)\b(pay|paid|pays|offer\w*)\s+(to\s+pay\s+)?(double|twice|triple|three times|several times)\b`),
	},
	"payment_reroute": {
		regexp.MustCompile(`(?i)\b(pay(ment|er|s|ing)?|funds|remittance|wire|transfer)\b.*\b(first|originally|initially|previously|was to|announced|scheduled|agreed)\b.*\b(now|instead|changed|moved|switched|rerouted|re-routed|another|different)\b`),
		regexp.MustCompile(`(?i)\b(pay(ment|er)?|funds|remittance)\b.*\b(rerouted|re-routed|redirected|switched to|changed to|moved to)\b`),
		regexp.MustCompile(`(?i)\b(pay(ment|er)?|funds|remittance)\b.*\b(changed|switched|moved)\b.*\bfrom\b.*\bto\b`),
		regexp.MustCompile(`(?i)\b(pay\w*|funds|remittance)\b.*\b(now|instead)\b.*\b(from|by|via|through)\b.*\b(company|bank|account|party|country|in [A-Z])`),
	},
	"shipping_change": {
		regexp.MustCompile(`(?i)\b(consignee|ship-?to|destination|delivery address|shipping (instructions|address)|end[- ]?user|routing|route)\b.*\b(chang\w*|switch\w*|amend\w*|modif\w*|replac\w*|moved|rerout\w*|re-rout\w*|redirect\w*|divert\w*)\b`),
		regexp.MustCompile(`(?i)\b(chang\w*|switch\w*|amend\w*|modif\w*|replac\w*|moved|redirect\w*)\b.*\b(consignee|ship-?to|destination|delivery address|shipping (instructions|address))\b`),
	},
	"vague_delivery": {
		regexp.MustCompile(`(?i)\b(when(ever)? (possible|convenient|ready)|no (firm |fixed |set )?(delivery )?dates?|dates?\W+(is\s+|are\s+)?(open|flexible|not fixed|unknown|tbd|tba|unclear|to be (confirmed|advised|decided))|any time|no fixed date|undetermined)\b`),
		regexp.MustCompile(`(?i)\b(delivery|timing|schedule|shipping date)\b.*\b(vague|open|flexible|unclear|undecided|not (yet )?(fixed|known|decided))\b`),
		regexp.MustCompile(`(?i)\bvague\b.*\b(delivery|dates?|timing|schedule)\b`),
		regexp.MustCompile(`(?i)\bdeliver\w*\b.*\b(remote|out-of-the-way|border (area|town)|free zone warehouse|to be advised later)\b`),
	},
	"markings_removed": {
		regexp.MustCompile(`(?i)\b(remov|laser|scratch|grind|ground off|obliterat|relabel|re-label|mask)\w*\b.*\b(serial\s*(numbers?|nos?)|markings?|labels?|logos?|brand(ing)?|manufacturer.s name)\b`),
		regexp.MustCompile(`(?i)\b(without|no|blank)\s+(the\s+)?(manufacturer('s)?\s+|original\s+)?(serial\s*(numbers?|nos?)|markings?|labels?|logos?|branding)\b`),
		regexp.MustCompile(`(?i)\b(serial\s*(numbers?|nos?)|markings?|labels?|logos?)\b.*\b(removed|lasered|scratched|ground off|obliterated|unreadable)\b`),
	},
	"end_use_refused": {
		regexp.MustCompile(`(?i)\b(refus\w*|declin\w*|reluctan\w*|unwilling|would not|won't|will not|did not|didn't|cannot|can't|could not)\b.*\b(end[- ]?use\w*|eucs?|end[- ]?user (certificate|statement|form|declaration))`),
	},
	"documented_end_use": {
		regexp.MustCompile(`(?i)\b(end[- ]?user|end[- ]?use)\s+(certificate|statement|declaration|undertaking)\b.*\b(received|verified|on file|signed|provided|checked)`),
		regexp.MustCompile(`(?i)\b(signed|verified|received)\b.*\b(end[- ]?user|end[- ]?use)\s+(certificate|statement|declaration|undertaking)`),
	},
}

// topicNegations keep a topic from matching a sentence that denies it
// ("no end-user certificate received").
var topicNegations = map[string]*regexp.Regexp{
	"documented_end_use": regexp.MustCompile(`(?i)\b(no|not|never|without|missing|refus\w*|declin\w*|pending|awaiting|unsigned|lacks?)\b`),
}

var sentenceSplit = regexp.MustCompile(`[.!?]\s+|\n`)

// topicCache remembers the topics of recent notes: rules ask about the
// same notes several times per order, and notes repeat across orders.
var topicCache struct {
	sync.Mutex
	m map[string]map[string]bool
}

func topicsOf(notes string) map[string]bool {
	topicCache.Lock()
	t, ok := topicCache.m[notes]
	topicCache.Unlock()
	if ok {
		return t
	}
	t = map[string]bool{}
	for _, sent := range sentenceSplit.Split(notes, -1) {
		for topic, pats := range noteTopics {
			if t[topic] {
				continue
			}
			if neg := topicNegations[topic]; neg != nil && neg.MatchString(sent) {
				continue
			}
			for _, p := range pats {
				if p.MatchString(sent) {
					t[topic] = true
					break
				}
			}
		}
	}
	topicCache.Lock()
	if topicCache.m == nil || len(topicCache.m) > 4096 {
		topicCache.m = map[string]map[string]bool{}
	}
	topicCache.m[notes] = t
	topicCache.Unlock()
	return t
}

// NotesSay reports whether notes mention a red-flag topic: declined_services,
// unfamiliar_product, evasive_customer, overpricing, payment_reroute,
// shipping_change, vague_delivery, markings_removed, end_use_refused, or
// documented_end_use.
func NotesSay(notes, topic string) bool {
	if strings.TrimSpace(notes) == "" {
		return false
	}
	return topicsOf(notes)[topic]
}

// NoteTopics lists the topics NotesSay knows.
func NoteTopics() []string {
	out := make([]string, 0, len(noteTopics))
	for t := range noteTopics {
		out = append(out, t)
	}
	return out
}

// wordSet matches texts by whole words (after folding case and dropping
// punctuation) and by word prefixes and phrases; it is much cheaper than
// a case-insensitive regular expression with many alternatives.
type wordSet struct {
	words    map[string]bool
	prefixes []string
	phrases  []string
	// subs are matched anywhere, for scripts written without spaces.
	subs []string
}

func newWordSet(words, prefixes, phrases []string) *wordSet {
	w := &wordSet{words: map[string]bool{}, prefixes: prefixes, phrases: phrases}
	for _, x := range words {
		w.words[x] = true
	}
	return w
}

func (w *wordSet) match(texts ...string) bool {
	for _, text := range texts {
		if text == "" {
			continue
		}
		low := strings.ToLower(text)
		for _, sub := range w.subs {
			if strings.Contains(low, sub) {
				return true
			}
		}
		toks := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for _, t := range toks {
			if w.words[t] {
				return true
			}
			for _, p := range w.prefixes {
				if strings.HasPrefix(t, p) {
					return true
				}
			}
		}
		if len(w.phrases) > 0 {
			joined := " " + strings.Join(toks, " ") + " "
			for _, p := range w.phrases {
				if strings.Contains(joined, " "+p+" ") {
					return true
				}
			}
		}
	}
	return false
}

// logisticsWords make a party a freight forwarder, logistics firm or mail
// centre when found in its industry.
var logisticsWords = withSubs(newWordSet(
	[]string{"freight", "forwarder", "forwarders", "forwarding", "shipping", "cargo", "courier",
		"express", "parcel", "transport", "transportation", "3pl", "transitaire", "fret"},
	[]string{"logisti", "lojisti", "warehous", "consolidat", "expedit", "spedit", "nakliy", "taşımacılık", "tasimacilik",
		"логист", "экспед", "грузоперевоз", "перевозк", "حمل"},
	[]string{"customs broker", "customs brokerage", "customs brokers", "mail centre", "mail center", "supply chain services"}),
	"物流", "货运", "货代", "快递", "國際運輸", "货物运输", "شحن", "ترابری", "экспедиц")

// Logistics reports whether a party's name or industry makes it a freight
// forwarder, logistics company or mail centre.
func Logistics(name, industry string) bool {
	return logisticsWords.match(industry, name)
}

var tradingWords = withSubs(newWordSet(
	[]string{"trading", "traders", "trader", "merchant", "merchants", "sourcing", "ticaret", "handel", "handels",
		"negoce", "comercio", "commercio"},
	[]string{"торгов", "تجار", "بازرگان", "ithalat", "ihracat"},
	[]string{"import and export", "import export", "import & export", "general trade", "dis ticaret"}),
	"贸易", "貿易", "商贸", "进出口")

func withSubs(w *wordSet, subs ...string) *wordSet {
	w.subs = subs
	return w
}

// Trading reports whether a party is a general trading or import-export
// company by its name or industry.
func Trading(name, industry string) bool {
	return tradingWords.match(industry, name)
}

// logisticsName is the stricter test used on a name alone, when the
// industry is not given: "shipping" names ship owners as often as
// forwarders, so it does not count.
var logisticsName = withSubs(newWordSet(
	[]string{"freight", "forwarder", "forwarders", "forwarding", "cargo", "courier", "transitaire"},
	[]string{"logisti", "lojisti", "spedit", "nakliy", "логист", "экспед"},
	[]string{"customs broker", "customs brokerage", "mail centre", "mail center", "parcel service",
		"shipping services", "shipping service", "shipping agency", "shipping agent", "freight services"}),
	"物流", "货运", "货代")

func sortStrings(s []string) { sort.Strings(s) }
