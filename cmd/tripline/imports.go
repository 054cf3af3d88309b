package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
)

const importsUsage = `
Usage: tripline imports [--json] [--limit N]

Prints the import audit trail, newest first: every import attempt with who
ran it (the OS user for the CLI; for the HTTP API the API key's name and id
and the client's address), when, which files (absolute paths; for uploads
the name the client gave) with the SHA-256 of each, the content hash, and
the outcome: created (a new snapshot), unchanged (identical content, no
snapshot) or rejected (with the error shown to the user, including the
refusals of the import guards). Rejected imports never changed any
snapshot. An import that overrode a guard shows the guard and the reason
given.

Examples:
  tripline imports
  tripline imports --limit 5
  tripline imports --json | jq '.[] | select(.result == "rejected")'
`

func init() {
	register(&command{Name: "imports", Summary: "show the import audit trail (created, unchanged, rejected)", Run: runImports})
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
	log, ok := store.(tripline.AuditLog)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "this store keeps no import audit trail")
	}
	recs, err := log.Imports(ctx, *limit)
	if err != nil {
		return err
	}
	if recs == nil {
		recs = []tripline.ImportRecord{}
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
		result := r.Result
		if len(r.Overrides) > 0 {
			result += fmt.Sprintf(" (overrode %s: %s)", strings.Join(r.Overrides, ", "), r.Reason)
		}
		who := tripline.Principal{Name: r.Actor, KeyID: r.KeyID, Addr: r.Client}.String()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r.At.Local().Format("2006-01-02 15:04:05"), who, src, result, snap, r.EntityCount, strings.Join(r.Files, " "), r.Error)
	}
	return tw.Flush()
}
