package ingest

import (
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestOfficialSources: every declared source has a valid, unique id, a
// format that is registered, an integrity note and https download
// addresses; the ten lists "lists update" always downloaded are there.
func TestOfficialSources(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range OfficialSources() {
		if err := tripline.ValidateSourceID(s.ID); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
		if seen[s.ID] {
			t.Errorf("%s declared twice", s.ID)
		}
		seen[s.ID] = true
		if FormatByName(s.Format) == nil {
			t.Errorf("%s: format %q is not registered", s.ID, s.Format)
		}
		if s.Title == "" || s.Publisher == "" || s.Licence == "" || s.Integrity == "" {
			t.Errorf("%s: incomplete declaration %+v", s.ID, s)
		}
		for _, f := range s.Files {
			if !strings.HasPrefix(f.URL, "https://") || f.Name == "" {
				t.Errorf("%s: file %+v", s.ID, f)
			}
		}
	}
	for _, id := range []string{"ofac-sdn", "ofac-cons", "ofac-cons-enhanced", "us-csl", "us-bis-dpl", "eu-fsf", "un-sc", "uk-ofsi", "uk-sl", "au-dfat"} {
		s, ok := OfficialSource(id)
		if !ok || len(s.Files) == 0 {
			t.Errorf("%s: not declared with files (%v)", id, ok)
		}
	}
	if _, ok := OfficialSource("os"); ok {
		t.Error("OpenSanctions (an aggregator) is declared official")
	}
}
