package tripline

import (
	"context"
	"time"
)

// OrderBookName is the book of the alerts that order-history rules raise:
// their party is the customer's screening identity, their entity the
// pattern ("RULE|HS6"), their reason ReasonOrderPattern. The rule of one
// open alert per (book, party, entity) holds: a pattern that fires again
// for the same customer and code updates the open alert with the new
// orders.
const OrderBookName = "orders"

// ReasonOrderPattern: a rule that looks across stored orders (split
// shipments, orders just below a threshold, new delivery address, re-order
// after a refusal) fired; the alert's explanation names every order
// involved (Evidence of kind "order").
const ReasonOrderPattern = "order_pattern"

// OrderRecord is one checked order as the book of orders keeps it: what
// history rules need of it (identities, controlled lines, delivery
// address) and its decision.
type OrderRecord struct {
	ID string `json:"id"`
	// Seq is the order's place in the book (the order of first checks;
	// kept when it is checked again), set when read.
	Seq int64 `json:"seq,omitempty"`
	// Date is the order's date, YYYY-MM-DD.
	Date string `json:"date"`
	// CheckedAt is when it was (last) checked.
	CheckedAt      time.Time `json:"checked_at"`
	Risk           Risk      `json:"risk"`
	Flags          []string  `json:"flags,omitempty"`
	RulesVersion   string    `json:"rules_version"`
	MatcherVersion string    `json:"matcher_version"`
	// Refused: the order was high risk on its own and the patterns of
	// earlier orders (a re-order after it is one after a refusal).
	Refused bool `json:"refused,omitempty"`
	// Lines are the controlled lines per customer identity.
	Lines []OrderLine `json:"lines,omitempty"`
	// Buyer is the buyer's screening identity, BuyerName its name;
	// Consignee the consignee's identity (the buyer's when none);
	// Address the folded delivery address and country, AddressText as
	// written.
	Buyer       string `json:"buyer,omitempty"`
	BuyerName   string `json:"buyer_name,omitempty"`
	Consignee   string `json:"consignee,omitempty"`
	Address     string `json:"address,omitempty"`
	AddressText string `json:"address_text,omitempty"`
	// Controlled: some item of the order is controlled.
	Controlled bool `json:"controlled,omitempty"`
	// Alerts are raised (or, an open one for the same pattern, updated)
	// with the order, in its transaction; not read back.
	Alerts []Alert `json:"-"`
}

// OrderLine is one controlled HS code of an order for one customer
// identity (buyer, consignee or end user).
type OrderLine struct {
	Key      string  `json:"key"`
	Party    string  `json:"party"`
	Role     string  `json:"role"`
	HS6      string  `json:"hs6"`
	Quantity float64 `json:"quantity"`
	ValueUSD float64 `json:"value_usd"`
}

// Keys are the index keys of r: one per line (identity and HS code) and
// one for its buyer ("buyer:" and the identity).
func (r *OrderRecord) Keys() []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, l := range r.Lines {
		add(l.Key + "|" + l.HS6)
	}
	if r.Buyer != "" {
		add("buyer:" + r.Buyer)
	}
	return out
}

// OrderQuery selects stored orders for history: those with any of Keys
// (OrderRecord.Keys) dated From to To (YYYY-MM-DD, inclusive), except the
// orders Exclude (being checked again), oldest check first.
type OrderQuery struct {
	Keys     []string
	From, To string
	Exclude  []string
	// Limit caps the orders returned (<= 0: 100,000).
	Limit int
}

// OrderBook is the stored book of orders.
type OrderBook interface {
	// RecordOrders stores the orders (an order id checked again replaces
	// its record: history is not doubled) and raises their alerts, with
	// their events in the outbox, in one transaction.
	RecordOrders(ctx context.Context, orders []OrderRecord) ([]Alert, error)
	// OrderHistory returns the stored orders q selects.
	OrderHistory(ctx context.Context, q OrderQuery) ([]OrderRecord, error)
	// Order returns one stored order (KindNotFound when none).
	Order(ctx context.Context, id string) (OrderRecord, error)
}

type orderStoreOffKey struct{}

// WithoutOrderStore returns a context in which a check with a stored book
// of orders is decided with the stored history but stores nothing
// (tripline check --no-store, POST /v1/check with "store": false, a check
// job submitted with store=false).
func WithoutOrderStore(ctx context.Context) context.Context {
	return context.WithValue(ctx, orderStoreOffKey{}, true)
}

// OrderStoreOff reports whether ctx came from WithoutOrderStore.
func OrderStoreOff(ctx context.Context) bool {
	v, _ := ctx.Value(orderStoreOffKey{}).(bool)
	return v
}
