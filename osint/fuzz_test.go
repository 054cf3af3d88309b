package osint

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary text to the extractor (no screening index):
// it must never panic, and every offset must fall inside the text.
func FuzzExtract(f *testing.F) {
	for _, n := range []string{"belarus-kochevnik.txt", "ukraine-shahed-components.txt", "ofac-uav-network.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Iran sent 5 Shahed-136 drones to Russia on 31 February 2023. Zolfaghar-class — Zolfaghar; U.S. 2000 drones in 1999–2003."))
	x := extractor(f, nil, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Parse(data, false)
		a, err := x.Extract(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(a.Text)
		check := func(what string, s, e int) {
			if s < 0 || e < s || e > n {
				t.Fatalf("%s offsets %d-%d outside a text of %d characters", what, s, e, n)
			}
		}
		for _, m := range a.Systems {
			check("system", m.Start, m.End)
		}
		for _, m := range a.Countries {
			check("country", m.Start, m.End)
		}
		for _, m := range a.Dates {
			check("date", m.Start, m.End)
		}
		for _, c := range a.Transfers {
			check("claim", c.Start, c.End)
		}
	})
}
