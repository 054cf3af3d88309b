package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/download"
	"github.com/tripline/tripline/ingest/official"
)

const listsUsage = `
Usage:
  tripline lists urls [--json]
  tripline lists update [--dir DIR] [--only SOURCES] [--base-url URL]
                        [--allow-shrink] [--allow-incomplete] [--reason TEXT]
                        [--no-rescreen] [--json]

"lists urls" prints the official publications Tripline reads, as their
format packages declare them: source id, format and download address of
every file (--json adds title, publisher, licence and what the format
guarantees about completeness). "lists update" downloads the current
publications from those addresses and imports them exactly as "tripline
import" does, with the same guards.

Each file is downloaded into a temporary file first, with timeouts, a size
cap and a status check; a source whose download or import fails keeps its
previous snapshot, and the other sources are still updated. So does one
whose new list is refused by an import guard: more than 5 % fewer entities
than its largest recent snapshot (override: --allow-shrink), or a missing
end-of-file marker (override: --allow-incomplete); an override needs
--reason TEXT, recorded in the audit trail. The exit code is 1 if any source
failed. Identical publications create no new snapshot; each new one
rescreens the books (see "tripline book") before the next source is
stored, unless --no-rescreen.

Examples:
  tripline lists urls
  tripline lists update                          # every list, files discarded
  tripline lists update --only ofac-sdn,un-sc    # just these sources
  tripline lists update --dir ~/lists            # keep the downloaded files
  tripline lists update --base-url http://mirror.internal/lists
      # fetch BASE/SOURCE/FILE from a mirror, e.g. .../ofac-sdn/sdn.csv
`

func init() {
	register(&command{Name: "lists", Summary: "show the official list URLs, or download and import the current lists", Run: runLists})
}

func runLists(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(listsUsage))
		return errUsage
	}
	switch args[0] {
	case "urls":
		return runListsURLs(m, args[1:])
	case "update":
		return runListsUpdate(ctx, m, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(m.Stderr, strings.TrimSpace(listsUsage))
		return nil
	}
	fmt.Fprintf(m.Stderr, "tripline lists: unknown subcommand %q (want urls or update)\n", args[0])
	return errUsage
}

func runListsURLs(m *Main, args []string) error {
	fs := m.newFlagSet("lists urls", listsUsage)
	asJSON := fs.Bool("json", false, "print the table as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, ingest.OfficialSources())
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tFORMAT\tFILE\tURL")
	for _, s := range ingest.OfficialSources() {
		if len(s.Files) == 0 {
			fmt.Fprintf(tw, "%s\t%s\t-\t(not downloaded: import its files)\n", s.ID, s.Format)
		}
		for _, f := range s.Files {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, s.Format, f.Name, f.URL)
		}
	}
	return tw.Flush()
}

func runListsUpdate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("lists update", listsUsage)
	dir := fs.String("dir", "", "keep the downloaded files in DIR/SOURCE/ (default: a temporary folder, removed afterwards)")
	only := fs.String("only", "", "comma-separated source ids to update (default: all; see \"tripline lists urls\")")
	base := fs.String("base-url", "", "download BASE/SOURCE/FILE from this mirror instead of the publishers")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	noRescreen := fs.Bool("no-rescreen", false, "do not rescreen the books (a running server or a later \"tripline book rescreen\" does)")
	guards := addGuardFlags(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline lists update: takes no arguments (see --help)")
		return errUsage
	}
	sources, err := selectLists(*only)
	if err != nil {
		return err
	}
	client, err := download.New(*base)
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "--base-url: %s", tripline.ErrorMessage(err))
	}
	im, err := m.importer(ctx, !*noRescreen)
	if err != nil {
		return err
	}
	var each func(ingest.UpdateResult)
	if !*asJSON {
		each = func(r ingest.UpdateResult) { printUpdateResult(m, r) }
	}
	results, err := im.Update(ctx, client, sources, *dir, guards.options(), each)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, results); err != nil {
			return err
		}
	}
	return updateFailure(results)
}

// printUpdateResult prints one source's update.
func printUpdateResult(m *Main, r ingest.UpdateResult) {
	switch {
	case r.Import == nil && r.Error != "":
		fmt.Fprintf(m.Stdout, "%-20s download failed: %s\n", r.Source, r.Error)
		return
	case r.Error != "":
		fmt.Fprintf(m.Stdout, "%-20s import failed: %s\n", r.Source, r.Error)
	case r.Import.Created:
		fmt.Fprintf(m.Stdout, "%-20s %d entities, new snapshot %d (%.1f MB)\n", r.Source, r.Import.Entities, r.Import.SnapshotID, float64(r.Downloaded)/1e6)
	default:
		fmt.Fprintf(m.Stdout, "%-20s unchanged, snapshot %d\n", r.Source, r.Import.SnapshotID)
	}
	if r.Import != nil {
		for _, n := range r.Import.Observed {
			fmt.Fprintf(m.Stdout, "%-20s %s\n", r.Source, n)
		}
		for _, e := range r.Import.ObserverErrors {
			fmt.Fprintf(m.Stdout, "%-20s WARNING %s\n", r.Source, e)
		}
	}
}

// updateFailure is the error of an update in which some sources failed,
// or whose after-commit steps failed; nil otherwise.
func updateFailure(results []ingest.UpdateResult) error {
	failed, observers := 0, 0
	for _, r := range results {
		if r.Error != "" {
			failed++
		}
		if r.Import != nil {
			observers += len(r.Import.ObserverErrors)
		}
	}
	switch {
	case failed > 0:
		return tripline.Errorf(tripline.KindUnavailable, "%d of %d sources failed to update; their previous snapshots stay current", failed, len(results))
	case observers > 0:
		return tripline.Errorf(tripline.KindInternal, "the snapshots are committed, but %d after-commit steps failed (see above)", observers)
	}
	return nil
}

// selectLists returns the downloadable official sources named in only
// (comma-separated), or all of them.
func selectLists(only string) ([]official.Source, error) {
	srcs, err := ingest.Downloadable(strings.Split(only, ","))
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "--only: %s", tripline.ErrorMessage(err))
	}
	return srcs, nil
}
