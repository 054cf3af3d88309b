package httpapi

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
)

// TestRunScreenCancelled: a single query on a cancelled request fails as
// Screen fails it.
func TestRunScreenCancelled(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds := &tripline.Dataset{Source: "s", Format: "test", Hash: "h", Entities: []*tripline.Entity{{ID: "s:1", Source: "s", SourceID: "1", Schema: tripline.SchemaOrganization, Names: []tripline.Name{{Full: "ALPHA TRADING", Kind: tripline.NamePrimary}}}}}
	if _, _, err := st.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	live := match.NewLive(st, nil, nil)
	if _, err := live.Reload(ctx, true); err != nil {
		t.Fatal(err)
	}
	s := NewServer(Config{}, st, live, nil)
	qs := []tripline.Query{{ID: "1", Name: "Alpha Trading"}}
	res, err := s.runScreen(ctx, qs, tripline.ScreenOptions{})
	if err != nil || len(res) != 1 || len(res[0].Matches) != 1 || res[0].Snapshots["s"] == 0 {
		t.Fatalf("%+v %v", res, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	sc, _, _ := live.Screener()
	_, want := sc.Screen(cctx, qs, tripline.ScreenOptions{})
	_, got := s.runScreen(cctx, qs, tripline.ScreenOptions{})
	if want == nil || !reflect.DeepEqual(got, want) {
		t.Errorf("cancelled: %v, want Screen's %v", got, want)
	}
}

// cancelDuring is a screener whose ScreenOne cancels the request while
// it screens.
type cancelDuring struct {
	*match.Screener
	cancel context.CancelFunc
}

func (c cancelDuring) ScreenOne(q tripline.Query, opt tripline.ScreenOptions) (tripline.Result, error) {
	c.cancel()
	return c.Screener.ScreenOne(q, opt)
}

// TestRunScreenCancelledDuring: a single query whose request is cancelled
// while it is screened fails with Screen's error, not an empty answer.
func TestRunScreenCancelledDuring(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds := &tripline.Dataset{Source: "s", Format: "test", Hash: "h", Entities: []*tripline.Entity{{ID: "s:1", Source: "s", SourceID: "1", Schema: tripline.SchemaOrganization, Names: []tripline.Name{{Full: "ALPHA TRADING", Kind: tripline.NamePrimary}}}}}
	if _, _, err := st.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	live := match.NewLive(st, func(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error) {
		sc, held, err := match.Load(ctx, st, nil)
		return cancelDuring{sc, cancel}, held, err
	}, nil)
	if _, err := live.Reload(ctx, true); err != nil {
		t.Fatal(err)
	}
	s := NewServer(Config{}, st, live, nil)
	qs := []tripline.Query{{ID: "1", Name: "Alpha Trading"}}
	res, got := s.runScreen(cctx, qs, tripline.ScreenOptions{})
	sc, _, _ := live.Screener()
	_, want := sc.Screen(cctx, qs, tripline.ScreenOptions{})
	if got == nil || res != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("cancelled while screening: %+v, %v; want Screen's %v", res, got, want)
	}
}
