package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

var _ tripline.CaseStore = (*Store)(nil)

// Case management: the queue's assignments, decisions and their
// four-eyes approvals, suppressions and the review policy (issue 11).
// Every change writes its audit entries in its own transaction; the
// store's transactions are IMMEDIATE, so a transaction that reads an
// alert and then changes it is never interleaved with another writer.

const decisionCols = `id, alert_id, book, party_id, entity_id, disposition, rationale, decided_by, decided_at, state, needs_approval, approval_reason,
	reviewed_by, reviewed_at, review_note, suppress_until, score, source, snapshot_id, snapshots, matcher_version, rules_version, policy_version,
	party_hash, entity_hash, bulk`

func scanDecision(r scanner) (tripline.AlertDecision, error) {
	var d tripline.AlertDecision
	var decided, snaps string
	var reviewedBy, reviewed, until sql.NullString
	if err := r.Scan(&d.ID, &d.AlertID, &d.Book, &d.PartyID, &d.EntityID, &d.Disposition, &d.Rationale, &d.DecidedBy, &decided, &d.State, &d.NeedsApproval, &d.ApprovalReason,
		&reviewedBy, &reviewed, &d.ReviewNote, &until, &d.Score, &d.Source, &d.SnapshotID, &snaps, &d.MatcherVersion, &d.RulesVersion, &d.PolicyVersion,
		&d.PartyHash, &d.EntityHash, &d.Bulk); err != nil {
		return d, err
	}
	d.DecidedAt = parseTS(decided)
	d.ReviewedBy = reviewedBy.String
	if reviewed.Valid {
		t := parseTS(reviewed.String)
		d.ReviewedAt = &t
	}
	if until.Valid {
		t := parseTS(until.String)
		d.SuppressUntil = &t
	}
	if snaps != "" && snaps != "{}" {
		_ = json.Unmarshal([]byte(snaps), &d.Snapshots)
	}
	return d, nil
}

func nullTS(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

// alertTx reads one alert inside tx.
func alertTx(ctx context.Context, tx *sql.Tx, id int64) (tripline.Alert, error) {
	a, err := scanAlert(tx.QueryRowContext(ctx, `SELECT `+alertCols+` FROM alerts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, &tripline.Error{Op: "sqlite.Alert", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no alert %d", id)}
	}
	if err != nil {
		return a, internalErr("sqlite.Alert", "cannot read the alert", err)
	}
	return a, nil
}

// NextAlert assigns the first unassigned open alert of the queue to the
// user by acts as. The read and the assignment are one UPDATE … RETURNING
// in an IMMEDIATE transaction: no two callers get the same alert.
func (s *Store) NextAlert(ctx context.Context, f tripline.AlertFilter, by tripline.Principal) (tripline.Alert, error) {
	const op = "sqlite.NextAlert"
	var out tripline.Alert
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAnalyst, "take alerts")
		if err != nil {
			return err
		}
		f.Status, f.Assignee, f.Unassigned = tripline.AlertOpen, "", true
		where, args := alertWhere(f)
		if !u.Role.Allows(tripline.RoleReviewer) {
			where = append(where, "escalated = 0")
		}
		now := ts(s.Now())
		rows, err := tx.QueryContext(ctx, `UPDATE alerts SET assignee = ?, assigned_at = ?, updated_at = ? WHERE id = (
			SELECT id FROM alerts INDEXED BY alerts_next WHERE `+strings.Join(where, " AND ")+` ORDER BY escalated DESC, priority DESC, id LIMIT 1) RETURNING `+alertCols,
			append([]any{u.Name, now, now}, args...)...)
		if err != nil {
			return internalErr(op, "cannot take an alert", err)
		}
		as, err := collectAlerts(rows, op)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: "no unassigned open alert in the queue"}
		}
		out = as[0]
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditAlertAssigned, tripline.AuditSubject("alert", out.ID),
			map[string]any{"assignee": u.Name, "via": "next", "priority": out.Priority})})
		return err
	})
	return out, err
}

// AssignAlert assigns an open alert to user ("" unassigns).
func (s *Store) AssignAlert(ctx context.Context, id int64, user string, by tripline.Principal) (tripline.Alert, error) {
	const op = "sqlite.AssignAlert"
	var out tripline.Alert
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAnalyst, "assign alerts")
		if err != nil {
			return err
		}
		a, err := alertTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if user != "" {
			to, err := userTx(ctx, tx, user)
			if err != nil {
				return err
			}
			if err := to.CanAct(tripline.RoleAnalyst, "work alerts"); err != nil {
				return err
			}
		}
		if err := tripline.CheckAssign(u, a, user); err != nil {
			return err
		}
		now := ts(s.Now())
		var at any
		if user != "" {
			at = now
		}
		rows, err := tx.QueryContext(ctx, `UPDATE alerts SET assignee = ?, assigned_at = ?, updated_at = ? WHERE id = ? RETURNING `+alertCols, user, at, now, id)
		if err != nil {
			return internalErr(op, "cannot assign the alert", err)
		}
		as, err := collectAlerts(rows, op)
		if err != nil {
			return err
		}
		out = as[0]
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditAlertAssigned, tripline.AuditSubject("alert", id),
			map[string]any{"assignee": user, "previous": a.Assignee})})
		return err
	})
	return out, err
}

// policyTx returns the review policy in force.
func policyTx(ctx context.Context, q querier) (tripline.StoredPolicy, error) {
	var body, by, at string
	var sp tripline.StoredPolicy
	err := q.QueryRowContext(ctx, `SELECT policy, version, set_by, set_at FROM review_policies ORDER BY id DESC LIMIT 1`).Scan(&body, &sp.Version, &by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		p := tripline.DefaultReviewPolicy()
		return tripline.StoredPolicy{Policy: p, Version: p.Version()}, nil
	}
	if err != nil {
		return sp, internalErr("sqlite.ReviewPolicy", "cannot read the review policy", err)
	}
	if err := json.Unmarshal([]byte(body), &sp.Policy); err != nil {
		return sp, internalErr("sqlite.ReviewPolicy", "cannot read the review policy", err)
	}
	t := parseTS(at)
	sp.SetBy, sp.SetAt = by, &t
	return sp, nil
}

// ReviewPolicy returns the policy in force.
func (s *Store) ReviewPolicy(ctx context.Context) (tripline.StoredPolicy, error) {
	return policyTx(ctx, s.db)
}

// SetReviewPolicy makes p the policy in force.
func (s *Store) SetReviewPolicy(ctx context.Context, p tripline.ReviewPolicy, by tripline.Principal) (tripline.StoredPolicy, error) {
	const op = "sqlite.SetReviewPolicy"
	if err := p.Validate(); err != nil {
		return tripline.StoredPolicy{}, err
	}
	var out tripline.StoredPolicy
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAdmin, "change the review rules")
		if err != nil {
			return err
		}
		old, err := policyTx(ctx, tx)
		if err != nil {
			return err
		}
		body, _ := json.Marshal(p)
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_policies (version, policy, set_by, set_at) VALUES (?, ?, ?, ?)`, p.Version(), string(body), u.Name, ts(now)); err != nil {
			return internalErr(op, "cannot store the review policy", err)
		}
		t := parseTS(ts(now))
		out = tripline.StoredPolicy{Policy: p, Version: p.Version(), SetBy: u.Name, SetAt: &t}
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditPolicyChanged, "policy:"+p.Version(),
			map[string]any{"version": p.Version(), "previous": old.Version, "policy": p})})
		return err
	})
	return out, err
}

// DecideAlerts records the dispositions in one transaction; see
// tripline.CaseStore.
func (s *Store) DecideAlerts(ctx context.Context, specs []tripline.DecisionSpec, by tripline.Principal) ([]tripline.AlertDecision, error) {
	const op = "sqlite.DecideAlerts"
	for i := range specs {
		if err := specs[i].Validate(); err != nil {
			return nil, err
		}
	}
	var out []tripline.AlertDecision
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAnalyst, "decide alerts")
		if err != nil {
			return err
		}
		pol, err := policyTx(ctx, tx)
		if err != nil {
			return err
		}
		var evs []tripline.Event
		var audit []tripline.AuditEntry
		seen := map[int64]bool{}
		for _, spec := range specs {
			if seen[spec.AlertID] {
				return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("alert %d is decided twice in one request", spec.AlertID)}
			}
			seen[spec.AlertID] = true
			a, err := alertTx(ctx, tx, spec.AlertID)
			if err != nil {
				return err
			}
			d, err := tripline.PlanDecision(u, a, spec, pol, s.Now())
			if err != nil {
				return err
			}
			snaps, _ := json.Marshal(d.Snapshots)
			res, err := tx.ExecContext(ctx, `INSERT INTO alert_decisions (alert_id, book, party_id, entity_id, disposition, rationale, decided_by, decided_at, state, needs_approval,
				approval_reason, suppress_until, score, source, snapshot_id, snapshots, matcher_version, rules_version, policy_version, party_hash, entity_hash, bulk)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				d.AlertID, d.Book, d.PartyID, d.EntityID, d.Disposition, d.Rationale, d.DecidedBy, ts(d.DecidedAt), d.State, d.NeedsApproval,
				d.ApprovalReason, nullTS(d.SuppressUntil), d.Score, d.Source, d.SnapshotID, string(snaps), d.MatcherVersion, d.RulesVersion, d.PolicyVersion,
				d.PartyHash, d.EntityHash, d.Bulk)
			if err != nil {
				return internalErr(op, "cannot record the decision", err)
			}
			d.ID, _ = res.LastInsertId()
			d.DecidedAt = parseTS(ts(d.DecidedAt))
			now := ts(s.Now())
			var rows *sql.Rows
			switch {
			case d.Disposition == tripline.DispositionEscalate:
				rows, err = tx.QueryContext(ctx, `UPDATE alerts SET escalated = 1, assignee = '', assigned_at = NULL, priority = priority + 1, decision_id = ?, updated_at = ? WHERE id = ? RETURNING `+alertCols, d.ID, now, a.ID)
			case d.State == tripline.DecisionPending:
				rows, err = tx.QueryContext(ctx, `UPDATE alerts SET status = 'pending_approval', assignee = ?, assigned_at = COALESCE(assigned_at, ?), decision_id = ?, updated_at = ? WHERE id = ? RETURNING `+alertCols, u.Name, now, d.ID, now, a.ID)
			default:
				rows, err = tx.QueryContext(ctx, `UPDATE alerts SET status = 'closed', resolution = ?, closed_at = ?, assignee = ?, assigned_at = COALESCE(assigned_at, ?), decision_id = ?, updated_at = ? WHERE id = ? RETURNING `+alertCols, d.Disposition, now, u.Name, now, d.ID, now, a.ID)
			}
			if err != nil {
				return decisionErr(op, err)
			}
			as, err := collectAlerts(rows, op)
			if err != nil {
				return err
			}
			a = as[0]
			// A decision pins every snapshot its alert was screened
			// against, so that prune never takes what a replay needs.
			if err := s.pinCited(ctx, tx, "decision", strconv.FormatInt(d.ID, 10), false, decisionSnapshots(d)...); err != nil {
				return err
			}
			audit = append(audit, auditEntry(by, tripline.AuditAlertDecided, tripline.AuditSubject("alert", a.ID), tripline.DecisionAuditPayload(d)))
			evs = append(evs, decisionEvent("alert.decided", a, d))
			if a.Status == tripline.AlertClosed {
				evs = append(evs, alertEvents("alert.closed", []tripline.Alert{a})...)
				sup, err := s.suppress(ctx, tx, a, d)
				if err != nil {
					return err
				}
				if sup != nil {
					audit = append(audit, auditEntry(by, "suppression.created", tripline.AuditSubject("suppression", sup.ID), sup))
				}
			}
			out = append(out, d)
		}
		if _, err := s.insertEvents(ctx, tx, evs); err != nil {
			return err
		}
		_, err = s.appendAudit(ctx, tx, audit)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decisionErr maps a refusal by the database's own four-eyes rules (a
// trigger or check) to a Forbidden error, anything else to Internal.
func decisionErr(op string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "four-eyes") || strings.Contains(msg, "CHECK constraint failed") || strings.Contains(msg, "active user") {
		return &tripline.Error{Op: op, Kind: tripline.KindForbidden, Msg: "the database refused the change: four-eyes rules (a decision is approved by another active reviewer)", Err: err}
	}
	return internalErr(op, "cannot record the decision", err)
}

func decisionEvent(typ string, a tripline.Alert, d tripline.AlertDecision) tripline.Event {
	b, _ := json.Marshal(map[string]any{"alert": a, "decision": d})
	return tripline.Event{Type: typ, Payload: b}
}

// suppress records the suppression a closed false positive leaves (none
// for another disposition), lifting any earlier one of the pair.
func (s *Store) suppress(ctx context.Context, tx *sql.Tx, a tripline.Alert, d tripline.AlertDecision) (*tripline.Suppression, error) {
	const op = "sqlite.suppress"
	if d.Disposition != tripline.DispositionFalsePositive || a.Status != tripline.AlertClosed {
		return nil, nil
	}
	now := s.Now()
	if _, err := tx.ExecContext(ctx, `UPDATE suppressions SET lifted_at = ?, lift_reason = 'superseded' WHERE book = ? AND party_id = ? AND entity_id = ? AND lifted_at IS NULL`,
		ts(now), a.Book, a.PartyID, a.EntityID); err != nil {
		return nil, internalErr(op, "cannot write the suppression", err)
	}
	sup := tripline.Suppression{Book: a.Book, PartyID: a.PartyID, EntityID: a.EntityID, PartyHash: a.PartyHash, EntityHash: a.EntityHash,
		AlertID: a.ID, DecisionID: d.ID, CreatedAt: parseTS(ts(now)), Until: d.SuppressUntil}
	res, err := tx.ExecContext(ctx, `INSERT INTO suppressions (book, party_id, entity_id, party_hash, entity_hash, alert_id, decision_id, created_at, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sup.Book, sup.PartyID, sup.EntityID, sup.PartyHash, sup.EntityHash, sup.AlertID, sup.DecisionID, ts(now), nullTS(sup.Until))
	if err != nil {
		return nil, internalErr(op, "cannot write the suppression", err)
	}
	sup.ID, _ = res.LastInsertId()
	return &sup, nil
}

// ReviewDecision approves or rejects the pending decision of an alert.
func (s *Store) ReviewDecision(ctx context.Context, alertID int64, approve bool, note string, by tripline.Principal) (tripline.AlertDecision, error) {
	const op = "sqlite.ReviewDecision"
	note = strings.TrimSpace(note)
	if err := tripline.CheckReviewNote(approve, note); err != nil {
		return tripline.AlertDecision{}, err
	}
	var out tripline.AlertDecision
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		what := "approve decisions"
		if !approve {
			what = "reject decisions"
		}
		u, err := actingUser(ctx, tx, by, tripline.RoleReviewer, what)
		if err != nil {
			return err
		}
		a, err := alertTx(ctx, tx, alertID)
		if err != nil {
			return err
		}
		d, err := scanDecision(tx.QueryRowContext(ctx, `SELECT `+decisionCols+` FROM alert_decisions WHERE alert_id = ? AND state = 'pending'`, alertID))
		if errors.Is(err, sql.ErrNoRows) {
			return tripline.NoPendingError(a)
		}
		if err != nil {
			return internalErr(op, "cannot read the decision", err)
		}
		if err := tripline.CheckFourEyes(u, d); err != nil {
			return err
		}
		now := s.Now()
		state := tripline.DecisionRejected
		if approve {
			state = tripline.DecisionApproved
		}
		if _, err := tx.ExecContext(ctx, `UPDATE alert_decisions SET state = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?`, state, u.Name, ts(now), note, d.ID); err != nil {
			return decisionErr(op, err)
		}
		t := parseTS(ts(now))
		d.State, d.ReviewedBy, d.ReviewedAt, d.ReviewNote = state, u.Name, &t, note
		var rows *sql.Rows
		if approve {
			rows, err = tx.QueryContext(ctx, `UPDATE alerts SET status = 'closed', resolution = ?, closed_at = ?, updated_at = ? WHERE id = ? RETURNING `+alertCols, d.Disposition, ts(now), ts(now), a.ID)
		} else {
			rows, err = tx.QueryContext(ctx, `UPDATE alerts SET status = 'open', assignee = ?, updated_at = ? WHERE id = ? RETURNING `+alertCols, d.DecidedBy, ts(now), a.ID)
		}
		if err != nil {
			return decisionErr(op, err)
		}
		as, err := collectAlerts(rows, op)
		if err != nil {
			return err
		}
		a = as[0]
		action, typ := tripline.AuditAlertRejected, "alert.rejected"
		if approve {
			action, typ = tripline.AuditAlertApproved, "alert.approved"
		}
		audit := []tripline.AuditEntry{auditEntry(by, action, tripline.AuditSubject("alert", a.ID), tripline.DecisionAuditPayload(d))}
		evs := []tripline.Event{decisionEvent(typ, a, d)}
		if a.Status == tripline.AlertClosed {
			evs = append(evs, alertEvents("alert.closed", []tripline.Alert{a})...)
			sup, err := s.suppress(ctx, tx, a, d)
			if err != nil {
				return err
			}
			if sup != nil {
				audit = append(audit, auditEntry(by, "suppression.created", tripline.AuditSubject("suppression", sup.ID), sup))
			}
		}
		if _, err := s.insertEvents(ctx, tx, evs); err != nil {
			return err
		}
		out = d
		_, err = s.appendAudit(ctx, tx, audit)
		return err
	})
	return out, err
}

// Decisions returns the decisions the filter selects, oldest first.
func (s *Store) Decisions(ctx context.Context, f tripline.DecisionFilter) ([]tripline.AlertDecision, error) {
	const op = "sqlite.Decisions"
	where := []string{"id > ?"}
	args := []any{f.After}
	add := func(cond string, v any) { where = append(where, cond); args = append(args, v) }
	if f.AlertID != 0 {
		add("alert_id = ?", f.AlertID)
	}
	if f.Book != "" {
		add("book = ?", f.Book)
	}
	if f.PartyID != "" {
		add("party_id = ?", f.PartyID)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	if f.State != "" {
		add("state = ?", f.State)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+decisionCols+` FROM alert_decisions WHERE `+strings.Join(where, " AND ")+` ORDER BY id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, internalErr(op, "cannot read decisions", err)
	}
	defer rows.Close()
	out := []tripline.AlertDecision{}
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, internalErr(op, "cannot read decisions", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

const suppressionCols = `id, book, party_id, entity_id, party_hash, entity_hash, alert_id, decision_id, created_at, until, lifted_at, lift_reason, reopened_by`

func scanSuppression(r scanner) (tripline.Suppression, error) {
	var sp tripline.Suppression
	var created string
	var until, lifted sql.NullString
	if err := r.Scan(&sp.ID, &sp.Book, &sp.PartyID, &sp.EntityID, &sp.PartyHash, &sp.EntityHash, &sp.AlertID, &sp.DecisionID, &created, &until, &lifted, &sp.LiftReason, &sp.ReopenedBy); err != nil {
		return sp, err
	}
	sp.CreatedAt = parseTS(created)
	if until.Valid {
		t := parseTS(until.String)
		sp.Until = &t
	}
	if lifted.Valid {
		t := parseTS(lifted.String)
		sp.LiftedAt = &t
	}
	return sp, nil
}

// Suppressions returns the suppressions the filter selects, oldest first.
func (s *Store) Suppressions(ctx context.Context, f tripline.SuppressionFilter) ([]tripline.Suppression, error) {
	const op = "sqlite.Suppressions"
	var where []string
	var args []any
	if f.Book != "" {
		where, args = append(where, "book = ?"), append(args, f.Book)
	}
	if f.Active {
		at := f.ActiveAt
		if at.IsZero() {
			at = s.Now()
		}
		where, args = append(where, "lifted_at IS NULL AND (until IS NULL OR until > ?)"), append(args, ts(at))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	query := func(extra string, extraArgs []any) ([]tripline.Suppression, error) {
		w := append(append([]string{}, where...), extra)
		q := `SELECT ` + suppressionCols + ` FROM suppressions WHERE ` + strings.Join(w, " AND ") + ` ORDER BY id LIMIT ?`
		rows, err := s.db.QueryContext(ctx, q, append(append(append([]any{}, args...), extraArgs...), limit)...)
		if err != nil {
			return nil, internalErr(op, "cannot read suppressions", err)
		}
		defer rows.Close()
		var out []tripline.Suppression
		for rows.Next() {
			sp, err := scanSuppression(rows)
			if err != nil {
				return nil, internalErr(op, "cannot read suppressions", err)
			}
			out = append(out, sp)
		}
		return out, rows.Err()
	}
	out := []tripline.Suppression{}
	if len(f.PartyIDs) == 0 {
		got, err := query("1 = 1", nil)
		return append(out, got...), err
	}
	err := chunks(f.PartyIDs, func(ids []string) error {
		in, a := inList("", ids)
		got, err := query("party_id IN "+in, a[1:])
		out = append(out, got...)
		return err
	})
	return out, err
}

// ExpireSuppressions lifts the suppressions whose end date has passed and
// raises the pairs that still match again.
func (s *Store) ExpireSuppressions(ctx context.Context, now time.Time) ([]tripline.Alert, error) {
	const op = "sqlite.ExpireSuppressions"
	var raised []tripline.Alert
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+suppressionCols+` FROM suppressions WHERE lifted_at IS NULL AND until IS NOT NULL AND until <= ? ORDER BY id`, ts(now))
		if err != nil {
			return internalErr(op, "cannot read suppressions", err)
		}
		var due []tripline.Suppression
		for rows.Next() {
			sp, err := scanSuppression(rows)
			if err != nil {
				rows.Close()
				return internalErr(op, "cannot read suppressions", err)
			}
			due = append(due, sp)
		}
		rows.Close()
		if len(due) == 0 {
			return nil
		}
		var audit []tripline.AuditEntry
		nows := ts(s.Now())
		for _, sp := range due {
			prior, err := alertTx(ctx, tx, sp.AlertID)
			if err != nil {
				return err
			}
			var m tripline.PairMatch
			err = tx.QueryRowContext(ctx, `SELECT score, party_hash, entity_hash FROM book_matches WHERE book = ? AND party_id = ? AND entity_id = ?`, sp.Book, sp.PartyID, sp.EntityID).Scan(&m.Score, &m.PartyHash, &m.EntityHash)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return internalErr(op, "cannot read matches", err)
			}
			var reopened int64
			if err == nil && m.Score >= prior.Threshold {
				a := tripline.ExpiredAlert(prior, sp, m)
				programs, _ := json.Marshal(nonNil(a.Programs))
				expl, _ := json.Marshal(a.Explanation)
				snaps, _ := json.Marshal(a.Snapshots)
				party := ""
				if a.Party != nil {
					p, _ := json.Marshal(a.Party)
					party = string(p)
				}
				err := tx.QueryRowContext(ctx, `INSERT INTO alerts (book, party_id, party_name, entity_id, entity_name, source, programs, score, reason, status, resolution, priority,
					snapshot_id, prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at,
					snapshots, rules_version, threshold, party, prior_alert_id, prior_decision_id, suppression_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
					a.Book, a.PartyID, a.PartyName, a.EntityID, a.EntityName, a.Source, string(programs), a.Score, a.Reason, a.Priority,
					a.SnapshotID, a.PrevSnapshotID, a.MatcherVersion, a.PartyHash, a.EntityHash, string(expl), nows, nows,
					string(snaps), a.RulesVersion, a.Threshold, party, a.PriorAlertID, a.PriorDecisionID, a.SuppressionID).Scan(&a.ID)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return internalErr(op, "cannot raise an alert", err)
				}
				if err == nil {
					a.Status, a.CreatedAt, a.UpdatedAt = tripline.AlertOpen, parseTS(nows), parseTS(nows)
					raised = append(raised, a)
					reopened = a.ID
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE suppressions SET lifted_at = ?, lift_reason = ?, reopened_by = ? WHERE id = ?`, nows, tripline.ReasonSuppressionExpired, reopened, sp.ID); err != nil {
				return internalErr(op, "cannot lift a suppression", err)
			}
			audit = append(audit, s.ctxEntry(ctx, tripline.AuditSuppression, tripline.AuditSubject("suppression", sp.ID),
				map[string]any{"reason": tripline.ReasonSuppressionExpired, "reopened_by": reopened, "book": sp.Book, "party_id": sp.PartyID, "entity_id": sp.EntityID, "decision_id": sp.DecisionID}))
		}
		if err := s.pinAlerts(ctx, tx, raised, false); err != nil {
			return err
		}
		if _, err := s.insertEvents(ctx, tx, alertEvents("alert.created", raised)); err != nil {
			return err
		}
		audit = append(audit, s.alertAudit(ctx, tripline.AuditAlertRaised, raised)...)
		_, err = s.appendAudit(ctx, tx, audit)
		return err
	})
	return raised, err
}

// decisionSnapshots are the snapshots the decided alert was screened
// against.
func decisionSnapshots(d tripline.AlertDecision) []int64 {
	ids := []int64{d.SnapshotID}
	for _, id := range d.Snapshots {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
