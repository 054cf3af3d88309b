package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/match/indexfile"
	"github.com/tripline/tripline/postgres"
)

// Freshness: a snapshot committed by any process on the database is live
// on every replica within about a second. On PostgreSQL each replica
// LISTENs for the notice the import's transaction sends (a trigger on the
// sources table) and reloads at once; polling every --reload stays as the
// fallback (and is the only way on SQLite). Each reload swaps the index
// atomically, as before.

// snapshotWatcher is a store that announces snapshot changes (postgres).
type snapshotWatcher interface {
	WatchSnapshots(ctx context.Context, fn func(postgres.SnapshotNotice), connected func(bool))
}

// reloader is the live index (Reload swaps in a new index when the
// store's current snapshots changed; Screener says what it holds).
type reloader interface {
	Reload(ctx context.Context, force bool) (bool, error)
	Screener() (tripline.Screener, map[string]int64, error)
}

// fresh keeps a replica's index current and says what it serves.
type fresh struct {
	st     tripline.Store
	live   reloader
	poll   time.Duration
	logger *slog.Logger

	// onSwap, when set, is called after each swap with the snapshots
	// now served (serve enqueues the books' rescreen).
	onSwap func(ctx context.Context, served []tripline.Snapshot)

	listening atomic.Bool
	kick      chan struct{}

	mu       sync.Mutex
	served   []tripline.Snapshot // the snapshots the index holds
	loadedAt time.Time           // when the index last changed
	key      string              // idsKey of served
	swaps    int64
}

func newFresh(st tripline.Store, live reloader, poll time.Duration, logger *slog.Logger) *fresh {
	return &fresh{st: st, live: live, poll: poll, logger: logger, kick: make(chan struct{}, 1)}
}

func (f *fresh) nudge() {
	select {
	case f.kick <- struct{}{}:
	default:
	}
}

// run keeps the index current until ctx ends: on every notice, every
// reconnection of the listener, and every poll interval.
func (f *fresh) run(ctx context.Context) {
	f.record(ctx)
	if w, ok := f.st.(snapshotWatcher); ok {
		go w.WatchSnapshots(ctx, func(n postgres.SnapshotNotice) {
			f.logger.Debug("snapshot notice", "source", n.Source, "snapshot", n.Snapshot)
			f.nudge()
		}, func(up bool) {
			f.listening.Store(up)
			if up {
				f.logger.Info("listening for new snapshots")
				f.nudge() // notices may have been missed while away
			} else {
				f.logger.Warn("lost the connection that listens for new snapshots; polling until it is back", "every", f.poll)
			}
		})
	}
	var tick <-chan time.Time
	if f.poll > 0 {
		t := time.NewTicker(f.poll)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-f.kick:
		}
		if _, err := f.live.Reload(ctx, false); err != nil {
			if ctx.Err() == nil {
				f.logger.Error("index reload failed; keeping the current index", "err", err)
			}
			continue
		}
		// The index may also have been swapped by someone else (an import
		// through this replica's API reloads at once): compare what it
		// holds with what was recorded.
		if _, ids, err := f.live.Screener(); err == nil && idsKey(ids) != f.recordedKey() {
			f.record(ctx)
			if f.onSwap != nil {
				f.mu.Lock()
				served := f.served
				f.mu.Unlock()
				f.onSwap(ctx, served)
			}
		}
	}
}

// record notes which snapshots the index now holds.
func (f *fresh) record(ctx context.Context) {
	_, ids, err := f.live.Screener()
	if err != nil {
		return
	}
	snaps, err := f.st.CurrentSnapshots(ctx)
	var served []tripline.Snapshot
	if err == nil {
		for _, s := range snaps {
			if ids[s.Source] == s.ID {
				served = append(served, s)
			}
		}
	}
	// A snapshot the index holds that is no longer current (a newer one
	// came in meanwhile) is named by id alone.
	for src, id := range ids {
		found := false
		for _, s := range served {
			found = found || s.Source == src
		}
		if !found {
			served = append(served, tripline.Snapshot{Source: src, ID: id})
		}
	}
	sort.Slice(served, func(i, j int) bool { return served[i].Source < served[j].Source })
	f.mu.Lock()
	f.served, f.loadedAt, f.key = served, time.Now().UTC(), idsKey(ids)
	f.swaps++
	f.mu.Unlock()
}

// servedSnapshot is one source's snapshot as /readyz names it.
type servedSnapshot struct {
	Source     string     `json:"source"`
	Snapshot   int64      `json:"snapshot"`
	ImportedAt *time.Time `json:"imported_at,omitempty"`
}

// readiness is what /readyz adds: the snapshots served, when the index
// was loaded, and how this replica hears of new snapshots.
func (f *fresh) readiness() map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	list := make([]servedSnapshot, 0, len(f.served))
	for _, s := range f.served {
		ss := servedSnapshot{Source: s.Source, Snapshot: s.ID}
		if !s.ImportedAt.IsZero() {
			t := s.ImportedAt
			ss.ImportedAt = &t
		}
		list = append(list, ss)
	}
	how := "poll"
	if f.listening.Load() {
		how = "listen"
	}
	out := map[string]any{"served": list, "updates": how, "poll_interval_s": f.poll.Seconds()}
	if !f.loadedAt.IsZero() {
		out["loaded_at"] = f.loadedAt
	}
	return out
}

// snapshotAges returns, per source served, the seconds since its snapshot
// was imported (for metrics).
func (f *fresh) snapshotAges() map[string]float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]float64{}
	for _, s := range f.served {
		if !s.ImportedAt.IsZero() {
			out[s.Source] = time.Since(s.ImportedAt).Seconds()
		}
	}
	return out
}

func (f *fresh) recordedKey() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.key
}

// idsKey identifies a set of snapshot ids by source.
func idsKey(ids map[string]int64) string {
	parts := make([]string, 0, len(ids))
	for src, id := range ids {
		parts = append(parts, src+"="+strconv.FormatInt(id, 10))
	}
	sort.Strings(parts)
	return strings.Join(parts, ";")
}

// entityCache keeps the entities of the snapshots the index was last
// built from, so that a reload after one source's new snapshot reads only
// that snapshot from the database; the others' entities (which the index
// holds anyway, and never changes) are reused. The index is built from
// the same entities in the same order as match.Load builds it.
//
// With dir set, the first load reads the index file of the current
// snapshots when there is a good one (match/indexfile), and every build
// writes one for the next start: in the background, after load has
// returned the index to be served (writing all lists' index takes about
// a second), one write at a time; wait waits for the writes under way.
type entityCache struct {
	st     tripline.Store
	dir    string
	logger *slog.Logger
	mu     sync.Mutex
	bySnap map[int64][]*tripline.Entity
	// writeMu serialises the file writes, writes counts those started.
	writeMu sync.Mutex
	writes  sync.WaitGroup
}

func newEntityCache(st tripline.Store) *entityCache {
	return &entityCache{st: st, bySnap: map[int64][]*tripline.Entity{}}
}

// load is a match.LoadFunc over every source.
func (c *entityCache) load(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	snaps, err := c.st.CurrentSnapshots(ctx)
	if err != nil {
		return nil, nil, err
	}
	cfg := match.DefaultConfig()
	if len(c.bySnap) == 0 && c.dir != "" && len(snaps) > 0 {
		if s, ok := c.readFile(cfg, snaps); ok {
			return s, snaps, nil
		}
	}
	b := match.NewBuilder(cfg)
	ids := map[string]int64{}
	next := map[int64][]*tripline.Entity{}
	for _, s := range snaps {
		es, ok := c.bySnap[s.ID]
		if !ok {
			err := c.st.EachEntity(ctx, tripline.EntityFilter{SnapshotID: s.ID}, func(e *tripline.Entity) error {
				es = append(es, e)
				return nil
			})
			if err != nil {
				return nil, nil, err
			}
		}
		next[s.ID] = es
		ids[s.Source] = s.ID
		for _, e := range es {
			b.Add(e)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	ix := b.Build()
	ix.Snapshots = ids
	c.bySnap = next
	if c.dir != "" && len(snaps) > 0 {
		// The index is complete and never changes from here on: it is
		// encoded while it already serves.
		key := indexfile.Key(cfg, snaps)
		c.writes.Add(1)
		go func() {
			defer c.writes.Done()
			c.writeMu.Lock()
			defer c.writeMu.Unlock()
			if err := indexfile.Write(c.dir, key, ix); err != nil {
				c.log("index file not written", "dir", c.dir, "err", err)
			}
		}()
	}
	return match.NewScreener(ix), snaps, nil
}

// wait returns once the index files being written are written.
func (c *entityCache) wait() { c.writes.Wait() }

// readFile returns the index of snaps from its file, and keeps its
// entities per snapshot for the next reload; ok is false when there is no
// good file.
func (c *entityCache) readFile(cfg match.Config, snaps []tripline.Snapshot) (*match.Screener, bool) {
	ix, err := indexfile.Read(c.dir, indexfile.Key(cfg, snaps), cfg)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			c.log("index file not used; building the index from the store", "dir", c.dir, "err", err)
		}
		return nil, false
	}
	ids := map[string]int64{}
	for _, s := range snaps {
		ids[s.Source] = s.ID
	}
	ix.Snapshots = ids
	next := map[int64][]*tripline.Entity{}
	for _, e := range ix.Entities() {
		next[ids[e.Source]] = append(next[ids[e.Source]], e)
	}
	c.bySnap = next
	c.log("screening index read from its file", "dir", c.dir)
	return match.NewScreener(ix), true
}

func (c *entityCache) log(msg string, args ...any) {
	if c.logger != nil {
		c.logger.Info(msg, args...)
	}
}
