package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/tripline/tripline"
)

// OrderStore is what the order-book tests need: the book of orders, the
// alerts it raises and the outbox.
type OrderStore interface {
	tripline.OrderBook
	tripline.AlertStore
	tripline.EventLog
}

// RunOrders runs the book-of-orders tests; open must return a new, empty
// store and arrange for it to be closed.
func RunOrders(t *testing.T, open func(t *testing.T) OrderStore) {
	t.Run("OrdersStoredAndReadByKeyAndWindow", func(t *testing.T) { testOrdersWindow(t, open(t)) })
	t.Run("OrderCheckedAgainIsReplaced", func(t *testing.T) { testOrderAgain(t, open(t)) })
	t.Run("OrdersLargeBatch", func(t *testing.T) { testOrdersLargeBatch(t, open(t)) })
	t.Run("OrderAlertsOneOpenPerPattern", func(t *testing.T) { testOrderAlerts(t, open(t)) })
	t.Run("OrdersRefuseBadInput", func(t *testing.T) { testOrdersInvalid(t, open(t)) })
}

func order(id, date, customer, hs6 string) tripline.OrderRecord {
	return tripline.OrderRecord{ID: id, Date: date, Risk: tripline.RiskLow, Flags: []string{"R1"}, RulesVersion: "rules-1", MatcherVersion: "m1",
		Lines: []tripline.OrderLine{{Key: customer, Party: "Acme " + customer, Role: "buyer", HS6: hs6, Quantity: 2, ValueUSD: 2000}},
		Buyer: customer, BuyerName: "Acme " + customer, Consignee: customer, Address: "street 1 " + customer, AddressText: "Street 1", Controlled: true}
}

func orderIDs(t *testing.T, b tripline.OrderBook, q tripline.OrderQuery) []string {
	t.Helper()
	rs, err := b.OrderHistory(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func testOrdersWindow(t *testing.T, s OrderStore) {
	ctx := context.Background()
	if _, err := s.RecordOrders(ctx, []tripline.OrderRecord{
		order("o1", "2025-01-01", "a", "8542.31"), order("o2", "2025-01-20", "a", "8542.31"), order("o3", "2025-03-01", "a", "8542.31"),
		order("o4", "2025-01-10", "b", "8542.31"), order("o5", "2025-01-12", "a", "8471.50"),
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    tripline.OrderQuery
		want []string
	}{
		{tripline.OrderQuery{Keys: []string{"a|8542.31"}, From: "2025-01-01", To: "2025-01-31"}, []string{"o1", "o2"}},
		{tripline.OrderQuery{Keys: []string{"a|8542.31", "b|8542.31"}, From: "2024-12-01", To: "2025-12-31"}, []string{"o1", "o2", "o3", "o4"}},
		{tripline.OrderQuery{Keys: []string{"buyer:a"}, From: "2025-01-01", To: "2025-01-31"}, []string{"o1", "o2", "o5"}},
		{tripline.OrderQuery{Keys: []string{"a|8542.31"}, From: "2025-01-01", To: "2025-12-31", Exclude: []string{"o2"}}, []string{"o1", "o3"}},
		{tripline.OrderQuery{Keys: []string{"nobody|8542.31"}, From: "2025-01-01", To: "2025-12-31"}, nil},
		{tripline.OrderQuery{}, nil},
	} {
		if got := orderIDs(t, s, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("OrderHistory(%+v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	o, err := s.Order(ctx, "o4")
	if err != nil || o.Risk != tripline.RiskLow || o.RulesVersion != "rules-1" || o.MatcherVersion != "m1" || len(o.Lines) != 1 || o.Lines[0].Key != "b" || o.CheckedAt.IsZero() || o.Seq == 0 {
		t.Errorf("Order(o4) = %+v, %v", o, err)
	}
	if _, err := s.Order(ctx, "nope"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Order(nope) = %v, want not found", err)
	}
}

func testOrderAgain(t *testing.T, s OrderStore) {
	ctx := context.Background()
	for _, batch := range [][]tripline.OrderRecord{
		{order("o1", "2025-01-01", "a", "8542.31"), order("o2", "2025-01-02", "a", "8542.31")},
		{order("o3", "2025-01-03", "a", "8542.31")},
	} {
		if _, err := s.RecordOrders(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.Order(ctx, "o1")
	again := order("o1", "2025-01-05", "c", "8542.31")
	again.Risk = tripline.RiskHigh
	if _, err := s.RecordOrders(ctx, []tripline.OrderRecord{again}); err != nil {
		t.Fatal(err)
	}
	q := tripline.OrderQuery{Keys: []string{"a|8542.31", "c|8542.31"}, From: "2025-01-01", To: "2025-12-31"}
	if got := orderIDs(t, s, q); !slices.Equal(got, []string{"o1", "o2", "o3"}) {
		t.Errorf("after o1 again: %v, want o1 (in its first place), o2, o3, none doubled", got)
	}
	if got := orderIDs(t, s, tripline.OrderQuery{Keys: []string{"a|8542.31"}, From: "2025-01-01", To: "2025-12-31"}); !slices.Equal(got, []string{"o2", "o3"}) {
		t.Errorf("o1's old keys are gone: got %v", got)
	}
	after, _ := s.Order(ctx, "o1")
	if after.Seq != before.Seq || after.Risk != tripline.RiskHigh || after.Date != "2025-01-05" {
		t.Errorf("o1 again = %+v, want seq %d, risk high", after, before.Seq)
	}
}

// testOrdersLargeBatch: a batch of 250 orders (more than one statement's
// worth of rows and keys) with one id given twice is stored in input
// order, the id in the place of its first occurrence with its last
// record, every key readable.
func testOrdersLargeBatch(t *testing.T, s OrderStore) {
	ctx := context.Background()
	var batch []tripline.OrderRecord
	var want []string
	for i := range 250 {
		o := order(fmt.Sprintf("b%03d", i), "2025-02-01", fmt.Sprintf("c%d", i%7), "8542.31")
		batch = append(batch, o)
		want = append(want, o.ID)
	}
	dup := order("b010", "2025-02-02", "c0", "8542.31")
	dup.Risk = tripline.RiskHigh
	batch = append(batch, dup)
	if _, err := s.RecordOrders(ctx, batch); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 7 {
		keys = append(keys, fmt.Sprintf("c%d|8542.31", i))
	}
	got := orderIDs(t, s, tripline.OrderQuery{Keys: keys, From: "2025-01-01", To: "2025-12-31"})
	if !slices.Equal(got, want) {
		t.Errorf("%d orders read back, want 250 in input order (first %v)", len(got), got[:min(5, len(got))])
	}
	if o, err := s.Order(ctx, "b010"); err != nil || o.Risk != tripline.RiskHigh || o.Date != "2025-02-02" {
		t.Errorf("b010 given twice = %+v, %v; want its last record", o, err)
	}
	// 36 of the 250 are c3's, but b010's last record is c0's.
	if got := orderIDs(t, s, tripline.OrderQuery{Keys: []string{"buyer:c3"}, From: "2025-01-01", To: "2025-12-31"}); len(got) != 35 || slices.Contains(got, "b010") {
		t.Errorf("buyer key c3: %d orders (b010 among them: %v), want 35 without b010", len(got), slices.Contains(got, "b010"))
	}
}

func testOrderAlerts(t *testing.T, s OrderStore) {
	ctx := context.Background()
	alert := func(orders ...string) tripline.Alert {
		ex := &tripline.Explanation{Summary: "split"}
		for _, o := range orders {
			ex.Evidence = append(ex.Evidence, tripline.Evidence{Kind: "order", Detail: o})
		}
		return tripline.Alert{Book: tripline.OrderBookName, PartyID: "a", PartyName: "Acme a", EntityID: "DERIVED-SPLIT-02|8542.31", EntityName: "DERIVED-SPLIT-02 HS 8542.31",
			Source: "orders", Score: 1, Reason: tripline.ReasonOrderPattern, Explanation: ex, RulesVersion: "rules-1"}
	}
	o3 := order("o3", "2025-01-03", "a", "8542.31")
	o3.Alerts = []tripline.Alert{alert("o1", "o2", "o3")}
	got, err := s.RecordOrders(ctx, []tripline.OrderRecord{o3})
	if err != nil || len(got) != 1 || got[0].ID == 0 || got[0].Status != tripline.AlertOpen || got[0].Reason != tripline.ReasonOrderPattern {
		t.Fatalf("RecordOrders with an alert = %+v, %v", got, err)
	}
	first := got[0]
	// The same pattern again, with one more order: the open alert is
	// updated; the same evidence once more changes nothing.
	o4 := order("o4", "2025-01-04", "a", "8542.31")
	o4.Alerts = []tripline.Alert{alert("o1", "o2", "o3", "o4")}
	for round, want := range []int{1, 0} {
		got, err = s.RecordOrders(ctx, []tripline.OrderRecord{o4})
		if err != nil || len(got) != want || (want == 1 && (got[0].ID != first.ID || len(got[0].Explanation.Evidence) != 4)) {
			t.Fatalf("round %d: RecordOrders = %+v, %v; want %d update(s) of alert %d", round, got, err, want, first.ID)
		}
	}
	as, err := s.Alerts(ctx, tripline.AlertFilter{Book: tripline.OrderBookName, Reason: tripline.ReasonOrderPattern})
	if err != nil || len(as) != 1 || as[0].Explanation == nil || len(as[0].Explanation.Evidence) != 4 || as[0].Explanation.Evidence[3].Detail != "o4" {
		t.Fatalf("Alerts = %+v, %v; want one open alert naming o1..o4", as, err)
	}
	evs, err := s.EventsAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range evs {
		types = append(types, e.Type)
	}
	if !slices.Equal(types, []string{"alert.created", "alert.updated"}) {
		t.Errorf("events = %v, want alert.created, alert.updated", types)
	}
}

func testOrdersInvalid(t *testing.T, s OrderStore) {
	ctx := context.Background()
	bad := order("o9", "2025-01-01", "a", "8542.31")
	bad.Alerts = []tripline.Alert{{Book: tripline.OrderBookName}}
	for _, os := range [][]tripline.OrderRecord{{order("", "2025-01-01", "a", "8542.31")}, {bad}} {
		if _, err := s.RecordOrders(ctx, os); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("RecordOrders(%+v) = %v, want invalid", os, err)
		}
	}
	if got := orderIDs(t, s, tripline.OrderQuery{Keys: []string{"a|8542.31"}}); len(got) != 0 {
		t.Errorf("a refused batch stored %v", got)
	}
}
