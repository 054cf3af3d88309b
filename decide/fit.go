package decide

import (
	"regexp"
	"strings"
	"sync"
)

// Goods families group HS codes by what a buyer needs them for; industry
// fit is judged per family.
const (
	FamilyElectronics = "electronics"
	FamilyRadio       = "radio"
	FamilyNavigation  = "navigation"
	FamilyAeroEngine  = "aero_engine"
	FamilyMotor       = "motor"
	FamilyMicroMotor  = "micro_motor"
	FamilyMachineTool = "machine_tool"
	FamilyBearing     = "bearing"
	FamilyOptics      = "optics"
	FamilyCamera      = "camera"
	FamilyTest        = "test_equipment"
	FamilySemiEquip   = "semiconductor_equipment"
	FamilyAircraft    = "aircraft"
	FamilyComputer    = "computer"
)

// families maps HS prefixes (longest first wins) to goods families.
var families = []struct{ prefix, family string }{
	{"852691", FamilyNavigation}, {"852910", FamilyNavigation}, {"9014", FamilyNavigation},
	{"850440", FamilyElectronics}, {"8541", FamilyElectronics}, {"8542", FamilyElectronics},
	{"8532", FamilyElectronics}, {"8533", FamilyElectronics}, {"8534", FamilyElectronics},
	{"8536", FamilyElectronics}, {"8548", FamilyElectronics}, {"8543", FamilyTest},
	{"8517", FamilyRadio}, {"852692", FamilyRadio}, {"8529", FamilyRadio}, {"852589", FamilyCamera},
	{"840710", FamilyAeroEngine}, {"840910", FamilyAeroEngine}, {"8411", FamilyAeroEngine}, {"840890", FamilyAeroEngine},
	{"850110", FamilyMicroMotor}, {"8501", FamilyMotor},
	{"8456", FamilyMachineTool}, {"8457", FamilyMachineTool}, {"8458", FamilyMachineTool}, {"8459", FamilyMachineTool},
	{"8460", FamilyMachineTool}, {"8461", FamilyMachineTool}, {"8462", FamilyMachineTool}, {"8463", FamilyMachineTool},
	{"8464", FamilyMachineTool}, {"8465", FamilyMachineTool}, {"8466", FamilyMachineTool},
	{"8482", FamilyBearing}, {"9013", FamilyOptics}, {"9005", FamilyOptics},
	{"9030", FamilyTest}, {"9027", FamilyTest}, {"9031", FamilyTest}, {"8486", FamilySemiEquip},
	{"8806", FamilyAircraft}, {"8807", FamilyAircraft}, {"8471", FamilyComputer},
}

// Family returns the goods family of a 6-digit HS code ("8542.31" or
// "854231"), or "" when the code is in none.
func Family(hs string) string {
	d := strings.ReplaceAll(hs, ".", "")
	best, bestLen := "", 0
	for _, f := range families {
		if strings.HasPrefix(d, f.prefix) && len(f.prefix) > bestLen {
			best, bestLen = f.family, len(f.prefix)
		}
	}
	return best
}

// tradeWords say how a business trades, not what in; an industry made of
// nothing else is a generic trader.
var tradeWords = map[string]bool{
	"general": true, "trading": true, "trade": true, "traders": true, "trader": true, "import": true, "export": true,
	"importer": true, "exporter": true, "and": true, "of": true, "distribution": true, "distributor": true,
	"wholesale": true, "wholesaler": true, "retail": true, "reseller": true, "dealer": true, "supplier": true,
	"supply": true, "merchant": true, "commerce": true, "commercial": true, "company": true, "services": true,
	"manufacturing": true, "production": true, "chain": true, "group": true, "the": true, "&": true,
}

// fitWords are the industry words of businesses that have a use for each
// family. A generic trader is neutral except for aircraft engines, which
// only aviation buys in quantity (DERIVED-IR-UAV-01).
var fitWords = map[string]*regexp.Regexp{
	FamilyElectronics: regexp.MustCompile(`(?i)electr|semiconductor|component|\bems\b|pcb|assembl|contract manufactur|automotive|automation|machine|machinery|instrument|telecom|\bit\b|computer|research|universit|faculty|institut|laborator|scientific|meter|medical|robot|aerospace|aviation|avionic|marine|energy|solar|rail|lighting|security|engineering|industrial|equipment|appliance|network|internet`),
	FamilyRadio:       regexp.MustCompile(`(?i)telecom|internet|network|\bisp\b|\bit\b|electr|marine|yacht|broadcast|security|utility|utilities|meter|research|universit|faculty|institut|agricultur|farm|survey|mapping|geodetic|automation|iot|aviation|aerospace|transport|logistic|fleet|public safety|energy|oil|gas|mining|component|engineering`),
	FamilyNavigation:  regexp.MustCompile(`(?i)survey|geodetic|mapping|gis|agricultur|farm|\btractor|marine|yacht|boat|fishing|vessel|aviation|aircraft|flight|aerospace|automotive|telematic|fleet|research|universit|faculty|institut|electr|telecom|component|machine control|navigation|avionic|robot|internet|network|utilit|energy|broadcast`),
	FamilyAeroEngine:  regexp.MustCompile(`(?i)aviation|aircraft|\baero|flight|airline|\bmro\b|aerospace|air ?field|airport|flying|aeroclub|glider|part[- ]?145`),
	FamilyAircraft:    regexp.MustCompile(`(?i)aviation|aircraft|\baero|flight|airline|\bmro\b|aerospace|flying|part[- ]?145`),
	FamilyMotor:       regexp.MustCompile(`(?i)automation|machine|machinery|robot|packaging|manufactur|electr|automotive|engineering|industrial|equipment|medical|research|universit|faculty|institut|pump|hvac|\bmep\b|mechatronic|motion|drive|component|textile machin|printing`),
	FamilyMicroMotor:  regexp.MustCompile(`(?i)hobby|model|\brc\b|toy|automation|machine|robot|electr|automotive|engineering|industrial|equipment|medical|research|universit|component|camera|optic`),
	FamilyMachineTool: regexp.MustCompile(`(?i)machin|metal|precision|tool|mou?ld|\bdie\b|manufactur|automotive|engineering|aerospace|foundry|fabricat|workshop|industrial|equipment|component|instrument`),
	FamilyBearing:     regexp.MustCompile(`(?i)machin|manufactur|automotive|\bcars?\b|vehicle|aviation|aircraft|flight|agricultur|farm|industrial|engineering|maintenance|repair|motor|pump|packaging|equipment|bearing|component|mechanic|bicycle|rail|marine|mining|construction|energy|wind|textile`),
	FamilyOptics:      regexp.MustCompile(`(?i)optic|photon|laser|research|universit|institut|survey|medical|ophthalm|astronom|instrument|electr|defen`),
	FamilyCamera:      regexp.MustCompile(`(?i)security|surveillance|broadcast|media|film|automotive|research|universit|institut|electr|fire|inspection|industrial|machine vision|medical|drone|survey|mapping|agricultur|building|energy`),
	FamilyTest:        regexp.MustCompile(`(?i)electr|research|universit|faculty|institut|telecom|laborator|calibrat|manufactur|automotive|energy|utilit|semiconductor|\bems\b|pcb|instrument|engineering|aerospace|medical|component|industrial|equipment|\bit\b|network`),
	FamilySemiEquip:   regexp.MustCompile(`(?i)semiconductor|electronics manufactur|\bems\b|pcb|research|universit|institut|wafer|foundry|fab\b|photonic|solar`),
}

// IndustryFit says whether an industry has a use for goods of a family:
// "fit", "mismatch", or "unknown" when the industry is not given, the
// family has no fit table, or the industry is a generic trader (which the
// trading-company and transshipment rules judge instead).
func IndustryFit(industry, family string) string {
	key := industry + "\x00" + family
	fitCache.Lock()
	v, ok := fitCache.m[key]
	fitCache.Unlock()
	if ok {
		return v
	}
	v = industryFit(industry, family)
	fitCache.Lock()
	if fitCache.m == nil || len(fitCache.m) > 4096 {
		fitCache.m = map[string]string{}
	}
	fitCache.m[key] = v
	fitCache.Unlock()
	return v
}

// fitCache remembers recent answers: industries repeat across orders.
var fitCache struct {
	sync.Mutex
	m map[string]string
}

func industryFit(industry, family string) string {
	industry = strings.TrimSpace(industry)
	re := fitWords[family]
	if industry == "" || re == nil {
		return "unknown"
	}
	if re.MatchString(industry) {
		return "fit"
	}
	if family != FamilyAeroEngine && family != FamilyAircraft && genericTrader(industry) {
		return "unknown"
	}
	return "mismatch"
}

func genericTrader(industry string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(industry), func(r rune) bool {
		return r == ' ' || r == ',' || r == '/' || r == '-' || r == '(' || r == ')'
	}) {
		if !tradeWords[w] {
			return false
		}
	}
	return true
}

var hobbyWords = newWordSet([]string{"hobby", "hobbies", "model", "models", "rc", "toy", "toys"}, []string{"modell"}, []string{"r c"})

// Hobby reports whether a party presents itself as a hobby or model business
// (DERIVED-IR-UAV-02: "hobby/model" cover companies).
func Hobby(name, industry string) bool {
	return hobbyWords.match(industry, name)
}
