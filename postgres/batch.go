package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.BatchStore = (*Store)(nil)

// Leases are kept on the database's clock, so replicas whose clocks
// disagree still agree on whose lease has run out.

func batchErr(op, msg string, err error) error {
	return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
}

// CreateBatch stores a new batch job in state receiving.
func (s *Store) CreateBatch(ctx context.Context, j tripline.BatchJob) (tripline.BatchJob, error) {
	const op = "postgres.CreateBatch"
	opts, err := json.Marshal(j.Options)
	if err != nil {
		return j, batchErr(op, "cannot encode the job's options", err)
	}
	j.CreatedAt = s.Now().UTC().Truncate(time.Microsecond)
	if err := s.pool.QueryRow(ctx, `INSERT INTO batch_jobs (kind, input, options, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		j.Kind, validText(j.Input), string(opts), validText(j.CreatedBy), j.CreatedAt).Scan(&j.ID); err != nil {
		return j, batchErr(op, "cannot store the job", err)
	}
	j.State = tripline.BatchReceiving
	return j, nil
}

// AddBatchShards stores shards and enqueues their jobs in one transaction.
func (s *Store) AddBatchShards(ctx context.Context, job int64, shards []tripline.BatchShard, enqueue tripline.BatchEnqueue) (err error) {
	const op = "postgres.AddBatchShards"
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return batchErr(op, "cannot store the shards", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	var cancelled *time.Time
	if err = tx.QueryRow(ctx, `SELECT cancelled_at FROM batch_jobs WHERE id = $1`, job).Scan(&cancelled); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no batch job %d", job)}
		}
		return batchErr(op, "cannot store the shards", err)
	}
	if cancelled != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("batch job %d was cancelled", job)}
	}
	refs := make([]tripline.BatchShardRef, len(shards))
	rows := make([][]any, len(shards))
	for i, sh := range shards {
		rows[i] = []any{job, int32(sh.Shard), sh.FirstRow, int32(sh.Rows), sh.Input}
		refs[i] = tripline.BatchShardRef{Job: job, Shard: sh.Shard}
	}
	if _, err = tx.CopyFrom(ctx, pgx.Identifier{"batch_shards"}, []string{"job_id", "shard", "first_row", "row_count", "input"}, pgx.CopyFromRows(rows)); err != nil {
		return batchErr(op, "cannot store the shards", err)
	}
	if enqueue != nil {
		if err = enqueue(ctx, tx, refs); err != nil {
			return err
		}
	}
	if err = tx.Commit(ctx); err != nil {
		return batchErr(op, "cannot store the shards", err)
	}
	return nil
}

// CloseBatchInput records that the job's input is completely stored, or
// fails the job with inputErr.
func (s *Store) CloseBatchInput(ctx context.Context, job int64, rows, bad int64, inputErr string) (tripline.BatchJob, error) {
	if _, err := s.pool.Exec(ctx, `UPDATE batch_jobs SET input_done = true, rows_total = $1, bad_rows = $2, error = $3 WHERE id = $4`, rows, bad, validText(inputErr), job); err != nil {
		return tripline.BatchJob{}, batchErr("postgres.CloseBatchInput", "cannot update the job", err)
	}
	return s.BatchJob(ctx, job)
}

// batchSelect reads jobs with their shards' counts in one query.
const batchSelect = `SELECT j.id, j.kind, j.input, j.options, j.created_by, j.created_at, j.input_done, j.rows_total, j.bad_rows, j.cancelled_at, j.error,
	a.total, a.done, a.rows_done, a.failed, a.running, a.takeovers, a.started, a.last, a.first_error, a.rows_stored, now()
	FROM batch_jobs j CROSS JOIN LATERAL (SELECT count(*) AS total,
		count(*) FILTER (WHERE state = 'done') AS done,
		COALESCE(SUM(row_count) FILTER (WHERE state = 'done'), 0) AS rows_done,
		count(*) FILTER (WHERE state = 'failed') AS failed,
		count(*) FILTER (WHERE state = 'running') AS running,
		COALESCE(SUM(takeovers), 0) AS takeovers,
		MIN(started_at) AS started, MAX(done_at) AS last,
		MIN(error) FILTER (WHERE state = 'failed') AS first_error,
		COALESCE(SUM(row_count), 0) AS rows_stored
		FROM batch_shards WHERE job_id = j.id) a `

func scanBatch(r pgx.Row) (tripline.BatchJob, error) {
	var j tripline.BatchJob
	var opts string
	var inputDone bool
	var cancelled, started, last *time.Time
	var total, done, failed, running, takeovers, rowsDone, rowsStored int64
	var firstErr *string
	var now time.Time
	if err := r.Scan(&j.ID, &j.Kind, &j.Input, &opts, &j.CreatedBy, &j.CreatedAt, &inputDone, &j.RowsTotal, &j.BadRows, &cancelled, &j.Error,
		&total, &done, &rowsDone, &failed, &running, &takeovers, &started, &last, &firstErr, &rowsStored, &now); err != nil {
		return j, err
	}
	_ = json.Unmarshal([]byte(opts), &j.Options)
	j.CreatedAt = j.CreatedAt.UTC()
	j.ShardsTotal, j.ShardsDone, j.RowsDone, j.Takeovers = int(total), int(done), rowsDone, int(takeovers)
	if !inputDone {
		j.RowsTotal = rowsStored
	}
	if started != nil {
		t := started.UTC()
		j.StartedAt = &t
	}
	if cancelled != nil {
		t := cancelled.UTC()
		j.FinishedAt = &t
	}
	if j.Error == "" && firstErr != nil {
		j.Error = *firstErr
	}
	j.Progress(inputDone, cancelled != nil, int(failed), int(running), last, now)
	return j, nil
}

// BatchJob returns a job with its progress.
func (s *Store) BatchJob(ctx context.Context, id int64) (tripline.BatchJob, error) {
	const op = "postgres.BatchJob"
	j, err := scanBatch(s.pool.QueryRow(ctx, batchSelect+`WHERE j.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return j, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no batch job %d", id)}
	}
	if err != nil {
		return j, batchErr(op, "cannot read the job", err)
	}
	return j, nil
}

// BatchJobs lists jobs, newest first.
func (s *Store) BatchJobs(ctx context.Context, f tripline.BatchFilter) ([]tripline.BatchJob, error) {
	const op = "postgres.BatchJobs"
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	before := f.BeforeID
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.pool.Query(ctx, batchSelect+`WHERE j.id < $1 ORDER BY j.id DESC LIMIT $2`, before, limit)
	if err != nil {
		return nil, batchErr(op, "cannot list the jobs", err)
	}
	defer rows.Close()
	var out []tripline.BatchJob
	for rows.Next() {
		j, err := scanBatch(rows)
		if err != nil {
			return nil, batchErr(op, "cannot list the jobs", err)
		}
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, batchErr(op, "cannot list the jobs", err)
	}
	return out, nil
}

// CancelBatch cancels an unfinished job.
func (s *Store) CancelBatch(ctx context.Context, id int64, reason string) (tripline.BatchJob, error) {
	j, err := s.BatchJob(ctx, id)
	if err != nil || j.State.Finished() {
		return j, err
	}
	if reason == "" {
		reason = "cancelled"
	}
	if _, err := s.pool.Exec(ctx, `UPDATE batch_jobs SET cancelled_at = now(), error = CASE WHEN error = '' THEN $1 ELSE error END WHERE id = $2 AND cancelled_at IS NULL`, validText(reason), id); err != nil {
		return j, batchErr("postgres.CancelBatch", "cannot cancel the job", err)
	}
	return s.BatchJob(ctx, id)
}

// DeleteBatch removes a finished job with its shards and results.
func (s *Store) DeleteBatch(ctx context.Context, id int64) error {
	const op = "postgres.DeleteBatch"
	j, err := s.BatchJob(ctx, id)
	if err != nil {
		return err
	}
	if !j.State.Finished() {
		return &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("batch job %d is %s: cancel it first", id, j.State)}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return batchErr(op, "cannot delete the job", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for _, q := range []string{`DELETE FROM batch_results WHERE job_id = $1`, `DELETE FROM batch_shards WHERE job_id = $1`, `DELETE FROM batch_jobs WHERE id = $1`} {
		if _, err := tx.Exec(ctx, q, id); err != nil {
			return batchErr(op, "cannot delete the job", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return batchErr(op, "cannot delete the job", err)
	}
	return nil
}

// ClaimBatchShard leases a shard to owner.
func (s *Store) ClaimBatchShard(ctx context.Context, ref tripline.BatchShardRef, owner string, lease time.Duration) (sh tripline.BatchShard, opt tripline.ScreenOptions, ok bool, err error) {
	const op = "postgres.ClaimBatchShard"
	var opts string
	var attempts, rows int32
	err = s.pool.QueryRow(ctx, `UPDATE batch_shards s SET state = 'running', owner = $3, lease_until = clock_timestamp() + $4 * interval '1 millisecond',
			attempts = s.attempts + 1, started_at = COALESCE(s.started_at, clock_timestamp())
		FROM batch_jobs j
		WHERE j.id = s.job_id AND j.cancelled_at IS NULL AND s.job_id = $1 AND s.shard = $2
		AND (s.state = 'pending' OR (s.state = 'running' AND (s.lease_until < clock_timestamp() OR s.owner = $3)))
		RETURNING s.first_row, s.row_count, s.input, s.attempts, j.options`,
		ref.Job, int32(ref.Shard), owner, lease.Milliseconds()).Scan(&sh.FirstRow, &rows, &sh.Input, &attempts, &opts)
	if errors.Is(err, pgx.ErrNoRows) {
		return sh, opt, false, nil
	}
	if err != nil {
		return sh, opt, false, batchErr(op, "cannot take the shard", err)
	}
	sh.Job, sh.Shard, sh.Rows, sh.Attempt = ref.Job, ref.Shard, int(rows), int(attempts)
	if err := json.Unmarshal([]byte(opts), &opt); err != nil {
		return sh, opt, false, batchErr(op, "cannot read the job's options", err)
	}
	return sh, opt, true, nil
}

// RenewBatchShard extends owner's lease.
func (s *Store) RenewBatchShard(ctx context.Context, ref tripline.BatchShardRef, owner string, lease time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE batch_shards SET lease_until = clock_timestamp() + $4 * interval '1 millisecond' WHERE job_id = $1 AND shard = $2 AND state = 'running' AND owner = $3`,
		ref.Job, int32(ref.Shard), owner, lease.Milliseconds())
	if err != nil {
		return false, batchErr("postgres.RenewBatchShard", "cannot renew the lease", err)
	}
	return tag.RowsAffected() == 1, nil
}

// CompleteBatchShard stores a shard's results and marks it done, once.
func (s *Store) CompleteBatchShard(ctx context.Context, ref tripline.BatchShardRef, results []tripline.BatchResult) (done bool, err error) {
	const op = "postgres.CompleteBatchShard"
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	defer func() {
		if err != nil || !done {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	// The row lock keeps a second worker of the same shard waiting here
	// until this one commits; it then finds the shard done.
	var state string
	err = tx.QueryRow(ctx, `SELECT state FROM batch_shards WHERE job_id = $1 AND shard = $2 FOR UPDATE`, ref.Job, int32(ref.Shard)).Scan(&state)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	if state == "done" {
		return false, nil
	}
	i := 0
	row := make([]any, 3)
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i == len(results) {
			return nil, nil
		}
		r := results[i]
		i++
		row[0], row[1], row[2] = ref.Job, r.Row, string(r.Line)
		return row, nil
	})
	if _, err = tx.CopyFrom(ctx, pgx.Identifier{"batch_results"}, []string{"job_id", "row_no", "line"}, src); err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	if _, err = tx.Exec(ctx, `UPDATE batch_shards SET state = 'done', done_at = clock_timestamp(), owner = NULL, lease_until = NULL, input = ''::bytea WHERE job_id = $1 AND shard = $2`,
		ref.Job, int32(ref.Shard)); err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	if err = tx.Commit(ctx); err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	return true, nil
}

// FailBatchShard marks a shard failed for good.
func (s *Store) FailBatchShard(ctx context.Context, ref tripline.BatchShardRef, msg string) error {
	if _, err := s.pool.Exec(ctx, `UPDATE batch_shards SET state = 'failed', error = $3, done_at = clock_timestamp(), owner = NULL, lease_until = NULL WHERE job_id = $1 AND shard = $2 AND state <> 'done'`,
		ref.Job, int32(ref.Shard), validText(msg)); err != nil {
		return batchErr("postgres.FailBatchShard", "cannot mark the shard failed", err)
	}
	return nil
}

// ReclaimBatchShards takes back shards whose lease ran out and enqueues
// them again. Of several replicas reclaiming at once, the row locks give
// each shard to one.
func (s *Store) ReclaimBatchShards(ctx context.Context, enqueue tripline.BatchEnqueue) (n int, err error) {
	const op = "postgres.ReclaimBatchShards"
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	defer func() {
		if err != nil || n == 0 {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	rows, err := tx.Query(ctx, `UPDATE batch_shards SET state = 'pending', owner = NULL, lease_until = NULL, takeovers = takeovers + 1
		WHERE state = 'running' AND lease_until < clock_timestamp() RETURNING job_id, shard, takeovers`)
	if err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	var refs []tripline.BatchShardRef
	for rows.Next() {
		var r tripline.BatchShardRef
		var shard, gen int32
		if err = rows.Scan(&r.Job, &shard, &gen); err != nil {
			rows.Close()
			return 0, batchErr(op, "cannot take back shards", err)
		}
		r.Shard, r.Generation = int(shard), int(gen)
		refs = append(refs, r)
	}
	rows.Close()
	if err = rows.Err(); err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	if len(refs) == 0 {
		return 0, nil
	}
	if enqueue != nil {
		if err = enqueue(ctx, tx, refs); err != nil {
			return 0, err
		}
	}
	if err = tx.Commit(ctx); err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	return len(refs), nil
}

// EachBatchResult calls fn with the job's results in row order.
func (s *Store) EachBatchResult(ctx context.Context, job int64, fn func(row int64, line []byte) error) error {
	const op = "postgres.EachBatchResult"
	rows, err := s.pool.Query(ctx, `SELECT row_no, line FROM batch_results WHERE job_id = $1 ORDER BY row_no`, job)
	if err != nil {
		return batchErr(op, "cannot read the results", err)
	}
	defer rows.Close()
	for rows.Next() {
		raw := rows.RawValues()
		if len(raw) != 2 {
			return batchErr(op, "cannot read the results", nil)
		}
		var row int64
		if err := rows.Scan(&row, nil); err != nil {
			return batchErr(op, "cannot read the results", err)
		}
		// The line's bytes are only valid until the next row.
		if err := fn(row, raw[1]); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return batchErr(op, "cannot read the results", err)
	}
	return nil
}
