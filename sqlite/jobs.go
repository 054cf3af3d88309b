package sqlite

import (
	"context"
	"database/sql"
	"io"
	"log/slog"

	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/tripline/tripline"
)

// JobsDB returns the database handle for package jobs, which keeps its
// queue (River's tables) in the store's file; nothing else should use it.
//
// It is a handle of its own with one connection, as River advises for
// SQLite: River's many background writers (fetching, completing, leader
// election) then take turns inside the process instead of competing with
// the store's writers for the file's lock, where under heavy load one of
// them could wait past the busy timeout. Jobs enqueued in a store
// transaction (jobs.Queue.EnqueueTx) use that transaction's connection.
func (s *Store) JobsDB() *sql.DB { return s.jobs }

// jobsDB opens the job queue's handle on dsn (opening is lazy: no
// connection is made until River uses it).
func jobsDB(dsn string) *sql.DB {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		panic(err) // sql.Open fails only for an unknown driver name
	}
	db.SetMaxOpenConns(1)
	return db
}

// migrateJobs brings River's tables up to date, in one immediate
// transaction so that processes opening the file at once apply each
// migration once.
func (s *Store) migrateJobs(ctx context.Context) error {
	const op = "sqlite.migrate"
	m, err := rivermigrate.New(riversqlite.New(s.db), &rivermigrate.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot prepare the job queue's schema", Err: err}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot begin the job queue's migration", Err: err}
	}
	defer tx.Rollback()
	// MigrateTx is deprecated for PostgreSQL, whose enum changes cannot
	// share a transaction; SQLite has none, and one immediate transaction
	// is what keeps two processes from applying a version twice.
	//lint:ignore SA1019 see above
	if _, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, nil); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "the job queue's migration failed", Err: err}
	}
	if err := tx.Commit(); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot commit the job queue's migration", Err: err}
	}
	return nil
}
