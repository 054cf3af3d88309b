package textflags

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of a text (or one Han character), folded, with where
// it stands in the original text.
type token struct {
	// text is the folded form: lower case, no diacritics, Arabic letter
	// variants unified, ß → ss, ı → i.
	text string
	// start and end are byte offsets of the word in the original text.
	start, end int
	// sent and clause number the sentence and the clause the token is in;
	// clauses end at commas, semicolons, colons, brackets, dashes and the
	// lexicon's break words.
	sent, clause int
	// script is 'L' (Latin and other alphabets), 'C' (Cyrillic), 'A'
	// (Arabic), 'H' (Han, kana) or 'D' (digits only).
	script byte
}

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '!', '?', '。', '！', '？', '\n', '؟':
		return true
	}
	return false
}

// clauseEnd reports whether r ends a clause (but not a sentence).
func clauseEnd(r rune) bool {
	switch r {
	case ',', ';', '；', ':', '(', ')', '[', ']', '，', '、', '：', '（', '）', '،', '–', '—', '"', '“', '”', '«', '»', '「', '」', '„':
		return true
	}
	return false
}

func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

// foldRune appends the folded form of r to b.
func foldRune(b *strings.Builder, r rune) {
	switch r {
	case 'ß':
		b.WriteString("ss")
		return
	case 'ı', 'İ', 'I':
		b.WriteByte('i')
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case 'ø', 'Ø':
		b.WriteByte('o')
		return
	case 'ł', 'Ł':
		b.WriteByte('l')
		return
	case 'đ', 'Đ':
		b.WriteByte('d')
		return
	case 'ة':
		b.WriteRune('ه')
		return
	case 'ى', 'ی':
		b.WriteRune('ي')
		return
	case 'ک':
		b.WriteRune('ك')
		return
	case 'ـ': // tatweel
		return
	}
	if r < utf8.RuneSelf {
		b.WriteRune(unicode.ToLower(r))
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, d := range norm.NFKD.String(string(buf[:n])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d == 'ı' {
			d = 'i'
		}
		b.WriteRune(unicode.ToLower(d))
	}
}

// fold returns the folded form of a word.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		foldRune(&b, r)
	}
	return b.String()
}

func scriptOf(r rune) byte {
	switch {
	case isHan(r):
		return 'H'
	case unicode.Is(unicode.Cyrillic, r):
		return 'C'
	case unicode.Is(unicode.Arabic, r):
		return 'A'
	case unicode.IsDigit(r):
		return 'D'
	}
	return 'L'
}

// elisions are the French and English pieces before an apostrophe,
// written out ("n'a" is "ne a", "l'acheteur" "le acheteur").
var elisions = map[string]string{"n": "ne", "l": "le", "d": "de", "qu": "que", "s": "se", "j": "je", "c": "ce", "m": "me", "t": "te"}

// tokenize splits text into tokens: runs of letters and digits (combining
// marks included), one token per Han character; hyphens and apostrophes
// inside a word split it ("re-export" → re, export; "didn't" → did,
// not; "n'a" → ne, a). breaks are the words that end a clause.
func tokenize(text string, breaks map[string]bool) []token {
	var toks []token
	sent, clause := 0, 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '.' && (i+size >= len(text) || isSpaceAt(text, i+size)):
			sent++
			clause++
			i += size
			continue
		case sentenceEnd(r):
			sent++
			clause++
			i += size
			continue
		case clauseEnd(r):
			clause++
			i += size
			continue
		case isHan(r):
			toks = append(toks, token{text: fold(string(r)), start: i, end: i + size, sent: sent, clause: clause, script: 'H'})
			i += size
			continue
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			if r == '-' && i+size < len(text) && isSpaceAt(text, i+size) && i > 0 && isSpaceAt(text, i-1) {
				clause++ // a dash between spaces
			}
			i += size
			continue
		}
		// A word: letters, digits and marks.
		start := i
		script := byte(0)
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) || isHan(r) {
				break
			}
			if s := scriptOf(r); script == 0 || script == 'D' {
				script = s
			}
			i += size
		}
		word := text[start:i]
		toks = appendWord(toks, word, start, sent, clause, script)
		// An apostrophe between letters continues the word as a new token.
		if i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isApostrophe(r) && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if unicode.IsLetter(next) {
					last := &toks[len(toks)-1]
					rest := restOfWord(text[i+size:])
					if rest == "t" && strings.HasSuffix(last.text, "n") && len(last.text) > 1 {
						// English n't: "didn't" → did, not; "can't" → can, not; "won't" → will, not.
						base := strings.TrimSuffix(last.text, "n")
						switch base {
						case "ca":
							base = "can"
						case "wo":
							base = "will"
						case "sha":
							base = "shall"
						}
						last.text = base
						toks = append(toks, token{text: "not", start: last.start, end: i + size + 1, sent: sent, clause: clause, script: 'L'})
						i += size + 1
						continue
					}
					if e, ok := elisions[last.text]; ok {
						last.text = e
					}
					i += size
				}
			}
		}
	}
	if len(breaks) > 0 {
		// Break words end a clause: the clause number goes up at each.
		shift := 0
		for k := range toks {
			if breaks[toks[k].text] {
				shift++
			}
			toks[k].clause += shift
		}
	}
	return toks
}

func appendWord(toks []token, word string, start, sent, clause int, script byte) []token {
	return append(toks, token{text: fold(word), start: start, end: start + len(word), sent: sent, clause: clause, script: script})
}

func restOfWord(s string) string {
	for j, r := range s {
		if !unicode.IsLetter(r) {
			return s[:j]
		}
	}
	return s
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r) || r == '"' || r == '\'' || r == '’' || r == '”' || r == ')'
}
