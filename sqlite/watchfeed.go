package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tripline/tripline"
)

var _ tripline.WatchEvalStore = (*Store)(nil)

// WatchStates returns the stored state of every watch that has one.
func (s *Store) WatchStates(ctx context.Context) (map[int64]tripline.WatchState, error) {
	const op = "sqlite.WatchStates"
	rows, err := s.db.QueryContext(ctx, `SELECT watch_id, hash, data, updated_at FROM watch_states`)
	if err != nil {
		return nil, internalErr(op, "cannot read the watches' states", err)
	}
	defer rows.Close()
	out := map[int64]tripline.WatchState{}
	for rows.Next() {
		var st tripline.WatchState
		var data, updated string
		if err := rows.Scan(&st.WatchID, &st.Hash, &data, &updated); err != nil {
			return nil, internalErr(op, "cannot read the watches' states", err)
		}
		st.Data, st.UpdatedAt = json.RawMessage(data), parseTS(updated)
		out[st.WatchID] = st
	}
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read the watches' states", err)
	}
	return out, nil
}

// CommitWatches writes the firings, the state updates that still apply
// over the state their evaluator read, the events that announce the
// firings and the evaluator's cursor, in one transaction.
func (s *Store) CommitWatches(ctx context.Context, c tripline.WatchCommit) ([]tripline.WatchFire, error) {
	const op = "sqlite.CommitWatches"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback()
	now := ts(s.Now())
	fires := append([]tripline.WatchFire(nil), c.Fires...)
	for _, u := range c.States {
		if u.State.WatchID == 0 || u.State.Hash == "" {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "a watch state needs a watch and a hash"}
		}
		var res sql.Result
		if u.PrevHash == "" {
			res, err = tx.ExecContext(ctx, `INSERT INTO watch_states (watch_id, hash, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				u.State.WatchID, u.State.Hash, string(u.State.Data), now)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE watch_states SET hash = ?, data = ?, updated_at = ? WHERE watch_id = ? AND hash = ?`,
				u.State.Hash, string(u.State.Data), now, u.State.WatchID, u.PrevHash)
		}
		if err != nil {
			return nil, internalErr(op, "cannot store a watch's state", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			fires = append(fires, u.Fires...)
		}
	}
	out, evs, err := s.recordFires(ctx, tx, fires, now)
	if err != nil {
		return nil, err
	}
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return nil, err
	}
	if c.Cursor != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = max(seq, excluded.seq)`,
			c.Cursor, c.CursorSeq); err != nil {
			return nil, internalErr(op, "cannot move the watches' cursor", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, internalErr(op, "cannot commit the firings", err)
	}
	return out, nil
}

// TransferAt returns a deal as a snapshot of its register held it (nil
// when the snapshot does not hold it), and the snapshot before that one.
func (s *Store) TransferAt(ctx context.Context, snapshotID int64, id string) (*tripline.Transfer, int64, error) {
	const op = "sqlite.TransferAt"
	var data sql.NullString
	var prev int64
	err := s.db.QueryRowContext(ctx, `SELECT s.previous, t.data FROM transfer_snapshots s LEFT JOIN transfers t ON t.snapshot_id = s.id AND t.id = ?
		WHERE s.id = ?`, id, snapshotID).Scan(&prev, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no register snapshot %d", snapshotID)}
	}
	if err != nil {
		return nil, 0, internalErr(op, "cannot read the transfer", err)
	}
	if !data.Valid {
		return nil, prev, nil
	}
	t := new(tripline.Transfer)
	if err := json.Unmarshal([]byte(data.String), t); err != nil {
		return nil, 0, internalErr(op, "cannot read the transfer", err)
	}
	t.SnapshotID = snapshotID
	return t, prev, nil
}
