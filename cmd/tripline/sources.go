package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

const sourcesUsage = `
Usage: tripline sources [--json] [SOURCE]

Lists every imported source with its current snapshot: the snapshot id, the
publication date the file carries (if any), when it was imported, how many
entities it holds, the format it was read from, and for an official source
(see "tripline lists urls") its title; an official source read in another
format than its publisher's is marked. With SOURCE, lists every
snapshot of that source, newest first (the ids "tripline diff --from/--to"
and "tripline show --snapshot" take).

Examples:
  tripline sources
  tripline sources --json | jq '.[] | {source, entity_count}'
  tripline sources ofac-sdn                  # the snapshot history
`

func init() {
	register(&command{Name: "sources", Summary: "list imported sources and their current snapshots", Run: runSources})
}

// sourceRow is one line of sources --json.
type sourceRow struct {
	Source      string    `json:"source"`
	SnapshotID  int64     `json:"snapshot_id"`
	PublishedAt string    `json:"published_at,omitempty"`
	ImportedAt  time.Time `json:"imported_at"`
	EntityCount int       `json:"entity_count"`
	Format      string    `json:"format"`
	Hash        string    `json:"hash"`
	Snapshots   int       `json:"snapshots"`
	// Official says the source is in the registry of official
	// publications; Title is its title there.
	Official bool   `json:"official"`
	Title    string `json:"title,omitempty"`
	// PublisherFormat is the publisher's format when the current snapshot
	// was read in another (stored with --allow-format-change).
	PublisherFormat string `json:"publisher_format,omitempty"`
	// Overrides are the import guards overridden to store the current
	// snapshot.
	Overrides []string `json:"overrides,omitempty"`
}

func runSources(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("sources", sourcesUsage)
	asJSON := fs.Bool("json", false, "print the sources as a JSON array")
	if err := parse(fs, flagsFirst(args, nil)); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(m.Stderr, "tripline sources: takes at most one source id (see --help)")
		return errUsage
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	if fs.NArg() == 1 {
		return printHistory(ctx, m, store, fs.Arg(0), *asJSON)
	}
	cur, err := store.CurrentSnapshots(ctx)
	if err != nil {
		return err
	}
	rows := []sourceRow{}
	for _, s := range cur {
		all, err := store.Snapshots(ctx, s.Source)
		if err != nil {
			return err
		}
		row := sourceRow{Source: s.Source, SnapshotID: s.ID, PublishedAt: s.PublishedAt, ImportedAt: s.ImportedAt,
			EntityCount: s.EntityCount, Format: s.Format, Hash: s.Hash, Snapshots: len(all), Overrides: s.Overrides}
		if off, ok := ingest.OfficialSource(s.Source); ok {
			row.Official, row.Title = true, off.Title
			if off.Format != s.Format {
				row.PublisherFormat = off.Format
			}
		}
		rows = append(rows, row)
	}
	if *asJSON {
		return writeJSON(m.Stdout, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(m.Stdout, `No sources yet. Import lists with "tripline import PATH" or load the demo with "tripline demo".`)
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tSNAPSHOT\tPUBLISHED\tIMPORTED\tENTITIES\tFORMAT\tHISTORY\tTITLE")
	for _, r := range rows {
		pub := r.PublishedAt
		if pub == "" {
			pub = "-"
		}
		title, format := r.Title, r.Format
		if r.PublisherFormat != "" {
			format += " (publisher: " + r.PublisherFormat + ")"
		}
		if !r.Official {
			title = "(user list)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%s\t%d\t%s\n", r.Source, r.SnapshotID, pub, r.ImportedAt.Local().Format("2006-01-02 15:04"), r.EntityCount, format, r.Snapshots, title)
	}
	return tw.Flush()
}

// printHistory lists the snapshots of one source, newest first.
func printHistory(ctx context.Context, m *Main, store tripline.Store, source string, asJSON bool) error {
	snaps, err := store.Snapshots(ctx, source)
	if err != nil {
		return err
	}
	if len(snaps) == 0 {
		return tripline.Errorf(tripline.KindNotFound, "no snapshots of source %q (see \"tripline sources\")", source)
	}
	if asJSON {
		return writeJSON(m.Stdout, snaps)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SNAPSHOT\tCURRENT\tPUBLISHED\tIMPORTED\tENTITIES\tFORMAT\tHASH")
	for _, s := range snaps {
		cur, pub := "", s.PublishedAt
		if s.Current {
			cur = "*"
		}
		if pub == "" {
			pub = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%.12s\n", s.ID, cur, pub, s.ImportedAt.Local().Format("2006-01-02 15:04"), s.EntityCount, s.Format, s.Hash)
	}
	return tw.Flush()
}
