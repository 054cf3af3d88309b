package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tripline/tripline"
)

var _ tripline.CaseStore = (*Store)(nil)

// Case management: the queue's assignments, decisions and their
// four-eyes approvals, suppressions and the review policy (issue 11).
// Every change writes its audit entries last in its own transaction.
// A transaction that reads an alert to change it locks the alert's row
// first (FOR UPDATE), so two writers of one alert take turns.

const decisionCols = `id, alert_id, book, party_id, entity_id, disposition, rationale, decided_by, decided_at, state, needs_approval, approval_reason,
	reviewed_by, reviewed_at, review_note, suppress_until, score, source, snapshot_id, snapshots, matcher_version, rules_version, policy_version,
	party_hash, entity_hash, bulk`

func scanDecision(r pgx.Row) (tripline.AlertDecision, error) {
	var d tripline.AlertDecision
	var snaps string
	var reviewedBy *string
	if err := r.Scan(&d.ID, &d.AlertID, &d.Book, &d.PartyID, &d.EntityID, &d.Disposition, &d.Rationale, &d.DecidedBy, &d.DecidedAt, &d.State, &d.NeedsApproval, &d.ApprovalReason,
		&reviewedBy, &d.ReviewedAt, &d.ReviewNote, &d.SuppressUntil, &d.Score, &d.Source, &d.SnapshotID, &snaps, &d.MatcherVersion, &d.RulesVersion, &d.PolicyVersion,
		&d.PartyHash, &d.EntityHash, &d.Bulk); err != nil {
		return d, err
	}
	d.DecidedAt = d.DecidedAt.UTC()
	if reviewedBy != nil {
		d.ReviewedBy = *reviewedBy
	}
	utc := func(t **time.Time) {
		if *t != nil {
			u := (**t).UTC()
			*t = &u
		}
	}
	utc(&d.ReviewedAt)
	utc(&d.SuppressUntil)
	if snaps != "" && snaps != "{}" && snaps != "null" {
		_ = json.Unmarshal([]byte(snaps), &d.Snapshots)
	}
	return d, nil
}

// alertTx reads one alert inside tx and locks its row.
func alertTx(ctx context.Context, tx pgx.Tx, id int64) (tripline.Alert, error) {
	a, err := scanAlert(tx.QueryRow(ctx, `SELECT `+alertCols+` FROM alerts WHERE id = $1 FOR UPDATE`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, &tripline.Error{Op: "postgres.Alert", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no alert %d", id)}
	}
	if err != nil {
		return a, internalErr("postgres.Alert", "cannot read the alert", err)
	}
	return a, nil
}

func oneAlert(rows pgx.Rows, op string) (tripline.Alert, error) {
	as, err := collectAlerts(rows, op)
	if err != nil {
		return tripline.Alert{}, err
	}
	if len(as) == 0 {
		return tripline.Alert{}, &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: "the alert changed meanwhile"}
	}
	return as[0], nil
}

// NextAlert assigns the first unassigned open alert of the queue to the
// user by acts as. The candidate is locked with FOR UPDATE SKIP LOCKED
// and assigned in the same statement: no two callers get the same alert.
func (s *Store) NextAlert(ctx context.Context, f tripline.AlertFilter, by tripline.Principal) (tripline.Alert, error) {
	const op = "postgres.NextAlert"
	var out tripline.Alert
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAnalyst, "take alerts")
		if err != nil {
			return err
		}
		f.Status, f.Assignee, f.Unassigned = tripline.AlertOpen, "", true
		now := s.now()
		where, args := alertWhere(f, []any{u.Name, now})
		if !u.Role.Allows(tripline.RoleReviewer) {
			where = append(where, "NOT escalated")
		}
		rows, err := tx.Query(ctx, `UPDATE alerts SET assignee = $1, assigned_at = $2, updated_at = $2 WHERE id = (
			SELECT id FROM alerts WHERE `+strings.Join(where, " AND ")+` ORDER BY escalated DESC, priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING `+alertCols, args...)
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
	const op = "postgres.AssignAlert"
	var out tripline.Alert
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAnalyst, "assign alerts")
		if err != nil {
			return err
		}
		a, err := alertTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if user != "" {
			to, err := userTx(ctx, tx, user, true)
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
		now := s.now()
		var at *time.Time
		if user != "" {
			at = &now
		}
		rows, err := tx.Query(ctx, `UPDATE alerts SET assignee = $1, assigned_at = $2, updated_at = $3 WHERE id = $4 RETURNING `+alertCols, user, at, now, id)
		if err != nil {
			return internalErr(op, "cannot assign the alert", err)
		}
		if out, err = oneAlert(rows, op); err != nil {
			return err
		}
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditAlertAssigned, tripline.AuditSubject("alert", id),
			map[string]any{"assignee": user, "previous": a.Assignee})})
		return err
	})
	return out, err
}

// policyTx returns the review policy in force.
func policyTx(ctx context.Context, q querier) (tripline.StoredPolicy, error) {
	var body, by string
	var at time.Time
	var sp tripline.StoredPolicy
	err := q.QueryRow(ctx, `SELECT policy, version, set_by, set_at FROM review_policies ORDER BY id DESC LIMIT 1`).Scan(&body, &sp.Version, &by, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		p := tripline.DefaultReviewPolicy()
		return tripline.StoredPolicy{Policy: p, Version: p.Version()}, nil
	}
	if err != nil {
		return sp, internalErr("postgres.ReviewPolicy", "cannot read the review policy", err)
	}
	if err := json.Unmarshal([]byte(body), &sp.Policy); err != nil {
		return sp, internalErr("postgres.ReviewPolicy", "cannot read the review policy", err)
	}
	at = at.UTC()
	sp.SetBy, sp.SetAt = by, &at
	return sp, nil
}

// ReviewPolicy returns the policy in force.
func (s *Store) ReviewPolicy(ctx context.Context) (tripline.StoredPolicy, error) {
	return policyTx(ctx, s.pool)
}

// SetReviewPolicy makes p the policy in force.
func (s *Store) SetReviewPolicy(ctx context.Context, p tripline.ReviewPolicy, by tripline.Principal) (tripline.StoredPolicy, error) {
	const op = "postgres.SetReviewPolicy"
	if err := p.Validate(); err != nil {
		return tripline.StoredPolicy{}, err
	}
	for i := range p.HighRiskSources {
		p.HighRiskSources[i] = validText(p.HighRiskSources[i])
	}
	for i := range p.HighRiskPrograms {
		p.HighRiskPrograms[i] = validText(p.HighRiskPrograms[i])
	}
	var out tripline.StoredPolicy
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
		u, err := actingUser(ctx, tx, by, tripline.RoleAdmin, "change the review rules")
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `LOCK TABLE review_policies IN EXCLUSIVE MODE`); err != nil {
			return internalErr(op, "cannot lock the review policy", err)
		}
		old, err := policyTx(ctx, tx)
		if err != nil {
			return err
		}
		body, _ := json.Marshal(p)
		now := s.now()
		if _, err := tx.Exec(ctx, `INSERT INTO review_policies (version, policy, set_by, set_at) VALUES ($1, $2, $3, $4)`, p.Version(), string(body), u.Name, now); err != nil {
			return internalErr(op, "cannot store the review policy", err)
		}
		out = tripline.StoredPolicy{Policy: p, Version: p.Version(), SetBy: u.Name, SetAt: &now}
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditPolicyChanged, "policy:"+p.Version(),
			map[string]any{"version": p.Version(), "previous": old.Version, "policy": p})})
		return err
	})
	return out, err
}

// DecideAlerts records the dispositions in one transaction; see
// tripline.CaseStore.
func (s *Store) DecideAlerts(ctx context.Context, specs []tripline.DecisionSpec, by tripline.Principal) ([]tripline.AlertDecision, error) {
	const op = "postgres.DecideAlerts"
	for i := range specs {
		if err := specs[i].Validate(); err != nil {
			return nil, err
		}
		specs[i].Rationale = validText(specs[i].Rationale)
	}
	var out []tripline.AlertDecision
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
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
			d, err := tripline.PlanDecision(u, a, spec, pol, s.now())
			if err != nil {
				return err
			}
			snaps, _ := json.Marshal(d.Snapshots)
			if err := tx.QueryRow(ctx, `INSERT INTO alert_decisions (alert_id, book, party_id, entity_id, disposition, rationale, decided_by, decided_at, state, needs_approval,
				approval_reason, suppress_until, score, source, snapshot_id, snapshots, matcher_version, rules_version, policy_version, party_hash, entity_hash, bulk)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
				d.AlertID, d.Book, d.PartyID, d.EntityID, d.Disposition, d.Rationale, d.DecidedBy, d.DecidedAt, d.State, d.NeedsApproval,
				d.ApprovalReason, d.SuppressUntil, d.Score, d.Source, d.SnapshotID, string(snaps), d.MatcherVersion, d.RulesVersion, d.PolicyVersion,
				d.PartyHash, d.EntityHash, d.Bulk).Scan(&d.ID); err != nil {
				return decisionErr(op, err)
			}
			now := s.now()
			var rows pgx.Rows
			switch {
			case d.Disposition == tripline.DispositionEscalate:
				rows, err = tx.Query(ctx, `UPDATE alerts SET escalated = true, assignee = '', assigned_at = NULL, priority = priority + 1, decision_id = $1, updated_at = $2 WHERE id = $3 RETURNING `+alertCols, d.ID, now, a.ID)
			case d.State == tripline.DecisionPending:
				rows, err = tx.Query(ctx, `UPDATE alerts SET status = 'pending_approval', assignee = $1, assigned_at = COALESCE(assigned_at, $2), decision_id = $3, updated_at = $2 WHERE id = $4 RETURNING `+alertCols, u.Name, now, d.ID, a.ID)
			default:
				rows, err = tx.Query(ctx, `UPDATE alerts SET status = 'closed', resolution = $1, closed_at = $2, assignee = $3, assigned_at = COALESCE(assigned_at, $2), decision_id = $4, updated_at = $2 WHERE id = $5 RETURNING `+alertCols, d.Disposition, now, u.Name, d.ID, a.ID)
			}
			if err != nil {
				return decisionErr(op, err)
			}
			if a, err = oneAlert(rows, op); err != nil {
				return decisionErr(op, err)
			}
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
// trigger or a check) to a Forbidden error, anything else to Internal.
func decisionErr(op string, err error) error {
	var te *tripline.Error
	if errors.As(err, &te) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "23514" || pe.Code == "P0001") {
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
func (s *Store) suppress(ctx context.Context, tx pgx.Tx, a tripline.Alert, d tripline.AlertDecision) (*tripline.Suppression, error) {
	const op = "postgres.suppress"
	if d.Disposition != tripline.DispositionFalsePositive || a.Status != tripline.AlertClosed {
		return nil, nil
	}
	now := s.now()
	if _, err := tx.Exec(ctx, `UPDATE suppressions SET lifted_at = $1, lift_reason = 'superseded' WHERE book = $2 AND party_id = $3 AND entity_id = $4 AND lifted_at IS NULL`,
		now, a.Book, a.PartyID, a.EntityID); err != nil {
		return nil, internalErr(op, "cannot write the suppression", err)
	}
	sup := tripline.Suppression{Book: a.Book, PartyID: a.PartyID, EntityID: a.EntityID, PartyHash: a.PartyHash, EntityHash: a.EntityHash,
		AlertID: a.ID, DecisionID: d.ID, CreatedAt: now, Until: d.SuppressUntil}
	if err := tx.QueryRow(ctx, `INSERT INTO suppressions (book, party_id, entity_id, party_hash, entity_hash, alert_id, decision_id, created_at, until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		sup.Book, sup.PartyID, sup.EntityID, sup.PartyHash, sup.EntityHash, sup.AlertID, sup.DecisionID, now, sup.Until).Scan(&sup.ID); err != nil {
		return nil, internalErr(op, "cannot write the suppression", err)
	}
	return &sup, nil
}

// ReviewDecision approves or rejects the pending decision of an alert.
func (s *Store) ReviewDecision(ctx context.Context, alertID int64, approve bool, note string, by tripline.Principal) (tripline.AlertDecision, error) {
	const op = "postgres.ReviewDecision"
	note = validText(strings.TrimSpace(note))
	if err := tripline.CheckReviewNote(approve, note); err != nil {
		return tripline.AlertDecision{}, err
	}
	var out tripline.AlertDecision
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
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
		d, err := scanDecision(tx.QueryRow(ctx, `SELECT `+decisionCols+` FROM alert_decisions WHERE alert_id = $1 AND state = 'pending'`, alertID))
		if errors.Is(err, pgx.ErrNoRows) {
			return tripline.NoPendingError(a)
		}
		if err != nil {
			return internalErr(op, "cannot read the decision", err)
		}
		if err := tripline.CheckFourEyes(u, d); err != nil {
			return err
		}
		now := s.now()
		state := tripline.DecisionRejected
		if approve {
			state = tripline.DecisionApproved
		}
		if _, err := tx.Exec(ctx, `UPDATE alert_decisions SET state = $1, reviewed_by = $2, reviewed_at = $3, review_note = $4 WHERE id = $5`, state, u.Name, now, note, d.ID); err != nil {
			return decisionErr(op, err)
		}
		d.State, d.ReviewedBy, d.ReviewedAt, d.ReviewNote = state, u.Name, &now, note
		var rows pgx.Rows
		if approve {
			rows, err = tx.Query(ctx, `UPDATE alerts SET status = 'closed', resolution = $1, closed_at = $2, updated_at = $2 WHERE id = $3 RETURNING `+alertCols, d.Disposition, now, a.ID)
		} else {
			rows, err = tx.Query(ctx, `UPDATE alerts SET status = 'open', assignee = $1, updated_at = $2 WHERE id = $3 RETURNING `+alertCols, d.DecidedBy, now, a.ID)
		}
		if err != nil {
			return decisionErr(op, err)
		}
		if a, err = oneAlert(rows, op); err != nil {
			return decisionErr(op, err)
		}
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
	const op = "postgres.Decisions"
	where := []string{"id > $1"}
	args := []any{f.After}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.AlertID != 0 {
		add("alert_id = $%d", f.AlertID)
	}
	if f.Book != "" {
		add("book = $%d", f.Book)
	}
	if f.PartyID != "" {
		add("party_id = $%d", f.PartyID)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if f.State != "" {
		add("state = $%d", f.State)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	args = append(args, limit)
	rows, err := s.pool.Query(ctx, `SELECT `+decisionCols+` FROM alert_decisions WHERE `+strings.Join(where, " AND ")+fmt.Sprintf(` ORDER BY id LIMIT $%d`, len(args)), args...)
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

func scanSuppression(r pgx.Row) (tripline.Suppression, error) {
	var sp tripline.Suppression
	if err := r.Scan(&sp.ID, &sp.Book, &sp.PartyID, &sp.EntityID, &sp.PartyHash, &sp.EntityHash, &sp.AlertID, &sp.DecisionID, &sp.CreatedAt, &sp.Until, &sp.LiftedAt, &sp.LiftReason, &sp.ReopenedBy); err != nil {
		return sp, err
	}
	sp.CreatedAt = sp.CreatedAt.UTC()
	for _, t := range []**time.Time{&sp.Until, &sp.LiftedAt} {
		if *t != nil {
			u := (**t).UTC()
			*t = &u
		}
	}
	return sp, nil
}

func collectSuppressions(rows pgx.Rows, op string) ([]tripline.Suppression, error) {
	defer rows.Close()
	out := []tripline.Suppression{}
	for rows.Next() {
		sp, err := scanSuppression(rows)
		if err != nil {
			return nil, internalErr(op, "cannot read suppressions", err)
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read suppressions", err)
	}
	return out, nil
}

// Suppressions returns the suppressions the filter selects, oldest first.
func (s *Store) Suppressions(ctx context.Context, f tripline.SuppressionFilter) ([]tripline.Suppression, error) {
	const op = "postgres.Suppressions"
	where := []string{"true"}
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Book != "" {
		add("book = $%d", f.Book)
	}
	if len(f.PartyIDs) > 0 {
		add("party_id = ANY($%d)", f.PartyIDs)
	}
	if f.Active {
		at := f.ActiveAt
		if at.IsZero() {
			at = s.now()
		}
		add("lifted_at IS NULL AND (until IS NULL OR until > $%d)", at)
	}
	q := `SELECT ` + suppressionCols + ` FROM suppressions WHERE ` + strings.Join(where, " AND ") + ` ORDER BY id`
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(` LIMIT $%d`, len(args))
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, internalErr(op, "cannot read suppressions", err)
	}
	return collectSuppressions(rows, op)
}

// ExpireSuppressions lifts the suppressions whose end date has passed and
// raises the pairs that still match again.
func (s *Store) ExpireSuppressions(ctx context.Context, now time.Time) ([]tripline.Alert, error) {
	const op = "postgres.ExpireSuppressions"
	var raised []tripline.Alert
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+suppressionCols+` FROM suppressions WHERE lifted_at IS NULL AND until IS NOT NULL AND until <= $1 ORDER BY id FOR UPDATE SKIP LOCKED`, now)
		if err != nil {
			return internalErr(op, "cannot read suppressions", err)
		}
		due, err := collectSuppressions(rows, op)
		if err != nil || len(due) == 0 {
			return err
		}
		var audit []tripline.AuditEntry
		at := s.now()
		for _, sp := range due {
			prior, err := alertTx(ctx, tx, sp.AlertID)
			if err != nil {
				return err
			}
			var m tripline.PairMatch
			err = tx.QueryRow(ctx, `SELECT score, party_hash, entity_hash FROM book_matches WHERE book = $1 AND party_id = $2 AND entity_id = $3`, sp.Book, sp.PartyID, sp.EntityID).Scan(&m.Score, &m.PartyHash, &m.EntityHash)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return internalErr(op, "cannot read matches", err)
			}
			var reopened int64
			if err == nil && m.Score >= prior.Threshold {
				a := tripline.ExpiredAlert(prior, sp, m)
				id, ok, err := insertAlert(ctx, tx, a, at)
				if err != nil {
					return internalErr(op, "cannot raise an alert", err)
				}
				if ok {
					a.ID, a.Status, a.CreatedAt, a.UpdatedAt = id, tripline.AlertOpen, at, at
					raised = append(raised, a)
					reopened = a.ID
				}
			}
			if _, err := tx.Exec(ctx, `UPDATE suppressions SET lifted_at = $1, lift_reason = $2, reopened_by = $3 WHERE id = $4`, at, tripline.ReasonSuppressionExpired, reopened, sp.ID); err != nil {
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
