package main

import (
	"context"
	"fmt"
	"os"
	"slices"
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
                        [--allow-shrink] [--allow-incomplete] [--reason TEXT] [--json]

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
failed. Identical publications create no new snapshot.

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

// updateResult is the outcome of updating one source.
type updateResult struct {
	Source     string         `json:"source"`
	Downloaded int64          `json:"downloaded_bytes"`
	Error      string         `json:"error,omitempty"`
	Import     *ingest.Result `json:"import,omitempty"`
}

func runListsUpdate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("lists update", listsUsage)
	dir := fs.String("dir", "", "keep the downloaded files in DIR/SOURCE/ (default: a temporary folder, removed afterwards)")
	only := fs.String("only", "", "comma-separated source ids to update (default: all; see \"tripline lists urls\")")
	base := fs.String("base-url", "", "download BASE/SOURCE/FILE from this mirror instead of the publishers")
	asJSON := fs.Bool("json", false, "print the report as JSON")
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
	root := *dir
	if root == "" {
		if root, err = os.MkdirTemp("", "tripline-lists-"); err != nil {
			return err
		}
		defer os.RemoveAll(root)
	}
	var results []updateResult
	failed := 0
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := updateResult{Source: src.ID}
		srcDir, n, err := client.Source(ctx, src, root)
		res.Downloaded = n
		if err != nil {
			res.Error = userMessage(err)
			failed++
			results = append(results, res)
			if !*asJSON {
				fmt.Fprintf(m.Stdout, "%-20s download failed: %s\n", src.ID, res.Error)
			}
			continue
		}
		rep, err := m.importPaths(ctx, []string{srcDir}, guards.options())
		switch {
		case err != nil:
			res.Error = userMessage(err)
		case len(rep.Imports) != 1:
			res.Error = fmt.Sprintf("expected one dataset in the download, found %d", len(rep.Imports))
		default:
			res.Import = &rep.Imports[0]
			res.Error = res.Import.Error
			if res.Error == "" && res.Import.Source != src.ID {
				res.Error = fmt.Sprintf("the download was read as source %s, not %s", res.Import.Source, src.ID)
			}
		}
		if res.Error != "" {
			failed++
		}
		results = append(results, res)
		if !*asJSON {
			switch {
			case res.Error != "":
				fmt.Fprintf(m.Stdout, "%-20s import failed: %s\n", src.ID, res.Error)
			case res.Import.Created:
				fmt.Fprintf(m.Stdout, "%-20s %d entities, new snapshot %d (%.1f MB)\n", src.ID, res.Import.Entities, res.Import.SnapshotID, float64(n)/1e6)
			default:
				fmt.Fprintf(m.Stdout, "%-20s unchanged, snapshot %d\n", src.ID, res.Import.SnapshotID)
			}
			if res.Import != nil {
				for _, e := range res.Import.ObserverErrors {
					fmt.Fprintf(m.Stdout, "%-20s WARNING %s\n", src.ID, e)
				}
			}
		}
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return tripline.Errorf(tripline.KindUnavailable, "%d of %d sources failed to update; their previous snapshots stay current", failed, len(sources))
	}
	return nil
}

// selectLists returns the downloadable official sources named in only
// (comma-separated), or all of them.
func selectLists(only string) ([]official.Source, error) {
	var all []official.Source
	for _, s := range ingest.OfficialSources() {
		if len(s.Files) > 0 {
			all = append(all, s)
		}
	}
	if strings.TrimSpace(only) == "" {
		return all, nil
	}
	var out []official.Source
	for _, id := range strings.Split(only, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		i := slices.IndexFunc(all, func(s official.Source) bool { return s.ID == id })
		if i < 0 {
			var ids []string
			for _, s := range all {
				ids = append(ids, s.ID)
			}
			return nil, tripline.Errorf(tripline.KindInvalid, "unknown source %q in --only (known: %s)", id, strings.Join(ids, ", "))
		}
		out = append(out, all[i])
	}
	return out, nil
}
