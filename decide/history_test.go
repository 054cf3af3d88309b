package decide

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// histOrder is an order of one customer for one item.
func histOrder(id, date, buyer, country, hs string, qty, unit float64) *tripline.Transaction {
	return &tripline.Transaction{ID: id, Date: date,
		Parties: []tripline.Party{{Role: "buyer", Name: buyer, Country: country}},
		Items:   []tripline.Item{{Description: "part", HSCode: hs, Quantity: qty, UnitValue: unit, Currency: "USD"}},
		Route:   tripline.Route{Origin: "DE", Destination: country}}
}

func flagEvidence(d *tripline.Decision, rule string) (string, bool) {
	for _, f := range d.Flags {
		if f.Rule == rule {
			return f.Evidence, true
		}
	}
	return "", false
}

// TestHistoryPatterns: the same buyer written three ways orders one CHPL
// code three times in a month (a split); three orders each just below the
// filing threshold; orders far apart in time, of other codes or of other
// buyers make no pattern; an order sees only the orders before it.
func TestHistoryPatterns(t *testing.T) {
	env, rs := mustDefault(t)
	orders := []*tripline.Transaction{
		histOrder("a1", "2025-03-01", "Acme Trading LLC", "AE", "8542.31", 100, 20),
		histOrder("a2", "2025-03-09", "ACME TRADING L.L.C.", "AE", "8542.31", 120, 20),
		histOrder("x1", "2025-03-10", "Acme Trading LLC", "AE", "9403.20", 5, 100), // furniture: not controlled
		histOrder("b1", "2025-03-10", "Beta Systems FZE", "AE", "8542.31", 100, 20),
		histOrder("a3", "2025-03-20", "Acme Trading Co.", "AE", "8542.31", 90, 20),
		histOrder("t1", "2025-05-01", "Tanit Components", "TR", "8542.31", 100, 23),
		histOrder("t2", "2025-05-05", "Tanit Components", "TR", "8542.31", 110, 22),
		histOrder("t3", "2025-05-09", "Tanit Components", "TR", "8542.31", 98, 24),
		histOrder("a4", "2025-09-01", "Acme Trading LLC", "AE", "8542.31", 100, 20), // months later
	}
	check := func(batch int) map[string]*tripline.Decision {
		c := New(nil, env, rs)
		c.History = NewHistory()
		out := map[string]*tripline.Decision{}
		for i := 0; i < len(orders); i += batch {
			ds, err := c.CheckAll(context.Background(), orders[i:min(i+batch, len(orders))])
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				out[d.ID] = d
			}
		}
		return out
	}
	all := check(len(orders))
	for id, want := range map[string]string{"a1": "", "a2": "", "x1": "", "b1": "", "a3": "a1, a2, a3", "t1": "", "t2": "", "t3": "t1, t2, t3", "a4": ""} {
		ev, ok := flagEvidence(all[id], "DERIVED-SPLIT-02")
		if (want != "") != ok || !strings.Contains(ev, want) {
			t.Errorf("%s: split flag %v %q, want orders %q", id, ok, ev, want)
		}
	}
	if ev, ok := flagEvidence(all["t3"], "DERIVED-SPLIT-03"); !ok || !strings.Contains(ev, "t1, t2, t3") {
		t.Errorf("t3: below-threshold flag %v %q", ok, ev)
	}
	if _, ok := flagEvidence(all["a3"], "DERIVED-SPLIT-03"); ok {
		t.Errorf("a3 (USD 1,800 an order) is not just below the threshold")
	}
	// One order a batch decides the same.
	one := check(1)
	for id, d := range all {
		if fmt.Sprint(d.Flags) != fmt.Sprint(one[id].Flags) {
			t.Errorf("%s: batch of all %v, batches of one %v", id, d.Flags, one[id].Flags)
		}
	}
	// Without a history there are no history flags.
	c := New(nil, env, rs)
	ds, err := c.CheckAll(context.Background(), orders)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if _, ok := flagEvidence(d, "DERIVED-SPLIT-02"); ok {
			t.Errorf("%s flagged without a history", d.ID)
		}
	}
}

// TestHistoryRomanisations: one Russian customer written in Cyrillic and in
// two romanisations ("Severnyy", "Severny", й as y or i) is one identity
// and makes a split; a company one word apart is another.
func TestHistoryRomanisations(t *testing.T) {
	env, rs := mustDefault(t)
	orders := []*tripline.Transaction{
		histOrder("r1", "2025-03-01", "Северный Приборный Завод", "KZ", "8542.31", 100, 20),
		histOrder("r2", "2025-03-04", "Severnyy Pribornyy Zavod", "KZ", "8542.31", 100, 20),
		histOrder("n1", "2025-03-05", "Severnyy Pribornyy Tsentr", "KZ", "8542.31", 100, 20),
		histOrder("r3", "2025-03-08", "TOO Severny Pribornyi Zavod", "KZ", "8542.31", 100, 20),
		histOrder("n2", "2025-03-09", "Severnyy Pribornyy Tsentr", "KZ", "8542.31", 100, 20),
	}
	c := New(nil, env, rs)
	c.History = NewHistory()
	ds, err := c.CheckAll(context.Background(), orders)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"", "", "", "r1, r2, r3", ""} {
		ev, ok := flagEvidence(ds[i], "DERIVED-SPLIT-02")
		if (want != "") != ok || !strings.Contains(ev, want) {
			t.Errorf("%s: split flag %v %q, want %q", ds[i].ID, ok, ev, want)
		}
	}
	for k, want := range map[string]string{"severnyy": "severni", "baltiyskiye": "baltiskie", "baltiyskie": "baltiskie", "pribornii": "priborni", "acme": "acme"} {
		if got := romanFold(k); got != want {
			t.Errorf("romanFold(%q) = %q, want %q", k, got, want)
		}
	}
}

// TestPartyIdentity: a party is known by the listed entity it matched
// when the hit is strong, else by its name and country (a weak hit does not
// make one customer of the parties that scored against one entity).
func TestPartyIdentity(t *testing.T) {
	p := tripline.Party{Role: "buyer", Name: "Tevjunzen Solnertri Automation S.A.", Country: "ES"}
	hit := func(score float64) []tripline.PartyHit {
		return []tripline.PartyHit{{Role: "buyer", Party: p.Name, ID: "eu-fsf:6688", Score: score}}
	}
	for _, tc := range []struct {
		hits []tripline.PartyHit
		want string
	}{
		{nil, "name:tevjunzen solnertri automation|ES"},
		{hit(0.88), "name:tevjunzen solnertri automation|ES"},
		{hit(0.97), "listed:eu-fsf:6688"},
	} {
		if got := partyIdentity(p, tc.hits); got != tc.want {
			t.Errorf("hits %v: identity %q, want %q", tc.hits, got, tc.want)
		}
	}
}

// TestHistoryNewAddress: a buyer's controlled order to an address it has
// not used raises DERIVED-ADDR-01 naming the earlier orders; its first
// order, a return to a known address and ordinary goods do not.
func TestHistoryNewAddress(t *testing.T) {
	env, rs := mustDefault(t)
	at := func(tx *tripline.Transaction, addr string) *tripline.Transaction {
		tx.Parties[0].Address = addr
		return tx
	}
	orders := []*tripline.Transaction{
		at(histOrder("d1", "2025-04-01", "Delta Electronics Ltd", "GE", "8542.31", 10, 20), "1 Rustaveli Ave, Tbilisi"),
		at(histOrder("d2", "2025-04-20", "DELTA ELECTRONICS LIMITED", "GE", "8542.31", 10, 20), "1 Rustaveli Ave., Tbilisi"),
		at(histOrder("d3", "2025-06-02", "Delta Electronics", "GE", "9403.20", 2, 200), "7 Port St, Poti"),
		at(histOrder("d4", "2025-06-10", "Delta Electronics Ltd", "GE", "8542.31", 10, 20), "12 Airport Rd, Tbilisi"),
		at(histOrder("d5", "2025-07-10", "Delta Electronics Ltd", "GE", "8542.31", 10, 20), "1 Rustaveli Ave, Tbilisi"),
	}
	c := New(nil, env, rs)
	c.History = NewHistory()
	ds, err := c.CheckAll(context.Background(), orders)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"", "", "", "d1, d2, d3", ""} {
		ev, ok := flagEvidence(ds[i], "DERIVED-ADDR-01")
		if (want != "") != ok || !strings.Contains(ev, want) {
			t.Errorf("%s: new-address flag %v %q, want %q", ds[i].ID, ok, ev, want)
		}
	}
}

// plantedStream returns n orders of one-off customers with plants groups
// of three to five orders in which one customer (written with varying
// legal forms and case) orders one controlled code within three weeks;
// the groups' ids are returned by their last order.
func plantedStream(n, plants int) ([]*tripline.Transaction, map[string][]string) {
	r := rand.New(rand.NewSource(7))
	codes := []string{"8542.31", "8542.32", "8526.91", "8501.31", "8471.50"}
	forms := []string{"LLC", "L.L.C.", "Ltd", "Limited", "FZE", "Co., Ltd."}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*tripline.Transaction, 0, n)
	groups := map[string][]string{}
	planted := 0
	for len(out) < n {
		if planted < plants && r.Intn(n/plants) == 0 {
			k := 3 + r.Intn(3)
			name := fmt.Sprintf("Planted %s Trading %d", []string{"Orion", "Vega", "Altair", "Sirius"}[planted%4], planted)
			code := codes[r.Intn(len(codes))]
			day := r.Intn(330)
			var ids []string
			for j := 0; j < k && len(out) < n; j++ {
				id := fmt.Sprintf("p%d-%d", planted, j)
				day += r.Intn(6)
				buyer := name + " " + forms[r.Intn(len(forms))]
				if j%2 == 1 {
					buyer = strings.ToUpper(buyer)
				}
				out = append(out, histOrder(id, start.AddDate(0, 0, day).Format("2006-01-02"), buyer, "AE", code, float64(50+r.Intn(100)), 20))
				ids = append(ids, id)
			}
			if len(ids) >= 3 {
				groups[ids[len(ids)-1]] = ids
			}
			planted++
			continue
		}
		id := fmt.Sprintf("o%d", len(out))
		out = append(out, histOrder(id, start.AddDate(0, 0, r.Intn(365)).Format("2006-01-02"), fmt.Sprintf("Customer %d GmbH", len(out)), "DE", codes[r.Intn(len(codes))], float64(1+r.Intn(500)), 20))
	}
	return out, groups
}

// TestHistoryPlantedStream: in a stream of one-off customers every planted
// split is found, on its last order, with all its orders, and nothing else
// is.
func TestHistoryPlantedStream(t *testing.T) {
	env, rs := mustDefault(t)
	orders, groups := plantedStream(3000, 40)
	c := New(nil, env, rs)
	c.History = NewHistory()
	var flagged []string
	for i := 0; i < len(orders); i += 256 {
		ds, err := c.CheckAll(context.Background(), orders[i:min(i+256, len(orders))])
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if ev, ok := flagEvidence(d, "DERIVED-SPLIT-02"); ok {
				flagged = append(flagged, d.ID)
				if ids, planted := groups[d.ID]; planted && !strings.Contains(ev, strings.Join(ids, ", ")) {
					t.Errorf("%s: evidence %q lacks %v", d.ID, ev, ids)
				}
			}
		}
	}
	found := 0
	for _, id := range flagged {
		if _, ok := groups[id]; ok {
			found++
		} else if !strings.HasPrefix(id, "p") {
			t.Errorf("%s flagged, not planted", id)
		}
	}
	if found != len(groups) || len(groups) < 30 {
		t.Errorf("found %d of %d planted splits", found, len(groups))
	}
}

// BenchmarkHistoryStream decides a stream of 100,000 orders with planted
// splits (no screening: goods, facts, history and rules), with and
// without the history, reporting orders/s and the share of plants found.
func BenchmarkHistoryStream(b *testing.B) {
	env, rs := mustDefault(b)
	orders, groups := plantedStream(100000, 1000)
	for _, withHistory := range []bool{true, false} {
		b.Run(map[bool]string{true: "history", false: "none"}[withHistory], func(b *testing.B) {
			for n := 0; n < b.N; n++ {
				c := New(nil, env, rs)
				if withHistory {
					c.History = NewHistory()
				}
				found := 0
				for i := 0; i < len(orders); i += 256 {
					ds, err := c.CheckAll(context.Background(), orders[i:min(i+256, len(orders))])
					if err != nil {
						b.Fatal(err)
					}
					for _, d := range ds {
						if _, ok := flagEvidence(d, "DERIVED-SPLIT-02"); ok {
							if _, planted := groups[d.ID]; planted {
								found++
							}
						}
					}
				}
				b.ReportMetric(float64(found)/float64(len(groups)), "plants_found")
			}
			b.ReportMetric(float64(len(orders)*b.N)/b.Elapsed().Seconds(), "orders/s")
		})
	}
}
