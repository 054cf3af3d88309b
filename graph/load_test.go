package graph_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/sqlite"
)

func listedOrg(source, id, name string) *tripline.Entity {
	return &tripline.Entity{ID: source + ":" + id, Source: source, SourceID: id, Schema: tripline.SchemaOrganization,
		Names: []tripline.Name{{Full: name, Kind: tripline.NamePrimary}}, Countries: []string{"AE"}}
}

func mustImportList(t *testing.T, st *sqlite.Store, source, hash string, es ...*tripline.Entity) {
	t.Helper()
	if _, _, err := st.Import(context.Background(), &tripline.Dataset{Source: source, Format: "test", Hash: hash, Entities: es}); err != nil {
		t.Fatal(err)
	}
}

// TestLoadAndLive builds the graph from a real store and follows its
// changes: records, list snapshots and the day.
func TestLoadAndLive(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src := graph.Source{Lists: st, Records: st}
	if _, err := src.Load(ctx); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Fatalf("Load before any records: %v, want NotFound", err)
	}
	mustImportList(t, st, "a", "a1", listedOrg("a", "1", "ZAGROS AVIONICS TRADING FZE"))
	mustImportList(t, st, "b", "b1", listedOrg("b", "1", "KESTREL PROPULSION WORKS"))
	recs := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{
		{ID: "k1", Name: "Zagros Avionics Trading FZE", Country: "AE", Registered: "2024-06-01"},
		{ID: "k2", Name: "Heron Marine Supplies LLC", Country: "AE"},
	}}
	if _, err := st.ImportNetwork(ctx, recs, tripline.NetworkReplace); err != nil {
		t.Fatal(err)
	}
	ld, err := src.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ld.Listed != 2 || len(ld.Snapshots) != 2 || ld.Network.Version != 1 || ld.Network.Companies != 2 || len(ld.Timings) != 3 {
		t.Errorf("loaded %d listed from %d snapshots, records %+v, %d timings", ld.Listed, len(ld.Snapshots), ld.Network, len(ld.Timings))
	}
	only := graph.Source{Lists: st, Records: st, Sources: []string{"b"}}
	if ld, err := only.Load(ctx); err != nil || ld.Listed != 1 || ld.Snapshots[0].Source != "b" {
		t.Errorf("Sources b: %+v, %v", ld, err)
	}

	day := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	live := &graph.Live{Source: src, Now: func() time.Time { return day }}
	flagged := func() map[string]tripline.NetworkRisk {
		t.Helper()
		rs, err := live.Risk(ctx, true, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]tripline.NetworkRisk{}
		for _, r := range rs {
			out[r.ID] = r
		}
		return out
	}
	// Concurrent first calls build once and agree.
	done := make(chan []tripline.NetworkRisk, 4)
	for range 4 {
		go func() {
			rs, err := live.Risk(ctx, false, 0)
			if err != nil {
				t.Error(err)
			}
			done <- rs
		}()
	}
	for range 4 {
		if rs := <-done; len(rs) != 2 {
			t.Errorf("concurrent Risk: %d results, want 2", len(rs))
		}
	}
	got := flagged()
	if _, ok := got["k1"]; !ok || len(got) != 1 || len(got["k1"].Factors) == 0 {
		t.Fatalf("flagged %+v; want k1 alone, young on 2025-01-01", got)
	}
	// A new snapshot of a list is seen at the next call.
	mustImportList(t, st, "b", "b2", listedOrg("b", "1", "KESTREL PROPULSION WORKS"), listedOrg("b", "2", "HERON MARINE SUPPLIES LLC"))
	if got := flagged(); len(got) != 2 {
		t.Errorf("after a new snapshot of b: flagged %v; want k1 and k2", got)
	}
	// So is another day: k1 is no longer a young company in 2030.
	day = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range flagged()["k1"].Factors {
		if f.Kind == "young_company" {
			t.Errorf("k1 still young as of 2030: %+v", f)
		}
	}
	// And a replace of the records.
	if _, err := st.ImportNetwork(ctx, &tripline.NetworkRecords{Companies: recs.Companies[1:]}, tripline.NetworkReplace); err != nil {
		t.Fatal(err)
	}
	if got := flagged(); len(got) != 1 || got["k2"].ID != "k2" {
		t.Errorf("after replacing the records: flagged %v; want k2 alone", got)
	}
	if v, err := live.Neighbourhood(ctx, "k1", 1, 10); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("k1 after it was dropped: %+v, %v; want NotFound", v, err)
	}
}

func TestListedBy(t *testing.T) {
	var lb graph.ListedBy
	lb.Fallback = "2025-01-06"
	a, b, c := listedOrg("s", "1", "A"), listedOrg("s", "2", "B"), listedOrg("s", "3", "C")
	c.ListedOn = "2020-02-02"
	lb.Add([]*tripline.Entity{a}, "2024-07-02")
	lb.Add([]*tripline.Entity{a, b}, "2024-10-01")
	lb.Add([]*tripline.Entity{a}, "2024-12-01")
	for e, want := range map[*tripline.Entity]string{a: "2024-07-02", b: "2024-10-01", c: "2020-02-02", listedOrg("s", "4", "D"): "2025-01-06"} {
		if got := lb.Date(e); got != want {
			t.Errorf("%s listed by %q, want %q", e.ID, got, want)
		}
	}
}
