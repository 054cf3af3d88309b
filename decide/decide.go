// Package decide makes the risk decision for an order or shipment, one
// stage in phases, each a function of its own:
//
//  1. Normalize: the transaction checked against the limits, its codes in
//     one spelling;
//  2. screen parties: every party but the seller screened through a
//     tripline.Screener, once per name and country in a batch;
//  3. ClassifyGoods: the items classified with the goods catalogue in use;
//  4. Env.Facts: the facts the rules see derived from the transaction,
//     goods and hits, with the same catalogue the rule functions use;
//  5. evaluate: the red-flag rules (package rules, the built-in ones in
//     default.rules) run over the facts;
//  6. Scoring.Decision: the flags scored into a risk level (clear, low,
//     medium, high) with every reason, its rule, source and evidence, and
//     the versions of the lists, catalogue, rules and scoring that made it.
//
// A Checker runs the phases over batches. The rule environment (Env) is
// built per catalogue and takes further fact sources (text indicators,
// reference prices, order history) through FactSource.
//
// The package depends on the matching engine only through
// tripline.Screener, and is pure: it reads only what it is given.
package decide

import (
	"context"
	"runtime"
	"sync"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

// Checker checks transactions. Its fields are set once, before use; it is
// then safe for concurrent use.
type Checker struct {
	// Screener screens the parties; nil disables party screening (the
	// decision then says so in its versions).
	Screener tripline.Screener
	// ScreenOptions are passed to every screening call (threshold,
	// sources).
	ScreenOptions tripline.ScreenOptions
	// Env is the rule environment: the goods catalogue in use and the
	// fact sources.
	Env *Env
	// Rules are the rules in force, compiled in Env (Env.Rules).
	Rules   *rules.Set
	Scoring Scoring
	// Limits bound one transaction.
	Limits
	// RuleError, when set, is told of every rule evaluation that failed
	// (a user rule reading a field some transaction lacks); such a rule
	// raises no flag for that transaction. It is called from one
	// goroutine at a time.
	RuleError func(txID string, err error)
	// CacheSize, when above 0, keeps up to that many screening results by
	// party name and country for the Checker's life, so that repeat
	// customers are screened once. Set it only while the screener's lists
	// cannot change (one CLI run); a server that swaps lists leaves it 0.
	CacheSize int
	// History, when set, records every order checked and gives the rules
	// the patterns across an order and the earlier ones of the run
	// (variable history); without it history is empty.
	History *History

	mu    sync.Mutex
	cache map[string]tripline.Result
	errMu sync.Mutex
}

// New returns a Checker with the default scoring; rs must have been
// compiled in env.
func New(s tripline.Screener, env *Env, rs *rules.Set) *Checker {
	return &Checker{Screener: s, Env: env, Rules: rs, Scoring: DefaultScoring}
}

// Check decides one transaction.
//
// Errors are *tripline.Error values: Invalid for a transaction that cannot
// be checked, TooLarge for one with too many parties or items, the
// screener's or a fact source's errors otherwise.
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
	switch {
	case c.Env == nil || c.Rules == nil:
		return nil, &tripline.Error{Op: "decide.Check", Kind: tripline.KindInternal, Msg: "checker has no rule environment or rules"}
	case c.Rules.Env() != c.Env.rules:
		return nil, &tripline.Error{Op: "decide.Check", Kind: tripline.KindInternal, Msg: "the rules were compiled in another rule environment (catalogue or fact sources)"}
	}
	norm := make([]*tripline.Transaction, len(txs))
	for i, tx := range txs {
		if tx == nil {
			return nil, tripline.Errorf(tripline.KindInvalid, "transaction %d is empty", i+1)
		}
		n, err := Normalize(tx, c.Limits)
		if err != nil {
			return nil, err
		}
		norm[i] = n
	}
	hits, versions, err := c.screenParties(ctx, norm)
	if err != nil {
		return nil, err
	}
	versions["catalogue"], versions["rules"], versions["scoring"] = c.Env.Catalogue().Version, c.Rules.Version, c.scoring().Version
	versions["text"] = c.Env.TextVersion()
	if c.History == nil {
		return c.decideAll(ctx, norm, nil, hits, versions, nil)
	}
	// With a history the goods are classified first (in parallel), so the
	// batch is recorded in input order before any order is decided.
	items := make([][]goods.Item, len(norm))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(norm))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(norm); i += workers {
				items[i] = ClassifyGoods(c.Env.Catalogue(), norm[i].Items)
			}
		}(w)
	}
	wg.Wait()
	return c.decideHistory(ctx, norm, items, hits, versions)
}

// decideHistory decides a batch with its history: the stored orders of
// its customers (with a Book) or those of the run, then the batch in
// input order. Orders are decided first without re-order patterns (which
// read whether earlier orders were refused: high risk in that first
// decision); the orders with a re-order after a refusal are then decided
// again with it. With a Book the batch is then stored, with the alerts of
// the history rules that fired, in one transaction.
func (c *Checker) decideHistory(ctx context.Context, norm []*tripline.Transaction, items [][]goods.Item, hits [][]tripline.PartyHit, versions map[string]string) ([]*tripline.Decision, error) {
	h := c.History
	if h.Book != nil {
		// Batches are read, decided and stored one at a time, so that
		// concurrent requests of this process see each other's orders.
		h.bookMu.Lock()
		defer h.bookMu.Unlock()
	}
	recs := make([]tripline.OrderRecord, len(norm))
	for i, tx := range norm {
		recs[i] = record(tx, items[i], hits[i])
	}
	var seqs map[string]int64
	if h.Book != nil {
		local, s, err := h.load(ctx, recs)
		if err != nil {
			return nil, err
		}
		h, seqs = local, s
	}
	recs = h.observe(norm, items, hits, seqs)
	facts := make([][]any, len(norm))
	ds, err := c.decideAll(ctx, norm, items, hits, versions, func(i int) []any {
		facts[i] = h.patterns(norm[i], false)
		return facts[i]
	})
	if err != nil {
		return nil, err
	}
	h.markRefused(norm, recs, ds)
	var again []int
	for i, tx := range norm {
		if p := h.patterns(tx, true); len(p) > len(facts[i]) {
			facts[i], again = p, append(again, i)
		}
	}
	if len(again) > 0 {
		for _, i := range again {
			d, err := c.decide(ctx, norm[i], items[i], hits[i], versions, facts[i])
			if err != nil {
				return nil, err
			}
			ds[i] = d
		}
	}
	if c.History.Book != nil && !tripline.OrderStoreOff(ctx) {
		if _, err := c.History.Book.RecordOrders(ctx, orderRecords(recs, ds, facts)); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// decideAll runs the phases after screening on every transaction, in
// parallel: they are independent per transaction and read only shared,
// immutable data.
//
// items may be nil (each order's goods are then classified where it is
// decided); hist, when set, gives the history facts of the i-th order.
func (c *Checker) decideAll(ctx context.Context, txs []*tripline.Transaction, items [][]goods.Item, hits [][]tripline.PartyHit, versions map[string]string, hist func(i int) []any) ([]*tripline.Decision, error) {
	out := make([]*tripline.Decision, len(txs))
	workers := min(runtime.GOMAXPROCS(0), len(txs))
	var wg sync.WaitGroup
	var errOnce sync.Once
	var firstErr error
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var its []goods.Item
				if items != nil {
					its = items[i]
				}
				var h []any
				if hist != nil {
					h = hist(i)
				}
				d, err := c.decide(ctx, txs[i], its, hits[i], versions, h)
				if err != nil {
					errOnce.Do(func() { firstErr = err })
					continue
				}
				out[i] = d
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
		return nil, &tripline.Error{Op: "decide.Check", Kind: tripline.KindUnavailable, Msg: "check cancelled", Err: err}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

// decide classifies the goods of one normalised transaction (unless
// given), derives its facts, evaluates the rules and scores the flags;
// hist are its history facts (nil: no history).
func (c *Checker) decide(ctx context.Context, tx *tripline.Transaction, items []goods.Item, hits []tripline.PartyHit, versions map[string]string, hist []any) (*tripline.Decision, error) {
	if items == nil {
		items = ClassifyGoods(c.Env.Catalogue(), tx.Items)
	}
	f, err := c.Env.Facts(ctx, tx, items, hits)
	if err != nil {
		return nil, err
	}
	if hist != nil {
		f.vars["history"] = hist
	}
	flags, errs := c.Rules.Evaluate(f.Vars())
	if c.RuleError != nil && len(errs) > 0 {
		c.errMu.Lock()
		for _, err := range errs {
			c.RuleError(tx.ID, err)
		}
		c.errMu.Unlock()
	}
	return c.scoring().Decision(tx.ID, flags, hits, items, versions), nil
}

func (c *Checker) scoring() Scoring {
	if c.Scoring.Version == "" {
		return DefaultScoring
	}
	return c.Scoring
}

// ScreenerFunc adapts a function to tripline.Screener, e.g. one that asks a
// live index for its current screener on every call (the HTTP server).
type ScreenerFunc func(ctx context.Context, queries []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error)

// Screen calls f.
func (f ScreenerFunc) Screen(ctx context.Context, queries []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	return f(ctx, queries, opt)
}

var _ tripline.Screener = ScreenerFunc(nil)
