package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

const alertCols = `id, book, party_id, party_name, entity_id, entity_name, source, programs, score, reason, status, resolution, priority,
	snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at, closed_at,
	snapshots, rules_version, threshold, party, assignee, assigned_at, escalated, decision_id, prior_alert_id, prior_decision_id, suppression_id`

func scanAlert(r pgx.Row) (tripline.Alert, error) {
	var a tripline.Alert
	var programs, expl, snaps, party string
	var priority int32
	if err := r.Scan(&a.ID, &a.Book, &a.PartyID, &a.PartyName, &a.EntityID, &a.EntityName, &a.Source, &programs, &a.Score, &a.Reason, &a.Status, &a.Resolution, &priority,
		&a.SnapshotID, &a.PrevSnapshotID, &a.MatcherVersion, &a.PartyHash, &a.EntityHash, &expl, &a.CreatedAt, &a.UpdatedAt, &a.ClosedAt,
		&snaps, &a.RulesVersion, &a.Threshold, &party, &a.Assignee, &a.AssignedAt, &a.Escalated, &a.DecisionID, &a.PriorAlertID, &a.PriorDecisionID, &a.SuppressionID); err != nil {
		return a, err
	}
	if snaps != "" && snaps != "{}" && snaps != "null" {
		_ = json.Unmarshal([]byte(snaps), &a.Snapshots)
	}
	if party != "" {
		a.Party = new(tripline.BookParty)
		_ = json.Unmarshal([]byte(party), a.Party)
	}
	if a.AssignedAt != nil {
		t := a.AssignedAt.UTC()
		a.AssignedAt = &t
	}
	a.Priority = int(priority)
	if programs != "" && programs != "[]" {
		_ = json.Unmarshal([]byte(programs), &a.Programs)
	}
	if expl != "" {
		a.Explanation = new(tripline.Explanation)
		if err := json.Unmarshal([]byte(expl), a.Explanation); err != nil {
			return a, err
		}
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	if a.ClosedAt != nil {
		t := a.ClosedAt.UTC()
		a.ClosedAt = &t
	}
	return a, nil
}

func collectAlerts(rows pgx.Rows, op string) ([]tripline.Alert, error) {
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

// closeAlerts closes the alerts that are not closed and match where, whose
// placeholders start at $4.
func closeAlerts(ctx context.Context, tx pgx.Tx, where string, args []any, resolution string, now time.Time) ([]tripline.Alert, error) {
	rows, err := tx.Query(ctx, `UPDATE alerts SET status = 'closed', resolution = $1, closed_at = $2, updated_at = $3 WHERE status <> 'closed' AND `+where+` RETURNING `+alertCols,
		append([]any{resolution, now, now}, args...)...)
	if err != nil {
		return nil, internalErr("postgres.closeAlerts", "cannot close alerts", err)
	}
	return collectAlerts(rows, "postgres.closeAlerts")
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
	const op = "postgres.Alerts"
	if err := validStatus(op, f.Status); err != nil {
		return nil, err
	}
	where, args := alertWhere(f, nil)
	order := ` ORDER BY id`
	if f.Queue {
		if f.After > 0 {
			args = append(args, f.AfterPriority, f.After)
			where = append(where, fmt.Sprintf("(priority < $%d OR (priority = $%d AND id > $%d))", len(args)-1, len(args)-1, len(args)))
		}
		order = ` ORDER BY priority DESC, id`
	} else {
		args = append(args, f.After)
		where = append(where, fmt.Sprintf("id > $%d", len(args)))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	args = append(args, limit)
	rows, err := s.pool.Query(ctx, `SELECT `+alertCols+` FROM alerts WHERE `+strings.Join(where, " AND ")+order+fmt.Sprintf(` LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, internalErr(op, "cannot read alerts", err)
	}
	return collectAlerts(rows, op)
}

// Alert returns the alert with id.
func (s *Store) Alert(ctx context.Context, id int64) (tripline.Alert, error) {
	const op = "postgres.Alert"
	a, err := scanAlert(s.pool.QueryRow(ctx, `SELECT `+alertCols+` FROM alerts WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no alert %d", id)}
	}
	if err != nil {
		return a, internalErr(op, "cannot read the alert", err)
	}
	return a, nil
}

// OpenAlerts returns the alerts of the given parties of book that are not
// closed.
func (s *Store) OpenAlerts(ctx context.Context, book string, partyIDs []string) ([]tripline.Alert, error) {
	const op = "postgres.OpenAlerts"
	rows, err := s.pool.Query(ctx, `SELECT `+alertCols+` FROM alerts WHERE book = $1 AND party_id = ANY($2) AND status <> 'closed'`, book, partyIDs)
	if err != nil {
		return nil, internalErr(op, "cannot read alerts", err)
	}
	return collectAlerts(rows, op)
}

// Matches returns the stored matches of the parties of book with ids from
// first to last.
func (s *Store) Matches(ctx context.Context, book, first, last string) ([]tripline.PairMatch, error) {
	const op = "postgres.Matches"
	rows, err := s.pool.Query(ctx, `SELECT party_id, entity_id, score, party_hash, entity_hash FROM book_matches WHERE book = $1 AND party_id >= $2 AND party_id <= $3 ORDER BY party_id`, book, first, last)
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
	const op = "postgres.MatchedParties"
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT party_id COLLATE "C" AS p FROM book_matches WHERE book = $1 ORDER BY p`, book)
	if err != nil {
		return nil, internalErr(op, "cannot read matches", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, internalErr(op, "cannot read matches", err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

const passCols = `book, key, kind, source, old_snapshot, new_snapshot, revision, snapshots, matcher_version, cursor, done, stats, started_at, finished_at`

func scanPass(r pgx.Row) (tripline.Pass, error) {
	var p tripline.Pass
	var snaps, stats string
	if err := r.Scan(&p.Book, &p.Key, &p.Kind, &p.Source, &p.OldSnapshot, &p.NewSnapshot, &p.Revision, &snaps, &p.MatcherVersion, &p.Cursor, &p.Done, &stats, &p.StartedAt, &p.FinishedAt); err != nil {
		return p, err
	}
	_ = json.Unmarshal([]byte(snaps), &p.Snapshots)
	_ = json.Unmarshal([]byte(stats), &p.Stats)
	p.StartedAt = p.StartedAt.UTC()
	if p.FinishedAt != nil {
		t := p.FinishedAt.UTC()
		p.FinishedAt = &t
	}
	return p, nil
}

// StartPass records p unless the pass exists, and returns the stored pass.
func (s *Store) StartPass(ctx context.Context, p tripline.Pass) (tripline.Pass, error) {
	const op = "postgres.StartPass"
	if p.Book == "" || p.Key == "" {
		return p, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "a pass needs a book and a key"}
	}
	snaps, _ := json.Marshal(p.Snapshots)
	stats, _ := json.Marshal(p.Stats)
	if _, err := s.pool.Exec(ctx, `INSERT INTO monitor_passes (book, key, kind, source, old_snapshot, new_snapshot, revision, snapshots, matcher_version, stats, started_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (book, key) DO NOTHING`,
		p.Book, p.Key, p.Kind, p.Source, p.OldSnapshot, p.NewSnapshot, p.Revision, string(snaps), p.MatcherVersion, string(stats), s.now()); err != nil {
		return p, internalErr(op, "cannot record the pass", err)
	}
	out, err := scanPass(s.pool.QueryRow(ctx, `SELECT `+passCols+` FROM monitor_passes WHERE book = $1 AND key = $2`, p.Book, p.Key))
	if err != nil {
		return p, internalErr(op, "cannot read the pass", err)
	}
	return out, nil
}

// Passes returns the passes of book, oldest first.
func (s *Store) Passes(ctx context.Context, book string, unfinished bool) ([]tripline.Pass, error) {
	const op = "postgres.Passes"
	q := `SELECT ` + passCols + ` FROM monitor_passes WHERE book = $1`
	if unfinished {
		q += ` AND NOT done`
	}
	rows, err := s.pool.Query(ctx, q+` ORDER BY started_at, seq`, book)
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
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read passes", err)
	}
	return out, nil
}

// ApplyScreening writes one batch of a pass in one transaction and returns
// the alerts raised.
func (s *Store) ApplyScreening(ctx context.Context, b tripline.ScreeningBatch) ([]tripline.Alert, error) {
	const op = "postgres.ApplyScreening"
	for _, a := range b.Raise {
		if a.PartyID == "" || a.EntityID == "" || a.Reason == "" {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "an alert needs a party, an entity and a reason"}
		}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback(ctx)
	pass, err := scanPass(tx.QueryRow(ctx, `SELECT `+passCols+` FROM monitor_passes WHERE book = $1 AND key = $2 FOR UPDATE`, b.Book, b.PassKey))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no pass %q of book %q", b.PassKey, b.Book)}
	}
	if err != nil {
		return nil, internalErr(op, "cannot read the pass", err)
	}
	now := s.now()
	if len(b.Delete) > 0 || len(b.Upsert) > 0 {
		batch := &pgx.Batch{}
		for _, m := range b.Delete {
			batch.Queue(`DELETE FROM book_matches WHERE book = $1 AND party_id = $2 AND entity_id = $3`, b.Book, m.PartyID, m.EntityID)
		}
		for _, m := range b.Upsert {
			batch.Queue(`INSERT INTO book_matches (book, party_id, entity_id, score, party_hash, entity_hash) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (book, party_id, entity_id) DO UPDATE SET score = excluded.score, party_hash = excluded.party_hash, entity_hash = excluded.entity_hash`,
				b.Book, m.PartyID, m.EntityID, m.Score, m.PartyHash, m.EntityHash)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return nil, internalErr(op, "cannot write matches", err)
		}
	}
	var evs []tripline.Event
	var audit []tripline.AuditEntry
	for _, c := range b.Close {
		closed, err := closeAlerts(ctx, tx, `id = $4`, []any{c.ID}, c.Resolution, now)
		if err != nil {
			return nil, err
		}
		evs = append(evs, alertEvents("alert.closed", closed)...)
		audit = append(audit, s.alertAudit(ctx, tripline.AuditAlertClosed, closed)...)
	}
	for _, u := range b.Update {
		expl, _ := json.Marshal(u.Explanation)
		// New evidence on an alert whose decision awaits approval sends
		// it back to open: the approver would approve a decision made on
		// evidence its decider did not see.
		var snaps, party *string
		if u.Snapshots != nil {
			b, _ := json.Marshal(u.Snapshots)
			v := string(b)
			snaps = &v
		}
		if u.Party != nil {
			b, _ := json.Marshal(u.Party)
			v := validText(string(b))
			party = &v
		}
		rows, err := tx.Query(ctx, `UPDATE alerts SET score = $1, explanation = $2, party_name = $3, entity_name = $4, snapshot_id = $5, prev_snapshot_id = $6,
			matcher_version = $7, party_hash = $8, entity_hash = $9, priority = priority + 1, updated_at = $10,
			snapshots = COALESCE($12, snapshots), party = COALESCE($13, party),
			status = CASE WHEN status = 'pending_approval' THEN 'open' ELSE status END WHERE id = $11 AND status <> 'closed' RETURNING `+alertCols,
			u.Score, string(expl), u.PartyName, u.EntityName, u.SnapshotID, u.PrevSnapshotID, u.MatcherVersion, u.PartyHash, u.EntityHash, now, u.ID, snaps, party)
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
		for _, a := range as {
			if _, err := tx.Exec(ctx, `UPDATE alert_decisions SET state = 'superseded' WHERE alert_id = $1 AND state = 'pending'`, a.ID); err != nil {
				return nil, internalErr(op, "cannot update an alert", err)
			}
		}
		evs = append(evs, alertEvents("alert.updated", as)...)
		audit = append(audit, s.alertAudit(ctx, tripline.AuditAlertUpdated, as)...)
	}
	var raised []tripline.Alert
	if len(b.Raise) > 0 {
		// One at a time: a raise that meets an open alert of the same
		// pair must not spoil the others.
		for _, a := range b.Raise {
			a.Book = b.Book
			if err := priorLinks(ctx, tx, &a); err != nil {
				return nil, err
			}
			id, ok, err := insertAlert(ctx, tx, a, now)
			if err != nil {
				return nil, internalErr(op, "cannot raise an alert", err)
			}
			if !ok {
				continue // the pair has an alert that is not closed
			}
			a.ID, a.Status, a.Resolution = id, tripline.AlertOpen, ""
			a.CreatedAt, a.UpdatedAt = now, now
			raised = append(raised, a)
			if a.SuppressionID != 0 {
				if _, err := tx.Exec(ctx, `UPDATE suppressions SET lifted_at = $1, lift_reason = $2, reopened_by = $3 WHERE id = $4 AND lifted_at IS NULL`,
					now, a.Reason, a.ID, a.SuppressionID); err != nil {
					return nil, internalErr(op, "cannot lift a suppression", err)
				}
				audit = append(audit, s.ctxEntry(ctx, tripline.AuditSuppression, tripline.AuditSubject("suppression", a.SuppressionID),
					map[string]any{"reason": a.Reason, "reopened_by": a.ID, "book": a.Book, "party_id": a.PartyID, "entity_id": a.EntityID,
						"party_hash": a.PartyHash, "entity_hash": a.EntityHash, "decision_id": a.PriorDecisionID}))
			}
		}
		if err := s.pinAlerts(ctx, tx, raised, false); err != nil {
			return nil, err
		}
		evs = append(evs, alertEvents("alert.created", raised)...)
		audit = append(audit, s.alertAudit(ctx, tripline.AuditAlertRaised, raised)...)
	}
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return nil, err
	}
	stats, _ := json.Marshal(b.Stats)
	if b.Finish {
		if _, err := tx.Exec(ctx, `UPDATE monitor_passes SET cursor = $1, stats = $2, done = true, finished_at = $3 WHERE book = $4 AND key = $5`, b.Cursor, string(stats), now, b.Book, b.PassKey); err != nil {
			return nil, internalErr(op, "cannot finish the pass", err)
		}
		for src, id := range pass.Snapshots {
			if _, err := tx.Exec(ctx, `INSERT INTO book_snapshots (book, source, snapshot_id) VALUES ($1, $2, $3) ON CONFLICT (book, source) DO UPDATE SET snapshot_id = excluded.snapshot_id`, b.Book, src, id); err != nil {
				return nil, internalErr(op, "cannot finish the pass", err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE books SET matcher_version = $1, updated_at = $2 WHERE name = $3`, pass.MatcherVersion, now, b.Book); err != nil {
			return nil, internalErr(op, "cannot finish the pass", err)
		}
		if err := s.pinBook(ctx, tx, b.Book, pass.Snapshots); err != nil {
			return nil, err
		}
	} else if _, err := tx.Exec(ctx, `UPDATE monitor_passes SET cursor = $1, stats = $2 WHERE book = $3 AND key = $4`, b.Cursor, string(stats), b.Book, b.PassKey); err != nil {
		return nil, internalErr(op, "cannot write the pass", err)
	}
	if _, err := s.appendAudit(ctx, tx, audit); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, internalErr(op, "cannot commit the screening", err)
	}
	return raised, nil
}

// alertWhere returns the conditions and arguments of the filter f (the
// cursor and order aside), numbering placeholders after args.
func alertWhere(f tripline.AlertFilter, args []any) ([]string, []any) {
	var where []string
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Book != "" {
		add("book = $%d", f.Book)
	}
	if f.Status != "" {
		add("status = $%d", f.Status)
	}
	if f.Reason != "" {
		add("reason = $%d", f.Reason)
	}
	if !f.Since.IsZero() {
		add("created_at >= $%d", f.Since)
	}
	if !f.Before.IsZero() {
		add("created_at < $%d", f.Before)
	}
	if f.Source != "" {
		add("source = $%d", f.Source)
	}
	if f.MinScore > 0 {
		add("score >= $%d", f.MinScore)
	}
	if f.MaxScore > 0 {
		add("score <= $%d", f.MaxScore)
	}
	if f.Unassigned {
		add("assignee = $%d", "")
	} else if f.Assignee != "" {
		add("assignee = $%d", f.Assignee)
	}
	if f.PartyID != "" {
		add("party_id = $%d", f.PartyID)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if len(where) == 0 {
		where = append(where, "true")
	}
	return where, args
}

// insertAlert writes a new open alert; ok is false when the pair has an
// alert that is not closed.
func insertAlert(ctx context.Context, tx pgx.Tx, a tripline.Alert, now time.Time) (int64, bool, error) {
	programs, _ := json.Marshal(nonNil(a.Programs))
	expl := ""
	if a.Explanation != nil {
		e, _ := json.Marshal(a.Explanation)
		expl = string(e)
	}
	snaps := "{}"
	if a.Snapshots != nil {
		b, _ := json.Marshal(a.Snapshots)
		snaps = string(b)
	}
	party := ""
	if a.Party != nil {
		p, _ := json.Marshal(a.Party)
		party = validText(string(p))
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO alerts (book, party_id, party_name, entity_id, entity_name, source, programs, score, reason, status, resolution, priority,
		snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at,
		snapshots, rules_version, threshold, party, prior_alert_id, prior_decision_id, suppression_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', '', $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19, $20, $21, $22, $23, $24) ON CONFLICT DO NOTHING RETURNING id`,
		a.Book, a.PartyID, a.PartyName, a.EntityID, a.EntityName, a.Source, string(programs), a.Score, a.Reason, a.Priority,
		a.SnapshotID, a.PrevSnapshotID, a.MatcherVersion, a.PartyHash, a.EntityHash, expl, now,
		snaps, a.RulesVersion, a.Threshold, party, a.PriorAlertID, a.PriorDecisionID, a.SuppressionID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// priorLinks sets the links of a new alert to its pair's latest earlier
// alert and latest standing decision, where the raiser did not.
func priorLinks(ctx context.Context, tx pgx.Tx, a *tripline.Alert) error {
	if a.PriorAlertID == 0 {
		err := tx.QueryRow(ctx, `SELECT id FROM alerts WHERE book = $1 AND party_id = $2 AND entity_id = $3 ORDER BY id DESC LIMIT 1`, a.Book, a.PartyID, a.EntityID).Scan(&a.PriorAlertID)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return internalErr("postgres.ApplyScreening", "cannot read earlier alerts", err)
		}
	}
	if a.PriorDecisionID == 0 {
		err := tx.QueryRow(ctx, `SELECT id FROM alert_decisions WHERE book = $1 AND party_id = $2 AND entity_id = $3 AND state IN ('final', 'approved') AND disposition <> 'escalate' ORDER BY id DESC LIMIT 1`,
			a.Book, a.PartyID, a.EntityID).Scan(&a.PriorDecisionID)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return internalErr("postgres.ApplyScreening", "cannot read earlier decisions", err)
		}
	}
	return nil
}
