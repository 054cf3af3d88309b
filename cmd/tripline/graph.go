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
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/tabular"
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
       tripline graph export [--format graphml|gexf] [--all] [--out FILE]

Walks front-company networks: the user's own companies, people and shipment
manifests joined with the listed entities of the store on shared addresses,
phones, e-mails and domains, identifiers, directors, owners and
registration batches, and ranks every company by how close it stands to
listed parties, with the paths that explain it.

  import  reads companies*.jsonl|csv, people*.jsonl|csv and
          shipments*.jsonl|csv (see docs/graph.md for the fields) into the
          database, in one transaction, replacing every record imported
          before; with --append a record whose id is already stored
          replaces that one and the others are added. A bad row is
          reported with its file and line (every bad row, not only the
          first), and then nothing is imported. The import then fires the
          company watches whose risk, flag or paths moved (tripline watch
          --help).
  risk    scores every imported company against the current list snapshots
          (import lists first with "tripline import"). --json writes one
          object per company: {"id","risk","flagged","linked_to","paths",...};
          without it, a table of the flagged companies.
  path    a shortest path between two nodes (company, person or listed
          ids, e.g. c0001 ofac-sdn:12345), avoiding values held by more
          than --max-holders.
  show    the neighbourhood of a node as JSON nodes and edges.
  export  the graph as GraphML (yEd, Cytoscape, Maltego) or GEXF (Gephi):
          every node with its kind, label, risk, flagged and evidence,
          every edge with its relation, weight, confidence and evidence.
  synth   writes the synthetic records of N companies (with fronts planted for
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
  tripline graph export --format gexf --out network.gexf
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
	case "export":
		return runGraphExport(ctx, m, args[1:])
	}
	fmt.Fprintf(m.Stderr, "tripline graph: unknown subcommand %q\n\n%s\n", args[0], strings.TrimSpace(graphUsage))
	return errUsage
}

func runGraphImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("graph import", graphUsage)
	appendMode := fs.Bool("append", false, "merge with the records imported before (a record with a stored id replaces it) instead of replacing them all")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(m.Stderr, "tripline graph import: give a folder or files")
		return errUsage
	}
	recs, files, err := tabular.ReadNetworkFiles(ctx, fs.Args())
	if err != nil {
		return err
	}
	ns, err := m.networkStore(ctx)
	if err != nil {
		return err
	}
	mode := tripline.NetworkReplace
	if *appendMode {
		mode = tripline.NetworkMerge
	}
	st, rep, err := graph.Import(ctx, ns, recs, mode, m.factObservers(ctx)...)
	if err != nil {
		return err
	}
	defer m.printFactReport(rep)
	fmt.Fprintf(m.Stdout, "imported %d companies, %d people, %d shipments from %d files into %s (now %d companies, %d people, %d shipments; version %d)\n",
		len(recs.Companies), len(recs.People), len(recs.Shipments), len(files), m.dbName(), st.Companies, st.People, st.Shipments, st.Version)
	return nil
}

func (m *Main) networkStore(ctx context.Context) (tripline.NetworkStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ns, ok := st.(tripline.NetworkStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "this store does not hold network records")
	}
	return ns, nil
}

// legacyBookPath is where earlier versions kept the records: beside an
// SQLite file, or for a URL in the default data folder.
func (m *Main) legacyBookPath() string {
	if strings.Contains(m.DBPath, "://") {
		return filepath.Join(filepath.Dir(m.defaultDBPath()), "graph-book.json")
	}
	return m.DBPath + ".graph.json"
}

// networksFor serves the /v1/graph endpoints from st: the graph is rebuilt
// when the records or the lists' snapshots change. nil when st keeps no
// network records.
func networksFor(st tripline.Store) httpapi.Networks {
	ns, ok := st.(tripline.NetworkStore)
	if !ok {
		return nil
	}
	return &graph.Live{Source: graph.Source{Lists: st, Records: ns, Options: graph.Options{CountryName: country.Name, CountryCode: country.Code}}}
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

// buildGraph builds the graph from the store's records and current lists,
// as the flags say.
func (m *Main) buildGraph(ctx context.Context, gf *graphFlags) (*graph.Graph, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ns, err := m.networkStore(ctx)
	if err != nil {
		return nil, err
	}
	if *gf.listDate != "" && !isISODate(*gf.listDate) {
		return nil, tripline.Errorf(tripline.KindInvalid, "--list-date %q: want YYYY-MM-DD", *gf.listDate)
	}
	listedBy := &graph.ListedBy{Fallback: *gf.listDate}
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
			listedBy.Add(ds.Entities, date)
		}
	}
	src := &graph.Source{Lists: st, Records: ns,
		Options: graph.Options{CountryName: country.Name, CountryCode: country.Code, ListedBy: listedBy.Date}}
	if *gf.sources != "" {
		src.Sources = strings.Split(*gf.sources, ",")
	}
	if gf.match {
		src.Screener = func(listed []*tripline.Entity) tripline.Screener {
			return match.NewScreener(match.NewIndex(match.DefaultConfig(), listed))
		}
	}
	ld, err := src.Load(ctx)
	if tripline.ErrorKind(err) == tripline.KindNotFound {
		if _, serr := os.Stat(m.legacyBookPath()); serr == nil {
			return nil, tripline.Errorf(tripline.KindNotFound, "no network records in the database: they are kept there now, and %s, where earlier versions kept them, is no longer read; run \"tripline graph import\" again", m.legacyBookPath())
		}
	}
	if err != nil {
		return nil, err
	}
	if ld.Listed == 0 {
		fmt.Fprintln(m.Stderr, "tripline graph: warning: no listed entities in the store; import lists first (tripline import DIR)")
	}
	if gf.timings {
		for _, t := range ld.Timings {
			switch t.Stage {
			case "lists":
				fmt.Fprintf(m.Stderr, "load lists: %.2fs (%d entities)\n", t.Took.Seconds(), ld.Listed)
			case "build":
				fmt.Fprintf(m.Stderr, "build: %.2fs (%s)\n", t.Took.Seconds(), ld.Graph)
			case "screener":
				fmt.Fprintf(m.Stderr, "name index: %.2fs\n", t.Took.Seconds())
			default:
				fmt.Fprintf(m.Stderr, "load %s: %.2fs\n", t.Stage, t.Took.Seconds())
			}
		}
	}
	return ld.Graph, nil
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

func countFlagged(rs []tripline.NetworkRisk) int {
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
		return json.NewEncoder(m.Stdout).Encode(struct {
			Nodes []tripline.NetworkNode `json:"nodes"`
			Edges []tripline.NetworkEdge `json:"edges"`
		}{nodes, edges})
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
	recs, st := synth.Generate(*n, *seed, listed)
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
		for _, c := range recs.Companies {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = write("people.jsonl", func(enc *json.Encoder) error {
			for _, p := range recs.People {
				if err := enc.Encode(p); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = write("shipments.jsonl", func(enc *json.Encoder) error {
			for _, s := range recs.Shipments {
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
			for _, c := range recs.Companies {
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
	fmt.Fprintf(m.Stdout, "wrote %d companies (%d fronts), %d people, %d shipments to %s\n", st.Companies, st.Fronts, len(recs.People), st.Shipments, dir)
	return nil
}
