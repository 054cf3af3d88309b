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

// History is the order history: the orders checked, by the screening
// identity of their customers (buyer, consignee, end user) and the HS code
// of their controlled items, so rules can look across orders. An order
// sees the orders before it (and itself), never later ones, so its
// decision does not depend on how the input is cut into batches or on the
// order in which a batch is decided.
//
// Without a Book the history is that of one run, in memory (a few hundred
// bytes an order). With a Book (the stored book of orders, see
// orderbook.go) every batch reads the stored orders of its customers
// within the windows, is decided with them and the batch's earlier orders,
// and is then stored with its decisions and alerts: history holds across
// runs, requests and jobs, and the History itself keeps nothing.
//
// A party's identity is the listed entity it matched, else its name as
// screening reads it (normalised, transliterated, legal forms and function
// words dropped, romanisation keys) and its country: "ACME Trading L.L.C."
// and "Acme Trading LLC" are one buyer.
//
// History is safe for concurrent use.
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
	// AddressWindow bounds the earlier orders whose delivery addresses a
	// buyer has used (default 365 days).
	AddressWindow time.Duration
	// RefusalWindow bounds how long after a refused order a re-order
	// through a new consignee or address is flagged (default 180 days).
	RefusalWindow time.Duration
	// Book, when set, is the stored book of orders history reads and
	// writes.
	Book tripline.OrderBook

	// bookMu serialises the batches decided with a Book (read, decide,
	// store).
	bookMu sync.Mutex
	mu     sync.RWMutex
	seq    int64
	pos    map[*tripline.Transaction]int64
	recs   map[int64]*tripline.OrderRecord
	byKey  map[string][]histEntry
	// addrs are the orders of each buyer (by identity) with a delivery
	// address.
	addrs map[string][]histEntry
	// refused, by buyer identity and by HS code, the refused orders.
	refused map[string][]histEntry
}

type histEntry struct {
	seq        int64
	id         string
	date       time.Time
	qty, value float64
	addr       string // addrs: the folded delivery address
	consignee  string // refused: the consignee's identity
	party      string // refused: the party's name
}

// NewHistory returns an empty history with the default window, count and
// threshold.
func NewHistory() *History {
	return &History{Window: 30 * 24 * time.Hour, MinOrders: 3, Threshold: 2500, AddressWindow: 365 * 24 * time.Hour, RefusalWindow: 180 * 24 * time.Hour}
}

// fresh returns an empty history with h's settings and no book.
func (h *History) fresh() *History {
	return &History{Window: h.Window, MinOrders: h.MinOrders, Threshold: h.Threshold, AddressWindow: h.AddressWindow, RefusalWindow: h.RefusalWindow}
}

func (h *History) windows() (window, addrWindow, refusalWindow time.Duration, minOrders int, threshold float64) {
	window, addrWindow, refusalWindow, minOrders, threshold = h.Window, h.AddressWindow, h.RefusalWindow, h.MinOrders, h.Threshold
	if window <= 0 {
		window = 30 * 24 * time.Hour
	}
	if addrWindow <= 0 {
		addrWindow = 365 * 24 * time.Hour
	}
	if refusalWindow <= 0 {
		refusalWindow = 180 * 24 * time.Hour
	}
	if minOrders < 2 {
		minOrders = 3
	}
	return
}

// historySchema declares the variable history.
func historySchema() rules.Schema {
	return rules.Schema{Variables: []rules.Variable{{
		Name: "history", Type: rules.ListOf(rules.MapOf(rules.DynType)),
		Doc: "patterns across this order and the earlier orders (of the run, or stored in the book of orders): kind (split: the same customer orders the same controlled HS code " +
			"in several orders within the window; below_threshold: several of them each just below the filing threshold), party, role, hs6, " +
			"orders (ids, oldest first), count, quantity, value_usd, days (between the first and the last); new_address: a buyer that ordered before " +
			"sends controlled goods to a delivery address it has not used (orders: its last earlier orders, count: how many, address); " +
			"reorder_after_refusal: a customer with a refused (high-risk) order of a controlled HS code orders that code again through another consignee " +
			"or delivery address (orders: the refused ones, then this one; refused: the refused ones; address, consignee)",
	}}}
}

func orderDate(s string) (time.Time, bool) {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	return d, err == nil
}

// record returns what history keeps of one normalised transaction: its
// controlled lines per customer identity and its buyer's delivery.
func record(tx *tripline.Transaction, items []goods.Item, hits []tripline.PartyHit) tripline.OrderRecord {
	rec := tripline.OrderRecord{ID: tx.ID, Date: strings.TrimSpace(tx.Date)}
	at := map[string]int{}
	// The identity of each customer, read once (the name parsed once).
	ids := make([]string, len(tx.Parties))
	for k, p := range tx.Parties {
		if p.Role == "buyer" || p.Role == "consignee" || p.Role == "end_user" {
			ids[k] = partyIdentity(p, hits)
		}
	}
	for pk, p := range tx.Parties {
		party := ids[pk]
		if party == "" {
			continue
		}
		for k, it := range tx.Items {
			if k >= len(items) || !controlledItem(items[k]) || items[k].HSCode == "" {
				continue
			}
			hs6 := items[k].HSCode
			key := party + "\x00" + hs6
			value := usd(it.Quantity*it.UnitValue, it.Currency)
			if i, ok := at[key]; ok {
				// Buyer and consignee are one party, or two lines of
				// one code: one line, the quantities added.
				rec.Lines[i].Quantity += it.Quantity
				rec.Lines[i].ValueUSD += value
				continue
			}
			at[key] = len(rec.Lines)
			rec.Lines = append(rec.Lines, tripline.OrderLine{Key: party, Party: p.Name, Role: p.Role, HS6: hs6, Quantity: it.Quantity, ValueUSD: value})
		}
	}
	for _, g := range items {
		rec.Controlled = rec.Controlled || controlledItem(g)
	}
	buyer, to := -1, -1
	for k, p := range tx.Parties {
		switch {
		case p.Role == "buyer" && buyer < 0:
			buyer = k
		case p.Role == "consignee" && to < 0:
			to = k
		}
	}
	if buyer < 0 {
		return rec
	}
	if to < 0 {
		to = buyer
	}
	rec.Buyer, rec.BuyerName, rec.Consignee = ids[buyer], tx.Parties[buyer].Name, ids[to]
	if p := tx.Parties[to]; strings.TrimSpace(p.Address) != "" {
		rec.Address, rec.AddressText = strings.Join(strings.Fields(names.Fold(p.Address+" "+p.Country)), " "), p.Address
	}
	return rec
}

// add records rec at place seq (0: the next one after every order
// added); tx, when set, is the transaction whose patterns will be asked
// for. Orders added out of place are put in place by sortEntries.
func (h *History) add(tx *tripline.Transaction, rec tripline.OrderRecord, seq int64) {
	if h.pos == nil {
		h.pos, h.recs, h.byKey = map[*tripline.Transaction]int64{}, map[int64]*tripline.OrderRecord{}, map[string][]histEntry{}
		h.addrs, h.refused = map[string][]histEntry{}, map[string][]histEntry{}
	}
	if seq <= 0 {
		h.seq++
		seq = h.seq
	}
	h.seq = max(h.seq, seq)
	if tx != nil {
		h.pos[tx] = seq
		h.recs[seq] = &rec
	}
	date, ok := orderDate(rec.Date)
	if !ok {
		return
	}
	for _, l := range rec.Lines {
		k := l.Key + "\x00" + l.HS6
		h.byKey[k] = append(h.byKey[k], histEntry{seq: seq, id: rec.ID, date: date, qty: l.Quantity, value: l.ValueUSD})
		if rec.Refused {
			h.refused[k] = append(h.refused[k], histEntry{seq: seq, id: rec.ID, date: date, addr: rec.Address, consignee: rec.Consignee, party: l.Party})
		}
	}
	if rec.Buyer != "" && rec.Address != "" {
		h.addrs[rec.Buyer] = append(h.addrs[rec.Buyer], histEntry{seq: seq, id: rec.ID, date: date, addr: rec.Address})
	}
}

// sortEntries puts every key's entries in place order.
func (h *History) sortEntries() {
	for _, m := range []map[string][]histEntry{h.byKey, h.addrs, h.refused} {
		for _, es := range m {
			sort.SliceStable(es, func(i, j int) bool { return es[i].seq < es[j].seq })
		}
	}
}

// observe records a batch in input order; items are the classified goods
// of each transaction. It returns the batch's records.
// seqs, when set, are the places of orders checked before (by id).
func (h *History) observe(txs []*tripline.Transaction, items [][]goods.Item, hits [][]tripline.PartyHit, seqs map[string]int64) []tripline.OrderRecord {
	h.mu.Lock()
	defer h.mu.Unlock()
	recs := make([]tripline.OrderRecord, len(txs))
	for i, tx := range txs {
		recs[i] = record(tx, items[i], hits[i])
		h.add(tx, recs[i], seqs[tx.ID])
	}
	if seqs != nil {
		h.sortEntries()
	}
	return recs
}

// patterns returns the history facts of tx (observed before); reorder
// says whether to include reorder_after_refusal, which reads whether
// earlier orders were refused.
func (h *History) patterns(tx *tripline.Transaction, reorder bool) []any {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := []any{}
	seq, ok := h.pos[tx]
	if !ok {
		return out
	}
	rec := h.recs[seq]
	date, ok := orderDate(rec.Date)
	if !ok {
		return out
	}
	window, addrWindow, refusalWindow, minOrders, threshold := h.windows()
	if f := h.newAddress(seq, date, rec, addrWindow); f != nil {
		out = append(out, f)
	}
	for _, l := range rec.Lines {
		k := histKey{key: l.Key, party: l.Party, role: l.Role, hs6: l.HS6}
		es := h.byKey[l.Key+"\x00"+l.HS6]
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
			if d := e.date.Sub(date); d > window || d < -window {
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
		if reorder {
			if f := h.reorder(seq, date, rec, l, refusalWindow); f != nil {
				out = append(out, f)
			}
		}
	}
	return out
}

// newAddress is the new_address fact of the order at seq, or nil.
func (h *History) newAddress(seq int64, date time.Time, rec *tripline.OrderRecord, addrWindow time.Duration) map[string]any {
	if !rec.Controlled || rec.Buyer == "" || rec.Address == "" {
		return nil
	}
	var earlier []string
	for _, e := range h.addrs[rec.Buyer] {
		if e.seq >= seq {
			break
		}
		if d := e.date.Sub(date); d > addrWindow || d < -addrWindow {
			continue
		}
		if e.addr == rec.Address {
			return nil
		}
		earlier = append(earlier, e.id)
	}
	if len(earlier) == 0 {
		return nil
	}
	last := earlier[max(0, len(earlier)-5):]
	ids := make([]any, len(last))
	for k, id := range last {
		ids[k] = id
	}
	return map[string]any{"kind": "new_address", "party": rec.BuyerName, "role": "buyer", "hs6": "", "orders": ids,
		"count": int64(len(earlier)), "address": rec.AddressText, "quantity": 0.0, "value_usd": 0.0, "days": int64(0), "key": rec.Buyer}
}

// reorder is the reorder_after_refusal fact of line l of the order at
// seq: the same customer identity had orders of the same controlled code
// refused within the window before, and this one goes to another
// consignee or delivery address than every refused one.
func (h *History) reorder(seq int64, date time.Time, rec *tripline.OrderRecord, l tripline.OrderLine, refusalWindow time.Duration) map[string]any {
	var ids []any
	var first time.Time
	for _, e := range h.refused[l.Key+"\x00"+l.HS6] {
		if e.seq >= seq {
			break
		}
		if d := date.Sub(e.date); d < 0 || d > refusalWindow {
			continue
		}
		if e.consignee == rec.Consignee && e.addr == rec.Address {
			return nil // the same route again: not a re-route
		}
		if len(ids) == 0 {
			first = e.date
		}
		ids = append(ids, e.id)
	}
	if len(ids) == 0 {
		return nil
	}
	refused := append([]any{}, ids...)
	ids = append(ids, rec.ID)
	return map[string]any{"kind": "reorder_after_refusal", "party": l.Party, "role": l.Role, "hs6": l.HS6, "orders": ids, "refused": refused,
		"count": int64(len(ids) - 1), "address": rec.AddressText, "consignee": rec.Consignee, "quantity": l.Quantity, "value_usd": l.ValueUSD,
		"days": int64(date.Sub(first).Hours() / 24), "key": l.Key}
}

type histKey struct {
	key, party, role, hs6 string
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
		"quantity": qty, "value_usd": value, "days": int64(es[len(es)-1].date.Sub(es[0].date).Hours() / 24), "key": k.key}
}

// listedIdentityScore is the least score of a hit whose listed entity is
// taken for the party's identity. A weaker hit is a lead for the
// analyst, not proof of who the party is: taken for its identity, it made
// one customer of unrelated parties that happened to score 0.85–0.88
// against one listed entity (three made-up "... Automation" companies in
// three countries against TABA, eu-fsf:6688), and their orders raised
// splits, new addresses and re-orders after each other's refusals (38 false
// raises in the 100,000-order stream of BenchmarkCheckStream).
const listedIdentityScore = 0.95

// partyIdentity is the listed entity a party matched with a score of at
// least listedIdentityScore, else the romanisation keys of its name's
// words and its country.
func partyIdentity(p tripline.Party, hits []tripline.PartyHit) string {
	for _, h := range hits {
		if h.Role == p.Role && h.Party == p.Name && h.ID != "" && h.Score >= listedIdentityScore {
			return "listed:" + h.ID
		}
	}
	var words []string
	for _, t := range names.Parse(p.Name) {
		if t.Kind == names.Word || t.Kind == names.Number || t.Kind == names.Initial {
			words = append(words, romanFold(t.Key))
		}
	}
	if len(words) == 0 {
		return ""
	}
	return "name:" + strings.Join(words, " ") + "|" + strings.ToUpper(strings.TrimSpace(p.Country))
}

// romanFold folds the spellings that the romanisation schemes of one
// Cyrillic letter give a key: й, ы and и written y, i, yy, iy, yi or ii
// ("Severnyy", "Severny", "Severnii"; "Baltiyskiye", "Baltiyskie") are one
// i, so one customer written by several hands is one identity.
func romanFold(k string) string {
	if !strings.ContainsAny(k, "y") && !strings.Contains(k, "ii") {
		return k
	}
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == 'y' {
			c = 'i'
		}
		if c == 'i' && len(b) > 0 && b[len(b)-1] == 'i' {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// controlledItem: on the CHPL, an Iran-UAV commodity, a watch-listed part
// or with a control number (as the item fact controlled).
func controlledItem(g goods.Item) bool {
	return g.CHPLTier != "" || g.UAV != "" || g.Part != nil || len(g.Controls) > 0
}
