package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/pgtest"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

// store is what the tests need of a store.
type store interface {
	tripline.Store
	tripline.EventLog
	Close() error
}

// stores are the two stores the queue runs on; open returns a new, empty
// database and opens returns a second handle on the same one (another
// process, as far as River can tell).
var stores = []struct {
	name string
	open func(t *testing.T) (s store, again func(t *testing.T) store)
}{
	{"sqlite", func(t *testing.T) (store, func(t *testing.T) store) {
		path := filepath.Join(t.TempDir(), "t.db")
		o := func(t *testing.T) store {
			s, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
		return o(t), o
	}},
	{"postgres", func(t *testing.T) (store, func(t *testing.T) store) {
		dsn := pgtest.Schema(t)
		o := func(t *testing.T) store {
			s, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
		return o(t), o
	}},
}

func eachStore(t *testing.T, fn func(t *testing.T, s store, again func(t *testing.T) store)) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			s, again := st.open(t)
			fn(t, s, again)
		})
	}
}

type echo struct {
	N int `json:"n"`
}

func (echo) Kind() string { return "test.echo" }

type flaky struct {
	FailTimes int  `json:"fail_times"`
	Permanent bool `json:"permanent"`
}

func (flaky) Kind() string { return "test.flaky" }

func fastConfig() jobs.Config {
	return jobs.Config{PollInterval: 50 * time.Millisecond, Queues: map[string]int{jobs.QueueDefault: 4}}
}

func mustOpen(t *testing.T, s any, cfg jobs.Config) *jobs.Queue {
	t.Helper()
	q, err := jobs.Open(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func start(t *testing.T, q *jobs.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
}

// waitFinished waits until no job of kinds is unfinished.
func waitFinished(t *testing.T, q *jobs.Queue, kinds ...string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, err := q.Count(context.Background(), kinds, jobs.Unfinished)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			list, _ := q.List(context.Background(), jobs.Filter{Kinds: kinds, States: jobs.Unfinished})
			t.Fatalf("%d jobs still unfinished after a minute: %+v", n, list)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOpenRefusesOtherStores(t *testing.T) {
	if _, err := jobs.Open(struct{}{}, jobs.Config{}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("Open(struct{}) = %v, want an Invalid error", err)
	}
}

func TestWorkListAndGet(t *testing.T) {
	eachStore(t, func(t *testing.T, s store, _ func(t *testing.T) store) {
		ctx := context.Background()
		q := mustOpen(t, s, fastConfig())
		var mu sync.Mutex
		seen := map[int]int{}
		if err := jobs.Handle(q, func(ctx context.Context, j *jobs.Job[echo]) error {
			mu.Lock()
			seen[j.Args.N]++
			mu.Unlock()
			return jobs.RecordOutput(ctx, map[string]int{"doubled": 2 * j.Args.N})
		}, jobs.WorkerOptions{}); err != nil {
			t.Fatal(err)
		}
		var items []jobs.Item
		for i := range 20 {
			items = append(items, jobs.Item{Args: echo{N: i}, Options: &jobs.EnqueueOptions{Tags: []string{fmt.Sprint("n-", i%2)}}})
		}
		res, err := q.EnqueueMany(ctx, items)
		if err != nil || len(res) != 20 {
			t.Fatalf("EnqueueMany = %v, %v", res, err)
		}
		if n, err := q.Count(ctx, []string{"test.echo"}, []jobs.State{jobs.StateAvailable}); err != nil || n != 20 {
			t.Fatalf("Count(available) before Start = %d, %v; want 20", n, err)
		}
		start(t, q)
		waitFinished(t, q)
		for i := range 20 {
			if seen[i] != 1 {
				t.Errorf("job %d worked %d times, want once", i, seen[i])
			}
		}
		done, err := q.List(ctx, jobs.Filter{States: []jobs.State{jobs.StateCompleted}, Tag: "n-1"})
		if err != nil || len(done) != 10 {
			t.Fatalf("List(completed, tag n1) = %d jobs, %v; want 10", len(done), err)
		}
		got, err := q.Get(ctx, res[3].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != jobs.StateCompleted || got.Kind != "test.echo" || got.Attempt != 1 || string(got.Output) != `{"doubled":6}` || got.FinalizedAt == nil {
			t.Errorf("Get = %+v (output %s), want a completed echo job with its output", got, got.Output)
		}
		page, err := q.List(ctx, jobs.Filter{Limit: 5, AfterID: res[9].ID})
		if err != nil || len(page) != 5 || page[0].ID != res[10].ID {
			t.Errorf("List(after job 9, 5) = %+v, %v; want jobs 10-14", page, err)
		}
		if _, err := q.Get(ctx, 1<<40); tripline.ErrorKind(err) != tripline.KindNotFound {
			t.Errorf("Get(unknown) = %v, want NotFound", err)
		}
	})
}

func TestRetriesAndPermanentFailures(t *testing.T) {
	eachStore(t, func(t *testing.T, s store, _ func(t *testing.T) store) {
		ctx := context.Background()
		q := mustOpen(t, s, fastConfig())
		err := jobs.Handle(q, func(ctx context.Context, j *jobs.Job[flaky]) error {
			if j.Args.Permanent {
				return jobs.Permanent(errors.New("cannot ever work"))
			}
			if j.Attempt <= j.Args.FailTimes {
				return fmt.Errorf("failure %d", j.Attempt)
			}
			return nil
		}, jobs.WorkerOptions{MaxAttempts: 5, Backoff: func(int) time.Duration { return 10 * time.Millisecond }})
		if err != nil {
			t.Fatal(err)
		}
		ok, _ := q.Enqueue(ctx, flaky{FailTimes: 2}, nil)
		never, _ := q.Enqueue(ctx, flaky{FailTimes: 9}, nil)
		perm, _ := q.Enqueue(ctx, flaky{Permanent: true}, nil)
		start(t, q)
		waitFinished(t, q)
		for _, tc := range []struct {
			id      int64
			state   jobs.State
			attempt int
			lastErr string
		}{
			{ok.ID, jobs.StateCompleted, 3, "failure 2"},
			{never.ID, jobs.StateDiscarded, 5, "failure 5"},
			{perm.ID, jobs.StateCancelled, 1, "JobCancelError: cannot ever work"},
		} {
			got, err := q.Get(ctx, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tc.state || got.Attempt != tc.attempt || got.LastError() != tc.lastErr {
				t.Errorf("job %d: state %s, attempt %d, last error %q; want %s, %d, %q", tc.id, got.State, got.Attempt, got.LastError(), tc.state, tc.attempt, tc.lastErr)
			}
		}
	})
}

func TestUniqueAndTransactionalEnqueue(t *testing.T) {
	eachStore(t, func(t *testing.T, s store, _ func(t *testing.T) store) {
		ctx := context.Background()
		q := mustOpen(t, s, fastConfig())
		if err := jobs.Handle(q, func(context.Context, *jobs.Job[echo]) error { return nil }, jobs.WorkerOptions{}); err != nil {
			t.Fatal(err)
		}
		a, err := q.Enqueue(ctx, echo{N: 1}, &jobs.EnqueueOptions{Unique: true})
		if err != nil || a.Duplicate {
			t.Fatalf("first unique Enqueue = %+v, %v", a, err)
		}
		b, err := q.Enqueue(ctx, echo{N: 1}, &jobs.EnqueueOptions{Unique: true})
		if err != nil || !b.Duplicate || b.ID != a.ID {
			t.Fatalf("second unique Enqueue = %+v, %v; want a duplicate of %d", b, err, a.ID)
		}
		if c, _ := q.Enqueue(ctx, echo{N: 2}, &jobs.EnqueueOptions{Unique: true}); c.Duplicate {
			t.Errorf("other arguments were taken for a duplicate")
		}

		// Enqueued in a transaction: there if and only if it commits.
		inTx := func(commit bool, n int) {
			var err error
			switch s := s.(type) {
			case jobs.SQLDB:
				var tx *sql.Tx
				if tx, err = s.JobsDB().BeginTx(ctx, nil); err == nil {
					_, err = q.EnqueueTx(ctx, tx, []jobs.Item{{Args: echo{N: n}}})
					if commit {
						err = errors.Join(err, tx.Commit())
					} else {
						tx.Rollback()
					}
				}
			case jobs.PgxPool:
				var tx pgx.Tx
				if tx, err = s.JobsPool().Begin(ctx); err == nil {
					_, err = q.EnqueueTx(ctx, tx, []jobs.Item{{Args: echo{N: n}}})
					if commit {
						err = errors.Join(err, tx.Commit(ctx))
					} else {
						tx.Rollback(ctx)
					}
				}
			}
			if err != nil {
				t.Fatalf("EnqueueTx: %v", err)
			}
		}
		inTx(false, 100)
		inTx(true, 101)
		all, err := q.List(ctx, jobs.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var args []string
		for _, j := range all {
			args = append(args, string(j.Args))
		}
		if fmt.Sprint(args) != `[{"n":1} {"n":2} {"n":101}]` {
			t.Errorf("jobs = %v, want n 1, 2 and the committed 101", args)
		}
		if _, err := q.EnqueueTx(ctx, "not a tx", []jobs.Item{{Args: echo{}}}); tripline.ErrorKind(err) != tripline.KindInternal {
			t.Errorf("EnqueueTx(a string) = %v, want an error", err)
		}
	})
}

func TestPeriodicJobRunsOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, s store, again func(t *testing.T) store) {
		ctx := context.Background()
		var runs atomic.Int64
		// Two processes schedule the same job; one leader enqueues it.
		for _, st := range []store{s, again(t)} {
			q := mustOpen(t, st, fastConfig())
			if err := jobs.Handle(q, func(context.Context, *jobs.Job[echo]) error { runs.Add(1); return nil }, jobs.WorkerOptions{}); err != nil {
				t.Fatal(err)
			}
			q.Every("echo-hourly", time.Hour, func() jobs.Args { return echo{N: 7} }, true)
			start(t, q)
		}
		q := mustOpen(t, s, fastConfig())
		deadline := time.Now().Add(60 * time.Second)
		for runs.Load() == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		waitFinished(t, q)
		list, err := q.List(ctx, jobs.Filter{Kinds: []string{"test.echo"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || runs.Load() != 1 {
			t.Fatalf("hourly job enqueued %d times, run %d times; want once", len(list), runs.Load())
		}
	})
}

func TestStopWaitsForRunningJobs(t *testing.T) {
	eachStore(t, func(t *testing.T, s store, _ func(t *testing.T) store) {
		ctx := context.Background()
		q := mustOpen(t, s, fastConfig())
		started, finished := make(chan struct{}), make(chan struct{})
		var once sync.Once
		err := jobs.Handle(q, func(ctx context.Context, j *jobs.Job[echo]) error {
			once.Do(func() { close(started) })
			time.Sleep(200 * time.Millisecond)
			close(finished)
			return nil
		}, jobs.WorkerOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, _ := q.Enqueue(ctx, echo{N: 1}, nil)
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		<-started
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := q.Stop(sctx); err != nil {
			t.Fatal(err)
		}
		select {
		case <-finished:
		default:
			t.Fatal("Stop returned before the running job finished")
		}
		if got, _ := q.Get(ctx, res.ID); got.State != jobs.StateCompleted {
			t.Errorf("job after a graceful stop: %s, want completed", got.State)
		}
	})
}

// TestConcurrentWritersSQLite checks River on modernc.org/sqlite with the
// store's WAL and busy timeout: two processes' workers work jobs that each
// write to the store, while imports write too; no write fails on a busy
// database and every job is worked.
func TestConcurrentWriters(t *testing.T) {
	eachStore(t, func(t *testing.T, s store, again func(t *testing.T) store) {
		ctx := context.Background()
		const n = 200
		var worked atomic.Int64
		var werr atomic.Value
		second := again(t)
		for _, st := range []store{s, second} {
			q := mustOpen(t, st, fastConfig())
			err := jobs.Handle(q, func(ctx context.Context, j *jobs.Job[echo]) error {
				if _, err := st.AppendEvents(ctx, []tripline.Event{{Type: "test.worked"}}); err != nil {
					werr.Store(err)
					return err
				}
				worked.Add(1)
				return nil
			}, jobs.WorkerOptions{})
			if err != nil {
				t.Fatal(err)
			}
			start(t, q)
		}
		q := mustOpen(t, s, fastConfig())
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range n / 4 {
					if _, err := q.Enqueue(ctx, echo{N: w*1000 + i}, nil); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				src := fmt.Sprint("src", i%2)
				if _, _, err := second.Import(ctx, storetest.Dataset(src, fmt.Sprint("h", i), storetest.Entity(src, "1", fmt.Sprint("NAME ", i)))); err != nil {
					errs <- err
					return
				}
			}
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent write failed: %v", err)
		}
		waitFinished(t, q)
		if err, _ := werr.Load().(error); err != nil {
			t.Errorf("a job's write failed (retried): %v", err)
		}
		evs, err := s.EventsAfter(ctx, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if worked.Load() < n || len(evs) < n {
			t.Errorf("worked %d jobs writing %d events, want at least %d", worked.Load(), len(evs), n)
		}
		done, _ := q.Count(ctx, nil, []jobs.State{jobs.StateCompleted})
		if done != n {
			t.Errorf("%d jobs completed, want %d", done, n)
		}
	})
}
