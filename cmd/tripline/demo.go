package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/demo"
)

const demoUsage = `
Usage: tripline [--db PATH] demo [--json]

Loads the bundled demo lists into the database and shows what was loaded.
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

// demoScreenHook runs the screening part of the demo after the demo lists
// are imported. The screening code sets it from its own file's init; while
// it is nil the demo only loads and shows the lists.
var demoScreenHook func(ctx context.Context, m *Main, asJSON bool) error

// demoReport is what demo --json prints.
type demoReport struct {
	Imports []importResult `json:"imports"`
	Failed  int            `json:"failed"`
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
	rep := demoReport{Imports: []importResult{}}
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
		r, err := m.importPaths(ctx, []string{filepath.Join(dir, d.Dir)}, "", d.Source)
		if err != nil {
			return err
		}
		rep.Imports = append(rep.Imports, r.Imports...)
		rep.Failed += r.Failed
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, rep); err != nil {
			return err
		}
	} else {
		printDemo(m.Stdout, m.dbName(), rep)
	}
	if rep.Failed > 0 {
		return tripline.Errorf(tripline.KindInternal, "%d demo lists failed to import (a bug: the demo files are bundled)", rep.Failed)
	}
	if demoScreenHook != nil {
		return demoScreenHook(ctx, m, *asJSON)
	}
	return nil
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
	fmt.Fprint(w, `
Try:
  tripline sources                          the lists and their snapshots
  tripline show demo-ofac-sdn:90005         a procurement manager: DOB, passport, links
  tripline show demo-ofac-sdn:90008         a tanker with IMO and MMSI
  tripline show demo-un-sc:KPi.901          a UN listing with a weak ("Low") alias
  tripline diff demo-ofac-sdn               what the SDN update changed
`)
}
