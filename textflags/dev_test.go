package textflags

import (
	"os"
	"sort"
	"testing"
)

// TestDevSet reports the figures on the development set (eval/notes/dev.jsonl);
// TEXTFLAGS_VERBOSE=1 lists every miss and false flag.
func TestDevSet(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	notes := append(readNotes(t, "../eval/notes/dev.jsonl"), append(readNotes(t, "../eval/notes/dev2.jsonl"), readNotes(t, "../eval/notes/dev3.jsonl")...)...)
	all, byLang := scoreNotes(t, x, notes, os.Getenv("TEXTFLAGS_VERBOSE") != "")
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		t.Logf("%s: precision %.3f recall %.3f", l, byLang[l].precision(), byLang[l].recall())
	}
	t.Logf("dev: %d notes, precision %.3f recall %.3f", len(notes), all.precision(), all.recall())
}
