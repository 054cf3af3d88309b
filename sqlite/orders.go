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
	const op = "sqlite.RecordOrders"
	if err := validOrders(op, orders); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback()
	nows := ts(s.Now())
	if err := writeOrders(ctx, tx, orders, nows); err != nil {
		return nil, internalErr(op, "cannot write orders", err)
	}
	var alerts []tripline.Alert
	for _, o := range orders {
		alerts = append(alerts, o.Alerts...)
	}
	var raised, updated []tripline.Alert
	for _, a := range alerts {
		got, created, err := orderAlert(ctx, tx, a, nows)
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
	if err := tx.Commit(); err != nil {
		return nil, internalErr(op, "cannot commit the orders", err)
	}
	return append(raised, updated...), nil
}

// writeOrders stores the orders and their index keys inside tx in
// multi-row statements (a check run writes a batch of 256 orders a
// transaction; one statement an order and key cost a third of the
// history's time): the old keys of the batch's ids deleted in one
// statement, the records upserted and the keys inserted a chunk at a
// time. An id given twice keeps its last record in the place of its
// first, as when each replaced the one before.
func writeOrders(ctx context.Context, tx *sql.Tx, orders []tripline.OrderRecord, nows string) error {
	last := map[string]int{}
	for i, o := range orders {
		last[o.ID] = i
	}
	var recs []tripline.OrderRecord
	ids := make([]string, 0, len(last))
	seen := map[string]bool{}
	for _, o := range orders {
		if seen[o.ID] {
			continue
		}
		// In the place of its first occurrence (a new order's seq comes
		// from it), with its last record.
		seen[o.ID] = true
		o = orders[last[o.ID]]
		o.CheckedAt = parseTS(nows)
		o.Alerts = nil
		recs = append(recs, o)
		ids = append(ids, o.ID)
	}
	idj, _ := json.Marshal(ids)
	if _, err := tx.ExecContext(ctx, `DELETE FROM order_keys WHERE order_id IN (SELECT value FROM json_each(?))`, string(idj)); err != nil {
		return err
	}
	const per = 100 // rows a statement: 7 parameters each, far below SQLite's limit
	args := make([]any, 0, 7*per)
	for first := 0; first < len(recs); first += per {
		chunk := recs[first:min(first+per, len(recs))]
		args = args[:0]
		for _, o := range chunk {
			rec, err := json.Marshal(o)
			if err != nil {
				return err
			}
			args = append(args, o.ID, o.Date, nows, string(o.Risk), o.RulesVersion, o.MatcherVersion, string(rec))
		}
		q := `INSERT INTO orders (id, date, checked_at, risk, rules_version, matcher_version, record) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?),", len(chunk)), ",") + `
			ON CONFLICT (id) DO UPDATE SET date = excluded.date, checked_at = excluded.checked_at, risk = excluded.risk,
			rules_version = excluded.rules_version, matcher_version = excluded.matcher_version, record = excluded.record`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	const perKey = 300 // 3 parameters each
	args = args[:0]
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		q := `INSERT OR IGNORE INTO order_keys (key, date, order_id) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?),", len(args)/3), ",")
		_, err := tx.ExecContext(ctx, q, args...)
		args = args[:0]
		return err
	}
	for _, o := range recs {
		for _, k := range o.Keys() {
			args = append(args, k, o.Date, o.ID)
			if len(args) == 3*perKey {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

// errUnchanged: an order alert's evidence is what its open alert says.
var errUnchanged = errors.New("alert unchanged")

// orderAlert raises a, or, when its (book, party, entity) has an alert
// that is not closed, adds a's evidence to that one (one open alert per
// pattern and customer): created says which.
func orderAlert(ctx context.Context, tx *sql.Tx, a tripline.Alert, nows string) (tripline.Alert, bool, error) {
	const op = "sqlite.RecordOrders"
	expl := ""
	if a.Explanation != nil {
		b, _ := json.Marshal(a.Explanation)
		expl = string(b)
	}
	got, err := scanAlert(tx.QueryRowContext(ctx, `INSERT INTO alerts (book, party_id, party_name, entity_id, entity_name, source, score, reason, status, priority,
		snapshot_id, matcher_version, party_hash, entity_hash, explanation, created_at, updated_at, rules_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 0, ?, '', '', ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING `+alertCols,
		a.Book, a.PartyID, a.PartyName, a.EntityID, a.EntityName, a.Source, a.Score, a.Reason, a.Priority, a.MatcherVersion, expl, nows, nows, a.RulesVersion))
	if err == nil {
		return got, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return got, false, internalErr(op, "cannot raise an alert", err)
	}
	got, err = scanAlert(tx.QueryRowContext(ctx, `UPDATE alerts SET explanation = ?, party_name = ?, entity_name = ?, score = ?, matcher_version = ?, rules_version = ?,
		priority = priority + 1, updated_at = ?, status = CASE WHEN status = 'pending_approval' THEN 'open' ELSE status END
		WHERE book = ? AND party_id = ? AND entity_id = ? AND status <> 'closed' AND explanation <> ? RETURNING `+alertCols,
		expl, a.PartyName, a.EntityName, a.Score, a.MatcherVersion, a.RulesVersion, nows, a.Book, a.PartyID, a.EntityID, expl))
	if errors.Is(err, sql.ErrNoRows) {
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
	const op = "sqlite.OrderHistory"
	if len(q.Keys) == 0 {
		return []tripline.OrderRecord{}, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100000
	}
	keys, _ := json.Marshal(q.Keys)
	excl, _ := json.Marshal(append([]string{}, q.Exclude...))
	from, to := q.From, q.To
	if to == "" {
		to = "9999-12-31"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, record FROM orders WHERE id IN (
			SELECT order_id FROM order_keys WHERE key IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ?)
		AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`, string(keys), from, to, string(excl), limit)
	if err != nil {
		return nil, internalErr(op, "cannot read orders", err)
	}
	return collectOrders(rows, op)
}

// Order returns one stored order; see tripline.OrderBook.
func (s *Store) Order(ctx context.Context, id string) (tripline.OrderRecord, error) {
	const op = "sqlite.Order"
	rows, err := s.db.QueryContext(ctx, `SELECT seq, record FROM orders WHERE id = ?`, id)
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

func collectOrders(rows *sql.Rows, op string) ([]tripline.OrderRecord, error) {
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
