package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestWatchesOfTransfersCLI: watches of a country pair, a system and a
// producer added with --kind fire from transfers demo (which says so),
// once; an ambiguous designation is refused with the ids to choose from;
// the firings print with their explanation.
func TestWatchesOfTransfersCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "watches", "add", "--kind", "country-pair", "IR->VE")
	r := mustCLI(t, db, "watch", "add", "--kind", "system", "CM-90 Nasr")
	if !strings.Contains(r.Stdout, "system nasr-1") || !strings.Contains(r.Stderr, "nasr-1") {
		t.Errorf("system watch: %+v", r)
	}
	mustCLI(t, db, "watch", "add", "producer", "ofac-sdn:39637", "--sources", "demo")
	if r := runCLI(t, db, "watch", "add", "--kind", "system", "Zolfaghar"); r.Code == 0 || !strings.Contains(r.Stderr, "zolfaghar-bm") || !strings.Contains(r.Stderr, "zolfaghar-fac") {
		t.Errorf("ambiguous designation: %+v", r)
	}
	if r := runCLI(t, db, "watch", "add", "--kind", "country-pair", "Iran"); r.Code == 0 {
		t.Errorf("a pair without a recipient was accepted: %+v", r)
	}
	r = mustCLI(t, db, "transfers", "demo")
	if !strings.Contains(r.Stdout, "watches: 8 new firings") {
		t.Errorf("transfers demo did not say what fired:\n%s", r.Stdout)
	}
	if r := mustCLI(t, db, "transfers", "demo"); strings.Contains(r.Stdout, "watches:") {
		t.Errorf("the demo imported again fired:\n%s", r.Stdout)
	}
	if r := mustCLI(t, db, "watch", "run"); !strings.Contains(r.Stdout, ": 0 new firings") {
		t.Errorf("watch run after everything: %s", r.Stdout)
	}
	out := mustCLI(t, db, "watch", "fires", "--json").Stdout
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 8 {
		t.Fatalf("%d firings, want 8:\n%s", len(lines), out)
	}
	kinds := map[int64]int{}
	for _, l := range lines {
		var f tripline.WatchFire
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatal(err)
		}
		kinds[f.WatchID]++
		if f.Explanation == "" || f.Record == nil || f.EventID == "" || f.Change != "added" {
			t.Errorf("firing %s", l)
		}
	}
	// The demo has three Iran → Venezuela deals, one of them the Nasr-1
	// missiles, and four deals of Shahed systems.
	if kinds[1] != 3 || kinds[2] != 1 || kinds[3] != 4 {
		t.Errorf("firings by watch = %v", kinds)
	}
	if r := mustCLI(t, db, "watch", "fires", "2"); !strings.Contains(r.Stdout, "why: register row") {
		t.Errorf("watch fires 2:\n%s", r.Stdout)
	}
}
