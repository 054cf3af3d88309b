package match_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestLoad builds the index from the store's current snapshots, of every
// source or of the ones asked for.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	a, _ := storetest.MustImport(t, st, storetest.Dataset("a", "h1", storetest.Entity("a", "1", "ZAGROS AVIONICS TRADING")))
	b, _ := storetest.MustImport(t, st, storetest.Dataset("b", "h2", storetest.Entity("b", "1", "ZAGROS AVIONICS TRADING"), storetest.Entity("b", "2", "SEA SPARROW")))
	for _, tc := range []struct {
		sources []string
		want    map[string]int64
		ents    int
	}{
		{nil, map[string]int64{"a": a.ID, "b": b.ID}, 3},
		{[]string{"b"}, map[string]int64{"b": b.ID}, 2},
	} {
		s, held, err := match.Load(ctx, st, tc.sources)
		if err != nil {
			t.Fatal(err)
		}
		if s.Index().Len() != tc.ents || len(held) != len(tc.want) || len(s.Index().Snapshots) != len(tc.want) {
			t.Errorf("Load(%v): %d entities, held %+v", tc.sources, s.Index().Len(), held)
		}
		for src, id := range tc.want {
			if s.Index().Snapshots[src] != id {
				t.Errorf("Load(%v): snapshot of %s = %d, want %d", tc.sources, src, s.Index().Snapshots[src], id)
			}
		}
		r, err := s.Screen(ctx, []tripline.Query{{Name: "Zagros Avionics Trading"}}, tripline.ScreenOptions{})
		if err != nil || len(r[0].Matches) != len(tc.want) {
			t.Errorf("Load(%v) screens %+v, %v", tc.sources, r, err)
		}
	}
	if _, _, err := match.Load(ctx, st, []string{"nosuch"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("unknown source: %v, want Invalid", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := match.Load(cctx, st, nil); err == nil {
		t.Error("Load with a cancelled context succeeded")
	}
}

// TestLiveSwaps: Live answers Unavailable before its first load, then
// from the loaded index; a new snapshot is swapped in by Reload (or the
// watch) while readers keep screening, and nothing is rebuilt while the
// snapshots stay the same.
func TestLiveSwaps(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	storetest.MustImport(t, st, storetest.Dataset("a", "h1", storetest.Entity("a", "1", "ZAGROS AVIONICS TRADING")))
	loads := 0
	var mu sync.Mutex
	live := match.NewLive(st, func(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error) {
		mu.Lock()
		loads++
		mu.Unlock()
		return match.Load(ctx, st, nil)
	}, nil)
	if _, err := live.Screen(ctx, []tripline.Query{{Name: "x"}}, tripline.ScreenOptions{}); tripline.ErrorKind(err) != tripline.KindUnavailable || live.Ready() {
		t.Fatalf("before the first load: %v, want Unavailable", err)
	}
	if swapped, err := live.Reload(ctx, false); err != nil || !swapped {
		t.Fatalf("first Reload = %v, %v", swapped, err)
	}
	if swapped, _ := live.Reload(ctx, false); swapped {
		t.Error("Reload swapped without a new snapshot")
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	failures := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if r, err := live.Screen(ctx, []tripline.Query{{Name: "Zagros Avionics Trading"}}, tripline.ScreenOptions{}); err != nil || len(r[0].Matches) == 0 {
				failures++
			}
		}
	}()
	snap, _ := storetest.MustImport(t, st, storetest.Dataset("a", "h2", storetest.Entity("a", "1", "ZAGROS AVIONICS TRADING"), storetest.Entity("a", "2", "SEA SPARROW")))
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { live.Watch(wctx, 10*time.Millisecond); close(done) }()
	for {
		if _, held, _ := live.Screener(); held["a"] == snap.ID {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	close(stop)
	wg.Wait()
	if failures > 0 {
		t.Errorf("%d screenings failed during the swap", failures)
	}
	if r, err := live.Screen(ctx, []tripline.Query{{Name: "Sea Sparrow"}}, tripline.ScreenOptions{}); err != nil || len(r[0].Matches) == 0 {
		t.Errorf("after the swap: %+v, %v", r, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if loads != 2 {
		t.Errorf("%d index builds, want 2 (one per set of snapshots)", loads)
	}
}
