package decide

import (
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/names"
	"github.com/tripline/tripline/rules"
)

// History is the order history of one run: every order checked so far, by
// the screening identity of its customers (buyer, consignee, end user) and
// the HS code of its controlled items, so rules can look across orders.
// An order sees the orders before it in input order (and itself), never
// later ones, so its decision does not depend on how the input is cut into
// batches or on the order in which a batch is decided.
//
// A party's identity is the listed entity it matched, else its name as
// screening reads it (normalised, transliterated, legal forms and function
// words dropped, romanisation keys) and its country: "ACME Trading L.L.C."
// and "Acme Trading LLC" are one buyer.
//
// History is safe for concurrent use. It holds what it has seen in memory
// (a few hundred bytes an order); it is not stored.
type History struct {
	// Window is how far apart in date the orders of one pattern may be
	// (default 30 days).
	Window time.Duration
	// MinOrders is how many orders make a pattern (default 3).
	MinOrders int
	// Threshold is the value in US dollars below which an order escapes a
	// filing (default 2,500: an Electronic Export Information filing is
	// not required for a Schedule B number valued at $2,500 or less, 15
	// CFR 30.37(a)); orders between 80 % of it and it count as just below.
	Threshold float64

	mu    sync.RWMutex
	seq   int
	pos   map[*tripline.Transaction]int
	byKey map[string][]histEntry
	keys  map[*tripline.Transaction][]histKey
	// addrs are the delivery addresses of each buyer so far, with the
	// orders that used them; moved the facts of orders that went to a
	// new one.
	addrs map[string]*buyerAddrs
	moved map[*tripline.Transaction]map[string]any
}

type buyerAddrs struct {
	seen   map[string]bool
	orders []string
}

type histEntry struct {
	seq        int
	id         string
	date       time.Time
	qty, value float64
}

type histKey struct {
	key, party, role, hs6 string
}

// NewHistory returns an empty history with the default window, count and
// threshold.
func NewHistory() *History {
	return &History{Window: 30 * 24 * time.Hour, MinOrders: 3, Threshold: 2500}
}

// historySchema declares the variable history.
func historySchema() rules.Schema {
	return rules.Schema{Variables: []rules.Variable{{
		Name: "history", Type: rules.ListOf(rules.MapOf(rules.DynType)),
		Doc: "patterns across this order and the earlier orders of the run: kind (split: the same customer orders the same controlled HS code " +
			"in several orders within the window; below_threshold: several of them each just below the filing threshold), party, role, hs6, " +
			"orders (ids, oldest first), count, quantity, value_usd, days (between the first and the last); new_address: a buyer that ordered before " +
			"sends controlled goods to a delivery address it has not used (orders: its last earlier orders, count: how many, address)",
	}}}
}

// observe records a batch in input order; items are the classified goods
// of each transaction.
func (h *History) observe(txs []*tripline.Transaction, items [][]goods.Item, hits [][]tripline.PartyHit) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pos == nil {
		h.pos, h.byKey, h.keys = map[*tripline.Transaction]int{}, map[string][]histEntry{}, map[*tripline.Transaction][]histKey{}
		h.addrs, h.moved = map[string]*buyerAddrs{}, map[*tripline.Transaction]map[string]any{}
	}
	for i, tx := range txs {
		h.seq++
		h.pos[tx] = h.seq
		date, err := time.Parse("2006-01-02", strings.TrimSpace(tx.Date))
		if err != nil {
			continue
		}
		h.observeAddress(tx, items[i], hits[i])
		seen := map[string]bool{}
		for _, p := range tx.Parties {
			if p.Role != "buyer" && p.Role != "consignee" && p.Role != "end_user" {
				continue
			}
			party := partyIdentity(p, hits[i])
			if party == "" {
				continue
			}
			for k, it := range tx.Items {
				if k >= len(items[i]) || !controlledItem(items[i][k]) || items[i][k].HSCode == "" {
					continue
				}
				hs6 := items[i][k].HSCode
				key := party + "\x00" + hs6
				if seen[key] {
					// Buyer and consignee are one party, or two lines of
					// one code: one entry, the quantities added.
					es := h.byKey[key]
					es[len(es)-1].qty += it.Quantity
					es[len(es)-1].value += usd(it.Quantity*it.UnitValue, it.Currency)
					continue
				}
				seen[key] = true
				h.byKey[key] = append(h.byKey[key], histEntry{seq: h.seq, id: tx.ID, date: date, qty: it.Quantity, value: usd(it.Quantity*it.UnitValue, it.Currency)})
				h.keys[tx] = append(h.keys[tx], histKey{key: key, party: p.Name, role: p.Role, hs6: hs6})
			}
		}
	}
}

// observeAddress records where tx delivers for its buyer and, when the
// buyer ordered before and this order of controlled goods goes to an
// address it has not used, keeps a new_address fact for tx.
func (h *History) observeAddress(tx *tripline.Transaction, items []goods.Item, hits []tripline.PartyHit) {
	var buyer, to *tripline.Party
	for k := range tx.Parties {
		p := &tx.Parties[k]
		switch {
		case p.Role == "buyer" && buyer == nil:
			buyer = p
		case p.Role == "consignee" && to == nil:
			to = p
		}
	}
	if buyer == nil {
		return
	}
	if to == nil {
		to = buyer
	}
	who, addr := partyIdentity(*buyer, hits), strings.Join(strings.Fields(names.Fold(to.Address+" "+to.Country)), " ")
	if who == "" || strings.TrimSpace(to.Address) == "" {
		return
	}
	controlled := false
	for _, g := range items {
		controlled = controlled || controlledItem(g)
	}
	b := h.addrs[who]
	if b == nil {
		b = &buyerAddrs{seen: map[string]bool{}}
		h.addrs[who] = b
	}
	if controlled && len(b.orders) > 0 && !b.seen[addr] {
		earlier := b.orders[max(0, len(b.orders)-5):]
		ids := make([]any, len(earlier))
		for k, id := range earlier {
			ids[k] = id
		}
		h.moved[tx] = map[string]any{"kind": "new_address", "party": buyer.Name, "role": "buyer", "hs6": "", "orders": ids,
			"count": int64(len(b.orders)), "address": to.Address, "quantity": 0.0, "value_usd": 0.0, "days": int64(0)}
	}
	b.seen[addr] = true
	b.orders = append(b.orders, tx.ID)
}

// patterns returns the history facts of tx (observed before).
func (h *History) patterns(tx *tripline.Transaction) []any {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := []any{}
	seq, ok := h.pos[tx]
	if !ok {
		return out
	}
	if f, ok := h.moved[tx]; ok {
		out = append(out, f)
	}
	window, minOrders, threshold := h.Window, h.MinOrders, h.Threshold
	if window <= 0 {
		window = 30 * 24 * time.Hour
	}
	if minOrders < 2 {
		minOrders = 3
	}
	for _, k := range h.keys[tx] {
		es := h.byKey[k.key]
		var self histEntry
		for _, e := range es {
			if e.seq == seq {
				self = e
			}
		}
		var in, below []histEntry
		for _, e := range es {
			if e.seq > seq {
				break
			}
			if d := e.date.Sub(self.date); d > window || d < -window {
				continue
			}
			in = append(in, e)
			if threshold > 0 && e.value >= 0.8*threshold && e.value <= threshold {
				below = append(below, e)
			}
		}
		if len(in) >= minOrders {
			out = append(out, historyFact("split", k, in))
		}
		if len(below) >= minOrders && self.value >= 0.8*threshold && self.value <= threshold {
			out = append(out, historyFact("below_threshold", k, below))
		}
	}
	return out
}

func historyFact(kind string, k histKey, es []histEntry) map[string]any {
	sort.SliceStable(es, func(i, j int) bool { return es[i].date.Before(es[j].date) })
	ids := make([]any, len(es))
	var qty, value float64
	for i, e := range es {
		ids[i] = e.id
		qty += e.qty
		value += e.value
	}
	return map[string]any{"kind": kind, "party": k.party, "role": k.role, "hs6": k.hs6, "orders": ids, "count": int64(len(es)),
		"quantity": qty, "value_usd": value, "days": int64(es[len(es)-1].date.Sub(es[0].date).Hours() / 24)}
}

// partyIdentity is the listed entity a party matched, else the
// romanisation keys of its name's words and its country.
func partyIdentity(p tripline.Party, hits []tripline.PartyHit) string {
	for _, h := range hits {
		if h.Role == p.Role && h.Party == p.Name && h.ID != "" {
			return "listed:" + h.ID
		}
	}
	var words []string
	for _, t := range names.Parse(p.Name) {
		if t.Kind == names.Word || t.Kind == names.Number || t.Kind == names.Initial {
			words = append(words, t.Key)
		}
	}
	if len(words) == 0 {
		return ""
	}
	return "name:" + strings.Join(words, " ") + "|" + strings.ToUpper(strings.TrimSpace(p.Country))
}

// controlledItem: on the CHPL, an Iran-UAV commodity, a watch-listed part
// or with a control number (as the item fact controlled).
func controlledItem(g goods.Item) bool {
	return g.CHPLTier != "" || g.UAV != "" || g.Part != nil || len(g.Controls) > 0
}
