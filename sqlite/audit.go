package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/tripline/tripline"
)

// ImportRecord is one row of the import audit trail (the type every store
// with an audit trail shares).
type ImportRecord = tripline.ImportRecord

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Store) auditTx(ctx context.Context, x execer, ds *tripline.Dataset, result string, snapID int64, cause error) error {
	rec := ImportRecord{Result: result, SnapshotID: snapID}
	if ds != nil {
		rec.Source, rec.Format, rec.Files, rec.Hash, rec.EntityCount = ds.Source, ds.Format, ds.Files, ds.Hash, len(ds.Entities)
		rec.FileHashes, rec.Overrides, rec.Reason = ds.FileHashes, ds.Overrides, ds.Reason
	}
	if cause != nil {
		rec.Error = cause.Error()
	}
	return s.writeRecord(ctx, x, rec)
}

// writeRecord inserts rec. The files are recorded as given: the importer
// passes absolute paths for local files and the client's names for
// uploads, never a server's temporary path. The principal comes from rec,
// else from ctx, else the store's Actor.
func (s *Store) writeRecord(ctx context.Context, x execer, rec ImportRecord) error {
	files, _ := json.Marshal(nonNil(rec.Files))
	hashes, _ := json.Marshal(nonNil(rec.FileHashes))
	overrides, _ := json.Marshal(nonNil(rec.Overrides))
	at := rec.At
	if at.IsZero() {
		at = s.Now()
	}
	if p, ok := tripline.PrincipalFrom(ctx); ok && rec.Actor == "" && rec.Client == "" {
		rec.Actor, rec.Role, rec.KeyID, rec.Client = p.Name, string(p.Role), p.KeyID, p.Addr
	}
	if rec.Actor == "" && rec.Client == "" {
		rec.Actor = s.Actor
	}
	var snap any
	if rec.SnapshotID != 0 {
		snap = rec.SnapshotID
	}
	_, err := x.ExecContext(ctx, `INSERT INTO imports (at, actor, source, format, files, hash, result, snapshot_id, entity_count, error, role, key_id, client, file_hashes, overrides, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		at.UTC().Format(time.RFC3339Nano), rec.Actor, rec.Source, rec.Format, string(files), rec.Hash, rec.Result, snap, rec.EntityCount, rec.Error,
		rec.Role, rec.KeyID, rec.Client, string(hashes), string(overrides), rec.Reason)
	if err != nil {
		return err
	}
	return s.auditImport(ctx, x, rec) // the tamper-evident log (auditlog.go)
}

// audit records an import outcome outside the import transaction (after a
// rollback, or for an unchanged import). Failing to write the audit record
// must not hide the import's own outcome, so the error is dropped here.
func (s *Store) audit(ctx context.Context, ds *tripline.Dataset, result string, snapID int64, cause error) {
	_ = s.auditTx(context.WithoutCancel(ctx), s.db, ds, result, snapID, cause)
}

// RecordRejection writes rec as a rejected import: one refused before it
// reached the store (a file that could not be parsed, a dataset an import
// guard refused).
func (s *Store) RecordRejection(ctx context.Context, rec ImportRecord) error {
	rec.Result, rec.SnapshotID = "rejected", 0
	if err := s.writeRecord(context.WithoutCancel(ctx), s.db, rec); err != nil {
		return &tripline.Error{Op: "sqlite.RecordRejection", Kind: tripline.KindInternal, Msg: "cannot write the audit record", Err: err}
	}
	return nil
}

// Imports returns the newest limit audit records (all when limit <= 0),
// newest first.
func (s *Store) Imports(ctx context.Context, limit int) ([]ImportRecord, error) {
	const op = "sqlite.Imports"
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor, source, format, files, hash, result, COALESCE(snapshot_id, 0), entity_count, error, role, key_id, client, file_hashes, overrides, reason FROM imports ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
	}
	defer rows.Close()
	var out []ImportRecord
	for rows.Next() {
		var r ImportRecord
		var at, files, hashes, overrides string
		if err := rows.Scan(&r.ID, &at, &r.Actor, &r.Source, &r.Format, &files, &r.Hash, &r.Result, &r.SnapshotID, &r.EntityCount, &r.Error,
			&r.Role, &r.KeyID, &r.Client, &hashes, &overrides, &r.Reason); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		_ = json.Unmarshal([]byte(files), &r.Files)
		_ = json.Unmarshal([]byte(hashes), &r.FileHashes)
		_ = json.Unmarshal([]byte(overrides), &r.Overrides)
		if len(r.FileHashes) == 0 {
			r.FileHashes = nil
		}
		if len(r.Overrides) == 0 {
			r.Overrides = nil
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
	}
	return out, nil
}
