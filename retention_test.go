package tripline

import (
	"strings"
	"testing"
	"time"
)

func TestValidateSourceID(t *testing.T) {
	for _, id := range []string{"ofac-sdn", "ofac-cons-enhanced", "us-bis-dpl", "os", "os-peps", "demo-ofac-sdn", "my_list-2", "0", strings.Repeat("a", 64)} {
		if err := ValidateSourceID(id); err != nil {
			t.Errorf("ValidateSourceID(%q) = %v", id, err)
		}
	}
	for _, id := range []string{"", "a:b", "../x", "x/y", "A", "Ofac", "-x", "_x", "a b", "a.b", "é", strings.Repeat("a", 65), "a\x00"} {
		err := ValidateSourceID(id)
		if ErrorKind(err) != KindInvalid || !strings.Contains(ErrorMessage(err), "source id") {
			t.Errorf("ValidateSourceID(%q) = %v, want an Invalid error about the source id", id, err)
		}
	}
}

// FuzzValidateSourceID: an accepted id is safe as an entity id prefix and
// a path element.
func FuzzValidateSourceID(f *testing.F) {
	for _, s := range []string{"ofac-sdn", "a:b", "../x", "", "x\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if ValidateSourceID(id) != nil {
			return
		}
		if id == "" || len(id) > MaxSourceIDLen || strings.ContainsAny(id, ":/\\. \x00") || strings.ToLower(id) != id || id[0] == '-' {
			t.Fatalf("accepted %q", id)
		}
	})
}

func TestPrunePlan(t *testing.T) {
	now := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	// Newest first; 9 is current.
	hist := []Snapshot{
		{ID: 9, Current: true, ImportedAt: now},
		{ID: 8, ImportedAt: now.AddDate(0, 0, -1)},
		{ID: 7, ImportedAt: now.AddDate(0, 0, -10)},
		{ID: 6, ImportedAt: now.AddDate(0, 0, -40)},
		{ID: 5, ImportedAt: now.AddDate(0, 0, -100)},
	}
	pinned := func(id int64) bool { return id == 6 }
	ids := func(ss []Snapshot) []int64 {
		var out []int64
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	for _, tc := range []struct {
		p    PrunePolicy
		want []int64
		held int
	}{
		{PrunePolicy{Keep: 1}, []int64{8, 7, 5}, 1},
		{PrunePolicy{Keep: 2}, []int64{7, 5}, 1},
		{PrunePolicy{Keep: 1, KeepSince: now.AddDate(0, 0, -30)}, []int64{5}, 1},
		{PrunePolicy{Keep: 10}, nil, 0},
	} {
		got, held := tc.p.Plan(hist, pinned)
		if g := ids(got); len(g) != len(tc.want) || held != tc.held {
			t.Errorf("%+v: removes %v (held %d), want %v (held %d)", tc.p, g, held, tc.want, tc.held)
		} else {
			for i := range g {
				if g[i] != tc.want[i] {
					t.Errorf("%+v: removes %v, want %v", tc.p, g, tc.want)
				}
			}
		}
	}
	// The current snapshot is kept even when it is not the newest.
	odd := []Snapshot{{ID: 3}, {ID: 2, Current: true}, {ID: 1}}
	if got, _ := (PrunePolicy{Keep: 1}).Plan(odd, func(int64) bool { return false }); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("current not the newest: removes %v, want [1]", ids(got))
	}
	if err := (PrunePolicy{Keep: 0}).Validate(); ErrorKind(err) != KindInvalid {
		t.Errorf("keep 0: %v", err)
	}
}
