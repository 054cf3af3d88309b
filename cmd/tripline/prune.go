package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
)

const pruneUsage = `
Usage: tripline prune --keep N [--keep-days D] [--source S[,S...]] [--dry-run] [--json]

Applies a retention policy to each source's snapshot history and removes
the other snapshots with their entities, giving the space back (SQLite
rewrites the database file, so it needs as much free disk space as the
database takes; PostgreSQL reuses the space after VACUUM, which prune runs
on the entities table). A snapshot is kept when it is
  - one of the N newest of its source (--keep, at least 1), or
  - imported within the last D days (--keep-days), or
  - the current snapshot of its source (always), or
  - pinned: cited by a record that must stay reproducible, such as an alert
    or a decision (always).
The audit trail ("tripline imports") is kept whole. --dry-run shows what
would be removed and removes nothing. History kept matters: "tripline diff"
compares snapshots, and the import guard compares a new publication with
the largest of the source's recent snapshots.

Examples:
  tripline prune --keep 10 --dry-run
  tripline prune --keep 5 --keep-days 90
  tripline prune --keep 3 --source ofac-sdn,un-sc --json
`

func init() {
	register(&command{Name: "prune", Summary: "remove old snapshots by a retention policy (never current or pinned ones)", Run: runPrune})
}

func runPrune(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("prune", pruneUsage)
	keep := fs.Int("keep", 0, "keep the N newest snapshots of each source (required, at least 1)")
	keepDays := fs.Int("keep-days", 0, "also keep every snapshot imported within the last D days")
	sources := fs.String("source", "", "comma-separated source ids to prune (default: all)")
	dryRun := fs.Bool("dry-run", false, "show what would be removed, remove nothing")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline prune: takes no arguments (see --help)")
		return errUsage
	}
	if *keep < 1 {
		fmt.Fprintln(m.Stderr, "tripline prune: give --keep N, N at least 1 (see --help)")
		return errUsage
	}
	if *keepDays < 0 {
		return tripline.Errorf(tripline.KindInvalid, "--keep-days must not be negative, got %d", *keepDays)
	}
	p := tripline.PrunePolicy{Keep: *keep, DryRun: *dryRun}
	if *keepDays > 0 {
		p.KeepSince = time.Now().Add(-time.Duration(*keepDays) * 24 * time.Hour)
	}
	for _, s := range strings.Split(*sources, ",") {
		if s = strings.TrimSpace(s); s != "" {
			p.Sources = append(p.Sources, s)
		}
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	rs, ok := store.(tripline.Retention)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "this store cannot prune snapshots")
	}
	rep, err := rs.Prune(ctx, p)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	verb := "removed"
	if rep.DryRun {
		verb = "would remove"
	}
	if len(rep.Removed) > 0 {
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SOURCE\tSNAPSHOT\tIMPORTED\tENTITIES")
		for _, s := range rep.Removed {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%d\n", s.Source, s.ID, s.ImportedAt.Local().Format("2006-01-02 15:04"), s.EntityCount)
		}
		tw.Flush()
	}
	fmt.Fprintf(m.Stdout, "%s %d snapshots (%d entities); %d kept, %d of them only because they are pinned", verb, len(rep.Removed), rep.Entities, rep.Kept, rep.Pinned)
	if !rep.DryRun && rep.BytesBefore > 0 {
		fmt.Fprintf(m.Stdout, "; %.1f MB before, %.1f MB after", float64(rep.BytesBefore)/1e6, float64(rep.BytesAfter)/1e6)
	}
	fmt.Fprintln(m.Stdout)
	return nil
}
