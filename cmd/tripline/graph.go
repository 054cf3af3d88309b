package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/graph/synth"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/match"
)

const graphUsage = `
Usage: tripline graph import [--append] DIR|FILE...
       tripline graph risk [--json] [--all] [--sources IDS] [--as-of DATE]
                           [--list-date DATE] [--listed-by PATH=DATE]...
                           [--match] [--timings]
       tripline graph path [--max-holders N] [--json] A B
       tripline graph show [--depth N] ID
       tripline graph synth [--companies N] [--seed S] DIR

Walks front-company networks: the user's own companies, people and shipment
manifests joined with the listed entities of the store on shared addresses,
phones, e-mails and domains, identifiers, directors, owners and
registration batches, and ranks every company by how close it stands to
listed parties, with the paths that explain it.

  import  reads companies*.jsonl|csv, people*.jsonl|csv and
          shipments*.jsonl|csv (see docs/graph.md for the fields) and keeps
          them beside the database (replacing what was imported before,
          unless --append).
  risk    scores every imported company against the current list snapshots
          (import lists first with "tripline import"). --json writes one
          object per company: {"id","risk","flagged","linked_to","paths",...};
          without it, a table of the flagged companies.
  path    a shortest path between two nodes (company, person or listed
          ids, e.g. c0001 ofac-sdn:12345), avoiding values held by more
          than --max-holders.
  show    the neighbourhood of a node as JSON nodes and edges.
  synth   writes a synthetic book of N companies (with fronts planted for
          the listed entities of the store, and their truth.jsonl) to DIR,
          for benchmarks.

Designation dates: --listed-by PATH=DATE says that every entity in the list
file(s) at PATH was listed by DATE (e.g. an older snapshot);
--list-date DATE is the date by which the current lists were published.
A company registered after its listed neighbour's designation counts more.

Examples:
  tripline import ../shared/data/lists/ofac_sdn
  tripline graph import ../shared/eval/network-dev
  tripline graph risk --json --listed-by ../shared/data/snapshots/ofac_sdn-2024-07-02/sdn.csv=2024-07-02 \
      --list-date 2025-01-06 > network-out.jsonl
  tripline graph path c0236 ofac-sdn:13116
`

func init() {
	register(&command{Name: "graph", Summary: "front-company networks: import records, rank by risk, show paths", Run: runGraph})
}

func runGraph(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(graphUsage))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "import":
		return runGraphImport(ctx, m, args[1:])
	case "risk":
		return runGraphRisk(ctx, m, args[1:])
	case "path":
		return runGraphPath(ctx, m, args[1:])
	case "show":
		return runGraphShow(ctx, m, args[1:])
	case "synth":
		return runGraphSynth(ctx, m, args[1:])
	}
	fmt.Fprintf(m.Stderr, "tripline graph: unknown subcommand %q\n\n%s\n", args[0], strings.TrimSpace(graphUsage))
	return errUsage
}

// graphBookPath is where graph import keeps the user's records: beside an
// SQLite database file, so that each database has its own book; for a
// database URL (PostgreSQL), in the default data folder.
func (m *Main) graphBookPath() string {
	if strings.Contains(m.DBPath, "://") {
		return filepath.Join(filepath.Dir(m.defaultDBPath()), "graph-book.json")
	}
	return m.DBPath + ".graph.json"
}

func runGraphImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("graph import", graphUsage)
	appendMode := fs.Bool("append", false, "add to the records imported before instead of replacing them")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(m.Stderr, "tripline graph import: give a folder or files")
		return errUsage
	}
	var files []string
	for _, p := range fs.Args() {
		fi, err := os.Stat(p)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "%s: no such file or folder", p)
		}
		if !fi.IsDir() {
			if _, _, ok := graph.RecordKind(p); !ok {
				return tripline.Errorf(tripline.KindInvalid, "%s: not a companies, people or shipments file (.jsonl or .csv)", p)
			}
			files = append(files, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return &tripline.Error{Op: "graph import", Kind: tripline.KindInternal, Err: err}
		}
		for _, e := range ents {
			if _, _, ok := graph.RecordKind(e.Name()); ok && !e.IsDir() {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	if len(files) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "no companies, people or shipments files found")
	}
	book := &graph.Book{}
	if *appendMode {
		old, err := m.loadBook()
		if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
			return err
		}
		if old != nil {
			book = old
		}
	}
	for _, f := range files {
		if err := readBookFile(book, f); err != nil {
			return err
		}
	}
	if err := m.saveBook(book); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "imported %d companies, %d people, %d shipments from %d files into %s\n",
		len(book.Companies), len(book.People), len(book.Shipments), len(files), m.graphBookPath())
	return nil
}

func readBookFile(book *graph.Book, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "%s: cannot open: %v", path, err)
	}
	defer f.Close()
	return book.Read(bufio.NewReaderSize(f, 1<<16), path)
}

func (m *Main) saveBook(book *graph.Book) error {
	p := m.graphBookPath()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return &tripline.Error{Op: "graph import", Kind: tripline.KindInternal, Err: err}
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".graph-*.json")
	if err != nil {
		return &tripline.Error{Op: "graph import", Kind: tripline.KindInternal, Err: err}
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = book.WriteJSON(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Close()
	} else {
		tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return &tripline.Error{Op: "graph import", Kind: tripline.KindInternal, Err: err}
	}
	return nil
}

func (m *Main) loadBook() (*graph.Book, error) {
	f, err := os.Open(m.graphBookPath())
	if os.IsNotExist(err) {
		return nil, tripline.Errorf(tripline.KindNotFound, "no records imported yet: run \"tripline graph import\" first")
	}
	if err != nil {
		return nil, &tripline.Error{Op: "graph", Kind: tripline.KindInternal, Err: err}
	}
	defer f.Close()
	return graph.ReadBookJSON(bufio.NewReaderSize(f, 1<<16))
}

// graphFlags are the flags shared by the commands that build the graph.
type graphFlags struct {
	sources  *string
	listDate *string
	listedBy multiFlag
	timings  bool
	match    bool
}

type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ",") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }

func (m *Main) graphFlagSet(name string) (*flag.FlagSet, *graphFlags) {
	fs := m.newFlagSet(name, graphUsage)
	gf := &graphFlags{}
	gf.sources = fs.String("sources", "", "comma-separated source ids to load (default: all current snapshots)")
	gf.listDate = fs.String("list-date", "", "date (YYYY-MM-DD) by which the current lists' entities were listed")
	fs.Var(&gf.listedBy, "listed-by", "PATH=DATE: entities in the list file(s) at PATH were listed by DATE (repeatable)")
	fs.BoolVar(&gf.match, "match", false, "also resolve company names with the screening engine (match), verified like the built-in matcher")
	return fs, gf
}

// buildGraph loads the book and the current lists and builds the graph.
func (m *Main) buildGraph(ctx context.Context, gf *graphFlags) (*graph.Graph, error) {
	t0 := time.Now()
	book, err := m.loadBook()
	if err != nil {
		return nil, err
	}
	if gf.timings {
		fmt.Fprintf(m.Stderr, "load records: %.2fs\n", time.Since(t0).Seconds())
		t0 = time.Now()
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	var filter tripline.EntityFilter
	if *gf.sources != "" {
		filter.Sources = strings.Split(*gf.sources, ",")
	}
	var listed []*tripline.Entity
	if err := store.EachEntity(ctx, filter, func(e *tripline.Entity) error {
		listed = append(listed, e)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(listed) == 0 {
		fmt.Fprintln(m.Stderr, "tripline graph: warning: no listed entities in the store; import lists first (tripline import DIR)")
	}
	if gf.timings {
		fmt.Fprintf(m.Stderr, "load lists: %.2fs (%d entities)\n", time.Since(t0).Seconds(), len(listed))
	}
	listedBy := map[string]string{}
	for _, spec := range gf.listedBy {
		path, date, ok := strings.Cut(spec, "=")
		if !ok || !isISODate(date) {
			return nil, tripline.Errorf(tripline.KindInvalid, "--listed-by %q: want PATH=YYYY-MM-DD", spec)
		}
		jobs, _, err := ingest.Plan([]string{path}, "")
		if err != nil {
			return nil, err
		}
		for _, job := range jobs {
			ds, err := ingest.Read(ctx, job, ingest.Options{})
			if err != nil {
				return nil, err
			}
			for _, e := range ds.Entities {
				if old, ok := listedBy[e.ID]; !ok || date < old {
					listedBy[e.ID] = date
				}
			}
		}
	}
	if *gf.listDate != "" && !isISODate(*gf.listDate) {
		return nil, tripline.Errorf(tripline.KindInvalid, "--list-date %q: want YYYY-MM-DD", *gf.listDate)
	}
	opt := graph.Options{
		CountryName: country.Name,
		CountryCode: country.Code,
		ListedBy: func(e *tripline.Entity) string {
			if d, ok := listedBy[e.ID]; ok {
				return d
			}
			if e.ListedOn != "" {
				return e.ListedOn
			}
			return *gf.listDate
		},
	}
	if gf.match {
		t := time.Now()
		opt.Screener = match.NewScreener(match.NewIndex(match.DefaultConfig(), listed))
		if gf.timings {
			fmt.Fprintf(m.Stderr, "name index: %.2fs\n", time.Since(t).Seconds())
		}
	}
	t0 = time.Now()
	g, err := graph.Build(ctx, book, listed, opt)
	if gf.timings && err == nil {
		fmt.Fprintf(m.Stderr, "build: %.2fs (%s)\n", time.Since(t0).Seconds(), g)
	}
	return g, err
}

func isISODate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func runGraphRisk(ctx context.Context, m *Main, args []string) error {
	fs, gf := m.graphFlagSet("graph risk")
	asJSON := fs.Bool("json", false, "one JSON object per company")
	all := fs.Bool("all", false, "table: list every company with a risk above 0, not only the flagged")
	asOf := fs.String("as-of", time.Now().UTC().Format("2006-01-02"), "reference date for company age")
	timings := fs.Bool("timings", false, "print the time of each stage to stderr")
	if err := parse(fs, args); err != nil {
		return err
	}
	gf.timings = *timings
	g, err := m.buildGraph(ctx, gf)
	if err != nil {
		return err
	}
	t0 := time.Now()
	scores := g.Score(*asOf)
	if *timings {
		fmt.Fprintf(m.Stderr, "score: %.2fs\n", time.Since(t0).Seconds())
		defer func(t time.Time) { fmt.Fprintf(m.Stderr, "write: %.2fs\n", time.Since(t).Seconds()) }(time.Now())
	}
	if *asJSON {
		w := bufio.NewWriterSize(m.Stdout, 1<<16)
		enc := json.NewEncoder(w)
		for _, r := range scores.Results {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return w.Flush()
	}
	rs := scores.Ranked(false)
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRISK\tNAME\tLINKED TO\tTOP EVIDENCE")
	n := 0
	for _, r := range rs {
		if !r.Flagged && !(*all && r.Risk > 0) {
			continue
		}
		n++
		ev := ""
		if len(r.Paths) > 0 && len(r.Paths[0].Steps) > 0 {
			ev = r.Paths[0].Steps[0].Evidence
		}
		linked := r.LinkedTo
		if len(linked) > 3 {
			linked = append(linked[:3:3], fmt.Sprintf("+%d", len(r.LinkedTo)-3))
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t%s\n", r.ID, r.Risk, r.Name, strings.Join(linked, " "), ev)
	}
	tw.Flush()
	fmt.Fprintf(m.Stderr, "%d of %d companies flagged (risk >= %.2f); %s\n", countFlagged(rs), len(rs), graph.DefaultParams().FlagAt, g)
	return nil
}

func countFlagged(rs []graph.Result) int {
	n := 0
	for _, r := range rs {
		if r.Flagged {
			n++
		}
	}
	return n
}

func runGraphPath(ctx context.Context, m *Main, args []string) error {
	fs, gf := m.graphFlagSet("graph path")
	maxHolders := fs.Int("max-holders", 50, "do not pass through values held by more than N")
	asJSON := fs.Bool("json", false, "print the path as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(m.Stderr, "tripline graph path: give two ids")
		return errUsage
	}
	g, err := m.buildGraph(ctx, gf)
	if err != nil {
		return err
	}
	edges, nodes, err := g.ShortestPath(fs.Arg(0), fs.Arg(1), *maxHolders)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(map[string]any{"nodes": nodes, "edges": edges})
	}
	for i, n := range nodes {
		holders := ""
		if n.Holders > 0 {
			holders = fmt.Sprintf(" (%d holders)", n.Holders)
		}
		fmt.Fprintf(m.Stdout, "%s  %s%s\n", n.ID, n.Label, holders)
		if i < len(edges) {
			e := edges[i]
			extra := ""
			if e.Share > 0 {
				extra = fmt.Sprintf(" %.0f%%", e.Share*100)
			}
			if e.Count > 0 {
				extra = fmt.Sprintf(" ×%d", e.Count)
			}
			if e.Confidence > 0 {
				extra += fmt.Sprintf(" confidence %.2f", e.Confidence)
			}
			fmt.Fprintf(m.Stdout, "   │ %s %s→%s%s\n", e.Kind, shortID(e.From), shortID(e.To), extra)
		}
	}
	return nil
}

func shortID(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 && len(s) > 40 {
		return s[:min(len(s), 40)] + "…"
	}
	return s
}

func runGraphShow(ctx context.Context, m *Main, args []string) error {
	fs, gf := m.graphFlagSet("graph show")
	depth := fs.Int("depth", 2, "steps from the node")
	limit := fs.Int("limit", 200, "at most this many nodes")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, "tripline graph show: give one id")
		return errUsage
	}
	g, err := m.buildGraph(ctx, gf)
	if err != nil {
		return err
	}
	v, err := g.Neighbourhood(fs.Arg(0), *depth, *limit)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runGraphSynth(ctx context.Context, m *Main, args []string) error {
	fs, gf := m.graphFlagSet("graph synth")
	n := fs.Int("companies", 100000, "number of companies")
	seed := fs.Int64("seed", 1, "random seed")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *n <= 0 {
		fmt.Fprintln(m.Stderr, "tripline graph synth: give one output folder and a positive --companies")
		return errUsage
	}
	dir := fs.Arg(0)
	var listed []*tripline.Entity
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var filter tripline.EntityFilter
	if *gf.sources != "" {
		filter.Sources = strings.Split(*gf.sources, ",")
	}
	if err := store.EachEntity(ctx, filter, func(e *tripline.Entity) error {
		listed = append(listed, e)
		return nil
	}); err != nil {
		return err
	}
	book, st := synth.Generate(*n, *seed, listed)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "%s: cannot create: %v", dir, err)
	}
	write := func(name string, each func(enc *json.Encoder) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "%s: cannot create: %v", name, err)
		}
		w := bufio.NewWriterSize(f, 1<<16)
		err = each(json.NewEncoder(w))
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	err = write("companies.jsonl", func(enc *json.Encoder) error {
		for _, c := range book.Companies {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = write("people.jsonl", func(enc *json.Encoder) error {
			for _, p := range book.People {
				if err := enc.Encode(p); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = write("shipments.jsonl", func(enc *json.Encoder) error {
			for _, s := range book.Shipments {
				if err := enc.Encode(s); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		// truth.jsonl is not a record file: graph import skips it
		err = write("truth.jsonl", func(enc *json.Encoder) error {
			for _, c := range book.Companies {
				if err := enc.Encode(map[string]string{"id": c.ID, "front_for": st.FrontFor[c.ID]}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %d companies (%d fronts), %d people, %d shipments to %s\n", st.Companies, st.Fronts, len(book.People), st.Shipments, dir)
	return nil
}
