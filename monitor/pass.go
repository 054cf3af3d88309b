package monitor

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/match"
)

// lists is what a pass screens against: the index of the pass's
// snapshots, the material hashes of its entities, and the entities of the
// previous snapshot of a snapshot pass's source (for delistings).
type lists struct {
	sc      *match.Screener
	ix      *match.Index
	hashes  map[string]string
	removed map[string]*tripline.Entity
	// prev gives, by source, the snapshot before the one screened.
	prev map[string]int64
	// changed are the ids added or materially changed (snapshot pass).
	changed  []string
	removedN int
	full     bool
}

func (l *lists) hash(e *tripline.Entity) string {
	h, ok := l.hashes[e.ID]
	if !ok {
		h = delta.MaterialHash(e)
		l.hashes[e.ID] = h
	}
	return h
}

// load builds the index of p's snapshots and, for a snapshot pass, the
// delta of its source.
func (m *Monitor) load(ctx context.Context, p tripline.Pass) (*lists, error) {
	cfg := m.cfg()
	mc := *cfg.Match
	mc.MaxCandidates, mc.Limit = math.MaxInt32, math.MaxInt32 // no candidate cap, no per-query cut
	b := match.NewBuilder(mc)
	l := &lists{hashes: map[string]string{}, removed: map[string]*tripline.Entity{}, prev: map[string]int64{}}
	var fresh []*tripline.Entity
	srcs := make([]string, 0, len(p.Snapshots))
	for s := range p.Snapshots {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, src := range srcs {
		id := p.Snapshots[src]
		err := m.Store.EachEntity(ctx, tripline.EntityFilter{SnapshotID: id}, func(e *tripline.Entity) error {
			b.Add(e)
			if p.Kind == "snapshot" && src == p.Source {
				fresh = append(fresh, e)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("monitor: reading snapshot %d of %s: %w", id, src, err)
		}
		prev, err := m.PreviousSnapshot(ctx, src, id)
		if err != nil {
			return nil, err
		}
		l.prev[src] = prev
	}
	l.ix = b.Build()
	l.ix.Snapshots = p.Snapshots
	l.sc = match.NewScreener(l.ix)
	if p.Kind != "snapshot" {
		l.full = true
		return l, nil
	}
	l.prev[p.Source] = p.OldSnapshot
	var old []*tripline.Entity
	if p.OldSnapshot != 0 {
		err := m.Store.EachEntity(ctx, tripline.EntityFilter{SnapshotID: p.OldSnapshot}, func(e *tripline.Entity) error {
			old = append(old, e)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("monitor: reading snapshot %d of %s: %w", p.OldSnapshot, p.Source, err)
		}
	}
	d := delta.Compare(old, fresh).MaterialOnly()
	l.changed = append(l.changed, d.Added...)
	for _, c := range d.Changed {
		l.changed = append(l.changed, c.ID)
	}
	l.removedN = len(d.Removed)
	oldByID := make(map[string]*tripline.Entity, len(old))
	for _, e := range old {
		oldByID[e.ID] = e
	}
	for _, id := range d.Removed {
		l.removed[id] = oldByID[id]
	}
	// Rarity weights move with the number of entities: past FullGrowth
	// the margin no longer covers the drift, so rescreen everything.
	before := l.ix.Len() - len(fresh) + len(old)
	if before == 0 || math.Abs(float64(l.ix.Len()-before))/float64(before) > m.cfg().FullGrowth {
		l.full = true
	}
	return l, nil
}

// PreviousSnapshot returns the snapshot of source before id (0 if none).
func (m *Monitor) PreviousSnapshot(ctx context.Context, source string, id int64) (int64, error) {
	snaps, err := m.Store.Snapshots(ctx, source)
	if err != nil {
		return 0, err
	}
	var best int64
	for _, s := range snaps {
		if s.ID < id && s.ID > best {
			best = s.ID
		}
	}
	return best, nil
}

// removedEntity returns a listed entity that left the lists, for the
// delisted alert: from the pass's old snapshot, else the latest snapshot
// of its source that holds it.
func (m *Monitor) removedEntity(ctx context.Context, l *lists, book tripline.Book, id string) *tripline.Entity {
	if e := l.removed[id]; e != nil {
		return e
	}
	for _, snap := range book.Snapshots {
		if e, err := m.Store.Entity(ctx, id, snap); err == nil {
			return e
		}
	}
	return nil
}

// passMu runs the passes of a process one at a time, so that a server's
// catch-up and an import it serves do not run one pass twice at once
// (across processes the durable job queue serialises them; were two to
// run anyway, the store's one-open-alert rule keeps alerts single).
var passMu sync.Mutex

// runPass runs p from its cursor to its end.
func (m *Monitor) runPass(ctx context.Context, p tripline.Pass) (Report, error) {
	passMu.Lock()
	defer passMu.Unlock()
	// Another runner may have moved it on while this one waited.
	p, err := m.Store.StartPass(ctx, p)
	if err != nil {
		return Report{}, err
	}
	if p.Done {
		return Report{Book: p.Book, Pass: p.Key, Kind: p.Kind, Source: p.Source, Stats: p.Stats, AlreadyDone: true}, nil
	}
	cfg := m.cfg()
	rep := Report{Book: p.Book, Pass: p.Key, Kind: p.Kind, Source: p.Source, Resumed: p.Cursor != ""}
	book, err := m.Store.Book(ctx, p.Book)
	if err != nil {
		return rep, err
	}
	// The book's parties are read while the lists' index is built: the
	// two take turns on the cores otherwise idle at this point.
	var parties []tripline.BookParty
	partiesErr := make(chan error, 1)
	go func() {
		parties = make([]tripline.BookParty, 0, book.Parties+book.Parties/64+16)
		partiesErr <- m.Store.EachParty(ctx, p.Book, func(bp tripline.BookParty) error {
			parties = append(parties, bp)
			return nil
		})
	}()
	l, err := m.load(ctx, p)
	if perr := <-partiesErr; err == nil {
		err = perr
	}
	if err != nil {
		return rep, err
	}
	if !sort.SliceIsSorted(parties, func(i, j int) bool { return parties[i].ID < parties[j].ID }) {
		sort.Slice(parties, func(i, j int) bool { return parties[i].ID < parties[j].ID })
	}
	todo, err := m.partySet(ctx, p, l, parties)
	if err != nil {
		return rep, err
	}
	stats := p.Stats
	stats.Parties = len(parties)
	stats.Changed, stats.Removed, stats.Full = len(l.changed), l.removedN, l.full && p.Kind == "snapshot" || p.Kind == "full"
	// Skip what an interrupted attempt finished.
	start := sort.Search(len(todo), func(i int) bool { return todo[i].ID > p.Cursor })
	if p.Cursor == "" {
		start = 0
	}
	// Screening a batch (and reading its stored matches and open alerts)
	// runs one batch ahead of writing the one before: the two use the
	// two cores at once. The batches are disjoint ranges of party ids, so
	// what one batch writes is nothing the next one reads; the writes
	// stay in order, one transaction per batch with the pass's cursor.
	type screened struct {
		sb   tripline.ScreeningBatch
		done int
		err  error
	}
	sctx, cancel := context.WithCancel(ctx)
	ready := make(chan screened, 1)
	go func() {
		defer close(ready)
		cache := map[string][]tripline.Match{}
		keep := cfg.Keep()
		stats := stats
		for i := start; i < len(todo) || i == start; i += cfg.BatchSize {
			batch := todo[i:min(i+cfg.BatchSize, len(todo))]
			last := i+cfg.BatchSize >= len(todo)
			var out screened
			if err := ctx.Err(); err != nil {
				out.err = interrupted(err)
			} else {
				out.sb, out.err = m.screenBatch(sctx, p, book, l, batch, cache, keep)
			}
			if out.err == nil {
				var s tripline.PassStats
				for _, a := range out.sb.Raise {
					s.NewAlerts++
					if a.Reason == tripline.ReasonDelisted {
						s.Delisted++
					}
				}
				s.Updated, s.Closed, s.Screened = len(out.sb.Update), len(out.sb.Close), len(batch)
				stats.Add(s)
				out.sb.Stats = stats
				if len(batch) > 0 {
					out.sb.Cursor = batch[len(batch)-1].ID
				} else {
					out.sb.Cursor = p.Cursor
				}
				out.sb.Finish = last
				out.done = i + len(batch)
			}
			select {
			case ready <- out:
			case <-sctx.Done():
				return
			}
			if out.err != nil || last {
				return
			}
			if len(cache) > 200000 {
				clear(cache)
			}
		}
	}()
	defer func() {
		cancel()
		for range ready { // let the screening goroutine end
		}
	}()
	finished := false
	for sc := range ready {
		if sc.err != nil {
			return rep, sc.err
		}
		// A batch screened before an interruption is not written after
		// it: the pass stops at the cursor it has (the stores need not
		// refuse a cancelled context themselves).
		if err := ctx.Err(); err != nil {
			return rep, interrupted(err)
		}
		if _, err := m.Store.ApplyScreening(ctx, sc.sb); err != nil {
			return rep, err
		}
		stats = sc.sb.Stats
		finished = sc.sb.Finish
		if m.Progress != nil {
			m.Progress(p.Book, p.Key, sc.done, len(todo))
		}
	}
	if !finished {
		// The screening goroutine stopped before the last batch: it
		// was interrupted (a cancelled send closes ready unannounced).
		return rep, interrupted(ctx.Err())
	}
	rep.Stats = stats
	return rep, nil
}

// interrupted is the error of a pass stopped by its context.
func interrupted(err error) error {
	return &tripline.Error{Op: "monitor.Rescreen", Kind: tripline.KindUnavailable, Msg: "rescreen interrupted; it resumes where it stopped", Err: err}
}

// partySet returns the parties p rescreens, in id order.
func (m *Monitor) partySet(ctx context.Context, p tripline.Pass, l *lists, parties []tripline.BookParty) ([]tripline.BookParty, error) {
	switch {
	case p.Kind == "book":
		var out []tripline.BookParty
		for _, bp := range parties {
			if bp.Revision == p.Revision {
				out = append(out, bp)
			}
		}
		return out, nil
	case l.full:
		return parties, nil
	}
	// The parties the changed entities could match: the inverse of
	// retrieval over the distinct queries of the book …
	want := make([]bool, len(parties))
	if len(l.changed) > 0 {
		var qs []tripline.Query
		seen := map[string]int32{}
		qof := make([]int32, len(parties))
		for i, bp := range parties {
			q, ok := seen[bp.Hash]
			if !ok {
				q = int32(len(qs))
				seen[bp.Hash] = q
				qs = append(qs, bp.Query())
			}
			qof[i] = q
		}
		qi := l.ix.NewQueryIndex(qs, m.cfg().Keep())
		hit := make([]bool, len(qs))
		for _, q := range qi.Reaching(l.changed) {
			hit[q] = true
		}
		for i, q := range qof {
			want[i] = hit[q]
		}
	}
	// … and every party with a stored match (delistings, changed
	// entities that no longer match, scores drifting across the
	// threshold): a merge of two lists in id order.
	matched, err := m.Store.MatchedParties(ctx, p.Book)
	if err != nil {
		return nil, err
	}
	if !sort.StringsAreSorted(matched) {
		sort.Strings(matched)
	}
	for i, j := 0, 0; i < len(parties) && j < len(matched); {
		switch {
		case parties[i].ID < matched[j]:
			i++
		case parties[i].ID > matched[j]:
			j++
		default:
			want[i] = true
			i++
			j++
		}
	}
	n := 0
	for _, w := range want {
		if w {
			n++
		}
	}
	out := make([]tripline.BookParty, 0, n)
	for i, bp := range parties {
		if want[i] {
			out = append(out, bp)
		}
	}
	return out, nil
}

// screenBatch screens a batch of parties and turns the difference between
// their new and stored matches into writes.
func (m *Monitor) screenBatch(ctx context.Context, p tripline.Pass, book tripline.Book, l *lists, batch []tripline.BookParty, cache map[string][]tripline.Match, keep float64) (tripline.ScreeningBatch, error) {
	sb := tripline.ScreeningBatch{Book: p.Book, PassKey: p.Key}
	if len(batch) == 0 {
		return sb, nil
	}
	var qs []tripline.Query
	var qh []string
	queued := map[string]bool{}
	ids := make([]string, len(batch))
	for i, bp := range batch {
		ids[i] = bp.ID
		if _, ok := cache[bp.Hash]; ok || queued[bp.Hash] {
			continue
		}
		queued[bp.Hash] = true
		q := bp.Query()
		q.ID = bp.Hash
		qs = append(qs, q)
		qh = append(qh, bp.Hash)
	}
	if len(qs) > 0 {
		res, err := l.sc.Screen(ctx, qs, tripline.ScreenOptions{Threshold: keep})
		if err != nil {
			return sb, err
		}
		for i, r := range res {
			cache[qh[i]] = r.Matches
		}
	}
	stored, err := m.Store.Matches(ctx, p.Book, ids[0], ids[len(ids)-1])
	if err != nil {
		return sb, err
	}
	type pk struct{ p, e string }
	storedBy := map[string]map[string]tripline.PairMatch{}
	for _, s := range stored {
		if storedBy[s.PartyID] == nil {
			storedBy[s.PartyID] = map[string]tripline.PairMatch{}
		}
		storedBy[s.PartyID][s.EntityID] = s
	}
	t := m.cfg().Threshold
	version := m.cfg().Match.Version
	// Only the parties whose alerts may change need their open alerts.
	var need []string
	for _, bp := range batch {
		old := storedBy[bp.ID]
		now := cache[bp.Hash]
		changed := len(old) != 0 && len(now) == 0
		for _, mt := range now {
			s, ok := old[mt.ID]
			if !ok || (s.Score >= t) != (mt.Score >= t) || s.PartyHash != bp.Hash || s.EntityHash != l.hash(l.ix.Entity(mt.ID)) {
				changed = true
				break
			}
		}
		if !changed {
			seen := 0
			for _, mt := range now {
				if _, ok := old[mt.ID]; ok {
					seen++
				}
			}
			changed = seen != len(old)
		}
		if changed {
			need = append(need, bp.ID)
		}
	}
	openBy := map[pk]tripline.Alert{}
	supBy := map[pk]tripline.Suppression{}
	if len(need) > 0 {
		open, err := m.Store.OpenAlerts(ctx, p.Book, need)
		if err != nil {
			return sb, err
		}
		for _, a := range open {
			openBy[pk{a.PartyID, a.EntityID}] = a
		}
		// The closed false positives of these parties (case management):
		// a pair whose records keep the hashes it was decided on stays
		// quiet; one whose records changed materially reopens.
		if cs, ok := m.Store.(suppressions); ok {
			sups, err := cs.Suppressions(ctx, tripline.SuppressionFilter{Book: p.Book, PartyIDs: need, Active: true})
			if err != nil {
				return sb, err
			}
			for _, sp := range sups {
				supBy[pk{sp.PartyID, sp.EntityID}] = sp
			}
		}
	}
	rules := cfgRules(m.cfg())
	for _, bp := range batch {
		old := storedBy[bp.ID]
		now := map[string]tripline.Match{}
		for _, mt := range cache[bp.Hash] {
			now[mt.ID] = mt
		}
		ents := make([]string, 0, len(old)+len(now))
		for id := range old {
			ents = append(ents, id)
		}
		for id := range now {
			if _, ok := old[id]; !ok {
				ents = append(ents, id)
			}
		}
		sort.Strings(ents)
		for _, eid := range ents {
			s, hadS := old[eid]
			n, hasN := now[eid]
			was := hadS && s.Score >= t
			is := hasN && n.Score >= t
			var eh string
			var ent *tripline.Entity
			if hasN {
				ent = l.ix.Entity(eid)
				eh = l.hash(ent)
				// Small moves of the score (rarity drift) are not written
				// unless they cross the threshold: the stored score
				// decides only which side of it the pair was on.
				if !hadS || (s.Score >= t) != (n.Score >= t) || math.Abs(s.Score-n.Score) >= 0.01 || s.EntityHash != eh || s.PartyHash != bp.Hash {
					sb.Upsert = append(sb.Upsert, tripline.PairMatch{PartyID: bp.ID, EntityID: eid, Score: n.Score, PartyHash: bp.Hash, EntityHash: eh})
				}
			} else if hadS {
				sb.Delete = append(sb.Delete, s)
			}
			oa, hasOpen := openBy[pk{bp.ID, eid}]
			entityChanged := hadS && hasN && s.EntityHash != eh
			partyChanged := hadS && s.PartyHash != bp.Hash
			raise := func(reason string) {
				snap := p.Snapshots[ent.Source]
				a := tripline.Alert{
					PartyID: bp.ID, PartyName: bp.Name, EntityID: eid, EntityName: ent.Caption(), Source: ent.Source, Programs: ent.Programs,
					Score: n.Score, Reason: reason, SnapshotID: snap, PrevSnapshotID: l.prev[ent.Source], MatcherVersion: version,
					PartyHash: bp.Hash, EntityHash: eh, Explanation: n.Explanation,
					Snapshots: p.Snapshots, RulesVersion: rules, Threshold: t, Party: partyRecord(bp),
				}
				if sp, ok := supBy[pk{bp.ID, eid}]; ok {
					if sp.PartyHash == bp.Hash && sp.EntityHash == eh {
						return // decided a false positive on these very records
					}
					// A material change of either record since the
					// decision: the pair reopens, linked to it.
					a.Reason, a.Priority = tripline.ReasonMatchChanged, 1
					a.SuppressionID, a.PriorDecisionID, a.PriorAlertID = sp.ID, sp.DecisionID, sp.AlertID
				}
				sb.Raise = append(sb.Raise, a)
			}
			switch {
			case is && !was:
				if hasOpen && oa.Reason == tripline.ReasonDelisted {
					sb.Close = append(sb.Close, tripline.AlertClose{ID: oa.ID, Resolution: tripline.ResolutionRelisted})
					hasOpen = false
				}
				if hasOpen {
					sb.Update = append(sb.Update, update(oa, bp, ent, n, eh, p.Snapshots, l.prev[ent.Source], version))
				} else if partyChanged {
					raise(tripline.ReasonPartyChanged)
				} else {
					raise(tripline.ReasonNewMatch)
				}
			case is && was && (entityChanged || partyChanged):
				switch {
				case hasOpen && oa.Reason != tripline.ReasonDelisted:
					sb.Update = append(sb.Update, update(oa, bp, ent, n, eh, p.Snapshots, l.prev[ent.Source], version))
				case entityChanged:
					raise(tripline.ReasonMatchChanged)
				default:
					raise(tripline.ReasonPartyChanged)
				}
			case was && !is:
				if l.ix.Entity(eid) == nil {
					// The entity left its list.
					if hasOpen && oa.Reason == tripline.ReasonDelisted {
						break
					}
					if hasOpen {
						sb.Close = append(sb.Close, tripline.AlertClose{ID: oa.ID, Resolution: tripline.ResolutionDelisted})
					}
					if sp, ok := supBy[pk{bp.ID, eid}]; ok && !hasOpen && sp.PartyHash == bp.Hash {
						break // a decided false positive's entity left its list: nothing to tell
					}
					da := m.delisted(ctx, p, book, l, bp, s, oa, hasOpen, version)
					da.Snapshots, da.RulesVersion, da.Threshold, da.Party = p.Snapshots, rules, t, partyRecord(bp)
					sb.Raise = append(sb.Raise, da)
				} else if hasOpen && oa.Reason != tripline.ReasonDelisted {
					sb.Close = append(sb.Close, tripline.AlertClose{ID: oa.ID, Resolution: tripline.ResolutionNoLongerMatches})
				}
			}
		}
	}
	return sb, nil
}

func update(oa tripline.Alert, bp tripline.BookParty, ent *tripline.Entity, n tripline.Match, eh string, snaps map[string]int64, prev int64, version string) tripline.AlertUpdate {
	return tripline.AlertUpdate{ID: oa.ID, Score: n.Score, Explanation: n.Explanation, PartyName: bp.Name, EntityName: ent.Caption(),
		SnapshotID: snaps[ent.Source], PrevSnapshotID: prev, MatcherVersion: version, PartyHash: bp.Hash, EntityHash: eh, Party: partyRecord(bp), Snapshots: snaps}
}

// suppressions is implemented by stores that keep case management's
// suppressions (tripline.CaseStore).
type suppressions interface {
	Suppressions(ctx context.Context, f tripline.SuppressionFilter) ([]tripline.Suppression, error)
}

// partyRecord is the party as screened, for the alert (replay and the
// case view read it).
func partyRecord(bp tripline.BookParty) *tripline.BookParty {
	c := bp
	c.Revision = 0
	return &c
}

// cfgRules is the version of the alerting rule the monitor applies: its
// threshold and the margin of the stored matches.
func cfgRules(c Config) string {
	return fmt.Sprintf("monitor-v1 threshold=%.3f margin=%.3f", c.Threshold, c.Margin)
}

// delisted returns the alert for a matched pair whose entity left its
// list.
func (m *Monitor) delisted(ctx context.Context, p tripline.Pass, book tripline.Book, l *lists, bp tripline.BookParty, s tripline.PairMatch, oa tripline.Alert, hasOpen bool, version string) tripline.Alert {
	a := tripline.Alert{PartyID: bp.ID, PartyName: bp.Name, EntityID: s.EntityID, EntityName: s.EntityID, Score: s.Score, Reason: tripline.ReasonDelisted,
		MatcherVersion: version, PartyHash: bp.Hash, EntityHash: s.EntityHash}
	if e := m.removedEntity(ctx, l, book, s.EntityID); e != nil {
		a.EntityName, a.Source, a.Programs = e.Caption(), e.Source, e.Programs
	} else if hasOpen {
		a.EntityName, a.Source, a.Programs = oa.EntityName, oa.Source, oa.Programs
	}
	if a.Source != "" {
		a.SnapshotID = p.Snapshots[a.Source]
		a.PrevSnapshotID = l.prev[a.Source]
		if p.Kind != "snapshot" || p.Source != a.Source {
			a.PrevSnapshotID = book.Snapshots[a.Source]
		}
	}
	a.Explanation = &tripline.Explanation{Summary: fmt.Sprintf("%s %s is no longer listed (removed in snapshot %d); it matched %s at %.2f", s.EntityID, a.EntityName, a.SnapshotID, bp.Name, s.Score)}
	if hasOpen && oa.Explanation != nil {
		a.Explanation.NameScore, a.Explanation.Parts, a.Explanation.Evidence = oa.Explanation.NameScore, oa.Explanation.Parts, oa.Explanation.Evidence
	}
	return a
}
