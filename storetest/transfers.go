package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TransferStore is a store of arms-transfer registers and articles that
// keeps the event outbox.
type TransferStore interface {
	tripline.TransferStore
	tripline.ArticleStore
	tripline.EventLog
}

// RunTransfers runs the tests of registers, articles and claims; open
// must return a new, empty store and arrange for it to be closed.
func RunTransfers(t *testing.T, open func(t *testing.T) TransferStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s TransferStore)
	}{
		{"TransfersImportAndQuery", testTransfersQuery},
		{"TransfersUnchanged", testTransfersUnchanged},
		{"TransfersNewEditionDelta", testTransfersDelta},
		{"TransfersBaselineEvents", testTransfersBaseline},
		{"TransfersInvalidSetStoresNothing", testTransfersInvalid},
		{"ArticlesAndClaims", testArticles},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func ip(n int) *int { return &n }

// Deal returns a small fictional deal of source.
func Deal(source, key, supplier, supplierCode, recipient, recipientCode, designation string, orderYear int, delivered int, years ...int) *tripline.Transfer {
	t := &tripline.Transfer{ID: source + ":" + key, Source: source, Designation: designation, Description: "missile boat",
		Supplier:  tripline.TransferParty{Name: supplier, Code: supplierCode, Kind: tripline.PartyState, Country: supplierCode},
		Recipient: tripline.TransferParty{Name: recipient, Code: recipientCode, Kind: tripline.PartyState, Country: recipientCode},
		OrderYear: orderYear, Ordered: ip(delivered), Delivered: ip(delivered), DeliveryYears: years, Status: "New",
		Uncertain: []string{"order_year"}, Reports: []tripline.Report{{Source: source, Confidence: "medium"}}}
	if recipientCode == "" {
		t.Recipient.Kind = tripline.PartyNonState
	}
	for i, y := range years {
		q := delivered / len(years)
		if i < delivered%len(years) {
			q++
		}
		t.Deliveries = append(t.Deliveries, tripline.Delivery{Year: y, Quantity: q, Estimated: len(years) > 1, TIV: 1.5})
	}
	return t
}

func dealSet(source, hash string, ts ...*tripline.Transfer) *tripline.TransferSet {
	return &tripline.TransferSet{Source: source, Format: "test", PublishedAt: "2030-01-02", Hash: hash, Files: []string{"r.csv"}, Transfers: ts}
}

func firstDeals() []*tripline.Transfer {
	boats := Deal("reg", "1", "Iran", "IR", "Venezuela", "VE", "Peykaap", 2021, 4, 2022, 2023)
	boats.System, boats.SystemType, boats.Producers = "zolfaghar-fac", "fast_attack_craft", []string{"irgcn"}
	missiles := Deal("reg", "2", "Iran", "IR", "Venezuela", "VE", "CM-90 Nasr", 2021, 16, 2022, 2023)
	missiles.System = "nasr-1"
	drones := Deal("reg", "3", "Iran", "IR", "Russia", "RU", "Shahed-136", 2022, 300, 2022, 2023, 2024)
	drones.System = "shahed-136"
	houthi := Deal("reg", "4", "Iran", "IR", "Houthi rebels (Yemen)", "", "Shahed-131", 2019, 12, 2020)
	old := Deal("reg", "5", "Soviet Union", "SU", "Iran", "IR", "T-72", 1990, 100)
	old.Deliveries = nil
	return []*tripline.Transfer{boats, missiles, drones, houthi, old}
}

func mustImportTransfers(t *testing.T, s TransferStore, ts *tripline.TransferSet) (tripline.TransferSnapshot, bool) {
	t.Helper()
	snap, created, err := s.ImportTransfers(context.Background(), ts)
	if err != nil {
		t.Fatalf("ImportTransfers(%s, %s): %v", ts.Source, ts.Hash, err)
	}
	return snap, created
}

func transferIDs(ts []tripline.Transfer) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	slices.Sort(out)
	return out
}

func testTransfersQuery(t *testing.T, s TransferStore) {
	ctx := context.Background()
	snap, created := mustImportTransfers(t, s, dealSet("reg", "h1", firstDeals()...))
	if !created || snap.ID == 0 || snap.Count != 5 || !snap.Current || snap.Added != 5 || snap.Previous != 0 || snap.PublishedAt != "2030-01-02" || snap.ImportedAt.IsZero() {
		t.Fatalf("snapshot = %+v, created %v", snap, created)
	}
	all, total, err := s.Transfers(ctx, tripline.TransferFilter{})
	if err != nil || total != 5 || len(all) != 5 {
		t.Fatalf("Transfers() = %d of %d, %v; want 5", len(all), total, err)
	}
	var boats *tripline.Transfer
	for i := range all {
		if all[i].ID == "reg:1" {
			boats = &all[i]
		}
		if all[i].SnapshotID != snap.ID {
			t.Errorf("%s: snapshot %d, want %d", all[i].ID, all[i].SnapshotID, snap.ID)
		}
	}
	if boats == nil || boats.System != "zolfaghar-fac" || *boats.Delivered != 4 || !slices.Equal(boats.DeliveryYears, []int{2022, 2023}) ||
		!boats.IsUncertain("order_year") || len(boats.Reports) != 1 || len(boats.Deliveries) != 2 || !slices.Equal(boats.Producers, []string{"irgcn"}) {
		t.Errorf("boats read back as %+v", boats)
	}
	for _, tc := range []struct {
		f    tripline.TransferFilter
		want []string
	}{
		{tripline.TransferFilter{Supplier: "IR", Recipient: "VE"}, []string{"reg:1", "reg:2"}},
		{tripline.TransferFilter{Supplier: "iran", Recipient: "venezuela"}, []string{"reg:1", "reg:2"}},
		{tripline.TransferFilter{Recipient: "Houthi rebels (Yemen)"}, []string{"reg:4"}},
		{tripline.TransferFilter{Systems: []string{"zolfaghar-fac"}}, []string{"reg:1"}},
		{tripline.TransferFilter{Systems: []string{"cm-90 NASR", "shahed-136"}}, []string{"reg:2", "reg:3"}},
		{tripline.TransferFilter{Since: 2024}, []string{"reg:3"}},
		{tripline.TransferFilter{Until: 1995}, []string{"reg:5"}},
		{tripline.TransferFilter{Since: 2020, Until: 2020}, []string{"reg:4"}},
		{tripline.TransferFilter{Supplier: "SU"}, []string{"reg:5"}},
		{tripline.TransferFilter{Source: "other"}, nil},
		{tripline.TransferFilter{Recipient: "XX"}, nil},
	} {
		got, n, err := s.Transfers(ctx, tc.f)
		if err != nil || !slices.Equal(transferIDs(got), tc.want) || n != len(tc.want) {
			t.Errorf("Transfers(%+v) = %v (total %d), %v; want %v", tc.f, transferIDs(got), n, err, tc.want)
		}
	}
	page, n, err := s.Transfers(ctx, tripline.TransferFilter{Supplier: "IR", Limit: 2, Offset: 1})
	if err != nil || n != 4 || len(page) != 2 {
		t.Errorf("a page of 2 after 1 = %d of %d, %v; want 2 of 4", len(page), n, err)
	}
	if got, err := s.Transfer(ctx, "reg:3"); err != nil || got.System != "shahed-136" || got.SnapshotID != snap.ID {
		t.Errorf("Transfer(reg:3) = %+v, %v", got, err)
	}
	if _, err := s.Transfer(ctx, "reg:none"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Transfer of an unknown id: %v, want NotFound", err)
	}
	dy, err := s.Deliveries(ctx, tripline.TransferFilter{Supplier: "IR"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]tripline.DyadYear{}
	for _, d := range dy {
		got[fmt.Sprintf("%s>%s@%d", d.Supplier.Key(), d.Recipient.Key(), d.Year)] = d
	}
	if d := got["IR>VE@2022"]; d.Deals != 2 || d.Quantity != 2+8 || d.TIV != 3 || d.Supplier.Name != "Iran" || d.Recipient.Code != "VE" {
		t.Errorf("IR>VE 2022 = %+v; want 2 deals, 10 units, TIV 3", d)
	}
	if d := got["IR>houthi rebels (yemen)@2020"]; d.Quantity != 12 || d.Recipient.Kind != tripline.PartyNonState {
		t.Errorf("deliveries to a non-state party = %+v (all: %v)", d, got)
	}
	if len(dy) != 6 {
		t.Errorf("%d dyad-years, want 6: %v", len(dy), got)
	}
	if dy, _ := s.Deliveries(ctx, tripline.TransferFilter{Supplier: "IR", Since: 2023, Until: 2023}); len(dy) != 2 {
		t.Errorf("deliveries in 2023 = %+v, want IR>VE and IR>RU", dy)
	}
}

func testTransfersUnchanged(t *testing.T, s TransferStore) {
	first, _ := mustImportTransfers(t, s, dealSet("reg", "h1", firstDeals()...))
	again, created := mustImportTransfers(t, s, dealSet("reg", "h1", firstDeals()...))
	if created || again.ID != first.ID {
		t.Errorf("identical import = %+v, created %v; want snapshot %d unchanged", again, created, first.ID)
	}
	snaps, err := s.TransferSnapshots(context.Background(), "reg")
	if err != nil || len(snaps) != 1 {
		t.Errorf("TransferSnapshots = %+v, %v; want 1", snaps, err)
	}
}

func eventsOf(t *testing.T, s tripline.EventLog, after int64) []tripline.Event {
	t.Helper()
	var out []tripline.Event
	for {
		evs, err := s.EventsAfter(context.Background(), after, 500)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			return out
		}
		out = append(out, evs...)
		after = evs[len(evs)-1].Seq
	}
}

func testTransfersDelta(t *testing.T, s TransferStore) {
	ctx := context.Background()
	first, _ := mustImportTransfers(t, s, dealSet("reg", "h1", firstDeals()...))
	evs := eventsOf(t, s, 0)
	if len(evs) != 6 || evs[5].Type != "transfers.imported" {
		t.Fatalf("a small first import wrote %d events, want 5 transfer.added and transfers.imported", len(evs))
	}
	var p struct {
		Change     string                 `json:"change"`
		TransferID string                 `json:"transfer_id"`
		Supplier   tripline.TransferParty `json:"supplier"`
		Recipient  tripline.TransferParty `json:"recipient"`
		System     string                 `json:"system"`
		Producers  []string               `json:"producers"`
		SnapshotID int64                  `json:"snapshot_id"`
	}
	if err := json.Unmarshal(evs[0].Payload, &p); err != nil || evs[0].Type != "transfer.added" || p.TransferID != "reg:1" ||
		p.Supplier.Code != "IR" || p.Recipient.Code != "VE" || p.System != "zolfaghar-fac" || !slices.Equal(p.Producers, []string{"irgcn"}) || p.SnapshotID != first.ID {
		t.Errorf("first event %s %s = %+v, %v", evs[0].Type, evs[0].Payload, p, err)
	}
	last := evs[len(evs)-1].Seq

	deals := firstDeals()
	deals[2].Delivered = ip(500) // changed
	deals[2].Reports[0].PublishedAt = "2031-01-01"
	deals[0].Reports[0].PublishedAt = "2031-01-01" // a new edition's date only: unchanged
	deals = append(deals[:3], deals[4])            // reg:4 removed
	added := Deal("reg", "6", "Iran", "IR", "Venezuela", "VE", "Mohajer-6", 2024, 2, 2025)
	deals = append(deals, added)
	second, created := mustImportTransfers(t, s, dealSet("reg", "h2", deals...))
	if !created || second.Previous != first.ID || second.Added != 1 || second.Removed != 1 || second.Changed != 1 || second.Count != 5 {
		t.Fatalf("second edition = %+v; want 1 added, 1 removed, 1 changed against %d", second, first.ID)
	}
	kinds := map[string]string{}
	for _, ev := range eventsOf(t, s, last) {
		_ = json.Unmarshal(ev.Payload, &p)
		kinds[ev.Type] += p.TransferID
	}
	if kinds["transfer.added"] != "reg:6" || kinds["transfer.removed"] != "reg:4" || kinds["transfer.changed"] != "reg:3" || len(kinds) != 4 {
		t.Errorf("events of the second edition = %v", kinds)
	}
	snaps, _ := s.TransferSnapshots(ctx, "")
	if len(snaps) != 2 || snaps[0].ID != second.ID || !snaps[0].Current || snaps[1].Current {
		t.Errorf("snapshots = %+v; want the second current, newest first", snaps)
	}
	if _, err := s.Transfer(ctx, "reg:4"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("a removed deal is still current: %v", err)
	}
	if got, _ := s.Transfer(ctx, "reg:3"); got == nil || *got.Delivered != 500 {
		t.Errorf("changed deal = %+v", got)
	}
	// Another register is kept apart.
	other := Deal("mine", "a", "Iran", "IR", "Venezuela", "VE", "Peykaap", 2021, 1, 2023)
	mustImportTransfers(t, s, dealSet("mine", "m1", other))
	if got, n, _ := s.Transfers(ctx, tripline.TransferFilter{Recipient: "VE"}); n != 4 {
		t.Errorf("VE over both registers = %v, want 4", transferIDs(got))
	}
	if _, n, _ := s.Transfers(ctx, tripline.TransferFilter{Recipient: "VE", Source: "mine"}); n != 1 {
		t.Errorf("VE in register mine = %d, want 1", n)
	}
}

func testTransfersBaseline(t *testing.T, s TransferStore) {
	var deals []*tripline.Transfer
	for i := 0; i <= tripline.BaselineEvents; i++ {
		deals = append(deals, Deal("big", fmt.Sprint(i), "France", "FR", "Chile", "CL", fmt.Sprintf("X-%d", i), 2000, 1, 2001))
	}
	mustImportTransfers(t, s, dealSet("big", "b1", deals...))
	evs := eventsOf(t, s, 0)
	if len(evs) != 1 || evs[0].Type != "transfers.imported" || !strings.Contains(string(evs[0].Payload), `"baseline":true`) {
		t.Errorf("a first import of %d deals wrote %d events; want one baseline transfers.imported", len(deals), len(evs))
	}
	deals[0].Delivered = ip(2)
	mustImportTransfers(t, s, dealSet("big", "b2", deals...))
	evs = eventsOf(t, s, evs[0].Seq)
	if len(evs) != 2 || evs[0].Type != "transfer.changed" {
		t.Errorf("the next edition wrote %d events, want transfer.changed and transfers.imported", len(evs))
	}
}

func testTransfersInvalid(t *testing.T, s TransferStore) {
	ctx := context.Background()
	bad := firstDeals()
	bad[1].Supplier.Name = ""
	dup := firstDeals()
	dup[1].ID = dup[0].ID
	neg := firstDeals()
	neg[0].Delivered = ip(-1)
	unk := firstDeals()
	unk[0].Uncertain = []string{"mood"}
	for i, ts := range []*tripline.TransferSet{dealSet("reg", "x1", bad...), dealSet("reg", "x2", dup...), dealSet("reg", "x3", neg...),
		dealSet("reg", "x4", unk...), dealSet("", "x5", firstDeals()...)} {
		if _, _, err := s.ImportTransfers(ctx, ts); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("set %d: %v, want Invalid", i, err)
		}
	}
	if snaps, _ := s.TransferSnapshots(ctx, ""); len(snaps) != 0 {
		t.Errorf("refused sets left %d snapshots", len(snaps))
	}
	if evs := eventsOf(t, s, 0); len(evs) != 0 {
		t.Errorf("refused sets left %d events", len(evs))
	}
}

func article(id, text string, trs ...tripline.ArticleTransfer) *tripline.Article {
	return &tripline.Article{ID: id, URL: "https://news.example.org/" + id, Title: "Title " + id, PublishedAt: "2023-07-25", Format: "text",
		Text: text, TextSHA256: "sha-" + id, Chars: len([]rune(text)), Transfers: trs,
		Systems:   []tripline.SystemMention{{System: "zolfaghar-fac", Text: "Zolfaghar-class", Start: 0, End: 15}},
		Mentions:  []tripline.Mention{{EntityID: "ofac-sdn:44926", Name: "TASNIM NEWS AGENCY", Text: "Tasnim news agency", Start: 20, End: 38, Score: 1}},
		Countries: []tripline.CountryMention{{Code: "VE", Text: "Venezuela", Start: 40, End: 49, How: "name"}},
		Dates:     []tripline.DateMention{{Date: "2023-07-24", Precision: tripline.PrecisionDay, Text: "July 24, 2023", Start: 50, End: 63}},
		Signature: []uint32{1, 2, 3}}
}

func boatClaim(conf string) tripline.ArticleTransfer {
	return tripline.ArticleTransfer{Supplier: tripline.TransferParty{Name: "Iran", Code: "IR", Kind: tripline.PartyState},
		Recipient: tripline.TransferParty{Name: "Venezuela", Code: "VE", Kind: tripline.PartyState}, System: "zolfaghar-fac",
		SystemType: "fast_attack_craft", Date: "2023-07-24", Precision: tripline.PrecisionDay, Sentence: "boats seen", Start: 0, End: 10,
		Confidence: conf, Transfers: []string{"sipri-at:1"}}
}

func testArticles(t *testing.T, s TransferStore) {
	ctx := context.Background()
	text := strings.Repeat("Zolfaghar-class boats, Tasnim news agency, Venezuela, July 24, 2023. ", 2)
	uav := boatClaim("low")
	uav.System, uav.SystemType, uav.Date, uav.Precision = "", "uav", "", ""
	a, created, err := s.SaveArticle(ctx, article("a1", text, boatClaim("medium"), uav))
	if err != nil || !created {
		t.Fatalf("SaveArticle(a1) = %v, %v", created, err)
	}
	if a.Transfers[0].ClaimID == "" || a.Transfers[1].ClaimID == "" || a.Transfers[0].ClaimID == a.Transfers[1].ClaimID {
		t.Fatalf("claim ids = %q, %q; want two claims", a.Transfers[0].ClaimID, a.Transfers[1].ClaimID)
	}
	if _, created, err := s.SaveArticle(ctx, article("a1", text, boatClaim("medium"))); err != nil || created {
		t.Errorf("the same article again: created %v, %v; want unchanged", created, err)
	}
	// Another outlet reports the same event: one claim, two reports.
	b, _, err := s.SaveArticle(ctx, article("a2", "Other words about the boats.", boatClaim("high")))
	if err != nil || b.Transfers[0].ClaimID != a.Transfers[0].ClaimID {
		t.Fatalf("a second report: %+v, %v; want claim %s", b.Transfers, err, a.Transfers[0].ClaimID)
	}
	// A copy of the first story adds no report.
	dupe := article("a3", text+" (copy)", boatClaim("high"))
	dupe.DuplicateOf = "a1"
	if _, _, err := s.SaveArticle(ctx, dupe); err != nil {
		t.Fatal(err)
	}
	c, err := s.Claim(ctx, a.Transfers[0].ClaimID)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) != 2 || c.Confidence != "high" || c.Supplier.Code != "IR" || c.System != "zolfaghar-fac" || c.EventDate != "2023-07-24" ||
		!slices.Equal(c.Transfers, []string{"sipri-at:1"}) || c.Reports[0].ArticleID != "a1" || c.Reports[0].URL == "" || c.Reports[0].Excerpt != "boats seen" || c.FirstSeen.IsZero() {
		t.Errorf("claim = %+v", c)
	}
	var claims int
	for _, ev := range eventsOf(t, s, 0) {
		if ev.Type == "article.claim" {
			claims++
			if !strings.Contains(string(ev.Payload), `"supplier":{"name":"Iran","code":"IR"`) {
				t.Errorf("claim event payload %s", ev.Payload)
			}
		}
	}
	if claims != 3 {
		t.Errorf("%d article.claim events, want 3 (two claims of a1, one report of a2)", claims)
	}
	got, err := s.Article(ctx, "a1")
	if err != nil || got.Text != text || len(got.Mentions) != 1 || got.Mentions[0].Start != 20 || got.RetrievedAt.IsZero() || len(got.Transfers) != 2 || got.Transfers[0].ClaimID == "" {
		t.Errorf("Article(a1) = %+v, %v", got, err)
	}
	if _, err := s.Article(ctx, "nope"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("unknown article: %v", err)
	}
	list, n, err := s.Articles(ctx, tripline.ArticleFilter{})
	if err != nil || n != 3 || len(list) != 3 || list[0].ID != "a3" || list[0].Text != "" {
		t.Errorf("Articles() = %d of %d, %v; want 3 newest first without text", len(list), n, err)
	}
	for _, tc := range []struct {
		f    tripline.ArticleFilter
		want int
	}{
		{tripline.ArticleFilter{Originals: true}, 2},
		{tripline.ArticleFilter{System: "zolfaghar-fac"}, 3},
		{tripline.ArticleFilter{Entity: "ofac-sdn:44926"}, 3},
		{tripline.ArticleFilter{Country: "ve"}, 3},
		{tripline.ArticleFilter{Country: "RU"}, 0},
		{tripline.ArticleFilter{Limit: 1, Offset: 2}, 1},
	} {
		if got, n, err := s.Articles(ctx, tc.f); err != nil || len(got) != tc.want && tc.f.Limit == 0 {
			t.Errorf("Articles(%+v) = %d (total %d), %v; want %d", tc.f, len(got), n, err, tc.want)
		}
	}
	sigs, err := s.ArticleSignatures(ctx)
	if err != nil || len(sigs) != 3 || !slices.Equal(sigs[0].Signature, []uint32{1, 2, 3}) {
		t.Errorf("ArticleSignatures = %+v, %v", sigs, err)
	}
	for _, tc := range []struct {
		f    tripline.ClaimFilter
		want int
	}{
		{tripline.ClaimFilter{}, 2},
		{tripline.ClaimFilter{Supplier: "IR", Recipient: "venezuela"}, 2},
		{tripline.ClaimFilter{Systems: []string{"zolfaghar-fac"}}, 1},
		{tripline.ClaimFilter{Article: "a2"}, 1},
		{tripline.ClaimFilter{Recipient: "RU"}, 0},
	} {
		if got, err := s.Claims(ctx, tc.f); err != nil || len(got) != tc.want {
			t.Errorf("Claims(%+v) = %d, %v; want %d", tc.f, len(got), err, tc.want)
		}
	}
	if _, err := s.Claim(ctx, "clm_nope"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("unknown claim: %v", err)
	}
	if _, _, err := s.SaveArticle(ctx, &tripline.Article{ID: "x"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("an article without a text hash: %v, want Invalid", err)
	}
}
