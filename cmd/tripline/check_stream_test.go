package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// The split-shipment stream of issue 13's acceptance: a deterministic
// stream of orders of fictional parties and items in which patterns that
// span several orders are planted, run through the real "tripline check"
// path (parties screened, the book of orders stored in the database), and
// every history flag compared with what was planted.
//
// Planted (each kind a group of orders of one customer):
//
//   - split: one controlled HS code in 3–5 small orders within 25 days,
//     the customer written differently on each (legal form, case,
//     punctuation, a leading legal form in quotes, Cyrillic and its
//     romanisation): DERIVED-SPLIT-02 on the third order on, naming every
//     order of the group up to it.
//   - below: 3–4 orders of one controlled code each valued USD 2,050–2,490
//     within 30 days: DERIVED-SPLIT-03 (and DERIVED-SPLIT-02) on the third
//     order on.
//   - reorder: a controlled order for an embargoed destination (refused:
//     high risk on its own), then within 10–120 days the same code through
//     a new consignee in a hub country: DERIVED-REORDER-01 on the re-order,
//     naming the refused one (and DERIVED-ADDR-01: a new delivery address).
//   - newaddr: two or three controlled orders 35–60 days apart to one
//     address, then one to another address (the buyer's own moved, or a
//     new consignee): DERIVED-ADDR-01 on the last, naming the earlier ones.
//
// And patterns that are not there: regular customers ordering controlled
// and other goods every 35–70 days to one address (name variants too);
// decoy pairs of two different companies whose names share all but one
// word, or a name in two countries, two orders each of one code within
// 20 days (four if they were wrongly taken for one customer); and one-off
// customers. Every history flag on an order where none was planted is a
// false raise.

// historyRuleIDs are the rules that read the history.
var historyRuleIDs = []string{"DERIVED-SPLIT-02", "DERIVED-SPLIT-03", "DERIVED-ADDR-01", "DERIVED-REORDER-01"}

// streamOrder is a generated order in the format tripline check reads.
type streamOrder struct {
	ID      string        `json:"id"`
	Date    string        `json:"date"`
	Parties []streamParty `json:"parties"`
	Items   []streamItem  `json:"items"`
	Route   struct {
		Origin      string   `json:"origin"`
		Transit     []string `json:"transit,omitempty"`
		Destination string   `json:"destination"`
	} `json:"route"`
	Payment struct {
		Method       string `json:"method"`
		PayerCountry string `json:"payer_country"`
		Currency     string `json:"currency"`
	} `json:"payment"`
	EndUse string `json:"end_use"`

	day   int
	order int // generation order, for a stable sort by date
	plant int // index into stream.plants + 1; 0: none
}

type streamParty struct {
	Role     string `json:"role"`
	Name     string `json:"name"`
	Country  string `json:"country"`
	Address  string `json:"address,omitempty"`
	Industry string `json:"industry,omitempty"`
}

type streamItem struct {
	Description string  `json:"description"`
	HSCode      string  `json:"hs_code"`
	Quantity    float64 `json:"quantity"`
	UnitValue   float64 `json:"unit_value"`
	Currency    string  `json:"currency"`
}

// streamPlant is one planted group: its orders (oldest first) and, per
// order index, the history rules it must raise with the orders their
// evidence must name.
type streamPlant struct {
	Kind   string                 `json:"kind"`
	Orders []string               `json:"orders"`
	Expect map[string]streamFlags `json:"expect"` // by order id
	at     []*streamOrder
	expect map[int]streamFlags // by index into at, until ids are set
}

// streamFlags: rule id → the order ids its evidence names.
type streamFlags map[string][]string

// stream is a generated stream and what was planted in it.
type stream struct {
	Orders []*streamOrder
	Plants []*streamPlant
	// Expect: order id → rule → order ids in its evidence.
	Expect map[string]streamFlags
}

// streamSizes says how many groups of each kind a stream of n orders
// holds (n ≥ 1,000).
func streamSizes(n int) map[string]int {
	k := n / 1000
	return map[string]int{"split": 3 * k, "below": 2 * k, "reorder": 2 * k, "newaddr": 2 * k, "decoy": 3 * k, "regular": 15 * k}
}

var (
	streamSyl  = []string{"kel", "var", "os", "tri", "mon", "zen", "dal", "bor", "vin", "tas", "lor", "qui", "mar", "sen", "dro", "fal", "ner", "ul", "pax", "rim", "sol", "tev", "gar", "hel", "ix", "jun", "kor", "lem", "nov", "ost"}
	streamWord = []string{"Instruments", "Electronics", "Components", "Systems", "Automation", "Technik", "Industrial", "Devices", "Controls", "Engineering", "Solutions", "Supply", "Trading", "Motion", "Power"}
	// The background's customer countries, with a legal form each.
	streamCountries = []struct{ code, form, city string }{
		{"DE", "GmbH", "Stuttgart"}, {"FR", "SARL", "Lyon"}, {"IT", "S.r.l.", "Turin"}, {"ES", "S.A.", "Bilbao"}, {"NL", "B.V.", "Eindhoven"},
		{"PL", "S.A.", "Wroclaw"}, {"CZ", "s.r.o.", "Brno"}, {"SE", "AB", "Vasteras"}, {"GB", "Ltd", "Leeds"}, {"US", "Inc.", "Dayton"},
		{"CA", "Inc.", "Waterloo"}, {"JP", "K.K.", "Nagoya"}, {"KR", "Co., Ltd.", "Suwon"}, {"IN", "Pvt. Ltd.", "Pune"}, {"BR", "Ltda.", "Campinas"},
		{"AE", "FZE", "Sharjah"}, {"TR", "A.S.", "Izmir"}, {"CN", "Co., Ltd.", "Suzhou"}, {"SG", "Pte. Ltd.", "Singapore"}, {"MX", "S.A. de C.V.", "Queretaro"},
	}
	streamControlled = []struct{ hs, desc string }{
		{"8542.31", "microcontroller"}, {"8542.32", "memory IC"}, {"8526.91", "GNSS receiver module"}, {"8501.31", "DC motor"},
		{"8471.50", "processing unit"}, {"8504.40", "DC-DC converter"}, {"8517.62", "transceiver module"},
	}
	streamPlain = []struct{ hs, desc string }{
		{"9403.20", "steel workbench"}, {"8481.80", "ball valve"}, {"7318.15", "hex bolts"}, {"8473.30", "keyboard"},
	}
	streamSellers = []streamParty{
		{Role: "seller", Name: "Example Components GmbH", Country: "DE"}, {Role: "seller", Name: "Sample Electronique SA", Country: "FR"},
		{Role: "seller", Name: "Demo Parts Corp.", Country: "US"}, {Role: "seller", Name: "Mock Devices K.K.", Country: "JP"},
	}
	streamEndUse = []string{"Production of industrial controllers", "Spare parts for packaging lines", "Assembly of building automation panels",
		"Maintenance of factory conveyor systems", "Integration into laboratory test benches"}
)

// streamGen generates one stream; names are unique per generator.
type streamGen struct {
	r     *rand.Rand
	used  map[string]bool
	out   []*streamOrder
	start time.Time
}

// name returns a fictional company name stem of two made-up words and a
// trade word, never returned before.
func (g *streamGen) name() string {
	for {
		w := func() string {
			s := streamSyl[g.r.Intn(len(streamSyl))] + streamSyl[g.r.Intn(len(streamSyl))] + streamSyl[g.r.Intn(len(streamSyl))]
			return strings.ToUpper(s[:1]) + s[1:]
		}
		n := w() + " " + w() + " " + streamWord[g.r.Intn(len(streamWord))]
		if !g.used[n] {
			g.used[n] = true
			return n
		}
	}
}

func (g *streamGen) order(day int, buyer streamParty, consignee *streamParty, items []streamItem, dest string) *streamOrder {
	o := &streamOrder{day: day, order: len(g.out), Date: g.start.AddDate(0, 0, day).Format("2006-01-02"), Items: items, EndUse: streamEndUse[g.r.Intn(len(streamEndUse))]}
	seller := streamSellers[g.r.Intn(len(streamSellers))]
	o.Parties = []streamParty{seller, buyer}
	if consignee != nil {
		o.Parties = append(o.Parties, *consignee)
	}
	o.Route.Origin, o.Route.Destination = seller.Country, dest
	o.Payment.Method, o.Payment.PayerCountry, o.Payment.Currency = "wire", buyer.Country, "USD"
	g.out = append(g.out, o)
	return o
}

func (g *streamGen) item(controlled bool, value float64) streamItem {
	c := streamPlain[g.r.Intn(len(streamPlain))]
	if controlled {
		c = streamControlled[g.r.Intn(len(streamControlled))]
	}
	return g.itemOf(c.hs, c.desc, value)
}

// itemOf is an item of code hs worth about value US dollars.
func (g *streamGen) itemOf(hs, desc string, value float64) streamItem {
	unit := float64(2+g.r.Intn(40)) + 0.5
	qty := float64(max(1, int(value/unit)))
	return streamItem{Description: desc, HSCode: hs, Quantity: qty, UnitValue: unit, Currency: "USD"}
}

// variants returns the ways one customer is written across its orders:
// the same screening identity under different strings.
func (g *streamGen) variants(stem, form string) []string {
	up := strings.ToUpper(stem)
	words := strings.Fields(stem)
	hyph := strings.Join(words[:2], "-") + " " + strings.Join(words[2:], " ")
	vs := []string{stem + " " + form, up + " " + strings.ToUpper(strings.NewReplacer(".", "", ",", "").Replace(form)), hyph + " " + form, stem + " " + "Ltd", stem}
	return vs
}

// cyrillic returns a made-up Russian company name never returned before,
// written in Cyrillic and in three romanisations of its ending (-ский as
// -skiy, -sky, -skii): one screening identity under four strings.
func (g *streamGen) cyrillic() []string {
	cons := [][2]string{{"к", "k"}, {"р", "r"}, {"м", "m"}, {"л", "l"}, {"н", "n"}, {"т", "t"}, {"в", "v"}, {"д", "d"}, {"б", "b"}, {"п", "p"}, {"с", "s"}, {"г", "g"}, {"з", "z"}}
	vow := [][2]string{{"а", "a"}, {"о", "o"}, {"и", "i"}, {"у", "u"}}
	nouns := [][2]string{{"Завод", "Zavod"}, {"Приборы", "Pribory"}, {"Электроника", "Elektronika"}, {"Системы", "Sistemy"}, {"Компоненты", "Komponenty"}}
	for {
		var cy, la string
		for range 3 {
			c, v := cons[g.r.Intn(len(cons))], vow[g.r.Intn(len(vow))]
			cy, la = cy+c[0]+v[0], la+c[1]+v[1]
		}
		n := nouns[g.r.Intn(len(nouns))]
		cy = strings.ToUpper(cy[:2]) + cy[2:] // the first letter is two bytes
		la = strings.ToUpper(la[:1]) + la[1:]
		if g.used[cy] {
			continue
		}
		g.used[cy] = true
		return []string{cy + "ский " + n[0], la + "skiy " + n[1], "TOO " + la + "sky " + n[1], strings.ToUpper(la + "skii " + n[1]), cy + "ский " + n[0]}
	}
}

// genStream returns a stream of n orders (n a multiple of 1,000) from seed.
func genStream(n int, seed int64) *stream {
	g := &streamGen{r: rand.New(rand.NewSource(seed)), used: map[string]bool{}, start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	sz := streamSizes(n)
	var plants []*streamPlant
	plant := func(kind string, at []*streamOrder, expect map[int]streamFlags) {
		p := &streamPlant{Kind: kind, at: at, expect: expect}
		plants = append(plants, p)
		for _, o := range at {
			o.plant = len(plants)
		}
	}
	country := func() (string, string, string) {
		c := streamCountries[g.r.Intn(len(streamCountries))]
		return c.code, c.form, c.city
	}
	addr := func(city string) string {
		return fmt.Sprintf("%d %s Street, %s", 1+g.r.Intn(300), g.name()[:5], city)
	}
	// evid names orders 0..k of at (placeholders resolved to ids later).
	upTo := func(k int) []string {
		out := make([]string, k+1)
		for i := range out {
			out[i] = fmt.Sprint(i)
		}
		return out
	}
	for i := 0; i < sz["split"]; i++ {
		cc, form, city := country()
		names := g.variants(g.name(), form)
		if i%4 == 0 {
			cc, names, city = "KZ", g.cyrillic(), "Almaty"
		}
		c := streamControlled[g.r.Intn(len(streamControlled))]
		a := addr(city)
		k := 3 + g.r.Intn(3)
		day := g.r.Intn(330)
		var at []*streamOrder
		exp := map[int]streamFlags{}
		for j := 0; j < k; j++ {
			// Small orders each above the threshold band (USD 2,600–4,000).
			at = append(at, g.order(day, streamParty{Role: "buyer", Name: names[j%len(names)], Country: cc, Address: a, Industry: "electronics manufacturing"}, nil,
				[]streamItem{g.itemOf(c.hs, c.desc, 2600+float64(g.r.Intn(1400)))}, cc))
			if j >= 2 {
				exp[j] = streamFlags{"DERIVED-SPLIT-02": upTo(j)}
			}
			day += 1 + g.r.Intn(6)
		}
		plant("split", at, exp)
	}
	for i := 0; i < sz["below"]; i++ {
		cc, form, city := country()
		names := g.variants(g.name(), form)
		c := streamControlled[g.r.Intn(len(streamControlled))]
		a := addr(city)
		k := 3 + g.r.Intn(2)
		day := g.r.Intn(330)
		var at []*streamOrder
		exp := map[int]streamFlags{}
		for j := 0; j < k; j++ {
			it := g.itemOf(c.hs, c.desc, 2000)
			// Just below USD 2,500: a whole quantity at a unit price that
			// lands in 2,050–2,490.
			it.Quantity = float64(10 + g.r.Intn(90))
			it.UnitValue = float64(int((2050+float64(g.r.Intn(440)))/it.Quantity*100)) / 100
			at = append(at, g.order(day, streamParty{Role: "buyer", Name: names[j%len(names)], Country: cc, Address: a}, nil, []streamItem{it}, cc))
			if j >= 2 {
				exp[j] = streamFlags{"DERIVED-SPLIT-02": upTo(j), "DERIVED-SPLIT-03": upTo(j)}
			}
			day += 1 + g.r.Intn(8)
		}
		plant("below", at, exp)
	}
	hubs := []struct{ code, city string }{{"AE", "Dubai"}, {"TR", "Istanbul"}, {"AM", "Yerevan"}, {"GE", "Tbilisi"}, {"KG", "Bishkek"}}
	for i := 0; i < sz["reorder"]; i++ {
		names := g.variants(g.name(), "Trading LLC")
		h := hubs[g.r.Intn(len(hubs))]
		c := streamControlled[g.r.Intn(len(streamControlled))]
		buyer := func(j int) streamParty {
			return streamParty{Role: "buyer", Name: names[j], Country: h.code, Address: addr(h.city)}
		}
		day := g.r.Intn(240)
		refusedTo := streamParty{Role: "consignee", Name: g.name() + " Co.", Country: "IR", Address: addr("Tehran")}
		first := g.order(day, buyer(0), &refusedTo, []streamItem{g.itemOf(c.hs, c.desc, 1000+float64(g.r.Intn(20000)))}, "IR")
		newTo := streamParty{Role: "consignee", Name: g.name() + " " + "FZCO", Country: h.code, Address: addr(h.city)}
		second := g.order(day+10+g.r.Intn(110), buyer(1), &newTo, []streamItem{g.itemOf(c.hs, c.desc, 1000+float64(g.r.Intn(20000)))}, h.code)
		plant("reorder", []*streamOrder{first, second}, map[int]streamFlags{1: {"DERIVED-REORDER-01": upTo(0), "DERIVED-ADDR-01": upTo(0)}})
	}
	for i := 0; i < sz["newaddr"]; i++ {
		cc, form, city := country()
		names := g.variants(g.name(), form)
		a := addr(city)
		k := 2 + g.r.Intn(2)
		day := g.r.Intn(200)
		var at []*streamOrder
		for j := 0; j < k; j++ {
			at = append(at, g.order(day, streamParty{Role: "buyer", Name: names[j], Country: cc, Address: a}, nil, []streamItem{g.item(true, 500+float64(g.r.Intn(9000)))}, cc))
			day += 35 + g.r.Intn(26)
		}
		b := streamParty{Role: "buyer", Name: names[k], Country: cc, Address: a}
		var to *streamParty
		if i%2 == 0 {
			b.Address = addr(city) // the buyer's own address changed
		} else {
			to = &streamParty{Role: "consignee", Name: g.name() + " " + form, Country: cc, Address: addr(city)}
		}
		at = append(at, g.order(day, b, to, []streamItem{g.item(true, 500+float64(g.r.Intn(9000)))}, cc))
		plant("newaddr", at, map[int]streamFlags{k: {"DERIVED-ADDR-01": upTo(k - 1)}})
	}
	// Decoys: two companies one word apart, or one name in two countries,
	// two orders each of one controlled code within 20 days.
	for i := 0; i < sz["decoy"]; i++ {
		cc, form, city := country()
		stem := g.name()
		w := strings.Fields(stem)
		other := w[0] + " " + w[1] + " " + streamWord[(slices.Index(streamWord, w[2])+1)%len(streamWord)]
		cc2, form2, city2 := cc, form, city
		if i%2 == 1 {
			other = stem
			for cc2 == cc {
				cc2, form2, city2 = country()
			}
		}
		c := streamControlled[g.r.Intn(len(streamControlled))]
		day := g.r.Intn(330)
		a, a2 := addr(city), addr(city2)
		for j := 0; j < 4; j++ {
			b := streamParty{Role: "buyer", Name: stem + " " + form, Country: cc, Address: a}
			if j%2 == 1 {
				b = streamParty{Role: "buyer", Name: other + " " + form2, Country: cc2, Address: a2}
			}
			g.order(day+j*g.r.Intn(6), b, nil, []streamItem{g.itemOf(c.hs, c.desc, 800+float64(g.r.Intn(5000)))}, b.Country)
		}
	}
	// Regular customers: 3–6 orders 35–70 days apart to one address.
	for i := 0; i < sz["regular"]; i++ {
		cc, form, city := country()
		names := g.variants(g.name(), form)
		a := addr(city)
		var to *streamParty
		if i%3 == 0 {
			to = &streamParty{Role: "consignee", Name: g.name() + " " + form, Country: cc, Address: addr(city)}
		}
		day := g.r.Intn(60)
		for j, k := 0, 3+g.r.Intn(4); j < k && day < 365; j++ {
			g.order(day, streamParty{Role: "buyer", Name: names[g.r.Intn(len(names))], Country: cc, Address: a}, to,
				[]streamItem{g.item(g.r.Intn(2) == 0, 300+float64(g.r.Intn(8000))), g.item(false, 100+float64(g.r.Intn(900)))}, cc)
			day += 35 + g.r.Intn(36)
		}
	}
	// One-off customers fill the stream.
	for len(g.out) < n {
		cc, form, city := country()
		var items []streamItem
		for j, k := 0, 1+g.r.Intn(3); j < k; j++ {
			items = append(items, g.item(g.r.Intn(2) == 0, 50+float64(g.r.Intn(20000))))
		}
		var to *streamParty
		if g.r.Intn(4) == 0 {
			to = &streamParty{Role: "consignee", Name: g.name() + " " + form, Country: cc, Address: addr(city)}
		}
		g.order(g.r.Intn(365), streamParty{Role: "buyer", Name: g.name() + " " + form, Country: cc, Address: addr(city)}, to, items, cc)
	}
	out := g.out[:n]
	sort.SliceStable(out, func(i, j int) bool { return out[i].day < out[j].day })
	for i, o := range out {
		o.ID = fmt.Sprintf("S%06d", i+1)
	}
	s := &stream{Orders: out, Expect: map[string]streamFlags{}}
	for _, p := range plants {
		if p.at[len(p.at)-1].ID == "" {
			continue // cut off by n
		}
		p.Expect = map[string]streamFlags{}
		for _, o := range p.at {
			p.Orders = append(p.Orders, o.ID)
		}
		for k, fl := range p.expect {
			resolved := streamFlags{}
			for rule, idx := range fl {
				for _, x := range idx {
					var at int
					fmt.Sscan(x, &at)
					resolved[rule] = append(resolved[rule], p.at[at].ID)
				}
			}
			p.Expect[p.at[k].ID] = resolved
			s.Expect[p.at[k].ID] = resolved
		}
		s.Plants = append(s.Plants, p)
	}
	return s
}

// write writes the stream's orders as JSON lines.
func (s *stream) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, o := range s.Orders {
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// streamScore is what a run's decisions say of the plants.
type streamScore struct {
	Orders, Plants, PlantsFound int
	// Missed: (order, rule) expected and not raised, or raised without
	// every expected order in its evidence.
	Missed []string
	// FalseRaises: history flags on orders where none was planted.
	FalseRaises []string
	ByKind      map[string][2]int // kind → found, planted
}

// score reads the decisions (JSON lines) and compares their history flags
// with the plants.
func (s *stream) score(decisions io.Reader) (streamScore, error) {
	got := map[string]map[string]string{} // id → rule → evidence
	sc := bufio.NewScanner(decisions)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		var d tripline.Decision
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return streamScore{}, fmt.Errorf("decision line %d: %v", n+1, err)
		}
		n++
		for _, f := range d.Flags {
			if slices.Contains(historyRuleIDs, f.Rule) {
				if got[d.ID] == nil {
					got[d.ID] = map[string]string{}
				}
				got[d.ID][f.Rule] = f.Evidence
			}
		}
	}
	if err := sc.Err(); err != nil {
		return streamScore{}, err
	}
	out := streamScore{Orders: n, Plants: len(s.Plants), ByKind: map[string][2]int{}}
	for _, p := range s.Plants {
		ok := true
		for id, fl := range p.Expect {
			for rule, ids := range fl {
				ev, raised := got[id][rule]
				for _, want := range ids {
					if raised && !strings.Contains(ev, want) {
						raised = false
					}
				}
				if !raised {
					ok = false
					out.Missed = append(out.Missed, fmt.Sprintf("%s %s %s (want %v, evidence %q)", p.Kind, id, rule, ids, got[id][rule]))
				}
			}
		}
		k := out.ByKind[p.Kind]
		k[1]++
		if ok {
			out.PlantsFound++
			k[0]++
		}
		out.ByKind[p.Kind] = k
	}
	for id, rules := range got {
		for rule := range rules {
			if _, planted := s.Expect[id][rule]; !planted {
				out.FalseRaises = append(out.FalseRaises, id+" "+rule+": "+rules[rule])
			}
		}
	}
	sort.Strings(out.Missed)
	sort.Strings(out.FalseRaises)
	return out, nil
}

// TestCheckStreamPlants runs tripline check over a stream of 5,000 orders
// with planted patterns, parties screened against the OFAC SDN list (when
// ../shared is there; else without screening) and the book of orders
// stored in the database: every plant raises its rules on the right orders
// naming the right orders, no other order raises a history rule, and the
// stored book holds every order with an alert for each pattern.
func TestCheckStreamPlants(t *testing.T) {
	s := genStream(5000, 13)
	counts := map[string]int{}
	for _, p := range s.Plants {
		counts[p.Kind]++
	}
	for kind, want := range map[string]int{"split": 15, "below": 10, "reorder": 10, "newaddr": 10} {
		if counts[kind] != want {
			t.Fatalf("%d %s plants in the stream, want %d", counts[kind], kind, want)
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "orders.jsonl")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db := filepath.Join(dir, "t.db")
	args := []string{"check", "--input", in}
	if p := filepath.Join("..", "..", "..", "shared", "data", "lists", "ofac_sdn"); dirExists(p) {
		mustCLI(t, db, "import", p)
	} else {
		t.Log("../shared/data/lists/ofac_sdn not available: checking without screening")
		args = append(args, "--no-screen")
	}
	r := mustCLI(t, db, args...)
	sc, err := s.score(strings.NewReader(r.Stdout))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Orders != 5000 {
		t.Errorf("%d decisions, want 5000", sc.Orders)
	}
	for _, m := range sc.Missed {
		t.Errorf("missed: %s", m)
	}
	for _, fr := range sc.FalseRaises {
		t.Errorf("false raise: %s", fr)
	}
	if sc.PlantsFound != sc.Plants {
		t.Errorf("%d of %d plants found (%v)", sc.PlantsFound, sc.Plants, sc.ByKind)
	}

	// The book holds every order; each plant's pattern has an open alert
	// naming every order of its flag.
	r = mustCLI(t, db, "alerts", "list", "--book", "orders", "--json", "--limit", "100000")
	var alerts []tripline.Alert
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		var a tripline.Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("alerts list: %v\n%.300s", err, line)
		}
		alerts = append(alerts, a)
	}
	named := map[string]bool{} // "rule order" for every order an alert names
	for _, a := range alerts {
		if a.Explanation == nil {
			continue
		}
		rule, _, _ := strings.Cut(a.EntityID, "|")
		for _, e := range a.Explanation.Evidence {
			named[rule+" "+e.Detail] = true
		}
	}
	for id, fl := range s.Expect {
		for rule, ids := range fl {
			for _, o := range append(ids, id) {
				if !named[rule+" "+o] {
					t.Errorf("no %s alert names order %s (flag on %s)", rule, o, id)
				}
			}
		}
	}
	st := openTestStore(t, db)
	for _, id := range []string{s.Orders[0].ID, s.Orders[len(s.Orders)-1].ID} {
		if _, err := st.(tripline.OrderBook).Order(context.Background(), id); err != nil {
			t.Errorf("order %s not in the book: %v", id, err)
		}
	}

	// Checked again, the same orders replace their records: the same
	// flags, nothing doubled.
	r2 := mustCLI(t, db, args...)
	if sc2, err := s.score(strings.NewReader(r2.Stdout)); err != nil || len(sc2.Missed)+len(sc2.FalseRaises) != 0 {
		t.Errorf("second run: %d missed, %d false raises, %v", len(sc2.Missed), len(sc2.FalseRaises), err)
	}
}

// TestGenStream: the stream is deterministic for its seed, dated in
// order, with unique ids, and each kind of plant as described.
func TestGenStream(t *testing.T) {
	a, b := genStream(2000, 5), genStream(2000, 5)
	var wa, wb strings.Builder
	if err := a.write(&wa); err != nil {
		t.Fatal(err)
	}
	b.write(&wb)
	if wa.String() != wb.String() {
		t.Fatal("one seed, two streams")
	}
	var wc strings.Builder
	genStream(2000, 6).write(&wc)
	if wc.String() == wa.String() {
		t.Fatal("another seed, the same stream")
	}
	seen := map[string]bool{}
	for i, o := range a.Orders {
		if seen[o.ID] || (i > 0 && o.Date < a.Orders[i-1].Date) {
			t.Fatalf("order %d %s %s: ids repeat or dates out of order", i, o.ID, o.Date)
		}
		seen[o.ID] = true
	}
	for _, p := range a.Plants {
		if len(p.Expect) == 0 || len(p.Orders) < 2 {
			t.Errorf("%s plant %v expects nothing", p.Kind, p.Orders)
		}
		first, _ := time.Parse("2006-01-02", p.at[0].Date)
		last, _ := time.Parse("2006-01-02", p.at[len(p.at)-1].Date)
		days := last.Sub(first).Hours() / 24
		switch p.Kind {
		case "split", "below":
			if days > 30 {
				t.Errorf("%s plant %v spans %v days", p.Kind, p.Orders, days)
			}
			var value float64
			for _, it := range p.at[0].Items {
				value += it.Quantity * it.UnitValue
			}
			if below := value >= 2000 && value <= 2500; below != (p.Kind == "below") {
				t.Errorf("%s plant %v: first order worth %.2f", p.Kind, p.Orders, value)
			}
		case "reorder":
			if p.at[0].Route.Destination != "IR" || p.at[1].Parties[2].Name == p.at[0].Parties[2].Name {
				t.Errorf("reorder plant %v: not a refused order then a new consignee", p.Orders)
			}
		}
	}
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// openTestStore opens the database db for reading in a test.
func openTestStore(t *testing.T, db string) tripline.Store {
	t.Helper()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, DBPath: db}
	t.Cleanup(func() { m.Close() })
	st, err := m.openStore(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// BenchmarkCheckStream runs tripline check (in process, the command's own
// code: screening, goods, facts, text, history, rules, the stored book) over
// a stream of 100,000 orders (TRIPLINE_STREAM_ORDERS to change) with every
// list of the database TRIPLINE_BENCH_DB loaded (a copy is used per run;
// skipped without it), and reports orders/s, the CPU time per order, the
// share of plants found and the false raises. TRIPLINE_STREAM_ARGS adds
// arguments (e.g. --no-history); TRIPLINE_STREAM_DUMP=DIR keeps the
// orders, the plants and the decisions there.
func BenchmarkCheckStream(b *testing.B) {
	src := os.Getenv("TRIPLINE_BENCH_DB")
	if src == "" {
		b.Skip("set TRIPLINE_BENCH_DB to a database with the lists imported (it is copied, not changed)")
	}
	n := 100000
	if v := os.Getenv("TRIPLINE_STREAM_ORDERS"); v != "" {
		fmt.Sscan(v, &n)
	}
	s := genStream(n, 13)
	dir := b.TempDir()
	if d := os.Getenv("TRIPLINE_STREAM_DUMP"); d != "" {
		dir = d
	}
	in := filepath.Join(dir, "orders.jsonl")
	f, err := os.Create(in)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.write(f); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if pf, err := os.Create(filepath.Join(dir, "plants.json")); err == nil {
		json.NewEncoder(pf).Encode(s.Plants)
		pf.Close()
	}
	var last streamScore
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(dir, "bench.db")
		os.Remove(db)
		copyFile(b, src, db, -1)
		outPath := filepath.Join(dir, "decisions.jsonl")
		out, err := os.Create(outPath)
		if err != nil {
			b.Fatal(err)
		}
		var errb strings.Builder
		m := &Main{Stdin: strings.NewReader(""), Stdout: out, Stderr: &errb, Getenv: func(string) string { return "" }}
		args := append([]string{"--db", db, "check", "--input", in}, strings.Fields(os.Getenv("TRIPLINE_STREAM_ARGS"))...)
		c0 := cpuTime()
		b.StartTimer()
		code := m.Run(context.Background(), args)
		b.StopTimer()
		cpu += cpuTime() - c0
		m.Close()
		out.Close()
		if code != 0 {
			b.Fatalf("tripline check: exit %d: %s", code, errb.String())
		}
		df, err := os.Open(outPath)
		if err != nil {
			b.Fatal(err)
		}
		last, err = s.score(df)
		df.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "orders/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n*b.N), "cpu-µs/order")
	b.ReportMetric(float64(last.PlantsFound)/float64(max(1, last.Plants)), "plants_found")
	b.ReportMetric(float64(last.Plants), "plants")
	b.ReportMetric(float64(len(last.FalseRaises)), "false_raises")
	b.Logf("plants by kind (found, planted): %v; missed %d, false raises %d", last.ByKind, len(last.Missed), len(last.FalseRaises))
	for _, x := range append(last.Missed[:min(10, len(last.Missed))], last.FalseRaises[:min(10, len(last.FalseRaises))]...) {
		b.Log(x)
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
