package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.AuditStore = (*Store)(nil)

// actorOf returns who acts in ctx for the audit log: the request's or
// command's principal, else the store's Actor (the operating-system user).
func (s *Store) actorOf(ctx context.Context) (actor, via string) {
	if p, ok := tripline.PrincipalFrom(ctx); ok {
		return p.Actor(), p.Via()
	}
	if s.Actor != "" {
		return s.Actor, "cli"
	}
	return "unknown", "cli"
}

// auditEntry returns an entry of action about subject with payload (any
// value that encodes as a JSON object), attributed to p.
func auditEntry(p tripline.Principal, action, subject string, payload any) tripline.AuditEntry {
	b, err := json.Marshal(payload)
	if err != nil || len(b) == 0 || b[0] != '{' {
		b = []byte("{}")
	}
	return tripline.AuditEntry{Actor: p.Actor(), Via: p.Via(), Action: action, Subject: subject, Payload: b}
}

// ctxEntry is auditEntry for the principal of ctx.
func (s *Store) ctxEntry(ctx context.Context, action, subject string, payload any) tripline.AuditEntry {
	e := auditEntry(tripline.Principal{}, action, subject, payload)
	e.Actor, e.Via = s.actorOf(ctx)
	return e
}

// byEntry is auditEntry for by, or for the principal of ctx when by is
// zero.
func (s *Store) byEntry(ctx context.Context, by tripline.Principal, action, subject string, payload any) tripline.AuditEntry {
	if by == (tripline.Principal{}) {
		return s.ctxEntry(ctx, action, subject, payload)
	}
	return auditEntry(by, action, subject, payload)
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

// appendAudit appends es to the audit log inside tx, the transaction of
// the action they record. It locks the head's row until tx ends, so
// writers take turns and the chain has one head; callers append last in
// their transaction, so that the lock is held briefly and always taken
// after the others.
func (s *Store) appendAudit(ctx context.Context, tx pgx.Tx, es []tripline.AuditEntry) ([]tripline.AuditEntry, error) {
	const op = "postgres.appendAudit"
	if len(es) == 0 {
		return nil, nil
	}
	var head tripline.AuditHead
	if err := tx.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`).Scan(&head.Seq, &head.Hash); err != nil {
		return nil, internalErr(op, "cannot read the audit log's head", err)
	}
	now := s.Now().UTC().Truncate(time.Microsecond)
	out := make([]tripline.AuditEntry, len(es))
	rows := make([][]any, len(es))
	for i, e := range es {
		if err := checkEntry(op, &e); err != nil {
			return nil, err
		}
		e.Actor, e.Via, e.Subject, e.Action = validText(e.Actor), validText(e.Via), validText(e.Subject), validText(e.Action)
		e.Payload = json.RawMessage(validText(string(e.Payload)))
		e.Seq, e.PrevHash = head.Seq+1, head.Hash
		if e.At.IsZero() {
			e.At = now
		}
		e.At = e.At.UTC().Truncate(time.Microsecond)
		e.Hash = tripline.AuditHash(e)
		rows[i] = []any{e.Seq, e.At.Format(tripline.AuditTime), e.Actor, e.Via, e.Action, e.Subject, string(e.Payload), e.PrevHash, e.Hash}
		head = tripline.AuditHead{Seq: e.Seq, Hash: e.Hash}
		out[i] = e
	}
	if len(rows) > 50 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"audit_log"}, []string{"seq", "at", "actor", "via", "action", "subject", "payload", "prev_hash", "hash"}, pgx.CopyFromRows(rows)); err != nil {
			return nil, internalErr(op, "cannot write the audit log", err)
		}
	} else {
		for _, r := range rows {
			if _, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, at, actor, via, action, subject, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, r...); err != nil {
				return nil, internalErr(op, "cannot write the audit log", err)
			}
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, head.Seq, head.Hash); err != nil {
		return nil, internalErr(op, "cannot move the audit log's head", err)
	}
	return out, nil
}

// checkEntry refuses an entry without an action or whose payload is not
// a JSON object; an empty payload becomes {}.
func checkEntry(op string, e *tripline.AuditEntry) error {
	if strings.TrimSpace(e.Action) == "" {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "an audit entry needs an action"}
	}
	if len(e.Payload) == 0 {
		e.Payload = json.RawMessage("{}")
	}
	// A JSON object: valid JSON that starts with a brace (json.Valid, not
	// a decode: the monitor writes an entry per alert).
	if p := bytes.TrimSpace(e.Payload); len(p) == 0 || p[0] != '{' || !json.Valid(p) {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("the payload of audit entry %q is not a JSON object", e.Action)}
	}
	if e.Actor == "" {
		e.Actor = "unknown"
	}
	return nil
}

// inTx runs fn in a transaction of its own and commits it.
func (s *Store) inTx(ctx context.Context, op string, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback(ctx)
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return internalErr(op, "cannot commit", err)
	}
	return nil
}

// AppendAudit appends entries that belong to no other change.
func (s *Store) AppendAudit(ctx context.Context, es []tripline.AuditEntry) ([]tripline.AuditEntry, error) {
	var out []tripline.AuditEntry
	err := s.inTx(ctx, "postgres.AppendAudit", func(tx pgx.Tx) error {
		var err error
		out, err = s.appendAudit(ctx, tx, es)
		return err
	})
	return out, err
}

const auditCols = `seq, at, actor, via, action, subject, payload, prev_hash, hash`

func scanAudit(r pgx.Row) (tripline.AuditEntry, error) {
	var e tripline.AuditEntry
	var at, payload string
	if err := r.Scan(&e.Seq, &at, &e.Actor, &e.Via, &e.Action, &e.Subject, &payload, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	// A time that does not parse stays zero, and its entry then fails
	// verification instead of reading.
	e.At, _ = time.Parse(tripline.AuditTime, at)
	e.Payload = json.RawMessage(payload)
	return e, nil
}

// EachAuditEntry calls fn for every entry with seq >= from, in seq order,
// a page at a time.
func (s *Store) EachAuditEntry(ctx context.Context, from int64, fn func(tripline.AuditEntry) error) error {
	const op = "postgres.EachAuditEntry"
	const page = 20000
	next := from
	for {
		rows, err := s.pool.Query(ctx, `SELECT `+auditCols+` FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, next, page)
		if err != nil {
			return internalErr(op, "cannot read the audit log", err)
		}
		buf := make([]tripline.AuditEntry, 0, page)
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return internalErr(op, "cannot read the audit log", err)
			}
			buf = append(buf, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return internalErr(op, "cannot read the audit log", err)
		}
		for _, e := range buf {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(buf) < page {
			return nil
		}
		next = buf[len(buf)-1].Seq + 1
	}
}

// AuditEntries returns the entries the filter selects, oldest first.
func (s *Store) AuditEntries(ctx context.Context, f tripline.AuditFilter) ([]tripline.AuditEntry, error) {
	const op = "postgres.AuditEntries"
	where := []string{"seq > $1"}
	args := []any{f.After}
	if f.Subject != "" {
		args = append(args, f.Subject)
		where = append(where, fmt.Sprintf("subject = $%d", len(args)))
	}
	if !f.Since.IsZero() {
		args = append(args, f.Since.UTC().Format(tripline.AuditTime))
		where = append(where, fmt.Sprintf("at >= $%d", len(args)))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	args = append(args, limit)
	rows, err := s.pool.Query(ctx, `SELECT `+auditCols+` FROM audit_log WHERE `+strings.Join(where, " AND ")+fmt.Sprintf(` ORDER BY seq LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, internalErr(op, "cannot read the audit log", err)
	}
	defer rows.Close()
	out := []tripline.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, internalErr(op, "cannot read the audit log", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, internalErr(op, "cannot read the audit log", err)
	}
	return out, nil
}

// AuditHead returns the store's record of the last entry.
func (s *Store) AuditHead(ctx context.Context) (tripline.AuditHead, error) {
	var h tripline.AuditHead
	if err := s.pool.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&h.Seq, &h.Hash); err != nil {
		return h, internalErr("postgres.AuditHead", "cannot read the audit log's head", err)
	}
	return h, nil
}

// auditImport appends the audit log's entry for an import record, in the
// import's transaction when x is one (a created snapshot), else in a
// transaction of its own (an unchanged or rejected import).
func (s *Store) auditImport(ctx context.Context, x querier, rec ImportRecord) error {
	subject := "source:" + rec.Source
	if rec.SnapshotID != 0 {
		subject = tripline.AuditSubject("snapshot", rec.SnapshotID)
	}
	e := s.ctxEntry(ctx, tripline.AuditImport, subject, map[string]any{
		"result": rec.Result, "source": rec.Source, "format": rec.Format, "files": nonNil(rec.Files), "hash": rec.Hash,
		"snapshot_id": rec.SnapshotID, "entity_count": rec.EntityCount, "error": rec.Error,
		"role": rec.Role, "key_id": rec.KeyID, "client": rec.Client, "file_hashes": nonNil(rec.FileHashes), "overrides": nonNil(rec.Overrides), "reason": rec.Reason,
	})
	if rec.Actor != "" {
		e.Actor = rec.Actor // the importer's principal, as the imports table has it
	}
	if tx, ok := x.(pgx.Tx); ok {
		_, err := s.appendAudit(ctx, tx, []tripline.AuditEntry{e})
		return err
	}
	_, err := s.AppendAudit(ctx, []tripline.AuditEntry{e})
	return err
}

var errNoRows = pgx.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
