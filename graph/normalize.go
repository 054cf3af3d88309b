package graph

import (
	"sort"
	"strings"

	"github.com/tripline/tripline/internal/phone"
	"github.com/tripline/tripline/names"
)

// addressWords maps abbreviations and variant spellings of address words to
// one form, so that the same address written three ways is one key. Unit,
// office and floor numbers are kept, so another unit in the same building
// stays another address.
var addressWords = map[string]string{
	"st": "street", "str": "building", "stroenie": "building", "bldg": "building", "bld": "building",
	"blk": "block", "rd": "road", "ave": "avenue", "av": "avenue", "blvd": "boulevard", "b r": "boulevard",
	"br": "boulevard", "bulvar": "boulevard", "ln": "lane", "dr": "drive", "sq": "square", "hwy": "highway",
	"rm": "room", "ofc": "office", "of": "office", "ofis": "office", "off": "office", "fl": "floor", "flr": "floor",
	"ste": "suite", "apt": "flat", "no": "", "nr": "", "num": "", "pobox": "pobox",
	"ul": "ulitsa", "d": "dom", "pr": "prospekt", "pr kt": "prospekt", "prosp": "prospekt", "prospect": "prospekt",
	"per": "pereulok", "nab": "naberezhnaya", "sh": "shosse", "pl": "ploshchad", "pom": "pomeshchenie",
	"pomeshch": "pomeshchenie", "komn": "komnata", "kom": "komnata", "korp": "korpus", "k": "korpus",
	"lit": "litera", "et": "etazh", "zd": "zdanie", "mkr": "mikroraion", "g": "",
	"mah": "mahallesi", "mh": "mahallesi", "sok": "sokak", "sk": "sokak", "cad": "caddesi", "cd": "caddesi",
	"ctr": "centre", "center": "centre", "twr": "tower", "intl": "international", "ind": "industrial",
	"bldng": "building", "jln": "jalan", "jl": "jalan", "lvl": "level", "fz": "freezone",
}

// NormAddress returns the join key of a postal address: folded, with
// abbreviations expanded and a last comma-separated part that is the
// country (countryName, may be empty) left out, as the sorted multiset of
// its words; "" for an address without a number (a city or region alone).
// Two spellings of one address get one key; "Office 527" and "Office 523"
// of one building do not.
func NormAddress(addr, countryName string) string {
	if countryName != "" {
		if names.Fold(addr) == names.Fold(countryName) {
			return ""
		}
		if i := strings.LastIndexByte(addr, ','); i >= 0 && names.Fold(addr[i+1:]) == names.Fold(countryName) {
			addr = addr[:i]
		}
	}
	f := names.Fold(addr)
	f = strings.ReplaceAll(f, "p o box", "pobox")
	f = strings.ReplaceAll(f, "po box", "pobox")
	var words []string
	for _, w := range strings.Fields(f) {
		if m, ok := addressWords[w]; ok {
			w = m
		}
		if w == "" {
			continue
		}
		words = append(words, w)
	}
	// a city or a region alone ("Dubai", "Rostov region") is not an address
	// two parties can be said to share
	if len(words) < 2 || !strings.ContainsAny(strings.Join(words, ""), "0123456789") {
		return ""
	}
	sort.Strings(words)
	return strings.Join(words, " ")
}

// NormPhone returns the join key of a phone number written in a record of
// the country region (ISO alpha-2, "" when unknown): E.164 where the
// numbering plans read it, else its digits with the country code (see
// phone.Key); "" for no number. Whole numbers are compared: "+971 4 324
// 8000", "0097143248000", "(971) (4) (3248000)" and, in a record from the
// UAE, "04 324 8000" are one number, and two numbers that share their last
// digits but not their country are two.
func NormPhone(raw, region string) string { return phone.Key(raw, region) }

// NormEmail returns the lower-cased address and its domain, or "" when s is
// not an e-mail address.
func NormEmail(s string) (email, domain string) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "mailto:")
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " ,;") {
		return "", ""
	}
	return s, NormDomain(s[at+1:])
}

// NormDomain returns the registrable part of a web address or domain
// ("https://www.izh-bs.ru/x" → "izh-bs.ru"), or "".
func NormDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#:"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "www.")
	s = strings.Trim(s, ".")
	if !strings.Contains(s, ".") || strings.ContainsAny(s, " @,;") {
		return ""
	}
	return s
}
