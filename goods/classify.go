package goods

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/tripline/tripline"
)

// Classification kinds: how the query was read.
const (
	KindHS      = "hs"
	KindControl = "control"
	KindPart    = "part"
	KindText    = "text"
)

// Classification is what the catalogue knows about one query.
type Classification struct {
	Query string `json:"query"`
	// Kind says how the query was read: hs, control, part or text.
	Kind string `json:"kind"`
	// HS6 is the 6-digit subheading ("8542.31") when the query resolves to
	// one, directly or through a watch-listed part.
	HS6        string `json:"hs6,omitempty"`
	Chapter    *Code  `json:"chapter,omitempty"`
	Heading    *Code  `json:"heading,omitempty"`
	Subheading *Code  `json:"subheading,omitempty"`
	// National is the digits past the sixth of an 8- or 10-digit code
	// (CN, HTS), which the catalogue does not resolve further.
	National string     `json:"national,omitempty"`
	CHPL     *CHPLEntry `json:"chpl,omitempty"`
	UAV      *UAVEntry  `json:"uav,omitempty"`
	// Controls are the Annex I provisions a control number resolves to,
	// the most specific first.
	Controls []Control `json:"controls,omitempty"`
	// Part is the watch-list entry a part number matched.
	Part *Part `json:"part,omitempty"`
	// Family is the part-number family a part number belongs to.
	Family *PartFamily `json:"part_family,omitempty"`
	// Suggestions rank subheadings and Annex I entries by the words of a
	// free-text description.
	Suggestions []Suggestion `json:"suggestions,omitempty"`
	// Notes explain what could not be resolved.
	Notes []string `json:"notes,omitempty"`
}

var (
	hsQuery      = regexp.MustCompile(`^(?i:hs\s*)?[0-9][0-9 .]{1,14}$`)
	controlQuery = regexp.MustCompile(`^(?i)(?:eccn\s*)?([0-9])([a-e])([0-9]{3})((?:\.[a-z0-9]+)*)\.?$`)
)

// NormalizeHS returns the digits of an HS code ("8542.31.00" → "85423100"),
// or "" when s holds anything but digits, dots, spaces and dashes.
func NormalizeHS(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == ' ' || r == '-':
		default:
			return ""
		}
	}
	return b.String()
}

// NormalizeControl returns a control number in the Annex I spelling
// ("3a001.A.2" → "3A001.a.2"), or "" when s is not one.
func NormalizeControl(s string) string {
	m := controlQuery.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	return m[1] + strings.ToUpper(m[2]) + m[3] + strings.ToLower(m[4])
}

// NormalizePart folds a part number for comparison: upper case, letters
// and digits only ("stm32f765vit6-tr" → "STM32F765VIT6TR").
func NormalizePart(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// packageSuffixes are distributor and packaging suffixes dropped from a part
// number before an exact comparison (tape and reel, lead-free, cut tape).
var packageSuffixes = []string{"TR", "CT", "ND", "PBF", "REEL", "T", "R"}

// LookupHS resolves an HS code at 2, 4, 6 or more digits.
func (c *Catalogue) LookupHS(code string) (Classification, bool) {
	digits := NormalizeHS(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(code)), "hs"))
	cl := Classification{Query: code, Kind: KindHS}
	if len(digits) < 2 {
		cl.Notes = append(cl.Notes, "not an HS code")
		return cl, false
	}
	if len(digits)%2 == 1 && len(digits) < 6 {
		// A chapter below 10 written without its leading zero (e.g. "8471"
		// is fine, "101" is not): refuse rather than guess.
		cl.Notes = append(cl.Notes, "an HS code has 2, 4, 6, 8 or 10 digits")
		return cl, false
	}
	if ch, ok := c.codes[digits[:2]]; ok {
		cl.Chapter = ch
	}
	if len(digits) >= 4 {
		if h, ok := c.codes[digits[:4]]; ok {
			cl.Heading = h
		}
	}
	if len(digits) >= 6 {
		hs6 := digits[:6]
		if s, ok := c.codes[hs6]; ok {
			cl.Subheading = s
			cl.HS6 = Dotted(hs6)
		} else if s, ok := c.codes[hs6[:4]+"00"]; ok {
			cl.Subheading = s
			cl.HS6 = Dotted(s.Code)
		}
		if len(digits) > 6 {
			cl.National = digits[6:]
		}
		if e, ok := c.chpl[hs6]; ok {
			cl.CHPL = e
		}
		if e, ok := c.uav[hs6]; ok {
			cl.UAV = e
		}
		if cl.Subheading == nil {
			cl.Notes = append(cl.Notes, "subheading "+Dotted(hs6)+" is not in HS 2022")
		}
	} else if len(digits) == 4 && cl.Heading != nil {
		// A heading of a single subheading ("8534" → 8534.00) resolves to it.
		if s, ok := c.codes[digits+"00"]; ok {
			cl.Subheading = s
			cl.HS6 = Dotted(s.Code)
			cl.CHPL = c.chpl[s.Code]
			cl.UAV = c.uav[s.Code]
		}
	}
	ok := cl.Chapter != nil && (len(digits) < 4 || cl.Heading != nil)
	if !ok {
		cl.Notes = append(cl.Notes, "code "+digits+" is not in HS 2022")
	}
	return cl, ok
}

// LookupControl resolves an EU Annex I entry or an ECCN of the same shape:
// the most specific provision the catalogue holds, then its parents.
func (c *Catalogue) LookupControl(number string) (Classification, bool) {
	cl := Classification{Query: number, Kind: KindControl}
	n := NormalizeControl(number)
	if n == "" {
		if strings.EqualFold(strings.TrimSpace(number), "EAR99") {
			cl.Notes = append(cl.Notes, "EAR99: subject to the EAR but not on the Commerce Control List; licences may still be needed for embargoed destinations and listed parties")
			return cl, true
		}
		cl.Notes = append(cl.Notes, "not a control number (expected e.g. 3A001 or 9A012.a)")
		return cl, false
	}
	parts := strings.Split(n, ".")
	for i := len(parts); i >= 1; i-- {
		key := strings.Join(parts[:i], ".")
		if ctl, ok := c.controls[key]; ok {
			cl.Controls = append(cl.Controls, *ctl)
		}
	}
	if len(cl.Controls) == 0 {
		cl.Notes = append(cl.Notes, n+" is not an entry of EU Annex I (it may be a US-only ECCN)")
		return cl, false
	}
	if cl.Controls[0].Number != n {
		cl.Notes = append(cl.Notes, n+" resolved to "+cl.Controls[0].Number)
	}
	return cl, true
}

// LookupPart finds a watch-listed part number. The comparison ignores case,
// spaces, dashes and dots, and accepts distributor or packaging suffixes
// ("STM32F765VIT6TR", "TMS320F28335PGFA" match their base part).
func (c *Catalogue) LookupPart(pn string, manufacturer string) (*Part, bool) {
	key := NormalizePart(pn)
	if len(key) < 4 {
		return nil, false
	}
	keys := []string{key}
	if NormalizePart(manufacturer) != "" {
		for _, w := range strings.FieldsFunc(manufacturer, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			keys = append(keys, NormalizePart(w)+key)
		}
	}
	for _, k := range keys {
		for _, suf := range packageSuffixes {
			if strings.HasSuffix(k, suf) && len(k)-len(suf) >= 5 {
				keys = append(keys, strings.TrimSuffix(k, suf))
			}
		}
	}
	var best *Part
	for _, p := range c.parts {
		for _, k := range keys {
			// An exact match, or the query extends the watched part with a
			// package/ordering code: require the watched part to be long
			// enough to identify a product on its own.
			if k == p.key || (len(p.key) >= 5 && strings.HasPrefix(k, p.key) && hasDigit(p.key)) {
				if best == nil || len(p.key) > len(best.key) {
					best = p
				}
			}
		}
	}
	return best, best != nil
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// Parts returns the watch list.
func (c *Catalogue) Parts() []Part {
	out := make([]Part, len(c.parts))
	for i, p := range c.parts {
		out[i] = *p
	}
	return out
}

// Classify reads q as an HS code, a control number, a watch-listed part
// number or, failing those, a free-text description.
func (c *Catalogue) Classify(q string) Classification {
	q = strings.TrimSpace(q)
	if hsQuery.MatchString(q) {
		if cl, ok := c.LookupHS(q); ok {
			return cl
		}
	}
	if NormalizeControl(q) != "" || strings.EqualFold(q, "EAR99") {
		cl, _ := c.LookupControl(q)
		return cl
	}
	if p, ok := c.LookupPart(q, ""); ok {
		cl, _ := c.LookupHS(p.HS6)
		cl.Query, cl.Kind, cl.Part = q, KindPart, p
		return cl
	}
	if !strings.ContainsAny(q, " \t") {
		if fam, ok := c.PartFamily(q, ""); ok {
			cl, _ := c.LookupHS(fam.HS6)
			cl.Query, cl.Kind, cl.Family = q, KindPart, fam
			cl.Notes = append(cl.Notes, "part-number family: "+fam.Description)
			return cl
		}
	}
	cl := Classification{Query: q, Kind: KindText, Suggestions: c.Search(q, 5)}
	if len(cl.Suggestions) == 0 {
		cl.Notes = append(cl.Notes, "no catalogue entry matches these words")
	}
	return cl
}

// Item is the classification of one order line.
type Item struct {
	tripline.GoodsLine
	// Description is the HS subheading's text, when known.
	Description string
	// Part is the watch-list entry the line's part number matched.
	Part *Part
	// Family is the part-number family that gave the HS code, if any.
	Family *PartFamily
	// Suggestions are free-text suggestions for a line without an HS code.
	Suggestions []Suggestion
}

// hs2017 maps HS 2017 subheadings that HS 2022 moved to their HS 2022
// successor, where the move is one to one (WCO correlation HS 2017-2022:
// aircraft parts left 8803 for 8807). Codes that HS 2022 split are not
// guessed.
var hs2017 = map[string]string{
	"880310": "880710", "880320": "880720", "880330": "880730", "880390": "880790",
}

// ClassifyItem classifies order line i. A declared HS code wins; without
// one, a watch-listed part number gives the code, then a description whose
// trade words name the goods unambiguously (MCU, GNSS module, servomotor);
// otherwise only suggestions are returned and no tier is assumed.
func (c *Catalogue) ClassifyItem(i int, it tripline.Item) Item {
	out := Item{GoodsLine: tripline.GoodsLine{Item: i, Controls: []string{}}}
	hs6 := ""
	if d := NormalizeHS(it.HSCode); len(d) >= 6 {
		hs6 = d[:6]
		out.HSSource = "declared"
		if _, ok := c.codes[hs6]; !ok && hs2017[hs6] != "" {
			out.Controls = append(out.Controls, "declared HS 2017 "+Dotted(hs6)+", read as HS 2022 "+Dotted(hs2017[hs6]))
			hs6 = hs2017[hs6]
		}
	} else if len(d) == 4 {
		if _, ok := c.codes[d+"00"]; ok {
			hs6 = d + "00"
			out.HSSource = "declared"
		}
	}
	pn := it.PartNumber
	if pn == "" {
		pn = partInText(it.Description)
	}
	if p, ok := c.LookupPart(pn, it.Manufacturer); ok {
		out.Part = p
		out.Controls = append(out.Controls, "watchlist:"+p.Part+" ("+p.Platform+"; "+p.Source+")")
		if hs6 == "" {
			hs6 = p.HS6
			out.HSSource = "part_number"
		}
	} else if p, ok := c.LookupPart(it.Description, ""); ok {
		out.Part = p
		out.Controls = append(out.Controls, "watchlist:"+p.Part+" ("+p.Platform+"; "+p.Source+")")
		if hs6 == "" {
			hs6 = p.HS6
			out.HSSource = "part_number"
		}
	}
	if hs6 == "" {
		if fam, ok := c.PartFamily(pn, it.Manufacturer); ok {
			hs6 = fam.HS6
			out.HSSource = "part_family"
			out.Family = fam
		}
	}
	if hs6 == "" && it.Description != "" && hasHint(it.Description) {
		out.Suggestions = c.Search(it.Description, 3)
		if len(out.Suggestions) > 0 && out.Suggestions[0].Hinted && out.Suggestions[0].Kind == KindHS {
			hs6 = NormalizeHS(out.Suggestions[0].Code)
			out.HSSource = "description"
		}
	}
	if it.ECCN != "" {
		if cl, ok := c.LookupControl(it.ECCN); ok && len(cl.Controls) > 0 {
			out.Controls = append(out.Controls, "EU "+cl.Controls[0].Number)
		} else if n := NormalizeControl(it.ECCN); n != "" {
			out.Controls = append(out.Controls, "ECCN "+n)
		}
	}
	if hs6 != "" {
		out.HSCode = Dotted(hs6)
		if s, ok := c.codes[hs6]; ok {
			out.Description = s.Description
		}
		if e, ok := c.chpl[hs6]; ok {
			out.CHPLTier = e.Tier
		}
		if e, ok := c.uav[hs6]; ok {
			out.UAV = e.Category
		}
	}
	return out
}

// partInText picks a part-number-like token (letters and digits, at least
// six characters) out of a description.
func partInText(s string) string {
	best := ""
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' || r == ';' }) {
		k := NormalizePart(f)
		if len(k) >= 6 && hasDigit(k) && strings.IndexFunc(k, unicode.IsLetter) >= 0 && len(k) > len(best) {
			best = f
		}
	}
	return best
}

// PartFamily is a manufacturer's part-numbering scheme for a product line
// ("STM32…" microcontrollers, "GRM…" ceramic capacitors).
type PartFamily struct {
	Pattern string `json:"pattern"`
	// Manufacturer, when set, must be a word of the line's manufacturer.
	Manufacturer string `json:"manufacturer,omitempty"`
	HS6          string `json:"hs6"`
	Description  string `json:"description"`
}

type partFamily struct {
	PartFamily
	re *regexp.Regexp
}

func newPartFamily(f []string) (*partFamily, error) {
	re, err := regexp.Compile(f[0])
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %v", f[0], err)
	}
	if len(f[2]) != 6 || NormalizeHS(f[2]) != f[2] {
		return nil, fmt.Errorf("pattern %q: HS code %q is not 6 digits", f[0], f[2])
	}
	m := f[1]
	if m == "-" {
		m = ""
	}
	return &partFamily{PartFamily{Pattern: f[0], Manufacturer: NormalizePart(m), HS6: f[2], Description: f[3]}, re}, nil
}

// PartFamily finds the part-number family of a part number (and, for
// families that need it, its manufacturer); the first matching family in
// the table wins.
func (c *Catalogue) PartFamily(pn, manufacturer string) (*PartFamily, bool) {
	key := NormalizePart(pn)
	if len(key) < 3 {
		return nil, false
	}
	mfr := NormalizePart(manufacturer)
	for _, f := range c.families {
		if f.Manufacturer != "" && !strings.Contains(mfr, f.Manufacturer) {
			continue
		}
		if f.re.MatchString(key) {
			return &f.PartFamily, true
		}
	}
	return nil, false
}
