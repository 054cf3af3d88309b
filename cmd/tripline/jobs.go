package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/match"
)

const jobsUsage = `
Usage:
  tripline jobs submit screen --input FILE [--sources a,b] [--threshold T] [--limit N] [--format csv|jsonl]
  tripline jobs submit check --input FILE [--no-store] [--format csv|jsonl]
  tripline jobs status ID [--json]
  tripline jobs results ID [--format jsonl|csv]
  tripline jobs list [--json] [--limit N]
  tripline jobs cancel ID
  tripline jobs rm ID

Batch jobs screen or check a whole file in the background, shared by every
"tripline serve" replica on the database: the input is stored in the
database in shards of rows, and each shard is a job of the durable queue
that any replica's workers take. A replica that dies or hangs loses its
shards' leases and another replica takes them over; every row's result is
stored once.

submit screen reads FILE ("-" for stdin) as "tripline screen" does (CSV
with a header, or JSON lines), prints the job's id alone on stdout at once,
then stores the input (streamed: any size, bounded memory) and returns; the
screening is done by the workers of "tripline serve" (on SQLite too: one
server on the machine). A row that cannot be screened is reported in place
in the results, as screen does.

submit check reads FILE as "tripline check" does (orders, JSON lines or
CSV) and the workers decide its orders as "tripline check" decides them,
with the server's lists and rules and the stored book of orders: each
order is decided with the stored history, then stored with its decision,
and the order-history rules raise their alerts (book orders). --no-store
decides with the stored history and stores nothing. The server must be
started with order checks enabled (tripline serve does, with its lists
loaded); the results are the lines "tripline check" prints, JSON only.

status says the job's state (receiving, queued, running, completed,
failed, cancelled), shards done of total, rows done and rows/s. results
prints, once the job has completed, exactly the lines "tripline screen"
(or "tripline check") would print for the same input: one per input row,
in input order. cancel stops a job (shards being worked finish, no new one
starts); rm deletes a finished job with its results.

Examples:
  id=$(tripline jobs submit screen --input customers.csv --sources ofac-sdn)
  id=$(tripline jobs submit check --input orders.jsonl)
  tripline jobs status "$id"
  tripline jobs results "$id" > results.jsonl
  tripline --db "$PG_URL" jobs list
`

func init() {
	register(&command{Name: "jobs", Summary: "batch screening and order-check jobs shared by the server replicas: submit, status, results, list, cancel", Run: runJobs})
}

func runJobs(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(jobsUsage))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "submit":
		return runJobsSubmit(ctx, m, args[1:])
	case "status":
		return runJobsStatus(ctx, m, args[1:])
	case "results":
		return runJobsResults(ctx, m, args[1:])
	case "list":
		return runJobsList(ctx, m, args[1:])
	case "cancel", "rm":
		return runJobsCancel(ctx, m, args[0], args[1:])
	}
	fmt.Fprintf(m.Stderr, "tripline jobs: unknown subcommand %q (submit, status, results, list, cancel, rm)\n", args[0])
	return errUsage
}

// batchStore opens the store as a BatchStore.
func (m *Main) batchStore(ctx context.Context) (tripline.BatchStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	bs, ok := st.(tripline.BatchStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "this store keeps no batch jobs")
	}
	return bs, nil
}

func runJobsSubmit(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || (args[0] != batch.KindScreen && args[0] != batch.KindCheck) {
		fmt.Fprintln(m.Stderr, "tripline jobs submit: give the job's kind: submit screen --input FILE, or submit check --input FILE (see tripline jobs --help)")
		return errUsage
	}
	kind := args[0]
	fs := m.newFlagSet("jobs submit "+kind, jobsUsage)
	var input, sources, format *string
	var threshold *float64
	var limit *int
	var noStore *bool
	if kind == batch.KindScreen {
		input = fs.String("input", "", "CSV or JSON-lines file of parties (- for stdin)")
		sources = fs.String("sources", "", "comma-separated sources to screen against (default: all)")
		threshold = fs.Float64("threshold", 0, fmt.Sprintf("minimum score reported (default: the algorithm's, %.2f)", match.DefaultConfig().Threshold))
		limit = fs.Int("limit", 0, fmt.Sprintf("matches per party (default %d)", match.DefaultConfig().Limit))
	} else {
		input = fs.String("input", "", "orders, JSON lines or CSV as tripline check reads them (- for stdin)")
		noStore = fs.Bool("no-store", false, "decide with the stored book of orders but store nothing in it")
	}
	format = fs.String("format", "", "input format: csv or jsonl (default: from the name, else the first byte)")
	shardRows := fs.Int("shard-rows", 2000, "input rows per shard")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *input == "" || fs.NArg() > 0 {
		fmt.Fprintf(m.Stderr, "tripline jobs submit %s: give --input FILE (see --help)\n", kind)
		return errUsage
	}
	f, err := tabular.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(m.Stderr, "tripline jobs submit %s: --format: %s\n", kind, tripline.ErrorMessage(err))
		return errUsage
	}
	sub := batch.Submission{Name: displayName(*input), Format: f, Kind: kind}
	if kind == batch.KindScreen {
		sub.Options = tripline.ScreenOptions{Threshold: *threshold, Limit: *limit, Sources: splitList(*sources)}
		if err := sub.Options.Validate(); err != nil {
			fmt.Fprintf(m.Stderr, "tripline jobs submit screen: --%s\n", tripline.ErrorMessage(err))
			return errUsage
		}
	} else {
		sub.NoStore = *noStore
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	bs, err := m.batchStore(ctx)
	if err != nil {
		return err
	}
	if err := checkJobSources(ctx, st, sub.Options.Sources); err != nil {
		return err
	}
	q, _, err := m.openQueue(st, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	in, _, closeIn, err := openInput(m, *input)
	if err != nil {
		return err
	}
	defer closeIn()
	if u, err := user.Current(); err == nil {
		sub.By = u.Username
	}
	sub.Input = in
	sub.Created = func(j tripline.BatchJob) {
		fmt.Fprintln(m.Stdout, j.ID)
		if fl, ok := m.Stdout.(interface{ Sync() error }); ok {
			fl.Sync()
		}
	}
	t0 := time.Now()
	j, err := batch.Submit(ctx, bs, q, sub, batch.Config{ShardRows: *shardRows})
	if err != nil {
		if j.ID != 0 {
			return fmt.Errorf("batch job %d failed: %w", j.ID, err)
		}
		return err
	}
	verb, what := "screen", "rows cannot be screened"
	if kind == batch.KindCheck {
		verb, what = "check", "orders cannot be checked"
	}
	msg := fmt.Sprintf("job %d: %d rows stored in %d shards in %.1fs", j.ID, j.RowsTotal, j.ShardsTotal, time.Since(t0).Seconds())
	if j.BadRows > 0 {
		msg += fmt.Sprintf(" (%d %s; their results say why)", j.BadRows, what)
	}
	fmt.Fprintf(m.Stderr, "%s; the workers of tripline serve %s it (tripline jobs status %d)\n", msg, verb, j.ID)
	return nil
}

// checkJobSources refuses sources that have no snapshot.
func checkJobSources(ctx context.Context, st tripline.Store, sources []string) error {
	if len(sources) == 0 {
		return nil
	}
	snaps, err := st.CurrentSnapshots(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, s := range snaps {
		have[s.Source] = true
	}
	for _, s := range sources {
		if !have[s] {
			return tripline.Errorf(tripline.KindInvalid, "source %q has no snapshot; import it first (see tripline sources)", s)
		}
	}
	return nil
}

// parseAny parses args with fs, flags before and after the arguments
// ("status 12 --json"); fs.Args() then holds the arguments alone.
func parseAny(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// jobArg parses the one ID argument of a jobs subcommand.
func jobArg(m *Main, name string, args []string) (int64, bool) {
	if len(args) != 1 {
		fmt.Fprintf(m.Stderr, "tripline jobs %s: give one job id (see tripline jobs list)\n", name)
		return 0, false
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(m.Stderr, "tripline jobs %s: %q is not a job id\n", name, args[0])
		return 0, false
	}
	return id, true
}

func runJobsStatus(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("jobs status", jobsUsage)
	asJSON := fs.Bool("json", false, "print the job as one JSON object")
	if err := parseAny(fs, args); err != nil {
		return err
	}
	id, ok := jobArg(m, "status", fs.Args())
	if !ok {
		return errUsage
	}
	bs, err := m.batchStore(ctx)
	if err != nil {
		return err
	}
	j, err := bs.BatchJob(ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONLine(m.Stdout, j)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "job\t%d (%s)\n", j.ID, j.Kind)
	fmt.Fprintf(tw, "state\t%s\n", j.State)
	fmt.Fprintf(tw, "input\t%s, %d rows (%d cannot be screened)\n", j.Input, j.RowsTotal, j.BadRows)
	fmt.Fprintf(tw, "shards\t%d of %d done", j.ShardsDone, j.ShardsTotal)
	if j.Takeovers > 0 {
		fmt.Fprintf(tw, ", %d taken over from a stopped worker", j.Takeovers)
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, "rows\t%d done, %.0f rows/s\n", j.RowsDone, j.RowsPerSecond)
	fmt.Fprintf(tw, "submitted\t%s by %s\n", j.CreatedAt.Local().Format(time.DateTime), j.CreatedBy)
	if j.StartedAt != nil {
		fmt.Fprintf(tw, "started\t%s\n", j.StartedAt.Local().Format(time.DateTime))
	}
	if j.FinishedAt != nil {
		fmt.Fprintf(tw, "finished\t%s\n", j.FinishedAt.Local().Format(time.DateTime))
	}
	if j.Error != "" {
		fmt.Fprintf(tw, "error\t%s\n", j.Error)
	}
	return tw.Flush()
}

func runJobsResults(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("jobs results", jobsUsage)
	format := fs.String("format", "jsonl", "output format: jsonl or csv (as tripline screen --format)")
	if err := parseAny(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(m.Stderr, "tripline jobs results: --format must be jsonl or csv, not %q\n", *format)
		return errUsage
	}
	id, ok := jobArg(m, "results", fs.Args())
	if !ok {
		return errUsage
	}
	bs, err := m.batchStore(ctx)
	if err != nil {
		return err
	}
	if *format == "csv" {
		j, err := bs.BatchJob(ctx, id)
		if err != nil {
			return err
		}
		if j.Kind == batch.KindCheck {
			return tripline.Errorf(tripline.KindInvalid, "job %d is a check job: its results are decisions, JSON lines only (drop --format csv)", id)
		}
	}
	w := bufio.NewWriterSize(m.Stdout, 1<<16)
	var out io.Writer = w
	var cw *csvLines
	if *format == "csv" {
		cw = newCSVLines(w)
		out = cw
	}
	if err := batch.Results(ctx, bs, id, out); err != nil {
		return err
	}
	if cw != nil {
		if err := cw.Close(); err != nil {
			return err
		}
	}
	return w.Flush()
}

// csvLines turns result lines (JSON, one per Write) into the CSV rows of
// "tripline screen --format csv".
type csvLines struct {
	w   *csv.Writer
	err error
}

func newCSVLines(w io.Writer) *csvLines {
	c := &csvLines{w: csv.NewWriter(w)}
	c.err = c.w.Write(tabular.ResultCSVColumns)
	return c
}

func (c *csvLines) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(b) == 1 && b[0] == '\n' {
		return 1, nil
	}
	var l tabular.ResultLine
	if err := json.Unmarshal(b, &l); err != nil {
		return 0, err
	}
	if err := writeResultCSV(c.w, l.Result, l.Error); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (c *csvLines) Close() error {
	c.w.Flush()
	return c.w.Error()
}

func runJobsList(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("jobs list", jobsUsage)
	asJSON := fs.Bool("json", false, "one JSON object a line")
	limit := fs.Int("limit", 50, "jobs listed, newest first")
	if err := parseAny(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline jobs list takes no arguments")
		return errUsage
	}
	bs, err := m.batchStore(ctx)
	if err != nil {
		return err
	}
	js, err := bs.BatchJobs(ctx, tripline.BatchFilter{Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		for _, j := range js {
			if err := writeJSONLine(m.Stdout, j); err != nil {
				return err
			}
		}
		return nil
	}
	if len(js) == 0 {
		fmt.Fprintln(m.Stderr, "no batch jobs (tripline jobs submit screen|check --input FILE)")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATE\tSHARDS\tROWS\tROWS/S\tSUBMITTED\tINPUT")
	for _, j := range js {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d/%d\t%d/%d\t%.0f\t%s\t%s\n", j.ID, j.Kind, j.State, j.ShardsDone, j.ShardsTotal, j.RowsDone, j.RowsTotal, j.RowsPerSecond, j.CreatedAt.Local().Format(time.DateTime), j.Input)
	}
	return tw.Flush()
}

func runJobsCancel(ctx context.Context, m *Main, name string, args []string) error {
	fs := m.newFlagSet("jobs "+name, jobsUsage)
	if err := parseAny(fs, args); err != nil {
		return err
	}
	id, ok := jobArg(m, name, fs.Args())
	if !ok {
		return errUsage
	}
	bs, err := m.batchStore(ctx)
	if err != nil {
		return err
	}
	if name == "rm" {
		if err := bs.DeleteBatch(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "job %d deleted with its results\n", id)
		return nil
	}
	j, err := bs.CancelBatch(ctx, id, "cancelled by "+currentUser())
	if err != nil {
		return err
	}
	if j.State == tripline.BatchCancelled {
		fmt.Fprintf(m.Stderr, "job %d cancelled (%d of %d shards were done)\n", id, j.ShardsDone, j.ShardsTotal)
	} else {
		fmt.Fprintf(m.Stderr, "job %d had already finished: %s\n", id, j.State)
	}
	return nil
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown user"
}

// serveBatch is how "tripline serve" works batch shards.
type serveBatch struct {
	// Workers is how many shards this process works at once.
	Workers int
	// Lease is a shard's lease (0: batch's default).
	Lease time.Duration
	// Screener is the index shards are screened on.
	Screener batch.ScreenerFunc
	// OnShard is called after each shard this process stored (metrics).
	OnShard func(rows int, took time.Duration)
	// Checker, when set, works check jobs' shards (the server's checker,
	// with the stored book of orders).
	Checker batch.Checker
}

// register registers the shard workers with q.
func (b *serveBatch) register(q *jobs.Queue, st tripline.Store, logger *slog.Logger) (*batch.Worker, error) {
	bs, ok := st.(tripline.BatchStore)
	if !ok {
		return nil, nil
	}
	w, err := batch.Register(q, bs, b.Screener, batch.Config{Lease: b.Lease, Logger: logger, OnShard: b.OnShard})
	if err == nil && b.Checker != nil {
		w.SetChecker(b.Checker)
	}
	return w, err
}

// liveScreener waits for a live index to be loaded and returns it.
func liveScreener(current func() (tripline.Screener, error)) batch.ScreenerFunc {
	return func(ctx context.Context) (tripline.Screener, error) {
		for {
			sc, err := current()
			if err == nil {
				return sc, nil
			}
			if tripline.ErrorKind(err) != tripline.KindUnavailable {
				return nil, err
			}
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
		}
	}
}
