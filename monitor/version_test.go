package monitor_test

import (
	"context"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/storetest"
)

// TestMatcherVersionChange: a book screened by tripline-name-v4 is
// rescreened in full once the monitor runs tripline-name-v5, and v5's
// scores decide. "Jorge Botero" against DUQUE GIRALDO BOTERO, Jorge Alirio
// (two paternal surnames dropped) is under the threshold for v4 and a
// match for v5 (Config.MiddleFamily): the full pass raises the alert and
// records v5; going back to v4 rescreens in full again and closes it.
func TestMatcherVersionChange(t *testing.T) {
	eachStore(t, func(t *testing.T, st store) {
		ctx := context.Background()
		storetest.MustImport(t, st, storetest.Dataset("s", "h1",
			person("1", "DUQUE GIRALDO BOTERO, Jorge Alirio"), person("2", "Hossein KARIMI"),
			org("90", "UNRELATED SHIPPING CO"), org("91", "OTHER METALS LTD"), org("92", "NORTHERN STAR GROUP")))
		v4 := match.DefaultConfig()
		v4.Version, v4.MiddleFamily, v4.NoExactFactor = match.Version4, false, 0
		v5 := match.DefaultConfig() // v6 is v5's weights and rules with more words
		v5.Version = match.Version5
		m4 := monitor.New(st, monitor.Config{Match: &v4})
		book := []tripline.BookParty{
			{ID: "p1", Name: "Jorge Botero", Type: "person"},
			{ID: "p2", Name: "Hossein Karimi", Type: "person"},
		}
		if _, err := m4.ImportBook(ctx, "b", book); err != nil {
			t.Fatal(err)
		}
		equal(t, "screened by v4", alertLines(t, st, tripline.AlertFilter{}), []string{"p2>s:2 new_match open"})
		if reps := mustCatchUp(t, m4); len(reps) != 0 {
			t.Errorf("v4 again: %+v", reps)
		}

		m5 := monitor.New(st, monitor.Config{Match: &v5})
		reps := mustCatchUp(t, m5)
		if len(reps) != 1 || reps[0].Kind != "full" || reps[0].Stats.NewAlerts != 1 {
			t.Errorf("after v4 → v5: %+v", reps)
		}
		equal(t, "screened by v5", alertLines(t, st, tripline.AlertFilter{}), []string{"p1>s:1 new_match open", "p2>s:2 new_match open"})
		if b, _ := st.Book(ctx, "b"); b.MatcherVersion != match.Version5 {
			t.Errorf("book matcher version = %q", b.MatcherVersion)
		}
		as, _ := st.Alerts(ctx, tripline.AlertFilter{PartyID: "p1"})
		if len(as) != 1 || as[0].MatcherVersion != match.Version5 {
			t.Errorf("p1's alerts = %+v", as)
		}
		if reps := mustCatchUp(t, m5); len(reps) != 0 {
			t.Errorf("v5 again: %+v", reps)
		}
		// A new snapshot under v5 is a delta pass, not a full one.
		storetest.MustImport(t, st, storetest.Dataset("s", "h2",
			person("1", "DUQUE GIRALDO BOTERO, Jorge Alirio"), person("2", "Hossein KARIMI"),
			org("90", "UNRELATED SHIPPING CO"), org("91", "OTHER METALS LTD"), org("93", "BLUE RIVER TRADING")))
		if reps := mustCatchUp(t, m5); len(reps) != 1 || reps[0].Kind != "snapshot" {
			t.Errorf("new snapshot under v5: %+v", reps)
		}

		// Back to v4: in full again, and the match v4 does not see closes.
		reps = mustCatchUp(t, m4)
		if len(reps) != 1 || reps[0].Kind != "full" {
			t.Errorf("after v5 → v4: %+v", reps)
		}
		equal(t, "back to v4", alertLines(t, st, tripline.AlertFilter{}), []string{"p1>s:1 new_match closed no_longer_matches", "p2>s:2 new_match open"})
	})
}
