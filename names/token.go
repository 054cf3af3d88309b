package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind classifies a name part.
type Kind uint8

// Kinds of name parts.
const (
	Word    Kind = iota // an ordinary name part
	Legal               // a legal form ("llc", "co ltd"); Key is its class
	Title               // an honorific, title or rank ("dr", "sheikh", "general")
	Stop                // a function word in an organisation name ("of", "and")
	Number              // digits (or a Roman numeral ii–xx, as digits)
	Initial             // a single letter
)

var kindNames = [...]string{"word", "legal_form", "title", "stop", "number", "initial"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one normalised name part.
type Token struct {
	// Text is the normalised Latin form ("hasan"); for a legal form the
	// normalised phrase ("limited liability company").
	Text string
	// Key is the romanisation key: the class key of Text's equivalence
	// class, else Text with its ending and "Abd al-" prefix canonicalised;
	// for a legal form, its class ("llc").
	Key string
	// Phon is the phonetic key (see Phonetic).
	Phon string
	// Bare is Text without a glued Arabic article ("alhasan" → "hasan"),
	// or "" when Text does not start with one.
	Bare string
	Kind Kind
	// Article is set when the part was written with a separate article
	// ("al-Hasan", "el Hatum"), which Parse drops.
	Article bool
	// Script is the ISO 15924 code of the script the part was
	// transliterated from, "" for Latin.
	Script string
	// Alts are other transliterations of the part (scheme 1 and up).
	Alts []string
	// Family is set for parts written before a comma ("LAST, First").
	Family bool
	// Orig is the part as written in a script without short vowels
	// (Arabic, Persian ...), its article removed, for AbjadSim; "" for
	// other parts.
	Orig string
	// Class is set when Key is the key of a romanisation class the part
	// was found in (not a canonicalised ending).
	Class bool
}

// Parse splits a name into normalised parts: it transliterates, drops the
// Arabic article (remembering it), joins "Abd al-" compounds, recognises
// legal forms (one part per form, however many words it has), titles,
// function words, numbers and initials.
func Parse(s string) []Token {
	s = norm.NFKC.String(strings.ToValidUTF8(s, " "))
	family, rest, hasComma := strings.Cut(s, ",")
	if hasComma && (strings.TrimSpace(family) == "" || strings.TrimSpace(rest) == "") {
		hasComma = false
	}
	raw := make([]Token, 0, 8)
	if hasComma {
		raw = rawTokens(family, true, raw)
		raw = rawTokens(rest, false, raw)
	} else {
		raw = rawTokens(s, false, raw)
	}
	return classify(raw)
}

// rawTokens appends the parts of s, transliterated and normalised.
func rawTokens(s string, family bool, out []Token) []Token {
	t := tables()
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		script := ScriptOf(w)
		if script == "" {
			for _, p := range strings.Fields(normalizeLatin(w)) {
				out = append(out, Token{Text: p, Family: family})
			}
			continue
		}
		key := rawKey(w)
		// An Arabic word with the article glued on (الأسد): its lookups
		// and its letters are those of the word without it.
		article, bare, bareKey := false, w, key
		if script == "Arab" {
			if rest, ok := strings.CutPrefix(key, "ال"); ok && utf8.RuneCountInString(rest) >= 2 && key != "الله" {
				article, bareKey = true, rest
				_, bare, _ = strings.Cut(w, "ل")
			}
		}
		if t.titlesOrig[key] || t.titlesOrig[bareKey] {
			out = append(out, Token{Text: strings.ReplaceAll(Normalize(w), " ", ""), Script: script, Family: family, Kind: Title})
			continue
		}
		wr, known := t.words[key]
		if !known && article {
			wr, known = t.words[bareKey]
		}
		if known && (!wr.term || strings.Contains(wr.latin, " ")) {
			if article && key != bareKey && t.words[key] == (wordRendering{}) {
				out = append(out, Token{Text: "al", Script: script, Family: family})
			}
			ps := strings.Fields(wr.latin)
			for _, p := range ps {
				tk := Token{Text: p, Script: script, Family: family}
				if len(ps) == 1 && IsAbjadWord(bare) {
					tk.Orig = bare
				}
				out = append(out, tk)
			}
			continue
		}
		class := t.classOf[key]
		if class == "" && article {
			class = t.classOf[bareKey]
		}
		var parts [Schemes][]string
		for k := 0; k < Schemes; k++ {
			parts[k] = strings.Fields(normalizeLatin(transliterate(w, k)))
		}
		// The part that carries the word's letters: the only one, or the
		// one after a separated article.
		body := -1
		switch {
		case len(parts[0]) == 1:
			body = 0
		case len(parts[0]) == 2 && article && parts[0][0] == "al":
			body = 1
		}
		for i, p := range parts[0] {
			tk := Token{Text: p, Script: script, Family: family}
			if i == body {
				if class != "" {
					tk.Key = class
					tk.Class = true
					if IsAbjadWord(bare) {
						tk.Text = class // the vowelled spelling, not the letters
					}
				}
				if IsAbjadWord(bare) {
					tk.Orig = bare
				}
				if known && wr.term {
					tk.Alts = append(tk.Alts, wr.latin)
				}
			}
			for k := 1; k < Schemes; k++ {
				if len(parts[k]) == len(parts[0]) && parts[k][i] != p && parts[k][i] != tk.Text {
					tk.Alts = append(tk.Alts, parts[k][i])
				}
			}
			if tk.Text != p && p != "" {
				tk.Alts = append(tk.Alts, p)
			}
			out = append(out, tk)
		}
	}
	return out
}

var articles = map[string]bool{"al": true, "el": true, "ul": true, "ad": true, "ash": true, "adh": true, "az": true}

var abdPrefixes = []string{"abdoul", "abdul", "abdel", "abdol", "abdal", "abdil", "abdur", "abder", "abdu", "abd"}

func classify(raw []Token) []Token {
	t := tables()
	// Articles: drop, marking the next part.
	toks := make([]Token, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if articles[raw[i].Text] && i+1 < len(raw) && isAlpha(raw[i+1].Text) && len(raw[i+1].Text) > 1 {
			raw[i+1].Article = true
			continue
		}
		if (raw[i].Text == "al" || raw[i].Text == "el") && i+1 == len(raw) && i > 0 {
			// A trailing article, left behind by reordering ("AMINE
			// Muhammed EL"): keep it as a function word.
			raw[i].Kind = Stop
		}
		toks = append(toks, raw[i])
	}
	// "Abd al-Rahman", "Abdul Rahman" → one part.
	merged := make([]Token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		// (not across the comma of "FAMILY, Given": "ABDU, Abdallah" is two names)
		if isAbd(tk.Text) && i+1 < len(toks) && isAlpha(toks[i+1].Text) && len(toks[i+1].Text) > 2 && !articles[toks[i+1].Text] && tk.Family == toks[i+1].Family {
			n := toks[i+1]
			tk.Text += n.Text
			tk.Key = ""
			tk.Alts = nil
			tk.Class = false
			if tk.Orig != "" && n.Orig != "" {
				if n.Article {
					tk.Orig += "ال" // عبد الملك: the article is part of the compound
				}
				tk.Orig += n.Orig
			} else {
				tk.Orig = ""
			}
			i++
		}
		merged = append(merged, tk)
	}
	toks = merged
	// Legal forms.
	n := len(toks)
	out := make([]Token, 0, n)
	for i := 0; i < n; i++ {
		if ph, ok := matchLegal(toks, i); ok {
			l := len(ph.words)
			if l < n { // never the whole name
				out = append(out, Token{Text: strings.Join(ph.words, " "), Key: ph.class, Phon: ph.class, Kind: Legal, Family: toks[i].Family})
				i += l - 1
				continue
			}
		}
		out = append(out, toks[i])
	}
	for i := range out {
		tk := &out[i]
		if tk.Kind == Legal {
			continue
		}
		switch {
		case isDigits(tk.Text):
			tk.Kind = Number
			tk.Key = strings.TrimLeft(tk.Text, "0")
			tk.Phon = tk.Key
			continue
		case romanNumeral[tk.Text] != "" && len(out) > 1 && i > 0:
			tk.Kind = Number
			tk.Key = romanNumeral[tk.Text]
			tk.Phon = tk.Key
			continue
		case len([]rune(tk.Text)) == 1 && tk.Script == "":
			tk.Kind = Initial
		case len(out) > 1 && t.titles[tk.Text]:
			tk.Kind = Title
		case len(out) > 1 && (t.stop[tk.Text] || tk.Kind == Stop):
			tk.Kind = Stop
		}
		if tk.Key == "" {
			tk.Key = RomanKey(tk.Text)
			_, tk.Class = t.classOf[tk.Text]
		}
		tk.Phon = Phonetic(tk.Text)
		if len(tk.Text) >= 5 && (strings.HasPrefix(tk.Text, "al") || strings.HasPrefix(tk.Text, "el")) && isAlpha(tk.Text) {
			tk.Bare = tk.Text[2:]
		}
	}
	return out
}

func matchLegal(toks []Token, i int) (legalPhrase, bool) {
	t := tables()
	cands := t.legal[toks[i].Text]
	if len(cands) == 0 && len(toks[i].Text) >= 4 {
		if first := t.fuzzyLegalFirst(toks[i].Text); first != "" {
			cands = t.legal[first]
		}
	}
	for _, ph := range cands {
		l := len(ph.words)
		if i+l > len(toks) {
			continue
		}
		ok := true
		for j, w := range ph.words {
			if !legalWordMatch(toks[i+j].Text, w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if ph.edge && i != 0 && i+l != len(toks) {
			continue
		}
		return ph, true
	}
	return legalPhrase{}, false
}

// legalWordMatch compares a word of a name with a word of a legal-form
// phrase, allowing one slip where the form's word has five letters or more
// ("compnay", "liimited", "join stock"); shorter forms are too close to
// names ("Carl" and "Earl" are not "SARL").
func legalWordMatch(w, form string) bool {
	if w == form {
		return true
	}
	if len(w) < 4 || len(form) < 5 || len(w)-len(form) > 1 || len(form)-len(w) > 1 {
		return false
	}
	return Levenshtein(w, form) <= 1
}

var romanNumeral = map[string]string{
	"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
	"xi": "11", "xii": "12", "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16",
	"xvii": "17", "xviii": "18", "xix": "19", "xx": "20",
}

// IsAbdPrefix reports whether w is the first half of an "Abd al-"
// compound written apart ("abd", "abdul", "abdel" ...).
func IsAbdPrefix(w string) bool { return isAbd(w) }

func isAbd(s string) bool {
	switch s {
	case "abd", "abdul", "abdel", "abdol", "abdal", "abdoul", "abdur", "abdu", "abdil":
		return true
	}
	return false
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

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// RomanKey returns the romanisation key of a normalised name part: its
// equivalence class key where the tables know it ("muhammad" →
// "mohammad"), with "Abd al-" compounds canonicalised ("abdulrahman",
// "abdelrahman" → "abdrahman") and otherwise its ending canonicalised
// ("ivanoff" → "ivanov", "nasrollah" → "nasrullah").
func RomanKey(w string) string {
	t := tables()
	if k, ok := t.classOf[w]; ok {
		return abdKey(k)
	}
	if k := abdKey(w); k != w {
		return k
	}
	if len(w) >= 4 && strings.HasSuffix(w, "h") && !strings.HasSuffix(w, "hh") {
		// Persian/Arabic final -h: Zadeh/Zade, Fatimah/Fatima.
		if k, ok := t.classOf[w[:len(w)-1]]; ok {
			return abdKey(k)
		}
	}
	for _, s := range t.suffixes {
		if len(w)-len(s.from) >= 3 && strings.HasSuffix(w, s.from) {
			return w[:len(w)-len(s.from)] + s.to
		}
	}
	return w
}

// abdKey canonicalises an "Abd al-X" compound to "abd" + key(X).
func abdKey(w string) string {
	if !strings.HasPrefix(w, "abd") || w == "abdullah" {
		return w
	}
	for _, p := range abdPrefixes {
		if strings.HasPrefix(w, p) && len(w)-len(p) >= 3 {
			rest := w[len(p):]
			if k, ok := tables().classOf[rest]; ok {
				rest = k
			}
			return "abd" + rest
		}
	}
	return w
}
