package monitor

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/match"
)

// Fire evaluates every watch against the change of source from snapshot
// oldSnap (0: none) to newSnap and records the firings; a watch fires once
// per entity, change and material hash, so running it again records
// nothing new. It returns the firings recorded now.
func (m *Monitor) Fire(ctx context.Context, ws tripline.WatchStore, source string, oldSnap, newSnap int64) ([]tripline.WatchFire, error) {
	watches, err := ws.Watches(ctx)
	if err != nil {
		return nil, err
	}
	var mine []tripline.Watch
	for _, w := range watches {
		if tripline.WatchesEvents(w.Kind) || w.Kind == tripline.WatchNetworkCompany {
			continue // the Evaluator's: register rows, claims, network companies
		}
		if len(w.Sources) == 0 || slices.Contains(w.Sources, source) {
			mine = append(mine, w)
		}
	}
	if len(mine) == 0 {
		return nil, nil
	}
	read := func(id int64) (map[string]*tripline.Entity, []*tripline.Entity, error) {
		byID := map[string]*tripline.Entity{}
		var all []*tripline.Entity
		if id == 0 {
			return byID, nil, nil
		}
		err := m.Store.EachEntity(ctx, tripline.EntityFilter{SnapshotID: id}, func(e *tripline.Entity) error {
			byID[e.ID] = e
			all = append(all, e)
			return nil
		})
		return byID, all, err
	}
	oldBy, oldAll, err := read(oldSnap)
	if err != nil {
		return nil, err
	}
	newBy, newAll, err := read(newSnap)
	if err != nil {
		return nil, err
	}
	d := delta.Compare(oldAll, newAll).MaterialOnly()
	type change struct {
		id, kind string
		fields   []string
	}
	var changes []change
	for _, id := range d.Added {
		changes = append(changes, change{id, "added", materialFields()})
	}
	for _, id := range d.Removed {
		changes = append(changes, change{id, "removed", materialFields()})
	}
	for _, c := range d.Changed {
		var fs []string
		for _, f := range c.Fields {
			if delta.IsMaterial(f) {
				fs = append(fs, f)
			}
		}
		changes = append(changes, change{c.ID, "changed", fs})
	}
	// Name watches are scored like screening queries, against the new
	// snapshot, keeping the entities that changed.
	var sc *match.Screener
	for _, w := range mine {
		if w.Kind == tripline.WatchName && sc == nil {
			mc := *m.cfg().Match
			mc.MaxCandidates, mc.Limit = math.MaxInt32, math.MaxInt32 // no candidate cap, no per-query cut
			sc = match.NewScreener(match.NewIndex(mc, newAll))
		}
	}
	var fires []tripline.WatchFire
	for _, w := range mine {
		var nameHits map[string]float64
		if w.Kind == tripline.WatchName {
			nameHits = map[string]float64{}
			res, err := sc.Screen(ctx, []tripline.Query{{ID: "watch", Name: w.Value}}, tripline.ScreenOptions{Threshold: w.Threshold})
			if err != nil {
				return nil, err
			}
			for _, mt := range res[0].Matches {
				nameHits[mt.ID] = mt.Score
			}
		}
		for _, c := range changes {
			o, n := oldBy[c.id], newBy[c.id]
			cur := n
			if cur == nil {
				cur = o
			}
			f := tripline.WatchFire{WatchID: w.ID, EntityID: c.id, EntityName: cur.Caption(), Change: c.kind, SnapshotID: newSnap, PrevSnapshotID: oldSnap,
				EntityHash: delta.MaterialHash(cur), Diff: map[string]tripline.FieldDiff{}}
			for _, fld := range c.fields {
				ov, nv := delta.Values(o, fld), delta.Values(n, fld)
				if c.kind != "changed" && len(ov) == 0 && len(nv) == 0 {
					continue
				}
				f.Diff[fld] = tripline.FieldDiff{Old: ov, New: nv}
			}
			fire := false
			switch w.Kind {
			case tripline.WatchEntity:
				fire = c.id == w.Value
			case tripline.WatchProgram:
				fire = n != nil && hasFold(n.Programs, w.Value) && (o == nil || !hasFold(o.Programs, w.Value))
			case tripline.WatchCountry:
				fire = n != nil && hasFold(countries(n), w.Value) && (o == nil || !hasFold(countries(o), w.Value))
			case tripline.WatchName:
				if s, ok := nameHits[c.id]; ok && n != nil {
					fire, f.Score = true, s
				}
			}
			if fire {
				fires = append(fires, f)
			}
		}
	}
	if len(fires) == 0 {
		return nil, nil
	}
	return ws.RecordFires(ctx, fires)
}

func hasFold(vs []string, want string) bool {
	for _, v := range vs {
		if strings.EqualFold(strings.TrimSpace(v), want) {
			return true
		}
	}
	return false
}

// countries returns every country an entity is tied to.
func countries(e *tripline.Entity) []string {
	out := append(append([]string{}, e.Countries...), e.Nationalities...)
	for _, a := range e.Addresses {
		if a.Country != "" {
			out = append(out, a.Country)
		}
	}
	return out
}

func materialFields() []string {
	var out []string
	for _, f := range delta.Fields() {
		if delta.IsMaterial(f) {
			out = append(out, f)
		}
	}
	return out
}
