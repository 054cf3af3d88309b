package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

const importUsage = `
Usage: tripline import [--format F] [--source NAME] [--allow-shrink] [--allow-format-change]
                       [--allow-incomplete] [--reason TEXT] [--no-rescreen] [--json] PATH...

Reads official list files and stores each source as a new snapshot. PATH is
a file or a folder; folders are searched recursively and every file of a
known format is read (one snapshot per source). Files of an unknown format
inside a folder are listed as skipped; README, PROVENANCE and checksum files
are ignored.

An import is atomic: a malformed or truncated file is reported with its file
and line and the source's previous snapshot stays current. The content is
the snapshot's identity: the same bytes again, under any file name, create
no snapshot. A list that parses is still refused, saying why and how to
override, when
  - it holds no entities, or more than 5 % fewer than the largest of the
    source's recent snapshots (a file cut short at a row boundary):
    --allow-shrink if the list really shrank;
  - it lacks what its format guarantees a whole publication has (the 0x1A
    end-of-file marker of every OFAC CSV file): --allow-incomplete;
  - it would replace an official source (see "tripline lists urls") with
    another format (an FtM export that would replace ofac-sdn):
    --allow-format-change if the publisher changed format, or import it
    under a source of your own with --source NAME.
An override needs --reason TEXT, which goes into the audit trail ("tripline
imports") with the override. Other files in the same run are still
imported; the exit code is 1 if any failed.

Every new snapshot fires the watches and rescreens the books (see "tripline
book") before the next dataset is stored; --no-rescreen leaves that to a
running server or a later "tripline book rescreen".

Examples:
  tripline import ~/lists                      # everything in a folder
  tripline import sdn.csv add.csv alt.csv      # one OFAC SDN CSV set
  tripline import --format eu-fsf-csv --source eu-test fsf-extract.csv
  tripline import --allow-shrink --reason "UN delisting of 2025-03-04" consolidated.xml
  tripline import --json ~/lists | jq '.imports[] | {source, entities}'
`

func init() {
	register(&command{Name: "import", Summary: "import list files or folders as new snapshots", Run: runImport})
}

// guardFlags are the override flags import and lists update share.
type guardFlags struct {
	shrink, formatChange, incomplete *bool
	reason                           *string
}

func addGuardFlags(fs *flag.FlagSet, formatChange bool) guardFlags {
	g := guardFlags{
		shrink:     fs.Bool("allow-shrink", false, "store a list even if it is empty or holds more than 5 % fewer entities than the source's largest recent snapshot (needs --reason)"),
		incomplete: fs.Bool("allow-incomplete", false, "store a publication that lacks its format's end-of-file marker (needs --reason)"),
		reason:     fs.String("reason", "", "why a guard is overridden; recorded in the audit trail"),
	}
	if formatChange {
		g.formatChange = fs.Bool("allow-format-change", false, "store an official source read in another format than its publisher's (needs --reason)")
	}
	return g
}

func (g guardFlags) options() ingest.ImportOptions {
	o := ingest.ImportOptions{AllowShrink: *g.shrink, AllowIncomplete: *g.incomplete, Reason: *g.reason}
	if g.formatChange != nil {
		o.AllowFormatChange = *g.formatChange
	}
	return o
}

func runImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("import", importUsage)
	format := fs.String("format", "", "read every file as this format instead of detecting it (one of: "+strings.Join(formatNames(), ", ")+")")
	source := fs.String("source", "", "store under this source id instead of the format's own (for user lists; lower-case letters, digits, '-' and '_')")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	noRescreen := fs.Bool("no-rescreen", false, "do not rescreen the books (a running server or a later \"tripline book rescreen\" does)")
	guards := addGuardFlags(fs, true)
	if err := parse(fs, flagsFirst(args, map[string]bool{"format": true, "source": true, "reason": true})); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(m.Stderr, "tripline import: give at least one file or folder (see --help)")
		return errUsage
	}
	o := guards.options()
	o.Format, o.Source = *format, *source
	rep, err := m.importPaths(ctx, fs.Args(), o, !*noRescreen)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, rep); err != nil {
			return err
		}
	} else {
		printImportReport(m, rep)
	}
	return importFailure(rep)
}

// importFailure is the error of a report with failed jobs or failed
// after-commit steps, nil otherwise.
func importFailure(rep *ingest.Report) error {
	observers := 0
	for _, r := range rep.Imports {
		observers += len(r.ObserverErrors)
	}
	switch {
	case rep.Failed > 0:
		return tripline.Errorf(tripline.KindInvalid, "%d of %d imports failed", rep.Failed, len(rep.Imports))
	case observers > 0:
		return tripline.Errorf(tripline.KindInternal, "the snapshots are committed, but %d after-commit steps failed (see above)", observers)
	}
	return nil
}

func formatNames() []string {
	var names []string
	for _, f := range ingest.Formats() {
		names = append(names, f.Name)
	}
	return names
}

// importer returns the guarded import path on the command's store. Its
// after-commit observers are the monitoring rescreen and the watch
// evaluator (company watches), when rescreen is set and the store keeps
// books and watches, then Main's SnapshotObservers.
func (m *Main) importer(ctx context.Context, rescreen bool) (*ingest.Importer, error) {
	store, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	return m.importerOn(store, rescreen, m.IsTerminal)
}

// importerOn is importer on st; progress draws the rescreen's progress on
// a terminal.
func (m *Main) importerOn(st tripline.Store, rescreen, progress bool) (*ingest.Importer, error) {
	im := &ingest.Importer{Store: st}
	if rescreen {
		ob, err := m.rescreenObserver(st, progress)
		if err != nil {
			return nil, err
		}
		if ob != nil {
			im.Observers = append(im.Observers, ob)
		}
		// A new list may move the network risk of a watched company.
		if e := evaluatorFor(st); e != nil {
			im.Observers = append(im.Observers, e)
		}
	}
	im.Observers = append(im.Observers, m.SnapshotObservers...)
	return im, nil
}

// importPaths imports paths through the guarded import path, drawing
// progress on a terminal; rescreen: see importer.
func (m *Main) importPaths(ctx context.Context, paths []string, o ingest.ImportOptions, rescreen bool) (*ingest.Report, error) {
	im, err := m.importer(ctx, rescreen)
	if err != nil {
		return nil, err
	}
	if m.IsTerminal {
		board := &progressBoard{w: m.Stderr}
		o.Progress = func(p ingest.ReadProgress) {
			label := p.Job.Format.Name + " " + describeFiles(p.Job.Files)
			if p.Finished {
				board.finish(label)
			} else {
				board.update(label, p.Done, p.Total)
			}
		}
	}
	return im.Import(ctx, paths, o)
}

// describeFiles names a job's files briefly: the one file, or the folder
// and the count.
func describeFiles(files []string) string {
	if len(files) == 1 {
		return files[0]
	}
	return fmt.Sprintf("%s (%d files)", filepath.Dir(files[0]), len(files))
}

func printImportReport(m *Main, rep *ingest.Report) {
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	if rep.Failed < len(rep.Imports) {
		fmt.Fprintln(tw, "SOURCE\tENTITIES\tSNAPSHOT\tRESULT\tREAD\tSTORE\tFILES")
	}
	for _, r := range rep.Imports {
		if r.Error != "" {
			continue
		}
		result := "new"
		if !r.Created {
			result = "unchanged"
		}
		if len(r.Overrides) > 0 {
			result += " (overrode " + strings.Join(r.Overrides, ", ") + ")"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%.2fs\t%.2fs\t%s\n", r.Source, r.Entities, r.SnapshotID, result, r.ReadSeconds, r.StoreSeconds, describeFiles(r.Files))
	}
	tw.Flush()
	for _, r := range rep.Imports {
		if n := len(r.Warnings); n > 0 {
			fmt.Fprintf(m.Stdout, "%s: %d warnings, first: %s\n", r.Source, n, r.Warnings[0])
		}
		for _, n := range r.Observed {
			fmt.Fprintln(m.Stdout, n)
		}
		for _, e := range r.ObserverErrors {
			fmt.Fprintf(m.Stdout, "WARNING %s\n", e)
		}
	}
	for _, r := range rep.Imports {
		if r.Error != "" {
			fmt.Fprintf(m.Stdout, "FAILED %s (%s): %s\n", describeFiles(r.Files), r.Format, r.Error)
		}
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(m.Stdout, "skipped %s: %s\n", s.Path, s.Reason)
	}
	fmt.Fprintf(m.Stdout, "%d imported, %d failed, %d files skipped in %.1fs\n", len(rep.Imports)-rep.Failed, rep.Failed, len(rep.Skipped), rep.Seconds)
}

// progressBoard draws one progress line on a terminal for the files being
// read; a nil board draws nothing.
type progressBoard struct {
	w     io.Writer
	mu    sync.Mutex
	items []progressItem
	last  time.Time
	shown bool
}

type progressItem struct {
	label       string
	done, total int64
}

// update records a job's progress and redraws the line now and then.
func (b *progressBoard) update(label string, done, total int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	found := false
	for i := range b.items {
		if b.items[i].label == label {
			b.items[i].done, b.items[i].total = done, total
			found = true
		}
	}
	if !found {
		b.items = append(b.items, progressItem{label: label, done: done, total: total})
	}
	if time.Since(b.last) < 200*time.Millisecond && done < total {
		return
	}
	b.last = time.Now()
	b.draw()
}

// finish removes a job from the line.
func (b *progressBoard) finish(label string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range b.items {
		if b.items[i].label == label {
			b.items = append(b.items[:i], b.items[i+1:]...)
			break
		}
	}
	if len(b.items) == 0 {
		if b.shown {
			fmt.Fprint(b.w, "\r\033[K")
			b.shown = false
		}
		return
	}
	b.draw()
}

func (b *progressBoard) draw() {
	var parts []string
	for _, it := range b.items {
		switch {
		case it.total > 0:
			parts = append(parts, fmt.Sprintf("%s %3d%% of %.1f MB", it.label, it.done*100/it.total, float64(it.total)/1e6))
		case it.done > 0:
			parts = append(parts, fmt.Sprintf("%s %.1f MB", it.label, float64(it.done)/1e6))
		}
	}
	if len(parts) == 0 {
		return
	}
	b.shown = true
	fmt.Fprintf(b.w, "\r\033[Kreading %s", strings.Join(parts, " | "))
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
