package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tripline/tripline"
)

const alertCols = `id, book, party_id, party_name, entity_id, entity_name, source, programs, score, reason, status, resolution, priority,
	snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at, closed_at`

func scanAlert(r scanner) (tripline.Alert, error) {
	var a tripline.Alert
	var programs, expl, created, updated string
	var closed sql.NullString
	if err := r.Scan(&a.ID, &a.Book, &a.PartyID, &a.PartyName, &a.EntityID, &a.EntityName, &a.Source, &programs, &a.Score, &a.Reason, &a.Status, &a.Resolution, &a.Priority,
		&a.SnapshotID, &a.PrevSnapshotID, &a.MatcherVersion, &a.PartyHash, &a.EntityHash, &expl, &created, &updated, &closed); err != nil {
		return a, err
	}
	if programs != "" && programs != "[]" {
		_ = json.Unmarshal([]byte(programs), &a.Programs)
	}
	if expl != "" {
		a.Explanation = new(tripline.Explanation)
		if err := json.Unmarshal([]byte(expl), a.Explanation); err != nil {
			return a, err
		}
	}
	a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
	if closed.Valid {
		t := parseTS(closed.String)
		a.ClosedAt = &t
	}
	return a, nil
}

func collectAlerts(rows *sql.Rows, op string) ([]tripline.Alert, error) {
	defer rows.Close()
	out := []tripline.Alert{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, internalErr(op, "cannot read alerts", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read alerts", err)
	}
	return out, nil
}

// alertEvents returns one event of type typ per alert, its payload the
// alert.
func alertEvents(typ string, as []tripline.Alert) []tripline.Event {
	out := make([]tripline.Event, 0, len(as))
	for _, a := range as {
		b, _ := json.Marshal(a)
		out = append(out, tripline.Event{Type: typ, Payload: b})
	}
	return out
}

// closeAlerts closes the alerts that are not closed and match where.
func closeAlerts(ctx context.Context, tx *sql.Tx, where string, args []any, resolution, now string) ([]tripline.Alert, error) {
	rows, err := tx.QueryContext(ctx, `UPDATE alerts SET status = 'closed', resolution = ?, closed_at = ?, updated_at = ? WHERE status <> 'closed' AND `+where+` RETURNING `+alertCols,
		append([]any{resolution, now, now}, args...)...)
	if err != nil {
		return nil, internalErr("sqlite.closeAlerts", "cannot close alerts", err)
	}
	return collectAlerts(rows, "sqlite.closeAlerts")
}

func validStatus(op, status string) error {
	switch status {
	case "", tripline.AlertOpen, tripline.AlertPendingApproval, tripline.AlertClosed:
		return nil
	}
	return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("unknown alert status %q (want open, pending_approval or closed)", status)}
}

// Alerts returns the alerts the filter selects, lowest id first.
func (s *Store) Alerts(ctx context.Context, f tripline.AlertFilter) ([]tripline.Alert, error) {
	const op = "sqlite.Alerts"
	if err := validStatus(op, f.Status); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	add := func(cond string, v any) { where = append(where, cond); args = append(args, v) }
	if f.Book != "" {
		add("book = ?", f.Book)
	}
	if f.Status != "" {
		add("status = ?", f.Status)
	}
	if f.Reason != "" {
		add("reason = ?", f.Reason)
	}
	if !f.Since.IsZero() {
		add("created_at >= ?", ts(f.Since))
	}
	add("id > ?", f.After)
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+alertCols+` FROM alerts WHERE `+strings.Join(where, " AND ")+` ORDER BY id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, internalErr(op, "cannot read alerts", err)
	}
	return collectAlerts(rows, op)
}

// Alert returns the alert with id.
func (s *Store) Alert(ctx context.Context, id int64) (tripline.Alert, error) {
	const op = "sqlite.Alert"
	a, err := scanAlert(s.db.QueryRowContext(ctx, `SELECT `+alertCols+` FROM alerts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no alert %d", id)}
	}
	if err != nil {
		return a, internalErr(op, "cannot read the alert", err)
	}
	return a, nil
}

// chunks calls fn with the ids in slices of at most 500.
func chunks(ids []string, fn func([]string) error) error {
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func inList(book string, ids []string) (string, []any) {
	args := make([]any, 0, len(ids)+1)
	args = append(args, book)
	for _, id := range ids {
		args = append(args, id)
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")", args
}

// OpenAlerts returns the alerts of the given parties of book that are not
// closed.
func (s *Store) OpenAlerts(ctx context.Context, book string, partyIDs []string) ([]tripline.Alert, error) {
	const op = "sqlite.OpenAlerts"
	out := []tripline.Alert{}
	err := chunks(partyIDs, func(ids []string) error {
		in, args := inList(book, ids)
		rows, err := s.db.QueryContext(ctx, `SELECT `+alertCols+` FROM alerts WHERE book = ? AND party_id IN `+in+` AND status <> 'closed'`, args...)
		if err != nil {
			return internalErr(op, "cannot read alerts", err)
		}
		as, err := collectAlerts(rows, op)
		out = append(out, as...)
		return err
	})
	return out, err
}

// Matches returns the stored matches of the parties of book with ids from
// first to last.
func (s *Store) Matches(ctx context.Context, book, first, last string) ([]tripline.PairMatch, error) {
	const op = "sqlite.Matches"
	rows, err := s.db.QueryContext(ctx, `SELECT party_id, entity_id, score, party_hash, entity_hash FROM book_matches WHERE book = ? AND party_id >= ? AND party_id <= ? ORDER BY party_id`, book, first, last)
	if err != nil {
		return nil, internalErr(op, "cannot read matches", err)
	}
	defer rows.Close()
	out := []tripline.PairMatch{}
	for rows.Next() {
		var m tripline.PairMatch
		if err := rows.Scan(&m.PartyID, &m.EntityID, &m.Score, &m.PartyHash, &m.EntityHash); err != nil {
			return nil, internalErr(op, "cannot read matches", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read matches", err)
	}
	return out, nil
}

// MatchedParties returns the ids of the parties of book with a stored
// match, sorted.
func (s *Store) MatchedParties(ctx context.Context, book string) ([]string, error) {
	const op = "sqlite.MatchedParties"
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT party_id FROM book_matches WHERE book = ? ORDER BY party_id`, book)
	if err != nil {
		return nil, internalErr(op, "cannot read matches", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, internalErr(op, "cannot read matches", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

const passCols = `book, key, kind, source, old_snapshot, new_snapshot, revision, snapshots, matcher_version, cursor, done, stats, started_at, finished_at`

func scanPass(r scanner) (tripline.Pass, error) {
	var p tripline.Pass
	var snaps, stats, started string
	var finished sql.NullString
	if err := r.Scan(&p.Book, &p.Key, &p.Kind, &p.Source, &p.OldSnapshot, &p.NewSnapshot, &p.Revision, &snaps, &p.MatcherVersion, &p.Cursor, &p.Done, &stats, &started, &finished); err != nil {
		return p, err
	}
	_ = json.Unmarshal([]byte(snaps), &p.Snapshots)
	_ = json.Unmarshal([]byte(stats), &p.Stats)
	p.StartedAt = parseTS(started)
	if finished.Valid {
		t := parseTS(finished.String)
		p.FinishedAt = &t
	}
	return p, nil
}

// StartPass records p unless the pass exists, and returns the stored pass.
func (s *Store) StartPass(ctx context.Context, p tripline.Pass) (tripline.Pass, error) {
	const op = "sqlite.StartPass"
	if p.Book == "" || p.Key == "" {
		return p, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "a pass needs a book and a key"}
	}
	snaps, _ := json.Marshal(p.Snapshots)
	stats, _ := json.Marshal(p.Stats)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO monitor_passes (`+passCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, ?, NULL) ON CONFLICT (book, key) DO NOTHING`,
		p.Book, p.Key, p.Kind, p.Source, p.OldSnapshot, p.NewSnapshot, p.Revision, string(snaps), p.MatcherVersion, string(stats), ts(s.Now())); err != nil {
		return p, internalErr(op, "cannot record the pass", err)
	}
	out, err := scanPass(s.db.QueryRowContext(ctx, `SELECT `+passCols+` FROM monitor_passes WHERE book = ? AND key = ?`, p.Book, p.Key))
	if err != nil {
		return p, internalErr(op, "cannot read the pass", err)
	}
	return out, nil
}

// Passes returns the passes of book, oldest first.
func (s *Store) Passes(ctx context.Context, book string, unfinished bool) ([]tripline.Pass, error) {
	const op = "sqlite.Passes"
	q := `SELECT ` + passCols + ` FROM monitor_passes WHERE book = ?`
	if unfinished {
		q += ` AND done = 0`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY started_at, rowid`, book)
	if err != nil {
		return nil, internalErr(op, "cannot read passes", err)
	}
	defer rows.Close()
	out := []tripline.Pass{}
	for rows.Next() {
		p, err := scanPass(rows)
		if err != nil {
			return nil, internalErr(op, "cannot read passes", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ApplyScreening writes one batch of a pass in one transaction and returns
// the alerts raised.
func (s *Store) ApplyScreening(ctx context.Context, b tripline.ScreeningBatch) ([]tripline.Alert, error) {
	const op = "sqlite.ApplyScreening"
	for _, a := range b.Raise {
		if a.PartyID == "" || a.EntityID == "" || a.Reason == "" {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "an alert needs a party, an entity and a reason"}
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback()
	var pass tripline.Pass
	pass, err = scanPass(tx.QueryRowContext(ctx, `SELECT `+passCols+` FROM monitor_passes WHERE book = ? AND key = ?`, b.Book, b.PassKey))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no pass %q of book %q", b.PassKey, b.Book)}
	}
	if err != nil {
		return nil, internalErr(op, "cannot read the pass", err)
	}
	nows := ts(s.Now())
	for _, m := range b.Delete {
		if _, err := tx.ExecContext(ctx, `DELETE FROM book_matches WHERE book = ? AND party_id = ? AND entity_id = ?`, b.Book, m.PartyID, m.EntityID); err != nil {
			return nil, internalErr(op, "cannot write matches", err)
		}
	}
	if len(b.Upsert) > 0 {
		st, err := tx.PrepareContext(ctx, `INSERT INTO book_matches (book, party_id, entity_id, score, party_hash, entity_hash) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (book, party_id, entity_id) DO UPDATE SET score = excluded.score, party_hash = excluded.party_hash, entity_hash = excluded.entity_hash`)
		if err != nil {
			return nil, internalErr(op, "cannot write matches", err)
		}
		defer st.Close()
		for _, m := range b.Upsert {
			if _, err := st.ExecContext(ctx, b.Book, m.PartyID, m.EntityID, m.Score, m.PartyHash, m.EntityHash); err != nil {
				return nil, internalErr(op, "cannot write matches", err)
			}
		}
	}
	var evs []tripline.Event
	for _, c := range b.Close {
		closed, err := closeAlerts(ctx, tx, `id = ?`, []any{c.ID}, c.Resolution, nows)
		if err != nil {
			return nil, err
		}
		evs = append(evs, alertEvents("alert.closed", closed)...)
	}
	for _, u := range b.Update {
		expl, _ := json.Marshal(u.Explanation)
		rows, err := tx.QueryContext(ctx, `UPDATE alerts SET score = ?, explanation = ?, party_name = ?, entity_name = ?, snapshot_id = ?, prev_snapshot_id = ?,
			matcher_version = ?, party_hash = ?, entity_hash = ?, priority = priority + 1, updated_at = ? WHERE id = ? AND status <> 'closed' RETURNING `+alertCols,
			u.Score, string(expl), u.PartyName, u.EntityName, u.SnapshotID, u.PrevSnapshotID, u.MatcherVersion, u.PartyHash, u.EntityHash, nows, u.ID)
		if err != nil {
			return nil, internalErr(op, "cannot update an alert", err)
		}
		as, err := collectAlerts(rows, op)
		if err != nil {
			return nil, err
		}
		if err := s.pinAlerts(ctx, tx, as, true); err != nil {
			return nil, err
		}
		evs = append(evs, alertEvents("alert.updated", as)...)
	}
	var raised []tripline.Alert
	if len(b.Raise) > 0 {
		st, err := tx.PrepareContext(ctx, `INSERT INTO alerts (book, party_id, party_name, entity_id, entity_name, source, programs, score, reason, status, resolution, priority,
			snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '', 0, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`)
		if err != nil {
			return nil, internalErr(op, "cannot raise alerts", err)
		}
		defer st.Close()
		for _, a := range b.Raise {
			programs, _ := json.Marshal(nonNil(a.Programs))
			expl := ""
			if a.Explanation != nil {
				e, _ := json.Marshal(a.Explanation)
				expl = string(e)
			}
			err := st.QueryRowContext(ctx, b.Book, a.PartyID, a.PartyName, a.EntityID, a.EntityName, a.Source, string(programs), a.Score, a.Reason,
				a.SnapshotID, a.PrevSnapshotID, a.MatcherVersion, a.PartyHash, a.EntityHash, expl, nows, nows).Scan(&a.ID)
			if errors.Is(err, sql.ErrNoRows) {
				continue // the pair has an alert that is not closed
			}
			if err != nil {
				return nil, internalErr(op, "cannot raise an alert", err)
			}
			a.Book, a.Status, a.Resolution, a.Priority = b.Book, tripline.AlertOpen, "", 0
			a.CreatedAt, a.UpdatedAt = parseTS(nows), parseTS(nows)
			raised = append(raised, a)
		}
		if err := s.pinAlerts(ctx, tx, raised, false); err != nil {
			return nil, err
		}
		evs = append(evs, alertEvents("alert.created", raised)...)
	}
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return nil, err
	}
	stats, _ := json.Marshal(b.Stats)
	if b.Finish {
		if _, err := tx.ExecContext(ctx, `UPDATE monitor_passes SET cursor = ?, stats = ?, done = 1, finished_at = ? WHERE book = ? AND key = ?`, b.Cursor, string(stats), nows, b.Book, b.PassKey); err != nil {
			return nil, internalErr(op, "cannot finish the pass", err)
		}
		for src, id := range pass.Snapshots {
			if _, err := tx.ExecContext(ctx, `INSERT INTO book_snapshots (book, source, snapshot_id) VALUES (?, ?, ?) ON CONFLICT (book, source) DO UPDATE SET snapshot_id = excluded.snapshot_id`, b.Book, src, id); err != nil {
				return nil, internalErr(op, "cannot finish the pass", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE books SET matcher_version = ?, updated_at = ? WHERE name = ?`, pass.MatcherVersion, nows, b.Book); err != nil {
			return nil, internalErr(op, "cannot finish the pass", err)
		}
		if err := s.pinBook(ctx, tx, b.Book, pass.Snapshots); err != nil {
			return nil, err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE monitor_passes SET cursor = ?, stats = ? WHERE book = ? AND key = ?`, b.Cursor, string(stats), b.Book, b.PassKey); err != nil {
		return nil, internalErr(op, "cannot write the pass", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, internalErr(op, "cannot commit the screening", err)
	}
	return raised, nil
}
