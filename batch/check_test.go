package batch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/decide"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/jobs"
)

// checkOrders: three orders of one CHPL code by one buyer (written three
// ways) within a month, other customers' orders between them and a bad
// line, two orders a shard, so the split spans three shards.
func checkOrders() string {
	order := func(id, date, buyer string) string {
		return fmt.Sprintf(`{"id":%q,"date":%q,"parties":[{"role":"buyer","name":%q,"country":"AE"}],"items":[{"description":"microcontroller","hs_code":"8542.31","quantity":40,"unit_value":20,"currency":"USD"}],"route":{"origin":"DE","destination":"AE"}}`+"\n", id, date, buyer)
	}
	return order("s1", "2025-05-02", "Falcon Tech Trading LLC") + order("x1", "2025-05-03", "Other One GmbH") +
		order("s2", "2025-05-09", "FALCON TECH TRADING L.L.C.") + order("x2", "2025-05-10", "Other Two GmbH") +
		order("s3", "2025-05-16", "Falcon Tech Trading") + `{"id":"bad","parties":"none"}` + "\n"
}

// crashing decides with the real checker; the first time it is given
// order s2 it stores the shard's orders and then fails as a process that
// died before marking the shard done would.
type crashing struct {
	*decide.Checker
	crashed atomic.Bool
}

func (c *crashing) CheckAll(ctx context.Context, txs []*tripline.Transaction) ([]*tripline.Decision, error) {
	ds, err := c.Checker.CheckAll(ctx, txs)
	for _, tx := range txs {
		if tx.ID == "s2" && err == nil && c.crashed.CompareAndSwap(false, true) {
			return nil, fmt.Errorf("worker died")
		}
	}
	return ds, err
}

func checkWorker(t *testing.T, s store, c batch.Checker) {
	t.Helper()
	q, err := jobs.Open(s, jobs.Config{PollInterval: 50 * time.Millisecond, Queues: map[string]int{jobs.QueueDefault: 1, batch.Queue: 1}})
	if err != nil {
		t.Fatal(err)
	}
	w, err := batch.Register(q, s, fixed(screener()), fastConfig())
	if err != nil {
		t.Fatal(err)
	}
	w.SetChecker(c)
	ctx, cancel := context.WithCancel(context.Background())
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		sctx, c := context.WithTimeout(context.Background(), 10*time.Second)
		defer c()
		q.Stop(sctx)
	})
}

func newChecker(t *testing.T, s store) *decide.Checker {
	t.Helper()
	cat, err := goods.Default()
	if err != nil {
		t.Fatal(err)
	}
	env, err := decide.NewEnv(cat)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := env.Rules()
	if err != nil {
		t.Fatal(err)
	}
	c := decide.New(screener(), env, rs)
	c.History = decide.NewHistory()
	c.History.Book = s.(tripline.OrderBook)
	return c
}

// TestCheckJobStoresOnce: a check job decides every order with the stored
// book of orders across shards (the split's third order is flagged with
// all three, one order_pattern alert names them) and a worker that dies
// after storing a shard's orders, before marking it done, stores nothing
// twice when the shard is worked again: the results are those of a run
// without the crash, the book holds each order once and the alert is
// raised once with the same evidence.
func TestCheckJobStoresOnce(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			cfg := batch.Config{ShardRows: 2, Lease: time.Second, ReclaimEvery: 100 * time.Millisecond}
			run := func(crash bool) (store, []string) {
				s := open(t, d.db(t))
				var c batch.Checker = newChecker(t, s)
				if crash {
					c = &crashing{Checker: c.(*decide.Checker)}
				}
				checkWorker(t, s, c)
				q, err := jobs.Open(s, jobs.Config{})
				if err != nil {
					t.Fatal(err)
				}
				j, err := batch.Submit(context.Background(), s, q, batch.Submission{Kind: batch.KindCheck, Input: strings.NewReader(checkOrders()), Name: "orders.jsonl", By: "tester"}, cfg)
				if err != nil {
					t.Fatal(err)
				}
				if j.Kind != batch.KindCheck || j.ShardsTotal != 3 || j.RowsTotal != 6 || j.BadRows != 1 {
					t.Fatalf("submitted %+v", j)
				}
				if j = waitDone(t, s, j.ID); j.State != tripline.BatchCompleted {
					t.Fatalf("finished %+v", j)
				}
				if cr, ok := c.(*crashing); ok && !cr.crashed.Load() {
					t.Fatal("the worker did not crash")
				}
				return s, results(t, s, j.ID)
			}
			_, clean := run(false)
			s, got := run(true)
			same(t, got, clean)

			var d3 tripline.Decision
			if err := json.Unmarshal([]byte(got[4]), &d3); err != nil || d3.ID != "s3" {
				t.Fatalf("line 5 %s: %v", got[4], err)
			}
			ev := ""
			for _, f := range d3.Flags {
				if f.Rule == "DERIVED-SPLIT-02" {
					ev = f.Evidence
				}
			}
			if !strings.Contains(ev, "s1, s2, s3") {
				t.Errorf("s3: split evidence %q", ev)
			}
			if !strings.Contains(got[5], `"error"`) {
				t.Errorf("bad order's line %s", got[5])
			}
			r1, err := s.(tripline.OrderBook).Order(context.Background(), "s1")
			if err != nil {
				t.Fatal(err)
			}
			hist, err := s.(tripline.OrderBook).OrderHistory(context.Background(), tripline.OrderQuery{Keys: r1.Keys(), From: "2025-01-01", To: "2025-12-31"})
			if err != nil || len(hist) != 3 {
				t.Errorf("%d orders stored for the buyer, want 3 (%v)", len(hist), err)
			}
			as, err := s.(tripline.AlertStore).Alerts(context.Background(), tripline.AlertFilter{Book: tripline.OrderBookName, Reason: tripline.ReasonOrderPattern})
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 1 || as[0].Explanation == nil || len(as[0].Explanation.Evidence) != 3 || as[0].Priority != 0 {
				t.Fatalf("alerts %+v, want one split alert with three orders, never updated", as)
			}
			evs, err := s.(tripline.EventLog).EventsAfter(context.Background(), 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range evs {
				if strings.HasPrefix(e.Type, "alert.") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d alert events, want 1", n)
			}
		})
	}
}
