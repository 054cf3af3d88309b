package graph

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s, strips diacritics and turns every run of characters
// that is not a letter or digit into one space.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	// Invalid UTF-8 would stop the normaliser part-way (and a second pass
	// would then fold further): it becomes a separator first.
	for _, r := range norm.NFKD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '\'' || r == '’' || r == '`':
			// apostrophes join: O'Neil, 'Ali
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

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
		if fold(addr) == fold(countryName) {
			return ""
		}
		if i := strings.LastIndexByte(addr, ','); i >= 0 && fold(addr[i+1:]) == fold(countryName) {
			addr = addr[:i]
		}
	}
	f := fold(addr)
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

// NormPhone returns the join key of a phone number: its digits with the
// international prefix ("+", "00") and a trunk "0" after the country code
// removed, keyed on the last 9 digits (numbers shorter than 7 digits are
// not joined and give ""). display is the number as "+digits".
func NormPhone(phone string) (key, display string) {
	var d []byte
	for i := 0; i < len(phone); i++ {
		if c := phone[i]; c >= '0' && c <= '9' {
			d = append(d, c)
		}
	}
	s := string(d)
	s = strings.TrimPrefix(s, "00")
	if len(s) < 7 {
		return "", ""
	}
	// "+31 010-4951863": a trunk 0 after a 1-3 digit country code.
	for cc := 1; cc <= 3 && cc+1 < len(s); cc++ {
		if s[cc] == '0' && len(s)-cc-1 >= 8 && len(s) > 11 {
			s = s[:cc] + s[cc+1:]
			break
		}
	}
	display = "+" + s
	if len(s) > 9 {
		s = s[len(s)-9:]
	}
	return s, display
}

// freeMail lists webmail domains that say nothing about who holds them.
var freeMail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "yahoo.com": true, "hotmail.com": true, "outlook.com": true,
	"live.com": true, "msn.com": true, "aol.com": true, "icloud.com": true, "me.com": true, "mail.com": true,
	"gmx.com": true, "gmx.de": true, "gmx.net": true, "web.de": true, "protonmail.com": true, "proton.me": true,
	"yandex.ru": true, "yandex.com": true, "ya.ru": true, "mail.ru": true, "bk.ru": true, "inbox.ru": true,
	"list.ru": true, "rambler.ru": true, "qq.com": true, "163.com": true, "126.com": true, "sina.com": true,
	"sohu.com": true, "yeah.net": true, "aliyun.com": true, "foxmail.com": true, "hotmail.co.uk": true,
	"yahoo.co.uk": true, "tiscali.net": true, "zoho.com": true, "tutanota.com": true, "hushmail.com": true,
	"yahoo.com.hk": true, "rediffmail.com": true, "naver.com": true, "daum.net": true, "ukr.net": true,
	"i.ua": true, "tut.by": true, "mail.kz": true, "inbox.lv": true, "seznam.cz": true, "libero.it": true,
	"orange.fr": true, "wanadoo.fr": true, "t-online.de": true, "bigpond.com": true, "comcast.net": true,
}

// IsFreeMail reports whether domain is a webmail provider's.
func IsFreeMail(domain string) bool { return freeMail[strings.ToLower(domain)] }

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

// legalWords are legal forms and filler words left out when company names
// are compared: "OOO Suntech", "Suntech LLC" and "SUNTECH Co., Ltd." are one
// name.
var legalWords = map[string]bool{
	"llc": true, "ltd": true, "limited": true, "co": true, "company": true, "corp": true, "corporation": true,
	"inc": true, "incorporated": true, "jsc": true, "pjsc": true, "ojsc": true, "cjsc": true, "ao": true, "oao": true,
	"zao": true, "pao": true, "ooo": true, "tov": true, "too": true, "osoo": true, "fze": true, "fzco": true,
	"fz": true, "llp": true, "plc": true, "gmbh": true, "ag": true, "sa": true, "srl": true, "bv": true, "nv": true,
	"pte": true, "sdn": true, "bhd": true, "as": true, "sti": true, "dis": true, "ticaret": true, "sirketi": true,
	"lp": true, "the": true, "of": true, "and": true, "joint": true, "stock": true, "closed": true, "open": true,
	"public": true, "liability": true, "obshchestvo": true, "s": true, "ogranichennoi": true, "ogranichennoy": true,
	"otvetstvennostyu": true, "aktsionernoe": true, "publichnoe": true, "zakrytoe": true, "otkrytoe": true,
	"l": true, "c": true, "p": true, "j": true, "pjs": true, "kg": true, "kft": true, "spa": true, "sas": true,
	"sarl": true, "pvt": true, "private": true, "societe": true, "anonyme": true, "ve": true, "sanayi": true,
	"anonim": true, "sirket": true, "mchj": true, "xk": true, "fe": true, "tob": true, "uab": true,
	"ltda": true, "cia": true, "bsc": true, "wll": true, "est": true, "establishment": true, "hk": true,
}

// nameTokens returns the comparable words of a party name: folded,
// transliteration variants folded (Zhukoff/Zhukov, Mohammad/Muhammad),
// and, for organisations, legal forms left out.
func nameTokens(name string, org bool) []string {
	f := joinInitials(fold(name))
	var out []string
	for _, w := range strings.Fields(f) {
		if org && legalWords[w] {
			continue
		}
		out = append(out, foldWord(w))
	}
	if len(out) == 0 && org {
		for _, w := range strings.Fields(f) {
			out = append(out, foldWord(w))
		}
	}
	return out
}

var wordFolder = strings.NewReplacer("kh", "h", "ph", "f", "ou", "u", "w", "v", "y", "i", "dj", "j", "q", "k", "ck", "k", "x", "ks")

// foldWord reduces common romanisation variants of one word: doubled
// letters, y/i, -off/-ov, kh/h, ph/f, ou/u, w/v, j/y at a word's start, 'dj'.
func foldWord(w string) string {
	if strings.HasSuffix(w, "off") && len(w) > 5 {
		w = w[:len(w)-3] + "ov"
	} else if strings.HasSuffix(w, "eff") && len(w) > 5 {
		w = w[:len(w)-3] + "ev"
	}
	w = wordFolder.Replace(w)
	b := []byte(w)
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if i > 0 && b[i] == b[i-1] {
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

// joinInitials joins runs of one-letter words: "g m b h" (from G.M.B.H.)
// becomes "gmbh", "l l c" becomes "llc".
func joinInitials(f string) string {
	ws := strings.Fields(f)
	var out []string
	run := ""
	for _, w := range ws {
		if len(w) == 1 {
			run += w
			continue
		}
		if run != "" {
			out = append(out, run)
			run = ""
		}
		out = append(out, w)
	}
	if run != "" {
		out = append(out, run)
	}
	return strings.Join(out, " ")
}
