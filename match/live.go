package match

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tripline/tripline"
)

// LoadFunc builds a screener from a store's current snapshots and says
// which snapshots it holds (Load, bound to a store and its sources, is
// the usual one).
type LoadFunc func(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error)

// Logger receives what Live has to say; *slog.Logger is one.
type Logger interface {
	Info(msg string, args ...any)
	Error(msg string, args ...any)
}

// Live holds the current screening index and swaps in a new one when the
// store's current snapshots change. Readers never see a half-built index:
// a new index is built aside and published with one atomic pointer store;
// requests in flight finish on the index they started with.
type Live struct {
	load   LoadFunc
	store  tripline.Store
	logger Logger

	cur atomic.Pointer[loaded]
	mu  sync.Mutex // serialises reloads
}

type loaded struct {
	screener  tripline.Screener
	snapshots map[string]int64
	key       string
	at        time.Time
}

var _ tripline.Screener = (*Live)(nil)

// NewLive returns a Live that watches st for new snapshots and builds
// indexes with load; a nil load is Load over every source of st. logger
// may be nil. It holds no index until Reload succeeds.
func NewLive(st tripline.Store, load LoadFunc, logger Logger) *Live {
	if load == nil {
		load = func(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error) {
			return Load(ctx, st, nil)
		}
	}
	return &Live{load: load, store: st, logger: logger}
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

// Screen screens on the index current when it is called, so that callers
// holding the Live (order checks) follow list swaps as screening does.
func (l *Live) Screen(ctx context.Context, qs []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	sc, _, err := l.Screener()
	if err != nil {
		return nil, err
	}
	return sc.Screen(ctx, qs, opt)
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
	if l.logger != nil {
		l.logger.Info("screening index loaded", "sources", len(m), "took", time.Since(start).Round(time.Millisecond))
	}
	return true, nil
}

// Watch reloads every interval until ctx ends; errors are logged and the
// old index stays. A zero or negative interval returns at once.
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
			if _, err := l.Reload(ctx, false); err != nil && ctx.Err() == nil && l.logger != nil {
				l.logger.Error("index reload failed; keeping the current index", "err", err)
			}
		}
	}
}

// snapshotKey identifies a set of snapshots, in any order.
func snapshotKey(snaps []tripline.Snapshot) string {
	ids := make([]string, 0, len(snaps))
	for _, s := range snaps {
		ids = append(ids, s.Source+"="+strconv.FormatInt(s.ID, 10))
	}
	sort.Strings(ids)
	return strings.Join(ids, ";")
}
