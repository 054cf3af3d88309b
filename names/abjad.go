package names

import (
	"unicode"
	"unicode/utf8"
)

// Scripts without short vowels (Arabic, Persian, Urdu, Pashto) write a
// name's consonants and long vowels only: "حسن" is Hasan, Hassan or Hasen,
// and a letter-by-letter transliteration ("hsn") is not a name. AbjadSim
// compares such a word with a Latin spelling on what both share: each
// letter must be written by one of its known Latin correspondences (ق: q,
// k, gh, g; ح: h; ع: an apostrophe, a vowel or nothing; و: w, v, u, o, ou;
// ي: y, i, e, ee, ei; ة: a, ah, at, eh ...), the short vowels the script
// leaves out may appear in the Latin freely, a doubled consonant may stand
// for one letter (the unwritten shadda), and everything else costs.

// abjadLetter is how one letter of the script may be written in Latin.
type abjadLetter struct {
	latin []string
	// skip is the cost of leaving the letter unwritten; 1 for a consonant.
	skip float64
	// vowel: a long-vowel letter or a letter heard as a vowel.
	vowel bool
}

// abjadLetters are the correspondences of the Arabic, Persian and Urdu
// letters with the romanisations lists, passports and the press use
// (ALA-LC, BGN/PCGN, UNGEGN Persian, French and English usage).
var abjadLetters = map[rune]abjadLetter{
	'ا': {latin: []string{"a", "aa", "e", "i", "o", "u", "ah"}, skip: 0.3, vowel: true},
	'أ': {latin: []string{"a", "aa", "e", "o", "u", "i"}, skip: 0.2, vowel: true},
	'إ': {latin: []string{"i", "e", "a"}, skip: 0.2, vowel: true},
	'آ': {latin: []string{"a", "aa", "aa", "ae"}, skip: 0.3, vowel: true},
	'ٱ': {latin: []string{"a", "e", "u", "i"}, skip: 0.1, vowel: true},
	'ء': {latin: []string{"a", "e", "i", "u"}, skip: 0, vowel: true},
	'ئ': {latin: []string{"e", "i", "y", "a", "ei", "ee"}, skip: 0.1, vowel: true},
	'ؤ': {latin: []string{"u", "o", "w", "ou", "oo"}, skip: 0.1, vowel: true},
	'ب': {latin: []string{"b"}, skip: 1},
	'پ': {latin: []string{"p"}, skip: 1},
	'ت': {latin: []string{"t"}, skip: 1},
	'ٹ': {latin: []string{"t"}, skip: 1},
	'ث': {latin: []string{"th", "s", "t"}, skip: 1},
	'ج': {latin: []string{"j", "g", "dj", "dzh", "zh", "y"}, skip: 1},
	'چ': {latin: []string{"ch", "tch", "c", "tsch", "ts"}, skip: 1},
	'ح': {latin: []string{"h", "kh", "hh"}, skip: 0.6},
	'خ': {latin: []string{"kh", "h", "x", "ch", "k", "q"}, skip: 1},
	'د': {latin: []string{"d"}, skip: 1},
	'ڈ': {latin: []string{"d"}, skip: 1},
	'ذ': {latin: []string{"dh", "z", "th", "d"}, skip: 1},
	'ر': {latin: []string{"r"}, skip: 1},
	'ڑ': {latin: []string{"r"}, skip: 1},
	'ز': {latin: []string{"z", "s"}, skip: 1},
	'ژ': {latin: []string{"zh", "j", "g"}, skip: 1},
	'س': {latin: []string{"s", "c"}, skip: 1},
	'ش': {latin: []string{"sh", "ch", "sch", "s"}, skip: 1},
	'ص': {latin: []string{"s", "ss"}, skip: 1},
	'ض': {latin: []string{"d", "dh", "z"}, skip: 1},
	'ط': {latin: []string{"t"}, skip: 1},
	'ظ': {latin: []string{"z", "dh", "th", "d"}, skip: 1},
	'ع': {latin: []string{"a", "e", "i", "o", "u", "aa"}, skip: 0, vowel: true},
	'غ': {latin: []string{"gh", "g", "q"}, skip: 1},
	'ف': {latin: []string{"f", "ph", "v"}, skip: 1},
	'ڤ': {latin: []string{"v"}, skip: 1},
	'ق': {latin: []string{"q", "k", "gh", "g", "c", "ck", "qu"}, skip: 1},
	'ك': {latin: []string{"k", "c", "ck", "q"}, skip: 1},
	'ک': {latin: []string{"k", "c", "ck", "q"}, skip: 1},
	'گ': {latin: []string{"g", "gu"}, skip: 1},
	'ل': {latin: []string{"l"}, skip: 1},
	'م': {latin: []string{"m"}, skip: 1},
	'ن': {latin: []string{"n", "m"}, skip: 1},
	'ں': {latin: []string{"n"}, skip: 0.3},
	'ه': {latin: []string{"h", "e", "a", "eh", "ah"}, skip: 0.5},
	'ھ': {latin: []string{"h"}, skip: 0.3},
	'ۀ': {latin: []string{"eh", "e", "ye", "ey"}, skip: 0.2},
	'ة': {latin: []string{"a", "ah", "at", "eh", "e", "et"}, skip: 0, vowel: true},
	'و': {latin: []string{"w", "v", "u", "o", "ou", "oo", "ow", "aw", "uw", "ev", "av"}, skip: 0.7, vowel: true},
	'ي': {latin: []string{"y", "i", "e", "ee", "ey", "ei", "ai", "ay", "ie", "iy", "ii", "yy"}, skip: 0.7, vowel: true},
	'ی': {latin: []string{"y", "i", "e", "ee", "ey", "ei", "ai", "ay", "ie", "iy", "ii", "yy"}, skip: 0.7, vowel: true},
	'ى': {latin: []string{"a", "i", "y", "e", "aa"}, skip: 0.1, vowel: true},
	'ے': {latin: []string{"e", "ai", "ay", "y"}, skip: 0.3, vowel: true},
}

// abjadLongA is alef after the first letter: the long vowel a.
var abjadLongA = abjadLetter{latin: []string{"a", "aa", "ah", "o"}, skip: 0.6, vowel: true}

// abjadMedialHeh is heh inside a word: a consonant.
var abjadMedialHeh = abjadLetter{latin: []string{"h"}, skip: 0.5}

// wordEnd reports whether no letter follows rs[i:] before the end of the
// word (a Persian joiner ends the written word: خامنه‌ای).
func wordEnd(rs []rune, i int) bool {
	for ; i < len(rs); i++ {
		switch {
		case rs[i] == '\u200c':
			return true
		case unicode.IsLetter(rs[i]):
			return false
		}
	}
	return true
}

// Costs of Latin letters that no letter of the script accounts for.
const (
	abjadShortVowel  = 0.05 // a short vowel the script leaves unwritten
	abjadLongVowel   = 0.45 // a second vowel in a row (a long vowel the script would write)
	abjadGeminate    = 0.05 // a doubled consonant (the unwritten shadda)
	abjadGlide       = 0.5  // an h, w or y the script does not write
	abjadEdgeVowel   = 0.6  // a vowel opening or closing the word, which the script would write
	abjadExtraLetter = 1.0  // any other letter
)

// maxAbjadRunes bounds the words AbjadSim compares (the cost grows with the
// product of the lengths).
const maxAbjadRunes = 32

// IsAbjadWord reports whether w is written in a script without short
// vowels that AbjadSim compares (Arabic, Persian, Urdu letters).
func IsAbjadWord(w string) bool {
	for _, r := range w {
		if _, ok := abjadLetterOf(r); ok {
			return true
		}
	}
	return false
}

// AbjadSim returns how well the Latin word latin (normalised: lower-case
// ASCII letters) spells the Arabic-script word orig, in [0,1]: 1 less the
// cost of the cheapest alignment per letter of orig (see the package
// comment above). Marks (harakat), the tatweel and joiners in orig are
// ignored. It returns 0 for words too long to compare or without letters.
func AbjadSim(orig, latin string) float64 {
	return abjadSim(orig, latin, 0)
}

// AbjadSimAtLeast is AbjadSim(orig, latin) when that is at least floor,
// and 0 otherwise; it stops as soon as the alignment cannot reach floor,
// so that it costs less than AbjadSim on words that do not match.
func AbjadSimAtLeast(orig, latin string, floor float64) float64 {
	if floor <= 0 {
		return abjadSim(orig, latin, 0)
	}
	if s := abjadSim(orig, latin, floor); s >= floor {
		return s
	}
	return 0
}

// abjadTable holds abjadLetters by rune - abjadBase (the Arabic block),
// nil for no letter: an array index instead of a map probe per letter.
const abjadBase = 0x600

var abjadTable = func() (t [0x100]*abjadLetter) {
	for r, l := range abjadLetters {
		if r < abjadBase || r >= abjadBase+0x100 {
			panic("names: an abjad letter outside the Arabic block")
		}
		t[r-abjadBase] = &l
	}
	return t
}()

func abjadLetterOf(r rune) (abjadLetter, bool) {
	if r < abjadBase || r >= abjadBase+0x100 || abjadTable[r-abjadBase] == nil {
		return abjadLetter{}, false
	}
	return *abjadTable[r-abjadBase], true
}

// abjadSim computes AbjadSim; with floor > 0 it may return any value below
// floor (0) as soon as the cost reached shows the result must be below it.
func abjadSim(orig, latin string, floor float64) float64 {
	var slots [maxAbjadRunes]abjadLetter
	n := 0
	weight := 0.0
	var rbuf [2 * maxAbjadRunes]rune
	rs := rbuf[:0]
	for _, r := range orig {
		rs = append(rs, r)
	}
	for ri, r := range rs {
		if r == '\u0651' && n > 0 { // shadda: the consonant is doubled
			continue
		}
		l, ok := abjadLetterOf(r)
		if ok && r == 'ه' && !wordEnd(rs, ri+1) {
			l = abjadMedialHeh // a vowel only at the end of a word
		}
		if ok && r == 'ا' && n > 0 {
			l = abjadLongA // inside a word alef is the long a
		}
		if !ok {
			if unicode.IsLetter(r) {
				return 0 // a letter of another script
			}
			continue // marks, tatweel, ZWNJ
		}
		if n == maxAbjadRunes {
			return 0
		}
		slots[n] = l
		n++
		if l.vowel {
			weight += 0.5
		} else {
			weight++
		}
	}
	m := len(latin)
	if n == 0 || m == 0 || m > 2*maxAbjadRunes || !utf8.ValidString(latin) {
		return 0
	}
	// dp[i][j]: least cost of writing the first i letters as latin[:j].
	const inf = 1e9
	var dpBuf [(maxAbjadRunes + 1) * (2*maxAbjadRunes + 1)]float64
	w := m + 1
	dp := dpBuf[:(n+1)*w]
	for k := range dp {
		dp[k] = inf
	}
	dp[0] = 0
	if weight < 2 {
		weight = 2
	}
	for i := 0; i <= n; i++ {
		if floor > 0 && i > 0 {
			// Every alignment passes through row i, and what is added
			// along it is never negative: the least cost entering the
			// row bounds the final cost from below.
			least := inf
			for _, v := range dp[i*w : i*w+w] {
				least = min(least, v)
			}
			if 1-least/weight < floor {
				return 0
			}
		}
		for j := 0; j <= m; j++ {
			cur := dp[i*w+j]
			if cur >= inf {
				continue
			}
			// A Latin letter no letter of orig accounts for.
			if j < m {
				c := latin[j]
				cost := abjadExtraLetter
				switch {
				case isVowelByte(c) && c != 'y':
					cost = abjadShortVowel
					if j > 0 && isVowelByte(latin[j-1]) && latin[j-1] != 'y' {
						cost = abjadLongVowel
					}
					if i == 0 || i == n && j == m-1 {
						// The script writes the vowel a word opens or
						// ends with (ا, ع, أ ...; ي, و, ة, ه): Hosni is
						// not حسن.
						cost = abjadEdgeVowel
					}
				case j > 0 && latin[j-1] == c:
					cost = abjadGeminate
				case c == 'h' || c == 'w' || c == 'y':
					cost = abjadGlide
				}
				if v := cur + cost; v < dp[i*w+j+1] {
					dp[i*w+j+1] = v
				}
			}
			if i == n {
				continue
			}
			l := &slots[i]
			// The letter left unwritten.
			if v := cur + l.skip; v < dp[(i+1)*w+j] {
				dp[(i+1)*w+j] = v
			}
			// The letter written by one of its correspondences.
			for _, s := range l.latin {
				if len(s) <= m-j && latin[j:j+len(s)] == s {
					if v := cur; v < dp[(i+1)*w+j+len(s)] {
						dp[(i+1)*w+j+len(s)] = v
					}
				}
			}
			// The letter written by another letter.
			if j < m {
				if v := cur + 1; v < dp[(i+1)*w+j+1] {
					dp[(i+1)*w+j+1] = v
				}
			}
		}
	}
	cost := dp[n*w+m]
	s := 1 - cost/weight
	if s < 0 {
		return 0
	}
	return s
}

// SkeletonKey returns a coarse consonant key of a normalised Latin word
// for finding the spellings AbjadSim may accept: vowels, h, w, y and v
// dropped (the script may write them or not, as vowels or consonants),
// kh → x, gh/q/k/g/c → k, sh/ch/sch → c, th → t, dh → d, zh/dj → j, ph → f,
// doubled letters once. "khamenei" and the transliteration "khamnhai" of
// خامنه‌ای both give "xmn". Words of other scripts give "".
func SkeletonKey(w string) string {
	var buf [64]byte
	out := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < 'a' || c > 'z' {
			if c >= '0' && c <= '9' {
				return ""
			}
			continue
		}
		var nx byte
		if i+1 < len(w) {
			nx = w[i+1]
		}
		k := c
		switch {
		case c == 'k' && nx == 'h':
			k, i = 'x', i+1
		case c == 'g' && nx == 'h':
			k, i = 'k', i+1
		case c == 's' && nx == 'c' && i+2 < len(w) && w[i+2] == 'h':
			k, i = 'c', i+2
		case (c == 's' || c == 'c') && nx == 'h':
			k, i = 'c', i+1
		case (c == 't' || c == 'd' || c == 'p' || c == 'z') && nx == 'h':
			switch c {
			case 't':
				k = 't'
			case 'd':
				k = 'd'
			case 'p':
				k = 'f'
			case 'z':
				k = 'j'
			}
			i++
		case c == 'd' && nx == 'j':
			k, i = 'j', i+1
		case c == 'q' || c == 'g' || c == 'c':
			k = 'k'
		case isVowelByte(c) || c == 'h' || c == 'w' || c == 'v' || c == '\'':
			continue
		}
		if n := len(out); n > 0 && out[n-1] == k {
			continue
		}
		if len(out) == cap(out) {
			break
		}
		out = append(out, k)
	}
	return string(out)
}
