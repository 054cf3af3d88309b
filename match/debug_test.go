package match

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestDebugQueries prints explanations for TRIPLINE_DEBUG_QUERIES
// ("name|type;name|type"); a development aid, skipped otherwise.
func TestDebugQueries(t *testing.T) {
	qs := os.Getenv("TRIPLINE_DEBUG_QUERIES")
	if qs == "" {
		t.Skip("set TRIPLINE_DEBUG_QUERIES")
	}
	s := sdnScreener(t)
	for _, q := range strings.Split(qs, ";") {
		name, typ, _ := strings.Cut(q, "|")
		r, err := s.ScreenOne(tripline.Query{Name: name, Type: typ}, tripline.ScreenOptions{Threshold: 0.5, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.MarshalIndent(r, "", " ")
		t.Logf("%s", b)
	}
}
