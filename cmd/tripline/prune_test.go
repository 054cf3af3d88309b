package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestPruneCLI: the demo leaves two snapshots of demo-ofac-sdn; prune
// --keep 1 removes the older (a dry run first removes nothing) and never
// the current ones.
func TestPruneCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "demo")
	before := sourcesJSON(t, db)
	r := mustCLI(t, db, "prune", "--keep", "1", "--dry-run")
	if !strings.Contains(r.Stdout, "would remove 1 snapshots (25 entities)") || !strings.Contains(r.Stdout, "demo-ofac-sdn") {
		t.Errorf("dry run:\n%s", r.Stdout)
	}
	if got := sourcesJSON(t, db)["demo-ofac-sdn"].Snapshots; got != 2 {
		t.Errorf("a dry run removed snapshots: %d left", got)
	}
	r = mustCLI(t, db, "prune", "--keep", "1", "--json")
	var rep tripline.PruneReport
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Removed) != 1 || rep.Removed[0].Source != "demo-ofac-sdn" || rep.Removed[0].Current || rep.Entities != 25 || rep.BytesBefore == 0 {
		t.Errorf("prune --keep 1: %+v", rep)
	}
	after := sourcesJSON(t, db)
	for src, row := range before {
		if after[src].SnapshotID != row.SnapshotID || after[src].Snapshots != 1 {
			t.Errorf("%s after prune: %+v, want current snapshot %d alone", src, after[src], row.SnapshotID)
		}
	}
	if r := runCLI(t, db, "diff", "demo-ofac-sdn"); r.Code != 1 || !strings.Contains(r.Stderr, "no snapshot before") {
		t.Errorf("diff after pruning the history: exit %d %s", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "prune"); r.Code != 2 {
		t.Errorf("prune without --keep: exit %d, want 2", r.Code)
	}
	if r := runCLI(t, db, "prune", "--keep", "1", "--source", "a:b"); r.Code != 1 || !strings.Contains(r.Stderr, "not valid") {
		t.Errorf("prune --source a:b: exit %d %s", r.Code, r.Stderr)
	}
}
