package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tripline/tripline"
)

// Source says where a graph's inputs come from: the user's network records
// and the current list snapshots of a store. Load builds the graph from
// them; Live keeps it current for a server. Both only call the store
// interfaces, so the package stays free of I/O.
type Source struct {
	// Lists holds the listed entities: the current snapshot of each source.
	Lists tripline.Store
	// Records holds the user's network records.
	Records tripline.NetworkStore
	// Sources restricts the lists to these source ids; empty means every
	// current snapshot.
	Sources []string
	// Options are given to Build. Options.Screener is replaced when
	// Screener is set.
	Options Options
	// Screener, when set, makes a name screener (the match engine) from the
	// listed entities loaded, for Options.Screener.
	Screener func(listed []*tripline.Entity) tripline.Screener
}

// Loaded is a graph with what it was built from.
type Loaded struct {
	Graph *Graph
	// Network is the state of the records the graph holds.
	Network tripline.NetworkState
	// Snapshots are the list snapshots whose entities the graph holds, by
	// id; Listed counts those entities.
	Snapshots []tripline.Snapshot
	Listed    int
	// Timings are the stages of Load in order, for `graph risk --timings`.
	Timings []Timing
}

// Timing is how long one stage of Load took.
type Timing struct {
	Stage string // "records", "lists", "screener", "build"
	Took  time.Duration
}

// errNoRecords is what every graph operation answers before the first
// import of records.
var errNoRecords = tripline.Errorf(tripline.KindNotFound, "no network records imported: run \"tripline graph import\" first")

// snapshots returns the current snapshots of the selected sources, by id
// (the order the stores list entities in).
func (s *Source) snapshots(ctx context.Context) ([]tripline.Snapshot, error) {
	all, err := s.Lists.CurrentSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	var out []tripline.Snapshot
	for _, sn := range all {
		if len(s.Sources) == 0 || slices.Contains(s.Sources, sn.Source) {
			out = append(out, sn)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Load reads the records and the listed entities of the current snapshots
// and builds the graph. Before any records are imported it is a NotFound
// error saying so.
func (s *Source) Load(ctx context.Context) (*Loaded, error) {
	if s.Lists == nil || s.Records == nil {
		return nil, &tripline.Error{Op: "graph.Load", Kind: tripline.KindInternal, Msg: "no store to load the graph from"}
	}
	out := &Loaded{}
	t0 := time.Now()
	stage := func(name string) {
		out.Timings = append(out.Timings, Timing{Stage: name, Took: time.Since(t0)})
		t0 = time.Now()
	}
	recs, state, err := s.Records.Network(ctx)
	if err != nil {
		return nil, err
	}
	if state.Version == 0 {
		return nil, errNoRecords
	}
	out.Network = state
	stage("records")
	if out.Snapshots, err = s.snapshots(ctx); err != nil {
		return nil, err
	}
	var listed []*tripline.Entity
	for _, sn := range out.Snapshots {
		// By snapshot id, so that the graph holds exactly the snapshots
		// it names, whatever is imported meanwhile.
		if err := s.Lists.EachEntity(ctx, tripline.EntityFilter{SnapshotID: sn.ID}, func(e *tripline.Entity) error {
			listed = append(listed, e)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	out.Listed = len(listed)
	stage("lists")
	opt := s.Options
	if s.Screener != nil {
		opt.Screener = s.Screener(listed)
		stage("screener")
	}
	if out.Graph, err = Build(ctx, recs, listed, opt); err != nil {
		return nil, err
	}
	stage("build")
	return out, nil
}

// inputsKey names the inputs of a graph: the records' version, the list
// snapshots and the reference date of the scores.
func inputsKey(st tripline.NetworkState, snaps []tripline.Snapshot, asOf string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "records=%d;as-of=%s", st.Version, asOf)
	for _, sn := range snaps {
		fmt.Fprintf(&b, ";%s=%d", sn.Source, sn.ID)
	}
	return b.String()
}

// Live keeps the graph of a Source and its scores current for a server
// (it implements the /v1/graph endpoints' interface): every call reads the
// records' version and the lists' current snapshots, which are cheap, and
// rebuilds when either changed or the day did (company ages count to
// today). Servers on one database therefore answer alike. Safe for
// concurrent use; a rebuild holds up the calls that arrive meanwhile.
type Live struct {
	Source Source
	// Now gives the date scores are computed as of; nil means time.Now.
	Now func() time.Time

	mu     sync.Mutex
	key    string
	g      *Graph
	scores *Scores
}

// current returns the graph and scores of the current inputs, rebuilding
// them when the inputs changed.
func (l *Live) current(ctx context.Context) (*Graph, *Scores, error) {
	now := time.Now
	if l.Now != nil {
		now = l.Now
	}
	asOf := now().UTC().Format("2006-01-02")
	st, err := l.Source.Records.NetworkState(ctx)
	if err != nil {
		return nil, nil, err
	}
	if st.Version == 0 {
		return nil, nil, errNoRecords
	}
	snaps, err := l.Source.snapshots(ctx)
	if err != nil {
		return nil, nil, err
	}
	key := inputsKey(st, snaps, asOf)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.g != nil && l.key == key {
		return l.g, l.scores, nil
	}
	ld, err := l.Source.Load(ctx)
	if err != nil {
		return nil, nil, err
	}
	// The key of what was loaded, which an import between the look above
	// and the load may have moved on.
	l.g, l.scores, l.key = ld.Graph, ld.Graph.Score(asOf), inputsKey(ld.Network, ld.Snapshots, asOf)
	return l.g, l.scores, nil
}

// Neighbourhood returns the nodes and edges within depth steps of id (at
// most limit nodes), or a NotFound error.
func (l *Live) Neighbourhood(ctx context.Context, id string, depth, limit int) (*tripline.NetworkView, error) {
	g, _, err := l.current(ctx)
	if err != nil {
		return nil, err
	}
	return g.Neighbourhood(id, depth, limit)
}

// Risk returns the companies by falling risk (the flagged only when
// flaggedOnly), at most limit of them (0: all).
func (l *Live) Risk(ctx context.Context, flaggedOnly bool, limit int) ([]tripline.NetworkRisk, error) {
	_, s, err := l.current(ctx)
	if err != nil {
		return nil, err
	}
	rs := s.Ranked(flaggedOnly)
	if limit > 0 && len(rs) > limit {
		rs = rs[:limit]
	}
	return rs, nil
}

// ListedBy says by when listed entities were listed, for Options.ListedBy:
// the dates of older snapshots that already held them (`graph risk
// --listed-by`), else the entity's own ListedOn, else Fallback (the date
// of the current lists, `--list-date`).
type ListedBy struct {
	// Fallback is the date of entities found in no older list and without
	// a ListedOn date; "" leaves them undated.
	Fallback string
	dates    map[string]string
}

// Add records that every entity of an older list was listed by date (ISO);
// an entity in several lists keeps the earliest date.
func (l *ListedBy) Add(entities []*tripline.Entity, date string) {
	if l.dates == nil {
		l.dates = map[string]string{}
	}
	for _, e := range entities {
		if old, ok := l.dates[e.ID]; !ok || date < old {
			l.dates[e.ID] = date
		}
	}
}

// Date returns the date by which e was listed, or "" when unknown.
func (l *ListedBy) Date(e *tripline.Entity) string {
	if d, ok := l.dates[e.ID]; ok {
		return d
	}
	if e.ListedOn != "" {
		return e.ListedOn
	}
	return l.Fallback
}
