package names

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// Schemes is the number of transliteration alternatives Transliterate
// produces at most: scheme 0 follows the conventions the US, UN and EU
// lists use most (BGN/PCGN-like for Cyrillic, Arabic-style for the Arabic
// script, pinyin for Chinese, Revised Romanization for Hangul); scheme 1
// the common second choice (passport/ICAO-style Cyrillic, Persian-style
// Arabic script, Cantonese/Wade–Giles surnames, McCune–Reischauer-like
// Hangul).
const Schemes = 2

// Transliterate returns the Latin renderings of s, most common first,
// without duplicates. A string that holds no letters of a transliterated
// script is returned as its only rendering. The renderings are not yet
// normalised (see Normalize).
func Transliterate(s string) []string {
	s = norm.NFKC.String(strings.ToValidUTF8(s, " "))
	if !hasForeignScript(s) {
		return []string{s}
	}
	out := make([]string, 0, Schemes)
	for k := 0; k < Schemes; k++ {
		t := transliterate(s, k)
		dup := false
		for _, o := range out {
			if o == t {
				dup = true
			}
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

// ScriptOf returns the ISO 15924 code of the first transliterated script in
// s ("Cyrl", "Arab", "Grek", "Hebr", "Hang", "Hani"), or "" for none.
func ScriptOf(s string) string {
	for _, r := range s {
		if sc := runeScript(r); sc != "" {
			return sc
		}
	}
	return ""
}

func runeScript(r rune) string {
	switch {
	case r < 0x370:
		return ""
	case unicode.Is(unicode.Cyrillic, r):
		return "Cyrl"
	case unicode.Is(unicode.Arabic, r):
		return "Arab"
	case unicode.Is(unicode.Greek, r):
		return "Grek"
	case unicode.Is(unicode.Hebrew, r):
		return "Hebr"
	case unicode.Is(unicode.Hangul, r):
		return "Hang"
	case unicode.Is(unicode.Han, r):
		return "Hani"
	}
	return ""
}

func hasForeignScript(s string) bool { return ScriptOf(s) != "" }

// transliterate renders s in Latin script with scheme k. Letters of other
// scripts pass through unchanged.
func transliterate(s string, k int) string {
	if !hasForeignScript(s) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch runeScript(r) {
		case "Cyrl":
			i = cyrillicWord(&b, rs, i, k)
		case "Arab":
			i = arabicWord(&b, rs, i, k)
		case "Grek":
			i = greekWord(&b, rs, i, k)
		case "Hebr":
			i = hebrewWord(&b, rs, i, k)
		case "Hang":
			i = hangulWord(&b, rs, i, k)
		case "Hani":
			i = hanWord(&b, rs, i, k)
		default:
			b.WriteRune(r)
			i++
		}
	}
	return b.String()
}

// --- Cyrillic ---------------------------------------------------------------

// cyr maps lower-case Cyrillic letters to [scheme0, scheme1].
var cyr = map[rune][2]string{
	'а': {"a", "a"}, 'б': {"b", "b"}, 'в': {"v", "v"}, 'г': {"g", "g"},
	'д': {"d", "d"}, 'е': {"e", "e"}, 'ё': {"e", "yo"}, 'ж': {"zh", "zh"},
	'з': {"z", "z"}, 'и': {"i", "i"}, 'й': {"y", "i"}, 'к': {"k", "k"},
	'л': {"l", "l"}, 'м': {"m", "m"}, 'н': {"n", "n"}, 'о': {"o", "o"},
	'п': {"p", "p"}, 'р': {"r", "r"}, 'с': {"s", "s"}, 'т': {"t", "t"},
	'у': {"u", "u"}, 'ф': {"f", "f"}, 'х': {"kh", "kh"}, 'ц': {"ts", "ts"},
	'ч': {"ch", "ch"}, 'ш': {"sh", "sh"}, 'щ': {"shch", "shch"}, 'ъ': {"", ""},
	'ы': {"y", "y"}, 'ь': {"", ""}, 'э': {"e", "e"}, 'ю': {"yu", "iu"},
	'я': {"ya", "ia"},
	// Ukrainian, Belarusian, Serbian, Macedonian, Kazakh.
	'і': {"i", "i"}, 'ї': {"yi", "i"}, 'є': {"ye", "ie"}, 'ґ': {"g", "g"},
	'ў': {"u", "w"}, 'ђ': {"dj", "dj"}, 'ј': {"j", "j"}, 'љ': {"lj", "lj"},
	'њ': {"nj", "nj"}, 'ћ': {"c", "c"}, 'џ': {"dz", "dz"}, 'ѓ': {"gj", "gj"},
	'ќ': {"kj", "kj"}, 'ѕ': {"dz", "dz"}, 'ә': {"a", "a"}, 'ғ': {"g", "gh"},
	'қ': {"k", "q"}, 'ң': {"n", "ng"}, 'ө': {"o", "o"}, 'ұ': {"u", "u"},
	'ү': {"u", "u"}, 'һ': {"h", "h"},
}

func isCyrVowel(r rune) bool { return strings.ContainsRune("аеёиоуыэюяіїє", r) }

func cyrillicWord(b *strings.Builder, rs []rune, i, k int) int {
	r := unicode.ToLower(rs[i])
	start := i == 0 || !unicode.IsLetter(rs[i-1])
	prev := rune(0)
	if i > 0 {
		prev = unicode.ToLower(rs[i-1])
	}
	next := rune(0)
	if i+1 < len(rs) {
		next = unicode.ToLower(rs[i+1])
	}
	switch {
	case r == 'е' && (start || isCyrVowel(prev) || prev == 'ь' || prev == 'ъ'):
		// Word-initial and post-vowel е is "ye" in BGN/PCGN (Yevgeny),
		// "e" in passports (Evgeny).
		if k == 0 {
			b.WriteString("ye")
		} else {
			b.WriteString("e")
		}
	case (r == 'и' || r == 'ы') && next == 'й' && (i+2 >= len(rs) || !unicode.IsLetter(rs[i+2])):
		// Final -ий / -ый: "iy"/"y" vs "ii".
		if k == 0 {
			if r == 'и' {
				b.WriteString("iy")
			} else {
				b.WriteString("y")
			}
		} else {
			b.WriteString("ii")
		}
		return i + 2
	default:
		if t, ok := cyr[r]; ok {
			b.WriteString(t[k])
		} else if t, ok := cyr[stripTonos(r)]; ok {
			b.WriteString(t[k]) // a letter with a diacritic: its base letter
		} else {
			b.WriteRune(r)
		}
	}
	return i + 1
}

// --- Arabic and Persian ---------------------------------------------------

// arab maps Arabic-script letters to [Arabic-style, Persian-style].
var arab = map[rune][2]string{
	'ا': {"a", "a"}, 'أ': {"a", "a"}, 'إ': {"i", "e"}, 'آ': {"a", "a"},
	'ٱ': {"a", "a"}, 'ء': {"", ""}, 'ؤ': {"u", "o"}, 'ئ': {"i", "e"},
	'ب': {"b", "b"}, 'ت': {"t", "t"}, 'ث': {"th", "s"}, 'ج': {"j", "j"},
	'ح': {"h", "h"}, 'خ': {"kh", "kh"}, 'د': {"d", "d"}, 'ذ': {"dh", "z"},
	'ر': {"r", "r"}, 'ز': {"z", "z"}, 'س': {"s", "s"}, 'ش': {"sh", "sh"},
	'ص': {"s", "s"}, 'ض': {"d", "z"}, 'ط': {"t", "t"}, 'ظ': {"z", "z"},
	'ع': {"", ""}, 'غ': {"gh", "gh"}, 'ف': {"f", "f"}, 'ق': {"q", "gh"},
	'ك': {"k", "k"}, 'ک': {"k", "k"}, 'ل': {"l", "l"}, 'م': {"m", "m"},
	'ن': {"n", "n"}, 'ه': {"h", "h"}, 'ة': {"a", "eh"}, 'و': {"u", "o"},
	'ي': {"i", "i"}, 'ی': {"i", "i"}, 'ى': {"a", "a"}, 'پ': {"p", "p"},
	'چ': {"ch", "ch"}, 'ژ': {"zh", "zh"}, 'گ': {"g", "g"}, 'ە': {"e", "e"},
	'ۀ': {"eh", "eh"}, 'ڤ': {"v", "v"},
	// Short vowels, when written.
	'\u064e': {"a", "a"}, '\u0650': {"i", "e"}, '\u064f': {"u", "o"},
	'\u064b': {"an", "an"}, '\u064d': {"in", "en"}, '\u064c': {"un", "on"},
	'\u0652': {"", ""}, '\u0670': {"a", "a"}, 'ـ': {"", ""},
}

// isArabVowelLetter reports whether r is a long-vowel letter (alef, yeh).
func isArabVowelLetter(r rune) bool {
	switch r {
	case 'ا', 'ي', 'ی', 'ى', 'آ':
		return true
	}
	return false
}

func isArabLetter(r rune) bool { return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) }

func arabicWord(b *strings.Builder, rs []rune, i, k int) int {
	r := rs[i]
	start := i == 0 || !unicode.Is(unicode.Arabic, rs[i-1])
	// The article al- at the start of a word (not a bare "ال" word).
	if start && r == 'ا' && i+2 < len(rs) && rs[i+1] == 'ل' && isArabLetter(rs[i+2]) && i+3 < len(rs) && isArabLetter(rs[i+3]) {
		b.WriteString("al-")
		return i + 2
	}
	if r == '\u0651' { // shadda doubles the previous consonant
		s := b.String()
		if n := len(s); n > 0 && s[n-1] != ' ' && s[n-1] != '-' {
			b.WriteByte(s[n-1])
		}
		return i + 1
	}
	next := rune(0)
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	switch r {
	case 'و':
		// Waw is a consonant at the start of a word and before a long
		// vowel (موسوی → musawi / mosavi), else a vowel.
		if start || isArabVowelLetter(next) {
			if k == 0 {
				b.WriteString("w")
			} else {
				b.WriteString("v")
			}
			return i + 1
		}
	case 'ي', 'ی':
		// Yeh is a consonant at the start and before alef or waw (یان → yan).
		if start || next == 'ا' || next == 'و' {
			b.WriteString("y")
			return i + 1
		}
	case 'ع':
		// Ayn opening a word is heard as its vowel (علی → ali, عمر → umar).
		if start {
			if k == 0 {
				b.WriteString("a")
			} else {
				b.WriteString("e")
			}
			return i + 1
		}
	}
	if t, ok := arab[r]; ok {
		b.WriteString(t[k])
	} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
		b.WriteRune(r)
	} else if unicode.Is(unicode.Mn, r) {
		// other marks: drop
	} else {
		b.WriteRune(r)
	}
	return i + 1
}

// --- Greek --------------------------------------------------------------------

var greek = map[rune][2]string{
	'α': {"a", "a"}, 'β': {"v", "v"}, 'γ': {"g", "g"}, 'δ': {"d", "d"},
	'ε': {"e", "e"}, 'ζ': {"z", "z"}, 'η': {"i", "i"}, 'θ': {"th", "th"},
	'ι': {"i", "i"}, 'κ': {"k", "k"}, 'λ': {"l", "l"}, 'μ': {"m", "m"},
	'ν': {"n", "n"}, 'ξ': {"x", "ks"}, 'ο': {"o", "o"}, 'π': {"p", "p"},
	'ρ': {"r", "r"}, 'σ': {"s", "s"}, 'ς': {"s", "s"}, 'τ': {"t", "t"},
	'υ': {"y", "i"}, 'φ': {"f", "f"}, 'χ': {"ch", "h"}, 'ψ': {"ps", "ps"},
	'ω': {"o", "o"},
}

var greekDigraphs = map[string][2]string{
	"ου": {"ou", "u"}, "αι": {"ai", "e"}, "ει": {"ei", "i"}, "οι": {"oi", "i"},
	"μπ": {"mp", "b"}, "ντ": {"nt", "d"}, "γκ": {"gk", "g"}, "γγ": {"ng", "ng"},
	"αυ": {"av", "af"}, "ευ": {"ev", "ef"},
}

func greekWord(b *strings.Builder, rs []rune, i, k int) int {
	lower := func(r rune) rune { return unicode.ToLower(stripTonos(r)) }
	if i+1 < len(rs) {
		if t, ok := greekDigraphs[string([]rune{lower(rs[i]), lower(rs[i+1])})]; ok {
			b.WriteString(t[k])
			return i + 2
		}
	}
	r := lower(rs[i])
	if t, ok := greek[r]; ok {
		b.WriteString(t[k])
	} else {
		b.WriteRune(r)
	}
	return i + 1
}

func stripTonos(r rune) rune {
	d := norm.NFD.String(string(r))
	for _, x := range d {
		return x
	}
	return r
}

// --- Hebrew -------------------------------------------------------------------

var hebrew = map[rune][2]string{
	'א': {"a", ""}, 'ב': {"b", "v"}, 'ג': {"g", "g"}, 'ד': {"d", "d"},
	'ה': {"h", "h"}, 'ו': {"o", "v"}, 'ז': {"z", "z"}, 'ח': {"kh", "ch"},
	'ט': {"t", "t"}, 'י': {"i", "y"}, 'כ': {"k", "kh"}, 'ך': {"kh", "kh"},
	'ל': {"l", "l"}, 'מ': {"m", "m"}, 'ם': {"m", "m"}, 'נ': {"n", "n"},
	'ן': {"n", "n"}, 'ס': {"s", "s"}, 'ע': {"", "a"}, 'פ': {"p", "f"},
	'ף': {"f", "f"}, 'צ': {"ts", "tz"}, 'ץ': {"ts", "tz"}, 'ק': {"k", "k"},
	'ר': {"r", "r"}, 'ש': {"sh", "s"}, 'ת': {"t", "t"},
}

func hebrewWord(b *strings.Builder, rs []rune, i, k int) int {
	r := rs[i]
	if r == 'ו' && i+1 < len(rs) && rs[i+1] == 'ו' {
		b.WriteString("v")
		return i + 2
	}
	if r == 'י' && i+1 < len(rs) && rs[i+1] == 'י' {
		b.WriteString("y")
		return i + 2
	}
	if t, ok := hebrew[r]; ok {
		b.WriteString(t[k])
	} else if !unicode.Is(unicode.Mn, r) {
		b.WriteRune(r)
	}
	return i + 1
}

// --- Hangul -------------------------------------------------------------------

var (
	hangulL = [2][19]string{
		{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"},
		{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"},
	}
	hangulV = [2][21]string{
		{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"},
		{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"},
	}
	hangulT = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// hangulWord writes each syllable as its own name part ("김정은" → "gim
// jeong eun"); the matcher joins split parts again. Surnames with an
// established spelling (Kim, Pak, Ri ...) use it.
func hangulWord(b *strings.Builder, rs []rune, i, k int) int {
	r := rs[i]
	if r < 0xAC00 || r > 0xD7A3 {
		return i + 1 // lone jamo: drop
	}
	start := i == 0 || !unicode.Is(unicode.Hangul, rs[i-1])
	if !start {
		b.WriteByte(' ')
	}
	// Known words of organisation names (은행 bank, 무역 trading ...),
	// longest first.
	t := tables()
	for n := t.zhMaxWord; n >= 2; n-- {
		if i+n > len(rs) {
			continue
		}
		if en, ok := t.zhWords[string(rs[i:i+n])]; ok {
			b.WriteString(en)
			return i + n
		}
	}
	if start {
		if alts, ok := t.hangulSurnames[r]; ok {
			if k < len(alts) {
				b.WriteString(alts[k])
			} else {
				b.WriteString(alts[0])
			}
			return i + 1
		}
	}
	n := int(r - 0xAC00)
	l, v, f := n/(21*28), (n%(21*28))/28, n%28
	b.WriteString(hangulL[k][l])
	b.WriteString(hangulV[k][v])
	b.WriteString(hangulT[f])
	return i + 1
}

// --- Chinese ------------------------------------------------------------------

// hanWord renders a run of Chinese characters: known words (有限公司,
// 科技 ...) by their English equivalent, other characters by their
// reading from the pinyin table, one syllable a part.
func hanWord(b *strings.Builder, rs []rune, i, k int) int {
	t := tables()
	if i > 0 && unicode.Is(unicode.Han, rs[i-1]) {
		b.WriteByte(' ')
	}
	// Longest known word first.
	for n := t.zhMaxWord; n >= 2; n-- {
		if i+n > len(rs) {
			continue
		}
		if en, ok := t.zhWords[string(rs[i:i+n])]; ok {
			b.WriteString(en)
			return i + n
		}
	}
	if alts, ok := t.pinyin[rs[i]]; ok {
		// Scheme 1 uses the second reading (Cantonese or Wade–Giles)
		// only for a surname, the first character of a name.
		start := i == 0 || !unicode.Is(unicode.Han, rs[i-1])
		if k == 1 && start && len(alts) > 1 {
			b.WriteString(alts[1])
		} else {
			b.WriteString(alts[0])
		}
		return i + 1
	}
	if r, ok := pinyin.PinyinDict[int(rs[i])]; ok && r != "" {
		// Any other character: its first Hanyu Pinyin reading from the
		// Unihan-derived dictionary of go-pinyin (tone marks are folded
		// away with the other diacritics).
		first, _, _ := strings.Cut(r, ",")
		b.WriteString(first)
		return i + 1
	}
	b.WriteRune(rs[i])
	return i + 1
}
