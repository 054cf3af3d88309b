package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.OrderBook = (*Store)(nil)

// validOrders checks what RecordOrders needs of every order.
func validOrders(op string, orders []tripline.OrderRecord) error {
	for _, o := range orders {
		if strings.TrimSpace(o.ID) == "" {
			return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "an order needs an id"}
		}
		for _, a := range o.Alerts {
			if a.PartyID == "" || a.EntityID == "" || a.Reason == "" {
				return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("order %q: an alert needs a party, an entity and a reason", o.ID)}
			}
		}
	}
	return nil
}

// RecordOrders stores the orders, replacing the record of an order id
// checked before (its place in the book, seq, is kept), and raises their
// alerts with their events and audit entries, in one transaction; see
// tripline.OrderBook.
func (s *Store) RecordOrders(ctx context.Context, orders []tripline.OrderRecord) ([]tripline.Alert, error) {
	const op = "postgres.RecordOrders"
	if err := validOrders(op, orders); err != nil {
		return nil, err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback(ctx)
	now := s.now()
	// Every order's statements in one pipelined batch (one round trip for
	// the whole batch, not three an order), in order: an id given twice
	// is replaced by its later record as before.
	var alerts []tripline.Alert
	b := &pgx.Batch{}
	for _, o := range orders {
		o.CheckedAt = now
		rec, _ := json.Marshal(o)
		b.Queue(`INSERT INTO orders (id, date, checked_at, risk, rules_version, matcher_version, record) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (id) DO UPDATE SET date = excluded.date, checked_at = excluded.checked_at, risk = excluded.risk,
			rules_version = excluded.rules_version, matcher_version = excluded.matcher_version, record = excluded.record`,
			o.ID, o.Date, now, string(o.Risk), o.RulesVersion, o.MatcherVersion, validText(string(rec)))
		b.Queue(`DELETE FROM order_keys WHERE order_id = $1`, o.ID)
		if keys := o.Keys(); len(keys) > 0 {
			b.Queue(`INSERT INTO order_keys (key, date, order_id) SELECT k, $2, $3 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING`,
				keys, o.Date, o.ID)
		}
		alerts = append(alerts, o.Alerts...)
	}
	br := tx.SendBatch(ctx, b)
	for range b.Len() {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return nil, internalErr(op, "cannot write orders", err)
		}
	}
	if err := br.Close(); err != nil {
		return nil, internalErr(op, "cannot write orders", err)
	}
	var raised, updated []tripline.Alert
	for _, a := range alerts {
		got, created, err := orderAlert(ctx, tx, a)
		if err == errUnchanged {
			continue
		}
		if err != nil {
			return nil, err
		}
		if created {
			raised = append(raised, got)
		} else {
			updated = append(updated, got)
		}
	}
	evs := append(alertEvents("alert.created", raised), alertEvents("alert.updated", updated)...)
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return nil, err
	}
	if _, err := s.appendAudit(ctx, tx, s.alertAudit(ctx, tripline.AuditAlertRaised, raised)); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, internalErr(op, "cannot commit the orders", err)
	}
	return append(raised, updated...), nil
}

// errUnchanged: an order alert's evidence is what its open alert says.
var errUnchanged = errors.New("alert unchanged")

// orderAlert raises a, or, when its (book, party, entity) has an alert
// that is not closed, adds a's evidence to that one (one open alert per
// pattern and customer): created says which.
func orderAlert(ctx context.Context, tx pgx.Tx, a tripline.Alert) (tripline.Alert, bool, error) {
	const op = "postgres.RecordOrders"
	expl := ""
	if a.Explanation != nil {
		b, _ := json.Marshal(a.Explanation)
		expl = validText(string(b))
	}
	got, err := scanAlert(tx.QueryRow(ctx, `INSERT INTO alerts (book, party_id, party_name, entity_id, entity_name, source, score, reason, status, priority,
		snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at, rules_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, 0, $10, '', '', $11, now(), now(), $12) ON CONFLICT DO NOTHING RETURNING `+alertCols,
		a.Book, a.PartyID, validText(a.PartyName), a.EntityID, a.EntityName, a.Source, a.Score, a.Reason, a.Priority, a.MatcherVersion, expl, a.RulesVersion))
	if err == nil {
		return got, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return got, false, internalErr(op, "cannot raise an alert", err)
	}
	got, err = scanAlert(tx.QueryRow(ctx, `UPDATE alerts SET explanation = $1, party_name = $2, entity_name = $3, score = $4, matcher_version = $5, rules_version = $6,
		priority = priority + 1, updated_at = now(), status = CASE WHEN status = 'pending_approval' THEN 'open' ELSE status END
		WHERE book = $7 AND party_id = $8 AND entity_id = $9 AND status <> 'closed' AND explanation <> $1 RETURNING `+alertCols,
		expl, validText(a.PartyName), a.EntityName, a.Score, a.MatcherVersion, a.RulesVersion, a.Book, a.PartyID, a.EntityID))
	if errors.Is(err, pgx.ErrNoRows) {
		return got, false, errUnchanged // the same evidence again (an order checked again)
	}
	if err != nil {
		return got, false, internalErr(op, "cannot update an alert", err)
	}
	return got, false, nil
}

// OrderHistory returns the stored orders q selects, oldest check first;
// see tripline.OrderBook.
func (s *Store) OrderHistory(ctx context.Context, q tripline.OrderQuery) ([]tripline.OrderRecord, error) {
	const op = "postgres.OrderHistory"
	if len(q.Keys) == 0 {
		return []tripline.OrderRecord{}, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100000
	}
	to := q.To
	if to == "" {
		to = "9999-12-31"
	}
	rows, err := s.pool.Query(ctx, `SELECT seq, record FROM orders WHERE id IN (
			SELECT order_id FROM order_keys WHERE key = ANY($1) AND date >= $2 AND date <= $3)
		AND NOT (id = ANY($4)) ORDER BY seq LIMIT $5`, q.Keys, q.From, to, append([]string{}, q.Exclude...), limit)
	if err != nil {
		return nil, internalErr(op, "cannot read orders", err)
	}
	return collectOrders(rows, op)
}

// Order returns one stored order; see tripline.OrderBook.
func (s *Store) Order(ctx context.Context, id string) (tripline.OrderRecord, error) {
	const op = "postgres.Order"
	rows, err := s.pool.Query(ctx, `SELECT seq, record FROM orders WHERE id = $1`, id)
	if err != nil {
		return tripline.OrderRecord{}, internalErr(op, "cannot read orders", err)
	}
	os, err := collectOrders(rows, op)
	if err != nil {
		return tripline.OrderRecord{}, err
	}
	if len(os) == 0 {
		return tripline.OrderRecord{}, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no order %q", id)}
	}
	return os[0], nil
}

func collectOrders(rows pgx.Rows, op string) ([]tripline.OrderRecord, error) {
	defer rows.Close()
	out := []tripline.OrderRecord{}
	for rows.Next() {
		var rec string
		var o tripline.OrderRecord
		var seq int64
		if err := rows.Scan(&seq, &rec); err != nil {
			return nil, internalErr(op, "cannot read orders", err)
		}
		if err := json.Unmarshal([]byte(rec), &o); err != nil {
			return nil, internalErr(op, "cannot read orders", err)
		}
		o.Seq = seq
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read orders", err)
	}
	return out, nil
}
