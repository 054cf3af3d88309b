package postgres

import (
	"context"
	"encoding/json"
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
func (s *Store) writeRecord(ctx context.Context, x querier, rec ImportRecord) error {
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
	var snap *int64
	if rec.SnapshotID != 0 {
		snap = &rec.SnapshotID
	}
	_, err := x.Exec(ctx, `INSERT INTO imports (at, actor, source, format, files, hash, result, snapshot_id, entity_count, error, role, key_id, client, file_hashes, overrides, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		at.UTC(), validText(rec.Actor), validText(rec.Source), validText(rec.Format), validText(string(files)), validText(rec.Hash), rec.Result, snap, rec.EntityCount, validText(rec.Error),
		validText(rec.Role), rec.KeyID, validText(rec.Client), string(hashes), validText(string(overrides)), validText(rec.Reason))
	if err != nil {
		return err
	}
	return s.auditImport(ctx, x, rec) // the tamper-evident log (auditlog.go)
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

// RecordRejection writes rec as a rejected import: one refused before it
// reached the store (a file that could not be parsed, a dataset an import
// guard refused).
func (s *Store) RecordRejection(ctx context.Context, rec ImportRecord) error {
	rec.Result, rec.SnapshotID = "rejected", 0
	if err := s.writeRecord(context.WithoutCancel(ctx), s.pool, rec); err != nil {
		return &tripline.Error{Op: "postgres.RecordRejection", Kind: tripline.KindInternal, Msg: "cannot write the audit record", Err: err}
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
	rows, err := s.pool.Query(ctx, `SELECT id, at, actor, source, format, files, hash, result, COALESCE(snapshot_id, 0), entity_count, error, role, key_id, client, file_hashes, overrides, reason FROM imports ORDER BY id DESC LIMIT $1`, lim)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
	}
	defer rows.Close()
	var out []ImportRecord
	for rows.Next() {
		var r ImportRecord
		var files, hashes, overrides string
		var n int32
		if err := rows.Scan(&r.ID, &r.At, &r.Actor, &r.Source, &r.Format, &files, &r.Hash, &r.Result, &r.SnapshotID, &n, &r.Error,
			&r.Role, &r.KeyID, &r.Client, &hashes, &overrides, &r.Reason); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the import log", Err: err}
		}
		r.At = r.At.UTC()
		r.EntityCount = int(n)
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
