package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// MonitorStore is what RunMonitor tests: books, alerts, passes, watches and
// the events they write.
type MonitorStore interface {
	tripline.MonitorStore
	tripline.WatchStore
	tripline.EventLog
}

// RunMonitor runs the conformance tests of books, alerts, screening passes
// and watches; open must return a new, empty store.
func RunMonitor(t *testing.T, open func(t *testing.T) MonitorStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s MonitorStore)
	}{
		{"BookApplyIsADelta", testBookApply},
		{"BookRefusesBadInput", testBookInvalid},
		{"ScreeningBatchWritesAlertsAndEvents", testScreeningBatch},
		{"OneOpenAlertPerPair", testOneOpenAlert},
		{"ConcurrentRaisesDoubleNothing", testConcurrentRaise},
		{"RetiredPartyClosesItsAlerts", testRetire},
		{"AlertFilters", testAlertFilters},
		{"Watches", testWatches},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func party(id, name string) tripline.BookParty {
	return tripline.BookParty{ID: id, Name: name, Type: "organization", Country: "IR"}
}

func mustApply(t *testing.T, s MonitorStore, ch tripline.BookChange) tripline.Book {
	t.Helper()
	b, err := s.ApplyBook(context.Background(), ch)
	if err != nil {
		t.Fatalf("ApplyBook: %v", err)
	}
	return b
}

func parties(t *testing.T, s MonitorStore, book string) []tripline.BookParty {
	t.Helper()
	var out []tripline.BookParty
	if err := s.EachParty(context.Background(), book, func(p tripline.BookParty) error { out = append(out, p); return nil }); err != nil {
		t.Fatalf("EachParty: %v", err)
	}
	return out
}

func testBookApply(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	b := mustApply(t, s, tripline.BookChange{Book: "b1", Upsert: []tripline.BookParty{party("p2", "BETA CO"), party("p1", "ALPHA CO"),
		{ID: "p3", Name: "Gamma", Identifiers: []tripline.Identifier{{Type: "passport", Value: "X1"}}}}})
	if b.Name != "b1" || b.Revision != 1 || b.Parties != 3 {
		t.Fatalf("book after first apply = %+v", b)
	}
	ps := parties(t, s, "b1")
	if len(ps) != 3 || ps[0].ID != "p1" || ps[2].ID != "p3" || ps[2].Identifiers[0].Value != "X1" {
		t.Fatalf("parties = %+v, want p1..p3 in id order", ps)
	}
	for _, p := range ps {
		if p.Hash != tripline.PartyHash(p) || p.Revision != 1 {
			t.Errorf("party %s: hash %q revision %d, want PartyHash and 1", p.ID, p.Hash, p.Revision)
		}
	}
	// Nothing to change: the revision stays.
	if b := mustApply(t, s, tripline.BookChange{Book: "b1"}); b.Revision != 1 {
		t.Errorf("empty change bumped the revision to %d", b.Revision)
	}
	b = mustApply(t, s, tripline.BookChange{Book: "b1", Upsert: []tripline.BookParty{party("p2", "BETA COMPANY")}, Retire: []string{"p3"}})
	if b.Revision != 2 || b.Parties != 2 {
		t.Errorf("book after second apply = %+v, want revision 2 and 2 parties", b)
	}
	p2, err := s.Party(ctx, "b1", "p2")
	if err != nil || p2.Name != "BETA COMPANY" || p2.Revision != 2 {
		t.Errorf("Party(p2) = %+v, %v", p2, err)
	}
	if _, err := s.Party(ctx, "b1", "p3"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("retired Party(p3) err = %v, want NotFound", err)
	}
	// A retired party comes back when given again.
	mustApply(t, s, tripline.BookChange{Book: "b1", Upsert: []tripline.BookParty{{ID: "p3", Name: "Gamma"}}})
	if got := parties(t, s, "b1"); len(got) != 3 {
		t.Errorf("after re-adding p3: %d parties, want 3", len(got))
	}
	mustApply(t, s, tripline.BookChange{Book: "a0"})
	books, err := s.Books(ctx)
	if err != nil || len(books) != 2 || books[0].Name != "a0" || books[1].Parties != 3 {
		t.Errorf("Books = %+v, %v", books, err)
	}
	if _, err := s.Book(ctx, "nope"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Book(nope) err = %v, want NotFound", err)
	}
	if err := s.EachParty(ctx, "nope", func(tripline.BookParty) error { return nil }); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("EachParty(nope) err = %v, want NotFound", err)
	}
}

func testBookInvalid(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA")}})
	bad := []tripline.BookChange{
		{Book: "bad name!", Upsert: []tripline.BookParty{party("x", "X")}},
		{Book: "b", Upsert: []tripline.BookParty{party("p9", "NINE"), {ID: "p10"}}},
		{Book: "b", Upsert: []tripline.BookParty{party("p9", "NINE"), {Name: "no id"}}},
		{Book: "b", Upsert: []tripline.BookParty{party("p9", "NINE"), party("p9", "NINE AGAIN")}},
	}
	for _, ch := range bad {
		if _, err := s.ApplyBook(ctx, ch); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("ApplyBook(%+v) err = %v, want Invalid", ch, err)
		}
	}
	ps := parties(t, s, "b")
	if len(ps) != 1 || ps[0].ID != "p1" {
		t.Errorf("after refused changes the book holds %+v, want p1 alone", ps)
	}
	if b, _ := s.Book(ctx, "b"); b.Revision != 1 {
		t.Errorf("refused changes bumped the revision to %d", b.Revision)
	}
}

func startPass(t *testing.T, s MonitorStore, book, key string) tripline.Pass {
	t.Helper()
	p, err := s.StartPass(context.Background(), tripline.Pass{Book: book, Key: key, Kind: "snapshot", Source: "src", OldSnapshot: 1, NewSnapshot: 2,
		Snapshots: map[string]int64{"src": 2}, MatcherVersion: "v-test"})
	if err != nil {
		t.Fatalf("StartPass: %v", err)
	}
	return p
}

func alert(party, entity, reason string) tripline.Alert {
	return tripline.Alert{PartyID: party, PartyName: "Party " + party, EntityID: entity, EntityName: "Entity " + entity, Source: "src",
		Programs: []string{"NPWMD"}, Score: 0.91, Reason: reason, SnapshotID: 2, PrevSnapshotID: 1, MatcherVersion: "v-test",
		PartyHash: "ph", EntityHash: "eh", Explanation: &tripline.Explanation{Summary: "0.91: test", NameScore: 0.91}}
}

func mustScreen(t *testing.T, s MonitorStore, b tripline.ScreeningBatch) []tripline.Alert {
	t.Helper()
	as, err := s.ApplyScreening(context.Background(), b)
	if err != nil {
		t.Fatalf("ApplyScreening: %v", err)
	}
	return as
}

func eventTypes(t *testing.T, s MonitorStore, after int64) ([]string, int64) {
	t.Helper()
	evs, err := s.EventsAfter(context.Background(), after, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Type)
		after = e.Seq
		var a map[string]any
		if err := json.Unmarshal(e.Payload, &a); err != nil || a["entity_id"] == nil {
			t.Errorf("event %s payload %s: want the alert or firing as JSON", e.Type, e.Payload)
		}
	}
	return out, after
}

func testScreeningBatch(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA"), party("p2", "BETA")}})
	p := startPass(t, s, "b", "snapshot:src:1:2")
	if p.Cursor != "" || p.Done || p.Snapshots["src"] != 2 {
		t.Fatalf("new pass = %+v", p)
	}
	if _, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: "nope"}); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("ApplyScreening(unknown pass) err = %v, want NotFound", err)
	}
	if _, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{{PartyID: "p1"}}}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("ApplyScreening(alert without entity) err = %v, want Invalid", err)
	}
	raised := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Cursor: "p1",
		Stats:  tripline.PassStats{Screened: 1, NewAlerts: 1},
		Upsert: []tripline.PairMatch{{PartyID: "p1", EntityID: "src:1", Score: 0.91, PartyHash: "ph", EntityHash: "eh"}, {PartyID: "p1", EntityID: "src:2", Score: 0.8, PartyHash: "ph", EntityHash: "eh2"}},
		Raise:  []tripline.Alert{alert("p1", "src:1", tripline.ReasonNewMatch)}})
	if len(raised) != 1 || raised[0].ID == 0 || raised[0].Status != tripline.AlertOpen || raised[0].Book != "b" {
		t.Fatalf("raised = %+v", raised)
	}
	a, err := s.Alert(ctx, raised[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := alert("p1", "src:1", tripline.ReasonNewMatch)
	if a.PartyName != want.PartyName || a.EntityName != want.EntityName || a.Score != want.Score || a.SnapshotID != 2 || a.PrevSnapshotID != 1 ||
		a.MatcherVersion != "v-test" || a.PartyHash != "ph" || a.EntityHash != "eh" || a.Explanation == nil || a.Explanation.Summary != "0.91: test" ||
		len(a.Programs) != 1 || a.CreatedAt.IsZero() || a.Source != "src" {
		t.Errorf("stored alert = %+v, want the fields of %+v", a, want)
	}
	if _, err := s.Alert(ctx, a.ID+100); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Alert(unknown) err = %v, want NotFound", err)
	}
	ms, err := s.Matches(ctx, "b", "p1", "p2")
	if err != nil || len(ms) != 2 {
		t.Errorf("Matches = %+v, %v; want 2", ms, err)
	}
	if ids, err := s.MatchedParties(ctx, "b"); err != nil || len(ids) != 1 || ids[0] != "p1" {
		t.Errorf("MatchedParties = %v, %v", ids, err)
	}
	// The pass resumes from its cursor.
	if again := startPass(t, s, "b", p.Key); again.Cursor != "p1" || again.Stats.NewAlerts != 1 {
		t.Errorf("StartPass again = %+v, want the stored cursor and counts", again)
	}
	types, seq := eventTypes(t, s, 0)
	if len(types) != 1 || types[0] != "alert.created" {
		t.Errorf("events = %v, want one alert.created", types)
	}
	// Update, close, drop a match and finish in one batch.
	mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Cursor: "p2", Finish: true,
		Delete: []tripline.PairMatch{{PartyID: "p1", EntityID: "src:2"}},
		Update: []tripline.AlertUpdate{{ID: a.ID, Score: 0.95, PartyName: "Party p1", EntityName: "Entity src:1 renamed", SnapshotID: 3, PrevSnapshotID: 2, MatcherVersion: "v-test", PartyHash: "ph", EntityHash: "eh-new"}}})
	a2, _ := s.Alert(ctx, a.ID)
	if a2.Score != 0.95 || a2.Priority != 1 || a2.EntityHash != "eh-new" || a2.EntityName != "Entity src:1 renamed" || a2.Status != tripline.AlertOpen {
		t.Errorf("updated alert = %+v", a2)
	}
	if ms, _ := s.Matches(ctx, "b", "p1", "p1"); len(ms) != 1 || ms[0].EntityID != "src:1" {
		t.Errorf("Matches after delete = %+v", ms)
	}
	b, _ := s.Book(ctx, "b")
	if b.MatcherVersion != "v-test" || b.Snapshots["src"] != 2 {
		t.Errorf("book after the pass finished = %+v, want its snapshots and matcher version", b)
	}
	if ps, err := s.Passes(ctx, "b", true); err != nil || len(ps) != 0 {
		t.Errorf("unfinished passes = %+v, %v", ps, err)
	}
	if ps, _ := s.Passes(ctx, "b", false); len(ps) != 1 || !ps[0].Done || ps[0].FinishedAt == nil {
		t.Errorf("passes = %+v", ps)
	}
	p2 := startPass(t, s, "b", "other")
	mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p2.Key, Close: []tripline.AlertClose{{ID: a.ID, Resolution: tripline.ResolutionDelisted}}})
	a3, _ := s.Alert(ctx, a.ID)
	if a3.Status != tripline.AlertClosed || a3.Resolution != tripline.ResolutionDelisted || a3.ClosedAt == nil {
		t.Errorf("closed alert = %+v", a3)
	}
	// Closing twice announces nothing more.
	mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p2.Key, Close: []tripline.AlertClose{{ID: a.ID, Resolution: tripline.ResolutionDelisted}}})
	if types, _ := eventTypes(t, s, seq); fmt.Sprint(types) != "[alert.updated alert.closed]" {
		t.Errorf("events = %v, want alert.updated, alert.closed", types)
	}
}

func testOneOpenAlert(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA")}})
	p := startPass(t, s, "b", "k")
	first := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{alert("p1", "src:1", tripline.ReasonNewMatch)}})
	// A repeat, in a later batch or twice in one, raises nothing.
	again := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{alert("p1", "src:1", tripline.ReasonNewMatch), alert("p1", "src:1", tripline.ReasonMatchChanged)}})
	if len(first) != 1 || len(again) != 0 {
		t.Fatalf("raised %d then %d alerts, want 1 then 0", len(first), len(again))
	}
	// Another book, or another entity, is another pair.
	mustApply(t, s, tripline.BookChange{Book: "c", Upsert: []tripline.BookParty{party("p1", "ALPHA")}})
	pc := startPass(t, s, "c", "k")
	if got := mustScreen(t, s, tripline.ScreeningBatch{Book: "c", PassKey: pc.Key, Raise: []tripline.Alert{alert("p1", "src:1", tripline.ReasonNewMatch)}}); len(got) != 1 {
		t.Errorf("the same pair in another book raised %d alerts, want 1", len(got))
	}
	// Once closed, the pair may be raised again.
	got := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Close: []tripline.AlertClose{{ID: first[0].ID, Resolution: tripline.ResolutionNoLongerMatches}},
		Raise: []tripline.Alert{alert("p1", "src:1", tripline.ReasonMatchChanged)}})
	if len(got) != 1 || got[0].ID == first[0].ID {
		t.Errorf("raise after close = %+v, want a new alert", got)
	}
	open, err := s.OpenAlerts(ctx, "b", []string{"p1"})
	if err != nil || len(open) != 1 || open[0].Reason != tripline.ReasonMatchChanged {
		t.Errorf("OpenAlerts = %+v, %v; want the match_changed alert alone", open, err)
	}
}

func testConcurrentRaise(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA")}})
	p := startPass(t, s, "b", "k")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{alert("p1", "src:1", tripline.ReasonNewMatch), alert("p1", "src:2", tripline.ReasonNewMatch)}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent ApplyScreening: %v", err)
		}
	}
	as, err := s.Alerts(ctx, tripline.AlertFilter{Book: "b"})
	if err != nil || len(as) != 2 {
		t.Errorf("after 8 concurrent raises of 2 pairs: %d alerts (%v), want 2", len(as), err)
	}
}

func testRetire(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA"), party("p2", "BETA")}})
	p := startPass(t, s, "b", "k")
	mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key,
		Upsert: []tripline.PairMatch{{PartyID: "p1", EntityID: "src:1", Score: 0.9}},
		Raise:  []tripline.Alert{alert("p1", "src:1", tripline.ReasonNewMatch), alert("p2", "src:1", tripline.ReasonNewMatch)}})
	_, seq := eventTypes(t, s, 0)
	mustApply(t, s, tripline.BookChange{Book: "b", Retire: []string{"p1"}})
	as, _ := s.Alerts(ctx, tripline.AlertFilter{Book: "b"})
	for _, a := range as {
		switch {
		case a.PartyID == "p1" && (a.Status != tripline.AlertClosed || a.Resolution != tripline.ResolutionPartyRetired):
			t.Errorf("alert of the retired party = %+v, want closed, party_retired", a)
		case a.PartyID == "p2" && a.Status != tripline.AlertOpen:
			t.Errorf("alert of another party = %+v, want open", a)
		}
	}
	if ms, _ := s.Matches(ctx, "b", "p1", "p1"); len(ms) != 0 {
		t.Errorf("the retired party keeps matches %+v", ms)
	}
	if types, _ := eventTypes(t, s, seq); fmt.Sprint(types) != "[alert.closed]" {
		t.Errorf("events of the retirement = %v, want one alert.closed", types)
	}
}

func testAlertFilters(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA")}})
	mustApply(t, s, tripline.BookChange{Book: "c", Upsert: []tripline.BookParty{party("p1", "ALPHA")}})
	pb, pc := startPass(t, s, "b", "k"), startPass(t, s, "c", "k")
	before := time.Now().Add(-time.Minute)
	var ids []int64
	for i := 0; i < 5; i++ {
		as := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: pb.Key, Raise: []tripline.Alert{alert("p1", fmt.Sprint("src:", i), tripline.ReasonNewMatch)}})
		ids = append(ids, as[0].ID)
	}
	mustScreen(t, s, tripline.ScreeningBatch{Book: "c", PassKey: pc.Key, Raise: []tripline.Alert{alert("p1", "src:9", tripline.ReasonDelisted)}})
	mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: pb.Key, Close: []tripline.AlertClose{{ID: ids[0], Resolution: tripline.ResolutionNoLongerMatches}}})
	cases := []struct {
		f    tripline.AlertFilter
		want int
	}{
		{tripline.AlertFilter{}, 6},
		{tripline.AlertFilter{Book: "b"}, 5},
		{tripline.AlertFilter{Book: "b", Status: tripline.AlertOpen}, 4},
		{tripline.AlertFilter{Status: tripline.AlertClosed}, 1},
		{tripline.AlertFilter{Reason: tripline.ReasonDelisted}, 1},
		{tripline.AlertFilter{Since: before}, 6},
		{tripline.AlertFilter{Since: time.Now().Add(time.Hour)}, 0},
		{tripline.AlertFilter{After: ids[2]}, 3},
		{tripline.AlertFilter{Limit: 2}, 2},
	}
	for _, c := range cases {
		as, err := s.Alerts(ctx, c.f)
		if err != nil || len(as) != c.want {
			t.Errorf("Alerts(%+v) = %d alerts, %v; want %d", c.f, len(as), err, c.want)
		}
		for i := 1; i < len(as); i++ {
			if as[i].ID <= as[i-1].ID {
				t.Errorf("Alerts(%+v) not in id order", c.f)
			}
		}
	}
	if _, err := s.Alerts(ctx, tripline.AlertFilter{Status: "bogus"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Alerts(status bogus) err = %v, want Invalid", err)
	}
}

func testWatches(t *testing.T, s MonitorStore) {
	ctx := context.Background()
	if _, err := s.AddWatch(ctx, tripline.Watch{Kind: "planet", Value: "x"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("AddWatch(bad kind) err = %v, want Invalid", err)
	}
	if _, err := s.AddWatch(ctx, tripline.Watch{Kind: "program"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("AddWatch(no value) err = %v, want Invalid", err)
	}
	w1, err := s.AddWatch(ctx, tripline.Watch{Kind: "program", Value: "npwmd", Sources: []string{"ofac-sdn"}, Label: "WMD"})
	if err != nil || w1.ID == 0 || w1.Value != "NPWMD" {
		t.Fatalf("AddWatch = %+v, %v", w1, err)
	}
	w2, _ := s.AddWatch(ctx, tripline.Watch{Kind: "entity", Value: "src:1"})
	ws, err := s.Watches(ctx)
	if err != nil || len(ws) != 2 || ws[0].ID != w1.ID || ws[0].Sources[0] != "ofac-sdn" || ws[0].Label != "WMD" {
		t.Errorf("Watches = %+v, %v", ws, err)
	}
	fire := tripline.WatchFire{WatchID: w1.ID, EntityID: "src:1", EntityName: "ALPHA", Change: "added", SnapshotID: 2, EntityHash: "h1",
		Diff: map[string]tripline.FieldDiff{"programs": {Old: []string{}, New: []string{"NPWMD"}}}}
	got, err := s.RecordFires(ctx, []tripline.WatchFire{fire, fire})
	if err != nil || len(got) != 1 || got[0].ID == 0 {
		t.Fatalf("RecordFires(twice the same) = %+v, %v; want one", got, err)
	}
	// The same change again fires nothing; a new material state fires.
	changed := fire
	changed.Change, changed.EntityHash = "changed", "h2"
	got, _ = s.RecordFires(ctx, []tripline.WatchFire{fire, changed})
	if len(got) != 1 || got[0].EntityHash != "h2" {
		t.Errorf("RecordFires(old and new) = %+v, want the new one alone", got)
	}
	fs, err := s.WatchFires(ctx, w1.ID, 0)
	if err != nil || len(fs) != 2 || fs[0].EntityHash != "h2" || fs[1].Diff["programs"].New[0] != "NPWMD" {
		t.Errorf("WatchFires = %+v, %v", fs, err)
	}
	types, _ := eventTypes(t, s, 0)
	if fmt.Sprint(types) != "[watch.fired watch.fired]" {
		t.Errorf("events = %v, want two watch.fired", types)
	}
	if err := s.DeleteWatch(ctx, w2.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWatch(ctx, w2.ID); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("DeleteWatch twice err = %v, want NotFound", err)
	}
	if ws, _ := s.Watches(ctx); len(ws) != 1 {
		t.Errorf("Watches after rm = %+v", ws)
	}
	if fs, _ := s.WatchFires(ctx, 0, 1); len(fs) != 1 {
		t.Errorf("WatchFires(all, limit 1) = %d", len(fs))
	}
}
