// Package check decides the risk of an order or shipment: it screens every
// party through a tripline.Screener, classifies the goods with the goods
// catalogue, derives the route and payment facts, runs the red-flag rules,
// and turns the flags into a risk level (clear, low, medium, high) and a
// score, listing every reason with its rule, source and evidence and the
// versions of the lists, catalogue and rules that produced it.
//
// The package depends on the matching engine only through the
// tripline.Screener interface.
package check

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

// Scoring turns flags into a risk level. Each category counts once, at the
// weight of its most severe flag; the score is their sum.
//
// The defaults: a note (low) weighs 1, a red flag that needs due
// diligence (medium) 2, and a flag that alone warrants a hold (high, such
// as a listed party or controlled goods for an embargoed country) 6. A
// score of 6 or more is high — so controlled goods with several diversion
// red flags are held — 3 or more medium, 1 or more low.
type Scoring struct {
	// Version is recorded with every decision.
	Version                 string
	Low, Medium, High       float64
	LowAt, MediumAt, HighAt float64
}

// DefaultScoring is the documented default; change Version when changing
// a number.
var DefaultScoring = Scoring{Version: "scoring-v1", Low: 1, Medium: 2, High: 6, LowAt: 1, MediumAt: 3, HighAt: 6}

// Checker checks transactions. Its fields are set once, before use; it is
// then safe for concurrent use.
type Checker struct {
	// Screener screens the parties; nil disables party screening (the
	// decision then says so in its versions).
	Screener tripline.Screener
	// ScreenOptions are passed to every screening call (threshold,
	// sources).
	ScreenOptions tripline.ScreenOptions
	Catalogue     *goods.Catalogue
	Rules         *rules.Set
	Scoring       Scoring
	// MaxParties and MaxItems bound one transaction (0: 50 and 1,000).
	MaxParties, MaxItems int
	// RuleError, when set, is told of every rule evaluation that failed
	// (a user rule reading a field some transaction lacks); such a rule
	// raises no flag for that transaction.
	RuleError func(txID string, err error)
	// CacheSize, when above 0, keeps up to that many screening results by
	// party name and country for the Checker's life, so that repeat
	// customers are screened once. Set it only while the screener's lists
	// cannot change (one CLI run); a server that swaps lists leaves it 0.
	CacheSize int

	mu    sync.Mutex
	cache map[string]tripline.Result
}

// New returns a Checker with the default scoring.
func New(s tripline.Screener, cat *goods.Catalogue, rs *rules.Set) *Checker {
	return &Checker{Screener: s, Catalogue: cat, Rules: rs, Scoring: DefaultScoring}
}

// screenedRole reports whether parties in a role are screened: everyone
// but the seller, who is the user of the tool.
func screenedRole(role string) bool { return role != tripline.RoleSeller }

// Check decides one transaction.
//
// Errors are *tripline.Error values: Invalid for a transaction that cannot
// be checked (too many parties or items), the screener's errors otherwise.
func (c *Checker) Check(ctx context.Context, tx *tripline.Transaction) (*tripline.Decision, error) {
	ds, err := c.CheckAll(ctx, []*tripline.Transaction{tx})
	if err != nil {
		return nil, err
	}
	return ds[0], nil
}

// CheckAll decides a batch of transactions, screening all their parties in
// one call; the decisions are in input order.
func (c *Checker) CheckAll(ctx context.Context, txs []*tripline.Transaction) ([]*tripline.Decision, error) {
	if c.Catalogue == nil || c.Rules == nil {
		return nil, &tripline.Error{Op: "check.Check", Kind: tripline.KindInternal, Msg: "checker has no catalogue or rules"}
	}
	maxParties, maxItems := c.MaxParties, c.MaxItems
	if maxParties == 0 {
		maxParties = 50
	}
	if maxItems == 0 {
		maxItems = 1000
	}
	type ref struct{ tx, party int }
	// Parties are screened once per name and country: unique queries,
	// each with the parties it stands for.
	var queries []tripline.Query
	var refs [][]ref
	byKey := map[string]int{}
	cached := map[int]tripline.Result{}
	for i, tx := range txs {
		if tx == nil {
			return nil, tripline.Errorf(tripline.KindInvalid, "transaction %d is empty", i+1)
		}
		if len(tx.Parties) > maxParties {
			return nil, tripline.Errorf(tripline.KindTooLarge, "transaction %q has %d parties, more than %d", tx.ID, len(tx.Parties), maxParties)
		}
		if len(tx.Items) > maxItems {
			return nil, tripline.Errorf(tripline.KindTooLarge, "transaction %q has %d items, more than %d", tx.ID, len(tx.Items), maxItems)
		}
		for j, p := range tx.Parties {
			if !screenedRole(p.Role) || strings.TrimSpace(p.Name) == "" {
				continue
			}
			key := strings.TrimSpace(p.Name) + "\x00" + strings.ToUpper(strings.TrimSpace(p.Country))
			k, ok := byKey[key]
			if !ok {
				k = len(queries)
				byKey[key] = k
				queries = append(queries, tripline.Query{ID: strconv.Itoa(k), Name: p.Name, Country: p.Country, Type: partyType(p)})
				refs = append(refs, nil)
				if r, ok := c.cached(key); ok {
					cached[k] = r
				}
			}
			refs[k] = append(refs[k], ref{i, j})
		}
	}
	hits := make([][]tripline.PartyHit, len(txs))
	hitParty := make([][]int, len(txs)) // the party index of each hit
	versions := map[string]string{
		"catalogue": c.Catalogue.Version, "rules": c.Rules.Version, "scoring": c.scoring().Version,
	}
	if c.Screener == nil {
		versions["screening"] = "none"
	} else if len(queries) > 0 {
		var todo []tripline.Query
		for k, q := range queries {
			if _, ok := cached[k]; !ok {
				todo = append(todo, q)
			}
		}
		res := make([]tripline.Result, 0, len(queries))
		if len(todo) > 0 {
			fresh, err := c.Screener.Screen(ctx, todo, c.ScreenOptions)
			if err != nil {
				return nil, err
			}
			for _, r := range fresh {
				if k, err := strconv.Atoi(r.ID); err == nil && k >= 0 && k < len(queries) {
					q := queries[k]
					c.remember(strings.TrimSpace(q.Name)+"\x00"+strings.ToUpper(strings.TrimSpace(q.Country)), r)
				}
			}
			res = append(res, fresh...)
		}
		for k, r := range cached {
			r.ID = strconv.Itoa(k)
			res = append(res, r)
		}
		sort.Slice(res, func(i, j int) bool { return idNum(res[i].ID) < idNum(res[j].ID) })
		for _, r := range res {
			k, err := strconv.Atoi(r.ID)
			if err != nil || k < 0 || k >= len(refs) {
				continue
			}
			if r.Algorithm != "" {
				versions["screening"] = r.Algorithm
			}
			for src, id := range r.Snapshots {
				versions["list:"+src] = strconv.FormatInt(id, 10)
			}
			// The best match of each source: a party is one listed entity
			// or none, but it may be on several lists.
			for _, rf := range refs[k] {
				p := txs[rf.tx].Parties[rf.party]
				seen := map[string]bool{}
				for _, m := range r.Matches {
					if seen[m.Source] {
						continue
					}
					seen[m.Source] = true
					hits[rf.tx] = append(hits[rf.tx], tripline.PartyHit{
						Role: p.Role, Party: p.Name, ID: m.ID, Name: m.Name, Score: round(m.Score), Programs: m.Programs,
					})
					hitParty[rf.tx] = append(hitParty[rf.tx], rf.party)
				}
			}
		}
	}
	// Hits in the order of the parties in each transaction.
	for i := range hits {
		h, p := hits[i], hitParty[i]
		idx := make([]int, len(h))
		for j := range idx {
			idx[j] = j
		}
		sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
		sorted := make([]tripline.PartyHit, len(h))
		for j, x := range idx {
			sorted[j] = h[x]
		}
		hits[i] = sorted
	}
	// Decide in parallel: classification and rules are independent per
	// transaction and read only shared, immutable data.
	out := make([]*tripline.Decision, len(txs))
	workers := min(runtime.GOMAXPROCS(0), len(txs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = c.decide(txs[i], hits[i], versions)
			}
		}()
	}
	var err error
	for i := range txs {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, &tripline.Error{Op: "check.Check", Kind: tripline.KindUnavailable, Msg: "check cancelled", Err: err}
	}
	return out, nil
}

// orgWords mark a party name as an organisation's: legal forms and words
// that no person's name carries. A name without one is screened with no
// type, so a person and a company named like one are both found.
var orgWords = map[string]bool{
	"llc": true, "ltd": true, "limited": true, "inc": true, "corp": true, "corporation": true, "co": true,
	"company": true, "gmbh": true, "ag": true, "sa": true, "sas": true, "sarl": true, "srl": true, "spa": true,
	"bv": true, "nv": true, "plc": true, "llp": true, "oy": true, "aps": true,
	"kg": true, "ooo": true, "zao": true, "oao": true, "pao": true, "jsc": true, "pjsc": true, "ojsc": true,
	"cjsc": true, "fze": true, "fzco": true, "fzc": true, "fzllc": true, "pte": true, "bhd": true, "sdn": true,
	"too": true, "tov": true, "sti": true, "tic": true, "kft": true, "sro": true, "doo": true, "ead": true,
	"group": true, "holding": true, "holdings": true, "trading": true, "industries": true, "industry": true,
	"enterprise": true, "enterprises": true, "technology": true, "technologies": true, "international": true,
	"services": true, "systems": true, "bank": true, "university": true, "institute": true, "plant": true,
	"factory": true, "zavod": true, "airlines": true, "shipping": true, "logistics": true, "freight": true,
}

// partyType guesses "organization" from the name, else "".
func partyType(p tripline.Party) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(p.Name), func(r rune) bool {
		return !('a' <= r && r <= 'z') && !('0' <= r && r <= '9') && r < 0x80
	}) {
		if orgWords[strings.Trim(w, ".")] {
			return "organization"
		}
	}
	return ""
}

func idNum(id string) int {
	n, err := strconv.Atoi(id)
	if err != nil {
		return -1
	}
	return n
}

func (c *Checker) cached(key string) (tripline.Result, bool) {
	if c.CacheSize <= 0 {
		return tripline.Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.cache[key]
	return r, ok
}

func (c *Checker) remember(key string, r tripline.Result) {
	if c.CacheSize <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cache == nil || len(c.cache) >= c.CacheSize {
		c.cache = make(map[string]tripline.Result)
	}
	c.cache[key] = r
}

func (c *Checker) scoring() Scoring {
	if c.Scoring.Version == "" {
		return DefaultScoring
	}
	return c.Scoring
}

func (c *Checker) decide(tx *tripline.Transaction, hits []tripline.PartyHit, versions map[string]string) *tripline.Decision {
	items := make([]goods.Item, len(tx.Items))
	lines := make([]tripline.GoodsLine, len(tx.Items))
	for i, it := range tx.Items {
		items[i] = c.Catalogue.ClassifyItem(i, it)
		lines[i] = items[i].GoodsLine
	}
	flags, errs := c.Rules.Evaluate(rules.NewFacts(tx, items, hits, c.Catalogue))
	if c.RuleError != nil {
		for _, err := range errs {
			c.RuleError(tx.ID, err)
		}
	}
	if flags == nil {
		flags = []tripline.Flag{}
	}
	if hits == nil {
		hits = []tripline.PartyHit{}
	}
	risk, score := c.scoring().risk(flags)
	v := make(map[string]string, len(versions))
	for k, x := range versions {
		v[k] = x
	}
	return &tripline.Decision{ID: tx.ID, Risk: risk, Score: score, Flags: flags, PartyHits: hits, Goods: lines, Versions: v}
}

func (s Scoring) weight(sev string) float64 {
	switch sev {
	case rules.SeverityHigh:
		return s.High
	case rules.SeverityMedium:
		return s.Medium
	}
	return s.Low
}

// risk scores flags: each category at its heaviest flag.
func (s Scoring) risk(flags []tripline.Flag) (tripline.Risk, float64) {
	best := map[string]float64{}
	for _, f := range flags {
		if w := s.weight(f.Severity); w > best[f.Category] {
			best[f.Category] = w
		}
	}
	cats := make([]string, 0, len(best))
	for c := range best {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	score := 0.0
	for _, c := range cats {
		score += best[c]
	}
	switch {
	case score >= s.HighAt:
		return tripline.RiskHigh, score
	case score >= s.MediumAt:
		return tripline.RiskMedium, score
	case score >= s.LowAt:
		return tripline.RiskLow, score
	}
	return tripline.RiskClear, score
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

// String describes the scoring for logs and documentation.
func (s Scoring) String() string {
	return fmt.Sprintf("%s: weights low %g, medium %g, high %g; low at %g, medium at %g, high at %g",
		s.Version, s.Low, s.Medium, s.High, s.LowAt, s.MediumAt, s.HighAt)
}

// ScreenerFunc adapts a function to tripline.Screener, e.g. one that asks a
// live index for its current screener on every call (the HTTP server).
type ScreenerFunc func(ctx context.Context, queries []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error)

// Screen calls f.
func (f ScreenerFunc) Screen(ctx context.Context, queries []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	return f(ctx, queries, opt)
}

var _ tripline.Screener = ScreenerFunc(nil)
