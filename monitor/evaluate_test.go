package monitor_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/osint"
	"github.com/tripline/tripline/storetest"
	"github.com/tripline/tripline/transfer"
)

// feedStore is what the evaluator's tests need of a store.
type feedStore interface {
	store
	tripline.WatchEvalStore
	tripline.TransferStore
	tripline.ArticleStore
	tripline.NetworkStore
}

func evaluator(st feedStore) *monitor.Evaluator {
	return &monitor.Evaluator{Store: st, Lists: st, Records: st, Network: &graph.Live{Source: graph.Source{Lists: st, Records: st}}}
}

func mustRun(t *testing.T, e *monitor.Evaluator) monitor.EvalReport {
	t.Helper()
	rep, err := e.Run(context.Background())
	if err != nil {
		t.Fatalf("Evaluator.Run: %v", err)
	}
	return rep
}

func addWatch(t *testing.T, st feedStore, w tripline.Watch) tripline.Watch {
	t.Helper()
	if _, err := monitor.CheckWatch(&w, nil); err != nil {
		t.Fatalf("CheckWatch(%+v): %v", w, err)
	}
	w, err := st.AddWatch(context.Background(), w)
	if err != nil {
		t.Fatalf("AddWatch: %v", err)
	}
	return w
}

// edition is a fictional register edition linked to the catalogue.
func edition(t *testing.T, hash string, deals ...*tripline.Transfer) *tripline.TransferSet {
	ts := &tripline.TransferSet{Source: "demo-at", Format: "test", Hash: hash, Transfers: deals}
	transfer.MustDefault().Link(ts)
	return ts
}

func fireLines(fs []tripline.WatchFire, names map[int64]string) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s", names[f.WatchID], f.EntityID, f.Change))
	}
	sort.Strings(out)
	return out
}

// TestEventWatches: a new register edition adding an Iran → Venezuela
// deal fires the country-pair watches once, a changed Shahed-136 deal
// fires the system and producer watches with its diff, nothing fires
// twice, and an article's claim fires the system watch.
func TestEventWatches(t *testing.T) {
	eachStore(t, func(t *testing.T, s store) {
		st := s.(feedStore)
		ctx := context.Background()
		shahed := storetest.Deal("demo-at", "1", "Iran", "IR", "Russia", "RU", "Geran-2", 2022, 1200, 2022, 2023)
		shahed.Description = "one-way attack drone"
		yemen := storetest.Deal("demo-at", "2", "Iran", "IR", "Houthi rebels (Yemen)", "", "Qasef-1", 2016, 30, 2017)
		yemen.Recipient.Country = "YE"
		yemen.Description = "loitering munition"
		if _, _, err := st.ImportTransfers(ctx, edition(t, "e1", shahed, yemen)); err != nil {
			t.Fatal(err)
		}
		names := map[int64]string{}
		for _, w := range []tripline.Watch{
			{Kind: "country_pair", Value: "IR:VE"},
			{Kind: "country-pair", Value: "any->ve"},
			{Kind: "country_pair", Value: "IR:YE"},
			{Kind: "country_pair", Value: "CN:VE"},
			{Kind: "system", Value: "Geran-2"},
			{Kind: "system", Value: "mohajer-6"},
			{Kind: "producer", Value: "ofac-sdn:39637"}, // the Shahed Aviation Industries Research Center
			{Kind: "system", Value: "mohajer-6", Sources: []string{"demo-at"}},
		} {
			w := addWatch(t, st, w)
			names[w.ID] = w.Kind + ":" + w.Value + strings.Join(w.Sources, ",")
		}
		// Edition 1 came before the watches: nothing fires on it.
		if rep := mustRun(t, evaluator(st)); len(rep.Fires) != 0 {
			t.Fatalf("fires on the edition before the watches: %v", fireLines(rep.Fires, names))
		}

		// Edition 2: a new Iran → Venezuela deal, more Shahed-136 delivered.
		boats := storetest.Deal("demo-at", "3", "Iran", "IR", "Venezuela", "VE", "Peykaap", 2021, 4, 2022, 2023)
		more := storetest.Deal("demo-at", "1", "Iran", "IR", "Russia", "RU", "Geran-2", 2022, 1500, 2022, 2023)
		more.Description = "one-way attack drone"
		snap2, _, err := st.ImportTransfers(ctx, edition(t, "e2", more, yemen, boats))
		if err != nil {
			t.Fatal(err)
		}
		rep := mustRun(t, evaluator(st))
		equal(t, "fires of edition 2", fireLines(rep.Fires, names), []string{
			"country-pair:ANY:VE demo-at:3 added",
			"country-pair:IR:VE demo-at:3 added",
			"producer:ofac-sdn:39637 demo-at:1 changed",
			"system:shahed-136 demo-at:1 changed",
		})
		for _, f := range rep.Fires {
			if f.EventID == "" || f.Record == nil || f.SnapshotID != snap2.ID || f.PrevSnapshotID != snap2.Previous {
				t.Errorf("firing %+v: want its event, record and snapshots %d → %d", f, snap2.Previous, snap2.ID)
			}
			switch f.EntityID {
			case "demo-at:1":
				if d := f.Diff["delivered"]; !slices.Equal(d.Old, []string{"1200"}) || !slices.Equal(d.New, []string{"1500"}) || len(f.Diff) != 2 {
					t.Errorf("changed deal diff = %+v, want delivered (and ordered) 1200 → 1500", f.Diff)
				}
			case "demo-at:3":
				if d := f.Diff["system"]; len(d.Old) != 0 || !slices.Equal(d.New, []string{"zolfaghar-fac"}) || f.Record.Recipient.Code != "VE" {
					t.Errorf("added deal diff = %+v, record %+v", f.Diff, f.Record)
				}
			}
		}
		// Evaluating again, or re-importing the same edition, fires nothing.
		if rep := mustRun(t, evaluator(st)); len(rep.Fires) != 0 {
			t.Errorf("second run: %d events, fires %v", rep.Events, fireLines(rep.Fires, names))
		}
		if _, created, _ := st.ImportTransfers(ctx, edition(t, "e2", more, yemen, boats)); created {
			t.Fatal("identical edition created a snapshot")
		}
		if rep := mustRun(t, evaluator(st)); len(rep.Fires) != 0 {
			t.Errorf("after an unchanged re-import: %v", fireLines(rep.Fires, names))
		}
		for _, f := range rep.Fires {
			if !strings.Contains(f.Explanation, f.EntityID) || !strings.Contains(f.Explanation, "; its ") {
				t.Errorf("explanation %q", f.Explanation)
			}
		}
		// Back to edition 1 (the boats removed, deal 1 as it was), then to
		// edition 2 again: the way back fires what it changes, the second
		// edition 2 only facts the watches reported already, so nothing.
		if _, created, err := st.ImportTransfers(ctx, edition(t, "e1", shahed, yemen)); err != nil || !created {
			t.Fatalf("edition 1 again: created %v, %v", created, err)
		}
		equal(t, "fires back to edition 1", fireLines(mustRun(t, evaluator(st)).Fires, names), []string{
			"country-pair:ANY:VE demo-at:3 removed",
			"country-pair:IR:VE demo-at:3 removed",
			"producer:ofac-sdn:39637 demo-at:1 changed",
			"system:shahed-136 demo-at:1 changed",
		})
		if _, created, err := st.ImportTransfers(ctx, edition(t, "e2", more, yemen, boats)); err != nil || !created {
			t.Fatalf("edition 2 again: created %v, %v", created, err)
		}
		if rep := mustRun(t, evaluator(st)); len(rep.Fires) != 0 || rep.Events == 0 {
			t.Errorf("edition 2 re-imported: %d events, fires %v; want the events read and nothing fired", rep.Events, fireLines(rep.Fires, names))
		}
		// Every firing is announced once.
		evs, _ := st.EventsAfter(ctx, 0, 1000)
		fired := 0
		for _, ev := range evs {
			if ev.Type == "watch.fired" {
				fired++
			}
		}
		if fired != 8 {
			t.Errorf("%d watch.fired events, want 8", fired)
		}

		// An article's claim of Mohajer-6 drones delivered to Venezuela.
		doc, err := osint.ReadFile(filepath.Join("..", "osint", "testdata", "venezuela-mohajer.txt"))
		if err != nil {
			t.Fatal(err)
		}
		x := osint.NewExtractor(transfer.MustDefault(), nil, nil, nil)
		if _, err := x.Ingest(ctx, st, []*osint.Doc{doc}, func(r osint.Result) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}); err != nil {
			t.Fatal(err)
		}
		rep = mustRun(t, evaluator(st))
		got := fireLines(rep.Fires, names)
		if !slices.ContainsFunc(got, func(s string) bool {
			return strings.HasPrefix(s, "system:mohajer-6 clm_") && strings.HasSuffix(s, " claim")
		}) ||
			!slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "country-pair:IR:VE clm_") }) {
			t.Errorf("the article fired %v; want the Mohajer-6 and Iran → Venezuela watches", got)
		}
		for _, f := range rep.Fires {
			if names[f.WatchID] == "system:mohajer-6demo-at" {
				t.Errorf("a watch restricted to the register fired on a claim: %+v", f)
			}
			if f.Record == nil || f.Record.Kind != tripline.RecordClaim || f.Record.Excerpt == "" || f.Record.ArticleID == "" {
				t.Errorf("claim firing without its claim: %+v", f.Record)
			}
		}
		if rep := mustRun(t, evaluator(st)); len(rep.Fires) != 0 {
			t.Errorf("claims fired twice: %v", fireLines(rep.Fires, names))
		}
		// The stored firings read back with their records.
		all, err := st.WatchFires(ctx, 0, 100)
		if err != nil || len(all) != 8+len(got) {
			t.Fatalf("WatchFires = %d, %v; want %d", len(all), err, 8+len(got))
		}
		for _, f := range all {
			if f.Record == nil || f.EventID == "" {
				t.Errorf("stored firing lost its details: %+v", f)
			}
		}
	})
}

// TestNetworkCompanyWatch: an import of records that makes a watched
// company flagged fires with old → new risk and the paths added; an
// unchanged re-import fires nothing.
func TestNetworkCompanyWatch(t *testing.T) {
	eachStore(t, func(t *testing.T, s store) {
		st := s.(feedStore)
		ctx := context.Background()
		listed := storetest.Entity("s", "1", "ZAGROS AVIONICS TRADING FZE")
		listed.Countries = []string{"AE"}
		storetest.MustImport(t, st, storetest.Dataset("s", "h1", listed, org("2", "UNRELATED SHIPPING CO")))
		v1 := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{
			{ID: "c1", Name: "Quiet Meadow Trading LLC", Country: "AE", Phone: "+971 4 324 8000"},
			{ID: "c9", Name: "Blue Harbour Bakery", Country: "GB"},
		}}
		if _, err := st.ImportNetwork(ctx, v1, tripline.NetworkReplace); err != nil {
			t.Fatal(err)
		}
		e := evaluator(st)
		w := addWatch(t, st, tripline.Watch{Kind: "company", Value: "c1"})
		if err := e.Baseline(ctx, w); err != nil {
			t.Fatal(err)
		}
		if rep := mustRun(t, e); len(rep.Fires) != 0 || rep.Companies != 0 {
			t.Fatalf("nothing changed since the baseline, yet %+v", rep)
		}
		// The records gain the listed company's own registry record,
		// sharing c1's phone.
		v2 := &tripline.NetworkRecords{Companies: append(slices.Clone(v1.Companies),
			tripline.NetworkCompany{ID: "c2", Name: "Zagros Avionics Trading FZE", Country: "AE", Phone: "+97143248000"})}
		if _, err := st.ImportNetwork(ctx, v2, tripline.NetworkReplace); err != nil {
			t.Fatal(err)
		}
		rep := mustRun(t, e)
		if len(rep.Fires) != 1 {
			t.Fatalf("fires after the import: %+v", rep)
		}
		f := rep.Fires[0]
		nc := f.Network
		if f.WatchID != w.ID || f.EntityID != "c1" || f.Change != "flagged" || nc == nil || nc.OldFlagged || !nc.NewFlagged ||
			nc.OldRisk >= 0.5 || nc.NewRisk < 0.5 || len(nc.PathsAdded) == 0 || len(nc.PathsRemoved) != 0 || !slices.Contains(nc.LinkedAdded, "s:1") {
			t.Fatalf("firing = %+v, network %+v; want c1 flagged with a path to s:1", f, nc)
		}
		if d := f.Diff["flagged"]; !slices.Equal(d.Old, []string{"false"}) || !slices.Equal(d.New, []string{"true"}) || len(f.Diff["paths"].New) == 0 {
			t.Errorf("diff = %+v", f.Diff)
		}
		// The same records again: a new version, the same risk.
		if _, err := st.ImportNetwork(ctx, v2, tripline.NetworkReplace); err != nil {
			t.Fatal(err)
		}
		if rep := mustRun(t, e); len(rep.Fires) != 0 || rep.Companies != 1 {
			t.Errorf("unchanged re-import: %+v", rep)
		}
		if rep := mustRun(t, e); rep.Companies != 0 {
			t.Errorf("nothing new, yet %d companies evaluated", rep.Companies)
		}
		// Dropping the listed company's record takes the flag away again.
		if _, err := st.ImportNetwork(ctx, v1, tripline.NetworkReplace); err != nil {
			t.Fatal(err)
		}
		rep = mustRun(t, e)
		if len(rep.Fires) != 1 || rep.Fires[0].Change != "unflagged" || len(rep.Fires[0].Network.PathsRemoved) == 0 {
			t.Errorf("after the record left: %+v", rep.Fires)
		}
		stored, _ := st.WatchFires(ctx, w.ID, 10)
		if len(stored) != 2 || stored[1].Network == nil || !stored[1].Network.NewFlagged {
			t.Errorf("stored firings = %+v", stored)
		}
	})
}

// TestCompanyWatchOnListImport: a list import that designates the company
// a watched one shares a phone with flags it: the evaluator, as the
// importer's after-commit observer, fires the watch once.
func TestCompanyWatchOnListImport(t *testing.T) {
	eachStore(t, func(t *testing.T, s store) {
		st := s.(feedStore)
		ctx := context.Background()
		storetest.MustImport(t, st, storetest.Dataset("s", "h1", org("2", "UNRELATED SHIPPING CO")))
		recs := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{
			{ID: "c1", Name: "Quiet Meadow Trading LLC", Country: "AE", Phone: "+971 4 324 8000"},
			{ID: "c2", Name: "Zagros Avionics Trading FZE", Country: "AE", Phone: "+97143248000"},
		}}
		if _, err := st.ImportNetwork(ctx, recs, tripline.NetworkReplace); err != nil {
			t.Fatal(err)
		}
		e := evaluator(st)
		w := addWatch(t, st, tripline.Watch{Kind: "network-company", Value: "c1"})
		if err := e.Baseline(ctx, w); err != nil {
			t.Fatal(err)
		}
		listed := storetest.Entity("s", "1", "ZAGROS AVIONICS TRADING FZE")
		listed.Countries = []string{"AE"}
		prev, _ := storetest.MustImport(t, st, storetest.Dataset("s", "h1", org("2", "UNRELATED SHIPPING CO")))
		cur, created := storetest.MustImport(t, st, storetest.Dataset("s", "h2", listed, org("2", "UNRELATED SHIPPING CO")))
		if !created {
			t.Fatal("the new list was not a new snapshot")
		}
		notes, err := e.SnapshotCommitted(ctx, &prev, cur)
		if err != nil || len(notes) < 2 {
			t.Fatalf("SnapshotCommitted = %q, %v", notes, err)
		}
		fs, _ := st.WatchFires(ctx, w.ID, 10)
		if len(fs) != 1 || fs[0].Change != "flagged" || !strings.Contains(fs[0].Explanation, "s:1") || fs[0].Network.Snapshots["s"] != cur.ID {
			t.Fatalf("firings = %+v", fs)
		}
		if notes, err := e.SnapshotCommitted(ctx, &prev, cur); err != nil || len(notes) != 0 {
			t.Errorf("evaluated again: %q, %v", notes, err)
		}
	})
}
