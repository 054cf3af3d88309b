package match

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/ofac"
)

// sharedDir returns ../shared next to the module root, or skips.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	d := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "data", "lists")); err != nil {
		tb.Skipf("shared data not found at %s (the real lists live next to the repository): %v", d, err)
	}
	return d
}

var (
	sdnOnce sync.Once
	sdnEnts []*tripline.Entity
	sdnErr  error
)

// loadSDN reads the real OFAC SDN CSV set with the ofac reader.
func loadSDN(tb testing.TB) []*tripline.Entity {
	tb.Helper()
	dir := filepath.Join(sharedDir(tb), "data", "lists", "ofac_sdn")
	sdnOnce.Do(func() {
		var files []string
		for _, f := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
			files = append(files, filepath.Join(dir, f))
		}
		ds, err := ofac.ReadCSV(context.Background(), files, fileutil.Options{})
		if err != nil {
			sdnErr = err
			return
		}
		sdnEnts = ds.Entities
	})
	if sdnErr != nil {
		tb.Fatalf("reading SDN: %v", sdnErr)
	}
	return sdnEnts
}

var (
	sdnIndexOnce sync.Once
	sdnIndex     *Index
)

func sdnScreener(tb testing.TB) *Screener {
	ents := loadSDN(tb)
	sdnIndexOnce.Do(func() { sdnIndex = NewIndex(DefaultConfig(), ents) })
	return NewScreener(sdnIndex)
}

type devCase struct {
	q        tripline.Query
	expected string
	kind     string
}

// readCSVFile returns the rows of a CSV file with a header, as maps.
func readCSVFile(tb testing.TB, path string) []map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out
}

func loadDev(tb testing.TB) []devCase {
	dir := filepath.Join(sharedDir(tb), "eval", "screening-dev")
	truth := map[string]map[string]string{}
	for _, r := range readCSVFile(tb, filepath.Join(dir, "truth.csv")) {
		truth[r["id"]] = r
	}
	var out []devCase
	for _, r := range readCSVFile(tb, filepath.Join(dir, "queries.csv")) {
		t := truth[r["id"]]
		out = append(out, devCase{
			q:        tripline.Query{ID: r["id"], Name: r["name"], Type: r["type"], Country: r["country"]},
			expected: t["expected"], kind: t["kind"],
		})
	}
	return out
}

// TestDevSet measures quality on eval/screening-dev against the SDN list
// alone, as score_screening.py does, and holds the targets of issue 14:
// recall ≥ 0.99 at a false-alert rate ≤ 0.005, no variant kind below 0.95.
func TestDevSet(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	d := scoreDev(t, sdnScreener(t), loadDev(t))
	if d.recall < 0.99 {
		t.Errorf("recall %.4f < 0.99", d.recall)
	}
	if d.far > 0.005 {
		t.Errorf("false-alert rate %.4f > 0.005", d.far)
	}
	for k, r := range d.kinds {
		if r < 0.95 {
			t.Errorf("kind %s recall %.3f < 0.95", k, r)
		}
	}
}

// TestDevSetAllLists screens eval/screening-dev against every list in
// ../shared/data/lists and holds issue 14's targets there: top-1 ≥ 0.95
// when the matches are ranked within the expected source (the same party
// listed by OFAC, the CSL, the EU and the UK is no wrong answer; the truth
// names only its SDN record), false alerts ≤ 0.01.
func TestDevSetAllLists(t *testing.T) {
	d := scoreDev(t, allListsScreener(t), loadDev(t))
	if d.top1Source < 0.95 {
		t.Errorf("top-1 within the expected source %.4f < 0.95", d.top1Source)
	}
	if d.far > 0.01 {
		t.Errorf("false-alert rate %.4f > 0.01", d.far)
	}
}

// devScores are score_screening.py's figures and top-1 within the
// expected source (of the matches from the expected entity's source, the
// first is the expected entity).
type devScores struct {
	recall, top1, top1Source, far float64
	kinds                         map[string]float64 // recall of each positive kind
}

// scoreDev screens cases with s, keeps the matches at or above the
// matcher's threshold and scores them; with -v it logs a threshold sweep,
// the misses and the false alerts.
func scoreDev(t *testing.T, s *Screener, cases []devCase) devScores {
	t.Helper()
	qs := make([]tripline.Query, len(cases))
	for i, c := range cases {
		qs[i] = c.q
	}
	res, err := s.Screen(context.Background(), qs, tripline.ScreenOptions{Threshold: 0.7})
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		for th := 0.74; th < 0.9; th += 0.01 {
			ph, pn, nh, nn := 0, 0, 0, 0
			for i, c := range cases {
				got := false
				for _, m := range res[i].Matches {
					if m.Score >= th && (c.expected == "" || m.ID == c.expected) {
						got = true
					}
				}
				if c.expected == "" {
					nn++
					if got {
						nh++
					}
				} else {
					pn++
					if got {
						ph++
					}
				}
			}
			t.Logf("threshold %.2f: recall %.4f false-alert rate %.4f", th, float64(ph)/float64(pn), float64(nh)/float64(nn))
		}
	}
	th := s.Index().Config().Threshold
	for i := range res {
		kept := res[i].Matches[:0]
		for _, m := range res[i].Matches {
			if m.Score >= th {
				kept = append(kept, m)
			}
		}
		res[i].Matches = kept
	}
	type agg struct{ n, hit, top1, top1Source int }
	by := map[string]*agg{}
	var pos, neg agg
	for i, c := range cases {
		a := by[c.kind]
		if a == nil {
			a = &agg{}
			by[c.kind] = a
		}
		a.n++
		ms := res[i].Matches
		if c.expected == "" {
			neg.n++
			if len(ms) > 0 {
				a.hit++
				neg.hit++
				if testing.Verbose() {
					t.Logf("false alert %s %q → %s %q %.3f", c.q.ID, c.q.Name, ms[0].ID, ms[0].MatchedName, ms[0].Score)
				}
			}
			continue
		}
		pos.n++
		found, first := false, ""
		source, _, _ := strings.Cut(c.expected, ":")
		for _, m := range ms {
			if m.ID == c.expected {
				found = true
			}
			if first == "" && m.Source == source {
				first = m.ID
			}
		}
		if found {
			a.hit++
			pos.hit++
		} else if testing.Verbose() {
			t.Logf("miss %s %s %q (want %s)", c.kind, c.q.ID, c.q.Name, c.expected)
		}
		if len(ms) > 0 && ms[0].ID == c.expected {
			a.top1++
			pos.top1++
		}
		if first == c.expected {
			pos.top1Source++
		}
	}
	d := devScores{
		recall:     float64(pos.hit) / float64(pos.n),
		top1:       float64(pos.top1) / float64(pos.n),
		top1Source: float64(pos.top1Source) / float64(pos.n),
		far:        float64(neg.hit) / float64(neg.n),
		kinds:      map[string]float64{},
	}
	for _, k := range sortedKeys(by) {
		a := by[k]
		t.Logf("%-18s n=%4d rate=%.3f", k, a.n, float64(a.hit)/float64(a.n))
		if k != "recombined_person" && k != "lawful_company" {
			d.kinds[k] = float64(a.hit) / float64(a.n)
		}
	}
	t.Logf("recall=%.4f top1=%.4f top1_within_source=%.4f false_alert_rate=%.4f", d.recall, d.top1, d.top1Source, d.far)
	return d
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func envSet(k string) bool { return os.Getenv(k) != "" && os.Getenv(k) != "0" }
