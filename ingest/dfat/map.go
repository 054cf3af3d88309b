package dfat

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/ingest/internal/xlsx"
	"github.com/tripline/tripline/internal/country"
)

// isNA reports whether a cell means "not available".
func isNA(s string) bool {
	switch strings.ToLower(strings.Trim(s, " .")) {
	case "", "na", "n/a", "-", "none", "unknown":
		return true
	}
	return false
}

var spaceRe = regexp.MustCompile(`\s+`)

// clean collapses runs of white space (including no-break spaces) and trims.
func clean(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\u00a0\t\r\n") {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(spaceRe.ReplaceAllString(strings.ReplaceAll(s, "\u00a0", " "), " "))
}

func nameRow(e *tripline.Entity, full, nameType string) {
	full = clean(full)
	if isNA(full) {
		return
	}
	n := tripline.Name{Full: full, Kind: tripline.NameAlias, Script: listutil.Script(full)}
	switch strings.ToLower(clean(nameType)) {
	case "primary name":
		n.Kind = tripline.NamePrimary
	case "aka":
		n.Qualifier = "aka"
	case "formerly known as", "previously listed as", "fka":
		n.Qualifier = "fka"
	}
	listutil.AddName(e, n)
}

// letteredRe finds the "a) ", "b) " markers of enumerated values.
var letteredRe = regexp.MustCompile(`(?:^|[\s;,])\(?[a-z]\)\s*`)

// splitLettered splits "a) X b) Y" into X and Y, dropping "not available"
// items; text without markers is one item.
func splitLettered(s string) []string {
	s = clean(s)
	if isNA(s) {
		return nil
	}
	if !strings.Contains(s, ")") {
		return []string{s}
	}
	var out []string
	for _, part := range letteredRe.Split(s, -1) {
		part = strings.Trim(part, " ,;")
		if !isNA(part) {
			out = append(out, part)
		}
	}
	return out
}

// resolveCountry returns the ISO code for a country name or nationality
// adjective, or "".
func resolveCountry(s string) string {
	s = strings.Trim(clean(s), " .")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "Possibly "), "possibly ")
	if cc := country.Code(s); cc != "" {
		return cc
	}
	cc, _ := country.Demonym(s)
	return cc
}

var conjRe = regexp.MustCompile(`\s*(?:,|/|\band\b)\s*`)

// citizenships reads the Citizenship cell: enumerated items, each a
// country or an adjective, possibly several joined by "and", "/" or ",".
// Items that cannot be resolved are kept as text.
func citizenships(s string) []string {
	var out []string
	for _, item := range splitLettered(s) {
		for _, part := range strings.Split(item, ";") {
			part = strings.Trim(strings.TrimSpace(part), ".")
			if isNA(part) {
				continue
			}
			if cc := resolveCountry(part); cc != "" {
				out = listutil.AppendUnique(out, cc)
				continue
			}
			subs := conjRe.Split(part, -1)
			var codes []string
			for _, sub := range subs {
				if cc := resolveCountry(sub); cc != "" {
					codes = append(codes, cc)
				}
			}
			if len(subs) > 1 && len(codes) == len(subs) {
				out = listutil.AppendUnique(out, codes...)
			} else {
				out = listutil.AppendUnique(out, part)
			}
		}
	}
	return out
}

// address reads one address; its last comma-separated part is taken as the
// country when it names one.
func address(s string) tripline.Address {
	a := tripline.Address{Full: s}
	parts := strings.Split(s, ",")
	if cc := resolveCountry(parts[len(parts)-1]); cc != "" {
		a.Country = cc
		if len(parts) == 1 {
			a.Full = "" // a bare country
		}
	}
	return a
}

var (
	committeeRe = regexp.MustCompile(`(?:\d{3,4}(?:/\d{3,4})*|Autonomous) \((?:[^()]|\([^()]*\))*\)`)
	dashSpaceRe = regexp.MustCompile(`\s*[–—]\s*`)
)

// Committees splits and normalises a Committees cell: runs of spaces are
// collapsed, en and em dashes become " - ", stray spaces and dashes at the
// ends are trimmed, and a cell naming two regimes ("1970 (Libya) 1973
// (Libya)") gives both.
func Committees(s string) []string {
	s = clean(dashSpaceRe.ReplaceAllString(s, " - "))
	s = strings.Trim(s, " -")
	if s == "" {
		return nil
	}
	if ms := committeeRe.FindAllString(s, -1); len(ms) > 1 {
		return ms
	}
	return []string{s}
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// dateRe finds the date forms of the Date of Birth cell, leftmost first:
// ISO dates, d/m/y, "1 Jan. 1960", "Jan 1, 1960", "Jan 1960", year ranges
// ("1955-1958", "between 1958 and 1963") and bare years.
var dateRe = regexp.MustCompile(`(?i)\b(\d{4})-(\d{1,2})-(\d{1,2})\b` +
	`|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b` +
	`|\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b` +
	`|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b` +
	`|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b` +
	`|\b(\d{4})\s*(?:-|–|to|and)\s*(\d{4})\b` +
	`|\b(\d{4})\b`)

var serialRe = regexp.MustCompile(`^\d{5}$`)

// BirthDates reads the free-text Date of Birth cell ("a) Approximately
// 1955-1958 b) 12 Mar. 1960", "1/03/1961; 16/06/1960", an Excel serial
// number) into ISO date prefixes, best effort: unreadable text gives none.
func BirthDates(s string) []string {
	s = clean(s)
	if s == "" {
		return nil
	}
	if serialRe.MatchString(s) {
		if d, ok := xlsx.SerialDate(s); ok {
			return []string{d}
		}
	}
	var out []string
	for _, m := range dateRe.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			out = listutil.AppendUnique(out, listutil.Date(m[1], m[2], m[3]))
		case m[6] != "":
			out = listutil.AppendUnique(out, listutil.Date(m[6], m[5], m[4]))
		case m[9] != "":
			out = listutil.AppendUnique(out, listutil.Date(m[9], monthOf(m[8]), m[7]))
		case m[12] != "":
			out = listutil.AppendUnique(out, listutil.Date(m[12], monthOf(m[10]), m[11]))
		case m[14] != "":
			out = listutil.AppendUnique(out, listutil.Date(m[14], monthOf(m[13]), ""))
		case m[15] != "":
			out = listutil.AppendUnique(out, yearRange(m[15], m[16])...)
		case m[17] != "":
			out = listutil.AppendUnique(out, year(m[17]))
		}
	}
	return out
}

func monthOf(s string) string {
	return strconv.Itoa(months[strings.ToLower(s[:3])])
}

// year returns y when it is a plausible birth year.
func year(y string) string {
	n, _ := strconv.Atoi(y)
	if n < 1850 || n > 2100 {
		return ""
	}
	return y
}

// yearRange lists the years from..to when the span is at most 15 years,
// else only its ends.
func yearRange(from, to string) []string {
	a, _ := strconv.Atoi(year(from))
	b, _ := strconv.Atoi(year(to))
	if a == 0 || b == 0 || b < a || b-a > 15 {
		return []string{year(from), year(to)}
	}
	var ys []string
	for y := a; y <= b; y++ {
		ys = append(ys, strconv.Itoa(y))
	}
	return ys
}

var (
	passportRe = regexp.MustCompile(`(?i)\bpassport\s+(?:no\.?|number)(?:\s+number)?\s*[:.]?\s*(?:[a-z]\)\s*)?(?:[A-Za-z]+\s+passport\s+(?:no\.?|number)\s*)?([A-Z]{0,3}\s?\d[0-9A-Z/-]{4,})`)
	nationalRe = regexp.MustCompile(`(?i)\bnational identification (?:no\.?|number)\s*[:.]?\s*(\d[\d-]{4,}\d)`)
	moreRe     = regexp.MustCompile(`^[,;]?\s*(?:(?:and|or)\s+|[a-z]\)\s*)?([A-Z]{0,3}\d[0-9A-Z/-]{4,})`)
)

// documents picks passport and national identity numbers out of the
// Additional Information text, best effort: the number that follows
// "passport no." or "passport number" (and further numbers listed right
// after it), and the digits after "national identification no.".
func documents(e *tripline.Entity, info string) {
	if !strings.Contains(strings.ToLower(info), "passport") && !strings.Contains(strings.ToLower(info), "national identification") {
		return
	}
	for _, m := range passportRe.FindAllStringSubmatchIndex(info, -1) {
		listutil.AddIdentifier(e, tripline.Identifier{Type: "passport", Value: strings.ReplaceAll(info[m[2]:m[3]], " ", "")})
		rest := info[m[1]:]
		for i := 0; i < 5; i++ {
			// " b) Y7654321": numbers enumerated after the first.
			rest = skipClause(rest)
			mm := moreRe.FindStringSubmatchIndex(rest)
			if mm == nil {
				break
			}
			listutil.AddIdentifier(e, tripline.Identifier{Type: "passport", Value: rest[mm[2]:mm[3]]})
			rest = rest[mm[1]:]
		}
	}
	for _, m := range nationalRe.FindAllStringSubmatch(info, -1) {
		listutil.AddIdentifier(e, tripline.Identifier{Type: "national_id", Value: m[1]})
	}
}

// skipClause skips the text up to the next enumeration marker (" b) "), a
// semicolon or the end of the sentence, whichever comes first, and returns
// what follows when it is a marker or semicolon, else "".
func skipClause(s string) string {
	loc := letteredRe.FindStringIndex(s)
	end := strings.IndexAny(s, ";.")
	if loc != nil && (end < 0 || loc[0] < end) {
		return s[loc[0]:]
	}
	if end >= 0 && s[end] == ';' {
		return s[end:]
	}
	return ""
}

// finish makes sure an entity with names has a primary one and a schema.
func finish(e *tripline.Entity) {
	if e.Schema == "" {
		e.Schema = tripline.SchemaLegalEntity
	}
	listutil.EnsurePrimary(e)
}
