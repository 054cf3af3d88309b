// Package monitor keeps books of parties screened as the lists change:
// book imports as deltas, a rescreen of every book on every new snapshot
// of a source that costs in proportion to the change, alerts that equal
// the difference of full rescreens, and watches on listed records.
//
// The state of a book is its stored matches: every (party, entity) pair
// whose screening score is at least the keep threshold (a margin under the
// alert threshold), with the material hashes of both records. A pass
// rescreens some parties, compares their new matches with the stored ones
// and turns the difference into alerts, one batch of parties per
// transaction with the pass's cursor, so that a pass interrupted anywhere
// resumes where it stopped and doubles nothing. docs/monitoring.md states
// what a full rescreen gives and why a delta pass gives the same.
package monitor

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
)

// Store is what the monitor needs of a store: the snapshots and entities
// of the lists, books, alerts and passes.
type Store interface {
	tripline.Store
	tripline.MonitorStore
}

// Config tunes the monitor; the zero value of a field means its default.
type Config struct {
	// Match is the matching configuration (default match.DefaultConfig());
	// its candidate cap is lifted: a pass scores every candidate.
	Match *match.Config
	// Threshold is the alert threshold (default: Match's recommended one).
	Threshold float64
	// Margin is how far under Threshold a pair is still stored, so that a
	// score drifting across the threshold (rarity weights move with every
	// import) is seen (default 0.1).
	Margin float64
	// BatchSize is the number of parties written per transaction (default
	// 20,000: with SQLite each commit also costs the pipelined reader of
	// the book its page cache, so fewer, larger transactions are faster;
	// a crash still loses at most the batch being written, never doubles).
	BatchSize int
	// FullGrowth is the relative change of the number of listed entities
	// screened against above which a snapshot pass rescreens the whole
	// book instead of its delta (default 0.25): rarity weights then move
	// more than Margin allows for.
	FullGrowth float64
}

func (c Config) withDefaults() Config {
	if c.Match == nil {
		m := match.DefaultConfig()
		c.Match = &m
	}
	if c.Threshold == 0 {
		c.Threshold = c.Match.Threshold
	}
	if c.Margin == 0 {
		c.Margin = 0.1
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 20000
	}
	if c.FullGrowth == 0 {
		c.FullGrowth = 0.25
	}
	return c
}

// Keep returns the threshold down to which pairs are stored.
func (c Config) Keep() float64 {
	c = c.withDefaults()
	return max(0.01, c.Threshold-c.Margin)
}

// Monitor runs books' passes against a store.
type Monitor struct {
	Store  Store
	Config Config
	// Progress, when set, is called as a pass goes: parties done of total.
	Progress func(book, pass string, done, total int)
}

// New returns a monitor over st with cfg.
func New(st Store, cfg Config) *Monitor {
	return &Monitor{Store: st, Config: cfg.withDefaults()}
}

func (m *Monitor) cfg() Config { return m.Config.withDefaults() }

// Report is what one pass did.
type Report struct {
	Book   string             `json:"book"`
	Pass   string             `json:"pass"`
	Kind   string             `json:"kind"`
	Source string             `json:"source,omitempty"`
	Stats  tripline.PassStats `json:"stats"`
	// Resumed is set when the pass had been started before (and
	// interrupted); AlreadyDone when there was nothing left to do.
	Resumed     bool `json:"resumed,omitempty"`
	AlreadyDone bool `json:"already_done,omitempty"`
}

// String says what the pass did, in one line.
func (r Report) String() string {
	s := r.Stats
	var what string
	switch {
	case r.Kind == "book":
		what = fmt.Sprintf("screened %s parties of book %s", count(s.Screened), r.Book)
	case s.Full:
		what = fmt.Sprintf("rescreened book %s in full (%s parties)", r.Book, count(s.Parties))
	default:
		what = fmt.Sprintf("rescreened book %s (%s parties, %s scored again) against %s changed entities of %s", r.Book, count(s.Parties), count(s.Screened), count(s.Changed+s.Removed), r.Source)
	}
	out := fmt.Sprintf("%s: %s new alerts, %s delistings", what, count(s.NewAlerts-s.Delisted), count(s.Delisted))
	if s.Updated > 0 || s.Closed > 0 {
		out += fmt.Sprintf(", %s alerts updated, %s closed", count(s.Updated), count(s.Closed))
	}
	if r.Resumed {
		out += " (resumed)"
	}
	return out
}

// count writes n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// CatchUp brings every book up to the current snapshots: it resumes the
// passes left unfinished, rescreens each book in full when the matching
// configuration changed, and runs a snapshot pass for every source whose
// current snapshot the book has not been screened against. It is what the
// importing command and the server run after an import, and it is safe to
// run at any time: with nothing to do it does nothing.
func (m *Monitor) CatchUp(ctx context.Context) ([]Report, error) {
	books, err := m.Store.Books(ctx)
	if err != nil {
		return nil, err
	}
	var out []Report
	for _, b := range books {
		rs, err := m.CatchUpBook(ctx, b.Name)
		out = append(out, rs...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// CatchUpBook is CatchUp for one book.
func (m *Monitor) CatchUpBook(ctx context.Context, book string) ([]Report, error) {
	var out []Report
	pending, err := m.Store.Passes(ctx, book, true)
	if err != nil {
		return nil, err
	}
	for _, p := range pending {
		r, err := m.runPass(ctx, p)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	b, err := m.Store.Book(ctx, book)
	if err != nil {
		return out, err
	}
	if b.MatcherVersion != "" && b.MatcherVersion != m.cfg().Match.Version {
		r, err := m.Full(ctx, book)
		if err != nil {
			return out, err
		}
		return append(out, r), nil
	}
	if b.MatcherVersion == "" {
		// Never screened (an empty book, or its first pass was never
		// started): a full pass screens it.
		if b.Parties == 0 {
			return out, nil
		}
		r, err := m.Full(ctx, book)
		if err != nil {
			return out, err
		}
		return append(out, r), nil
	}
	cur, err := m.Store.CurrentSnapshots(ctx)
	if err != nil {
		return out, err
	}
	for _, s := range cur {
		if b.Snapshots[s.Source] >= s.ID {
			continue
		}
		r, err := m.Rescreen(ctx, book, s.Source, b.Snapshots[s.Source], s.ID)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Rescreen rescreens book against the change of source from snapshot
// oldSnap to newSnap: the job a worker runs when a source gets a new
// snapshot. It screens the book's parties that the added and materially
// changed entities could match, and those with stored matches, against
// the lists as the book last saw them with source at newSnap; delistings
// and matches that no longer hold close their alerts. The book's own
// record of what it was screened against wins over oldSnap: a pass for a
// snapshot the book has already reached does nothing, and a book that is
// behind is taken from where it is. Running it again, or after a crash,
// doubles nothing.
func (m *Monitor) Rescreen(ctx context.Context, book, source string, oldSnap, newSnap int64) (Report, error) {
	b, err := m.Store.Book(ctx, book)
	if err != nil {
		return Report{}, err
	}
	if b.MatcherVersion == "" || b.MatcherVersion != m.cfg().Match.Version {
		return m.Full(ctx, book)
	}
	// oldSnap is what the caller saw; the book's record is what its
	// matches reflect, and the pass starts from there.
	from := b.Snapshots[source]
	if from >= newSnap {
		return Report{Book: book, Kind: "snapshot", Source: source, AlreadyDone: true}, nil
	}
	snaps := map[string]int64{}
	for k, v := range b.Snapshots {
		snaps[k] = v
	}
	snaps[source] = newSnap
	p := tripline.Pass{
		Book: book, Key: fmt.Sprintf("snapshot:%s:%d:%d", source, from, newSnap), Kind: "snapshot",
		Source: source, OldSnapshot: from, NewSnapshot: newSnap, Snapshots: snaps, MatcherVersion: m.cfg().Match.Version,
	}
	return m.startAndRun(ctx, p)
}

// Full rescreens every party of book against the current snapshots.
func (m *Monitor) Full(ctx context.Context, book string) (Report, error) {
	b, err := m.Store.Book(ctx, book)
	if err != nil {
		return Report{}, err
	}
	snaps, err := m.currentSnapshots(ctx)
	if err != nil {
		return Report{}, err
	}
	p := tripline.Pass{Book: book, Key: fmt.Sprintf("full:%s:%d:%s", m.cfg().Match.Version, b.Revision, snapKey(snaps)), Kind: "full", Revision: b.Revision,
		Snapshots: snaps, MatcherVersion: m.cfg().Match.Version}
	return m.startAndRun(ctx, p)
}

// FullNow starts a new full rescreen of book whatever was done before (a
// person asking for it); Full runs a full pass once per book revision,
// matcher version and set of snapshots.
func (m *Monitor) FullNow(ctx context.Context, book string) (Report, error) {
	b, err := m.Store.Book(ctx, book)
	if err != nil {
		return Report{}, err
	}
	snaps, err := m.currentSnapshots(ctx)
	if err != nil {
		return Report{}, err
	}
	p := tripline.Pass{Book: book, Key: fmt.Sprintf("full:%s:%d:%s:%s", m.cfg().Match.Version, b.Revision, snapKey(snaps), time.Now().UTC().Format(time.RFC3339Nano)),
		Kind: "full", Revision: b.Revision, Snapshots: snaps, MatcherVersion: m.cfg().Match.Version}
	return m.startAndRun(ctx, p)
}

func (m *Monitor) currentSnapshots(ctx context.Context) (map[string]int64, error) {
	cur, err := m.Store.CurrentSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	snaps := map[string]int64{}
	for _, s := range cur {
		snaps[s.Source] = s.ID
	}
	return snaps, nil
}

func snapKey(snaps map[string]int64) string {
	var parts []string
	for k, v := range snaps {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (m *Monitor) startAndRun(ctx context.Context, p tripline.Pass) (Report, error) {
	stored, err := m.Store.StartPass(ctx, p)
	if err != nil {
		return Report{}, err
	}
	if stored.Done {
		return Report{Book: p.Book, Pass: p.Key, Kind: p.Kind, Source: p.Source, Stats: stored.Stats, AlreadyDone: true}, nil
	}
	return m.runPass(ctx, stored)
}

// AfterImport is what runs once a source has a new snapshot: the watches
// fire on the change from prev (0: none) to next, then every book catches
// up (see CatchUp). ws may be nil when the store keeps no watches.
func (m *Monitor) AfterImport(ctx context.Context, ws tripline.WatchStore, source string, prev, next int64) ([]Report, []tripline.WatchFire, error) {
	var fires []tripline.WatchFire
	if ws != nil {
		var err error
		if fires, err = m.Fire(ctx, ws, source, prev, next); err != nil {
			return nil, nil, err
		}
	}
	reps, err := m.CatchUp(ctx)
	return reps, fires, err
}
