package names

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AL-HASAN, Suhayl", "al hasan suhayl"},
		{"  José  MARÍA\tÁlvarez ", "jose maria alvarez"},
		{"O'Brien & Sons", "obrien and sons"},
		{"U.S.A. Trading Co., Ltd.", "usa trading co ltd"},
		{"Iliana J. R. TERAN", "iliana j r teran"},
		{"Straße Łódź Øresund", "strasse lodz oresund"},
		{"ＡＢＣ　１２３", "abc 123"}, // full-width forms (NFKC)
		{"Ja'far", "jafar"},
		{"RA-76686", "ra 76686"},
		{"Евгений Пригожин", "yevgeniy prigozhin"},
		{"Αλέξανδρος", "alexandros"},
		{"٣٤", "34"},
		{"", ""},
		{" - , ", ""},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeIsIdempotent(t *testing.T) {
	for _, s := range seedNames {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", s, twice, once)
		}
	}
}

func TestTransliterateGivesAlternatives(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // each must be among the normalised renderings
	}{
		{"Евгений", []string{"yevgeniy", "evgenii"}},
		{"Юлия", []string{"yuliya", "iuliia"}},
		{"Хасан", []string{"khasan"}},
		{"قاسم", []string{"qasm", "ghasm"}},
		{"김정은", []string{"kim jeong eun", "kim jong un"}},
		{"王伟", []string{"wang wei", "wong wei"}},
		{"Smith", []string{"smith"}},
	} {
		var got []string
		for _, r := range Transliterate(tc.in) {
			got = append(got, Normalize(r))
		}
		for _, w := range tc.want {
			found := false
			for _, g := range got {
				if g == w {
					found = true
				}
			}
			if !found {
				t.Errorf("Transliterate(%q) = %q, want %q among them", tc.in, got, w)
			}
		}
	}
}

func TestRomanKeyEquivalence(t *testing.T) {
	for _, class := range [][]string{
		{"mohammad", "muhammad", "mohamed", "mohammed", "muhammed"},
		{"hossein", "hussein", "husayn", "hosein"},
		{"qasem", "ghasem", "kasem", "qassem"},
		{"yevgeny", "evgeny", "evgeniy", "yevgeniy"},
		{"ivanov", "ivanoff"},
		{"nasrullah", "nasrollah", "nasrallah"},
		{"ali", "aly"},
		{"reza", "rida"},
		{"jafar", "jaafar"},
		{"ghods", "qods", "quds"},
		{"abdulrahman", "abdelrahman", "abdolrahman", "abdurrahman"},
		{"zadeh", "zade"},
		{"gnedovsky", "gnedovskii", "gnedovskiy"},
	} {
		k := RomanKey(class[0])
		for _, w := range class[1:] {
			if got := RomanKey(w); got != k {
				t.Errorf("RomanKey(%q) = %q, want %q (as %q)", w, got, k, class[0])
			}
		}
	}
	for _, pair := range [][2]string{{"mohammad", "mahmoud"}, {"hassan", "hossein"}, {"ali", "alia"}} {
		if RomanKey(pair[0]) == RomanKey(pair[1]) {
			t.Errorf("RomanKey(%q) == RomanKey(%q): different names must stay apart", pair[0], pair[1])
		}
	}
}

func TestPhonetic(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"mohammad", "muhammad", "mohamed"}, "mhmd"},
		{[]string{"hossein", "hussein", "husayn"}, "hsn"},
		{[]string{"qasem", "ghasem", "kasem"}, "ksm"},
		{[]string{"yevgeny", "evgeny"}, "avkn"},
		{[]string{"golikov", "golikoff"}, "klkv"},
	} {
		for _, w := range tc.words {
			if got := Phonetic(w); got != tc.want {
				t.Errorf("Phonetic(%q) = %q, want %q", w, got, tc.want)
			}
		}
	}
	// Arabic script without short vowels reaches the same key.
	if got := Phonetic(Normalize("محمد")); got != "mhmd" {
		t.Errorf("Phonetic(محمد) = %q, want mhmd", got)
	}
}

func texts(toks []Token) string {
	var s []string
	for _, t := range toks {
		s = append(s, t.Text+"/"+t.Kind.String())
	}
	return strings.Join(s, " ")
}

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AL-HASAN, Suhayl", "hasan/word suhayl/word"},
		{"Abd al-Rahman Khalaf", "abdrahman/word khalaf/word"},
		{"Abdul Rahman", "abdulrahman/word"},
		{"OOO Romashka", "ooo/legal_form romashka/word"},
		{"Limited Liability Company DV Holding", "llc/legal_form dv/word holding/word"},
		{"Beijing Qidi Electronic Technology Co., Ltd.", "beijing/word qidi/word electronic/word technology/word co ltd/legal_form"},
		{"LIMITED LIABILITY CONPANY KARBON", "llc/legal_form karbon/word"},
		{"Snow Storm 2", "snow/word storm/word 2/number"},
		{"Veronica III", "veronica/word 3/number"},
		{"Iliana J. R. Teran", "iliana/word j/initial r/initial teran/word"},
		{"Dr. Muthanna", "dr/title muthanna/word"},
		{"Bank of Kunlun", "bank/word of/stop kunlun/word"},
		{"Limited", "limited/word"}, // a legal form is never the whole name
		{"AS Tallinn", "as/legal_form tallinn/word"},
		{"Hossein As Sadr", "hossein/word as/word sadr/word"}, // "as" only at an edge
	} {
		got := texts(Parse(tc.in))
		want := tc.want
		// Legal forms keep their canonical phrase as text; compare kinds
		// and keys for those.
		var gotKeys []string
		for _, tk := range Parse(tc.in) {
			if tk.Kind == Number {
				gotKeys = append(gotKeys, tk.Key+"/number")
			} else if tk.Kind == Legal {
				gotKeys = append(gotKeys, tk.Key+"/legal_form")
			} else {
				gotKeys = append(gotKeys, tk.Text+"/"+tk.Kind.String())
			}
		}
		if got != want && strings.Join(gotKeys, " ") != want {
			t.Errorf("Parse(%q) = %s (keys %s), want %s", tc.in, got, strings.Join(gotKeys, " "), want)
		}
	}
}

func TestParseMarksArticleAndFamily(t *testing.T) {
	toks := Parse("AL-TIKRITI, Raghad")
	if len(toks) != 2 || !toks[0].Article || !toks[0].Family || toks[1].Family {
		t.Fatalf("Parse = %+v, want tikriti (article, family), raghad", toks)
	}
	glued := Parse("ALTIKRITI, Raghad")
	if glued[0].Bare != "tikriti" {
		t.Errorf("glued article: Bare = %q, want tikriti", glued[0].Bare)
	}
}

func TestParseScripts(t *testing.T) {
	for _, tc := range []struct {
		in     string
		script string
		keys   []string
	}{
		{"محمد رضا", "Arab", []string{"mohammad", "reza"}},
		{"حسین", "Arab", []string{"hossein"}},
		{"Алексей Иванов", "Cyrl", []string{"aleksey", "ivanov"}},
	} {
		toks := Parse(tc.in)
		if len(toks) != len(tc.keys) {
			t.Fatalf("Parse(%q) = %+v, want %d parts", tc.in, toks, len(tc.keys))
		}
		for i, k := range tc.keys {
			if toks[i].Key != k || toks[i].Script != tc.script {
				t.Errorf("Parse(%q)[%d] = key %q script %q, want %q %q", tc.in, i, toks[i].Key, toks[i].Script, k, tc.script)
			}
		}
	}
}

func TestSimilarity(t *testing.T) {
	if d := Levenshtein("polani", "ploani"); d != 1 {
		t.Errorf("transposition distance = %d, want 1", d)
	}
	if d := Levenshtein("kitten", "sitting"); d != 3 {
		t.Errorf("Levenshtein(kitten, sitting) = %d, want 3", d)
	}
	if s := JaroWinkler("martha", "marhta"); s < 0.96 || s > 0.962 {
		t.Errorf("JaroWinkler(martha, marhta) = %v, want ≈0.961", s)
	}
	for _, p := range [][2]string{{"", ""}, {"a", ""}, {"abc", "abd"}, {strings.Repeat("x", 100), strings.Repeat("y", 70)}} {
		for _, s := range []float64{EditSimilarity(p[0], p[1]), JaroWinkler(p[0], p[1])} {
			if s < 0 || s > 1 {
				t.Errorf("similarity of %q, %q = %v, outside [0,1]", p[0], p[1], s)
			}
		}
	}
}

var seedNames = []string{
	"AL-HASAN, Suhayl HASSAN", "Abd al-Rahman Khalaf", "ООО Ромашка", "Евгений Пригожин",
	"محمد رضا سلیمانی", "李景峰", "김정은", "BEIJING JINGHUA QIDI ELECTRONIC TECHNOLOGY CO., LTD.",
	"Iliana J. R. TERAN", "SNOW STORM 2", "Αλέξανδρος Παπαδόπουλος", "יוסף כהן", "U.S.A. O'Brien",
	"ǅemal Ǆ", "ﬁ ﬂ", "Ⅻ", "ß", "İstanbul", "\u0301a", "a\u200db", "𝐀𝐁𝐂", "x.y.", ".a", "..",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range seedNames {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q, not UTF-8", s, n)
		}
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("not idempotent: Normalize(%q) = %q, again %q", s, n, n2)
		}
		if strings.Contains(n, "  ") || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Fatalf("Normalize(%q) = %q: stray spaces", s, n)
		}
		fo := Fold(s)
		if fo2 := Fold(fo); fo2 != fo || !utf8.ValidString(fo) {
			t.Fatalf("Fold not idempotent: Fold(%q) = %q, again %q", s, fo, fo2)
		}
		if strings.Contains(fo, "  ") || strings.HasPrefix(fo, " ") || strings.HasSuffix(fo, " ") {
			t.Fatalf("Fold(%q) = %q: stray spaces", s, fo)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range seedNames {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range Parse(s) {
			if tk.Text == "" {
				t.Fatalf("Parse(%q): empty part", s)
			}
			_ = Phonetic(tk.Text)
			_ = RomanKey(tk.Text)
		}
	})
}

// FuzzASCIIFastPath checks that the ASCII fast path of normalisation
// agrees with the general one.
func FuzzASCIIFastPath(f *testing.F) {
	for _, s := range []string{"O'Brien & Sons", "U.S.A.", "a..b", ".x.", "A-B C`D", "  x  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		for _, m := range []mode{nameMode, textMode} {
			if a, u := foldASCII(s, m), foldUnicode(s, m); a != u {
				t.Fatalf("%q (text %v): ascii %q, unicode %q", s, m, a, u)
			}
		}
	})
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"St.Petersburg, Nevsky pr. 28", "st petersburg nevsky pr 28"},
		{"Queen's Road Central", "queens road central"},
		{"A&B Tower, Rm 5", "a b tower rm 5"},
		{"ул. Ленина, д. 5", "ul lenina d 5"},
		{"Côte d'Ivoire", "cote divoire"},
		{"Straße 5, Øresund", "strasse 5 oresund"},
		{"U.S.A.", "u s a"},
		{"٣٤ شارع", "34 shar"},
		{" - ", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, s := range seedNames {
		if once := Fold(s); Fold(once) != once {
			t.Errorf("Fold not idempotent on %q: %q then %q", s, once, Fold(once))
		}
	}
}

func TestLevenshteinLimit(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"rostekh", "rostec", 2, 2},
		{"kitten", "sitting", 2, 3},
		{"kitten", "sitting", 3, 3},
		{"polani", "ploani", 1, 1},
		{"abcdef", "uvwxyz", 1, 2},
		{"", "abc", 5, 3},
		{"same", "same", 0, 0},
	} {
		if got := LevenshteinLimit(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("LevenshteinLimit(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

// FuzzLevenshteinLimit checks that the bounded distance agrees with the
// full one up to the bound.
func FuzzLevenshteinLimit(f *testing.F) {
	f.Add("mohammad", "muhammad", 2)
	f.Add("a", "", 0)
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		if len(a) > 80 || len(b) > 80 {
			return
		}
		limit = max(0, limit%6)
		if got, full := LevenshteinLimit(a, b, limit), Levenshtein(a, b); got != min(full, limit+1) {
			t.Fatalf("LevenshteinLimit(%q, %q, %d) = %d, Levenshtein = %d", a, b, limit, got, full)
		}
	})
}

func TestIsFreeMail(t *testing.T) {
	for in, want := range map[string]bool{
		"gc.trading@gmail.com": true, "Sales@Mail.RU": true, "x@yahoo.co.uk": true, "yahoo.com.hk": true,
		"a@yandex.com.tr": true, "b@sub.mail.ru": true, "qq.com": true, "www.gmx.de": true, "c@protonmail.ch": true,
		"office@alpenlink-elektronik-ag.com": false, "x@web.com": false, "orange.com": false, "free.com": false,
		"mail.example.com": false, "gmail": false, "": false, "x@": false,
	} {
		if got := IsFreeMail(in); got != want {
			t.Errorf("IsFreeMail(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLooksLikeOrganization(t *testing.T) {
	for in, want := range map[string]bool{
		"Alpenlink Elektronik AG": true, "OOO Romashka": true, "Rhone Composants SAS": true, "Oulu Yacht Service Oy": true,
		"Bank Melli": true, "Tula Arms Zavod": true, "北京华为技术有限公司": true, "ООО Ромашка": true, "شركة النور": true,
		"Acme Trading": true, "Golden Crescent Gen. Trading": true,
		"John Smith": false, "Ali Hassan": false, "Mohammad AS Sadr": false, "Ab Rahman bin Ali": false, "Earl Henry Richmond": false, "Carl Becker": false, "EEZ SDN": true, "BUKEY, Murat": false,
		"Volvo Lastvagnar AB": true, "OOO \"Tekhnoprom\"": true,
	} {
		if got := LooksLikeOrganization(in); got != want {
			t.Errorf("LooksLikeOrganization(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestParseAbdNotAcrossComma: an "Abd" family name and a given name are
// two parts ("'ABDU, Abdallah"), found by the graph's synthetic books.
func TestParseAbdNotAcrossComma(t *testing.T) {
	if got := texts(Parse("'ABDU, Abdallah")); got != "abdu/word abdallah/word" {
		t.Errorf("Parse = %q, want two parts", got)
	}
	if got := texts(Parse("Abdul Rahman, Ali")); got != "abdulrahman/word ali/word" {
		t.Errorf("Parse = %q, want the compound joined", got)
	}
}
