package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
)

const importsUsage = `
Usage: tripline imports [--json] [--limit N]

Prints the import audit trail, newest first: every import attempt with who
ran it, when, which files, their content hash, and the outcome: created (a
new snapshot), unchanged (identical content, no snapshot) or rejected (with
the error shown to the user). Rejected imports never changed any snapshot.

Examples:
  tripline imports
  tripline imports --limit 5
  tripline imports --json | jq '.[] | select(.result == "rejected")'
`

func init() {
	register(&command{Name: "imports", Summary: "show the import audit trail (created, unchanged, rejected)", Run: runImports})
}

// importLog is implemented by stores that keep an import audit trail.
type importLog interface {
	Imports(ctx context.Context, limit int) ([]sqlite.ImportRecord, error)
}

func runImports(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("imports", importsUsage)
	asJSON := fs.Bool("json", false, "print the records as JSON")
	limit := fs.Int("limit", 50, "show at most N records (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline imports: takes no arguments (see --help)")
		return errUsage
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	log, ok := store.(importLog)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "this store keeps no import audit trail")
	}
	recs, err := log.Imports(ctx, *limit)
	if err != nil {
		return err
	}
	if recs == nil {
		recs = []sqlite.ImportRecord{}
	}
	if *asJSON {
		return writeJSON(m.Stdout, recs)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tWHO\tSOURCE\tRESULT\tSNAPSHOT\tENTITIES\tFILES\tERROR")
	for _, r := range recs {
		snap := "-"
		if r.SnapshotID != 0 {
			snap = fmt.Sprint(r.SnapshotID)
		}
		src := r.Source
		if src == "" {
			src = "(" + r.Format + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r.At.Local().Format("2006-01-02 15:04:05"), r.Actor, src, r.Result, snap, r.EntityCount, strings.Join(r.Files, " "), r.Error)
	}
	return tw.Flush()
}
