package textflags

import (
	"os"
	"testing"
)

// TestTrainSets reports the figures on the notes the lexicons were tuned
// on in rounds 2, 3 and 4 (eval/notes/train.jsonl, train2.jsonl, train3.jsonl);
// TEXTFLAGS_VERBOSE=1 lists every miss and false flag. The test sets
// (test, test2, test3) are scored with the scorer only, never here.
func TestTrainSets(t *testing.T) {
	x := mustDefault(t)
	for _, f := range []string{"../eval/notes/train.jsonl", "../eval/notes/train2.jsonl", "../eval/notes/train3.jsonl"} {
		notes := readNotes(t, f)
		all, _ := scoreNotes(t, x, notes, os.Getenv("TEXTFLAGS_VERBOSE") != "")
		t.Logf("%s: %d notes, precision %.3f recall %.3f", f, len(notes), all.precision(), all.recall())
	}
}
