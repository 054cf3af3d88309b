package postgres

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tripline/tripline"
)

// ImportRecord is one row of the import audit trail.
type ImportRecord = tripline.ImportRecord

func (s *Store) auditTx(ctx context.Context, x querier, ds *tripline.Dataset, result string, snapID int64, cause error) error {
	rec := ImportRecord{Result: result, SnapshotID: snapID}
	if ds != nil {
		rec.Source, rec.Format, rec.Files, rec.Hash, rec.EntityCount = ds.Source, ds.Format, ds.Files, ds.Hash, len(ds.Entities)
	}
	if cause != nil {
		rec.Error = cause.Error()
	}
	return s.writeRecord(ctx, x, rec)
}

func (s *Store) writeRecord(ctx context.Context, x querier, rec ImportRecord) error {
	abs := make([]string, len(rec.Files))
	for i, f := range rec.Files {
		if a, err := filepath.Abs(f); err == nil {
			f = a
		}
		abs[i] = f
	}
	files, _ := json.Marshal(abs)
	at := rec.At
	if at.IsZero() {
		at = s.Now()
	}
	if rec.Actor == "" {
		rec.Actor = s.Actor
	}
	var snap *int64
	if rec.SnapshotID != 0 {
		snap = &rec.SnapshotID
	}
	_, err := x.Exec(ctx, `INSERT INTO imports (at, actor, source, format, files, hash, result, snapshot_id, entity_count, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		at.UTC(), validText(rec.Actor), validText(rec.Source), validText(rec.Format), validText(string(files)), validText(rec.Hash), rec.Result, snap, rec.EntityCount, validText(rec.Error))
	return err
}

// validText makes s storable as PostgreSQL text: valid UTF-8 without NUL
// bytes (an error message may quote a file's raw bytes).
func validText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// audit records an import outcome outside the import transaction (after a
// rollback, or for an unchanged import). Failing to write the audit record
// must not hide the import's own outcome, so the error is dropped here.
func (s *Store) audit(ctx context.Context, ds *tripline.Dataset, result string, snapID int64, cause error) {
	_ = s.auditTx(context.WithoutCancel(ctx), s.pool, ds, result, snapID, cause)
}

// RecordRejected writes an audit record for an import that failed before
// it reached the store (a file that could not be parsed): files, format and
// the error shown to the user.
func (s *Store) RecordRejected(ctx context.Context, format string, files []string, cause error) error {
	rec := ImportRecord{Format: format, Files: files, Result: "rejected"}
	if cause != nil {
		rec.Error = cause.Error()
	}
	if err := s.writeRecord(context.WithoutCancel(ctx), s.pool, rec); err != nil {
		return &tripline.Error{Op: "postgres.RecordRejected", Kind: tripline.KindInternal, Msg: "cannot write the audit record", Err: err}
	}
	return nil
}

// Imports returns the newest limit audit records (all when limit <= 0),
// newest first.
func (s *Store) Imports(ctx context.Context, limit int) ([]ImportRecord, error) {
	const op = "postgres.Imports"
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	rows, err := s.pool.Query(ctx, `SELECT id, at, actor, source, format, files, hash, result, COALESCE(snapshot_id, 0), entity_count, error FROM imports ORDER BY id DESC LIMIT $1`, lim)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
	}
	defer rows.Close()
	var out []ImportRecord
	for rows.Next() {
		var r ImportRecord
		var files string
		var n int32
		if err := rows.Scan(&r.ID, &r.At, &r.Actor, &r.Source, &r.Format, &files, &r.Hash, &r.Result, &r.SnapshotID, &n, &r.Error); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
		}
		r.At = r.At.UTC()
		r.EntityCount = int(n)
		_ = json.Unmarshal([]byte(files), &r.Files)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
	}
	return out, nil
}
