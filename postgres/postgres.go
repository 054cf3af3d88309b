// Package postgres is Tripline's store for shared deployments: the same
// snapshots, entities, import audit trail and API keys as package sqlite,
// in a PostgreSQL database that any number of stateless "tripline serve"
// replicas (and "tripline import" runs) use at once.
//
// An import is one transaction that writes the new snapshot's entities
// with COPY and switches the source's current snapshot; a failure rolls
// everything back and the previous snapshot stays current. Imports of one
// source are serialised by a transaction-level advisory lock, so two
// replicas importing the same source at once never switch current to the
// older snapshot, and an identical file imported twice at once is stored
// once. Old snapshots are kept for diffs. Every import attempt, accepted
// or rejected, is written to an audit table.
//
// The tables live in the first schema of the connection's search_path
// (add search_path=NAME to the URL to keep several Tripline databases in
// one PostgreSQL database).
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tripline/tripline"
)

//go:embed migrations/*.sql
var migrations embed.FS

var (
	_ tripline.Store    = (*Store)(nil)
	_ tripline.AuditLog = (*Store)(nil)
	_ tripline.KeyStore = (*Store)(nil)
)

// Store is a tripline.Store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	url  string // with the password removed

	// Actor names who imports, for the audit trail (the CLI sets the OS
	// user name). Set it before the first import.
	Actor string
	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

// IsURL reports whether dsn is a PostgreSQL URL (postgres:// or
// postgresql://) rather than a file path.
func IsURL(dsn string) bool {
	scheme, _, ok := strings.Cut(dsn, "://")
	if !ok {
		return false
	}
	scheme = strings.ToLower(scheme)
	return scheme == "postgres" || scheme == "postgresql"
}

// Open connects to the PostgreSQL database at dsn (a postgres:// URL or a
// "host=… dbname=…" connection string) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	const op = "postgres.Open"
	if strings.TrimSpace(dsn) == "" {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "no PostgreSQL URL given"}
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parser's own message may quote the URL, password included.
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "invalid PostgreSQL URL (want postgres://USER@HOST:PORT/DBNAME)"}
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "tripline"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot connect to PostgreSQL", Err: err}
	}
	s := &Store{pool: pool, url: Redact(dsn), Now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, &tripline.Error{Op: op, Kind: tripline.KindUnavailable, Msg: fmt.Sprintf("cannot connect to PostgreSQL at %s", s.url), Err: err}
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := s.migrateJobs(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Redact returns dsn as a postgres:// URL without its password (nor any
// other parameter), for messages and logs.
func Redact(dsn string) string {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return "(invalid URL)"
	}
	host := cfg.Host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, host, cfg.Port, cfg.Database)
}

// URL returns the database's URL without its password.
func (s *Store) URL() string { return s.url }

// Close closes the store's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// migrate applies the embedded numbered migrations not yet applied, in one
// transaction under an advisory lock so that replicas starting together do
// not race.
func (s *Store) migrate(ctx context.Context) (err error) {
	const op = "postgres.migrate"
	fail := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fail("cannot list migrations", err)
	}
	sort.Strings(names)
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fail("cannot begin the schema migration", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tripline.migrate:' || COALESCE(current_schema(), ''), 0))`); err != nil {
		return fail("cannot lock the schema for migration", err)
	}
	// Only create what is missing, so that a replica whose user may not
	// create tables opens an up-to-date database.
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fail("cannot read the schema", err)
	}
	if !exists {
		if _, err := tx.Exec(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
			return fail("cannot create the schema (does the user have CREATE on the database or schema?)", err)
		}
	}
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
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
			return fail("cannot read the schema version", err)
		}
		if n > 0 {
			continue
		}
		if _, err := tx.Exec(ctx, string(body)); err != nil {
			return fail("migration "+base+" failed (does the user have CREATE on the database or schema?)", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, version); err != nil {
			return fail("cannot record migration "+base, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fail("cannot commit the schema migration", err)
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
	const op = "postgres.Import"
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
	const op = "postgres.Import"
	internal := func(msg string, err error) error {
		if ctx.Err() != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "import cancelled", Err: ctx.Err()}
		}
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return snap, false, internal("cannot begin the import", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()

	// One import of a source at a time, across every process using the
	// database: the lock is held until commit or rollback, and what this
	// transaction reads after it includes every import committed before.
	if _, err = tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tripline.source:' || COALESCE(current_schema(), '') || ':' || $1, 0))`, ds.Source); err != nil {
		return snap, false, internal("cannot lock the source for import", err)
	}

	// Unchanged content: keep the current snapshot.
	cur, err := currentSnapshot(ctx, tx, ds.Source)
	if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
		return snap, false, err
	}
	if err == nil && cur.Hash == ds.Hash && ds.Hash != "" {
		tx.Rollback(ctx)
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
	if err = tx.QueryRow(ctx, `INSERT INTO snapshots (source, format, published_at, imported_at, hash, files, entity_count, overrides) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		snap.Source, snap.Format, snap.PublishedAt, now, snap.Hash, string(files), snap.EntityCount, string(overrides)).Scan(&snap.ID); err != nil {
		return snap, false, internal("cannot write the snapshot", err)
	}

	if err = copyEntities(ctx, tx, snap.ID, ds); err != nil {
		return snap, false, err
	}

	if _, err = tx.Exec(ctx, `INSERT INTO sources (source, current_snapshot) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET current_snapshot = excluded.current_snapshot`, ds.Source, snap.ID); err != nil {
		return snap, false, internal("cannot switch the current snapshot", err)
	}
	if err = s.auditTx(ctx, tx, ds, "created", snap.ID, nil); err != nil {
		return snap, false, internal("cannot write the audit record", err)
	}
	if err = tx.Commit(ctx); err != nil {
		return snap, false, internal("cannot commit the import", err)
	}
	return snap, true, nil
}

// copyEntities writes the dataset's entities, which Import checked
// (Dataset.Validate), with one COPY.
func copyEntities(ctx context.Context, tx pgx.Tx, snapID int64, ds *tripline.Dataset) error {
	const op = "postgres.Import"
	var bad error // why the rows stopped, when they did
	i := 0
	row := make([]any, 7)
	rows := pgx.CopyFromFunc(func() ([]any, error) {
		if i == len(ds.Entities) {
			return nil, nil
		}
		e := ds.Entities[i]
		i++
		data, err := json.Marshal(e)
		if err != nil {
			bad = &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot encode entity %s", e.ID), Err: err}
			return nil, bad
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				bad = &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "import cancelled", Err: err}
				return nil, bad
			}
		}
		source := e.Source
		if source == "" {
			source = ds.Source
		}
		// The caption is only for lookup: made storable, it never
		// fails an import that SQLite would take (data keeps the entity).
		row[0], row[1], row[2], row[3], row[4], row[5], row[6] = snapID, int32(i), e.ID, source, string(e.Schema), validText(e.Caption()), string(data)
		return row, nil
	})
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"entities"}, []string{"snapshot_id", "seq", "id", "source", "schema", "caption", "data"}, rows)
	if bad != nil {
		return bad
	}
	if err != nil {
		if ctx.Err() != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "import cancelled", Err: ctx.Err()}
		}
		var pe *pgconn.PgError
		if errors.As(err, &pe) && strings.HasPrefix(pe.Code, "23") { // integrity constraint violation
			return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("%s: the dataset violates a store constraint (%s)", ds.Source, pe.Message), Err: err}
		}
		if errors.As(err, &pe) && pe.Code == "22021" { // invalid byte sequence for the encoding
			return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("%s: the dataset holds text the database cannot store (%s)", ds.Source, pe.Message), Err: err}
		}
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write the entities", Err: err}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// querier is a pool, a connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

const snapshotCols = `s.id, s.source, s.format, s.published_at, s.imported_at, s.hash, s.files, s.entity_count, COALESCE(c.current_snapshot = s.id, false), s.overrides`

const snapshotFrom = ` FROM snapshots s LEFT JOIN sources c ON c.source = s.source `

func scanSnapshot(r pgx.Row) (tripline.Snapshot, error) {
	var snap tripline.Snapshot
	var files, overrides string
	var n int32
	if err := r.Scan(&snap.ID, &snap.Source, &snap.Format, &snap.PublishedAt, &snap.ImportedAt, &snap.Hash, &files, &n, &snap.Current, &overrides); err != nil {
		return snap, err
	}
	if overrides != "" && overrides != "[]" {
		_ = json.Unmarshal([]byte(overrides), &snap.Overrides)
	}
	snap.EntityCount = int(n)
	snap.ImportedAt = snap.ImportedAt.UTC()
	if files != "" && files != "[]" {
		_ = json.Unmarshal([]byte(files), &snap.Files)
	}
	return snap, nil
}

func currentSnapshot(ctx context.Context, q querier, source string) (tripline.Snapshot, error) {
	row := q.QueryRow(ctx, `SELECT `+snapshotCols+snapshotFrom+`WHERE c.current_snapshot = s.id AND s.source = $1`, source)
	snap, err := scanSnapshot(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return snap, &tripline.Error{Op: "postgres.Snapshot", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot of source %q", source)}
	}
	if err != nil {
		return snap, &tripline.Error{Op: "postgres.Snapshot", Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
	}
	return snap, nil
}

func querySnapshots(ctx context.Context, q querier, op, where string, args ...any) ([]tripline.Snapshot, error) {
	rows, err := q.Query(ctx, `SELECT `+snapshotCols+snapshotFrom+where, args...)
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
	return querySnapshots(ctx, s.pool, "postgres.Snapshots", `WHERE s.source = $1 ORDER BY s.id DESC`, source)
}

// CurrentSnapshots lists the current snapshot of every source, by source.
func (s *Store) CurrentSnapshots(ctx context.Context) ([]tripline.Snapshot, error) {
	return querySnapshots(ctx, s.pool, "postgres.CurrentSnapshots", `WHERE c.current_snapshot = s.id ORDER BY s.source COLLATE "C"`)
}

// Snapshot returns the snapshot with id.
func (s *Store) Snapshot(ctx context.Context, id int64) (tripline.Snapshot, error) {
	snaps, err := querySnapshots(ctx, s.pool, "postgres.Snapshot", `WHERE s.id = $1`, id)
	if err != nil {
		return tripline.Snapshot{}, err
	}
	if len(snaps) == 0 {
		return tripline.Snapshot{}, &tripline.Error{Op: "postgres.Snapshot", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot %d", id)}
	}
	return snaps[0], nil
}

// Entity returns the entity with id from its source's current snapshot, or
// from snapshot snapshotID when it is not 0.
func (s *Store) Entity(ctx context.Context, id string, snapshotID int64) (*tripline.Entity, error) {
	const op = "postgres.Entity"
	var row pgx.Row
	if snapshotID != 0 {
		row = s.pool.QueryRow(ctx, `SELECT data FROM entities WHERE snapshot_id = $1 AND id = $2`, snapshotID, id)
	} else {
		row = s.pool.QueryRow(ctx, `SELECT e.data FROM entities e JOIN sources c ON c.current_snapshot = e.snapshot_id WHERE e.id = $1`, id)
	}
	var data []byte
	if err := row.Scan(&data); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			if snapshotID != 0 {
				return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no entity %q in snapshot %d", id, snapshotID)}
			}
			return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no entity %q in the current lists", id)}
		}
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the entity", Err: err}
	}
	e := new(tripline.Entity)
	if err := json.Unmarshal(data, e); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the entity", Err: err}
	}
	return e, nil
}

// EachEntity calls fn for every entity the filter selects, in source order
// within each snapshot, stopping at fn's first error, which it returns. A
// SnapshotID that does not exist is a NotFound error. The entities come
// from the snapshots current when the call began, whatever is imported
// while fn runs.
func (s *Store) EachEntity(ctx context.Context, f tripline.EntityFilter, fn func(*tripline.Entity) error) error {
	const op = "postgres.EachEntity"
	var q strings.Builder
	var args []any
	if f.SnapshotID != 0 {
		if _, err := s.Snapshot(ctx, f.SnapshotID); err != nil {
			return err
		}
		q.WriteString(`SELECT e.data FROM entities e WHERE e.snapshot_id = $1`)
		args = append(args, f.SnapshotID)
	} else {
		q.WriteString(`SELECT e.data FROM entities e JOIN sources c ON c.current_snapshot = e.snapshot_id WHERE true`)
	}
	if len(f.Sources) > 0 {
		args = append(args, f.Sources)
		fmt.Fprintf(&q, ` AND e.source = ANY($%d)`, len(args))
	}
	q.WriteString(` ORDER BY e.snapshot_id, e.seq`)
	rows, err := s.pool.Query(ctx, q.String(), args...)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read entities", Err: err}
	}
	defer rows.Close()
	for rows.Next() {
		// The row's bytes are only valid until the next row; Unmarshal
		// copies what it keeps.
		raw := rows.RawValues()
		if len(raw) != 1 {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read entities"}
		}
		e := new(tripline.Entity)
		if err := json.Unmarshal(raw[0], e); err != nil {
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
