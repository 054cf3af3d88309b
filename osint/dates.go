package osint

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// A date grammar for English news text. No served Go module reads dates
// in running text offline with their precision, so this is ours: day
// precision for "July 24, 2023", "24 July 2023", "24th of July, 2023",
// "2023-07-24", "24.07.2023" and "24/07/2023" when the day is over 12;
// month precision for "July 2023", "in February of 2023"; year precision
// for "in 2019", "since 2006", "2022–2025" (each year) when the number
// stands as a year (after a preposition or a season, or before a comma or
// full stop) and not as a quantity ("2000 drones"). A day and month
// without a year ("on July 24") take the year of the article's
// publication, or of the nearest year written before them.

var months = map[string]int{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}

const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`

var (
	reMDY  = regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)
	reDMY  = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRE + `,?\s+((?:19|20)\d\d)\b`)
	reMY   = regexp.MustCompile(`\b` + monthRE + `\s+(?:of\s+)?((?:19|20)\d\d)\b`)
	reISO  = regexp.MustCompile(`\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b`)
	reNum  = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b`)
	reMD   = regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	reDM   = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRE + `\b`)
	reYear = regexp.MustCompile(`\b((?:19|20)\d\d)(?:\s*[–-]\s*((?:19|20)?\d\d))?\b`)
)

// yearBefore are the words after which a number is a year.
var yearBefore = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true, "from": true, "of": true, "during": true,
	"early": true, "late": true, "mid": true, "before": true, "after": true, "around": true, "between": true, "and": true, "to": true,
	"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true, "year": true, "through": true, "circa": true, "c": true, "for": true}

// dates finds the dates of text; published (ISO, may be "") gives the
// year of a day without one.
func dates(text, published string) []tripline.DateMention {
	var out []tripline.DateMention
	taken := make([]bool, len(text)+1)
	free := func(a, b int) bool {
		for i := a; i < b; i++ {
			if taken[i] {
				return false
			}
		}
		return true
	}
	add := func(a, b int, date string, p tripline.DatePrecision) {
		if !free(a, b) {
			return
		}
		for i := a; i < b; i++ {
			taken[i] = true
		}
		out = append(out, tripline.DateMention{Date: date, Precision: p, Text: text[a:b], Start: a, End: b})
	}
	day := func(y, m, d int) (string, bool) {
		if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
			return "", false
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
	}
	for _, m := range reMDY.FindAllStringSubmatchIndex(text, -1) {
		mo := monthOf(text[m[2]:m[3]])
		d, _ := strconv.Atoi(text[m[4]:m[5]])
		y, _ := strconv.Atoi(text[m[6]:m[7]])
		if s, ok := day(y, mo, d); ok {
			add(m[0], m[1], s, tripline.PrecisionDay)
		}
	}
	for _, m := range reDMY.FindAllStringSubmatchIndex(text, -1) {
		d, _ := strconv.Atoi(text[m[2]:m[3]])
		mo := monthOf(text[m[4]:m[5]])
		y, _ := strconv.Atoi(text[m[6]:m[7]])
		if s, ok := day(y, mo, d); ok {
			add(m[0], m[1], s, tripline.PrecisionDay)
		}
	}
	for _, m := range reISO.FindAllStringSubmatchIndex(text, -1) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		d, _ := strconv.Atoi(text[m[6]:m[7]])
		if s, ok := day(y, mo, d); ok {
			add(m[0], m[1], s, tripline.PrecisionDay)
		}
	}
	for _, m := range reNum.FindAllStringSubmatchIndex(text, -1) {
		a, _ := strconv.Atoi(text[m[2]:m[3]])
		b, _ := strconv.Atoi(text[m[4]:m[5]])
		y, _ := strconv.Atoi(text[m[6]:m[7]])
		var s string
		var ok bool
		switch {
		case a > 12 && b <= 12:
			s, ok = day(y, b, a) // day first
		case b > 12 && a <= 12:
			s, ok = day(y, a, b) // month first (US)
		case strings.Contains(text[m[0]:m[1]], "."):
			s, ok = day(y, b, a) // 24.07.2023 is European
		}
		if ok {
			add(m[0], m[1], s, tripline.PrecisionDay)
		}
	}
	for _, m := range reMY.FindAllStringSubmatchIndex(text, -1) {
		word := text[m[2]:m[3]]
		if strings.EqualFold(word, "may") && !startsUpper(word) {
			continue
		}
		y, _ := strconv.Atoi(text[m[4]:m[5]])
		add(m[0], m[1], fmt.Sprintf("%04d-%02d", y, monthOf(word)), tripline.PrecisionMonth)
	}
	// Years standing alone.
	for _, m := range reYear.FindAllStringSubmatchIndex(text, -1) {
		if !free(m[0], m[1]) || !yearContext(text, m[0], m[1]) {
			continue
		}
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		if m[4] < 0 {
			add(m[0], m[1], strconv.Itoa(y), tripline.PrecisionYear)
			continue
		}
		end := text[m[4]:m[5]]
		y2, _ := strconv.Atoi(end)
		if len(end) == 2 {
			y2 += y / 100 * 100
		}
		if y2 <= y || y2-y > 50 {
			continue
		}
		// A range gives its first and last year, each where written.
		add(m[2], m[3], strconv.Itoa(y), tripline.PrecisionYear)
		add(m[4], m[5], strconv.Itoa(y2), tripline.PrecisionYear)
	}
	// A day and month without a year.
	pubYear := 0
	if len(published) >= 4 {
		pubYear, _ = strconv.Atoi(published[:4])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	yearAt := func(pos int) int {
		y := 0
		for _, d := range out {
			if d.Start < pos {
				y, _ = strconv.Atoi(d.Date[:4])
			}
		}
		if pubYear != 0 {
			return pubYear
		}
		return y
	}
	var partial []tripline.DateMention
	try := func(a, b, mo, d int) {
		if !free(a, b) || mo == 0 {
			return
		}
		y := yearAt(a)
		if y == 0 {
			return
		}
		if s, ok := day(y, mo, d); ok {
			for i := a; i < b; i++ {
				taken[i] = true
			}
			partial = append(partial, tripline.DateMention{Date: s, Precision: tripline.PrecisionDay, Text: text[a:b], Start: a, End: b})
		}
	}
	for _, m := range reMD.FindAllStringSubmatchIndex(text, -1) {
		word := text[m[2]:m[3]]
		if strings.EqualFold(word, "may") && !startsUpper(word) {
			continue
		}
		d, _ := strconv.Atoi(text[m[4]:m[5]])
		try(m[0], m[1], monthOf(word), d)
	}
	for _, m := range reDM.FindAllStringSubmatchIndex(text, -1) {
		d, _ := strconv.Atoi(text[m[2]:m[3]])
		try(m[0], m[1], monthOf(text[m[4]:m[5]]), d)
	}
	out = append(out, partial...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

func monthOf(s string) int { return months[strings.ToLower(strings.TrimSuffix(s, "."))] }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// units are words after which a number is a quantity, not a year.
var units = map[string]bool{"km": true, "kg": true, "m": true, "mm": true, "drones": true, "missiles": true, "units": true, "people": true,
	"troops": true, "tons": true, "tonnes": true, "kilometres": true, "kilometers": true, "miles": true, "hp": true, "cc": true, "rounds": true,
	"dollars": true, "euros": true, "usd": true, "pieces": true, "items": true, "components": true, "parts": true, "km/h": true, "feet": true, "ft": true}

// yearContext reports whether the number at text[a:b] stands as a year.
func yearContext(text string, a, b int) bool {
	if a > 0 && (text[a-1] == '$' || text[a-1] == ',' || text[a-1] == '.' || text[a-1] == '#') {
		return false // $2000, 1,2000, 3.2000
	}
	if b < len(text) && (text[b] == ',' && b+1 < len(text) && text[b+1] >= '0' && text[b+1] <= '9' || text[b] == '%') {
		return false
	}
	before := lastWord(text[:a])
	after := firstWord(text[b:])
	if units[strings.ToLower(after)] {
		return false
	}
	if yearBefore[strings.ToLower(before)] {
		return true
	}
	if _, ok := months[strings.ToLower(strings.TrimSuffix(before, "."))]; ok {
		return true
	}
	rest := strings.TrimLeft(text[b:], " ")
	return rest == "" || strings.ContainsRune(",.;:)", rune(rest[0])) || rest[0] == '\'' || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "'s")
}

func lastWord(s string) string {
	s = strings.TrimRight(s, " -–(")
	i := strings.LastIndexFunc(s, func(r rune) bool { return !isWordRune(r) })
	return s[i+1:]
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " ")
	i := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) && r != '/' })
	if i < 0 {
		return s
	}
	return s[:i]
}
