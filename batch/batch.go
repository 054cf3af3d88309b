// Package batch runs batch screening as shared jobs: a file of parties is
// stored in the database in shards of rows (Submit, streamed with bounded
// memory), each shard is a job of the durable queue (package jobs) that
// any replica's workers take (Register), and each row's result line is
// stored keyed by (job, row), exactly the line "tripline screen" prints
// for it.
//
// A worker holds a lease on the shard it works and renews it; a shard
// whose lease runs out (its replica died or hung) is taken back by any
// replica's Reclaim loop and enqueued again, within about Config.Lease.
// A shard may so be worked twice, but its results are stored once: the
// store writes them in the transaction that marks the shard done, and only
// if it was not done already. River's own rescue of a dead process's jobs
// (after jobs.Config.RescueAfter) stays as a backstop; a job it rescues
// finds its shard done and does nothing.
package batch

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/jobs"
)

// Kind is the queue job kind of one shard; Queue is the queue shards go
// to (only processes that screen, "tripline serve", work it).
const (
	Kind  = "batch.shard"
	Queue = "batch"
)

// KindScreen is the batch job kind of "tripline jobs submit screen".
const KindScreen = "screen"

// Config tunes batch jobs; the zero value of a field means its default.
type Config struct {
	// ShardRows is the number of input rows in a shard (default 2,000).
	ShardRows int
	// Lease is how long a worker holds a shard without renewing it
	// (default 30 s); it renews every third of it. A shard whose lease
	// ran out is taken over.
	Lease time.Duration
	// ReclaimEvery is how often Reclaim looks for shards whose lease ran
	// out (default 5 s).
	ReclaimEvery time.Duration
	// MaxAttempts is how often a shard's job is tried before the shard,
	// and so its job, fails (default 10).
	MaxAttempts int
	// Owner names this process in leases (default host:pid).
	Owner string
	// Logger receives takeovers and failures (default: discarded).
	Logger *slog.Logger
	// OnShard, when set, is called after this process stored a shard's
	// results (for metrics).
	OnShard func(rows int, took time.Duration)
}

func (c Config) withDefaults() Config {
	if c.ShardRows <= 0 {
		c.ShardRows = 2000
	}
	if c.Lease <= 0 {
		c.Lease = 30 * time.Second
	}
	if c.ReclaimEvery <= 0 {
		c.ReclaimEvery = 5 * time.Second
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 10
	}
	if c.Owner == "" {
		host, _ := os.Hostname()
		c.Owner = host + ":" + strconv.Itoa(os.Getpid())
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// shardJob is a shard's queue job.
type shardJob tripline.BatchShardRef

func (shardJob) Kind() string { return Kind }

// enqueuer returns the store callback that enqueues shards' jobs in the
// store's transaction.
func enqueuer(q *jobs.Queue, cfg Config) tripline.BatchEnqueue {
	return func(ctx context.Context, tx any, refs []tripline.BatchShardRef) error {
		items := make([]jobs.Item, len(refs))
		for i, r := range refs {
			items[i] = jobs.Item{Args: shardJob(r), Options: &jobs.EnqueueOptions{
				Queue: Queue, MaxAttempts: cfg.MaxAttempts, Tags: []string{"batch-" + strconv.FormatInt(r.Job, 10)},
			}}
		}
		_, err := q.EnqueueTx(ctx, tx, items)
		return err
	}
}

// row is one input row as stored in a shard: the query, or why the row
// cannot be screened (Q then holds what was read of it, its id at least).
type row struct {
	Q tripline.Query `json:"q"`
	E string         `json:"e,omitempty"`
}

// encodeShard writes rows as gzip-compressed JSON lines.
func encodeShard[R any](rows []R) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	enc := json.NewEncoder(zw)
	for i := range rows {
		if err := enc.Encode(&rows[i]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeShard reads what encodeShard wrote.
func decodeShard[R any](b []byte, n int) ([]R, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(zr)
	out := make([]R, 0, n)
	for {
		var r R
		err := dec.Decode(&r)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if len(out) != n {
		return nil, fmt.Errorf("shard holds %d rows, want %d", len(out), n)
	}
	return out, nil
}

// Line is the output line (without its newline) of one screened row,
// byte for byte what "tripline screen" writes: the result with "matches"
// always an array, and the row's error when it could not be screened.
func Line(r tripline.Result, rowErr string) ([]byte, error) {
	if r.Matches == nil {
		r.Matches = []tripline.Match{}
	}
	return json.Marshal(struct {
		tripline.Result
		Error string `json:"error,omitempty"`
	}{r, rowErr})
}

// Submission is a file to screen as a batch job.
type Submission struct {
	// Input is the file's content: CSV or JSON lines, as "tripline
	// screen" reads them.
	Input io.Reader
	// Name is the file's name, for format detection and row errors.
	Name   string
	Format tabular.Format
	// Options are the screening options of every row.
	Options tripline.ScreenOptions
	// By names who submits.
	By string
	// Created, when set, is called once the job exists, before its input
	// is stored (the CLI prints the id then).
	Created func(tripline.BatchJob)
	// Kind is KindScreen (the default: Input holds parties) or KindCheck
	// (Input holds orders, as "tripline check" reads them; see check.go).
	Kind string
	// NoStore (KindCheck): decide with the stored book of orders but
	// store nothing in it.
	NoStore bool
}

// Submit stores a batch screening job: it reads the input a shard at a
// time (memory bounded by the shard size), stores each shard with its
// queue job in one transaction (so workers start on the first shards
// while the rest is read), and then marks the input complete. A row that
// cannot be screened is stored as its error, to be written in place. An
// input that cannot be read at all (an unreadable header) creates no job;
// one that breaks off midway fails the job.
func Submit(ctx context.Context, st tripline.BatchStore, q *jobs.Queue, sub Submission, cfg Config) (tripline.BatchJob, error) {
	cfg = cfg.withDefaults()
	if err := sub.Options.Validate(); err != nil {
		return tripline.BatchJob{}, err
	}
	name := sub.Name
	if name == "" {
		name = "input"
	}
	if sub.Kind == KindCheck {
		return submitChecks(ctx, st, q, sub, name, cfg)
	}
	if sub.Kind != "" && sub.Kind != KindScreen {
		return tripline.BatchJob{}, tripline.Errorf(tripline.KindInvalid, "unknown batch job kind %q (want screen or check)", sub.Kind)
	}
	qr, err := tabular.NewQueryReader(sub.Input, name, sub.Format)
	if err != nil {
		return tripline.BatchJob{}, err
	}
	return submitRows(ctx, st, q, sub, name, KindScreen, cfg, func() (row, bool, error) {
		qy, err := qr.Next()
		if err != nil && !errors.Is(err, io.EOF) && tabular.IsRowError(err) {
			return row{Q: qy, E: err.Error()}, true, nil
		}
		return row{Q: qy}, false, err
	})
}

// submitRows stores a job of kind with the rows next returns (bad: the
// row cannot be worked; io.EOF at the end), a shard at a time.
func submitRows[R any](ctx context.Context, st tripline.BatchStore, q *jobs.Queue, sub Submission, name, kind string, cfg Config, next func() (R, bool, error)) (tripline.BatchJob, error) {
	j, err := st.CreateBatch(ctx, tripline.BatchJob{Kind: kind, Input: name, Options: sub.Options, CreatedBy: sub.By})
	if err != nil {
		return j, err
	}
	if sub.Created != nil {
		sub.Created(j)
	}
	enqueue := enqueuer(q, cfg)
	var total, bad int64
	shard := 0
	rows := make([]R, 0, cfg.ShardRows)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		b, err := encodeShard(rows)
		if err != nil {
			return &tripline.Error{Op: "batch.Submit", Kind: tripline.KindInternal, Msg: "cannot encode a shard", Err: err}
		}
		sh := tripline.BatchShard{Job: j.ID, Shard: shard, FirstRow: total - int64(len(rows)), Rows: len(rows), Input: b}
		if err := st.AddBatchShards(ctx, j.ID, []tripline.BatchShard{sh}, enqueue); err != nil {
			return err
		}
		shard++
		rows = rows[:0]
		return nil
	}
	fail := func(err error) (tripline.BatchJob, error) {
		msg := "the input could not be stored: " + tripline.ErrorMessage(err)
		if ctx.Err() != nil {
			msg = "the submission was interrupted before its input was stored"
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if fj, ferr := st.CloseBatchInput(cctx, j.ID, total, bad, msg); ferr == nil {
			j = fj
		}
		return j, err
	}
	for {
		r, isBad, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(err)
		}
		if isBad {
			bad++
		}
		rows = append(rows, r)
		total++
		if len(rows) == cfg.ShardRows {
			if err := flush(); err != nil {
				return fail(err)
			}
		}
	}
	if err := flush(); err != nil {
		return fail(err)
	}
	return st.CloseBatchInput(ctx, j.ID, total, bad, "")
}

// ScreenerFunc returns the index to screen a shard on, waiting (until ctx
// ends) while none is loaded.
type ScreenerFunc func(ctx context.Context) (tripline.Screener, error)

// Worker works shards in this process.
type Worker struct {
	st       tripline.BatchStore
	q        *jobs.Queue
	cfg      Config
	screener ScreenerFunc
	checker  Checker
}

// Register registers the shard workers of this process with q, whose
// Config.Queues must include Queue; they screen on screener's index.
func Register(q *jobs.Queue, st tripline.BatchStore, screener ScreenerFunc, cfg Config) (*Worker, error) {
	w := &Worker{st: st, q: q, cfg: cfg.withDefaults(), screener: screener}
	err := jobs.Handle(q, w.work, jobs.WorkerOptions{
		Queue: Queue, Timeout: 10 * time.Minute, MaxAttempts: w.cfg.MaxAttempts,
		Backoff: func(attempt int) time.Duration { return time.Duration(min(attempt, 30)) * time.Second },
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// Enqueue returns the callback that enqueues shards through this worker's
// queue (for Submit in the same process and for tests).
func (w *Worker) Enqueue() tripline.BatchEnqueue { return enqueuer(w.q, w.cfg) }

func (w *Worker) work(ctx context.Context, j *jobs.Job[shardJob]) error {
	ref := tripline.BatchShardRef(j.Args)
	owner := w.cfg.Owner + "/" + strconv.FormatInt(j.ID, 10)
	start := time.Now()
	sh, opt, ok, err := w.st.ClaimBatchShard(ctx, ref, owner, w.cfg.Lease)
	if err != nil || !ok {
		// Not ok: done already, failed, cancelled, or leased by a live
		// worker (which finishes it, or loses its lease and the shard is
		// taken back and enqueued again).
		return err
	}
	// Renew the lease while working.
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(w.cfg.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-wctx.Done():
				return
			case <-t.C:
				held, err := w.st.RenewBatchShard(wctx, ref, owner, w.cfg.Lease)
				if err == nil && !held {
					w.cfg.Logger.Warn("batch shard taken over while still working; the first to finish stores it", "job", ref.Job, "shard", ref.Shard)
				}
			}
		}
	}()
	defer func() { stop(); wg.Wait() }()

	fail := func(err error) error {
		msg := fmt.Sprintf("shard %d (rows %d-%d): %s", ref.Shard, sh.FirstRow+1, sh.FirstRow+int64(sh.Rows), tripline.ErrorMessage(err))
		w.cfg.Logger.Error("batch shard failed", "job", ref.Job, "shard", ref.Shard, "err", err)
		if ferr := w.st.FailBatchShard(context.WithoutCancel(ctx), ref, msg); ferr != nil {
			return ferr
		}
		return jobs.Permanent(err)
	}
	bj, err := w.st.BatchJob(wctx, ref.Job)
	if err != nil {
		return err
	}
	if bj.Kind == KindCheck {
		results, err := w.checkShard(wctx, sh)
		if err != nil {
			if perm, ok := err.(permanentError); ok || j.Attempt >= j.MaxAttempts {
				if ok {
					err = perm.error
				}
				return fail(err)
			}
			return err
		}
		return w.complete(ctx, ref, results, start, sh.Rows)
	}
	rows, err := decodeShard[row](sh.Input, sh.Rows)
	if err != nil {
		return fail(&tripline.Error{Op: "batch", Kind: tripline.KindInternal, Msg: "the stored shard cannot be read", Err: err})
	}
	sc, err := w.screener(wctx)
	if err != nil {
		return err
	}
	qs := make([]tripline.Query, 0, len(rows))
	for _, r := range rows {
		if r.E == "" {
			qs = append(qs, r.Q)
		}
	}
	var res []tripline.Result
	if len(qs) > 0 {
		res, err = sc.Screen(wctx, qs, opt)
		if err != nil {
			switch k := tripline.ErrorKind(err); {
			case k == tripline.KindInvalid || k == tripline.KindTooLarge:
				return fail(err)
			case j.Attempt >= j.MaxAttempts:
				return fail(err)
			}
			return err
		}
	}
	results := make([]tripline.BatchResult, len(rows))
	k := 0
	for i, r := range rows {
		var out tripline.Result
		if r.E != "" {
			out = tripline.Result{ID: r.Q.ID}
		} else {
			out = res[k]
			k++
		}
		b, err := Line(out, r.E)
		if err != nil {
			return fail(&tripline.Error{Op: "batch", Kind: tripline.KindInternal, Msg: "cannot encode a result", Err: err})
		}
		results[i] = tripline.BatchResult{Row: sh.FirstRow + int64(i), Line: b}
	}
	return w.complete(ctx, ref, results, start, len(rows))
}

// complete stores a shard's results (once: a shard done already is left
// as it is).
func (w *Worker) complete(ctx context.Context, ref tripline.BatchShardRef, results []tripline.BatchResult, start time.Time, rows int) error {
	stored, err := w.st.CompleteBatchShard(ctx, ref, results)
	if err != nil {
		return err
	}
	if stored && w.cfg.OnShard != nil {
		w.cfg.OnShard(rows, time.Since(start))
	}
	return nil
}

// Reclaim takes back, every Config.ReclaimEvery until ctx ends, the shards
// whose lease ran out, and enqueues them again. Every replica runs it; each
// shard is taken back by one.
func (w *Worker) Reclaim(ctx context.Context) {
	t := time.NewTicker(w.cfg.ReclaimEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := w.st.ReclaimBatchShards(ctx, w.Enqueue())
			if err != nil && ctx.Err() == nil {
				w.cfg.Logger.Warn("cannot take back batch shards (will try again)", "err", err)
			}
			if n > 0 {
				w.cfg.Logger.Info("batch shards taken over from a worker that stopped", "shards", n)
			}
		}
	}
}

// Results writes the result lines of a completed job to out, one a line in
// input order. A job that is not completed is a Conflict error that says
// where it stands.
func Results(ctx context.Context, st tripline.BatchStore, id int64, out io.Writer) error {
	j, err := st.BatchJob(ctx, id)
	if err != nil {
		return err
	}
	if j.State != tripline.BatchCompleted {
		msg := fmt.Sprintf("batch job %d is %s (%d of %d shards done)", id, j.State, j.ShardsDone, j.ShardsTotal)
		if j.Error != "" {
			msg += ": " + j.Error
		}
		return &tripline.Error{Op: "batch.Results", Kind: tripline.KindConflict, Msg: msg + "; results are given once it has completed"}
	}
	next := int64(0)
	nl := []byte{'\n'}
	err = st.EachBatchResult(ctx, id, func(row int64, line []byte) error {
		if row != next {
			return &tripline.Error{Op: "batch.Results", Kind: tripline.KindInternal, Msg: fmt.Sprintf("batch job %d: the result of row %d is missing", id, next+1)}
		}
		next++
		if _, err := out.Write(line); err != nil {
			return err
		}
		_, err := out.Write(nl)
		return err
	})
	if err != nil {
		return err
	}
	if next != j.RowsTotal {
		return &tripline.Error{Op: "batch.Results", Kind: tripline.KindInternal, Msg: fmt.Sprintf("batch job %d: %d results stored for %d rows", id, next, j.RowsTotal)}
	}
	return nil
}
