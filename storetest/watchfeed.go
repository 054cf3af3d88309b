package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/tripline/tripline"
)

// WatchFeedStore is a store of watches of register rows, claims and
// network companies, with the registers they read.
type WatchFeedStore interface {
	tripline.WatchEvalStore
	tripline.TransferStore
}

// RunWatchFeed runs the tests of what the watch evaluator needs of a
// store; open must return a new, empty store and arrange for it to be
// closed.
func RunWatchFeed(t *testing.T, open func(t *testing.T) WatchFeedStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s WatchFeedStore)
	}{
		{"WatchFromEvent", testWatchFromEvent},
		{"WatchCommitFiresOnce", testWatchCommitOnce},
		{"WatchStatesApplyOverWhatWasRead", testWatchStates},
		{"TransferAtSnapshot", testTransferAt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func lastSeq(t *testing.T, s WatchFeedStore) int64 {
	t.Helper()
	evs, err := s.EventsAfter(context.Background(), 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) == 0 {
		return 0
	}
	return evs[len(evs)-1].Seq
}

// testWatchFromEvent: a watch remembers the last outbox event when it
// was added.
func testWatchFromEvent(t *testing.T, s WatchFeedStore) {
	ctx := context.Background()
	w0, err := s.AddWatch(ctx, tripline.Watch{Kind: tripline.WatchCountryPair, Value: "IR:VE"})
	if err != nil || w0.FromEvent != 0 {
		t.Fatalf("first watch = %+v, %v; want from event 0", w0, err)
	}
	if _, _, err := s.ImportTransfers(ctx, dealSet("reg", "h1", Deal("reg", "1", "Iran", "IR", "Venezuela", "VE", "Peykaap", 2021, 4, 2022))); err != nil {
		t.Fatal(err)
	}
	seq := lastSeq(t, s)
	w1, err := s.AddWatch(ctx, tripline.Watch{Kind: tripline.WatchSystem, Value: "zolfaghar-fac"})
	if err != nil || seq == 0 || w1.FromEvent != seq {
		t.Fatalf("watch after the import = %+v, %v; want from event %d", w1, err, seq)
	}
	ws, err := s.Watches(ctx)
	if err != nil || len(ws) != 2 || ws[0].FromEvent != 0 || ws[1].FromEvent != seq {
		t.Fatalf("Watches = %+v, %v", ws, err)
	}
}

// testWatchCommitOnce: firings keep their event, record, network change
// and explanation; the same fact again stores nothing and announces
// nothing; the cursor moves forward only, in the same transaction.
func testWatchCommitOnce(t *testing.T, s WatchFeedStore) {
	ctx := context.Background()
	w, err := s.AddWatch(ctx, tripline.Watch{Kind: tripline.WatchCountryPair, Value: "IR:VE"})
	if err != nil {
		t.Fatal(err)
	}
	rec := &tripline.WatchRecord{Kind: tripline.RecordTransfer, ID: "reg:1", Source: "reg",
		Supplier: tripline.TransferParty{Name: "Iran", Code: "IR"}, Recipient: tripline.TransferParty{Name: "Venezuela", Code: "VE"}, System: "zolfaghar-fac", OrderYear: 2021}
	fire := tripline.WatchFire{WatchID: w.ID, EntityID: "reg:1", EntityName: "Iran → Venezuela: Peykaap", Change: "added", EntityHash: "h-deal-1",
		SnapshotID: 1, EventID: "evt_1", Record: rec, Explanation: "register row reg:1 was added",
		Diff: map[string]tripline.FieldDiff{"system": {Old: []string{}, New: []string{"zolfaghar-fac"}}}}
	claim := tripline.WatchFire{WatchID: w.ID, EntityID: "clm_1", EntityName: "Iran → Venezuela: uav", Change: "claim", EntityHash: "clm_1", EventID: "evt_2",
		Record: &tripline.WatchRecord{Kind: tripline.RecordClaim, ID: "clm_1", Source: tripline.ClaimsSource, ArticleID: "art_1", Excerpt: "Iran delivered drones.", Reports: 1}}
	before := lastSeq(t, s)
	got, err := s.CommitWatches(ctx, tripline.WatchCommit{Fires: []tripline.WatchFire{fire, claim}, Cursor: "watches", CursorSeq: 10})
	if err != nil || len(got) != 2 || got[0].ID == 0 {
		t.Fatalf("CommitWatches = %+v, %v", got, err)
	}
	// The same deal and claim on later events (a re-import, a second
	// report) are the same facts.
	again1, again2 := fire, claim
	again1.EventID, again2.EventID = "evt_3", "evt_4"
	got, err = s.CommitWatches(ctx, tripline.WatchCommit{Fires: []tripline.WatchFire{again1, again2}, Cursor: "watches", CursorSeq: 5})
	if err != nil || len(got) != 0 {
		t.Fatalf("the same facts again stored %+v, %v", got, err)
	}
	if cur, err := s.EventCursor(ctx, "watches"); err != nil || cur != 10 {
		t.Errorf("cursor = %d, %v; want 10 (never back)", cur, err)
	}
	evs, _ := s.EventsAfter(ctx, before, 100)
	if len(evs) != 2 || evs[0].Type != "watch.fired" || evs[1].Type != "watch.fired" {
		t.Fatalf("events = %+v; want two watch.fired", evs)
	}
	var announced tripline.WatchFire
	if err := json.Unmarshal(evs[0].Payload, &announced); err != nil || announced.Record == nil || announced.EventID != "evt_1" {
		t.Errorf("announced %+v, %v", announced, err)
	}
	stored, err := s.WatchFires(ctx, w.ID, 10)
	if err != nil || len(stored) != 2 {
		t.Fatalf("WatchFires = %+v, %v", stored, err)
	}
	d := stored[1] // newest first
	if d.EventID != "evt_1" || d.Record == nil || d.Record.System != "zolfaghar-fac" || d.Record.Supplier.Code != "IR" || d.Explanation != fire.Explanation ||
		d.Diff["system"].New[0] != "zolfaghar-fac" || d.Network != nil {
		t.Errorf("stored firing = %+v (record %+v)", d, d.Record)
	}
	if c := stored[0]; c.Record == nil || c.Record.Kind != tripline.RecordClaim || c.Record.Excerpt == "" {
		t.Errorf("stored claim firing = %+v", c)
	}
}

// testWatchStates: a state update applies only over the state its
// evaluator read, and its firings with it.
func testWatchStates(t *testing.T, s WatchFeedStore) {
	ctx := context.Background()
	w, err := s.AddWatch(ctx, tripline.Watch{Kind: tripline.WatchNetworkCompany, Value: "c1"})
	if err != nil {
		t.Fatal(err)
	}
	fire := func(hash string) []tripline.WatchFire {
		return []tripline.WatchFire{{WatchID: w.ID, EntityID: "c1", EntityName: "Quiet Meadow", Change: "flagged", EntityHash: hash,
			Network: &tripline.NetworkChange{OldRisk: 0.1, NewRisk: 0.8, NewFlagged: true, PathsAdded: []tripline.NetworkPath{}, PathsRemoved: []tripline.NetworkPath{}, RecordsVersion: 3}}}
	}
	st := func(hash, data string) tripline.WatchState {
		return tripline.WatchState{WatchID: w.ID, Hash: hash, Data: json.RawMessage(data)}
	}
	steps := []struct {
		name      string
		up        tripline.WatchStateUpdate
		fires     int
		wantHash  string
		wantState string
	}{
		{"first state", tripline.WatchStateUpdate{State: st("a", `{"risk":0.1}`)}, 0, "a", `{"risk":0.1}`},
		{"a second first state loses", tripline.WatchStateUpdate{State: st("x", `{"risk":0.5}`), Fires: fire("t-x")}, 0, "a", `{"risk":0.1}`},
		{"update over a", tripline.WatchStateUpdate{State: st("b", `{"risk":0.8}`), PrevHash: "a", Fires: fire("t-ab")}, 1, "b", `{"risk":0.8}`},
		{"a stale update loses", tripline.WatchStateUpdate{State: st("c", `{"risk":0.9}`), PrevHash: "a", Fires: fire("t-ac")}, 0, "b", `{"risk":0.8}`},
	}
	for _, c := range steps {
		got, err := s.CommitWatches(ctx, tripline.WatchCommit{States: []tripline.WatchStateUpdate{c.up}})
		if err != nil || len(got) != c.fires {
			t.Fatalf("%s: stored %+v, %v; want %d firings", c.name, got, err, c.fires)
		}
		states, err := s.WatchStates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var data any
		_ = json.Unmarshal(states[w.ID].Data, &data)
		want := any(nil)
		_ = json.Unmarshal([]byte(c.wantState), &want)
		if states[w.ID].Hash != c.wantHash || !jsonEqual(data, want) {
			t.Errorf("%s: state = %s %s, want %s %s", c.name, states[w.ID].Hash, states[w.ID].Data, c.wantHash, c.wantState)
		}
	}
	stored, _ := s.WatchFires(ctx, w.ID, 10)
	if len(stored) != 1 || stored[0].Network == nil || !stored[0].Network.NewFlagged || stored[0].Network.RecordsVersion != 3 {
		t.Errorf("stored firings = %+v", stored)
	}
	if _, err := s.CommitWatches(ctx, tripline.WatchCommit{States: []tripline.WatchStateUpdate{{State: tripline.WatchState{WatchID: w.ID}}}}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("a state without a hash: %v, want Invalid", err)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// testTransferAt: a deal as each snapshot held it, and the snapshot
// before.
func testTransferAt(t *testing.T, s WatchFeedStore) {
	ctx := context.Background()
	s1, _, err := s.ImportTransfers(ctx, dealSet("reg", "h1", Deal("reg", "1", "Iran", "IR", "Venezuela", "VE", "Peykaap", 2021, 4, 2022),
		Deal("reg", "2", "Iran", "IR", "Russia", "RU", "Geran-2", 2022, 100, 2022)))
	if err != nil {
		t.Fatal(err)
	}
	s2, _, err := s.ImportTransfers(ctx, dealSet("reg", "h2", Deal("reg", "1", "Iran", "IR", "Venezuela", "VE", "Peykaap", 2021, 6, 2022, 2023)))
	if err != nil {
		t.Fatal(err)
	}
	d, prev, err := s.TransferAt(ctx, s2.ID, "reg:1")
	if err != nil || d == nil || *d.Delivered != 6 || d.SnapshotID != s2.ID || prev != s1.ID {
		t.Fatalf("TransferAt(%d, reg:1) = %+v, %d, %v", s2.ID, d, prev, err)
	}
	if d, prev, err = s.TransferAt(ctx, prev, "reg:1"); err != nil || d == nil || *d.Delivered != 4 || prev != 0 {
		t.Fatalf("TransferAt(%d, reg:1) = %+v, %d, %v", s1.ID, d, prev, err)
	}
	if d, prev, err := s.TransferAt(ctx, s2.ID, "reg:2"); err != nil || d != nil || prev != s1.ID {
		t.Errorf("a deal the snapshot lacks = %+v, %d, %v", d, prev, err)
	}
	if _, _, err := s.TransferAt(ctx, s2.ID+100, "reg:1"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("an unknown snapshot: %v, want NotFound", err)
	}
}
