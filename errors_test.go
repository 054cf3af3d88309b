package tripline_test

import (
	"errors"
	"testing"

	"github.com/tripline/tripline"
)

// TestParseErrorText: a parse error is an Invalid *Error whose text is
// what the former ParseError type printed, found by ParseErrorOf through
// wrapping errors.
func TestParseErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  *tripline.Error
		want string
	}{
		{tripline.ParseErrorf("sdn.csv", 7, "unterminated quote"), "sdn.csv:7: unterminated quote"},
		{tripline.ParseErrorf("sdn.csv", 0, "empty"), "sdn.csv: empty"},
		{tripline.ParseErrorAt("x.xml", 120, "bad tag"), "x.xml (byte 120): bad tag"},
		{&tripline.Error{Op: "import", Kind: tripline.KindInvalid, Msg: "no"}, "import: no"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	pe := tripline.ParseErrorf("q.csv", 3, "bad row")
	wrapped := &tripline.Error{Op: "screen", Err: pe}
	if tripline.ErrorKind(wrapped) != tripline.KindInvalid {
		t.Errorf("kind %v, want Invalid", tripline.ErrorKind(wrapped))
	}
	if got := tripline.ParseErrorOf(wrapped); got != pe || got.File != "q.csv" || got.Line != 3 {
		t.Errorf("ParseErrorOf = %v", got)
	}
	if got := tripline.ErrorMessage(wrapped); got != "q.csv:3: bad row" {
		t.Errorf("ErrorMessage = %q", got)
	}
	var e *tripline.Error
	if !errors.As(error(wrapped), &e) || tripline.ParseErrorOf(tripline.Errorf(tripline.KindInvalid, "x")) != nil {
		t.Error("an error without a position has no parse error")
	}
}
