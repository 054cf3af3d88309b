package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/internal/pgtest"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

type store interface {
	tripline.Store
	tripline.BatchStore
	Close() error
}

// databases are the stores batch jobs run on: db returns a new database's
// name, open opens a handle on it (another process would open its own).
var databases = []struct {
	name string
	db   func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "t.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Schema(t) }},
}

func open(t testing.TB, db string) store {
	t.Helper()
	var s store
	var err error
	if postgres.IsURL(db) {
		s, err = postgres.Open(context.Background(), db)
	} else {
		s, err = sqlite.Open(context.Background(), db)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// listed are the fictional listed entities of the tests.
var listed = []*tripline.Entity{
	storetest.Entity("src", "1", "ALPHA TRADING COMPANY"),
	storetest.Entity("src", "2", "BETA INDUSTRIAL GROUP"),
	storetest.Entity("src", "3", "GAMMA ELECTRONICS"),
}

func screener() *match.Screener {
	ix := match.NewIndex(match.DefaultConfig(), listed)
	ix.Snapshots = map[string]int64{"src": 1}
	return match.NewScreener(ix)
}

// input returns n CSV rows, every seventh unusable (no name), the others
// alternating listed and unlisted names.
func input(n int) string {
	var b strings.Builder
	b.WriteString("id,name,type\n")
	names := []string{"Alpha Trading Co", "Zeta Bakery", "Beta Industrial Group Ltd", "Omega Farms", "Gamma Electronics", "John Smith"}
	for i := range n {
		if i%7 == 6 {
			fmt.Fprintf(&b, "r%d,,organization\n", i)
			continue
		}
		fmt.Fprintf(&b, "r%d,%s,organization\n", i, names[i%len(names)])
	}
	return b.String()
}

// want is what "tripline screen" would print for in: each row read as
// screen reads it, screened directly, or its error in place.
func want(t *testing.T, in string) []string {
	t.Helper()
	var out []string
	sc := screener()
	qr, err := tabular.NewQueryReader(strings.NewReader(in), "input.csv", tabular.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	for {
		q, err := qr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			b, _ := batch.Line(tripline.Result{ID: q.ID}, err.Error())
			out = append(out, string(b))
			continue
		}
		res, err := sc.Screen(context.Background(), []tripline.Query{q}, tripline.ScreenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := batch.Line(res[0], "")
		out = append(out, string(b))
	}
}

func fastConfig() batch.Config {
	return batch.Config{ShardRows: 25, Lease: time.Second, ReclaimEvery: 100 * time.Millisecond}
}

func queueConfig() jobs.Config {
	return jobs.Config{PollInterval: 50 * time.Millisecond, Queues: map[string]int{jobs.QueueDefault: 1, batch.Queue: 2}}
}

// worker starts this process's shard workers on s, screening with sc.
func worker(t *testing.T, s store, sc batch.ScreenerFunc, cfg batch.Config) *jobs.Queue {
	t.Helper()
	q, err := jobs.Open(s, queueConfig())
	if err != nil {
		t.Fatal(err)
	}
	w, err := batch.Register(q, s, sc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); w.Reclaim(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
		sctx, c := context.WithTimeout(context.Background(), 10*time.Second)
		defer c()
		q.Stop(sctx)
	})
	return q
}

func submit(t *testing.T, s store, in string, cfg batch.Config) tripline.BatchJob {
	t.Helper()
	q, err := jobs.Open(s, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var created int64
	j, err := batch.Submit(context.Background(), s, q, batch.Submission{Input: strings.NewReader(in), Name: "input.csv", By: "tester",
		Created: func(j tripline.BatchJob) { created = j.ID }}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if created != j.ID || j.State == tripline.BatchReceiving {
		t.Fatalf("Submit = %+v (created %d); want the input stored", j, created)
	}
	return j
}

func waitDone(t *testing.T, s store, id int64) tripline.BatchJob {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		j, err := s.BatchJob(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State.Finished() {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job not finished after 2 minutes: %+v", j)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func results(t *testing.T, s store, id int64) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := batch.Results(context.Background(), s, id, &buf); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

func same(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d result lines, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("line %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}

func fixed(sc tripline.Screener) batch.ScreenerFunc {
	return func(context.Context) (tripline.Screener, error) { return sc, nil }
}

// TestJobScreensEveryRowOnce: two workers (two processes as far as the
// queue can tell) share a job; every row's line is the one screening it
// directly gives, once, in input order.
func TestJobScreensEveryRowOnce(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			db := d.db(t)
			s := open(t, db)
			in := input(230)
			j := submit(t, s, in, fastConfig())
			if j.ShardsTotal != 10 || j.RowsTotal != 230 || j.BadRows != 230/7 || j.State != tripline.BatchQueued {
				t.Fatalf("submitted %+v; want 10 shards of 230 rows, queued", j)
			}
			if err := batch.Results(context.Background(), s, j.ID, &bytes.Buffer{}); tripline.ErrorKind(err) != tripline.KindConflict {
				t.Errorf("Results of a queued job = %v, want Conflict", err)
			}
			worker(t, s, fixed(screener()), fastConfig())
			worker(t, open(t, db), fixed(screener()), fastConfig())
			j = waitDone(t, s, j.ID)
			if j.State != tripline.BatchCompleted || j.RowsDone != 230 || j.ShardsDone != 10 || j.RowsPerSecond <= 0 {
				t.Fatalf("finished %+v; want completed", j)
			}
			same(t, results(t, s, j.ID), want(t, in))
		})
	}
}

// TestKillDuringJob kills (SIGKILL) a worker process while it holds
// shards; another process takes them over once their lease runs out and
// the job completes with every row once.
func TestKillDuringJob(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			db := d.db(t)
			s := open(t, db)
			in := input(300)
			j := submit(t, s, in, fastConfig())
			started := filepath.Join(t.TempDir(), "started")
			cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerChild$")
			cmd.Env = append(os.Environ(), "TRIPLINE_BATCH_CHILD_DB="+db, "TRIPLINE_BATCH_CHILD_STARTED="+started)
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill it once it has stored some shards and holds others.
			deadline := time.Now().Add(time.Minute)
			for {
				cur, _ := s.BatchJob(context.Background(), j.ID)
				if _, err := os.Stat(started); err == nil && cur.ShardsDone >= 2 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the child worker did not get going: %+v", cur)
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			before, _ := s.BatchJob(context.Background(), j.ID)
			if before.State == tripline.BatchCompleted {
				t.Fatalf("the job completed before the kill: %+v", before)
			}
			worker(t, s, fixed(screener()), fastConfig())
			j = waitDone(t, s, j.ID)
			if j.State != tripline.BatchCompleted || j.Takeovers < 1 {
				t.Fatalf("after the kill: %+v; want completed with a takeover", j)
			}
			t.Logf("killed with %d of %d shards done; %d taken over", before.ShardsDone, before.ShardsTotal, j.Takeovers)
			same(t, results(t, s, j.ID), want(t, in))
		})
	}
}

// slow screens like sc, but each call hangs after the first two until
// the process is killed, so that the child dies holding shards.
type slow struct {
	sc      tripline.Screener
	calls   atomic.Int64
	started string
}

func (s *slow) Screen(ctx context.Context, qs []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	if s.calls.Add(1) > 2 {
		os.WriteFile(s.started, []byte("1"), 0o644)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return s.sc.Screen(ctx, qs, opt)
}

// TestWorkerChild is the process TestKillDuringJob kills.
func TestWorkerChild(t *testing.T) {
	db := os.Getenv("TRIPLINE_BATCH_CHILD_DB")
	if db == "" {
		t.Skip("run by TestKillDuringJob")
	}
	s := open(t, db)
	cfg := fastConfig()
	cfg.ReclaimEvery = time.Hour
	worker(t, s, fixed(&slow{sc: screener(), started: os.Getenv("TRIPLINE_BATCH_CHILD_STARTED")}), cfg)
	select {} // until killed
}

// TestBadInput: an unreadable header creates no job; a failing screen
// fails the shard and the job with the reason; cancel stops a job.
func TestBadInput(t *testing.T) {
	s := open(t, databases[0].db(t))
	q, err := jobs.Open(s, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := batch.Submit(ctx, s, q, batch.Submission{Input: strings.NewReader("name,type\nx,person\n"), Name: "x.csv"}, batch.Config{}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Submit without an id column = %v, want Invalid", err)
	}
	if js, _ := s.BatchJobs(ctx, tripline.BatchFilter{}); len(js) != 0 {
		t.Errorf("a job was created for an unreadable input: %+v", js)
	}
	if _, err := batch.Submit(ctx, s, q, batch.Submission{Input: strings.NewReader(input(3)), Options: tripline.ScreenOptions{Threshold: 2}}, batch.Config{}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Submit with threshold 2 = %v, want Invalid", err)
	}
	c := submit(t, s, input(60), fastConfig())
	if c, err = s.CancelBatch(ctx, c.ID, "no longer needed"); err != nil || c.State != tripline.BatchCancelled || c.Error != "no longer needed" {
		t.Errorf("CancelBatch = %+v, %v", c, err)
	}
	b, _ := json.Marshal(c)
	if !bytes.Contains(b, []byte(`"state":"cancelled"`)) {
		t.Errorf("job JSON %s", b)
	}
	// A screen the index refuses fails the shard, and so the job.
	j := submit(t, s, input(60), fastConfig())
	worker(t, s, func(context.Context) (tripline.Screener, error) { return refuse{}, nil }, fastConfig())
	j = waitDone(t, s, j.ID)
	if j.State != tripline.BatchFailed || !strings.Contains(j.Error, "no such source") {
		t.Errorf("a job the index refuses: %+v; want failed with the reason", j)
	}
}

type refuse struct{}

func (refuse) Screen(context.Context, []tripline.Query, tripline.ScreenOptions) ([]tripline.Result, error) {
	return nil, tripline.Errorf(tripline.KindInvalid, "no such source")
}
