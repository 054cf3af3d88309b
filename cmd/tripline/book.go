package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/monitor"
)

func init() {
	register(&command{Name: "book", Summary: "import, list, show, export and rescreen books of monitored parties", Run: runBook})
}

const bookUsage = `
Usage:
  tripline book import FILE [--book NAME] [--json]
  tripline book list [--json]
  tripline book show [NAME] [--json]
  tripline book export [NAME] [--format jsonl|csv]
  tripline book rescreen [NAME] [--full] [--json]

A book is a set of parties (customers, suppliers, consignees) that is
screened when it is imported and rescreened whenever a list gets a new
snapshot; what changes becomes an alert ("tripline alerts list").

import reads FILE (CSV with a header, or JSON lines) with the columns
"tripline screen" takes: id and name required; type, country, birth_date
and identifier columns (passport, national_id, tax, registration, imo,
mmsi, lei, swift_bic, identifier) optional. The default book is "default".
Importing a book again is a delta: new parties are added and screened,
parties whose columns changed are rescreened, parties missing from the
file are retired and their open alerts closed. A row without a name, an
id given twice or a malformed file is an error naming the line, and then
nothing is stored.

rescreen brings books up to the current snapshots (what every import does
by itself) and resumes a rescreen that was interrupted; --full rescreens
every party.

Examples:
  tripline book import customers.csv
  tripline book import suppliers.jsonl --book suppliers
  tripline book show suppliers
  tripline book export --format csv > customers.csv
`

// monitorStore returns the store as the monitor needs it.
func (m *Main) monitorStore(ctx context.Context) (monitor.Store, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ms, ok := st.(monitor.Store)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "this store keeps no books")
	}
	return ms, nil
}

// newMonitor returns the monitor over the store; TRIPLINE_MONITOR_BATCH
// sets the parties written per transaction.
func (m *Main) newMonitor(ctx context.Context) (*monitor.Monitor, error) {
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return nil, err
	}
	return m.monitorOn(ms, m.IsTerminal)
}

// monitorOn returns the monitor over ms, drawing its progress on stderr
// when progress is set.
func (m *Main) monitorOn(ms monitor.Store, progress bool) (*monitor.Monitor, error) {
	var cfg monitor.Config
	if v := m.Getenv("TRIPLINE_MONITOR_BATCH"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, tripline.Errorf(tripline.KindInvalid, "TRIPLINE_MONITOR_BATCH=%q: want a positive number of parties", v)
		}
		cfg.BatchSize = n
	}
	mon := monitor.New(ms, cfg)
	if progress {
		mon.Progress = func(book, pass string, done, total int) {
			fmt.Fprintf(m.Stderr, "\r\033[Kbook %s: %d of %d parties screened", book, done, total)
			if done >= total {
				fmt.Fprint(m.Stderr, "\r\033[K")
			}
		}
	}
	return mon, nil
}

func runBook(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("book", bookUsage)
	name := fs.String("book", tripline.DefaultBook, "the book")
	asJSON := fs.Bool("json", false, "print JSON")
	format := fs.String("format", "jsonl", "export format: jsonl or csv")
	full := fs.Bool("full", false, "rescreen: every party, not only what changed")
	if err := parse(fs, flagsFirst(args, map[string]bool{"book": true, "format": true})); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	sub, rest := rest[0], rest[1:]
	book := *name
	if sub != "import" && len(rest) == 1 {
		book = rest[0]
		rest = nil
	}
	want := 0
	if sub == "import" {
		want = 1
	}
	if len(rest) != want {
		fmt.Fprintf(m.Stderr, "tripline book %s: unexpected arguments %q (see --help)\n", sub, rest)
		return errUsage
	}
	switch sub {
	case "import":
		return bookImport(ctx, m, rest[0], book, *asJSON)
	case "list":
		return bookList(ctx, m, *asJSON)
	case "show":
		return bookShow(ctx, m, book, *asJSON)
	case "export":
		return bookExport(ctx, m, book, *format)
	case "rescreen":
		return bookRescreen(ctx, m, book, *full, *asJSON)
	}
	fmt.Fprintf(m.Stderr, "tripline book: unknown subcommand %q (want import, list, show, export or rescreen)\n", sub)
	return errUsage
}

// readPartiesFile reads every row of a book file (ingest/tabular's query
// reader: a book row has the columns of a screening query, and an id);
// any bad row, an id given twice or a row without a name, is an error
// naming its line (up to ten are listed), and then nothing is stored.
func readPartiesFile(m *Main, path string) ([]tripline.BookParty, error) {
	in, _, closeIn, err := openInput(m, path)
	if err != nil {
		return nil, err
	}
	defer closeIn()
	qr, err := tabular.NewQueryReader(in, displayName(path), tabular.FormatAuto)
	if err != nil {
		return nil, err
	}
	qr.RequireID = true
	var out []tripline.BookParty
	var bad []string
	firstLine := map[string]int{}
	for {
		q, err := qr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !tabular.IsRowError(err) {
			return nil, err
		}
		where := fmt.Sprintf("%s:%d", displayName(path), qr.Line())
		switch {
		case err != nil:
			bad = append(bad, userMessage(err))
		case strings.TrimSpace(q.Name) == "":
			bad = append(bad, where+": a book party needs a name")
		case firstLine[q.ID] > 0:
			bad = append(bad, fmt.Sprintf("%s: id %q already given on line %d", where, q.ID, firstLine[q.ID]))
		default:
			firstLine[q.ID] = qr.Line()
			out = append(out, tripline.PartyFromQuery(q))
		}
		if len(bad) >= 10 {
			bad = append(bad, "(stopped after 10 errors)")
			break
		}
	}
	if len(bad) > 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s: %d bad rows, nothing was stored:\n  %s", displayName(path), len(bad), strings.Join(bad, "\n  "))
	}
	if len(out) == 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s holds no parties; nothing was stored", displayName(path))
	}
	return out, nil
}

func bookImport(ctx context.Context, m *Main, path, book string, asJSON bool) error {
	if err := tripline.ValidBookName(book); err != nil {
		return err
	}
	parties, err := readPartiesFile(m, path)
	if err != nil {
		return err
	}
	mon, err := m.newMonitor(ctx)
	if err != nil {
		return err
	}
	rep, err := mon.ImportBook(ctx, book, parties)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(m.Stdout, rep)
	}
	fmt.Fprintln(m.Stdout, rep)
	for _, r := range rep.Passes {
		if !r.AlreadyDone {
			fmt.Fprintln(m.Stdout, r)
		}
	}
	return nil
}

func bookList(ctx context.Context, m *Main, asJSON bool) error {
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return err
	}
	books, err := ms.Books(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(m.Stdout, books)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BOOK\tPARTIES\tREVISION\tMATCHER\tSNAPSHOTS\tUPDATED")
	for _, b := range books {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", b.Name, b.Parties, b.Revision, b.MatcherVersion, snapList(b.Snapshots), b.UpdatedAt.Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

func snapList(s map[string]int64) string {
	var parts []string
	for src, id := range s {
		parts = append(parts, fmt.Sprintf("%s:%d", src, id))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// bookDetail is what book show prints.
type bookDetail struct {
	tripline.Book
	OpenAlerts int             `json:"open_alerts"`
	Passes     []tripline.Pass `json:"passes"`
}

func bookShow(ctx context.Context, m *Main, book string, asJSON bool) error {
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return err
	}
	b, err := ms.Book(ctx, book)
	if err != nil {
		return err
	}
	d := bookDetail{Book: b}
	if d.Passes, err = ms.Passes(ctx, book, false); err != nil {
		return err
	}
	for after := int64(0); ; {
		as, err := ms.Alerts(ctx, tripline.AlertFilter{Book: book, Status: tripline.AlertOpen, After: after, Limit: 1000})
		if err != nil {
			return err
		}
		if len(as) == 0 {
			break
		}
		d.OpenAlerts += len(as)
		after = as[len(as)-1].ID
	}
	if asJSON {
		return writeJSON(m.Stdout, d)
	}
	fmt.Fprintf(m.Stdout, "book %s: %d parties, revision %d, %d open alerts\n", b.Name, b.Parties, b.Revision, d.OpenAlerts)
	fmt.Fprintf(m.Stdout, "screened with %s against %s\n", b.MatcherVersion, snapList(b.Snapshots))
	for _, p := range d.Passes {
		state := "done"
		if !p.Done {
			state = "unfinished (resumes at the next new snapshot or tripline book rescreen)"
		}
		fmt.Fprintf(m.Stdout, "  %s %s: %d screened, %d new alerts, %d delistings, %s\n", p.StartedAt.Format("2006-01-02 15:04:05"), p.Key, p.Stats.Screened, p.Stats.NewAlerts-p.Stats.Delisted, p.Stats.Delisted, state)
	}
	return nil
}

// exportColumns are the identifier columns book export writes, in order:
// one per identifier type the readers know, and "identifier" for others.
var exportColumns = []string{"passport", "national_id", "tax", "registration", "imo", "mmsi", "lei", "swift_bic", "identifier"}

func bookExport(ctx context.Context, m *Main, book, format string) error {
	if format != "jsonl" && format != "csv" {
		fmt.Fprintf(m.Stderr, "tripline book export: --format must be jsonl or csv, not %q\n", format)
		return errUsage
	}
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(m.Stdout, 1<<16)
	var cw *csv.Writer
	if format == "csv" {
		cw = csv.NewWriter(w)
		if err := cw.Write(append([]string{"id", "name", "type", "country", "birth_date"}, exportColumns...)); err != nil {
			return err
		}
	}
	err = ms.EachParty(ctx, book, func(p tripline.BookParty) error {
		if cw == nil {
			b, err := json.Marshal(p.Query())
			if err != nil {
				return err
			}
			_, err = w.Write(append(b, '\n'))
			return err
		}
		rec := []string{p.ID, p.Name, p.Type, p.Country, p.BirthDate}
		ids := map[string]string{}
		for _, id := range p.Identifiers {
			col := id.Type
			if col == "" || !contains(exportColumns, col) {
				col = "identifier"
			}
			if ids[col] == "" {
				ids[col] = id.Value
			}
		}
		for _, c := range exportColumns {
			rec = append(rec, ids[c])
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	return w.Flush()
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func bookRescreen(ctx context.Context, m *Main, book string, full, asJSON bool) error {
	mon, err := m.newMonitor(ctx)
	if err != nil {
		return err
	}
	var reps []monitor.Report
	if full {
		r, err := mon.FullNow(ctx, book)
		if err != nil {
			return err
		}
		reps = []monitor.Report{r}
	} else if reps, err = mon.CatchUpBook(ctx, book); err != nil {
		return err
	}
	if asJSON {
		return writeJSON(m.Stdout, reps)
	}
	if len(reps) == 0 {
		fmt.Fprintf(m.Stdout, "book %s is up to date with the current snapshots\n", book)
	}
	for _, r := range reps {
		fmt.Fprintln(m.Stdout, r)
	}
	return nil
}

// rescreenObserver is the monitoring rescreen as an after-commit observer
// of the import path (see monitor.Monitor.Observer): every snapshot an
// import commits fires the watches and brings every book up to date, once,
// before the importer stores its next dataset. It is nil when st keeps no
// books. progress draws the passes on a terminal.
func (m *Main) rescreenObserver(st tripline.Store, progress bool) (tripline.SnapshotObserver, error) {
	ms, ok := st.(monitor.Store)
	if !ok {
		return nil, nil
	}
	mon, err := m.monitorOn(ms, progress)
	if err != nil {
		return nil, err
	}
	ws, _ := st.(tripline.WatchStore)
	return mon.Observer(ws), nil
}

// resumeRescreens brings the books up to the current snapshots when a
// server starts, finishing what an interrupted process left.
func (m *Main) resumeRescreens(ctx context.Context, logger *slog.Logger) {
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return
	}
	mon := monitor.New(ms, monitor.Config{})
	reps, err := mon.CatchUp(ctx)
	for _, r := range reps {
		logger.Info("rescreen", "book", r.Book, "pass", r.Pass, "summary", r.String())
	}
	if err != nil {
		logger.Error("rescreen failed; it resumes at the next new snapshot", "err", err)
	}
}
