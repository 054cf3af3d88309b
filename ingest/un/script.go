package un

import "unicode"

// scripts are the writing systems Script recognises, with their ISO 15924
// codes.
var scripts = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Arab", unicode.Arabic},
	{"Cyrl", unicode.Cyrillic},
	{"Hani", unicode.Han},
	{"Hang", unicode.Hangul},
	{"Hebr", unicode.Hebrew},
	{"Grek", unicode.Greek},
	{"Geor", unicode.Georgian},
	{"Armn", unicode.Armenian},
	{"Thai", unicode.Thai},
	{"Deva", unicode.Devanagari},
	{"Ethi", unicode.Ethiopic},
	{"Khmr", unicode.Khmer},
	{"Mymr", unicode.Myanmar},
	{"Hira", unicode.Hiragana},
	{"Kana", unicode.Katakana},
	{"Latn", unicode.Latin},
}

// Script returns the ISO 15924 code of the script most of s's letters are
// written in ("Arab", "Cyrl", "Hani" ...), or "" for Latin, for no letters,
// and for a script it does not know. Korean mixing Hangul and Han is "Kore";
// Japanese mixing kana and Han is "Jpan".
func Script(s string) string {
	counts := make([]int, len(scripts))
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for i, sc := range scripts {
			if unicode.Is(sc.table, r) {
				counts[i]++
				break
			}
		}
	}
	best, bestN := "", 0
	n := map[string]int{}
	for i, c := range counts {
		n[scripts[i].code] = c
		if c > bestN {
			best, bestN = scripts[i].code, c
		}
	}
	switch {
	case n["Hang"] > 0 && n["Hani"] > 0:
		return "Kore"
	case (n["Hira"] > 0 || n["Kana"] > 0) && n["Hani"] > 0, n["Hira"] > 0 && n["Kana"] > 0:
		return "Jpan"
	case best == "Latn":
		return ""
	}
	return best
}
