package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/match/indexfile"
)

const screenUsage = `
Usage: tripline screen --input FILE [--sources a,b] [--threshold T] [--limit N] [--format jsonl|csv] [--remote URL]

Screens every party in FILE against the current snapshots of the imported
lists and writes one result per input line, in input order, to stdout.

FILE ("-" for stdin) is CSV with a header row, or JSON lines (from the
name: .csv, .jsonl; else from the first byte). CSV columns: id, and name
or an identifier column; type (person, organization, vessel, aircraft, or
a synonym: individual, company, entity, ship, airplane ...), country (name
or ISO code) and birth_date (1975, 1975-04 or 1975-04-21) are optional,
and a column named after an identifier type (passport, national_id, tax,
registration, imo, mmsi, lei, swift_bic, identifier) adds that
identifier; a row with an identifier and no name is screened by the
identifier. A JSON line is a query object:
  {"id": "c1", "name": "...", "type": "person", "country": "IR",
   "birth_date": "1957", "identifiers": [{"type": "passport", "value": "..."}]}
A name is at most 1024 bytes and 40 words; a query has at most 50
identifiers; --limit is at most 500.

Output (--format jsonl, the default) is one JSON object per input line:
  {"id": ..., "matches": [{"id": "ofac-sdn:12345", "source": "ofac-sdn",
   "source_id": "12345", "name": listed name, "matched_name": the name that
   matched, "score": 0.93, "explanation": {...}}], "threshold": 0.84,
   "algorithm": "tripline-name-v6"}
with the best match first and only matches at or above the threshold.
--format csv writes one row per match (id,match_id,source,source_id,name,
matched_name,score,error) and one empty row for a query without matches.

The input is streamed: any number of rows is screened with bounded memory,
a chunk at a time on every core, with rows/s and the time left shown on a
terminal. A row that cannot be screened (no name, an unknown type, bad
JSON, a CSV quoting error, more values than the header has columns) is
reported on stderr with its line and written in place with an "error"
field; the rest goes on (after a quoting error, at the next line), and the
exit code is 1. SIGINT or SIGTERM stops the run at once; the lines already
written are complete, and the exit code is 1.

With --remote URL the parties are screened by a running "tripline serve"
(same results, same output); the lists are not loaded here.

Examples:
  tripline screen --input customers.csv > results.jsonl
  tripline screen --input parties.jsonl --sources ofac-sdn,un-sc --threshold 0.9
  echo 'id,name' | cat - names.txt | tripline screen --input - --format csv
  tripline screen --remote http://127.0.0.1:8080 --input customers.csv
`

func init() {
	register(&command{Name: "screen", Summary: "screen a file of parties against the lists, one JSON result a line", Run: runScreen})
}

func runScreen(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("screen", screenUsage)
	input := fs.String("input", "", "CSV or JSON-lines file of parties (- for stdin)")
	sources := fs.String("sources", "", "comma-separated sources to screen against (default: all)")
	threshold := fs.Float64("threshold", 0, fmt.Sprintf("minimum score reported (default: the algorithm's, %.2f)", match.DefaultConfig().Threshold))
	limit := fs.Int("limit", 0, fmt.Sprintf("matches per party (default %d)", match.DefaultConfig().Limit))
	format := fs.String("format", "jsonl", "output format: jsonl or csv")
	remote := fs.String("remote", "", "screen through a running Tripline server at `URL` instead of loading the lists here")
	apiKey := fs.String("key", "", "API key for --remote (default: $TRIPLINE_API_KEY)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *input == "" || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline screen: give --input FILE (see --help)")
		return errUsage
	}
	if *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(m.Stderr, "tripline screen: --format must be jsonl or csv, not %q\n", *format)
		return errUsage
	}
	opt := tripline.ScreenOptions{Threshold: *threshold, Limit: *limit, Sources: splitList(*sources)}
	if err := opt.Validate(); err != nil {
		fmt.Fprintf(m.Stderr, "tripline screen: --%s\n", tripline.ErrorMessage(err))
		return errUsage
	}
	var s tripline.Screener
	if *remote != "" {
		key := *apiKey
		if key == "" {
			key = m.Getenv("TRIPLINE_API_KEY")
		}
		s = &httpapi.Client{BaseURL: *remote, Key: key}
	} else {
		ms, err := m.loadScreener(ctx, splitList(*sources))
		if err != nil {
			return err
		}
		s = ms
	}
	in, size, closeIn, err := openInput(m, *input)
	if err != nil {
		return err
	}
	defer closeIn()
	counter := &fileutil.Counter{R: in}
	qr, err := tabular.NewQueryReader(counter, displayName(*input), tabular.FormatAuto)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(m.Stdout, 1<<16)
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(w)
		if err := cw.Write(tabular.ResultCSVColumns); err != nil {
			return err
		}
	}
	// flushOut writes out what was screened before an interruption.
	flushOut := func() {
		if cw != nil {
			cw.Flush()
		}
		w.Flush()
	}
	// Stream: read a chunk, screen it on every core, write it, repeat;
	// memory stays bounded by the chunk whatever the input's size.
	const chunk = 2048
	t0 := time.Now()
	var done, bad int
	var firstBad error
	batch := make([]tripline.Query, 0, chunk)
	rows := make([]queryRow, 0, chunk)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		batch = batch[:0]
		for _, r := range rows {
			if r.err == nil {
				batch = append(batch, r.q)
			}
		}
		var res []tripline.Result
		if len(batch) > 0 {
			var err error
			if res, err = s.Screen(ctx, batch, opt); err != nil {
				if ctx.Err() != nil {
					flushOut()
					return interrupted(ctx.Err())
				}
				return err
			}
		}
		k := 0
		for _, r := range rows {
			var out tripline.Result
			var rowErr string
			if r.err != nil {
				out = tripline.Result{ID: r.q.ID}
				rowErr = r.err.Error()
			} else {
				out = res[k]
				k++
			}
			var err error
			if cw != nil {
				err = writeResultCSV(cw, out, rowErr)
			} else {
				err = writeResultJSON(w, out, rowErr)
			}
			if err != nil {
				return err
			}
		}
		done += len(rows)
		rows = rows[:0]
		if m.IsTerminal {
			printScreenProgress(m, done, counter.N, size, time.Since(t0))
		}
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			// SIGINT or SIGTERM: stop reading; what was written stays.
			flushOut()
			return interrupted(err)
		}
		q, err := qr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !tabular.IsRowError(err) {
			return err
		}
		if err != nil {
			// A bad row is reported in place (and on stderr) and the run
			// goes on: nothing after it is lost.
			bad++
			if firstBad == nil {
				firstBad = err
			}
			fmt.Fprintf(m.Stderr, "tripline screen: %v\n", err)
		}
		rows = append(rows, queryRow{q: q, err: err})
		if len(rows) == chunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if m.IsTerminal && done > 0 {
		fmt.Fprintln(m.Stderr)
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		return tripline.Errorf(tripline.KindInvalid, "%d of %d rows could not be screened (reported in place with an \"error\"); first: %v", bad, done, firstBad)
	}
	return nil
}

// interrupted is the error of a screen run stopped by SIGINT or SIGTERM.
func interrupted(err error) error {
	return &tripline.Error{Op: "screen", Kind: tripline.KindUnavailable, Msg: "interrupted; the results written so far are complete lines, the rest was not screened", Err: err}
}

// queryRow is one input row: a query or the reason it is unusable.
type queryRow struct {
	q   tripline.Query
	err error
}

// printScreenProgress shows rows done, rows/s and, for a file of known
// size, the time left estimated from the bytes read.
func printScreenProgress(m *Main, done int, read, size int64, el time.Duration) {
	rate := float64(done) / max(el.Seconds(), 1e-9)
	eta := ""
	if size > 0 && read > 0 && read < size {
		left := time.Duration(float64(el) * float64(size-read) / float64(read))
		eta = fmt.Sprintf(", %.0f%%, about %s left", 100*float64(read)/float64(size), left.Round(time.Second))
	}
	fmt.Fprintf(m.Stderr, "\r\033[Kscreened %d parties (%.0f/s%s)", done, rate, eta)
}

// openInput opens path ("-" is stdin) and returns its size when known.
func openInput(m *Main, path string) (io.Reader, int64, func(), error) {
	if path == "-" {
		return m.Stdin, 0, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, nil, &tripline.Error{Op: "screen", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot read %s", path), Err: err}
	}
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return f, size, func() { f.Close() }, nil
}

func displayName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

// loadScreener builds the matching index from the current snapshots of
// sources (all when empty).
func (m *Main) loadScreener(ctx context.Context, sources []string) (*match.Screener, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	if m.IsTerminal {
		fmt.Fprint(m.Stderr, "loading lists into the matching index…")
	}
	t0 := time.Now()
	s, held, status, err := indexfile.Load(ctx, st, sources, match.DefaultConfig(), m.indexDir())
	if err != nil {
		if m.IsTerminal {
			fmt.Fprintln(m.Stderr)
		}
		return nil, err
	}
	if len(held) == 0 {
		if m.IsTerminal {
			fmt.Fprintln(m.Stderr)
		}
		return nil, tripline.Errorf(tripline.KindInvalid, "no lists imported yet: run tripline import (or tripline demo) first")
	}
	if m.IsTerminal {
		how := "indexed"
		if status.FromFile {
			how = "read the index file of"
		}
		fmt.Fprintf(m.Stderr, "\r\033[K%s %d entities, %d names from %d source(s) in %.1fs\n",
			how, s.Index().Len(), s.Index().NameCount(), len(held), time.Since(t0).Seconds())
	}
	return s, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeResultJSON writes r as one JSON line (the shape is
// tabular.WriteResultJSON's, shared with the web interface).
func writeResultJSON(w io.Writer, r tripline.Result, rowErr string) error {
	return tabular.WriteResultJSON(w, r, rowErr)
}

func writeResultCSV(w *csv.Writer, r tripline.Result, rowErr string) error {
	return tabular.WriteResultCSV(w, r, rowErr)
}
