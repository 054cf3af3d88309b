package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.WatchEvalStore = (*Store)(nil)

// WatchStates returns the stored state of every watch that has one.
func (s *Store) WatchStates(ctx context.Context) (map[int64]tripline.WatchState, error) {
	const op = "postgres.WatchStates"
	rows, err := s.pool.Query(ctx, `SELECT watch_id, hash, data, updated_at FROM watch_states`)
	if err != nil {
		return nil, internalErr(op, "cannot read the watches' states", err)
	}
	defer rows.Close()
	out := map[int64]tripline.WatchState{}
	for rows.Next() {
		var st tripline.WatchState
		var data string
		if err := rows.Scan(&st.WatchID, &st.Hash, &data, &st.UpdatedAt); err != nil {
			return nil, internalErr(op, "cannot read the watches' states", err)
		}
		st.Data, st.UpdatedAt = json.RawMessage(data), st.UpdatedAt.UTC()
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
	const op = "postgres.CommitWatches"
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback(ctx)
	now := s.now()
	fires := append([]tripline.WatchFire(nil), c.Fires...)
	for _, u := range c.States {
		if u.State.WatchID == 0 || u.State.Hash == "" {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "a watch state needs a watch and a hash"}
		}
		var sql string
		var args []any
		if u.PrevHash == "" {
			sql = `INSERT INTO watch_states (watch_id, hash, data, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`
			args = []any{u.State.WatchID, u.State.Hash, string(u.State.Data), now}
		} else {
			// The row lock of the update makes a concurrent evaluator wait
			// and then find the hash moved on.
			sql = `UPDATE watch_states SET hash = $1, data = $2, updated_at = $3 WHERE watch_id = $4 AND hash = $5`
			args = []any{u.State.Hash, string(u.State.Data), now, u.State.WatchID, u.PrevHash}
		}
		tag, err := tx.Exec(ctx, sql, args...)
		if err != nil {
			return nil, internalErr(op, "cannot store a watch's state", err)
		}
		if tag.RowsAffected() == 1 {
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
		if _, err := tx.Exec(ctx, `INSERT INTO event_cursors (name, seq) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET seq = GREATEST(event_cursors.seq, excluded.seq)`,
			c.Cursor, c.CursorSeq); err != nil {
			return nil, internalErr(op, "cannot move the watches' cursor", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, internalErr(op, "cannot commit the firings", err)
	}
	return out, nil
}

// TransferAt returns a deal as a snapshot of its register held it (nil
// when the snapshot does not hold it), and the snapshot before that one.
func (s *Store) TransferAt(ctx context.Context, snapshotID int64, id string) (*tripline.Transfer, int64, error) {
	const op = "postgres.TransferAt"
	var data *string
	var prev int64
	err := s.pool.QueryRow(ctx, `SELECT s.previous, t.data FROM transfer_snapshots s LEFT JOIN transfers t ON t.snapshot_id = s.id AND t.id = $1
		WHERE s.id = $2`, id, snapshotID).Scan(&prev, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no register snapshot %d", snapshotID)}
	}
	if err != nil {
		return nil, 0, internalErr(op, "cannot read the transfer", err)
	}
	if data == nil {
		return nil, prev, nil
	}
	t := new(tripline.Transfer)
	if err := json.Unmarshal([]byte(*data), t); err != nil {
		return nil, 0, internalErr(op, "cannot read the transfer", err)
	}
	t.SnapshotID = snapshotID
	return t, prev, nil
}
