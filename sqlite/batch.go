package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tripline/tripline"
)

var _ tripline.BatchStore = (*Store)(nil)

func batchErr(op, msg string, err error) error {
	return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
}

func ms(t time.Time) int64 { return t.UnixMilli() }

// CreateBatch stores a new batch job in state receiving.
func (s *Store) CreateBatch(ctx context.Context, j tripline.BatchJob) (tripline.BatchJob, error) {
	const op = "sqlite.CreateBatch"
	opts, err := json.Marshal(j.Options)
	if err != nil {
		return j, batchErr(op, "cannot encode the job's options", err)
	}
	j.CreatedAt = s.Now().UTC().Truncate(time.Millisecond)
	res, err := s.db.ExecContext(ctx, `INSERT INTO batch_jobs (kind, input, options, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		j.Kind, j.Input, string(opts), j.CreatedBy, j.CreatedAt.Format(time.RFC3339Nano))
	if err != nil {
		return j, batchErr(op, "cannot store the job", err)
	}
	if j.ID, err = res.LastInsertId(); err != nil {
		return j, batchErr(op, "cannot store the job", err)
	}
	j.State = tripline.BatchReceiving
	return j, nil
}

// AddBatchShards stores shards and enqueues their jobs in one transaction.
func (s *Store) AddBatchShards(ctx context.Context, job int64, shards []tripline.BatchShard, enqueue tripline.BatchEnqueue) (err error) {
	const op = "sqlite.AddBatchShards"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return batchErr(op, "cannot store the shards", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var cancelled sql.NullString
	if err = tx.QueryRowContext(ctx, `SELECT cancelled_at FROM batch_jobs WHERE id = ?`, job).Scan(&cancelled); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no batch job %d", job)}
		}
		return batchErr(op, "cannot store the shards", err)
	}
	if cancelled.Valid {
		return &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("batch job %d was cancelled", job)}
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO batch_shards (job_id, shard, first_row, row_count, input) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return batchErr(op, "cannot store the shards", err)
	}
	defer st.Close()
	refs := make([]tripline.BatchShardRef, len(shards))
	for i, sh := range shards {
		if _, err = st.ExecContext(ctx, job, sh.Shard, sh.FirstRow, sh.Rows, sh.Input); err != nil {
			return batchErr(op, "cannot store the shards", err)
		}
		refs[i] = tripline.BatchShardRef{Job: job, Shard: sh.Shard}
	}
	if enqueue != nil {
		if err = enqueue(ctx, tx, refs); err != nil {
			return err
		}
	}
	if err = tx.Commit(); err != nil {
		return batchErr(op, "cannot store the shards", err)
	}
	return nil
}

// CloseBatchInput records that the job's input is completely stored, or
// fails the job with inputErr.
func (s *Store) CloseBatchInput(ctx context.Context, job int64, rows, bad int64, inputErr string) (tripline.BatchJob, error) {
	const op = "sqlite.CloseBatchInput"
	if _, err := s.db.ExecContext(ctx, `UPDATE batch_jobs SET input_done = 1, rows_total = ?, bad_rows = ?, error = ? WHERE id = ?`, rows, bad, inputErr, job); err != nil {
		return tripline.BatchJob{}, batchErr(op, "cannot update the job", err)
	}
	return s.BatchJob(ctx, job)
}

const batchJobCols = `id, kind, input, options, created_by, created_at, input_done, rows_total, bad_rows, cancelled_at, error`

// batchRow is a job row with what the shards say of it.
type batchRow struct {
	j         tripline.BatchJob
	inputDone bool
	cancelled bool
}

func scanBatchJob(r interface{ Scan(...any) error }) (batchRow, error) {
	var b batchRow
	var opts, created string
	var cancelled sql.NullString
	if err := r.Scan(&b.j.ID, &b.j.Kind, &b.j.Input, &opts, &b.j.CreatedBy, &created, &b.inputDone, &b.j.RowsTotal, &b.j.BadRows, &cancelled, &b.j.Error); err != nil {
		return b, err
	}
	_ = json.Unmarshal([]byte(opts), &b.j.Options)
	b.j.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	if cancelled.Valid {
		b.cancelled = true
		t, _ := time.Parse(time.RFC3339Nano, cancelled.String)
		b.j.FinishedAt = &t
	}
	return b, nil
}

// progress adds the shards' counts to b.
func (s *Store) progress(ctx context.Context, q querier, b *batchRow) error {
	var total, done, failed, running, takeovers int
	var rowsDone int64
	var started, last sql.NullInt64
	var firstErr sql.NullString
	err := q.QueryRowContext(ctx, `SELECT count(*),
		COALESCE(SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'done' THEN row_count ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(takeovers), 0), MIN(started_at), MAX(done_at),
		MIN(CASE WHEN state = 'failed' THEN error END)
		FROM batch_shards WHERE job_id = ?`, b.j.ID).Scan(&total, &done, &rowsDone, &failed, &running, &takeovers, &started, &last, &firstErr)
	if err != nil {
		return err
	}
	j := &b.j
	j.ShardsTotal, j.ShardsDone, j.RowsDone, j.Takeovers = total, done, rowsDone, takeovers
	if !b.inputDone {
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(row_count), 0) FROM batch_shards WHERE job_id = ?`, j.ID).Scan(&n); err != nil {
			return err
		}
		j.RowsTotal = n
	}
	if started.Valid {
		t := time.UnixMilli(started.Int64).UTC()
		j.StartedAt = &t
	}
	if j.Error == "" && firstErr.Valid {
		j.Error = firstErr.String
	}
	var lastDone *time.Time
	if last.Valid {
		t := time.UnixMilli(last.Int64).UTC()
		lastDone = &t
	}
	j.Progress(b.inputDone, b.cancelled, failed, running, lastDone, s.Now())
	return nil
}

// BatchJob returns a job with its progress.
func (s *Store) BatchJob(ctx context.Context, id int64) (tripline.BatchJob, error) {
	const op = "sqlite.BatchJob"
	b, err := scanBatchJob(s.db.QueryRowContext(ctx, `SELECT `+batchJobCols+` FROM batch_jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return tripline.BatchJob{}, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no batch job %d", id)}
	}
	if err != nil {
		return tripline.BatchJob{}, batchErr(op, "cannot read the job", err)
	}
	if err := s.progress(ctx, s.db, &b); err != nil {
		return tripline.BatchJob{}, batchErr(op, "cannot read the job", err)
	}
	return b.j, nil
}

// BatchJobs lists jobs, newest first.
func (s *Store) BatchJobs(ctx context.Context, f tripline.BatchFilter) ([]tripline.BatchJob, error) {
	const op = "sqlite.BatchJobs"
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	before := f.BeforeID
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+batchJobCols+` FROM batch_jobs WHERE id < ? ORDER BY id DESC LIMIT ?`, before, limit)
	if err != nil {
		return nil, batchErr(op, "cannot list the jobs", err)
	}
	var bs []batchRow
	for rows.Next() {
		b, err := scanBatchJob(rows)
		if err != nil {
			rows.Close()
			return nil, batchErr(op, "cannot list the jobs", err)
		}
		bs = append(bs, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, batchErr(op, "cannot list the jobs", err)
	}
	out := make([]tripline.BatchJob, 0, len(bs))
	for i := range bs {
		if err := s.progress(ctx, s.db, &bs[i]); err != nil {
			return nil, batchErr(op, "cannot list the jobs", err)
		}
		out = append(out, bs[i].j)
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
	if _, err := s.db.ExecContext(ctx, `UPDATE batch_jobs SET cancelled_at = ?, error = CASE WHEN error = '' THEN ? ELSE error END WHERE id = ? AND cancelled_at IS NULL`,
		s.Now().UTC().Format(time.RFC3339Nano), reason, id); err != nil {
		return j, batchErr("sqlite.CancelBatch", "cannot cancel the job", err)
	}
	return s.BatchJob(ctx, id)
}

// DeleteBatch removes a finished job with its shards and results.
func (s *Store) DeleteBatch(ctx context.Context, id int64) (err error) {
	const op = "sqlite.DeleteBatch"
	j, err := s.BatchJob(ctx, id)
	if err != nil {
		return err
	}
	if !j.State.Finished() {
		return &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("batch job %d is %s: cancel it first", id, j.State)}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return batchErr(op, "cannot delete the job", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM batch_results WHERE job_id = ?`, `DELETE FROM batch_shards WHERE job_id = ?`, `DELETE FROM batch_jobs WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return batchErr(op, "cannot delete the job", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return batchErr(op, "cannot delete the job", err)
	}
	return nil
}

// ClaimBatchShard leases a shard to owner.
func (s *Store) ClaimBatchShard(ctx context.Context, ref tripline.BatchShardRef, owner string, lease time.Duration) (sh tripline.BatchShard, opt tripline.ScreenOptions, ok bool, err error) {
	const op = "sqlite.ClaimBatchShard"
	now := ms(s.Now())
	var opts string
	err = s.db.QueryRowContext(ctx, `UPDATE batch_shards SET state = 'running', owner = ?, lease_until = ?, attempts = attempts + 1, started_at = COALESCE(started_at, ?)
		WHERE job_id = ? AND shard = ?
		AND (state = 'pending' OR (state = 'running' AND (lease_until < ? OR owner = ?)))
		AND EXISTS (SELECT 1 FROM batch_jobs j WHERE j.id = batch_shards.job_id AND j.cancelled_at IS NULL)
		RETURNING first_row, row_count, input, attempts, (SELECT options FROM batch_jobs j WHERE j.id = batch_shards.job_id)`,
		owner, now+lease.Milliseconds(), now, ref.Job, ref.Shard, now, owner).Scan(&sh.FirstRow, &sh.Rows, &sh.Input, &sh.Attempt, &opts)
	if errors.Is(err, sql.ErrNoRows) {
		return sh, opt, false, nil
	}
	if err != nil {
		return sh, opt, false, batchErr(op, "cannot take the shard", err)
	}
	sh.Job, sh.Shard = ref.Job, ref.Shard
	if err := json.Unmarshal([]byte(opts), &opt); err != nil {
		return sh, opt, false, batchErr(op, "cannot read the job's options", err)
	}
	return sh, opt, true, nil
}

// RenewBatchShard extends owner's lease.
func (s *Store) RenewBatchShard(ctx context.Context, ref tripline.BatchShardRef, owner string, lease time.Duration) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE batch_shards SET lease_until = ? WHERE job_id = ? AND shard = ? AND state = 'running' AND owner = ?`,
		ms(s.Now())+lease.Milliseconds(), ref.Job, ref.Shard, owner)
	if err != nil {
		return false, batchErr("sqlite.RenewBatchShard", "cannot renew the lease", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// CompleteBatchShard stores a shard's results and marks it done, once.
func (s *Store) CompleteBatchShard(ctx context.Context, ref tripline.BatchShardRef, results []tripline.BatchResult) (done bool, err error) {
	const op = "sqlite.CompleteBatchShard"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	defer func() {
		if err != nil || !done {
			tx.Rollback()
		}
	}()
	// The immediate transaction holds the write lock: no other worker
	// completes the shard between this read and the commit.
	var state string
	err = tx.QueryRowContext(ctx, `SELECT state FROM batch_shards WHERE job_id = ? AND shard = ?`, ref.Job, ref.Shard).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	if state == "done" {
		return false, nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO batch_results (job_id, row_no, line) VALUES (?, ?, ?)`)
	if err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	defer st.Close()
	for _, r := range results {
		if _, err = st.ExecContext(ctx, ref.Job, r.Row, string(r.Line)); err != nil {
			return false, batchErr(op, "cannot store the results", err)
		}
	}
	if _, err = tx.ExecContext(ctx, `UPDATE batch_shards SET state = 'done', done_at = ?, owner = NULL, lease_until = NULL, input = X'' WHERE job_id = ? AND shard = ?`,
		ms(s.Now()), ref.Job, ref.Shard); err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	if err = tx.Commit(); err != nil {
		return false, batchErr(op, "cannot store the results", err)
	}
	return true, nil
}

// FailBatchShard marks a shard failed for good.
func (s *Store) FailBatchShard(ctx context.Context, ref tripline.BatchShardRef, msg string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE batch_shards SET state = 'failed', error = ?, done_at = ?, owner = NULL, lease_until = NULL WHERE job_id = ? AND shard = ? AND state <> 'done'`,
		msg, ms(s.Now()), ref.Job, ref.Shard); err != nil {
		return batchErr("sqlite.FailBatchShard", "cannot mark the shard failed", err)
	}
	return nil
}

// ReclaimBatchShards takes back shards whose lease ran out and enqueues
// them again.
func (s *Store) ReclaimBatchShards(ctx context.Context, enqueue tripline.BatchEnqueue) (n int, err error) {
	const op = "sqlite.ReclaimBatchShards"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	defer func() {
		if err != nil || n == 0 {
			tx.Rollback()
		}
	}()
	rows, err := tx.QueryContext(ctx, `UPDATE batch_shards SET state = 'pending', owner = NULL, lease_until = NULL, takeovers = takeovers + 1
		WHERE state = 'running' AND lease_until < ? RETURNING job_id, shard, takeovers`, ms(s.Now()))
	if err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	var refs []tripline.BatchShardRef
	for rows.Next() {
		var r tripline.BatchShardRef
		if err = rows.Scan(&r.Job, &r.Shard, &r.Generation); err != nil {
			rows.Close()
			return 0, batchErr(op, "cannot take back shards", err)
		}
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
	if err = tx.Commit(); err != nil {
		return 0, batchErr(op, "cannot take back shards", err)
	}
	return len(refs), nil
}

// EachBatchResult calls fn with the job's results in row order.
func (s *Store) EachBatchResult(ctx context.Context, job int64, fn func(row int64, line []byte) error) error {
	const op = "sqlite.EachBatchResult"
	rows, err := s.db.QueryContext(ctx, `SELECT row_no, line FROM batch_results WHERE job_id = ? ORDER BY row_no`, job)
	if err != nil {
		return batchErr(op, "cannot read the results", err)
	}
	defer rows.Close()
	var line sql.RawBytes
	for rows.Next() {
		var row int64
		if err := rows.Scan(&row, &line); err != nil {
			return batchErr(op, "cannot read the results", err)
		}
		if err := fn(row, line); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return batchErr(op, "cannot read the results", err)
	}
	return nil
}
