package osint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or number of the text, with its byte offsets.
type token struct {
	start, end int
	text       string // as written
	lower      string
	cap        bool // starts with an upper-case letter
	upper      bool // every letter upper case, two or more letters
	num        bool // digits only
	sent       int  // index of its sentence
	// hyphen is set when the token is joined to the next by a hyphen
	// ("Iranian-made", "Zolfaghar-class").
	hyphen bool
}

// sentence is a span of the text, by bytes and by tokens [tok0, tok1).
type sentence struct {
	start, end int
	tok0, tok1 int
}

// doc is a text cut into tokens and sentences.
type doc struct {
	text  string
	toks  []token
	sents []sentence
	// runeAt maps a byte offset to a character offset; nil when the text
	// is ASCII (they are equal).
	runeAt []int32
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "brig": true, "col": true, "lt": true,
	"maj": true, "capt": true, "adm": true, "sgt": true, "prof": true, "st": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "no": true, "co": true,
	"inc": true, "ltd": true, "corp": true, "vs": true, "etc": true, "gov": true, "rep": true, "sen": true, "cmdr": true, "u": true, "s": true}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// tokenize cuts text into tokens and sentences. A sentence ends at a line
// break, or at ". ", "! " or "? " before an upper-case letter, a digit or
// a quote, unless the dot ends an abbreviation or an initial.
func tokenize(text string) *doc {
	d := &doc{text: text}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		d.runeAt = make([]int32, len(text)+1)
		n := int32(0)
		for i := range text {
			d.runeAt[i] = n
			n++
		}
		// fill the bytes inside runes and the end
		last := int32(0)
		for i := 0; i <= len(text); i++ {
			if i == len(text) {
				d.runeAt[i] = n
				break
			}
			if utf8.RuneStart(text[i]) {
				last = d.runeAt[i]
			} else {
				d.runeAt[i] = last
			}
		}
	}
	sentStart := 0
	endSentence := func(at int) {
		// at: byte offset where the sentence ends (exclusive)
		s := sentence{start: sentStart, end: at}
		// trim spaces
		for s.start < s.end && isSpace(text[s.start]) {
			s.start++
		}
		for s.end > s.start && isSpace(text[s.end-1]) {
			s.end--
		}
		if s.end > s.start {
			d.sents = append(d.sents, s)
		}
		sentStart = at
	}
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isWordRune(r2) {
					break
				}
				j += s2
			}
			w := text[i:j]
			t := token{start: i, end: j, text: w, lower: strings.ToLower(w), sent: len(d.sents)}
			first, _ := utf8.DecodeRuneInString(w)
			t.cap = unicode.IsUpper(first)
			t.num = isDigits(w)
			if !t.num && len(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
				t.upper = true
			}
			if j+1 < len(text) && isHyphen(text[j:]) {
				if _, hs := utf8.DecodeRuneInString(text[j:]); j+hs < len(text) {
					if r3, _ := utf8.DecodeRuneInString(text[j+hs:]); isWordRune(r3) {
						t.hyphen = true
					}
				}
			}
			d.toks = append(d.toks, t)
			i = j
			continue
		case r == '\n':
			endSentence(i)
		case r == '.' || r == '!' || r == '?':
			if r == '.' && len(d.toks) > 0 && d.toks[len(d.toks)-1].end == i {
				prev := d.toks[len(d.toks)-1]
				if abbreviations[prev.lower] || (utf8.RuneCountInString(prev.text) == 1 && prev.cap) {
					break
				}
			}
			if sentenceFollows(text[i+size:]) {
				endSentence(i + size)
			}
		}
		i += size
	}
	endSentence(len(text))
	// Sentence indexes of tokens: recount against the final bounds.
	si := 0
	for k := range d.toks {
		for si < len(d.sents)-1 && d.toks[k].start >= d.sents[si].end {
			si++
		}
		d.toks[k].sent = si
	}
	for k := range d.sents {
		d.sents[k].tok0, d.sents[k].tok1 = -1, -1
	}
	for k, t := range d.toks {
		s := &d.sents[t.sent]
		if s.tok0 < 0 {
			s.tok0 = k
		}
		s.tok1 = k + 1
	}
	for k := range d.sents {
		if d.sents[k].tok0 < 0 {
			d.sents[k].tok0, d.sents[k].tok1 = 0, 0
		}
	}
	return d
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isHyphen(s string) bool {
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "‐") || strings.HasPrefix(s, "‑")
}

// sentenceFollows reports whether rest (after a full stop) starts a new
// sentence: blank space and then an upper-case letter, a digit or a
// quote, or the end.
func sentenceFollows(rest string) bool {
	// Closing quotes and brackets belong to the sentence that ends.
	rest = strings.TrimLeft(rest, "\"'”’)]")
	if rest == "" {
		return true
	}
	t := strings.TrimLeft(rest, " \t")
	if len(t) == len(rest) {
		return false // no space: "U.S.", "3.5", "example.org"
	}
	if t == "" || t[0] == '\n' || t[0] == '\r' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'(", r)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// chars converts a byte offset to a character offset.
func (d *doc) chars(b int) int {
	if d.runeAt == nil {
		return b
	}
	return int(d.runeAt[b])
}

// sentOf returns the sentence holding byte offset b.
func (d *doc) sentOf(b int) int {
	lo, hi := 0, len(d.sents)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if d.sents[mid].end <= b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// tokAt returns the index of the first token starting at or after byte b.
func (d *doc) tokAt(b int) int {
	lo, hi := 0, len(d.toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.toks[mid].start < b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// titleCase reports whether the tokens of sentence s are mostly
// capitalised (a headline), where capitals say nothing about names.
func (d *doc) titleCase(s int) bool {
	st := d.sents[s]
	words, caps := 0, 0
	for _, t := range d.toks[st.tok0:st.tok1] {
		if t.num || len(t.text) < 4 {
			continue
		}
		words++
		if t.cap {
			caps++
		}
	}
	return words >= 3 && caps*4 >= words*3
}
