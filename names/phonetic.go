package names

import "strings"

// Phonetic returns a phonetic key of a normalised name part, designed for
// names romanised from many languages rather than for English spelling:
// consonant digraphs fold to one sound (kh→h, gh/q/c/k/g→k, sh/sch→s,
// zh/dzh/j→j, ph/f/v/w→v, th→t, dh→d), s and z fold together, an "h"
// after a vowel and before a consonant or the end is silent, vowels after
// the first letter are dropped, and doubled consonants collapse. A word
// that starts with a vowel (or y) keeps "a" as its first letter.
//
//	mohammad, muhammad, mohamed → mhmd
//	hossein, hussein, husayn    → hsn
//	qasem, ghasem, kasem        → ksm
//	yevgeny, evgeny             → avkn
//
// Words in Arabic script transliterated without short vowels give the same
// keys ("mhmd"), which is what lets them match their Latin spellings.
func Phonetic(w string) string {
	if w == "" {
		return ""
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			if c < '0' || c > '9' {
				return w // not a plain Latin part: no key beyond itself
			}
		}
	}
	// Fold digraphs and single letters into one symbol per sound.
	var buf, obuf [48]byte
	syms := buf[:0]
	for i := 0; i < len(w); {
		rest := w[i:]
		switch {
		case strings.HasPrefix(rest, "shch"):
			syms, i = append(syms, 's'), i+4
		case strings.HasPrefix(rest, "sch"), strings.HasPrefix(rest, "tch"), strings.HasPrefix(rest, "dzh"):
			s := byte('s')
			if rest[0] == 't' {
				s = 'c'
			} else if rest[0] == 'd' {
				s = 'j'
			}
			syms, i = append(syms, s), i+3
		case strings.HasPrefix(rest, "kh"):
			syms, i = append(syms, 'h'), i+2
		case strings.HasPrefix(rest, "gh"), strings.HasPrefix(rest, "ck"), strings.HasPrefix(rest, "qu") && len(rest) > 2 && isVowelByte(rest[2]):
			syms, i = append(syms, 'k'), i+2
		case strings.HasPrefix(rest, "sh"):
			syms, i = append(syms, 's'), i+2
		case strings.HasPrefix(rest, "zh"), strings.HasPrefix(rest, "dj"):
			syms, i = append(syms, 'j'), i+2
		case strings.HasPrefix(rest, "ch"):
			syms, i = append(syms, 'c'), i+2
		case strings.HasPrefix(rest, "ph"):
			syms, i = append(syms, 'v'), i+2
		case strings.HasPrefix(rest, "th"):
			syms, i = append(syms, 't'), i+2
		case strings.HasPrefix(rest, "dh"):
			syms, i = append(syms, 'd'), i+2
		case strings.HasPrefix(rest, "ts"), strings.HasPrefix(rest, "tz"):
			syms, i = append(syms, 'c'), i+2
		default:
			c := rest[0]
			switch c {
			case 'q', 'g', 'k':
				c = 'k'
			case 'c':
				if len(rest) > 1 && (rest[1] == 'e' || rest[1] == 'i' || rest[1] == 'y') {
					c = 's'
				} else {
					c = 'k'
				}
			case 'f', 'w', 'v':
				c = 'v'
			case 'z':
				c = 's'
			case 'x':
				syms = append(syms, 'k')
				c = 's'
			case 'y', 'e', 'i', 'o', 'u':
				c = 'a' // any vowel
			}
			syms, i = append(syms, c), i+1
		}
	}
	// Build the key: first symbol kept (vowels as 'a'), then consonants
	// only, silent h dropped, runs collapsed.
	out := obuf[:0]
	for j, c := range syms {
		if j > 0 {
			if c == 'a' {
				continue
			}
			if c == 'h' && syms[j-1] == 'a' && (j+1 == len(syms) || syms[j+1] != 'a') {
				continue
			}
			if c == 'h' && j+1 == len(syms) {
				continue
			}
		}
		if n := len(out); n > 0 && out[n-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// looseFolder folds the spelling variants of romanised names that keep
// their sound: kh/h, ph/f, ou/u, w/v, y/i, dj/j, q/k, ck/k, x/ks.
var looseFolder = strings.NewReplacer("kh", "h", "ph", "f", "ou", "u", "w", "v", "y", "i", "dj", "j", "q", "k", "ck", "k", "x", "ks")

// LooseKey returns a spelling key of a normalised name part, between
// RomanKey and Phonetic: the endings -off/-eff become -ov/-ev, the
// variants above fold and doubled letters collapse, but vowels stay, so
// Zhukoff/Zhukov, Khalil/Halil, Yusuf/Jusuf/Iusuf and Uuralhelicom/
// Uralhelicom share a key while Swiftway and Swiftwave do not. Apply it to
// a RomanKey for the romanisation classes as well.
func LooseKey(w string) string {
	if strings.HasSuffix(w, "off") && len(w) > 5 {
		w = w[:len(w)-3] + "ov"
	} else if strings.HasSuffix(w, "eff") && len(w) > 5 {
		w = w[:len(w)-3] + "ev"
	}
	w = looseFolder.Replace(w)
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
