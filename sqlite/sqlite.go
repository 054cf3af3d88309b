// Package sqlite is Tripline's embedded store: every list import is kept as
// a snapshot of its source in one SQLite file (modernc.org/sqlite, no cgo).
//
// An import is one transaction that writes the new snapshot's entities and
// switches the source's current snapshot; a failure rolls everything back
// and the previous snapshot stays current. Old snapshots are kept for diffs.
// Every import attempt, accepted or rejected, is written to an audit table.
//
// The SQL is kept plain (no SQLite-only features beyond the pragmas) so that
// a PostgreSQL store can follow with the same schema.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	driver "modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

var _ tripline.Store = (*Store)(nil)

// Store is a tripline.Store in one SQLite database file.
type Store struct {
	db   *sql.DB
	path string
	jobs *sql.DB // the job queue's handle (jobs.go)

	// Actor names who imports, for the audit trail (the CLI sets the OS
	// user name). Set it before the first import.
	Actor string
	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

// Open opens (creating if needed, with its parent directories) the database
// at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	const op = "sqlite.Open"
	if path == "" {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "no database path given"}
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot create the database directory %s", dir), Err: err}
		}
	}
	q := url.Values{}
	// temp_store(MEMORY): statement journals (every statement of a write
	// transaction that a trigger or constraint could abort writes one) are
	// kept in memory, not in a temporary file: a 1M-party book import
	// spent 40 of its 200 CPU s writing them; cache_size(-32768): 32 MiB
	// of page cache per connection instead of 2 (docs/benchmarks.md).
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-32768)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	// The path is escaped so that "?", "#" and "%" in it stay part of it.
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot open the database", Err: err}
	}
	s := &Store{db: db, path: path, Now: time.Now, jobs: jobsDB(dsn)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrateJobs(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return errors.Join(s.jobs.Close(), s.db.Close()) }

// migrate applies the embedded numbered migrations not yet applied.
func (s *Store) migrate(ctx context.Context) error {
	const op = "sqlite.migrate"
	fail := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fail("cannot open the database (is it a Tripline database?)", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fail("cannot list migrations", err)
	}
	sort.Strings(names)
	for _, name := range names {
		base := filepath.Base(name)
		num, _, _ := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if err != nil {
			return fail("bad migration name "+base, err)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fail("cannot read migration "+base, err)
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fail("cannot begin migration", err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
			tx.Rollback()
			return fail("cannot read schema version", err)
		}
		if n > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fail("migration "+base+" failed", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fail("cannot record migration", err)
		}
		if err := tx.Commit(); err != nil {
			return fail("cannot commit migration", err)
		}
	}
	return nil
}

// Import writes ds as a new snapshot of its source and makes it current, in
// one transaction. An identical content hash as the current snapshot writes
// nothing and returns created false. The attempt is recorded in the audit
// table whatever its outcome, with the principal ctx carries.
//
// Import is the low-level path: it checks only what the store needs (a
// valid source id, entity ids). The import guards — a list that shrank, a
// changed format, a missing end marker, an official source replaced by a
// non-admin — are ingest.Importer's, which every Tripline command uses.
func (s *Store) Import(ctx context.Context, ds *tripline.Dataset) (snap tripline.Snapshot, created bool, err error) {
	const op = "sqlite.Import"
	if verr := ds.Validate(); verr != nil {
		err = &tripline.Error{Op: op, Kind: tripline.ErrorKind(verr), Err: verr}
		s.audit(ctx, ds, "rejected", 0, err)
		return snap, false, err
	}
	snap, created, err = s.importTx(ctx, ds)
	switch {
	case err != nil:
		s.audit(ctx, ds, "rejected", 0, err)
	case !created:
		s.audit(ctx, ds, "unchanged", snap.ID, nil)
	}
	return snap, created, err
}

func (s *Store) importTx(ctx context.Context, ds *tripline.Dataset) (snap tripline.Snapshot, created bool, err error) {
	const op = "sqlite.Import"
	internal := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return snap, false, internal("cannot begin the import", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()

	// Unchanged content: keep the current snapshot.
	cur, err := currentSnapshot(ctx, tx, ds.Source)
	if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
		return snap, false, err
	}
	if err == nil && cur.Hash == ds.Hash && ds.Hash != "" {
		tx.Rollback()
		return cur, false, nil
	}
	err = nil

	files, _ := json.Marshal(nonNil(ds.Files))
	now := s.Now().UTC().Truncate(time.Second)
	snap = tripline.Snapshot{
		Source: ds.Source, Format: ds.Format, PublishedAt: ds.PublishedAt,
		ImportedAt: now, Hash: ds.Hash, Files: ds.Files, EntityCount: len(ds.Entities), Current: true, Overrides: ds.Overrides,
	}
	overrides, _ := json.Marshal(nonNil(ds.Overrides))
	res, err := tx.ExecContext(ctx, `INSERT INTO snapshots (source, format, published_at, imported_at, hash, files, entity_count, overrides) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		snap.Source, snap.Format, snap.PublishedAt, now.Format(time.RFC3339), snap.Hash, string(files), snap.EntityCount, string(overrides))
	if err != nil {
		return snap, false, internal("cannot write the snapshot", err)
	}
	if snap.ID, err = res.LastInsertId(); err != nil {
		return snap, false, internal("cannot write the snapshot", err)
	}

	if err = insertEntities(ctx, tx, snap.ID, ds); err != nil {
		return snap, false, err
	}

	if _, err = tx.ExecContext(ctx, `INSERT INTO sources (source, current_snapshot) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET current_snapshot = excluded.current_snapshot`, ds.Source, snap.ID); err != nil {
		return snap, false, internal("cannot switch the current snapshot", err)
	}
	if err = s.auditTx(ctx, tx, ds, "created", snap.ID, nil); err != nil {
		return snap, false, internal("cannot write the audit record", err)
	}
	if err = tx.Commit(); err != nil {
		return snap, false, internal("cannot commit the import", err)
	}
	return snap, true, nil
}

// insertEntities writes the dataset's entities with one prepared statement
// inserting batchRows rows at a time.
func insertEntities(ctx context.Context, tx *sql.Tx, snapID int64, ds *tripline.Dataset) error {
	const op = "sqlite.Import"
	const batchRows = 100 // 6 parameters each, well under SQLite's limit
	prepare := func(n int) (*sql.Stmt, error) {
		q := "INSERT INTO entities (snapshot_id, id, source, schema, caption, data) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?),", n), ",")
		return tx.PrepareContext(ctx, q)
	}
	full, err := prepare(batchRows)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot prepare the entity insert", Err: err}
	}
	defer full.Close()
	args := make([]any, 0, 6*batchRows)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		stmt := full
		if n := len(args) / 6; n != batchRows {
			var err error
			if stmt, err = prepare(n); err != nil {
				return err
			}
			defer stmt.Close()
		}
		_, err := stmt.ExecContext(ctx, args...)
		args = args[:0]
		return err
	}
	for i, e := range ds.Entities { // Import checked them (Dataset.Validate)
		data, err := json.Marshal(e)
		if err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot encode entity %s", e.ID), Err: err}
		}
		source := e.Source
		if source == "" {
			source = ds.Source
		}
		args = append(args, snapID, e.ID, source, string(e.Schema), e.Caption(), string(data))
		if len(args) == 6*batchRows {
			if err := flush(); err != nil {
				return entityInsertError(ds.Source, err)
			}
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "import cancelled", Err: err}
			}
		}
	}
	if err := flush(); err != nil {
		return entityInsertError(ds.Source, err)
	}
	return nil
}

func entityInsertError(source string, err error) error {
	msg := "cannot write the entities"
	kind := tripline.KindInternal
	var se *driver.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT { // extended codes keep the primary in the low byte
		msg = fmt.Sprintf("%s: the dataset violates a store constraint (duplicate entity ids?)", source)
		kind = tripline.KindInvalid
	}
	return &tripline.Error{Op: "sqlite.Import", Kind: kind, Msg: msg, Err: err}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const snapshotCols = `s.id, s.source, s.format, s.published_at, s.imported_at, s.hash, s.files, s.entity_count, COALESCE(c.current_snapshot = s.id, 0), s.overrides`

const snapshotFrom = ` FROM snapshots s LEFT JOIN sources c ON c.source = s.source `

type scanner interface{ Scan(dest ...any) error }

func scanSnapshot(r scanner) (tripline.Snapshot, error) {
	var snap tripline.Snapshot
	var at, files, overrides string
	var current bool
	if err := r.Scan(&snap.ID, &snap.Source, &snap.Format, &snap.PublishedAt, &at, &snap.Hash, &files, &snap.EntityCount, &current, &overrides); err != nil {
		return snap, err
	}
	if overrides != "" && overrides != "[]" {
		_ = json.Unmarshal([]byte(overrides), &snap.Overrides)
	}
	snap.Current = current
	snap.ImportedAt, _ = time.Parse(time.RFC3339, at)
	if files != "" && files != "[]" {
		_ = json.Unmarshal([]byte(files), &snap.Files)
	}
	return snap, nil
}

func currentSnapshot(ctx context.Context, q querier, source string) (tripline.Snapshot, error) {
	row := q.QueryRowContext(ctx, `SELECT `+snapshotCols+snapshotFrom+`WHERE c.current_snapshot = s.id AND s.source = ?`, source)
	snap, err := scanSnapshot(row)
	if errors.Is(err, sql.ErrNoRows) {
		return snap, &tripline.Error{Op: "sqlite.Snapshot", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot of source %q", source)}
	}
	if err != nil {
		return snap, &tripline.Error{Op: "sqlite.Snapshot", Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
	}
	return snap, nil
}

func querySnapshots(ctx context.Context, q querier, op, where string, args ...any) ([]tripline.Snapshot, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+snapshotCols+snapshotFrom+where, args...)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
	}
	defer rows.Close()
	var out []tripline.Snapshot
	for rows.Next() {
		snap, err := scanSnapshot(rows)
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
		}
		out = append(out, snap)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
	}
	return out, nil
}

// Snapshots lists the snapshots of source, newest first. An unknown source
// has no snapshots and is not an error.
func (s *Store) Snapshots(ctx context.Context, source string) ([]tripline.Snapshot, error) {
	return querySnapshots(ctx, s.db, "sqlite.Snapshots", `WHERE s.source = ? ORDER BY s.id DESC`, source)
}

// CurrentSnapshots lists the current snapshot of every source, by source.
func (s *Store) CurrentSnapshots(ctx context.Context) ([]tripline.Snapshot, error) {
	return querySnapshots(ctx, s.db, "sqlite.CurrentSnapshots", `WHERE c.current_snapshot = s.id ORDER BY s.source`)
}

// Snapshot returns the snapshot with id.
func (s *Store) Snapshot(ctx context.Context, id int64) (tripline.Snapshot, error) {
	snaps, err := querySnapshots(ctx, s.db, "sqlite.Snapshot", `WHERE s.id = ?`, id)
	if err != nil {
		return tripline.Snapshot{}, err
	}
	if len(snaps) == 0 {
		return tripline.Snapshot{}, &tripline.Error{Op: "sqlite.Snapshot", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot %d", id)}
	}
	return snaps[0], nil
}

// Entity returns the entity with id from its source's current snapshot, or
// from snapshot snapshotID when it is not 0.
func (s *Store) Entity(ctx context.Context, id string, snapshotID int64) (*tripline.Entity, error) {
	const op = "sqlite.Entity"
	var row *sql.Row
	if snapshotID != 0 {
		row = s.db.QueryRowContext(ctx, `SELECT data FROM entities WHERE snapshot_id = ? AND id = ?`, snapshotID, id)
	} else {
		row = s.db.QueryRowContext(ctx, `SELECT e.data FROM entities e JOIN sources c ON c.current_snapshot = e.snapshot_id WHERE e.id = ?`, id)
	}
	var data string
	if err := row.Scan(&data); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			if snapshotID != 0 {
				return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no entity %q in snapshot %d", id, snapshotID)}
			}
			return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no entity %q in the current lists", id)}
		}
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the entity", Err: err}
	}
	e := new(tripline.Entity)
	if err := json.Unmarshal([]byte(data), e); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the entity", Err: err}
	}
	return e, nil
}

// EachEntity calls fn for every entity the filter selects, snapshot by
// snapshot (in snapshot id order) and in source order within each,
// stopping at fn's first error, which it returns. A SnapshotID that does
// not exist is a NotFound error.
func (s *Store) EachEntity(ctx context.Context, f tripline.EntityFilter, fn func(*tripline.Entity) error) error {
	var snaps []tripline.Snapshot
	if f.SnapshotID != 0 {
		snap, err := s.Snapshot(ctx, f.SnapshotID)
		if err != nil {
			return err
		}
		snaps = []tripline.Snapshot{snap}
	} else {
		var err error
		if snaps, err = s.CurrentSnapshots(ctx); err != nil {
			return err
		}
		sort.Slice(snaps, func(i, j int) bool { return snaps[i].ID < snaps[j].ID })
	}
	for _, snap := range snaps {
		if len(f.Sources) > 0 && !slices.Contains(f.Sources, snap.Source) {
			continue
		}
		if err := s.eachInSnapshot(ctx, snap.ID, fn); err != nil {
			return err
		}
	}
	return nil
}

// eachInSnapshot calls fn for the entities of one snapshot in source order.
func (s *Store) eachInSnapshot(ctx context.Context, snapID int64, fn func(*tripline.Entity) error) error {
	const op = "sqlite.EachEntity"
	rows, err := s.db.QueryContext(ctx, `SELECT data FROM entities INDEXED BY entities_snapshot WHERE snapshot_id = ? ORDER BY rowid`, snapID)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read entities", Err: err}
	}
	defer rows.Close()
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read entities", Err: err}
		}
		e := new(tripline.Entity)
		if err := json.Unmarshal(data, e); err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode an entity", Err: err}
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read entities", Err: err}
	}
	return nil
}
