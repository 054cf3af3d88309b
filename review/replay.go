package review

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/match"
)

// Replay is the outcome of rescreening an alert's pair with the list
// snapshots and configuration that produced it.
type Replay struct {
	AlertID  int64  `json:"alert_id"`
	PartyID  string `json:"party_id"`
	EntityID string `json:"entity_id"`
	Reason   string `json:"reason"`
	// Snapshots are the snapshots replayed against, by source.
	Snapshots map[string]int64 `json:"snapshots"`
	// Recorded is what the alert says; Replayed what the rescreen gives.
	Recorded ReplayResult `json:"recorded"`
	Replayed ReplayResult `json:"replayed"`
	// Same is set when the replay gives the alert's result: the same
	// score (to 0.001), the same side of the threshold, the same material
	// hashes of both records (for a delisting: the entity absent from the
	// alert's snapshot and present in the one before).
	Same        bool                  `json:"same"`
	Differences []string              `json:"differences,omitempty"`
	Notes       []string              `json:"notes,omitempty"`
	Explanation *tripline.Explanation `json:"explanation,omitempty"`
}

// ReplayResult is one side of a replay.
type ReplayResult struct {
	Score          float64 `json:"score"`
	Matched        bool    `json:"matched"`
	MatcherVersion string  `json:"matcher_version"`
	Threshold      float64 `json:"threshold"`
	PartyHash      string  `json:"party_hash"`
	EntityHash     string  `json:"entity_hash,omitempty"`
	Listed         bool    `json:"listed"`
}

// ReplayAlert rescreens the pair of alert id with the snapshots recorded
// on it, using cfg (the matcher configuration of this build: when its
// version is not the alert's, the replay says so and shows what this
// version gives).
func ReplayAlert(ctx context.Context, st Store, id int64, cfg match.Config) (*Replay, error) {
	a, err := st.Alert(ctx, id)
	if err != nil {
		return nil, err
	}
	snaps := a.Snapshots
	if len(snaps) == 0 {
		snaps = map[string]int64{a.Source: a.SnapshotID}
	}
	r := &Replay{AlertID: a.ID, PartyID: a.PartyID, EntityID: a.EntityID, Reason: a.Reason, Snapshots: snaps}
	thr := a.Threshold
	if thr == 0 {
		thr = cfg.Threshold
		r.Notes = append(r.Notes, fmt.Sprintf("the alert records no threshold; replayed with %.2f", thr))
	}
	r.Recorded = ReplayResult{Score: a.Score, Matched: a.Reason != tripline.ReasonDelisted && a.Score >= thr, MatcherVersion: a.MatcherVersion,
		Threshold: thr, PartyHash: a.PartyHash, EntityHash: a.EntityHash, Listed: a.Reason != tripline.ReasonDelisted}
	if cfg.Version != a.MatcherVersion {
		r.Notes = append(r.Notes, fmt.Sprintf("the alert was raised by matcher %s; this build has %s, whose result is shown", a.MatcherVersion, cfg.Version))
	}
	party := a.Party
	if party == nil {
		cur, err := st.Party(ctx, a.Book, a.PartyID)
		if err != nil {
			return nil, tripline.Errorf(tripline.KindNotFound, "alert %d does not record the party as screened and the book no longer holds party %s", a.ID, a.PartyID)
		}
		party = &cur
		r.Notes = append(r.Notes, "the alert does not record the party as screened; replayed with the book's current record")
	}
	mc := cfg
	mc.MaxCandidates, mc.Limit = math.MaxInt32, math.MaxInt32
	b := match.NewBuilder(mc)
	srcs := make([]string, 0, len(snaps))
	for s := range snaps {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	var ent *tripline.Entity
	for _, src := range srcs {
		err := st.EachEntity(ctx, tripline.EntityFilter{SnapshotID: snaps[src]}, func(e *tripline.Entity) error {
			b.Add(e)
			if e.ID == a.EntityID {
				ent = e
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("replay: snapshot %d of %s: %w", snaps[src], src, err)
		}
	}
	sc := match.NewScreener(b.Build())
	r.Replayed = ReplayResult{MatcherVersion: cfg.Version, Threshold: thr, PartyHash: tripline.PartyHash(*party), Listed: ent != nil}
	if ent != nil {
		r.Replayed.EntityHash = delta.MaterialHash(ent)
		if m := sc.Explain(party.Query(), a.EntityID); m != nil {
			r.Replayed.Score, r.Replayed.Matched, r.Explanation = m.Score, m.Score >= thr, m.Explanation
		}
	}
	diff := func(format string, args ...any) { r.Differences = append(r.Differences, fmt.Sprintf(format, args...)) }
	if r.Recorded.PartyHash != r.Replayed.PartyHash {
		diff("the party's material hash differs")
	}
	if a.Reason == tripline.ReasonDelisted {
		if ent != nil {
			diff("the entity is in snapshot %d, which the alert says removed it", a.SnapshotID)
		}
		if a.PrevSnapshotID != 0 {
			if _, err := st.Entity(ctx, a.EntityID, a.PrevSnapshotID); err != nil {
				diff("the entity is not in snapshot %d, from which the alert says it was removed", a.PrevSnapshotID)
			}
		}
	} else {
		switch {
		case ent == nil:
			diff("the entity is not in snapshot %d", snaps[a.Source])
		default:
			if r.Recorded.EntityHash != r.Replayed.EntityHash {
				diff("the listed record's material hash differs")
			}
			if math.Abs(r.Recorded.Score-r.Replayed.Score) > 0.0005 {
				diff("score %.3f replayed, %.3f recorded", r.Replayed.Score, r.Recorded.Score)
			}
			if r.Recorded.Matched != r.Replayed.Matched {
				diff("the replayed score is on the other side of the threshold %.2f", thr)
			}
		}
	}
	r.Same = len(r.Differences) == 0
	return r, nil
}
