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
	snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at, closed_at,
	snapshots, rules_version, threshold, party, assignee, assigned_at, escalated, decision_id, prior_alert_id, prior_decision_id, suppression_id`

func scanAlert(r scanner) (tripline.Alert, error) {
	var a tripline.Alert
	var programs, expl, created, updated, snaps, party string
	var closed, assigned sql.NullString
	if err := r.Scan(&a.ID, &a.Book, &a.PartyID, &a.PartyName, &a.EntityID, &a.EntityName, &a.Source, &programs, &a.Score, &a.Reason, &a.Status, &a.Resolution, &a.Priority,
		&a.SnapshotID, &a.PrevSnapshotID, &a.MatcherVersion, &a.PartyHash, &a.EntityHash, &expl, &created, &updated, &closed,
		&snaps, &a.RulesVersion, &a.Threshold, &party, &a.Assignee, &assigned, &a.Escalated, &a.DecisionID, &a.PriorAlertID, &a.PriorDecisionID, &a.SuppressionID); err != nil {
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
	if snaps != "" && snaps != "{}" {
		_ = json.Unmarshal([]byte(snaps), &a.Snapshots)
	}
	if party != "" {
		a.Party = new(tripline.BookParty)
		_ = json.Unmarshal([]byte(party), a.Party)
	}
	a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
	if closed.Valid {
		t := parseTS(closed.String)
		a.ClosedAt = &t
	}
	if assigned.Valid {
		t := parseTS(assigned.String)
		a.AssignedAt = &t
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

// alertWhere returns the conditions and arguments of the filter f (the
// cursor and order aside).
func alertWhere(f tripline.AlertFilter) ([]string, []any) {
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
	if !f.Before.IsZero() {
		add("created_at < ?", ts(f.Before))
	}
	if f.Source != "" {
		add("source = ?", f.Source)
	}
	if f.MinScore > 0 {
		add("score >= ?", f.MinScore)
	}
	if f.MaxScore > 0 {
		add("score <= ?", f.MaxScore)
	}
	if f.Unassigned {
		add("assignee = ?", "")
	} else if f.Assignee != "" {
		add("assignee = ?", f.Assignee)
	}
	if f.PartyID != "" {
		add("party_id = ?", f.PartyID)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	return where, args
}

// Alerts returns the alerts the filter selects, lowest id first (in queue
// order with f.Queue).
func (s *Store) Alerts(ctx context.Context, f tripline.AlertFilter) ([]tripline.Alert, error) {
	const op = "sqlite.Alerts"
	if err := validStatus(op, f.Status); err != nil {
		return nil, err
	}
	where, args := alertWhere(f)
	order := ` ORDER BY id`
	switch {
	case f.Queue:
		if f.After > 0 {
			where = append(where, "(priority < ? OR (priority = ? AND id > ?))")
			args = append(args, f.AfterPriority, f.AfterPriority, f.After)
		}
		order = ` ORDER BY priority DESC, id`
	default:
		where = append(where, "id > ?")
		args = append(args, f.After)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT ` + alertCols + ` FROM alerts`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, q+order+` LIMIT ?`, append(args, limit)...)
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
	var audit []tripline.AuditEntry
	for _, c := range b.Close {
		closed, err := closeAlerts(ctx, tx, `id = ?`, []any{c.ID}, c.Resolution, nows)
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
		var snaps, party any
		if u.Snapshots != nil {
			b, _ := json.Marshal(u.Snapshots)
			snaps = string(b)
		}
		if u.Party != nil {
			b, _ := json.Marshal(u.Party)
			party = string(b)
		}
		rows, err := tx.QueryContext(ctx, `UPDATE alerts SET score = ?, explanation = ?, party_name = ?, entity_name = ?, snapshot_id = ?, prev_snapshot_id = ?,
			matcher_version = ?, party_hash = ?, entity_hash = ?, priority = priority + 1, updated_at = ?,
			snapshots = COALESCE(?, snapshots), party = COALESCE(?, party),
			status = CASE WHEN status = 'pending_approval' THEN 'open' ELSE status END WHERE id = ? AND status <> 'closed' RETURNING `+alertCols,
			u.Score, string(expl), u.PartyName, u.EntityName, u.SnapshotID, u.PrevSnapshotID, u.MatcherVersion, u.PartyHash, u.EntityHash, nows, snaps, party, u.ID)
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
			if _, err := tx.ExecContext(ctx, `UPDATE alert_decisions SET state = 'superseded' WHERE alert_id = ? AND state = 'pending'`, a.ID); err != nil {
				return nil, internalErr(op, "cannot update an alert", err)
			}
		}
		evs = append(evs, alertEvents("alert.updated", as)...)
		audit = append(audit, s.alertAudit(ctx, tripline.AuditAlertUpdated, as)...)
	}
	var raised []tripline.Alert
	if len(b.Raise) > 0 {
		st, err := tx.PrepareContext(ctx, `INSERT INTO alerts (book, party_id, party_name, entity_id, entity_name, source, programs, score, reason, status, resolution, priority,
			snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at,
			snapshots, rules_version, threshold, party, prior_alert_id, prior_decision_id, suppression_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`)
		if err != nil {
			return nil, internalErr(op, "cannot raise alerts", err)
		}
		defer st.Close()
		links, err := newPriorLinker(ctx, tx)
		if err != nil {
			return nil, err
		}
		defer links.Close()
		for _, a := range b.Raise {
			a.Book = b.Book
			if err := links.link(ctx, &a); err != nil {
				return nil, err
			}
			programs, _ := json.Marshal(nonNil(a.Programs))
			expl := ""
			if a.Explanation != nil {
				e, _ := json.Marshal(a.Explanation)
				expl = string(e)
			}
			snaps, _ := json.Marshal(a.Snapshots)
			party := ""
			if a.Party != nil {
				p, _ := json.Marshal(a.Party)
				party = string(p)
			}
			err := st.QueryRowContext(ctx, b.Book, a.PartyID, a.PartyName, a.EntityID, a.EntityName, a.Source, string(programs), a.Score, a.Reason, a.Priority,
				a.SnapshotID, a.PrevSnapshotID, a.MatcherVersion, a.PartyHash, a.EntityHash, expl, nows, nows,
				string(snaps), a.RulesVersion, a.Threshold, party, a.PriorAlertID, a.PriorDecisionID, a.SuppressionID).Scan(&a.ID)
			if errors.Is(err, sql.ErrNoRows) {
				continue // the pair has an alert that is not closed
			}
			if err != nil {
				return nil, internalErr(op, "cannot raise an alert", err)
			}
			a.Status, a.Resolution = tripline.AlertOpen, ""
			a.CreatedAt, a.UpdatedAt = parseTS(nows), parseTS(nows)
			raised = append(raised, a)
			if a.SuppressionID != 0 {
				if _, err := tx.ExecContext(ctx, `UPDATE suppressions SET lifted_at = ?, lift_reason = ?, reopened_by = ? WHERE id = ? AND lifted_at IS NULL`,
					nows, a.Reason, a.ID, a.SuppressionID); err != nil {
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
	if _, err := s.appendAudit(ctx, tx, audit); err != nil {
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

// priorLinker sets the links of new alerts to their pair's latest earlier
// alert and latest standing decision, where the raiser did not, with its
// two statements prepared once per transaction.
type priorLinker struct {
	alert, decision *sql.Stmt
}

func newPriorLinker(ctx context.Context, tx *sql.Tx) (*priorLinker, error) {
	const op = "sqlite.ApplyScreening"
	a, err := tx.PrepareContext(ctx, `SELECT id FROM alerts WHERE book = ? AND party_id = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`)
	if err != nil {
		return nil, internalErr(op, "cannot read earlier alerts", err)
	}
	d, err := tx.PrepareContext(ctx, `SELECT id FROM alert_decisions WHERE book = ? AND party_id = ? AND entity_id = ? AND state IN ('final', 'approved') AND disposition <> 'escalate' ORDER BY id DESC LIMIT 1`)
	if err != nil {
		a.Close()
		return nil, internalErr(op, "cannot read earlier decisions", err)
	}
	return &priorLinker{alert: a, decision: d}, nil
}

func (l *priorLinker) Close() {
	l.alert.Close()
	l.decision.Close()
}

// link sets the links of a.
func (l *priorLinker) link(ctx context.Context, a *tripline.Alert) error {
	if a.PriorAlertID == 0 {
		err := l.alert.QueryRowContext(ctx, a.Book, a.PartyID, a.EntityID).Scan(&a.PriorAlertID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return internalErr("sqlite.ApplyScreening", "cannot read earlier alerts", err)
		}
	}
	if a.PriorDecisionID == 0 {
		err := l.decision.QueryRowContext(ctx, a.Book, a.PartyID, a.EntityID).Scan(&a.PriorDecisionID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return internalErr("sqlite.ApplyScreening", "cannot read earlier decisions", err)
		}
	}
	return nil
}

// alertAudit returns one audit entry of action per alert, attributed to
// the monitor on behalf of the principal of ctx.
func (s *Store) alertAudit(ctx context.Context, action string, as []tripline.Alert) []tripline.AuditEntry {
	actor, via := s.actorOf(ctx)
	out := make([]tripline.AuditEntry, 0, len(as))
	for _, a := range as {
		e := auditEntry(tripline.Principal{}, action, tripline.AuditSubject("alert", a.ID), tripline.AlertAuditPayload(a))
		e.Actor, e.Via = "monitor", "for "+actor+" ("+via+")"
		out = append(out, e)
	}
	return out
}
