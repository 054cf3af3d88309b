package ftm

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// modelJSON holds the facts of the FollowTheMoney model the writer keeps
// to: for each schema Tripline writes or reads, its properties with their
// types, length limits and ranges, its ancestors and required properties;
// the vocabularies of the country, gender, topic and language types. It is
// extracted from the reference model, the @alephdata/followthemoney npm
// package, by internal/genmodel (PROVENANCE.md), and TestModelIsTheReference
// keeps it equal to that package's.
//
//go:embed model.json
var modelJSON []byte

// ftmProp is one property of a schema, inherited ones included.
type ftmProp struct {
	Type      string `json:"type"`
	MaxLength int    `json:"maxLength"`
	Range     string `json:"range"`
}

// ftmSchema is a schema with its inherited properties.
type ftmSchema struct {
	Name     string
	isA      map[string]bool
	Abstract bool
	Required []string
	Props    map[string]*ftmProp
}

type ftmModel struct {
	schemata map[string]*ftmSchema
	values   map[string]map[string]bool // vocabularies by type
	typeMax  map[string]int
}

var model = loadModel()

func loadModel() *ftmModel {
	var raw struct {
		Types map[string]struct {
			MaxLength int      `json:"maxLength"`
			Values    []string `json:"values"`
		} `json:"types"`
		Schemata map[string]struct {
			Extends    []string            `json:"extends"`
			Schemata   []string            `json:"schemata"`
			Abstract   bool                `json:"abstract"`
			Required   []string            `json:"required"`
			Properties map[string]*ftmProp `json:"properties"`
		} `json:"schemata"`
	}
	if err := json.Unmarshal(modelJSON, &raw); err != nil {
		panic("ftm: embedded model.json: " + err.Error())
	}
	m := &ftmModel{schemata: map[string]*ftmSchema{}, values: map[string]map[string]bool{}, typeMax: map[string]int{}}
	for name, t := range raw.Types {
		m.typeMax[name] = t.MaxLength
		if len(t.Values) > 0 {
			set := map[string]bool{}
			for _, v := range t.Values {
				set[v] = true
			}
			m.values[name] = set
		}
	}
	var props func(name string) map[string]*ftmProp
	props = func(name string) map[string]*ftmProp {
		rs := raw.Schemata[name]
		out := map[string]*ftmProp{}
		for _, e := range rs.Extends {
			for k, p := range props(e) {
				out[k] = p
			}
		}
		for k, p := range rs.Properties {
			if p.MaxLength == 0 {
				p.MaxLength = m.typeMax[p.Type]
			}
			out[k] = p
		}
		return out
	}
	for name, rs := range raw.Schemata {
		s := &ftmSchema{Name: name, isA: map[string]bool{}, Abstract: rs.Abstract, Required: rs.Required, Props: props(name)}
		for _, a := range rs.Schemata {
			s.isA[a] = true
		}
		m.schemata[name] = s
	}
	return m
}

// schema returns the schema called name, or nil.
func (m *ftmModel) schema(name string) *ftmSchema { return m.schemata[name] }

// isA reports whether an entity of schema name is a range: the schema or
// one of its descendants.
func (m *ftmModel) isA(name, rng string) bool {
	s := m.schemata[name]
	return s != nil && s.isA[rng]
}

// entityIDRe is FtM's EntityType.REGEX: what an entity reference may be
// (followthemoney/types/entity.py); a consumer drops any other.
var entityIDRe = regexp.MustCompile(`^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$`)

var (
	ftmDateRe   = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2}))?)?)?)?)?$`)
	ftmEmailRe  = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)
	ftmPhoneRe  = regexp.MustCompile(`^\+[1-9]\d{4,14}$`)
	ftmNumberRe = regexp.MustCompile(`^-?\d+(\.\d+)?$`)
	// ftmURLRe is the URL form the writer emits: a scheme, an ASCII host
	// and printable ASCII after it, which every URL parser takes.
	ftmURLRe = regexp.MustCompile(`^(?i:https?|ftp)://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?(?:[/?#][!-~]*)?$`)
)

// valid reports whether v is a valid value of property p: within its
// length limit and of its type's form (the checks of followthemoney's
// types, which the test helper testdata/ftm-validate.js applies with the
// reference model).
func (m *ftmModel) valid(p *ftmProp, v string) bool {
	if strings.TrimSpace(v) == "" || !utf8.ValidString(v) {
		return false
	}
	if p.MaxLength > 0 && utf8.RuneCountInString(v) > p.MaxLength {
		return false
	}
	switch p.Type {
	case "country", "gender", "topic", "language":
		return m.values[p.Type][v]
	case "date":
		return validDate(v)
	case "email":
		return ftmEmailRe.MatchString(v)
	case "url":
		return ftmURLRe.MatchString(v)
	case "phone":
		return ftmPhoneRe.MatchString(v)
	case "number":
		return ftmNumberRe.MatchString(strings.ReplaceAll(v, ",", ""))
	case "entity":
		return entityIDRe.MatchString(v)
	}
	return true
}

func validDate(v string) bool {
	sm := ftmDateRe.FindStringSubmatch(v)
	if sm == nil {
		return false
	}
	n := func(s string) int {
		x := 0
		for _, c := range s {
			x = x*10 + int(c-'0')
		}
		return x
	}
	if sm[2] != "" {
		if mo := n(sm[2]); mo < 1 || mo > 12 {
			return false
		}
	}
	if sm[3] != "" {
		y, mo, d := n(sm[1]), n(sm[2]), n(sm[3])
		days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mo-1]
		if mo == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
			days = 29
		}
		if d < 1 || d > days {
			return false
		}
	}
	if sm[4] != "" && n(sm[4]) > 23 || sm[5] != "" && n(sm[5]) > 59 || sm[6] != "" && n(sm[6]) > 59 {
		return false
	}
	return true
}

// clean returns the valid values of property p that v stands for: a
// country name as its code, the dates in a text, each e-mail address or
// URL of a list, a phone number in E.164, an over-long text cut to the
// limit. It returns none where v has no valid form (an identifier is
// never cut: a cut number is another number).
func (m *ftmModel) clean(p *ftmProp, v string) []string {
	var out []string
	keep := func(c string) {
		if c != "" && m.valid(p, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	v = strings.ToValidUTF8(v, "")
	switch p.Type {
	case "entity", "identifier", "checksum", "iban", "ip", "json", "mimetype":
	case "country":
		keep(strings.ToLower(strings.TrimSpace(v)))
		if len(out) == 0 {
			keep(strings.ToLower(countryCode(v)))
		}
		if i := strings.IndexByte(v, '('); len(out) == 0 && i > 0 {
			// a country with a remark: "Iraq (previous address)" is iq
			// ("Iran (Islamic Republic of)" is a name, found above)
			keep(strings.ToLower(countryCode(v[:i])))
		}
	case "gender":
		g := strings.ToLower(strings.TrimSpace(v))
		switch g {
		case "m":
			g = "male"
		case "f":
			g = "female"
		}
		keep(g)
	case "topic", "language":
		keep(strings.ToLower(strings.TrimSpace(v)))
	case "date":
		for _, d := range cleanDates(v) {
			keep(d)
		}
	case "email":
		for _, t := range splitList(v) {
			keep(strings.Trim(t, "<>()[]:.,"))
		}
	case "url":
		for _, t := range splitList(v) {
			keep(cleanURL(t))
		}
	case "phone":
		for _, t := range phoneSepRe.Split(v, -1) {
			keep(cleanPhone(t))
		}
	case "number":
		if n := numberRe.FindString(strings.ReplaceAll(v, ",", "")); n != "" {
			keep(n)
		}
	default:
		t := strings.TrimSpace(v)
		if p.MaxLength > 0 && utf8.RuneCountInString(t) > p.MaxLength {
			r := []rune(t)
			t = strings.TrimSpace(string(r[:p.MaxLength]))
		}
		keep(t)
	}
	return out
}

var (
	listSepRe  = regexp.MustCompile(`(?i)[\s,;]+(?:(?:and|or|/)[\s,;]+)?`)
	phoneSepRe = regexp.MustCompile(`[,;]|\s+/\s+|\bor\b|\band\b`)
	numberRe   = regexp.MustCompile(`-?\d+(\.\d+)?`)
	invisible  = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "")
)

// splitList splits a text holding several e-mail addresses or URLs
// ("a@x.org and b@y.org", "www.a.com, www.b.com").
func splitList(v string) []string {
	var out []string
	for _, t := range listSepRe.Split(invisible.Replace(v), -1) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

var domainRe = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?::\d{1,5})?(?:[/?#].*)?$`)

// cleanURL gives a URL its scheme where it has none ("www.example.org")
// and escapes what is not printable ASCII after the host.
func cleanURL(t string) string {
	t = strings.TrimRight(strings.TrimLeft(t, "<(\"'"), ">)\"'.,;")
	low := strings.ToLower(t)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") && !strings.HasPrefix(low, "ftp://") {
		if !domainRe.MatchString(t) {
			return ""
		}
		t = "http://" + t
	}
	scheme, rest, _ := strings.Cut(t, "://")
	host, path := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(scheme) + "://" + strings.ToLower(host))
	for _, c := range []byte(path) {
		if c > ' ' && c < 0x7f {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex2(c)))
		}
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// cleanPhone writes a number given with its country code ("+7 495 000
// 00 00", "0049 30 1234567") in E.164; a national number has no E.164
// form without knowing its country's plan, and gives "".
func cleanPhone(t string) string {
	var b strings.Builder
	plus := false
digits:
	for i, c := range strings.TrimSpace(t) {
		switch {
		case c == '+' && b.Len() == 0 && !plus:
			plus = true
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00a0':
		default:
			if i > 0 && b.Len() >= 5 {
				break digits // an extension or a remark after the number
			}
			return ""
		}
	}
	d := b.String()
	switch {
	case plus:
	case strings.HasPrefix(d, "00"):
		d = d[2:]
	default:
		return ""
	}
	return "+" + d
}

var (
	isoPrefixRe = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2})?)?)?)?)?`)
	dmyRe       = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b`)
	dMonYRe     = regexp.MustCompile(`(?i)\b(?:(\d{1,2})[ -])?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ -,]*(\d{4})\b`)
	yearRe      = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	months      = map[string]string{"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06", "jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12"}
)

// cleanDates finds the dates a text gives: an ISO prefix at its start
// (a time zone dropped), "21.04.1975", "21 Apr 1975", "Apr 1975", else the
// years it names ("circa 1967", "1960 to 1962").
func cleanDates(v string) []string {
	v = strings.TrimSpace(v)
	if p := isoPrefixRe.FindString(v); p != "" && (len(p) == len(v) || strings.ContainsRune("TZ+.:", rune(v[len(p)]))) {
		for p != "" && !validDate(p) {
			// 2001-13-01: keep what is valid of it
			if i := strings.LastIndexAny(p, "-T:"); i > 0 {
				p = p[:i]
			} else {
				p = ""
			}
		}
		if p != "" {
			return []string{p}
		}
	}
	var out []string
	pad := func(s string) string {
		if len(s) == 1 {
			return "0" + s
		}
		return s
	}
	for _, m := range dmyRe.FindAllStringSubmatch(v, -1) {
		out = append(out, m[3]+"-"+pad(m[2])+"-"+pad(m[1]))
	}
	for _, m := range dMonYRe.FindAllStringSubmatch(v, -1) {
		d := m[3] + "-" + months[strings.ToLower(m[2])]
		if m[1] != "" {
			d += "-" + pad(m[1])
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		out = yearRe.FindAllString(v, -1)
	}
	return out
}
