package httpapi

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tripline/tripline"
)

// Loader builds a screening index from the store's current snapshots and
// says which snapshots it holds.
type Loader func(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error)

// Live holds the current screening index and swaps in a new one when the
// store's current snapshots change. Readers never see a half-built index:
// a new index is built aside and published with one atomic pointer store;
// requests in flight finish on the index they started with.
type Live struct {
	load   Loader
	store  tripline.Store
	logger *slog.Logger

	cur atomic.Pointer[loaded]
	mu  sync.Mutex // serialises reloads
}

type loaded struct {
	screener  tripline.Screener
	snapshots map[string]int64
	key       string
	at        time.Time
}

// NewLive returns a Live that builds indexes with load and watches store for
// new snapshots. It holds no index until Reload succeeds.
func NewLive(store tripline.Store, load Loader, logger *slog.Logger) *Live {
	if logger == nil {
		logger = slog.Default()
	}
	return &Live{load: load, store: store, logger: logger}
}

// Ready reports whether an index is loaded.
func (l *Live) Ready() bool { return l.cur.Load() != nil }

// Screener returns the current index and the snapshot ids it holds, or an
// Unavailable error while none is loaded.
func (l *Live) Screener() (tripline.Screener, map[string]int64, error) {
	c := l.cur.Load()
	if c == nil {
		return nil, nil, tripline.Errorf(tripline.KindUnavailable, "the screening index is still loading; retry shortly")
	}
	return c.screener, c.snapshots, nil
}

// Reload rebuilds the index if the store's current snapshots differ from
// the loaded ones (or force is set). It reports whether it swapped.
func (l *Live) Reload(ctx context.Context, force bool) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	snaps, err := l.store.CurrentSnapshots(ctx)
	if err != nil {
		return false, err
	}
	key := snapshotKey(snaps)
	if c := l.cur.Load(); c != nil && c.key == key && !force {
		return false, nil
	}
	start := time.Now()
	sc, held, err := l.load(ctx)
	if err != nil {
		return false, err
	}
	m := map[string]int64{}
	for _, s := range held {
		m[s.Source] = s.ID
	}
	l.cur.Store(&loaded{screener: sc, snapshots: m, key: snapshotKey(held), at: time.Now()})
	l.logger.Info("screening index loaded", "sources", len(m), "took", time.Since(start).Round(time.Millisecond))
	return true, nil
}

// Watch reloads every interval until ctx ends; errors are logged and the
// old index stays.
func (l *Live) Watch(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := l.Reload(ctx, false); err != nil && ctx.Err() == nil {
				l.logger.Error("index reload failed; keeping the current index", "err", err)
			}
		}
	}
}

func snapshotKey(snaps []tripline.Snapshot) string {
	ids := make([]string, 0, len(snaps))
	for _, s := range snaps {
		ids = append(ids, s.Source+"="+strconv.FormatInt(s.ID, 10))
	}
	sort.Strings(ids)
	out := ""
	for _, s := range ids {
		out += s + ";"
	}
	return out
}
