package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/eventid"
)

var _ tripline.EventLog = (*Store)(nil)

// AppendEvents writes events that belong to no other change, in one
// transaction, and returns them with Seq, ID and CreatedAt set.
func (s *Store) AppendEvents(ctx context.Context, evs []tripline.Event) ([]tripline.Event, error) {
	const op = "sqlite.AppendEvents"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer tx.Rollback()
	out, err := s.insertEvents(ctx, tx, evs)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
}

// insertEvents writes evs inside tx, the transaction of the change they
// announce, and returns them with Seq, ID and CreatedAt set.
func (s *Store) insertEvents(ctx context.Context, tx *sql.Tx, evs []tripline.Event) ([]tripline.Event, error) {
	const op = "sqlite.insertEvents"
	out := make([]tripline.Event, len(evs))
	now := s.Now()
	for i, ev := range evs {
		if err := eventid.Prepare(op, &ev, now); err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO events (id, type, created_at, payload) VALUES (?, ?, ?, ?)`,
			ev.ID, ev.Type, ev.CreatedAt.Format(time.RFC3339Nano), string(ev.Payload))
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
		}
		if ev.Seq, err = res.LastInsertId(); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
		}
		out[i] = ev
	}
	return out, nil
}

// EventsAfter returns up to limit events with Seq greater than after,
// oldest first.
func (s *Store) EventsAfter(ctx context.Context, after int64, limit int) ([]tripline.Event, error) {
	const op = "sqlite.EventsAfter"
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, type, created_at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	var out []tripline.Event
	for rows.Next() {
		var ev tripline.Event
		var at, payload string
		if err := rows.Scan(&ev.Seq, &ev.ID, &ev.Type, &at, &payload); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
		}
		ev.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		ev.Payload = []byte(payload)
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
}
