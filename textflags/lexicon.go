package textflags

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A lexicon file (data/LANG.lex) is read line by line; # starts a comment.
//
//	lang: en                      the language code
//	script: latin                 latin (default), cyrillic, arabic or han: which texts it reads
//	stopwords: the a of …         function words: the Latin-script language of a text is the one it uses most
//	letters: ğşı                  letters only this language writes (they count towards it)
//	scope: 4                      tokens a negator reaches forward (default 4)
//	scope_after: 0                tokens a negator reaches backward from after the head (German "lehnte … nicht ab")
//	window: 10                    default window of a rule, in tokens (Han: characters)
//	negators: not no never …      words (terms) that negate what follows
//	negators_after: değil yok     terms that negate what comes just before them
//	not_negators: "not only" 不同  terms that hold a negator but negate nothing ("different", "not only")
//	breaks: but and however …     words that end a clause (negation and hedges stop there)
//	hedges: if unless "in case"   conditionals: a head after one in its clause is off
//	hedge_guards: ask* wonder*    a hedge right after one of these is a question, not a hedge ("asked if")
//	inflect: 2                    a plain word of five letters or more also matches with up to this many
//	                              letters of ending ("empfänger" → Empfängern), its last vowel replaced
//	vowels: aeiou                 the vowels an ending may replace (with inflect: "vacío" → vacía)
//	neg_verbs: refus* avoid*      verbs and nouns that negate what they govern: "refused to name" is a
//	                              negated "name", "did not refuse to name" (or "named without hesitation") not
//	offers: offer* "ready to"     a hedge after one of these, earlier in its sentence, is the customer's
//	                              condition, not ours ("offers to pay in cash if we skip the invoice")
//	neg_suffix: ^m[ae](d|z)       a regular expression on what follows a stem inside its word: negated
//	hedge_suffix: …               the same, for a conditional suffix
//	strip_prefixes: وال ال و …    clitics tried off the front of a word
//	@NAME: term term "a phrase" /regexp/   a concept
//	indicator: SLOT SLOT … [window=N]      a rule
//
// A term is a word ("cash"), a stem ("refus*"), a part of a compound
// ("*schulung*": Produktschulung, Schulungen), a phrase of words and
// stems in a row ("\"turn* down\""), or a regular expression over one
// folded token ("/^[0-9]+x$/"). Terms are folded and split like the text,
// so Han phrases are matched character by character.
//
// A rule's slots are concepts: the first is its head. The head must stand
// affirmed (no negator in scope, no hedge in its clause) unless written
// ^NAME, which asks for it negated ("could not explain"), or ~NAME, either
// (a head that a correlative negation reaches: "ni l'usage ni le pays");
// a later slot ^NAME must be negated, +NAME affirmed, NAME or ~NAME
// either; -NAME must not occur within the window. All positive slots must match, without overlapping,
// within the window of one sentence, in any order.

type part struct {
	text string
	// prefix: the word starts with text ("refus*"); infix: the word holds
	// it, for compounds ("*schulung*" in Produktschulung).
	prefix, infix bool
	re            *regexp.Regexp
}

type term struct {
	parts []part
	// neg is set when the term itself holds a negator ("not interested"):
	// those words do not negate the term.
	neg bool
}

type concept struct {
	name  string
	terms []*term
}

type slot struct {
	c *concept
	// polarity: 0 either, 1 affirmed, -1 negated.
	polarity int
	exclude  bool
}

type rule struct {
	indicator string
	slots     []slot
	window    int
	line      int
}

type lexicon struct {
	lang        string
	file        string
	script      byte
	stopwords   map[string]bool
	letters     string
	scope       int
	scopeAfter  int
	window      int
	negators    *concept
	negAfter    *concept
	notNeg      *concept
	hedges      *concept
	hedgeGuards *concept
	negVerbs    *concept
	// inflect and vowels: see the header of this file.
	inflect      int
	vowels       string
	offers       *concept
	breaks       map[string]bool
	negSuffix    *regexp.Regexp
	hedgeSuffix  *regexp.Regexp
	stripPrefix  []string
	concepts     map[string]*concept
	rules        []rule
	usedConcepts []*concept
}

// parseLexicon reads one lexicon file.
func parseLexicon(name string, r io.Reader) (*lexicon, error) {
	lx := &lexicon{scope: 4, window: 10, script: 'L', concepts: map[string]*concept{}, breaks: map[string]bool{}, stopwords: map[string]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
	}
	type pendingRule struct {
		indicator string
		slots     []string
		window    int
		line      int
	}
	var pending []pendingRule
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := commentAt(text); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		key, val, ok := strings.Cut(text, ":")
		if !ok {
			return nil, fail("want KEY: VALUE")
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch {
		case key == "lang":
			lx.lang = val
		case key == "script":
			switch val {
			case "latin":
				lx.script = 'L'
			case "cyrillic":
				lx.script = 'C'
			case "arabic":
				lx.script = 'A'
			case "han":
				lx.script = 'H'
			default:
				return nil, fail("script: want latin, cyrillic, arabic or han")
			}
		case key == "stopwords":
			for _, w := range strings.Fields(val) {
				for _, t := range tokenize(w, nil) {
					lx.stopwords[t.text] = true
				}
			}
		case key == "letters":
			lx.letters = val
		case key == "inflect":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 || n > 20 {
				return nil, fail("inflect: want a number of letters")
			}
			lx.inflect = n
		case key == "vowels":
			lx.vowels = fold(val)
		case key == "scope" || key == "scope_after" || key == "window":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 || n > 100 {
				return nil, fail("%s: want a number of tokens", key)
			}
			switch key {
			case "scope":
				lx.scope = n
			case "scope_after":
				lx.scopeAfter = n
			default:
				lx.window = n
			}
		case key == "negators" || key == "negators_after" || key == "not_negators" || key == "hedges" || key == "hedge_guards" || key == "neg_verbs" || key == "offers":
			c, err := parseConcept(key, val, nil)
			if err != nil {
				return nil, fail("%v", err)
			}
			switch key {
			case "negators":
				lx.negators = c
			case "negators_after":
				lx.negAfter = c
			case "not_negators":
				lx.notNeg = c
			case "hedges":
				lx.hedges = c
			case "neg_verbs":
				lx.negVerbs = c
			case "offers":
				lx.offers = c
			default:
				lx.hedgeGuards = c
			}
		case key == "breaks":
			for _, w := range splitTerms(val) {
				for _, t := range tokenize(w, nil) {
					lx.breaks[t.text] = true
				}
			}
		case key == "neg_suffix" || key == "hedge_suffix":
			re, err := regexp.Compile(val)
			if err != nil {
				return nil, fail("%s: %v", key, err)
			}
			if key == "neg_suffix" {
				lx.negSuffix = re
			} else {
				lx.hedgeSuffix = re
			}
		case key == "strip_prefixes":
			for _, p := range strings.Fields(val) {
				lx.stripPrefix = append(lx.stripPrefix, fold(p))
			}
			// Longest first, so that "وال" is tried before "و".
			sortByLenDesc(lx.stripPrefix)
		case strings.HasPrefix(key, "@"):
			cname := key[1:]
			if cname == "" {
				return nil, fail("a concept needs a name")
			}
			c := lx.concepts[cname]
			if c == nil {
				c = &concept{name: cname}
				lx.concepts[cname] = c
			}
			more, err := parseConcept(cname, val, lx.negators)
			if err != nil {
				return nil, fail("%v", err)
			}
			c.terms = append(c.terms, more.terms...)
		default:
			if !knownIndicator[key] {
				return nil, fail("unknown indicator or key %q", key)
			}
			pr := pendingRule{indicator: key, window: 0, line: line}
			for _, f := range strings.Fields(val) {
				if strings.HasPrefix(f, "window=") {
					n, err := strconv.Atoi(strings.TrimPrefix(f, "window="))
					if err != nil || n < 1 {
						return nil, fail("bad window %q", f)
					}
					pr.window = n
					continue
				}
				pr.slots = append(pr.slots, f)
			}
			if len(pr.slots) == 0 {
				return nil, fail("a rule needs at least one concept")
			}
			pending = append(pending, pr)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if lx.lang == "" {
		return nil, fmt.Errorf("%s: no lang: line", name)
	}
	if lx.negators == nil {
		lx.negators = &concept{name: "negators"}
	}
	used := map[*concept]bool{}
	for _, pr := range pending {
		line = pr.line
		r := rule{indicator: pr.indicator, window: pr.window, line: pr.line}
		if r.window == 0 {
			r.window = lx.window
		}
		for i, s := range pr.slots {
			sl := slot{}
			either := false
			switch s[0] {
			case '^':
				sl.polarity, s = -1, s[1:]
			case '+':
				sl.polarity, s = 1, s[1:]
			case '-':
				sl.exclude, s = true, s[1:]
			case '~':
				either, s = true, s[1:]
			}
			if i == 0 && sl.exclude {
				return nil, fail("the first slot is the head and cannot be an exclusion")
			}
			if i == 0 && sl.polarity == 0 && !either {
				sl.polarity = 1
			}
			c := lx.concepts[s]
			if c == nil {
				return nil, fail("unknown concept %q", s)
			}
			if len(c.terms) == 0 {
				return nil, fail("concept %q has no terms", s)
			}
			sl.c = c
			used[c] = true
			r.slots = append(r.slots, sl)
		}
		lx.rules = append(lx.rules, r)
	}
	for _, c := range lx.concepts {
		if used[c] {
			lx.usedConcepts = append(lx.usedConcepts, c)
		}
	}
	return lx, nil
}

// commentAt returns where a # comment starts, outside quotes and regular
// expressions, or -1.
func commentAt(s string) int {
	inQuote, inRe := false, false
	for i, r := range s {
		switch {
		case r == '"' && !inRe:
			inQuote = !inQuote
		case r == '/' && !inQuote && (inRe || i == 0 || s[i-1] == ' '):
			inRe = !inRe
		case r == '#' && !inQuote && !inRe && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return i
		}
	}
	return -1
}

// splitTerms splits a concept's value into terms: words, "quoted
// phrases" and /regular expressions/.
func splitTerms(s string) []string {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return out
		}
		switch s[0] {
		case '"':
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(out, s)
			}
			out = append(out, s[:end+2])
			s = s[end+2:]
		case '/':
			end := strings.Index(s[1:], "/ ")
			if end < 0 {
				if strings.HasSuffix(s, "/") && len(s) > 1 {
					return append(out, s)
				}
				return append(out, s)
			}
			out = append(out, s[:end+2])
			s = s[end+2:]
		default:
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				return append(out, s)
			}
			out = append(out, s[:end])
			s = s[end:]
		}
	}
}

// parseConcept reads the terms of a concept. negators, when given, mark
// terms that hold a negator.
func parseConcept(name, val string, negators *concept) (*concept, error) {
	c := &concept{name: name}
	for _, raw := range splitTerms(val) {
		t := &term{}
		switch {
		case strings.HasPrefix(raw, "/"):
			if len(raw) < 3 || !strings.HasSuffix(raw, "/") {
				return nil, fmt.Errorf("concept %s: unterminated regular expression %s", name, raw)
			}
			re, err := regexp.Compile(raw[1 : len(raw)-1])
			if err != nil {
				return nil, fmt.Errorf("concept %s: %v", name, err)
			}
			t.parts = []part{{re: re}}
		default:
			words := strings.Trim(raw, `"`)
			if strings.TrimSpace(words) == "" {
				return nil, fmt.Errorf("concept %s: empty term", name)
			}
			for _, w := range strings.Fields(words) {
				infix := strings.HasPrefix(w, "*") && strings.HasSuffix(w, "*") && len(w) > 2
				prefix := strings.HasSuffix(w, "*") && !infix
				w = strings.Trim(w, "*")
				toks := tokenize(w, nil)
				for k, tk := range toks {
					p := part{text: tk.text, prefix: prefix && k == len(toks)-1, infix: infix && len(toks) == 1}
					t.parts = append(t.parts, p)
				}
			}
			if len(t.parts) == 0 {
				return nil, fmt.Errorf("concept %s: term %s has no words", name, raw)
			}
		}
		if negators != nil {
			for _, p := range t.parts {
				for _, nt := range negators.terms {
					if len(nt.parts) == 1 && nt.parts[0].re == nil && partMatches(nt.parts[0], p.text) >= 0 {
						t.neg = true
					}
				}
			}
		}
		c.terms = append(c.terms, t)
	}
	if len(c.terms) == 0 {
		return nil, fmt.Errorf("concept %s has no terms", name)
	}
	return c, nil
}

// partMatches returns the length of w that p matches (all of w for an
// exact word or a regular expression, the prefix for a stem), or -1.
func partMatches(p part, w string) int {
	switch {
	case p.re != nil:
		if p.re.MatchString(w) {
			return len(w)
		}
	case p.prefix:
		if strings.HasPrefix(w, p.text) {
			return len(p.text)
		}
	case p.infix:
		if i := strings.Index(w, p.text); i >= 0 {
			return i + len(p.text)
		}
	case w == p.text:
		return len(w)
	}
	return -1
}

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(s[j]) > utf8.RuneCountInString(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
