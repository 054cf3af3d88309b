package tripline

import (
	"context"
	"time"
)

// A batch job screens a whole file of parties in the background: its input
// is stored in the database in shards of rows, each shard is a job of the
// durable queue that any replica's workers take, and every row's result is
// stored keyed by (job, row), so that a shard worked twice (after a
// takeover) writes each row once. "tripline jobs" and /v1/jobs use it.

// BatchState is where a batch job stands.
type BatchState string

// The states of a batch job, derived from its shards: receiving (its input
// is still being stored), queued (no shard started), running, completed
// (every shard done), failed (a shard failed for good, or the input could
// not be read), cancelled.
const (
	BatchReceiving BatchState = "receiving"
	BatchQueued    BatchState = "queued"
	BatchRunning   BatchState = "running"
	BatchCompleted BatchState = "completed"
	BatchFailed    BatchState = "failed"
	BatchCancelled BatchState = "cancelled"
)

// Finished reports whether a job in state s will change no more.
func (s BatchState) Finished() bool {
	return s == BatchCompleted || s == BatchFailed || s == BatchCancelled
}

// BatchJob is a batch job with its progress.
type BatchJob struct {
	ID int64 `json:"id"`
	// Kind is what the job does: "screen".
	Kind  string     `json:"kind"`
	State BatchState `json:"state"`
	// Input names the submitted file (as given, or "stdin").
	Input   string        `json:"input"`
	Options ScreenOptions `json:"options"`
	// CreatedBy names who submitted it.
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// ShardsTotal and RowsTotal are known once the input is stored (while
	// receiving, the shards stored so far).
	ShardsTotal int   `json:"shards_total"`
	ShardsDone  int   `json:"shards_done"`
	RowsTotal   int64 `json:"rows_total"`
	RowsDone    int64 `json:"rows_done"`
	// BadRows counts the input rows that cannot be screened (their result
	// line carries the error, as "tripline screen" writes it).
	BadRows int64 `json:"bad_rows"`
	// Takeovers counts the shards taken over from a worker that stopped
	// renewing its lease (a replica that died or hung).
	Takeovers int `json:"takeovers"`
	// StartedAt is when the first shard was taken; FinishedAt when the
	// job finished.
	StartedAt  *time.Time `json:"started_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	// RowsPerSecond is RowsDone over the time since StartedAt (until
	// FinishedAt once finished).
	RowsPerSecond float64 `json:"rows_per_second"`
	// Error says why the job failed or was cancelled.
	Error string `json:"error,omitempty"`
}

// Progress fills in the derived fields of j (State, RowsPerSecond) from
// its counts; the stores call it so that both derive them alike. shardsFailed
// counts shards failed for good, running those held by a worker, and
// inputDone says whether the input is completely stored.
func (j *BatchJob) Progress(inputDone, cancelled bool, shardsFailed, running int, lastDone *time.Time, now time.Time) {
	switch {
	case cancelled:
		j.State = BatchCancelled
	case j.Error != "" || shardsFailed > 0:
		j.State = BatchFailed
	case !inputDone:
		j.State = BatchReceiving
	case j.ShardsDone == j.ShardsTotal:
		j.State = BatchCompleted
	case j.ShardsDone > 0 || running > 0:
		j.State = BatchRunning
	default:
		j.State = BatchQueued
	}
	if j.State == BatchCompleted && lastDone != nil {
		t := lastDone.UTC()
		j.FinishedAt = &t
	}
	if j.StartedAt != nil && j.RowsDone > 0 {
		end := now
		if j.FinishedAt != nil {
			end = *j.FinishedAt
		} else if lastDone != nil && j.State.Finished() {
			end = *lastDone
		}
		if d := end.Sub(*j.StartedAt).Seconds(); d > 0 {
			j.RowsPerSecond = float64(j.RowsDone) / d
		}
	}
}

// BatchShard is a run of consecutive input rows of a batch job.
type BatchShard struct {
	Job   int64
	Shard int
	// FirstRow is the input position (0-based) of the shard's first row.
	FirstRow int64
	Rows     int
	// Input is the shard's rows, encoded by the batch package (opaque to
	// the stores).
	Input []byte
	// Attempt counts the times the shard was taken (1 on the first).
	Attempt int
}

// BatchShardRef names a shard to work; Generation is 0 for the shard's
// first job and counts its takeovers, so that each job of a shard is
// distinct.
type BatchShardRef struct {
	Job        int64 `json:"job"`
	Shard      int   `json:"shard"`
	Generation int   `json:"gen,omitempty"`
}

// BatchResult is the result line of one input row.
type BatchResult struct {
	Row  int64
	Line []byte
}

// BatchEnqueue is called inside the store transaction that adds shards or
// takes them over, so that their queue jobs exist if and only if the
// change commits: tx is the store's transaction (*sql.Tx for SQLite,
// pgx.Tx for PostgreSQL), for jobs.Queue.EnqueueTx.
type BatchEnqueue func(ctx context.Context, tx any, shards []BatchShardRef) error

// BatchFilter selects batch jobs to list, newest first.
type BatchFilter struct {
	// Limit caps the jobs returned (default 100).
	Limit int
	// BeforeID lists jobs with a smaller id only (paging).
	BeforeID int64
}

// BatchStore keeps batch jobs, their shards and results.
type BatchStore interface {
	// CreateBatch stores a new job (Kind, Input, Options, CreatedBy) in
	// state receiving and returns it with its id.
	CreateBatch(ctx context.Context, j BatchJob) (BatchJob, error)
	// AddBatchShards stores shards of job and calls enqueue with them in
	// the same transaction.
	AddBatchShards(ctx context.Context, job int64, shards []BatchShard, enqueue BatchEnqueue) error
	// CloseBatchInput records that the job's input is completely stored
	// (rows in all, bad of them unusable); a non-empty inputErr fails the
	// job instead (the input could not be read).
	CloseBatchInput(ctx context.Context, job int64, rows, bad int64, inputErr string) (BatchJob, error)
	// BatchJob returns a job with its progress; NotFound if there is none.
	BatchJob(ctx context.Context, id int64) (BatchJob, error)
	// BatchJobs lists jobs, newest first.
	BatchJobs(ctx context.Context, f BatchFilter) ([]BatchJob, error)
	// CancelBatch cancels an unfinished job: its shards not yet done are
	// not worked. Cancelling a finished job changes nothing.
	CancelBatch(ctx context.Context, id int64, reason string) (BatchJob, error)
	// DeleteBatch removes a finished job with its shards and results.
	DeleteBatch(ctx context.Context, id int64) error
	// ClaimBatchShard gives the shard to owner for lease: it returns the
	// shard with its input and the job's options, or ok false when the
	// shard is done or failed, its job cancelled or gone, or another
	// owner's lease on it has not run out.
	ClaimBatchShard(ctx context.Context, ref BatchShardRef, owner string, lease time.Duration) (sh BatchShard, opt ScreenOptions, ok bool, err error)
	// RenewBatchShard extends owner's lease; false when owner no longer
	// holds the shard.
	RenewBatchShard(ctx context.Context, ref BatchShardRef, owner string, lease time.Duration) (bool, error)
	// CompleteBatchShard stores the results of a shard and marks it done,
	// in one transaction; when the shard is already done (another worker
	// finished it first) it writes nothing and returns false.
	CompleteBatchShard(ctx context.Context, ref BatchShardRef, results []BatchResult) (bool, error)
	// FailBatchShard marks a shard failed for good with msg, which fails
	// its job.
	FailBatchShard(ctx context.Context, ref BatchShardRef, msg string) error
	// ReclaimBatchShards takes back every shard whose lease has run out
	// (its worker died or hung) and calls enqueue with them, with their
	// new Generation, in the same transaction; it returns how many.
	ReclaimBatchShards(ctx context.Context, enqueue BatchEnqueue) (int, error)
	// EachBatchResult calls fn with every stored result of job in row
	// order, stopping at fn's first error, which it returns.
	EachBatchResult(ctx context.Context, job int64, fn func(row int64, line []byte) error) error
}

// AlertCount is how many alerts of a book are in a status (metrics).
type AlertCount struct {
	Book   string `json:"book"`
	Status string `json:"status"`
	N      int64  `json:"n"`
}
