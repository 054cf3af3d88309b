package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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

// appendAudit appends es to the audit log inside tx, the transaction of
// the action they record, and returns them with Seq, At, PrevHash and
// Hash set. SQLite transactions of this store are IMMEDIATE, so writers
// take turns and the chain has one head.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, es []tripline.AuditEntry) ([]tripline.AuditEntry, error) {
	const op = "sqlite.appendAudit"
	if len(es) == 0 {
		return nil, nil
	}
	var head tripline.AuditHead
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.Seq, &head.Hash); err != nil {
		return nil, internalErr(op, "cannot read the audit log's head", err)
	}
	now := s.Now().UTC().Truncate(time.Microsecond)
	out := make([]tripline.AuditEntry, len(es))
	for i, e := range es {
		if err := checkEntry(op, &e); err != nil {
			return nil, err
		}
		e.Seq, e.PrevHash = head.Seq+1, head.Hash
		if e.At.IsZero() {
			e.At = now
		}
		e.At = e.At.UTC().Truncate(time.Microsecond)
		e.Hash = tripline.AuditHash(e)
		head = tripline.AuditHead{Seq: e.Seq, Hash: e.Hash}
		out[i] = e
	}
	// The chain is computed above, in order; the rows are written in
	// multi-row statements (a monitor pass writes thousands of entries
	// per transaction).
	const per = 100
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 9*per)
	for first := 0; first < len(out); first += per {
		chunk := out[first:min(first+per, len(out))]
		args = args[:0]
		for _, e := range chunk {
			args = append(args, e.Seq, e.At.Format(tripline.AuditTime), e.Actor, e.Via, e.Action, e.Subject, string(e.Payload), e.PrevHash, e.Hash)
		}
		q := `INSERT INTO audit_log (seq, at, actor, via, action, subject, payload, prev_hash, hash) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?),", len(chunk)), ",")
		var err error
		if len(chunk) == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, q); err != nil {
					return nil, internalErr(op, "cannot write the audit log", err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, q, args...)
		}
		if err != nil {
			return nil, internalErr(op, "cannot write the audit log", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, head.Seq, head.Hash); err != nil {
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

// inTx runs fn in a transaction of its own and commits it. SQLite's busy
// handler is not fair: under many concurrent writers (twenty "alerts
// next" callers) one can wait past the busy timeout while others keep
// winning. A transaction refused as busy has done nothing, so it is tried
// again, for up to two minutes, before the error is returned.
func (s *Store) inTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	deadline := time.Now().Add(2 * time.Minute)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err := s.tryTx(ctx, op, fn)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func (s *Store) tryTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return internalErr(op, "cannot commit", err)
	}
	return nil
}

// isBusy reports whether err, or an error it wraps, is SQLite's
// SQLITE_BUSY ("database is locked").
func isBusy(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if m := err.Error(); strings.Contains(m, "SQLITE_BUSY") || strings.Contains(m, "database is locked") {
			return true
		}
	}
	return false
}

// AppendAudit appends entries that belong to no other change.
func (s *Store) AppendAudit(ctx context.Context, es []tripline.AuditEntry) ([]tripline.AuditEntry, error) {
	var out []tripline.AuditEntry
	err := s.inTx(ctx, "sqlite.AppendAudit", func(tx *sql.Tx) error {
		var err error
		out, err = s.appendAudit(ctx, tx, es)
		return err
	})
	return out, err
}

const auditCols = `seq, at, actor, via, action, subject, payload, prev_hash, hash`

func scanAudit(r scanner) (tripline.AuditEntry, error) {
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

// EachAuditEntry calls fn for every entry with seq >= from, in seq order.
func (s *Store) EachAuditEntry(ctx context.Context, from int64, fn func(tripline.AuditEntry) error) error {
	const op = "sqlite.EachAuditEntry"
	// Pages by seq, so that fn may take its time without holding a read
	// transaction open across the whole log.
	const page = 20000
	next := from
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?`, next, page)
		if err != nil {
			return internalErr(op, "cannot read the audit log", err)
		}
		n := 0
		var buf []tripline.AuditEntry
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return internalErr(op, "cannot read the audit log", err)
			}
			buf = append(buf, e)
			n++
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return internalErr(op, "cannot read the audit log", err)
		}
		for _, e := range buf {
			if err := fn(e); err != nil {
				return err
			}
		}
		if n < page {
			return nil
		}
		next = buf[len(buf)-1].Seq + 1
	}
}

// AuditEntries returns the entries the filter selects, oldest first.
func (s *Store) AuditEntries(ctx context.Context, f tripline.AuditFilter) ([]tripline.AuditEntry, error) {
	const op = "sqlite.AuditEntries"
	where := []string{"seq > ?"}
	args := []any{f.After}
	if f.Subject != "" {
		where = append(where, "subject = ?")
		args = append(args, f.Subject)
	}
	if !f.Since.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, f.Since.UTC().Format(tripline.AuditTime))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log WHERE `+strings.Join(where, " AND ")+` ORDER BY seq LIMIT ?`, append(args, limit)...)
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
	if err := s.db.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&h.Seq, &h.Hash); err != nil {
		return h, internalErr("sqlite.AuditHead", "cannot read the audit log's head", err)
	}
	return h, nil
}

// auditImport appends the audit log's entry for an import record, in the
// import's transaction when x is one (a created snapshot), else in a
// transaction of its own (an unchanged or rejected import, recorded after
// the import's own transaction).
func (s *Store) auditImport(ctx context.Context, x execer, rec ImportRecord) error {
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
	if tx, ok := x.(*sql.Tx); ok {
		_, err := s.appendAudit(ctx, tx, []tripline.AuditEntry{e})
		return err
	}
	_, err := s.AppendAudit(ctx, []tripline.AuditEntry{e})
	return err
}

// byEntry is auditEntry for by, or for the principal of ctx when by is
// zero.
func (s *Store) byEntry(ctx context.Context, by tripline.Principal, action, subject string, payload any) tripline.AuditEntry {
	if by == (tripline.Principal{}) {
		return s.ctxEntry(ctx, action, subject, payload)
	}
	return auditEntry(by, action, subject, payload)
}
