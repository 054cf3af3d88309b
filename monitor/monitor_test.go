package monitor_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

// store is what the tests need: the monitor's store and the watches.
type store interface {
	monitor.Store
	tripline.WatchStore
	tripline.EventLog
}

// eachStore runs fn on a new SQLite store and, when TRIPLINE_TEST_POSTGRES
// names a server (scripts/with-postgres), on a new PostgreSQL schema.
func eachStore(t *testing.T, fn func(t *testing.T, st store)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		fn(t, st)
	})
	dsn := os.Getenv("TRIPLINE_TEST_POSTGRES")
	if dsn == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		ctx := context.Background()
		var b [6]byte
		rand.Read(b[:])
		schema := "tripline_monitor_" + hex.EncodeToString(b[:])
		admin, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		defer func() {
			admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			admin.Close(ctx)
		}()
		u, _ := url.Parse(dsn)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		st, err := postgres.Open(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		fn(t, st)
	})
}

func person(id, name string, mod ...func(*tripline.Entity)) *tripline.Entity {
	e := storetest.Entity("s", id, name)
	e.Schema = tripline.SchemaPerson
	for _, m := range mod {
		m(e)
	}
	return e
}

func org(id, name string, mod ...func(*tripline.Entity)) *tripline.Entity {
	e := storetest.Entity("s", id, name)
	for _, m := range mod {
		m(e)
	}
	return e
}

// alerts returns the alerts of the store as "party>entity reason status" lines, sorted.
func alertLines(t *testing.T, st store, f tripline.AlertFilter) []string {
	t.Helper()
	f.Limit = 1000
	as, err := st.Alerts(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		s := fmt.Sprintf("%s>%s %s %s", a.PartyID, a.EntityID, a.Reason, a.Status)
		if a.Resolution != "" {
			s += " " + a.Resolution
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func mustCatchUp(t *testing.T, m *monitor.Monitor) []monitor.Report {
	t.Helper()
	reps, err := m.CatchUp(context.Background())
	if err != nil {
		t.Fatalf("CatchUp: %v", err)
	}
	return reps
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// TestLifecycle walks a book and a list through every kind of change.
func TestLifecycle(t *testing.T) {
	eachStore(t, func(t *testing.T, st store) {
		ctx := context.Background()
		m := monitor.New(st, monitor.Config{BatchSize: 2})
		filler := []*tripline.Entity{org("90", "UNRELATED SHIPPING CO"), org("91", "OTHER METALS LTD"), org("92", "NORTHERN STAR GROUP"), org("93", "BLUE RIVER TRADING")}
		v1 := append([]*tripline.Entity{
			org("1", "ALPHA INDUSTRIAL TRADING LLC"),
			person("2", "Hossein KARIMI"),
			org("3", "DELTA PRECISION MACHINERY"),
			org("4", "GAMMA SHIPPING COMPANY"),
		}, filler...)
		storetest.MustImport(t, st, storetest.Dataset("s", "h1", v1...))
		book := []tripline.BookParty{
			{ID: "p1", Name: "Alpha Industrial Trading", Type: "organization"},
			{ID: "p2", Name: "Hossein Karimi", Type: "person"},
			{ID: "p3", Name: "Nobody In Particular"},
			{ID: "p5", Name: "Delta Precision Machinery"},
		}
		rep, err := m.ImportBook(ctx, "b", book)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Added != 4 || len(rep.Passes) != 1 || rep.Passes[0].Stats.NewAlerts != 3 {
			t.Fatalf("first import = %+v", rep)
		}
		equal(t, "after the first import", alertLines(t, st, tripline.AlertFilter{}), []string{
			"p1>s:1 new_match open", "p2>s:2 new_match open", "p5>s:3 new_match open"})

		// The same book again changes nothing.
		rep, err = m.ImportBook(ctx, "b", book)
		if err != nil || rep.Unchanged != 4 || rep.Revision != 1 || len(rep.Passes) != 0 {
			t.Fatalf("same book again = %+v, %v", rep, err)
		}

		// A book delta: p2 leaves, p4 arrives, p1 changes its country,
		// p3 its name (now matching nothing still).
		book = []tripline.BookParty{
			{ID: "p1", Name: "Alpha Industrial Trading", Type: "organization", Country: "IR"},
			{ID: "p3", Name: "Nobody Particular"},
			{ID: "p4", Name: "Gamma Shipping Co"},
			{ID: "p5", Name: "Delta Precision Machinery"},
		}
		if rep, err = m.ImportBook(ctx, "b", book); err != nil {
			t.Fatal(err)
		}
		if rep.Added != 1 || rep.Changed != 2 || rep.Retired != 1 || rep.Unchanged != 1 {
			t.Errorf("book delta = %+v", rep)
		}
		equal(t, "after the book delta", alertLines(t, st, tripline.AlertFilter{}), []string{
			"p1>s:1 new_match open", "p2>s:2 new_match closed party_retired", "p4>s:4 new_match open", "p5>s:3 new_match open"})
		as, _ := st.Alerts(ctx, tripline.AlertFilter{Book: "b", Status: "open"})
		for _, a := range as {
			if a.PartyID == "p1" && (a.Priority != 1 || !strings.Contains(a.Explanation.Summary, "country")) {
				t.Errorf("p1's alert after its country changed = %+v, want priority 1 and the country evidence", a)
			}
		}

		// A new snapshot: a remark-only change of 1, 3 delisted, a new
		// entity matching p3, a new alias of 4 that still matches.
		v2 := append([]*tripline.Entity{
			org("1", "ALPHA INDUSTRIAL TRADING LLC", func(e *tripline.Entity) { e.Remarks = "Secondary sanctions risk: see section 1(b)." }),
			person("2", "Hossein KARIMI"),
			org("4", "GAMMA SHIPPING COMPANY", func(e *tripline.Entity) {
				e.Names = append(e.Names, tripline.Name{Full: "GAMMA SHIPPING CO", Kind: tripline.NameAlias})
			}),
			org("5", "NOBODY PARTICULAR HOLDINGS"),
		}, filler...)
		snap2, _ := storetest.MustImport(t, st, storetest.Dataset("s", "h2", v2...))
		reps := mustCatchUp(t, m)
		if len(reps) != 1 || reps[0].Stats.Full || reps[0].Stats.Changed != 2 || reps[0].Stats.Removed != 1 {
			t.Errorf("snapshot reports = %+v", reps)
		}
		equal(t, "after the second snapshot", alertLines(t, st, tripline.AlertFilter{}), []string{
			"p1>s:1 new_match open", "p2>s:2 new_match closed party_retired", "p3>s:5 new_match open", "p4>s:4 new_match open",
			"p5>s:3 delisted open", "p5>s:3 new_match closed delisted"})
		del, _ := st.Alerts(ctx, tripline.AlertFilter{Reason: tripline.ReasonDelisted})
		if len(del) != 1 || del[0].SnapshotID != snap2.ID || del[0].PrevSnapshotID != snap2.ID-1 || del[0].EntityName != "DELTA PRECISION MACHINERY" {
			t.Errorf("delisted alert = %+v", del)
		}
		// Nothing left to do: nothing happens.
		if reps := mustCatchUp(t, m); len(reps) != 0 {
			t.Errorf("second CatchUp = %+v", reps)
		}
		// The entity comes back: the delisted alert closes, a new match opens.
		storetest.MustImport(t, st, storetest.Dataset("s", "h3", append(v2, org("3", "DELTA PRECISION MACHINERY"))...))
		mustCatchUp(t, m)
		equal(t, "after the relisting", alertLines(t, st, tripline.AlertFilter{Book: "b", Status: "open"}), []string{
			"p1>s:1 new_match open", "p3>s:5 new_match open", "p4>s:4 new_match open", "p5>s:3 new_match open"})

		// A new matcher version rescreens the book in full and raises
		// nothing new (the scores are the same).
		mc := match.DefaultConfig()
		mc.Version = "tripline-name-test"
		m2 := monitor.New(st, monitor.Config{Match: &mc})
		reps = mustCatchUp(t, m2)
		if len(reps) != 1 || reps[0].Kind != "full" || reps[0].Stats.NewAlerts != 0 {
			t.Errorf("after a matcher change: %+v", reps)
		}
		if b, _ := st.Book(ctx, "b"); b.MatcherVersion != "tripline-name-test" {
			t.Errorf("book matcher version = %q", b.MatcherVersion)
		}

		// Every alert announced itself.
		evs, _ := st.EventsAfter(ctx, 0, 1000)
		counts := map[string]int{}
		for _, e := range evs {
			counts[e.Type]++
		}
		all, _ := st.Alerts(ctx, tripline.AlertFilter{Limit: 1000})
		if counts["alert.created"] != len(all) || counts["alert.closed"] != 3 || counts["alert.updated"] == 0 {
			t.Errorf("events %v for %d alerts", counts, len(all))
		}
	})
}

// TestResume interrupts a pass after its first batch and resumes it: the
// alerts are those of an uninterrupted run, none doubled.
func TestResume(t *testing.T) {
	eachStore(t, func(t *testing.T, st store) {
		ctx := context.Background()
		var ents []*tripline.Entity
		var book []tripline.BookParty
		for i := 0; i < 30; i++ {
			name := fmt.Sprintf("KAVEH %d INDUSTRIES", i+1) // numbers must agree: one match each
			ents = append(ents, org(fmt.Sprint(i), name))
			book = append(book, tripline.BookParty{ID: fmt.Sprintf("p%02d", i), Name: name})
		}
		storetest.MustImport(t, st, storetest.Dataset("s", "h1", ents[:1]...))
		m := monitor.New(st, monitor.Config{BatchSize: 4})
		if _, err := m.ImportBook(ctx, "b", book); err != nil {
			t.Fatal(err)
		}
		storetest.MustImport(t, st, storetest.Dataset("s", "h2", ents...))
		cctx, cancel := context.WithCancel(ctx)
		m.Progress = func(book, pass string, done, total int) {
			if done >= 8 {
				cancel()
			}
		}
		if _, err := m.CatchUp(cctx); err == nil {
			t.Fatal("the interrupted pass reported no error")
		}
		passes, _ := st.Passes(ctx, "b", true)
		if len(passes) != 1 || passes[0].Cursor == "" {
			t.Fatalf("unfinished passes = %+v, want one with a cursor", passes)
		}
		m.Progress = nil
		reps := mustCatchUp(t, m)
		if len(reps) != 1 || !reps[0].Resumed {
			t.Errorf("resumed reports = %+v", reps)
		}
		got := alertLines(t, st, tripline.AlertFilter{})
		if len(got) != 30 {
			t.Errorf("after the resumed pass: %d alerts, want 30: %q", len(got), got)
		}
		if reps[0].Stats.NewAlerts != 29 {
			t.Errorf("the pass counts %d new alerts over both attempts, want 29", reps[0].Stats.NewAlerts)
		}
	})
}

// TestWatches fires each kind of watch once per material change.
func TestWatches(t *testing.T) {
	eachStore(t, func(t *testing.T, st store) {
		ctx := context.Background()
		m := monitor.New(st, monitor.Config{})
		v1 := []*tripline.Entity{org("1", "ALPHA CO"), org("2", "BETA CO", func(e *tripline.Entity) { e.Programs = []string{"SDGT"} })}
		s1, _ := storetest.MustImport(t, st, storetest.Dataset("s", "h1", v1...))
		ids := map[string]int64{}
		for _, w := range []tripline.Watch{
			{Kind: "entity", Value: "s:1"}, {Kind: "program", Value: "NPWMD"}, {Kind: "program", Value: "IRAN-TEST"},
			{Kind: "country", Value: "RU"}, {Kind: "name", Value: "Qods Aviation Industries"}, {Kind: "program", Value: "NPWMD", Sources: []string{"other"}},
		} {
			w, err := st.AddWatch(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			ids[w.Kind+":"+w.Value+":"+strings.Join(w.Sources, ",")] = w.ID
		}
		v2 := []*tripline.Entity{
			org("1", "ALPHA CO", func(e *tripline.Entity) { e.Countries = []string{"IR", "RU"} }),
			org("2", "BETA CO", func(e *tripline.Entity) { e.Programs = []string{"SDGT", "IRAN-TEST"}; e.Remarks = "x" }),
			org("3", "QODS AVIATION INDUSTRIES"),
		}
		s2, _ := storetest.MustImport(t, st, storetest.Dataset("s", "h2", v2...))
		fires, err := m.Fire(ctx, st, "s", s1.ID, s2.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fires {
			got = append(got, fmt.Sprintf("%d %s %s", f.WatchID, f.EntityID, f.Change))
		}
		sort.Strings(got)
		want := []string{
			fmt.Sprintf("%d s:1 changed", ids["entity:s:1:"]),
			fmt.Sprintf("%d s:1 changed", ids["country:RU:"]),
			fmt.Sprintf("%d s:2 changed", ids["program:IRAN-TEST:"]),
			fmt.Sprintf("%d s:3 added", ids["program:NPWMD:"]),
			fmt.Sprintf("%d s:3 added", ids["name:Qods Aviation Industries:"]),
		}
		sort.Strings(want)
		equal(t, "fires", got, want)
		for _, f := range fires {
			if f.WatchID == ids["entity:s:1:"] {
				d := f.Diff["countries"]
				if strings.Join(d.Old, ",") != "IR" || strings.Join(d.New, ",") != "IR,RU" || len(f.Diff) != 1 {
					t.Errorf("entity watch diff = %+v, want countries IR → IR,RU only", f.Diff)
				}
			}
		}
		// Evaluating the same change again fires nothing.
		if again, err := m.Fire(ctx, st, "s", s1.ID, s2.ID); err != nil || len(again) != 0 {
			t.Errorf("second Fire = %+v, %v", again, err)
		}
		evs, _ := st.EventsAfter(ctx, 0, 100)
		if len(evs) != len(want) || evs[0].Type != "watch.fired" {
			t.Errorf("%d events, want %d watch.fired", len(evs), len(want))
		}
	})
}
