// Package listutil holds small helpers shared by the EU, UK OFSI and DFAT
// readers: header-name column lookup, de-duplicating appenders for entity
// fields, day/month/year date conversion and script detection for
// non-Latin names.
package listutil

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/tripline/tripline"
)

// Columns maps header names to their column index. Names are compared
// after trimming spaces and a UTF-8 byte order mark.
type Columns map[string]int

// NewColumns indexes header. It returns the names of required columns that
// header lacks.
func NewColumns(header []string, required ...string) (Columns, []string) {
	c := make(Columns, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := c[h]; !dup {
			c[h] = i
		}
	}
	var missing []string
	for _, r := range required {
		if _, ok := c[r]; !ok {
			missing = append(missing, r)
		}
	}
	return c, missing
}

// Get returns the trimmed value of column name in rec, or "" when the
// column is absent or rec is too short.
func (c Columns) Get(rec []string, name string) string {
	i, ok := c[name]
	if !ok || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// AppendUnique appends the non-empty values of vs to list that it does not
// already hold.
func AppendUnique(list []string, vs ...string) []string {
	for _, v := range vs {
		if v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// AddName appends n to e unless e already has a name with the same text
// and script. A repeated name keeps its strongest kind.
func AddName(e *tripline.Entity, n tripline.Name) {
	n.Full = strings.TrimSpace(n.Full)
	if n.Full == "" {
		return
	}
	for i := range e.Names {
		o := &e.Names[i]
		if o.Full != n.Full || o.Script != n.Script {
			continue
		}
		if rank(n.Kind) > rank(o.Kind) {
			o.Kind = n.Kind
			o.Qualifier = n.Qualifier
		}
		if len(o.Parts) == 0 {
			o.Parts = n.Parts
		}
		if o.Lang == "" {
			o.Lang = n.Lang
		}
		return
	}
	e.Names = append(e.Names, n)
}

func rank(k tripline.NameKind) int {
	switch k {
	case tripline.NamePrimary:
		return 2
	case tripline.NameAlias:
		return 1
	}
	return 0
}

// AddIdentifier appends id to e unless an identical one is there.
func AddIdentifier(e *tripline.Entity, id tripline.Identifier) {
	if id.Value == "" {
		return
	}
	if !slices.Contains(e.Identifiers, id) {
		e.Identifiers = append(e.Identifiers, id)
	}
}

// AddAddress appends a to e unless it is empty or already there, and adds
// its country to e.Countries.
func AddAddress(e *tripline.Entity, a tripline.Address) {
	if a == (tripline.Address{}) {
		return
	}
	if a.Country != "" {
		e.Countries = AppendUnique(e.Countries, a.Country)
	}
	if a.Full == "" && a.Street == "" && a.City == "" && a.Region == "" && a.PostalCode == "" {
		// A bare country is kept in Countries only.
		return
	}
	if !slices.Contains(e.Addresses, a) {
		e.Addresses = append(e.Addresses, a)
	}
}

// Join joins the non-empty trimmed values with sep.
func Join(sep string, vs ...string) string {
	var b strings.Builder
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(v)
	}
	return b.String()
}

// Date returns an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD) for year,
// month and day given as text, where "0", "00" or "" mark an unknown part.
// It returns "" when the year is missing or any part is out of range.
func Date(year, month, day string) string {
	y, err := strconv.Atoi(strings.TrimSpace(year))
	if err != nil || y < 1000 || y > 2999 {
		return ""
	}
	m := atoiOr0(month)
	d := atoiOr0(day)
	if m < 0 || m > 12 || d < 0 || d > 31 {
		return ""
	}
	s := strconv.Itoa(y)
	if m == 0 {
		return s
	}
	s += "-" + pad2(m)
	if d == 0 {
		return s
	}
	return s + "-" + pad2(d)
}

func atoiOr0(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// DMY converts "dd/mm/yyyy" (00 for an unknown day or month) to an ISO date
// prefix, or returns "" when s is not such a date.
func DMY(s string) string {
	s = strings.TrimSpace(s)
	d, rest, ok1 := strings.Cut(s, "/")
	m, y, ok2 := strings.Cut(rest, "/")
	if !ok1 || !ok2 || len(d) > 2 || len(m) > 2 || len(y) != 4 {
		return ""
	}
	if atoiOr0(d) < 0 || atoiOr0(m) < 0 {
		return ""
	}
	if atoiOr0(m) == 0 && atoiOr0(d) != 0 {
		// A day without a month says nothing usable.
		d = "0"
	}
	return Date(y, m, d)
}

// scripts maps Unicode scripts to ISO 15924 codes.
var scripts = []struct {
	table *unicode.RangeTable
	code  string
}{
	{unicode.Arabic, "Arab"},
	{unicode.Cyrillic, "Cyrl"},
	{unicode.Han, "Hani"},
	{unicode.Hangul, "Hang"},
	{unicode.Hiragana, "Jpan"},
	{unicode.Katakana, "Jpan"},
	{unicode.Greek, "Grek"},
	{unicode.Hebrew, "Hebr"},
	{unicode.Georgian, "Geor"},
	{unicode.Armenian, "Armn"},
	{unicode.Thai, "Thai"},
	{unicode.Devanagari, "Deva"},
	{unicode.Myanmar, "Mymr"},
	{unicode.Ethiopic, "Ethi"},
	{unicode.Tamil, "Taml"},
	{unicode.Bengali, "Beng"},
	{unicode.Khmer, "Khmr"},
	{unicode.Lao, "Laoo"},
	{unicode.Sinhala, "Sinh"},
	{unicode.Tibetan, "Tibt"},
	{unicode.Gurmukhi, "Guru"},
	{unicode.Syriac, "Syrc"},
	{unicode.Thaana, "Thaa"},
}

// Script returns the ISO 15924 code of the first non-Latin letter's script
// in s ("Arab", "Cyrl", "Hani" ...), or "" when s is written in Latin
// letters (or has no letters at all).
func Script(s string) string {
	for _, r := range s {
		if r < 0x250 || !unicode.IsLetter(r) {
			continue
		}
		if unicode.Is(unicode.Latin, r) {
			continue
		}
		for _, sc := range scripts {
			if unicode.Is(sc.table, r) {
				return sc.code
			}
		}
		return "Zyyy"
	}
	return ""
}

// SharedFile returns the path of rel under the shared data folder that sits
// next to the module root (../shared from the repository root), searching
// upwards from the working directory; ok is false when it is absent. Tests
// use it to find the real list files.
func SharedFile(rel string) (path string, ok bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", rel)
			if _, err := os.Stat(p); err == nil {
				return p, true
			}
			return p, false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// AddAddressRow adds to e the address held in rec's columns: the lines
// columns (joined with ", "), the postal code column zipCol and the
// country column countryCol, whose text countryOf turns into a country
// code (or keeps as text).
func AddAddressRow(e *tripline.Entity, c Columns, rec []string, lines []string, zipCol, countryCol string, countryOf func(string) string) {
	var parts []string
	for _, col := range lines {
		if v := c.Get(rec, col); v != "" {
			parts = append(parts, v)
		}
	}
	zip, ctry := c.Get(rec, zipCol), c.Get(rec, countryCol)
	a := tripline.Address{PostalCode: zip}
	if ctry != "" {
		a.Country = countryOf(ctry)
	}
	if len(parts) > 0 || zip != "" {
		a.Full = Join(", ", strings.Join(parts, ", "), zip, ctry)
	}
	AddAddress(e, a)
}

// AddProp adds the non-empty values vs to e's property key unless they are
// already there.
func AddProp(e *tripline.Entity, key string, vs ...string) {
	for _, v := range vs {
		if v != "" && !slices.Contains(e.Properties[key], v) {
			e.AddProperty(key, v)
		}
	}
}

// EnsurePrimary makes sure an entity with names has a primary one: when
// none is, the first alias in Latin script (else the first name) becomes
// primary.
func EnsurePrimary(e *tripline.Entity) {
	if len(e.Names) == 0 || slices.ContainsFunc(e.Names, func(n tripline.Name) bool { return n.Kind == tripline.NamePrimary }) {
		return
	}
	i := slices.IndexFunc(e.Names, func(n tripline.Name) bool { return n.Kind == tripline.NameAlias && n.Script == "" })
	if i < 0 {
		i = 0
	}
	e.Names[i].Kind = tripline.NamePrimary
}

// PersonNameParts returns a person's name parts: title, given, middle
// names and family, leaving out the empty ones.
func PersonNameParts(title, given string, middle []string, family string) []tripline.NamePart {
	var parts []tripline.NamePart
	if title != "" {
		parts = append(parts, tripline.NamePart{Type: "title", Value: title})
	}
	if given != "" {
		parts = append(parts, tripline.NamePart{Type: "given", Value: given})
	}
	for _, m := range middle {
		parts = append(parts, tripline.NamePart{Type: "middle", Value: m})
	}
	if family != "" {
		parts = append(parts, tripline.NamePart{Type: "family", Value: family})
	}
	return parts
}
