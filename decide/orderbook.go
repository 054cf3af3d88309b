package decide

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/tripline/tripline"
)

// historyRules are the built-in rules that read the history, by the kind
// of pattern they fire on; a decision flagged by one of them, with that
// pattern among its history facts, raises an alert (stored books only).
var historyRules = map[string]string{
	"split":                 "DERIVED-SPLIT-02",
	"below_threshold":       "DERIVED-SPLIT-03",
	"new_address":           "DERIVED-ADDR-01",
	"reorder_after_refusal": "DERIVED-REORDER-01",
}

// load returns a history with h's settings holding the stored orders of
// the customers of recs within the windows around their dates, in their
// places in the book, but recs' own orders: an order checked again takes
// its old place (so it sees what it saw the first time, and its stored
// record is replaced, not doubled), a new one comes after every stored
// order. seqs are the places of recs' orders checked before.
func (h *History) load(ctx context.Context, recs []tripline.OrderRecord) (local *History, seqs map[string]int64, err error) {
	local = h.fresh()
	// New orders come after every stored one (a stored book's places
	// are far below 1<<50, those of an overlay's orders are above it).
	local.seq = 1 << 60
	seqs = map[string]int64{}
	window, addrWindow, refusalWindow, _, _ := h.windows()
	span := max(window, addrWindow, refusalWindow)
	var keys, ids []string
	seen := map[string]bool{}
	var lo, hi time.Time
	for _, r := range recs {
		ids = append(ids, r.ID)
		d, ok := orderDate(r.Date)
		if !ok {
			continue
		}
		if lo.IsZero() || d.Before(lo) {
			lo = d
		}
		if d.After(hi) {
			hi = d
		}
		for _, k := range r.Keys() {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return local, seqs, nil
	}
	stored, err := h.Book.OrderHistory(ctx, tripline.OrderQuery{Keys: keys, From: lo.Add(-span).Format("2006-01-02"), To: hi.Add(span).Format("2006-01-02")})
	if err != nil {
		return nil, nil, err
	}
	mine := map[string]bool{}
	for _, id := range ids {
		mine[id] = true
	}
	for _, r := range stored {
		if mine[r.ID] {
			seqs[r.ID] = r.Seq
			continue
		}
		local.add(nil, r, r.Seq)
	}
	local.seq = 1 << 60
	return local, seqs, nil
}

// markRefused records which orders of a batch were refused (high risk on
// their own and the patterns other than re-orders), for the re-orders
// after them.
func (h *History) markRefused(txs []*tripline.Transaction, recs []tripline.OrderRecord, ds []*tripline.Decision) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, tx := range txs {
		if ds[i] == nil || ds[i].Risk != tripline.RiskHigh {
			continue
		}
		recs[i].Refused = true
		seq := h.pos[tx]
		h.recs[seq].Refused = true
		date, ok := orderDate(recs[i].Date)
		if !ok {
			continue
		}
		for _, l := range recs[i].Lines {
			k := l.Key + "\x00" + l.HS6
			h.refused[k] = append(h.refused[k], histEntry{seq: seq, id: recs[i].ID, date: date, addr: recs[i].Address, consignee: recs[i].Consignee, party: l.Party})
		}
	}
	for _, es := range h.refused {
		sort.SliceStable(es, func(i, j int) bool { return es[i].seq < es[j].seq })
	}
}

// orderRecords completes the batch's records with their decisions and
// the alerts of the history rules that fired.
func orderRecords(recs []tripline.OrderRecord, ds []*tripline.Decision, facts [][]any) []tripline.OrderRecord {
	for i := range recs {
		d := ds[i]
		if d == nil {
			continue
		}
		r := &recs[i]
		r.Risk, r.RulesVersion, r.MatcherVersion = d.Risk, d.Versions["rules"], d.Versions["screening"]
		flagged := map[string]tripline.Flag{}
		for _, f := range d.Flags {
			r.Flags = append(r.Flags, f.Rule)
			flagged[f.Rule] = f
		}
		for _, x := range facts[i] {
			m, _ := x.(map[string]any)
			kind, _ := m["kind"].(string)
			f, ok := flagged[historyRules[kind]]
			if !ok {
				continue
			}
			r.Alerts = append(r.Alerts, patternAlert(r, f, m, d))
		}
	}
	return recs
}

// patternAlert is the alert of history rule flag f on pattern m of order
// r: party the customer's identity, entity the rule and HS code, every
// order of the pattern (and r) in its explanation.
func patternAlert(r *tripline.OrderRecord, f tripline.Flag, m map[string]any, d *tripline.Decision) tripline.Alert {
	key, _ := m["key"].(string)
	party, _ := m["party"].(string)
	hs6, _ := m["hs6"].(string)
	entity := f.Rule
	name := f.Rule
	if hs6 != "" {
		entity += "|" + hs6
		name += " HS " + hs6
	}
	ex := &tripline.Explanation{Summary: f.Evidence}
	seen := map[string]bool{}
	orders, _ := m["orders"].([]any)
	for _, o := range append(orders, r.ID) {
		id, _ := o.(string)
		if id != "" && !seen[id] {
			seen[id] = true
			ex.Evidence = append(ex.Evidence, tripline.Evidence{Kind: "order", Detail: id})
		}
	}
	return tripline.Alert{Book: tripline.OrderBookName, PartyID: key, PartyName: party, EntityID: entity, EntityName: name,
		Source: "orders", Score: d.Score, Reason: tripline.ReasonOrderPattern, Explanation: ex,
		RulesVersion: r.RulesVersion, MatcherVersion: r.MatcherVersion}
}

// ReadOnlyBook returns a book of orders that reads b and keeps what is
// recorded in memory, over b, storing nothing in it (tripline check
// --no-store): the orders of one run still see each other as with a
// stored book. Its alerts are not raised.
func ReadOnlyBook(b tripline.OrderBook) tripline.OrderBook {
	return &overlay{OrderBook: b, at: map[string]int{}}
}

type overlay struct {
	tripline.OrderBook
	mu   sync.Mutex
	recs []tripline.OrderRecord
	at   map[string]int
}

// overlaySeq is the first place of an overlay's orders, after every
// stored one.
const overlaySeq = 1 << 50

func (o *overlay) RecordOrders(_ context.Context, orders []tripline.OrderRecord) ([]tripline.Alert, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, r := range orders {
		r.Alerts = nil
		if i, ok := o.at[r.ID]; ok {
			r.Seq = o.recs[i].Seq
			o.recs[i] = r
			continue
		}
		r.Seq = overlaySeq + int64(len(o.recs))
		if old, err := o.OrderBook.Order(context.Background(), r.ID); err == nil {
			r.Seq = old.Seq
		}
		o.at[r.ID] = len(o.recs)
		o.recs = append(o.recs, r)
	}
	return nil, nil
}

func (o *overlay) OrderHistory(ctx context.Context, q tripline.OrderQuery) ([]tripline.OrderRecord, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	skip := map[string]bool{}
	for _, id := range q.Exclude {
		skip[id] = true
	}
	q2 := q
	for id := range o.at {
		q2.Exclude = append(q2.Exclude, id)
	}
	out, err := o.OrderBook.OrderHistory(ctx, q2)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, k := range q.Keys {
		keys[k] = true
	}
	to := q.To
	if to == "" {
		to = "9999-12-31"
	}
	for _, r := range o.recs {
		if skip[r.ID] || r.Date < q.From || r.Date > to {
			continue
		}
		for _, k := range r.Keys() {
			if keys[k] {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

func (o *overlay) Order(ctx context.Context, id string) (tripline.OrderRecord, error) {
	o.mu.Lock()
	i, ok := o.at[id]
	var r tripline.OrderRecord
	if ok {
		r = o.recs[i]
	}
	o.mu.Unlock()
	if ok {
		return r, nil
	}
	return o.OrderBook.Order(ctx, id)
}
