package monitor_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/osint"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/transfer"
)

// sharedFile returns the path of a file of ../shared, skipping the test
// when it is absent.
func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is not in ../shared (%v): the real-data test needs it", rel, err)
	}
	return p
}

// TestWatchesOnRealRegister: SIPRI's real trade register imported in two
// editions through transfer.Import, with the watch evaluator as its
// observer. The first edition (without the Iran → Venezuela deals) is the
// baseline; the second (the register as published) fires the Iran →
// Venezuela watch once per deal it adds (the Peykaap boats and the CM-90
// Nasr missiles), the boat watch on the boats and never the Zolfaghar
// missile's watch; the same edition again fires nothing, nor does going
// back and forth (only the removal is new). Then the seed article's
// claims fire the pair and boat watches, once, and never the missile's.
func TestWatchesOnRealRegister(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole register four times")
	}
	path := sharedFile(t, "data/dualuse/sipri_trade_register_all_20260518.csv")
	article := sharedFile(t, "data/osint/iran-venezuela-weapons-2023.txt")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	full, err := sipri.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cat := transfer.MustDefault()
	cat.Link(full)
	var ve []string
	first := *full
	first.Hash, first.Transfers = full.Hash+"-without-ve", nil
	for _, d := range full.Transfers {
		if d.Supplier.Code == "IR" && d.Recipient.Code == "VE" {
			ve = append(ve, d.ID)
			continue
		}
		first.Transfers = append(first.Transfers, d)
	}
	slices.Sort(ve)
	if len(ve) != 2 {
		t.Fatalf("the register has %d Iran → Venezuela deals, want the boats and the missiles", len(ve))
	}
	e := evaluator(st)
	obs := []tripline.FactObserver{e}
	imp := func(ts *tripline.TransferSet, wantCreated bool) tripline.FactReport {
		t.Helper()
		_, created, rep, err := transfer.Import(ctx, st, ts, obs...)
		if err != nil || created != wantCreated || len(rep.Errors) > 0 {
			t.Fatalf("Import(%s): created %v, %v, %+v; want created %v", ts.Hash, created, err, rep, wantCreated)
		}
		return rep
	}
	imp(&first, true)
	pair := addWatch(t, st, tripline.Watch{Kind: tripline.WatchCountryPair, Value: "IR:VE"})
	boat := addWatch(t, st, tripline.Watch{Kind: tripline.WatchSystem, Value: "Peykaap"})
	missile := addWatch(t, st, tripline.Watch{Kind: tripline.WatchSystem, Value: "zolfaghar-bm"})
	if boat.Value != "zolfaghar-fac" {
		t.Fatalf("Peykaap resolved to %q, want the boat zolfaghar-fac", boat.Value)
	}
	fired := func(w tripline.Watch) []string {
		fs, err := st.WatchFires(ctx, w.ID, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range fs {
			out = append(out, f.EntityID+" "+f.Change)
		}
		slices.Sort(out)
		return out
	}
	rep := imp(full, true)
	if len(rep.Notes) == 0 {
		t.Errorf("the import said nothing of the firings")
	}
	equal(t, "the pair watch on edition 2", fired(pair), []string{ve[0] + " added", ve[1] + " added"})
	boats := fired(boat)
	if len(boats) != 1 {
		t.Fatalf("the boat watch fired %v, want the Peykaap deal", boats)
	}
	fs, _ := st.WatchFires(ctx, boat.ID, 10)
	if f := fs[0]; f.Record == nil || f.Record.Designation != "Peykaap" || f.Record.System != "zolfaghar-fac" || f.Explanation == "" || len(f.Diff["uncertain"].New) == 0 {
		t.Errorf("boat firing = %+v, record %+v", f, f.Record)
	}
	imp(full, false)
	imp(&first, true)
	imp(full, true)
	equal(t, "the pair watch after going back and forth", fired(pair),
		[]string{ve[0] + " added", ve[0] + " removed", ve[1] + " added", ve[1] + " removed"})

	doc, err := osint.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	x := osint.NewExtractor(cat, nil, nil, nil)
	x.Observers = obs
	for i := 0; i < 2; i++ {
		if _, err := x.Ingest(ctx, st, []*osint.Doc{doc}, func(r osint.Result) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	claims := 0
	for _, s := range fired(pair) {
		if len(s) > 4 && s[:4] == "clm_" {
			claims++
		}
	}
	if claims == 0 {
		t.Errorf("the seed article fired no claim of the pair watch: %v", fired(pair))
	}
	if got := fired(boat); len(got) != 3 || got[0][:4] != "clm_" || got[1] != boats[0] {
		t.Errorf("the boat watch: %v, want the deal added and removed and the article's boat claim", got)
	}
	if got := fired(missile); len(got) != 0 {
		t.Errorf("the Zolfaghar missile's watch fired on the boats: %v", got)
	}
	// The article ingested twice, evaluated again: nothing new.
	if rep, err := e.Run(ctx); err != nil || len(rep.Fires) != 0 {
		t.Errorf("Run after everything: %+v, %v", rep.Fires, err)
	}
}

// BenchmarkEvaluateRealEdition evaluates watches on a new edition of
// SIPRI's real register in which every deal changed (its comment): 29,916
// transfer.changed events read, matched against the watches, and the
// matching ones diffed against the previous snapshot and recorded. Run
// with -benchtime=1x (each iteration imports the register twice first,
// untimed).
func BenchmarkEvaluateRealEdition(b *testing.B) {
	p := filepath.Join("..", "..", "shared", "data", "dualuse", "sipri_trade_register_all_20260518.csv")
	if _, err := os.Stat(p); err != nil {
		b.Skipf("the SIPRI register is not in ../shared: %v", err)
	}
	ctx := context.Background()
	full, err := sipri.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	transfer.MustDefault().Link(full)
	changed := *full
	changed.Hash, changed.Transfers = full.Hash+"-changed", nil
	for _, d := range full.Transfers {
		c := *d
		c.Comments += " (revised)"
		changed.Transfers = append(changed.Transfers, &c)
	}
	fires := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := st.ImportTransfers(ctx, full); err != nil {
			b.Fatal(err)
		}
		for _, w := range []tripline.Watch{{Kind: "country-pair", Value: "IR:ANY"}, {Kind: "country-pair", Value: "ANY:RU"},
			{Kind: "system", Value: "shahed-136"}, {Kind: "producer", Value: "ofac-sdn:39637"}} {
			if _, err := monitor.CheckWatch(&w, nil); err != nil {
				b.Fatal(err)
			}
			if _, err := st.AddWatch(ctx, w); err != nil {
				b.Fatal(err)
			}
		}
		if _, _, err := st.ImportTransfers(ctx, &changed); err != nil {
			b.Fatal(err)
		}
		e := &monitor.Evaluator{Store: st}
		b.StartTimer()
		rep, err := e.Run(ctx)
		b.StopTimer()
		if err != nil || rep.Events < len(full.Transfers) {
			b.Fatalf("Run: %d events, %v", rep.Events, err)
		}
		fires = len(rep.Fires)
		st.Close()
	}
	b.ReportMetric(float64(fires), "fires")
}
