package names

import (
	"bufio"
	"embed"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/*.txt
var dataFS embed.FS

// legalPhrase is one written form of a legal form.
type legalPhrase struct {
	words []string
	class string
	// edge: only recognised as the first or last part of a name, because
	// the form is also an ordinary word or name part ("as", "sa", "ao").
	edge bool
}

type tableSet struct {
	// classOf maps a normalised spelling (or a lower-cased original-script
	// spelling) to its romanisation class key.
	classOf map[string]string
	// suffixes maps an ending to its canonical ending, longest first.
	suffixes []suffixRule
	// legal holds legal-form phrases by their first word.
	legal map[string][]legalPhrase
	// legalFirst lists the first words of the legal-form phrases.
	legalFirst []string
	// legalDel maps each one-letter deletion of a first word (four
	// letters or more) to the word, for typo-tolerant recognition.
	legalDel       map[string]string
	legalMaxLen    int
	titles         map[string]bool
	stop           map[string]bool
	pinyin         map[rune][]string
	zhWords        map[string]string
	zhMaxWord      int
	hangulSurnames map[rune][]string
	// freeMail holds the free-mail domains, freeMailAnyTLD the provider
	// names taken under any public suffix ("yahoo" for yahoo.*).
	freeMail       map[string]bool
	freeMailAnyTLD map[string]bool
	orgWords       map[string]bool
	// words maps an original-script word (rawKey) to its Latin rendering:
	// a vowelled spelling of a name word (الله → allah) or the English word
	// of an organisation term (صنایع → industries); see words.txt.
	words map[string]wordRendering
	// titlesOrig holds titles written in another script, by rawKey.
	titlesOrig map[string]bool
}

// wordRendering is an entry of words.txt: a name word's spelling replaces
// the transliteration; a term's translation is an alternative beside it.
type wordRendering struct {
	latin string
	term  bool
}

type suffixRule struct{ from, to string }

var (
	tablesOnce sync.Once
	tableData  *tableSet
)

// tables returns the embedded tables, loading them on first use.
func tables() *tableSet {
	tablesOnce.Do(func() { tableData = loadTables() })
	return tableData
}

// lines returns the non-empty, non-comment lines of a data file.
func lines(name string) []string {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		panic("names: missing embedded table " + name) // a build defect
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if i := strings.Index(l, "#"); i >= 0 {
			l = l[:i]
		}
		l = strings.TrimSpace(l)
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// rawKey is the lookup form of an original-script word: lower case, and
// for the Arabic script without marks, joiners and tatweel, the Arabic and
// Persian forms of kaf and yeh as one, hamza and madda carriers as their
// bare letters (أحمد, احمد; علي, علی).
func rawKey(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x600 && r <= 0x6ff }) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) || r == 'ـ':
			continue
		case r == 'ك':
			r = 'ک'
		case r == 'ي' || r == 'ى':
			r = 'ی'
		case r == 'ٱ':
			r = 'ا'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func loadTables() *tableSet {
	t := &tableSet{
		classOf:        map[string]string{},
		legal:          map[string][]legalPhrase{},
		titles:         map[string]bool{},
		stop:           map[string]bool{},
		pinyin:         map[rune][]string{},
		zhWords:        map[string]string{},
		hangulSurnames: map[rune][]string{},
		freeMail:       map[string]bool{},
		freeMailAnyTLD: map[string]bool{},
		orgWords:       map[string]bool{},
		words:          map[string]wordRendering{},
		titlesOrig:     map[string]bool{},
	}
	// Chinese and Korean tables first: Normalize below may need them.
	for _, l := range lines("pinyin.txt") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f[0])
		if _, dup := t.pinyin[r]; !dup {
			t.pinyin[r] = f[1:]
		}
	}
	for _, l := range append(lines("zh_words.txt"), lines("ko_words.txt")...) {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		t.zhWords[f[0]] = strings.Join(f[1:], " ")
		if n := utf8.RuneCountInString(f[0]); n > t.zhMaxWord {
			t.zhMaxWord = n
		}
	}
	for _, l := range lines("hangul_surnames.txt") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f[0])
		t.hangulSurnames[r] = f[1:]
	}
	for _, l := range append(lines("romanisation.txt"), lines("orgterms.txt")...) {
		f := strings.Fields(l)
		key := ""
		for _, w := range f {
			if ScriptOf(w) != "" {
				if key != "" {
					t.classOf[rawKey(w)] = key
				}
				continue
			}
			n := strings.ReplaceAll(normalizeLatin(w), " ", "")
			if key == "" {
				key = n
			}
			if _, dup := t.classOf[n]; !dup {
				t.classOf[n] = key
			}
		}
	}
	for _, l := range lines("suffixes.txt") {
		f := strings.Fields(l)
		for _, w := range f[1:] {
			t.suffixes = append(t.suffixes, suffixRule{from: w, to: f[0]})
		}
	}
	// Longest ending first.
	for i := 1; i < len(t.suffixes); i++ {
		for j := i; j > 0 && len(t.suffixes[j].from) > len(t.suffixes[j-1].from); j-- {
			t.suffixes[j], t.suffixes[j-1] = t.suffixes[j-1], t.suffixes[j]
		}
	}
	for _, l := range lines("legalforms.txt") {
		class, rest, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		class = strings.TrimSpace(class)
		for _, p := range strings.Split(rest, "|") {
			p = strings.TrimSpace(p)
			edge := strings.HasPrefix(p, "^")
			p = strings.TrimPrefix(p, "^")
			words := strings.Fields(normalizeLatin(transliterate(p, 0)))
			if len(words) == 0 {
				continue
			}
			t.legal[words[0]] = append(t.legal[words[0]], legalPhrase{words: words, class: class, edge: edge})
		}
	}
	for w := range t.legal {
		t.legalFirst = append(t.legalFirst, w)
	}
	sort.Strings(t.legalFirst)
	t.legalDel = map[string]string{}
	for _, w := range t.legalFirst {
		if len(w) < 4 {
			continue
		}
		if len(w) > t.legalMaxLen {
			t.legalMaxLen = len(w)
		}
		for _, d := range deletions(w) {
			if _, dup := t.legalDel[d]; !dup {
				t.legalDel[d] = w
			}
		}
	}
	for _, first := range t.legal {
		// Longest phrase first.
		for i := 1; i < len(first); i++ {
			for j := i; j > 0 && len(first[j].words) > len(first[j-1].words); j-- {
				first[j], first[j-1] = first[j-1], first[j]
			}
		}
	}
	for _, l := range lines("titles.txt") {
		for _, w := range strings.Fields(l) {
			if ScriptOf(w) != "" {
				t.titlesOrig[rawKey(w)] = true
				continue
			}
			t.titles[normalizeLatin(w)] = true
		}
	}
	for _, l := range lines("words.txt") {
		orig, rest, ok := strings.Cut(l, " ")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		term := false
		if r, ok := strings.CutPrefix(rest, "="); ok {
			term, rest = true, strings.TrimSpace(r)
		}
		t.words[rawKey(orig)] = wordRendering{latin: normalizeLatin(rest), term: term}
	}
	for _, l := range lines("stopwords.txt") {
		for _, w := range strings.Fields(l) {
			t.stop[normalizeLatin(w)] = true
		}
	}
	for _, l := range lines("freemail.txt") {
		d := strings.ToLower(l)
		if name, ok := strings.CutSuffix(d, ".*"); ok {
			t.freeMailAnyTLD[name] = true
		} else {
			t.freeMail[d] = true
		}
	}
	for _, l := range lines("orgwords.txt") {
		for _, w := range strings.Fields(l) {
			t.orgWords[normalizeLatin(w)] = true
		}
	}
	return t
}

// deletions returns w with one byte removed, at every position.
func deletions(w string) []string {
	out := make([]string, 0, len(w))
	for i := 0; i < len(w); i++ {
		out = append(out, w[:i]+w[i+1:])
	}
	return out
}

// fuzzyLegalFirst returns the first word of a legal-form phrase within
// one edit (insertion, deletion, substitution, transposition) of w, or "".
func (t *tableSet) fuzzyLegalFirst(w string) string {
	if f, ok := t.legalDel[w]; ok { // a letter dropped
		return f
	}
	if len(w) > t.legalMaxLen+1 {
		return ""
	}
	var buf [64]byte
	for i := 0; i < len(w); i++ {
		d := append(append(buf[:0], w[:i]...), w[i+1:]...)
		if _, ok := t.legal[string(d)]; ok && len(d) >= 4 { // a letter added
			return string(d)
		}
		if f, ok := t.legalDel[string(d)]; ok && legalWordMatch(w, f) { // replaced or swapped
			return f
		}
	}
	return ""
}
