package names

import "testing"

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
