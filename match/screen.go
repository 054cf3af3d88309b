package match

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// Screener screens queries against an Index. It implements
// tripline.Screener and is safe for concurrent use.
type Screener struct {
	ix *Index
	// Workers is the number of queries screened in parallel; 0 means
	// GOMAXPROCS.
	Workers int
	pool    sync.Pool
}

var _ tripline.Screener = (*Screener)(nil)

// NewScreener returns a Screener over ix.
func NewScreener(ix *Index) *Screener {
	s := &Screener{ix: ix}
	s.pool.New = func() any { return newScratch(ix) }
	return s
}

// Index returns the screener's index.
func (s *Screener) Index() *Index { return s.ix }

// Screen screens each query and returns one result per query, in order.
// It returns a KindInvalid (or KindTooLarge) error for options or a query
// that tripline.ScreenOptions.Validate or tripline.Query.Validate refuse.
func (s *Screener) Screen(ctx context.Context, queries []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	if err := opt.Validate(); err != nil {
		return nil, &tripline.Error{Op: "match.Screen", Kind: tripline.ErrorKind(err), Msg: tripline.ErrorMessage(err)}
	}
	for i := range queries {
		if err := validQuery(&queries[i]); err != nil {
			return nil, err
		}
	}
	out := make([]tripline.Result, len(queries))
	workers := s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > len(queries) {
		workers = len(queries)
	}
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := s.pool.Get().(*scratch)
			defer s.pool.Put(sc)
			for i := range next {
				// After cancellation the queued queries are drained
				// unscreened: the caller gets an error, not results.
				if ctx.Err() == nil {
					out[i] = s.screenOne(ctx, &queries[i], opt, sc)
				}
			}
		}()
	}
feed:
	for i := range queries {
		select {
		case <-ctx.Done():
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, cancelled(err)
	}
	return out, nil
}

// cancelled is the error of a screening stopped by its context (a request
// deadline, SIGINT or SIGTERM).
func cancelled(err error) error {
	return &tripline.Error{Op: "match.Screen", Kind: tripline.KindUnavailable, Msg: "screening cancelled", Err: err}
}

// ScreenOne screens one query.
func (s *Screener) ScreenOne(q tripline.Query, opt tripline.ScreenOptions) (tripline.Result, error) {
	if err := validQuery(&q); err != nil {
		return tripline.Result{}, err
	}
	sc := s.pool.Get().(*scratch)
	defer s.pool.Put(sc)
	return s.screenOne(context.Background(), &q, opt, sc), nil
}

func validQuery(q *tripline.Query) error {
	if err := q.Validate(); err != nil {
		return &tripline.Error{Op: "match.Screen", Kind: tripline.ErrorKind(err), Msg: fmt.Sprintf("query %q: %s", q.ID, tripline.ErrorMessage(err))}
	}
	return nil
}

// schemaFilter returns the test a listed schema must pass for a query
// type (tripline.ParseQueryType, QueryType.Accepts).
func schemaFilter(typ string) (func(tripline.Schema) bool, bool) {
	t, err := tripline.ParseQueryType(typ)
	if err != nil {
		return nil, false
	}
	return t.Accepts, true
}

// queryParts turns a name into scoring parts with the index's weights.
// The name is bounded first (see boundTokens), so that what a query costs
// to score does not grow with its length.
func (ix *Index) queryParts(name string) []ptok {
	toks := boundTokens(names.Parse(boundName(name, tripline.MaxNameBytes)), tripline.MaxNameTokens)
	out := make([]ptok, len(toks))
	for i, t := range toks {
		vt := newVtok(t)
		v := &vt
		v.weight = ix.partWeight(t.Kind, t.Key)
		out[i] = ptok{v: v, id: -1, w: v.weight, family: t.Family, article: t.Article}
	}
	return out
}

// boundName cuts s to at most max bytes, at a rune boundary.
func boundName(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// boundTokens keeps the first max parts of a parsed name.
func boundTokens(toks []names.Token, max int) []names.Token {
	if len(toks) > max {
		return toks[:max]
	}
	return toks
}

// listedParts returns the scoring parts of indexed name n: a slice of
// the index's own (ix.fast.parts), which the caller must not change.
func (ix *Index) listedParts(n int32) []ptok {
	f := &ix.fast
	return f.parts[f.partAt[n]:f.partAt[n+1]:f.partAt[n+1]]
}

type scored struct {
	ent   int32
	name  int32
	score float64 // name score after the weak-alias factor
}

// screenOne screens one query. Candidates are retrieved with the query's
// type and source filters as a hint, and every candidate is checked
// against them again before it is scored: the filters hold whatever
// retrieval returns. A cancelled ctx stops the scoring loop; the partial
// result is then discarded by the caller.
func (s *Screener) screenOne(ctx context.Context, q *tripline.Query, opt tripline.ScreenOptions, sc *scratch) tripline.Result {
	ix := s.ix
	cfg := &ix.cfg
	threshold := opt.Threshold
	if threshold == 0 {
		threshold = cfg.Threshold
	}
	limit := opt.Limit
	if limit == 0 {
		limit = cfg.Limit
	}
	res := tripline.Result{ID: q.ID, Matches: []tripline.Match{}, Threshold: threshold, Algorithm: cfg.Version, Snapshots: ix.Snapshots}
	accept := ix.acceptFunc(q.Type, opt.Sources)
	qp := ix.queryParts(q.Name)
	if len(q.Identifiers) > tripline.MaxIdentifiers {
		bounded := *q
		bounded.Identifiers = q.Identifiers[:tripline.MaxIdentifiers]
		q = &bounded
	}
	cands := ix.candidates(ctx, qp, q.Identifiers, accept, sc, pruneShare(threshold))
	sc.memo.reset(len(ix.vocab), len(qp))
	need := nameNeed(cfg, q, threshold)
	type hit struct {
		scored
		m tripline.Match
	}
	var hits []hit
	for i, e := range cands {
		if i%16 == 15 && ctx.Err() != nil {
			break
		}
		if !accept(e) {
			continue // the filters are applied after retrieval
		}
		best, ok := ix.bestName(qp, e, need, &sc.memo)
		if !ok {
			continue // no name of e can reach the threshold
		}
		final, ev := ix.evidence(q, ix.ents[e], best.score)
		if final < threshold {
			continue
		}
		hits = append(hits, hit{scored: best, m: tripline.Match{Score: final, Explanation: &tripline.Explanation{Evidence: ev}}})
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].m.Score != hits[b].m.Score {
			return hits[a].m.Score > hits[b].m.Score
		}
		return ix.ents[hits[a].ent].ID < ix.ents[hits[b].ent].ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	for _, h := range hits {
		res.Matches = append(res.Matches, ix.buildMatch(qp, h.ent, h.name, h.score, h.m.Score, h.m.Explanation.Evidence))
	}
	return res
}

// nameNeed is the least name score with which a match of q can still
// reach threshold: the threshold less the most that q's birth date and
// country can add. A query with identifiers needs none (an identical
// identifier lifts any name score), nor does a configuration under which
// evidence may do other than add its effects.
func nameNeed(c *Config, q *tripline.Query, threshold float64) float64 {
	if len(q.Identifiers) > 0 || !c.boundable() {
		return 0
	}
	bonus := 0.0
	if q.BirthDate != "" {
		bonus += max(c.BirthDateMatch, c.BirthYearMatch, c.BirthYearMismatch, 0)
	}
	if q.Country != "" {
		bonus += max(c.CountryMatch, c.CountryMismatch, 0)
	}
	return threshold - bonus - boundSlack
}

// bestName scores the names of entity e against the query parts qp and
// returns the best (the first of the highest score, after the weak-alias
// factor), as scoring every name would. Names that provably cannot
// matter are not worked out: those that cannot reach need, and those
// that cannot beat the best so far. ok is false when some name was given
// up and none reached need: the entity then scores below need whatever
// its name, and best is not its best.
func (ix *Index) bestName(qp []ptok, e int32, need float64, memo *simMemo) (best scored, ok bool) {
	cfg := &ix.cfg
	best = scored{ent: e, name: -1}
	weakOK := cfg.WeakAlias >= 0 && cfg.WeakAlias <= 1
	gaveUp := false
	for _, n := range ix.entNames[e] {
		weak := ix.fast.weak[n]
		target := need
		if best.name >= 0 && best.score > target {
			target = best.score
		}
		if weak {
			if !weakOK {
				target = 0
			} else if cfg.WeakAlias > 0 {
				target /= cfg.WeakAlias
			}
		}
		ns, scored1 := cfg.nameScoreAtLeast(qp, ix.listedParts(n), memo, target-boundSlack)
		if !scored1 {
			gaveUp = true
			continue
		}
		if weak {
			ns *= cfg.WeakAlias
		}
		if ns > best.score || best.name < 0 {
			best = scored{ent: e, name: n, score: ns}
		}
	}
	if gaveUp && (best.name < 0 || best.score < need) {
		return best, false
	}
	return best, true
}

// buildMatch fills a Match with its explanation.
func (ix *Index) buildMatch(qp []ptok, ent, name int32, nameScore, final float64, ev []tripline.Evidence) tripline.Match {
	e := ix.ents[ent]
	m := tripline.Match{
		ID: e.ID, Source: e.Source, SourceID: e.SourceID, Schema: e.Schema,
		Name: e.Caption(), Score: round3(final), Programs: e.Programs,
	}
	ex := &tripline.Explanation{NameScore: round3(nameScore), Evidence: ev}
	if name >= 0 {
		nr := &ix.names[name]
		m.MatchedName = nr.full
		_, parts := ix.cfg.nameScore(qp, ix.listedParts(name), true)
		ex.Parts = parts
		if nr.kind == tripline.NameWeak {
			ex.Evidence = append(ex.Evidence, tripline.Evidence{Kind: "weak_alias", Detail: fmt.Sprintf("matched a weak alias (×%.2f)", ix.cfg.WeakAlias), Effect: round3(nameScore / ix.cfg.WeakAlias * (ix.cfg.WeakAlias - 1))})
		}
	}
	ex.Summary = summary(m, ex)
	m.Explanation = ex
	return m
}

func summary(m tripline.Match, ex *tripline.Explanation) string {
	var hows []string
	seen := map[string]bool{}
	unmatched := 0
	for _, p := range ex.Parts {
		if p.How == howUnmatched {
			unmatched++
			continue
		}
		if !seen[p.How] {
			seen[p.How] = true
			hows = append(hows, p.How)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%.2f: name %.2f", m.Score, ex.NameScore)
	if m.MatchedName != "" {
		fmt.Fprintf(&b, " against %q", m.MatchedName)
	}
	if len(hows) > 0 {
		fmt.Fprintf(&b, " (%s", strings.Join(hows, ", "))
		if unmatched > 0 {
			fmt.Fprintf(&b, "; %d part(s) unmatched", unmatched)
		}
		b.WriteString(")")
	}
	for _, e := range ex.Evidence {
		fmt.Fprintf(&b, "; %s %+.2f", e.Kind, e.Effect)
	}
	fmt.Fprintf(&b, " — %s %s", m.ID, m.Name)
	return b.String()
}

// acceptFunc returns the entity filter of a query type and source list.
func (ix *Index) acceptFunc(typ string, sources []string) func(int32) bool {
	if f, ok := ix.fastAccept(typ, sources); ok {
		return f
	}
	return ix.slowAccept(typ, sources)
}

// slowAccept is acceptFunc on the entity records (the reference for
// fastAccept).
func (ix *Index) slowAccept(typ string, sources []string) func(int32) bool {
	schemaOK, _ := schemaFilter(typ)
	var srcs map[string]bool
	if len(sources) > 0 {
		srcs = map[string]bool{}
		for _, s := range sources {
			srcs[strings.TrimSpace(s)] = true
		}
	}
	return func(e int32) bool {
		ent := ix.ents[e]
		if srcs != nil && !srcs[ent.Source] {
			return false
		}
		return schemaOK(ent.Schema)
	}
}

// evidence applies the secondary facts of q to a name score.
func (ix *Index) evidence(q *tripline.Query, e *tripline.Entity, score float64) (float64, []tripline.Evidence) {
	c := &ix.cfg
	var ev []tripline.Evidence
	add := func(kind, detail string, effect float64) {
		score += effect
		ev = append(ev, tripline.Evidence{Kind: kind, Detail: detail, Effect: round3(effect)})
	}
	if bd := strings.TrimSpace(q.BirthDate); len(bd) >= 4 && len(e.BirthDates) > 0 {
		qy := yearOf(bd)
		exact, year, far := false, false, qy > 0
		for _, d := range e.BirthDates {
			if len(bd) >= 10 && len(d) >= 10 && d[:10] == bd[:10] {
				exact = true
			}
			ly := yearOf(d)
			if ly > 0 && qy > 0 {
				if ly == qy {
					year = true
				}
				if abs(ly-qy) <= 1 {
					far = false
				}
			} else {
				far = false
			}
		}
		switch {
		case exact:
			add("birth_date", "birth date "+bd[:10]+" agrees", c.BirthDateMatch)
		case year:
			add("birth_date", fmt.Sprintf("birth year %d agrees", qy), c.BirthYearMatch)
		case far:
			add("birth_date", fmt.Sprintf("birth year %d differs from %s", qy, strings.Join(e.BirthDates, ", ")), c.BirthYearMismatch)
		}
	}
	if qc := strings.ToUpper(strings.TrimSpace(q.Country)); qc != "" {
		var listed []string
		listed = append(listed, e.Countries...)
		listed = append(listed, e.Nationalities...)
		for _, a := range e.Addresses {
			if a.Country != "" {
				listed = append(listed, a.Country)
			}
		}
		if len(listed) > 0 {
			found := false
			for _, l := range listed {
				if strings.EqualFold(l, qc) {
					found = true
					break
				}
			}
			if found {
				add("country", "country "+qc+" agrees", c.CountryMatch)
			} else {
				add("country", "country "+qc+" not among "+strings.Join(dedupe(listed), ", "), c.CountryMismatch)
			}
		}
	}
	for _, qi := range q.Identifiers {
		k := identKey(qi.Value)
		if len(k) < 4 {
			continue
		}
		same, sameType := false, false
		for _, li := range e.Identifiers {
			compatible := qi.Type == "" || li.Type == "" || qi.Type == li.Type || qi.Type == "other" || li.Type == "other"
			if !compatible {
				continue
			}
			if qi.Type != "" && qi.Type == li.Type {
				sameType = true
			}
			if identKey(li.Value) == k {
				same = true
				break
			}
		}
		if same {
			effect := 0.0
			if score < c.IdentifierMatch {
				effect = c.IdentifierMatch - score
			}
			add("identifier", fmt.Sprintf("identical %s %s", nonEmpty(qi.Type, "identifier"), qi.Value), effect)
		} else if sameType {
			add("identifier", fmt.Sprintf("%s %s differs from the listed one", qi.Type, qi.Value), c.IdentifierMismatch)
		}
	}
	return clamp01(score), ev
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func yearOf(d string) int {
	if len(d) < 4 {
		return 0
	}
	y := 0
	for i := 0; i < 4; i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0
		}
		y = y*10 + int(d[i]-'0')
	}
	return y
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Compare scores two names with the screening scorer and the index's
// rarity weights: the better of the two directions, so that
// Compare(a,b) == Compare(b,a). No evidence or type applies.
func (ix *Index) Compare(a, b string) (float64, *tripline.Explanation) {
	pa, pb := ix.queryParts(a), ix.queryParts(b)
	s1, p1 := ix.cfg.nameScore(pa, pb, true)
	s2, p2 := ix.cfg.nameScore(pb, pa, true)
	if s2 > s1 {
		s1 = s2
		// Report parts in a→b orientation.
		for i := range p2 {
			p2[i].Query, p2[i].Listed = p2[i].Listed, p2[i].Query
		}
		p1 = p2
	}
	s1 = round3(s1)
	return s1, &tripline.Explanation{NameScore: s1, Parts: p1, Summary: fmt.Sprintf("%.2f: %q vs %q", s1, a, b)}
}

// Explain screens name against the one entity id (ignoring the threshold)
// and returns the match with its explanation, or nil when the entity is
// not indexed or no name part matches.
func (s *Screener) Explain(q tripline.Query, id string) *tripline.Match {
	ix := s.ix
	ei, ok := ix.byID[id]
	if !ok {
		return nil
	}
	qp := ix.queryParts(q.Name)
	best, bestName := -1.0, int32(-1)
	for _, n := range ix.entNames[ei] {
		ns, _ := ix.cfg.nameScore(qp, ix.listedParts(n), false)
		if ix.names[n].kind == tripline.NameWeak {
			ns *= ix.cfg.WeakAlias
		}
		if ns > best {
			best, bestName = ns, n
		}
	}
	if best < 0 {
		best = 0
	}
	final, ev := ix.evidence(&q, ix.ents[ei], best)
	m := ix.buildMatch(qp, ei, bestName, best, final, ev)
	return &m
}
