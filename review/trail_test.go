package review_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/review"
	"github.com/tripline/tripline/sqlite"
)

// TestCheckTrail: a subject's entries fit the chain; one changed, or one
// whose entry before is missing, is named.
func TestCheckTrail(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chief := tripline.Principal{Name: "chief", User: "chief", Role: tripline.RoleAdmin}
	if _, _, _, err := st.AddUser(ctx, "chief", tripline.RoleAdmin, tripline.Principal{Name: "root"}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := st.AddUser(ctx, "alice", tripline.RoleAnalyst, chief); err != nil {
		t.Fatal(err)
	}
	all, err := st.AuditEntries(ctx, tripline.AuditFilter{})
	if err != nil || len(all) < 3 {
		t.Fatalf("entries %v %v", all, err)
	}
	checks, err := review.CheckTrail(ctx, st, all)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if !c.OK {
			t.Errorf("entry %d: %s", c.Seq, c.Problem)
		}
	}
	changed := all[1]
	changed.Payload = []byte(`{"name":"mallory"}`)
	gone := all[len(all)-1]
	gone.Seq += 5
	gone.Hash = tripline.AuditHash(gone) // fits itself, not the chain
	tests := []struct {
		e    tripline.AuditEntry
		want string
	}{
		{changed, "does not hash"},
		{gone, "is missing"},
	}
	for _, tt := range tests {
		cs, err := review.CheckTrail(ctx, st, []tripline.AuditEntry{tt.e})
		if err != nil {
			t.Fatal(err)
		}
		if cs[0].OK || !strings.Contains(cs[0].Problem, tt.want) {
			t.Errorf("entry %d: %+v, want %q", tt.e.Seq, cs[0], tt.want)
		}
	}
}
