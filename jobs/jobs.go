// Package jobs is Tripline's durable job queue: work that must survive a
// crash or be shared by several replicas (webhook deliveries, scheduled
// list updates, rescreens, batch shards) is kept as rows in the store's own
// database and worked by the workers of any process that opens it.
//
// The queue is River (github.com/riverqueue/river) on its SQLite driver for
// the embedded store and its pgx driver for PostgreSQL; this package is the
// small API the rest of Tripline uses, so that no other package imports
// River. River's schema is migrated by the stores when they open.
//
// A job is a value of an Args type (a JSON-encodable struct with a Kind);
// Handle registers the function that works a kind. A job that returns an
// error is retried with backoff up to its attempts; one that returns
// Permanent(err) is not retried. A job running in a process that dies is
// taken over by another process once it has been running for
// Config.RescueAfter, so work must be idempotent: a job may run more than
// once, never zero times once enqueued.
package jobs

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
	"github.com/tripline/tripline"
)

// SQLDB is implemented by the SQLite store: it hands the jobs package the
// database handle River works through. Nothing else should call it.
type SQLDB interface {
	JobsDB() *sql.DB
}

// PgxPool is implemented by the PostgreSQL store: it hands the jobs
// package the connection pool River works through. Nothing else should
// call it.
type PgxPool interface {
	JobsPool() *pgxpool.Pool
}

// Args are a job's arguments: a struct encoded as JSON, whose Kind names
// the worker that handles it ("webhook.deliver", "lists.update" …).
type Args interface {
	Kind() string
}

// Config holds a queue's settings; the zero value of a field means its
// default.
type Config struct {
	// Queues maps a queue name to how many of its jobs one process works
	// at once (default: QueueDefault with 2 workers). A kind's queue is
	// chosen when it is registered with Handle.
	Queues map[string]int
	// PollInterval is how often a process looks for new jobs when it was
	// not told of one (default 1 s).
	PollInterval time.Duration
	// RescueAfter is how long a job may stay running before it is taken to
	// belong to a dead process and is tried again (default 1 h). It must
	// exceed the longest job timeout.
	RescueAfter time.Duration
	// KeepFinished is how long finished jobs stay listed (default 24 h);
	// unique jobs stay unique for that long.
	KeepFinished time.Duration
	// Logger receives River's warnings and errors (default: discarded).
	Logger *slog.Logger
}

// QueueDefault is the queue of kinds registered without one.
const QueueDefault = river.QueueDefault

// Job is one job handed to a worker.
type Job[T Args] struct {
	ID int64
	// Attempt is 1 on the first try.
	Attempt     int
	MaxAttempts int
	CreatedAt   time.Time
	Args        T
}

// WorkerOptions tune a kind's handling; the zero value means the defaults.
type WorkerOptions struct {
	// Queue the kind's jobs go to (default QueueDefault).
	Queue string
	// Timeout bounds one attempt (default 1 min; negative: none).
	Timeout time.Duration
	// MaxAttempts is how often a job is tried before it is discarded
	// (default 25).
	MaxAttempts int
	// Backoff returns the wait before the attempt after attempt (1 for the
	// first); nil means River's default (about attempt⁴ seconds).
	Backoff func(attempt int) time.Duration
}

// Queue is the job queue of one store.
type Queue struct {
	cfg     Config
	db      *sql.DB       // SQLite
	pool    *pgxpool.Pool // PostgreSQL
	workers *river.Workers
	kinds   map[string]WorkerOptions

	mu       sync.Mutex
	c        client // created on first use
	periodic []*river.PeriodicJob
	started  bool
}

// client is what this package uses of a River client, whatever its
// transaction type.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobCancel(ctx context.Context, id int64) (*rivertype.JobRow, error)
	PeriodicJobs() *river.PeriodicJobBundle
}

// Open returns the queue kept in store's database: a store that
// implements SQLDB (sqlite) or PgxPool (postgres). River's schema must be
// there, which the stores see to when they open.
func Open(store any, cfg Config) (*Queue, error) {
	q := &Queue{cfg: cfg, workers: river.NewWorkers(), kinds: map[string]WorkerOptions{}}
	switch s := store.(type) {
	case SQLDB:
		q.db = s.JobsDB()
	case PgxPool:
		q.pool = s.JobsPool()
	default:
		return nil, &tripline.Error{Op: "jobs.Open", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("this store (%T) keeps no job queue", store)}
	}
	if q.cfg.Logger == nil {
		q.cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	} else {
		q.cfg.Logger = slog.New(warnOnly{q.cfg.Logger.Handler()})
	}
	if len(q.cfg.Queues) == 0 {
		q.cfg.Queues = map[string]int{QueueDefault: 2}
	}
	return q, nil
}

// worker adapts a handler function to River's Worker.
type worker[T Args] struct {
	river.WorkerDefaults[argsOf[T]]
	fn  func(ctx context.Context, job *Job[T]) error
	opt WorkerOptions
}

// argsOf wraps an Args value so that it is a river.JobArgs whatever T's
// method set, and encodes as T does.
type argsOf[T Args] struct{ v T }

func (a argsOf[T]) Kind() string                  { return a.v.Kind() }
func (a argsOf[T]) MarshalJSON() ([]byte, error)  { return json.Marshal(a.v) }
func (a *argsOf[T]) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &a.v) }

func (w *worker[T]) Work(ctx context.Context, j *river.Job[argsOf[T]]) error {
	err := w.fn(ctx, &Job[T]{ID: j.ID, Attempt: j.Attempt, MaxAttempts: j.MaxAttempts, CreatedAt: j.CreatedAt, Args: j.Args.v})
	var p *permanentError
	if errors.As(err, &p) {
		return river.JobCancel(p.err)
	}
	return err
}

func (w *worker[T]) Timeout(*river.Job[argsOf[T]]) time.Duration {
	if w.opt.Timeout == 0 {
		return time.Minute
	}
	return w.opt.Timeout
}

func (w *worker[T]) NextRetry(j *river.Job[argsOf[T]]) time.Time {
	if w.opt.Backoff == nil {
		return time.Time{}
	}
	return time.Now().Add(w.opt.Backoff(j.Attempt))
}

// Handle registers fn as the worker of kind T's jobs. Register every kind
// before the queue is first used (Start, Enqueue, List …).
func Handle[T Args](q *Queue, fn func(ctx context.Context, job *Job[T]) error, opt WorkerOptions) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero T
	kind := zero.Kind()
	if q.c != nil {
		return &tripline.Error{Op: "jobs.Handle", Kind: tripline.KindInternal, Msg: "job kind " + kind + " registered after the queue was first used"}
	}
	if opt.Queue == "" {
		opt.Queue = QueueDefault
	}
	if _, ok := q.cfg.Queues[opt.Queue]; !ok {
		return &tripline.Error{Op: "jobs.Handle", Kind: tripline.KindInternal, Msg: fmt.Sprintf("job kind %s names queue %q, which is not configured", kind, opt.Queue)}
	}
	rescue := q.cfg.RescueAfter
	if rescue == 0 {
		rescue = time.Hour
	}
	if opt.Timeout >= rescue || (opt.Timeout == 0 && time.Minute >= rescue) {
		return &tripline.Error{Op: "jobs.Handle", Kind: tripline.KindInternal, Msg: fmt.Sprintf("job kind %s may run longer than Config.RescueAfter (%s): it would be taken over while still running", kind, rescue)}
	}
	if err := river.AddWorkerSafely(q.workers, &worker[T]{fn: fn, opt: opt}); err != nil {
		return &tripline.Error{Op: "jobs.Handle", Kind: tripline.KindInternal, Msg: "cannot register job kind " + kind, Err: err}
	}
	q.kinds[kind] = opt
	return nil
}

// Permanent marks err as a failure that retrying cannot mend: the job is
// cancelled with err recorded, and not tried again.
func Permanent(err error) error { return &permanentError{err} }

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// RecordOutput stores v (JSON-encoded) as the result of the job being
// worked; call it from a worker. It is kept with the job and shown by
// Get.
func RecordOutput(ctx context.Context, v any) error { return river.RecordOutput(ctx, v) }

// client returns the River client, creating it on first use.
func (q *Queue) client() (client, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.c != nil {
		return q.c, nil
	}
	queues := map[string]river.QueueConfig{}
	for name, n := range q.cfg.Queues {
		queues[name] = river.QueueConfig{MaxWorkers: max(n, 1)}
	}
	rc := &river.Config{
		Logger:                      q.cfg.Logger,
		FetchPollInterval:           q.cfg.PollInterval,
		RescueStuckJobsAfter:        q.cfg.RescueAfter,
		CompletedJobRetentionPeriod: q.cfg.KeepFinished,
		CancelledJobRetentionPeriod: q.cfg.KeepFinished,
		DiscardedJobRetentionPeriod: q.cfg.KeepFinished,
		Workers:                     q.workers,
		Queues:                      queues,
		PeriodicJobs:                q.periodic,
		// A process enqueues kinds that others work (a CLI submits batch
		// shards that only servers screen).
		SkipUnknownJobCheck: true,
	}
	if len(q.kinds) == 0 {
		// No workers: a queue that only enqueues and lists.
		rc.Workers, rc.Queues = nil, nil
	}
	if rc.RescueStuckJobsAfter == 0 {
		rc.RescueStuckJobsAfter = time.Hour
	}
	// Kinds have their own timeouts (WorkerOptions.Timeout); River wants
	// its default below the rescue delay.
	rc.JobTimeout = min(time.Minute, rc.RescueStuckJobsAfter)
	if rc.FetchPollInterval == 0 {
		rc.FetchPollInterval = time.Second
	}
	// River refuses a fetch cooldown above the poll interval.
	rc.FetchCooldown = min(100*time.Millisecond, rc.FetchPollInterval)
	var err error
	if q.db != nil {
		q.c, err = river.NewClient(riversqlite.New(q.db), rc)
	} else {
		q.c, err = river.NewClient(riverpgxv5.New(q.pool), rc)
	}
	if err != nil {
		q.c = nil
		return nil, &tripline.Error{Op: "jobs.Open", Kind: tripline.KindInternal, Msg: "cannot set up the job queue", Err: err}
	}
	return q.c, nil
}

// Every schedules args to be enqueued every interval by one process of
// the deployment (the elected leader): id names the schedule, and at most
// one job of it is enqueued per interval even while leadership moves.
// runOnStart also enqueues one when the leader starts. Call before Start.
func (q *Queue) Every(id string, interval time.Duration, args func() Args, runOnStart bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	pj := river.NewPeriodicJob(river.PeriodicInterval(interval), func() (river.JobArgs, *river.InsertOpts) {
		a := args()
		opts := q.insertOpts(a.Kind(), &EnqueueOptions{UniquePeriod: interval})
		return a, opts
	}, &river.PeriodicJobOpts{ID: id, RunOnStart: runOnStart})
	if q.c != nil {
		q.c.PeriodicJobs().Add(pj)
		return
	}
	q.periodic = append(q.periodic, pj)
}

// Start starts this process's workers; they run until Stop.
func (q *Queue) Start(ctx context.Context) error {
	c, err := q.client()
	if err != nil {
		return err
	}
	if err := c.Start(ctx); err != nil {
		return &tripline.Error{Op: "jobs.Start", Kind: tripline.KindInternal, Msg: "cannot start the job workers", Err: err}
	}
	q.mu.Lock()
	q.started = true
	q.mu.Unlock()
	return nil
}

// Stop stops taking jobs and waits for the running ones to finish until
// ctx ends; then it cancels them (they are tried again later, by this
// process or another) and returns once they have returned.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	c, started := q.c, q.started
	q.started = false
	q.mu.Unlock()
	if !started {
		return nil
	}
	err := c.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err = c.StopAndCancel(hard)
	}
	if err != nil {
		return &tripline.Error{Op: "jobs.Stop", Kind: tripline.KindInternal, Msg: "the job workers did not stop cleanly", Err: err}
	}
	return nil
}

// EnqueueOptions tune one job; the zero value means the kind's defaults.
type EnqueueOptions struct {
	// At schedules the job for later (zero: now).
	At time.Time
	// Unique: a job with the same kind and arguments enqueued while one is
	// kept (pending, running or finished within Config.KeepFinished) is
	// not added again; the result names the existing one.
	Unique bool
	// UniquePeriod: at most one job of the kind per period (with Unique:
	// per period and arguments).
	UniquePeriod time.Duration
	// Tags label the job for listing (List's Tag filter).
	Tags []string
	// Queue puts the job in this queue instead of its kind's (for a kind
	// this process does not work: Handle was not called for it here).
	Queue string
	// MaxAttempts overrides the kind's attempts (default 25).
	MaxAttempts int
}

func (q *Queue) insertOpts(kind string, o *EnqueueOptions) *river.InsertOpts {
	wo := q.kinds[kind]
	opts := &river.InsertOpts{Queue: wo.Queue, MaxAttempts: wo.MaxAttempts}
	if o == nil {
		return opts
	}
	opts.ScheduledAt = o.At
	opts.Tags = o.Tags
	if o.Queue != "" {
		opts.Queue = o.Queue
	}
	if o.MaxAttempts > 0 {
		opts.MaxAttempts = o.MaxAttempts
	}
	if o.Unique || o.UniquePeriod > 0 {
		opts.UniqueOpts = river.UniqueOpts{ByArgs: o.Unique, ByPeriod: o.UniquePeriod, ByState: uniqueStates}
	}
	return opts
}

// uniqueStates are the states in which a job blocks a duplicate: all of
// them, so that a finished job is not redone while it is kept.
var uniqueStates = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled, rivertype.JobStateCompleted,
	rivertype.JobStateCancelled, rivertype.JobStateDiscarded,
}

// Enqueued is the outcome of enqueueing one job.
type Enqueued struct {
	ID int64
	// Duplicate: a unique job was already there; ID is that job's.
	Duplicate bool
}

// Enqueue adds one job.
func (q *Queue) Enqueue(ctx context.Context, args Args, opts *EnqueueOptions) (Enqueued, error) {
	out, err := q.EnqueueMany(ctx, []Item{{Args: args, Options: opts}})
	if err != nil {
		return Enqueued{}, err
	}
	return out[0], nil
}

// Item is one job of EnqueueMany.
type Item struct {
	Args    Args
	Options *EnqueueOptions
}

// EnqueueMany adds jobs in one transaction: all or none.
func (q *Queue) EnqueueMany(ctx context.Context, items []Item) ([]Enqueued, error) {
	return q.enqueue(ctx, nil, items)
}

// EnqueueTx adds jobs inside tx, a transaction of the store's database
// (*sql.Tx for SQLite, pgx.Tx for PostgreSQL), so that they exist if and
// only if the caller's change commits.
func (q *Queue) EnqueueTx(ctx context.Context, tx any, items []Item) ([]Enqueued, error) {
	if tx == nil {
		return nil, &tripline.Error{Op: "jobs.EnqueueTx", Kind: tripline.KindInternal, Msg: "no transaction given"}
	}
	return q.enqueue(ctx, tx, items)
}

func (q *Queue) enqueue(ctx context.Context, tx any, items []Item) ([]Enqueued, error) {
	const op = "jobs.Enqueue"
	if len(items) == 0 {
		return nil, nil
	}
	c, err := q.client()
	if err != nil {
		return nil, err
	}
	params := make([]river.InsertManyParams, len(items))
	for i, it := range items {
		params[i] = river.InsertManyParams{Args: it.Args, InsertOpts: q.insertOpts(it.Args.Kind(), it.Options)}
	}
	var res []*rivertype.JobInsertResult
	switch t := tx.(type) {
	case nil:
		res, err = c.InsertMany(ctx, params)
	case *sql.Tx:
		rc, ok := c.(*river.Client[*sql.Tx])
		if !ok {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "a SQLite transaction given to a PostgreSQL queue"}
		}
		res, err = rc.InsertManyTx(ctx, t, params)
	case pgx.Tx:
		rc, ok := c.(*river.Client[pgx.Tx])
		if !ok {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "a PostgreSQL transaction given to a SQLite queue"}
		}
		res, err = rc.InsertManyTx(ctx, t, params)
	default:
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: fmt.Sprintf("not a transaction of the store: %T", tx)}
	}
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot enqueue the job", Err: err}
	}
	out := make([]Enqueued, len(res))
	for i, r := range res {
		out[i] = Enqueued{ID: r.Job.ID, Duplicate: r.UniqueSkippedAsDuplicate}
	}
	return out, nil
}

// State is where a job stands.
type State string

// The states of a job. Pending, Scheduled, Available, Running and
// Retryable jobs are not finished; Completed, Cancelled and Discarded are.
const (
	StatePending   State = State(rivertype.JobStatePending)
	StateScheduled State = State(rivertype.JobStateScheduled)
	StateAvailable State = State(rivertype.JobStateAvailable)
	StateRunning   State = State(rivertype.JobStateRunning)
	StateRetryable State = State(rivertype.JobStateRetryable)
	StateCompleted State = State(rivertype.JobStateCompleted)
	StateCancelled State = State(rivertype.JobStateCancelled)
	StateDiscarded State = State(rivertype.JobStateDiscarded)
)

// Unfinished are the states of jobs that will still run.
var Unfinished = []State{StatePending, StateScheduled, StateAvailable, StateRunning, StateRetryable}

// Info is a job as listed.
type Info struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	Queue       string          `json:"queue"`
	State       State           `json:"state"`
	Attempt     int             `json:"attempt"`
	MaxAttempts int             `json:"max_attempts"`
	Args        json.RawMessage `json:"args"`
	Tags        []string        `json:"tags,omitempty"`
	CreatedAt   time.Time       `json:"created_at"`
	// ScheduledAt is when the job runs next (or ran last).
	ScheduledAt time.Time  `json:"scheduled_at"`
	AttemptedAt *time.Time `json:"attempted_at,omitempty"`
	FinalizedAt *time.Time `json:"finalized_at,omitempty"`
	// Errors are the failed attempts' errors, oldest first.
	Errors []AttemptError `json:"errors,omitempty"`
	// Output is what the worker recorded with RecordOutput.
	Output json.RawMessage `json:"output,omitempty"`
}

// LastError is the error of the latest failed attempt, or "".
func (i Info) LastError() string {
	if len(i.Errors) == 0 {
		return ""
	}
	return i.Errors[len(i.Errors)-1].Error
}

// AttemptError is the error of one failed attempt.
type AttemptError struct {
	Attempt int       `json:"attempt"`
	At      time.Time `json:"at"`
	Error   string    `json:"error"`
}

func info(r *rivertype.JobRow) Info {
	i := Info{
		ID: r.ID, Kind: r.Kind, Queue: r.Queue, State: State(r.State), Attempt: r.Attempt, MaxAttempts: r.MaxAttempts,
		Args: compact(r.EncodedArgs), Tags: r.Tags, CreatedAt: r.CreatedAt.UTC(), ScheduledAt: r.ScheduledAt.UTC(),
		AttemptedAt: r.AttemptedAt, FinalizedAt: r.FinalizedAt,
	}
	for _, e := range r.Errors {
		i.Errors = append(i.Errors, AttemptError{Attempt: e.Attempt, At: e.At.UTC(), Error: e.Error})
	}
	if out := r.Output(); len(out) > 0 {
		i.Output = compact(out)
	}
	return i
}

// compact returns b without insignificant space (PostgreSQL's jsonb adds
// some), so both stores list the same bytes.
func compact(b []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return json.RawMessage(b)
	}
	return buf.Bytes()
}

// Get returns one job.
func (q *Queue) Get(ctx context.Context, id int64) (Info, error) {
	c, err := q.client()
	if err != nil {
		return Info{}, err
	}
	r, err := c.JobGet(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return Info{}, &tripline.Error{Op: "jobs.Get", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no job %d (finished jobs are kept for a day)", id)}
	}
	if err != nil {
		return Info{}, &tripline.Error{Op: "jobs.Get", Kind: tripline.KindInternal, Msg: "cannot read the job", Err: err}
	}
	return info(r), nil
}

// Filter selects jobs to list; empty fields select all.
type Filter struct {
	Kinds  []string
	States []State
	// Tag selects jobs carrying this tag.
	Tag string
	// Limit caps the jobs returned (default 100, at most 10,000).
	Limit int
	// AfterID lists jobs with a greater id only (paging).
	AfterID int64
}

// List returns jobs matching f, oldest (lowest id) first.
func (q *Queue) List(ctx context.Context, f Filter) ([]Info, error) {
	c, err := q.client()
	if err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 10000)
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderAsc).First(limit)
	if len(f.Kinds) > 0 {
		p = p.Kinds(f.Kinds...)
	}
	states := f.States
	if len(states) == 0 {
		states = append(slices.Clone(Unfinished), StateCompleted, StateCancelled, StateDiscarded)
	}
	rs := make([]rivertype.JobState, len(states))
	for i, s := range states {
		rs[i] = rivertype.JobState(s)
	}
	p = p.States(rs...)
	if f.Tag != "" {
		p = p.TagsAny(f.Tag)
	}
	if f.AfterID > 0 {
		p = p.Where("id > @after_id", river.NamedArgs{"after_id": f.AfterID})
	}
	res, err := c.JobList(ctx, p)
	if err != nil {
		return nil, &tripline.Error{Op: "jobs.List", Kind: tripline.KindInternal, Msg: "cannot list the jobs", Err: err}
	}
	out := make([]Info, len(res.Jobs))
	for i, r := range res.Jobs {
		out[i] = info(r)
	}
	return out, nil
}

// Cancel cancels a job that has not finished; a running one is told to
// stop. Cancelling a finished job changes nothing.
func (q *Queue) Cancel(ctx context.Context, id int64) (Info, error) {
	c, err := q.client()
	if err != nil {
		return Info{}, err
	}
	r, err := c.JobCancel(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return Info{}, &tripline.Error{Op: "jobs.Cancel", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no job %d", id)}
	}
	if err != nil {
		return Info{}, &tripline.Error{Op: "jobs.Cancel", Kind: tripline.KindInternal, Msg: "cannot cancel the job", Err: err}
	}
	return info(r), nil
}

// Count returns how many jobs of kinds (all when empty) are in states.
func (q *Queue) Count(ctx context.Context, kinds []string, states []State) (int, error) {
	n, after := 0, int64(0)
	for {
		page, err := q.List(ctx, Filter{Kinds: kinds, States: states, Limit: 10000, AfterID: after})
		if err != nil {
			return 0, err
		}
		n += len(page)
		if len(page) < 10000 {
			return n, nil
		}
		after = page[len(page)-1].ID
	}
}
