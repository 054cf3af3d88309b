package postgres

import (
	"context"
	"io"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/tripline/tripline"
)

// JobsPool returns the connection pool for package jobs, which keeps its
// queue (River's tables) in the store's schema; nothing else should use it.
func (s *Store) JobsPool() *pgxpool.Pool { return s.pool }

// migrateJobs brings River's tables up to date under a session advisory
// lock: of several replicas starting at once, one migrates and the others
// wait and find it done. River applies each of its versions in a
// transaction of its own (some alter an enum type and then use the new
// value, which PostgreSQL refuses within one transaction), so this cannot
// share the transaction of migrate.
func (s *Store) migrateJobs(ctx context.Context) (err error) {
	const op = "postgres.migrate"
	fail := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fail("cannot connect for the job queue's migration", err)
	}
	defer conn.Release()
	const key = `hashtextextended('tripline.migrate.jobs:' || COALESCE(current_schema(), ''), 0)`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		return fail("cannot lock the schema for the job queue's migration", err)
	}
	defer func() {
		if _, uerr := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`); uerr != nil {
			// A lock left behind would block the next start: drop the
			// connection, which releases it.
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
	}()
	m, err := rivermigrate.New(riverpgxv5.New(s.pool), &rivermigrate.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return fail("cannot prepare the job queue's schema", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fail("the job queue's migration failed (does the user have CREATE on the database or schema?)", err)
	}
	return nil
}
