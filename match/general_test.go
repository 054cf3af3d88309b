package match

import (
	"context"
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/tripline/tripline"
)

// TestGeneralisation screens, against the real SDN list, queries written
// for this test (not taken from the dev set): other scripts, merged and
// split parts, several variations at once, and names that must not alert.
func TestGeneralisation(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	s := sdnScreener(t)
	for _, tc := range []struct {
		name, query, typ, want string // want "" = no match
	}{
		{"persian script", "قاسم سلیمانی", "person", "ofac-sdn:10481"},
		{"arabic script", "حسن نصرالله", "person", "ofac-sdn:2686"},
		{"cyrillic natural order", "Евгений Викторович Пригожин", "person", "ofac-sdn:21171"},
		{"cyrillic without patronymic", "Евгений Пригожин", "", "ofac-sdn:21171"},
		{"hangul", "김정은", "person", "ofac-sdn:20157"},
		{"chinese", "李方伟", "person", "ofac-sdn:11447"},
		{"split given name", "Li Fang Wei", "person", "ofac-sdn:11447"},
		{"hyphenated korean", "Kim Jong-un", "person", "ofac-sdn:20157"},
		{"merged korean", "Kim Jongun", "person", "ofac-sdn:20157"},
		{"two romanisations at once", "Ghasem Soleymani", "person", "ofac-sdn:10481"},
		{"romanisation + typo + order", "Soleimanni Qassem", "person", "ofac-sdn:10481"},
		{"french transliteration", "Evgueni Prigojine", "person", "ofac-sdn:21171"},
		{"romanisation + drop middle + case", "yevgeny prigozhin", "", "ofac-sdn:21171"},
		{"class + ending", "Muhamad Hejazy", "person", "ofac-sdn:10483"},
		{"british spelling", "Shahed Aviation Industries Research Centre", "organization", "ofac-sdn:39637"},
		{"alias class + legal form", "Ghods Aviation Industries Co.", "organization", "ofac-sdn:16418"},
		{"legal form in other language", "Mahan Air LLC", "organization", "ofac-sdn:12927"},
		{"cyrillic company, legal form", "ООО Наночип МСК", "organization", "ofac-sdn:45936"},
		{"cyrillic joint-stock company", "Акционерное общество Энергия", "organization", "ofac-sdn:46273"},
		{"cyrillic, legal form spelled out", "ОАО Белорусская калийная компания", "organization", "ofac-sdn:33374"},
		// False-positive guards.
		{"ordinary person", "John Smith", "person", ""},
		{"common given names only", "Mohammad Reza", "person", ""},
		{"same family, other given name", "Farid Soleimani", "person", ""},
		{"lawful company", "Bosch Rexroth GmbH", "organization", ""},
		{"lawful company sharing a word", "Qods Bakery", "organization", ""},
		{"person is not a vessel", "Snow Storm", "person", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := screenOne(t, s, tripline.Query{Name: tc.query, Type: tc.typ}, tripline.ScreenOptions{})
			if tc.want == "" {
				if len(r.Matches) > 0 {
					m := r.Matches[0]
					t.Errorf("%q alerted on %s %q (%.3f): %s", tc.query, m.ID, m.MatchedName, m.Score, m.Explanation.Summary)
				}
				return
			}
			for _, m := range r.Matches {
				if m.ID == tc.want {
					return
				}
			}
			t.Errorf("%q: %s not among %s", tc.query, tc.want, ids(r))
		})
	}
}

// TestRetrievalRecall compares the index's bounded candidate retrieval
// with brute-force scoring of every entity: of the (query, entity) pairs
// that brute force scores at or above the recommended threshold, at least
// 99.9% must be among the retrieved candidates. It samples every 8th dev
// query; TRIPLINE_FULL_RECALL=1 runs them all.
func TestRetrievalRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	s := sdnScreener(t)
	ix := s.Index()
	cases := loadDev(t)
	step := 8
	if envSet("TRIPLINE_FULL_RECALL") {
		step = 1
	}
	var qs []tripline.Query
	for i := 0; i < len(cases); i += step {
		qs = append(qs, cases[i].q)
	}
	found, total := retrievalRecall(ix, qs, ix.cfg.Threshold)
	rate := float64(found) / float64(total)
	t.Logf("retrieval recall %d/%d = %.5f over %d queries (threshold %.2f)", found, total, rate, len(qs), ix.cfg.Threshold)
	if rate < 0.999 {
		t.Errorf("retrieval recall %.5f < 0.999", rate)
	}
}

// retrievalRecall counts brute-force matches at or above threshold and
// how many of them the index retrieves.
func retrievalRecall(ix *Index, qs []tripline.Query, threshold float64) (found, total int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := newScratch(ix)
			for i := range next {
				q := &qs[i]
				accept := ix.acceptFunc(q.Type, nil)
				qp := ix.queryParts(q.Name)
				cand := map[int32]bool{}
				for _, e := range ix.candidates(context.Background(), qp, q.Identifiers, accept, sc, pruneShare(threshold)) {
					cand[e] = true
				}
				f, n := 0, 0
				for e := range ix.ents {
					if !accept(int32(e)) {
						continue
					}
					best := 0.0
					for _, nm := range ix.entNames[e] {
						ns, _ := ix.cfg.nameScore(qp, ix.listedParts(nm), false)
						if ix.names[nm].kind == tripline.NameWeak {
							ns *= ix.cfg.WeakAlias
						}
						if ns > best {
							best = ns
						}
					}
					final, _ := ix.evidence(q, ix.ents[e], best)
					if final >= threshold {
						n++
						if cand[int32(e)] {
							f++
						} else if testing.Verbose() {
							fmt.Printf("not retrieved: %q → %s %q %.3f\n", q.Name, ix.ents[e].ID, ix.ents[e].Caption(), final)
						}
					}
				}
				mu.Lock()
				found += f
				total += n
				mu.Unlock()
			}
		}()
	}
	for i := range qs {
		next <- i
	}
	close(next)
	wg.Wait()
	return found, total
}

var _ = context.Background

// TestSeveralVariations measures recall on SDN person names written with
// two or three variations at once (natural order plus any of: middle
// names dropped, one keyboard slip, a romanisation swap, the article
// dropped, lower case), generated here with a fixed seed — a check that
// matching generalises beyond the dev set's one-variation queries.
func TestSeveralVariations(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	s := sdnScreener(t)
	ents := loadSDN(t)
	rng := rand.New(rand.NewSource(42))
	swaps := [][2]string{{"MOHAMMAD", "MUHAMMAD"}, {"MUHAMMAD", "MOHAMED"}, {"HUSSEIN", "HOSSEIN"}, {"HOSSEIN", "HUSAYN"},
		{"ALEKSANDR", "ALEXANDER"}, {"YEVGENIY", "EVGENY"}, {"SERGEY", "SERGEI"}, {"ALI", "ALY"}, {"REZA", "RIDA"},
		{"OV", "OFF"}, {"EV", "EFF"}, {"ULLAH", "OLLAH"}, {"ZADEH", "ZADE"}, {"QASEM", "GHASEM"}, {"JAFAR", "JAAFAR"}}
	n, found := 0, 0
	var missed []string
	for n < 400 {
		e := ents[rng.Intn(len(ents))]
		if e.Schema != tripline.SchemaPerson {
			continue
		}
		full := e.Caption()
		family, given, ok := strings.Cut(full, ", ")
		if !ok || len(strings.Fields(given)) == 0 || len(strings.Fields(family)) == 0 {
			continue
		}
		g := strings.Fields(given)
		f := strings.Fields(family)
		kinds := rng.Perm(5)[:2+rng.Intn(2)]
		applied := []string{}
		for _, k := range kinds {
			switch k {
			case 0: // drop middle names
				if len(g) > 1 {
					g = g[:1]
					applied = append(applied, "drop_middle")
				}
			case 1: // one slip in the longest part of the family name
				i := 0
				for j := range f {
					if len(f[j]) > len(f[i]) {
						i = j
					}
				}
				if len(f[i]) >= 5 {
					f[i] = mutate(rng, f[i])
					applied = append(applied, "typo")
				}
			case 2: // romanisation swap anywhere
				for _, sw := range swaps {
					done := false
					for _, parts := range [][]string{g, f} {
						for j, p := range parts {
							up := strings.ToUpper(p)
							if up == sw[0] || (len(sw[0]) <= 5 && len(up) > len(sw[0])+2 && strings.HasSuffix(up, sw[0])) {
								parts[j] = up[:len(up)-len(sw[0])] + sw[1]
								done = true
								break
							}
						}
						if done {
							break
						}
					}
					if done {
						applied = append(applied, "translit")
						break
					}
				}
			case 3: // drop the article
				for j, p := range f {
					up := strings.ToUpper(p)
					if strings.HasPrefix(up, "AL-") || strings.HasPrefix(up, "EL-") {
						f[j] = p[3:]
						applied = append(applied, "al_prefix")
					}
				}
			case 4:
				applied = append(applied, "lower")
			}
		}
		if len(applied) < 2 {
			continue
		}
		q := strings.Join(g, " ") + " " + strings.Join(f, " ")
		for _, a := range applied {
			if a == "lower" {
				q = strings.ToLower(q)
			}
		}
		n++
		r := screenOne(t, s, tripline.Query{Name: q, Type: "person"}, tripline.ScreenOptions{Limit: 50})
		hit := false
		for _, m := range r.Matches {
			hit = hit || m.ID == e.ID
		}
		if hit {
			found++
		} else {
			missed = append(missed, fmt.Sprintf("%q from %q (%s)", q, full, strings.Join(applied, "+")))
		}
	}
	rate := float64(found) / float64(n)
	t.Logf("several variations at once: recall %d/%d = %.3f", found, n, rate)
	if testing.Verbose() {
		for _, m := range missed {
			t.Log("missed", m)
		}
	}
	if rate < 0.85 {
		t.Errorf("recall %.3f on multi-variation queries < 0.85", rate)
	}
}
