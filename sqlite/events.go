package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
// announce, and returns them with Seq, ID and CreatedAt set. It writes
// them in multi-row statements: a monitor pass writes thousands per
// transaction.
func (s *Store) insertEvents(ctx context.Context, tx *sql.Tx, evs []tripline.Event) ([]tripline.Event, error) {
	const op = "sqlite.insertEvents"
	const per = 200
	out := make([]tripline.Event, len(evs))
	now := s.Now()
	for i, ev := range evs {
		if err := eventid.Prepare(op, &ev, now); err != nil {
			return nil, err
		}
		out[i] = ev
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 4*per)
	at := map[string]int{}
	for first := 0; first < len(out); first += per {
		chunk := out[first:min(first+per, len(out))]
		args = args[:0]
		clear(at)
		for i, ev := range chunk {
			args = append(args, ev.ID, ev.Type, ev.CreatedAt.Format(time.RFC3339Nano), string(ev.Payload))
			at[ev.ID] = first + i
		}
		q := `INSERT INTO events (id, type, created_at, payload) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?),", len(chunk)), ",") + ` RETURNING id, seq`
		var rows *sql.Rows
		var err error
		if len(chunk) == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, q); err != nil {
					return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
				}
			}
			rows, err = full.QueryContext(ctx, args...)
		} else {
			rows, err = tx.QueryContext(ctx, q, args...)
		}
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
		}
		// RETURNING gives the rows in no set order: matched by id.
		n := 0
		for rows.Next() {
			var id string
			var seq int64
			if err := rows.Scan(&id, &seq); err != nil {
				rows.Close()
				return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
			}
			if i, ok := at[id]; ok {
				out[i].Seq = seq
				n++
			}
		}
		err = rows.Err()
		rows.Close()
		if err == nil && n != len(chunk) {
			err = fmt.Errorf("%d of %d events written", n, len(chunk))
		}
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
		}
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
