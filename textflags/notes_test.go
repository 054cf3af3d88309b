package textflags

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
)

// note is one labelled note of eval/notes (the project's own sets).
type note struct {
	ID         string   `json:"id"`
	Lang       string   `json:"lang"`
	Text       string   `json:"text"`
	Indicators []string `json:"indicators"`
}

func readNotes(t testing.TB, path string) []note {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	defer f.Close()
	var out []note
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var n note
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, n)
	}
	return out
}

// score compares the extractor's indicators with the labels over (note,
// indicator) pairs, overall and per language.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func scoreNotes(t *testing.T, x *Extractor, notes []note, verbose bool) (score, map[string]score) {
	var all score
	byLang := map[string]score{}
	for _, n := range notes {
		got := map[string]Flag{}
		for _, f := range x.Extract(n.Text) {
			got[f.Indicator] = f
		}
		want := map[string]bool{}
		for _, w := range n.Indicators {
			want[w] = true
		}
		s := byLang[n.Lang]
		var msgs []string
		for w := range want {
			if _, ok := got[w]; ok {
				s.tp++
				all.tp++
			} else {
				s.fn++
				all.fn++
				msgs = append(msgs, "missed "+w)
			}
		}
		for g, f := range got {
			if !want[g] {
				s.fp++
				all.fp++
				msgs = append(msgs, "false "+g+" ("+f.Span+" "+f.Rule+")")
			}
		}
		byLang[n.Lang] = s
		if verbose && len(msgs) > 0 {
			sort.Strings(msgs)
			t.Logf("%s %s: %s\n\t%s", n.ID, n.Lang, strings.Join(msgs, "; "), n.Text)
		}
	}
	return all, byLang
}
