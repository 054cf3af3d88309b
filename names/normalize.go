package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the comparable form of a name: NFKC, non-Latin scripts
// transliterated (first alternative), lower case, diacritics removed,
// apostrophes dropped ("O'Brien" → "obrien"), dots inside abbreviations
// joined ("U.S.A." → "usa"), other punctuation turned into single spaces.
// The result holds only lower-case letters, digits and single spaces, and
// Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string { return fold(s, nameMode) }

// Fold returns the comparable form of free text — addresses, country
// names, identifiers, words of a description: what Normalize does, except
// that dots and "&" are separators like any other punctuation ("St.Petersburg"
// → "st petersburg", "A&B" → "a b"), as the name conventions of
// abbreviations do not hold there. Apostrophes are dropped ("Queen's Road" →
// "queens road"), other scripts transliterated ("ул. Ленина" → "ul lenina").
// Fold(Fold(s)) == Fold(s).
func Fold(s string) string { return fold(s, textMode) }

// mode selects the conventions of names or of free text.
type mode bool

const (
	nameMode mode = false // dots join abbreviations, "&" reads "and"
	textMode mode = true  // dots and "&" separate
)

func fold(s string, m mode) string {
	// Invalid UTF-8 would stop the normaliser part-way (a second pass would
	// then change the result): it becomes a separator first.
	out := foldLatin(transliterate(norm.NFKC.String(strings.ToValidUTF8(s, " ")), 0), m)
	// Folding can expose letters of a transliterated script (a Cyrillic
	// letter with a grave accent becomes a plain one): repeat until
	// nothing changes, which keeps the result idempotent.
	for i := 0; i < 4 && hasForeignScript(out); i++ {
		next := foldLatin(transliterate(out, 0), m)
		if next == out {
			break
		}
		out = next
	}
	return out
}

// normalizeLatin folds s, which transliteration has already turned into
// Latin script where it could: case, diacritics, punctuation.
func normalizeLatin(s string) string { return foldLatin(s, nameMode) }

func foldLatin(s string, m mode) string {
	if isASCII(s) {
		return foldASCII(s, m)
	}
	return foldUnicode(s, m)
}

// foldUnicode is foldLatin for any input.
func foldUnicode(s string, m mode) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	// Decompose so that combining marks can be dropped.
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
			continue
		case isApostrophe(r):
			continue
		case r == '.' && m == nameMode:
			// A dot followed directly by a letter joins ("u.s.a", "l.l.c");
			// otherwise it separates.
			if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) && i > 0 && unicode.IsLetter(rs[i-1]) {
				continue
			}
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case r == '&' && m == nameMode:
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := foldSpecial[r]; ok {
				b.WriteString(f)
			} else {
				for _, lr := range foldRune(r) {
					b.WriteRune(lr)
				}
			}
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := b.String()
	out = strings.TrimRight(out, " ")
	// Folding may have produced characters that a second pass would treat
	// differently (NFC recomposition of leftovers); fold once more only if
	// needed to guarantee idempotence.
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// foldRune lower-cases r and maps digits of other scripts to ASCII.
func foldRune(r rune) string {
	if unicode.IsDigit(r) && (r < '0' || r > '9') {
		if d := digitValue(r); d >= 0 {
			return string(rune('0' + d))
		}
	}
	lr := unicode.ToLower(r)
	if f, ok := foldSpecial[lr]; ok {
		return f
	}
	return string(lr)
}

// digitValue returns the value of a decimal digit of any script, or -1.
func digitValue(r rune) int {
	// Unicode decimal digits come in contiguous runs of ten starting at a
	// code point whose value is zero.
	for z := r; z >= r-9; z-- {
		if !unicode.IsDigit(z) {
			return int(r - z - 1)
		}
		if z == r-9 {
			return 9
		}
	}
	return -1
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʻ', 'ʼ', '`', '´', 'ʿ', 'ʾ', '′':
		return true
	}
	return false
}

// foldSpecial maps letters that have no decomposition to their usual
// ASCII spelling.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h",
	'Ħ': "h", 'ŀ': "l", 'Ŀ': "l", 'ŧ': "t", 'Ŧ': "t", 'ĸ': "k",
	'ſ': "s", 'ƒ': "f", 'ǝ': "e", 'ə': "e", 'Ə': "e",
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldASCII is foldLatin for ASCII input, without the Unicode machinery;
// it gives the same result.
func foldASCII(s string, m mode) string {
	b := make([]byte, 0, len(s)+4)
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+('a'-'A'))
			space = false
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
			space = false
		case c == '\'' || c == '`':
			// apostrophes vanish
		case c == '.' && m == nameMode:
			if i+1 < len(s) && isASCIILetter(s[i+1]) && i > 0 && isASCIILetter(s[i-1]) {
				continue
			}
			if !space {
				b = append(b, ' ')
				space = true
			}
		case c == '&' && m == nameMode:
			if !space {
				b = append(b, ' ')
			}
			b = append(b, "and "...)
			space = true
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
