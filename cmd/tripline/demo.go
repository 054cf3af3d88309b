package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/decide"
	"github.com/tripline/tripline/demo"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/match/indexfile"
)

const demoUsage = `
Usage: tripline [--db PATH] demo [--json]

Loads the bundled demo lists into the database, shows what was loaded,
screens a few parties written with the variations real data has (another
order, Persian script, another legal form, another spelling, and a lawful
company that must not match), and checks one fictional order.
The demo data is FICTIONAL: three small lists written in the real OFAC SDN
CSV, EU FSF CSV and UN XML formats (Iranian, Venezuelan, Russian and North
Korean procurement fronts, persons with birth dates and passports, vessels,
an aircraft, weak aliases and "Linked To" remarks). They are stored as the
sources demo-ofac-sdn, demo-eu-fsf and demo-un-sc, apart from real lists.
The SDN list goes in twice, a first publication and an update, so that
"tripline diff demo-ofac-sdn" has a delta to show. Running the demo again
is harmless: identical files create no new snapshot.

Examples:
  tripline demo
  tripline --db /tmp/demo.db demo
  tripline show demo-ofac-sdn:90005
`

func init() {
	register(&command{Name: "demo", Summary: "load the bundled (fictional) demo lists and try Tripline", Run: runDemo})
}

// demoQueries show the kinds of variation screening survives; the last is
// a lawful business that must not match.
var demoQueries = []tripline.Query{
	{ID: "reordered person with birth year", Name: "Farhad Moradi", Type: "person", BirthDate: "1971"},
	{ID: "Persian script", Name: "فرهاد مرادی"},
	{ID: "other legal form", Name: "Golden Crescent General Trading FZCO"},
	{ID: "spelling variant", Name: "Kaveh Sanaat Aria Co."},
	{ID: "lawful company", Name: "Schmidt Bakery Supplies GmbH"},
}

// demoOrder is a fictional order with a listed buyer, CHPL goods and a
// transshipment route.
var demoOrder = tripline.Transaction{
	ID: "demo-order", Date: "2025-03-01",
	Parties: []tripline.Party{
		{Role: tripline.RoleBuyer, Name: "Golden Crescent Gen. Trading", Country: "AE", Email: "gc.trading@gmail.com", Registered: "2024-12-20"},
		{Role: tripline.RoleConsignee, Name: "Gulf Star Freight Forwarding LLC", Country: "AE"},
	},
	Items:   []tripline.Item{{Description: "32-bit microcontroller", PartNumber: "STM32F765VIT6", Quantity: 2000, UnitValue: 14, Currency: "USD"}},
	Route:   tripline.Route{Origin: "DE", Transit: []string{"AE"}, Destination: "IR"},
	Payment: tripline.Payment{Method: "wire", PayerCountry: "TR", Currency: "USD"},
}

// demoReport is what demo --json prints.
type demoReport struct {
	Imports   []ingest.Result    `json:"imports"`
	Failed    int                `json:"failed"`
	Screening []tripline.Result  `json:"screening,omitempty"`
	Order     *tripline.Decision `json:"order,omitempty"`
}

func runDemo(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("demo", demoUsage)
	asJSON := fs.Bool("json", false, "print the import report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline demo: takes no arguments (see --help)")
		return errUsage
	}
	dir, err := os.MkdirTemp("", "tripline-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := demo.Extract(dir); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	rep := demoReport{Imports: []ingest.Result{}}
	for _, d := range demo.Datasets {
		if d.HasUpdate() {
			// The first publication goes in only once; on later runs the
			// update is current and re-importing the first would flip it.
			snaps, err := store.Snapshots(ctx, d.Source)
			if err != nil {
				return err
			}
			if len(snaps) > 0 {
				continue
			}
		}
		r, err := m.importPaths(ctx, []string{filepath.Join(dir, d.Dir)}, ingest.ImportOptions{Source: d.Source}, true)
		if err != nil {
			return err
		}
		rep.Imports = append(rep.Imports, r.Imports...)
		rep.Failed += r.Failed
	}
	if rep.Failed > 0 {
		printDemo(m.Stdout, m.dbName(), rep)
		return tripline.Errorf(tripline.KindInternal, "%d demo lists failed to import (a bug: the demo files are bundled)", rep.Failed)
	}
	if err := runDemoScreening(ctx, m, &rep); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	printDemo(m.Stdout, m.dbName(), rep)
	return nil
}

// runDemoScreening screens the demo queries and checks the demo order
// against the demo lists only.
func runDemoScreening(ctx context.Context, m *Main, rep *demoReport) error {
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var sources []string
	for _, d := range demo.Datasets {
		sources = append(sources, d.Source)
	}
	sc, _, _, err := indexfile.Load(ctx, st, sources, match.DefaultConfig(), m.indexDir())
	if err != nil {
		return err
	}
	qs := append([]tripline.Query(nil), demoQueries...)
	if rep.Screening, err = sc.Screen(ctx, qs, tripline.ScreenOptions{Limit: 3}); err != nil {
		return err
	}
	env, rs, err := loadDecide("", "")
	if err != nil {
		return err
	}
	order := demoOrder
	rep.Order, err = decide.New(sc, env, rs).Check(ctx, &order)
	return err
}

func printDemo(w io.Writer, db string, rep demoReport) {
	fmt.Fprintf(w, "Loaded the fictional demo lists into %s\n\n", db)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tENTITIES\tSNAPSHOT\tRESULT\tFORMAT")
	for _, r := range rep.Imports {
		result := "new"
		switch {
		case r.Error != "":
			result = "FAILED: " + r.Error
		case !r.Created:
			result = "unchanged"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", r.Source, r.Entities, r.SnapshotID, result, r.Format)
	}
	tw.Flush()
	if len(rep.Screening) > 0 {
		fmt.Fprintf(w, "\nScreening (algorithm %s, threshold %.2f):\n", rep.Screening[0].Algorithm, rep.Screening[0].Threshold)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "QUERY\tNAME\tBEST MATCH\tSCORE\tWHY")
		for i, r := range rep.Screening {
			best, score, why := "no match", "", ""
			if len(r.Matches) > 0 {
				mt := r.Matches[0]
				best, score = mt.ID+" "+mt.Name, fmt.Sprintf("%.2f", mt.Score)
				if mt.Explanation != nil {
					why, _, _ = strings.Cut(mt.Explanation.Summary, " — ")
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, demoQueries[i].Name, best, score, why)
		}
		tw.Flush()
	}
	if d := rep.Order; d != nil {
		fmt.Fprintf(w, "\nOrder check (%s): risk %s, score %.0f\n", d.ID, strings.ToUpper(string(d.Risk)), d.Score)
		for _, h := range d.PartyHits {
			fmt.Fprintf(w, "  %s %q is listed: %s %s (score %.2f)\n", h.Role, h.Party, h.ID, h.Name, h.Score)
		}
		for _, f := range d.Flags {
			fmt.Fprintf(w, "  [%s] %s (%s): %s\n", f.Severity, f.Rule, f.Category, f.Evidence)
		}
	}
	fmt.Fprint(w, `
Try:
  tripline sources                          the lists and their snapshots
  tripline show demo-ofac-sdn:90005         a procurement manager: DOB, passport, links
  tripline show demo-ofac-sdn:90008         a tanker with IMO and MMSI
  tripline show demo-un-sc:KPi.901          a UN listing with a weak ("Low") alias
  tripline diff demo-ofac-sdn               what the SDN update changed
  tripline explain --name "Farhad Moradi" demo-ofac-sdn:90005
  tripline serve                            the HTTP API (see /openapi.json)
`)
}
