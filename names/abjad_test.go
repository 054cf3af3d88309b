package names

import (
	"os"
	"strings"
	"testing"
	"unicode"
)

func TestAbjadSim(t *testing.T) {
	for _, tc := range []struct {
		orig, latin string
		match       bool // AbjadSim ≥ 0.85
	}{
		{"خامنه\u200cای", "khamenei", true},
		{"ماهر", "maher", true},
		{"ماهر", "mahir", true},
		{"ظواهري", "zawahiri", true},
		{"فياض", "fayyadh", true},
		{"حسن", "hasan", true},
		{"حسن", "hassan", true},
		{"محمد", "mohammad", true},
		{"محمد", "muhammad", true},
		{"صفوی", "safavi", true},
		{"جعفری", "jafari", true},
		{"ملی", "melli", true},
		{"قاسم", "ghasem", true},
		{"عبدالملك", "abdulmalik", true},
		{"فاطمة", "fatima", true},
		{"فاطمة", "fatimah", true},
		{"یوسف", "yousef", true},
		// Different names, however close their letters.
		{"حسن", "husain", false},
		{"مهر", "omar", false},
		{"عماد", "amidi", false},
		{"حسن", "hosni", false},
		{"زريق", "sergey", false},
		{"محمد", "ahmad", false},
		{"کریم", "karimi", false},
	} {
		s := AbjadSim(tc.orig, tc.latin)
		if (s >= 0.85) != tc.match {
			t.Errorf("AbjadSim(%s, %s) = %.3f, want match %v", tc.orig, tc.latin, s, tc.match)
		}
	}
	if s := AbjadSim("abc", "abc"); s != 0 {
		t.Errorf("Latin orig scored %.3f", s)
	}
}

func TestSkeletonKey(t *testing.T) {
	for _, tc := range [][2]string{
		{"khamenei", "xmn"}, {"khamnhai", "xmn"}, {"zawahiri", "zr"}, {"zwahri", "zr"},
		{"ghasem", "ksm"}, {"qasem", "ksm"}, {"tejarat", "tjrt"}, {"tjart", "tjrt"}, {"a1", ""},
	} {
		if got := SkeletonKey(tc[0]); got != tc[1] {
			t.Errorf("SkeletonKey(%q) = %q, want %q", tc[0], got, tc[1])
		}
	}
}

// TestScriptWords: words of names in other scripts, titles, organisation
// terms, Korean words and characters outside the name table.
func TestScriptWords(t *testing.T) {
	texts := func(s string) (out []string) {
		for _, tk := range Parse(s) {
			if tk.Kind != Title {
				out = append(out, tk.Text+"|"+tk.Key)
			}
		}
		return out
	}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"حزب الله", []string{"hizb|hizb", "allah|allah"}},
		{"سید علی خامنه\u200cای", []string{"ali|ali", "khamnhai|khamnhai"}},
		{"王君正", []string{"wang|wang", "jun|jun", "zheng|zheng"}},
		{"단천상업은행", []string{"dan|dan", "cheon|cheon", "commercial|trading", "bank|bank"}},
		{"Sanaye Havapeymaie Iran", []string{"sanaye|industries", "havapeymaie|aircraft", "iran|iran"}},
	} {
		got := texts(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("Parse(%q) = %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Parse(%q) = %v, want %v", tc.in, got, tc.want)
				break
			}
		}
	}
	// A translated organisation word keeps its transliteration and gains
	// the English word as an alternative.
	toks := Parse("بانک تجارت")
	if len(toks) != 2 || toks[1].Orig != "تجارت" {
		t.Fatalf("Parse(بانک تجارت) = %+v", toks)
	}
	if toks := Parse("شرکت ملی نفت"); len(toks) != 3 || len(toks[2].Alts) == 0 || toks[2].Alts[len(toks[2].Alts)-1] != "oil" {
		t.Errorf("Parse(شرکت ملی نفت) = %+v, want نفت with the alternative oil", toks)
	}
}

// abjadWords returns the Arabic-script and Latin words of data/words.txt.
func abjadWords(t *testing.T) (orig, latin []string) {
	t.Helper()
	b, err := os.ReadFile("data/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(string(b), func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '/' }) {
		switch {
		case seen[w]:
		case IsAbjadWord(w):
			orig = append(orig, w)
		case w == strings.ToLower(w) && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" && len(w) > 1:
			latin = append(latin, w)
		}
		seen[w] = true
	}
	return orig, latin
}

// TestAbjadSimAtLeast: AbjadSimAtLeast is AbjadSim where that reaches the
// floor and 0 elsewhere, for every pair of the Arabic-script and Latin
// words of data/words.txt and some compounds, at several floors.
func TestAbjadSimAtLeast(t *testing.T) {
	orig, latin := abjadWords(t)
	if len(orig) < 50 || len(latin) < 50 {
		t.Fatalf("%d Arabic-script and %d Latin words in data/words.txt", len(orig), len(latin))
	}
	for i := 0; i+1 < len(orig); i += 7 {
		orig = append(orig, orig[i]+orig[i+1])
	}
	for i := 0; i+1 < len(latin); i += 7 {
		latin = append(latin, latin[i]+latin[i+1])
	}
	matched, pruned := 0, 0
	for _, o := range orig {
		for _, l := range latin {
			s := AbjadSim(o, l)
			for _, floor := range []float64{0, 0.5, 0.75, 0.85, 0.95} {
				want := s
				if s < floor {
					want = 0
				}
				if got := AbjadSimAtLeast(o, l, floor); got != want {
					t.Fatalf("AbjadSimAtLeast(%s, %s, %v) = %v, AbjadSim %v", o, l, floor, got, s)
				}
			}
			if s >= 0.85 {
				matched++
			} else if abjadSim(o, l, 0.85) == 0 && s > 0 {
				pruned++
			}
		}
	}
	if matched == 0 || pruned == 0 {
		t.Fatalf("%d pairs matched, %d pruned: the words do not test both ways", matched, pruned)
	}
	t.Logf("%d × %d pairs, %d matched, %d pruned at 0.85", len(orig), len(latin), matched, pruned)
}
