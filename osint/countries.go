package osint

import (
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
)

// capitals stand for their countries in news ("Tehran denied", "Minsk
// received").
var capitals = map[string]string{"tehran": "IR", "caracas": "VE", "moscow": "RU", "kremlin": "RU", "kyiv": "UA", "kiev": "UA",
	"minsk": "BY", "damascus": "SY", "beirut": "LB", "baghdad": "IQ", "sanaa": "YE", "beijing": "CN", "pyongyang": "KP", "seoul": "KR",
	"washington": "US", "london": "GB", "paris": "FR", "berlin": "DE", "ankara": "TR", "riyadh": "SA", "khartoum": "SD",
	"dushanbe": "TJ", "yerevan": "AM", "baku": "AZ", "tbilisi": "GE", "havana": "CU", "managua": "NI", "islamabad": "PK",
	"kabul": "AF", "tokyo": "JP", "taipei": "TW", "jakarta": "ID", "hanoi": "VN", "doha": "QA", "muscat": "OM", "cairo": "EG",
	"tripoli": "LY", "algiers": "DZ", "tashkent": "UZ", "astana": "KZ", "bishkek": "KG", "ashgabat": "TM"}

// regions are place names that contain a country's name or adjective but
// are not countries.
var regions = []string{"south america", "latin america", "north america", "central america", "middle east", "persian gulf",
	"korean peninsula", "black sea", "red sea", "gulf of aden", "gulf of oman", "strait of hormuz", "south china sea", "east china sea",
	"arabian sea", "arabian peninsula", "indian ocean", "caspian sea", "west africa", "east africa", "north africa", "southern africa",
	"central asia", "south asia", "southeast asia", "east asia", "western europe", "eastern europe", "central europe", "american samoa",
	"new mexico", "new york", "new jersey", "new guinea"}

// shortCodes are the upper-case abbreviations read as countries; other
// two- and three-letter words ("IT", "AM") are not.
var shortCodes = map[string]string{"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "DPRK": "KP", "PRC": "CN", "ROK": "KR", "KSA": "SA"}

// connectors may stand inside a country's name.
var connectors = map[string]bool{"and": true, "of": true, "the": true}

// countries finds the countries named in d: names (the longest of up to
// five words that the country table knows, not a region), upper-case
// abbreviations (US, UAE) and demonyms (Iranian, North Korean).
func countries(d *doc) []tripline.CountryMention {
	var out []tripline.CountryMention
	toks := d.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.cap || t.num {
			continue
		}
		if reg := matchRegion(d, i); reg > 0 {
			i += reg - 1
			continue
		}
		found := false
		for n := min(5, len(toks)-i); n >= 1 && !found; n-- {
			last := toks[i+n-1]
			if last.sent != t.sent || !last.cap || (n > 1 && !contiguous(d, i, n)) {
				continue
			}
			span := d.text[t.start:last.end]
			if n == 1 && len(t.text) <= 4 && t.upper {
				if c := shortCodes[t.text]; c != "" {
					out = append(out, tripline.CountryMention{Code: c, Text: span, Start: t.start, End: last.end, How: "name"})
					found = true
				}
				continue
			}
			if n == 1 && len(t.text) <= 3 {
				continue
			}
			// "U.S." is written with dots.
			if c := country.Code(span); c != "" && !strings.Contains(span, "\n") {
				out = append(out, tripline.CountryMention{Code: c, Text: span, Start: t.start, End: last.end, How: "name"})
				i += n - 1
				found = true
			}
		}
		if found {
			continue
		}
		// U.S. / U.K.
		if (t.text == "U" && i+1 < len(toks)) && (toks[i+1].text == "S" || toks[i+1].text == "K") && toks[i+1].start == t.end+1 && d.text[t.end] == '.' {
			code := "US"
			if toks[i+1].text == "K" {
				code = "GB"
			}
			end := toks[i+1].end
			if end < len(d.text) && d.text[end] == '.' {
				end++
			}
			out = append(out, tripline.CountryMention{Code: code, Text: d.text[t.start:end], Start: t.start, End: end, How: "name"})
			i++
			continue
		}
		if c := capitals[t.lower]; c != "" {
			out = append(out, tripline.CountryMention{Code: c, Text: t.text, Start: t.start, End: t.end, How: "capital"})
			continue
		}
		// Demonyms, with North/South for the Koreas.
		if c, ok := country.Demonym(t.lower); ok {
			start := t.start
			if t.lower == "korean" {
				if i > 0 && toks[i-1].sent == t.sent && (toks[i-1].lower == "north" || toks[i-1].lower == "south") && toks[i-1].cap {
					start = toks[i-1].start
					c = map[string]string{"north": "KP", "south": "KR"}[toks[i-1].lower]
				} else {
					continue
				}
			}
			if c != "" {
				out = append(out, tripline.CountryMention{Code: c, Text: d.text[start:t.end], Start: start, End: t.end, How: "demonym"})
			}
		}
	}
	return out
}

// contiguous reports whether tokens i..i+n-1 are one name: separated by
// single spaces (or hyphens), with lower-case words only among the
// connectors.
func contiguous(d *doc, i, n int) bool {
	for k := i; k < i+n; k++ {
		t := d.toks[k]
		if k > i {
			gap := d.text[d.toks[k-1].end:t.start]
			if gap != " " && gap != "-" {
				return false
			}
		}
		if !t.cap && !connectors[t.lower] {
			return false
		}
	}
	return true
}

// matchRegion returns the number of tokens of a region name starting at
// token i, or 0.
func matchRegion(d *doc, i int) int {
	for _, r := range regions {
		words := strings.Fields(r)
		if i+len(words) > len(d.toks) {
			continue
		}
		ok := true
		for k, w := range words {
			if d.toks[i+k].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return len(words)
		}
	}
	return 0
}
