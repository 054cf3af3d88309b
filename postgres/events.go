package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/eventid"
)

var _ tripline.EventLog = (*Store)(nil)

// AppendEvents writes events that belong to no other change, in one
// transaction, and returns them with Seq, ID and CreatedAt set.
func (s *Store) AppendEvents(ctx context.Context, evs []tripline.Event) ([]tripline.Event, error) {
	const op = "postgres.AppendEvents"
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer tx.Rollback(ctx)
	out, err := s.insertEvents(ctx, tx, evs)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
}

// insertEvents writes evs inside tx, the transaction of the change they
// announce, and returns them with Seq, ID and CreatedAt set.
func (s *Store) insertEvents(ctx context.Context, tx pgx.Tx, evs []tripline.Event) ([]tripline.Event, error) {
	const op = "postgres.insertEvents"
	// Writers of events take turns until they commit, so that seq order
	// is commit order: otherwise a reader could see seq n+1 while n is
	// still uncommitted, move its cursor past n and never deliver it.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tripline.events:' || COALESCE(current_schema(), ''), 0))`); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
	}
	out := make([]tripline.Event, len(evs))
	now := s.Now()
	for i, ev := range evs {
		if err := eventid.Prepare(op, &ev, now); err != nil {
			return nil, err
		}
		out[i] = ev
	}
	// One statement per chunk instead of one round trip per event (a
	// rescreen writes tens of thousands): the arrays are unnested in
	// order, so seq follows the order of evs; RETURNING's rows are
	// matched by id, as its order is not promised.
	const per = 1000
	at := make(map[string]int, min(per, len(out)))
	for first := 0; first < len(out); first += per {
		chunk := out[first:min(first+per, len(out))]
		ids := make([]string, len(chunk))
		types := make([]string, len(chunk))
		created := make([]time.Time, len(chunk))
		payloads := make([]string, len(chunk))
		clear(at)
		for i, ev := range chunk {
			ids[i], types[i], created[i], payloads[i] = ev.ID, ev.Type, ev.CreatedAt, string(ev.Payload)
			at[ev.ID] = first + i
		}
		rows, err := tx.Query(ctx, `INSERT INTO events (id, type, created_at, payload)
			SELECT id, type, created_at, payload FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY AS e(id, type, created_at, payload, n)
			ORDER BY n RETURNING id, seq`, ids, types, created, payloads)
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
		}
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
		rows.Close()
		if err := rows.Err(); err != nil || n != len(chunk) {
			if err == nil {
				err = fmt.Errorf("%d of %d events came back", n, len(chunk))
			}
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write an event", Err: err}
		}
	}
	return out, nil
}

// EventsAfter returns up to limit events with Seq greater than after,
// oldest first.
func (s *Store) EventsAfter(ctx context.Context, after int64, limit int) ([]tripline.Event, error) {
	const op = "postgres.EventsAfter"
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.pool.Query(ctx, `SELECT seq, id, type, created_at, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	var out []tripline.Event
	for rows.Next() {
		var ev tripline.Event
		var payload string
		if err := rows.Scan(&ev.Seq, &ev.ID, &ev.Type, &ev.CreatedAt, &payload); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
		}
		ev.CreatedAt = ev.CreatedAt.UTC()
		ev.Payload = []byte(payload)
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
}
