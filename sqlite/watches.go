package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tripline/tripline"
)

var _ tripline.WatchStore = (*Store)(nil)

// AddWatch validates and stores w.
func (s *Store) AddWatch(ctx context.Context, w tripline.Watch) (tripline.Watch, error) {
	const op = "sqlite.AddWatch"
	if err := w.Validate(); err != nil {
		return w, err
	}
	w.CreatedAt = parseTS(ts(s.Now()))
	srcs, _ := json.Marshal(nonNil(w.Sources))
	err := s.db.QueryRowContext(ctx, `INSERT INTO watches (kind, value, sources, threshold, label, created_at, from_event)
		VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM events)) RETURNING id, from_event`,
		w.Kind, w.Value, string(srcs), w.Threshold, w.Label, ts(w.CreatedAt)).Scan(&w.ID, &w.FromEvent)
	if err != nil {
		return w, internalErr(op, "cannot store the watch", err)
	}
	return w, nil
}

// Watches lists the watches not removed, oldest first.
func (s *Store) Watches(ctx context.Context) ([]tripline.Watch, error) {
	const op = "sqlite.Watches"
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, value, sources, threshold, label, created_at, from_event FROM watches WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, internalErr(op, "cannot read watches", err)
	}
	defer rows.Close()
	out := []tripline.Watch{}
	for rows.Next() {
		var w tripline.Watch
		var srcs, created string
		if err := rows.Scan(&w.ID, &w.Kind, &w.Value, &srcs, &w.Threshold, &w.Label, &created, &w.FromEvent); err != nil {
			return nil, internalErr(op, "cannot read watches", err)
		}
		_ = json.Unmarshal([]byte(srcs), &w.Sources)
		if len(w.Sources) == 0 {
			w.Sources = nil
		}
		w.CreatedAt = parseTS(created)
		out = append(out, w)
	}
	return out, rows.Err()
}

// DeleteWatch removes a watch; its firings are kept.
func (s *Store) DeleteWatch(ctx context.Context, id int64) error {
	const op = "sqlite.DeleteWatch"
	res, err := s.db.ExecContext(ctx, `UPDATE watches SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, ts(s.Now()), id)
	if err != nil {
		return internalErr(op, "cannot remove the watch", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no watch %d (see tripline watch list)", id)}
	}
	return nil
}

// RecordFires stores the firings not stored before, each with a
// "watch.fired" event in the same transaction.
func (s *Store) RecordFires(ctx context.Context, fires []tripline.WatchFire) ([]tripline.WatchFire, error) {
	return s.CommitWatches(ctx, tripline.WatchCommit{Fires: fires})
}

// recordFires stores the firings not stored before inside tx and returns
// them with the events that announce them.
func (s *Store) recordFires(ctx context.Context, tx *sql.Tx, fires []tripline.WatchFire, now string) ([]tripline.WatchFire, []tripline.Event, error) {
	const op = "sqlite.RecordFires"
	out := []tripline.WatchFire{}
	var evs []tripline.Event
	for _, f := range fires {
		if f.WatchID == 0 || f.EntityID == "" {
			return nil, nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "a firing needs a watch and an entity"}
		}
		diff, _ := json.Marshal(f.Diff)
		detail, _ := json.Marshal(fireDetail{Record: f.Record, Network: f.Network, Explanation: f.Explanation})
		err := tx.QueryRowContext(ctx, `INSERT INTO watch_fires (watch_id, entity_id, entity_name, change, diff, score, snapshot_id, prev_snapshot_id, entity_hash, created_at, event_id, detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
			f.WatchID, f.EntityID, f.EntityName, f.Change, string(diff), f.Score, f.SnapshotID, f.PrevSnapshotID, f.EntityHash, now, f.EventID, string(detail)).Scan(&f.ID)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, nil, internalErr(op, "cannot record a firing", err)
		}
		f.CreatedAt = parseTS(now)
		out = append(out, f)
		b, _ := json.Marshal(f)
		evs = append(evs, tripline.Event{Type: "watch.fired", Payload: b})
	}
	return out, evs, nil
}

// fireDetail is the stored JSON of a firing's details.
type fireDetail struct {
	Record      *tripline.WatchRecord   `json:"record,omitempty"`
	Network     *tripline.NetworkChange `json:"network,omitempty"`
	Explanation string                  `json:"explanation,omitempty"`
}

// WatchFires returns the firings of a watch (all when watchID is 0), newest
// first.
func (s *Store) WatchFires(ctx context.Context, watchID int64, limit int) ([]tripline.WatchFire, error) {
	const op = "sqlite.WatchFires"
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, watch_id, entity_id, entity_name, change, diff, score, snapshot_id, prev_snapshot_id, entity_hash, created_at, event_id, detail
		FROM watch_fires WHERE (? = 0 OR watch_id = ?) ORDER BY id DESC LIMIT ?`, watchID, watchID, limit)
	if err != nil {
		return nil, internalErr(op, "cannot read firings", err)
	}
	defer rows.Close()
	out := []tripline.WatchFire{}
	for rows.Next() {
		var f tripline.WatchFire
		var diff, created, detail string
		if err := rows.Scan(&f.ID, &f.WatchID, &f.EntityID, &f.EntityName, &f.Change, &diff, &f.Score, &f.SnapshotID, &f.PrevSnapshotID, &f.EntityHash, &created, &f.EventID, &detail); err != nil {
			return nil, internalErr(op, "cannot read firings", err)
		}
		_ = json.Unmarshal([]byte(diff), &f.Diff)
		var d fireDetail
		_ = json.Unmarshal([]byte(detail), &d)
		f.Record, f.Network, f.Explanation = d.Record, d.Network, d.Explanation
		f.CreatedAt = parseTS(created)
		out = append(out, f)
	}
	return out, rows.Err()
}
