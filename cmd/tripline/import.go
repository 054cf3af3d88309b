package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/monitor"
)

const importUsage = `
Usage: tripline import [--format F] [--source NAME] [--allow-shrink] [--json] PATH...

Reads official list files and stores each source as a new snapshot. PATH is
a file or a folder; folders are searched recursively and every file of a
known format is read (one snapshot per source). Files of an unknown format
inside a folder are listed as skipped; README, PROVENANCE and checksum files
are ignored.

An import is atomic: a malformed or truncated file is reported with its file
and line and the source's previous snapshot stays current. So is a list that
parses but holds no entities, or less than half the entities of the current
snapshot (a file cut short at a row boundary): pass --allow-shrink if such a
drop is real. Other files in the same run are still imported; the exit code
is 1 if any failed.
Importing the same content again is recognised and creates no snapshot.

Examples:
  tripline import ~/lists                      # everything in a folder
  tripline import sdn.csv add.csv alt.csv      # one OFAC SDN CSV set
  tripline import --format eu-fsf-csv --source eu-test fsf-extract.csv
  tripline import --json ~/lists | jq '.imports[] | {source, entities}'
`

func init() {
	register(&command{Name: "import", Summary: "import list files or folders as new snapshots", Run: runImport})
}

// importResult is the outcome of one import job.
type importResult struct {
	Source       string   `json:"source,omitempty"`
	Format       string   `json:"format"`
	Files        []string `json:"files"`
	PublishedAt  string   `json:"published_at,omitempty"`
	Entities     int      `json:"entities"`
	SnapshotID   int64    `json:"snapshot_id,omitempty"`
	Created      bool     `json:"created"`
	Warnings     []string `json:"warnings,omitempty"`
	ReadSeconds  float64  `json:"read_seconds"`
	StoreSeconds float64  `json:"store_seconds"`
	Error        string   `json:"error,omitempty"`
}

// skippedFile is a file import found no format for.
type skippedFile struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// importReport is what import prints.
type importReport struct {
	Imports []importResult `json:"imports"`
	Skipped []skippedFile  `json:"skipped"`
	Seconds float64        `json:"seconds"`
	Failed  int            `json:"failed"`
	// Rescreens are the books rescreened after the new snapshots, and
	// WatchFires the watches that fired (book.go).
	Rescreens     []monitor.Report `json:"rescreens,omitempty"`
	WatchFires    int              `json:"watch_fires,omitempty"`
	RescreenError string           `json:"rescreen_error,omitempty"`
}

// rejectRecorder is implemented by stores that keep an audit record of
// imports that failed before reaching the store.
type rejectRecorder interface {
	RecordRejected(ctx context.Context, format string, files []string, cause error) error
}

func runImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("import", importUsage)
	format := fs.String("format", "", "read every file as this format instead of detecting it (one of: "+strings.Join(formatNames(), ", ")+")")
	source := fs.String("source", "", "store under this source id instead of the format's own (for user lists)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	allowShrink := fs.Bool("allow-shrink", false, "store a list even if it is empty or holds less than half the entities of the current snapshot")
	noRescreen := fs.Bool("no-rescreen", false, "do not rescreen the books (a running server or a later \"tripline book rescreen\" does)")
	if err := parse(fs, flagsFirst(args, map[string]bool{"format": true, "source": true})); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(m.Stderr, "tripline import: give at least one file or folder (see --help)")
		return errUsage
	}
	rep, err := m.importPathsOpt(ctx, fs.Args(), importOptions{Format: *format, Source: *source, AllowShrink: *allowShrink, NoRescreen: *noRescreen})
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
	if rep.Failed > 0 {
		return tripline.Errorf(tripline.KindInvalid, "%d of %d imports failed", rep.Failed, len(rep.Imports))
	}
	if rep.RescreenError != "" {
		return tripline.Errorf(tripline.KindInternal, "the books were not all rescreened: %s", rep.RescreenError)
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

// importOptions tune importPathsOpt.
type importOptions struct {
	// Format forces the format of every file ("" detects it).
	Format string
	// Source stores the single dataset under this source id.
	Source string
	// AllowShrink accepts a dataset with no entities, or with fewer than
	// half the entities of the source's current snapshot, which otherwise
	// is rejected as a probably truncated file.
	AllowShrink bool
	// NoRescreen leaves the books' rescreen after new snapshots to a
	// server or a later "tripline book rescreen".
	NoRescreen bool
}

// importPaths imports paths with the default options; see importPathsOpt.
func (m *Main) importPaths(ctx context.Context, paths []string, format, source string) (*importReport, error) {
	return m.importPathsOpt(ctx, paths, importOptions{Format: format, Source: source})
}

// shrinkGuard rejects ds when it holds no entities, or fewer than half of
// those of the current snapshot of its source: a file cut short at a row
// boundary can parse cleanly, and must not replace a good snapshot.
func shrinkGuard(ctx context.Context, store tripline.Store, ds *tripline.Dataset) error {
	if len(ds.Entities) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "%s: the files hold no entities; refusing to store an empty list (use --allow-shrink if that is right)", ds.Source)
	}
	snaps, err := store.Snapshots(ctx, ds.Source)
	if err != nil {
		return err
	}
	for _, s := range snaps {
		if s.Current && s.Hash != ds.Hash && len(ds.Entities) < s.EntityCount/2 {
			return tripline.Errorf(tripline.KindInvalid, "%s: the files hold %d entities, the current snapshot %d holds %d; a drop of more than half looks like a truncated file, so snapshot %d stays current (use --allow-shrink if the new list is right)",
				ds.Source, len(ds.Entities), s.ID, s.EntityCount, s.ID)
		}
	}
	return nil
}

// importPathsOpt plans, reads and stores paths: the shared path of import,
// lists update, demo and the HTTP API. It returns an error only when
// nothing could be attempted (bad arguments, no store); per-job failures
// are in the report.
func (m *Main) importPathsOpt(ctx context.Context, paths []string, o importOptions) (*importReport, error) {
	format, source := o.Format, o.Source
	start := time.Now()
	jobs, skipped, err := ingest.Plan(paths, format)
	if err != nil {
		return nil, err
	}
	if source != "" && len(jobs) > 1 {
		return nil, tripline.Errorf(tripline.KindInvalid, "--source names one source but the paths hold %d datasets; import them one at a time", len(jobs))
	}
	if len(jobs) == 0 {
		var why []string
		for _, s := range skipped {
			why = append(why, s.Path+": "+s.Reason)
		}
		if len(why) > 0 {
			return nil, tripline.Errorf(tripline.KindInvalid, "no list files found in %s (%s)", strings.Join(paths, ", "), strings.Join(why, "; "))
		}
		return nil, tripline.Errorf(tripline.KindInvalid, "no list files found in %s", strings.Join(paths, ", "))
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	rep := &importReport{Imports: make([]importResult, len(jobs)), Skipped: []skippedFile{}}
	for _, s := range skipped {
		rep.Skipped = append(rep.Skipped, skippedFile{Path: s.Path, Reason: s.Reason})
	}

	// Read up to readers jobs at once, biggest first so that a long read
	// (the UK ODS) overlaps the others; store each dataset as it arrives,
	// one at a time. A reader slot is freed only once its dataset is
	// stored, so at most readers datasets are in memory.
	readers := 1
	if len(jobs) > 1 && runtime.GOMAXPROCS(0) > 1 {
		readers = 2
	}
	order := make([]int, len(jobs))
	sizes := make([]int64, len(jobs))
	for i, job := range jobs {
		order[i], sizes[i] = i, fileutil.TotalSize(job.Files...)
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	type readOut struct {
		i    int
		ds   *tripline.Dataset
		err  error
		secs float64
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan readOut, len(jobs))
	slots := make(chan struct{}, readers)
	var board *progressBoard
	if m.IsTerminal {
		board = &progressBoard{w: m.Stderr}
	}
	go func() {
		for _, i := range order {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func(i int) {
				job := jobs[i]
				opt := ingest.Options{Source: source}
				label := job.Format.Name + " " + describeFiles(job.Files)
				opt.Progress = board.updater(label)
				t0 := time.Now()
				ds, err := ingest.Read(ctx, job, opt)
				board.finish(label)
				done <- readOut{i, ds, err, seconds(time.Since(t0))}
			}(i)
		}
	}()
	// Two datasets of one source in one run would leave only the last as
	// the current snapshot: the second is refused with what to do instead.
	fromFiles := map[string]string{}
	for range jobs {
		var r readOut
		select {
		case r = <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		job := jobs[r.i]
		res := importResult{Format: job.Format.Name, Files: job.Files, ReadSeconds: r.secs}
		if r.err != nil {
			res.Error = userMessage(r.err)
			rep.Failed++
			if rr, ok := store.(rejectRecorder); ok {
				rr.RecordRejected(ctx, job.Format.Name, job.Files, r.err)
			}
		} else {
			ds := r.ds
			res.Source, res.PublishedAt, res.Entities, res.Warnings = ds.Source, ds.PublishedAt, len(ds.Entities), ds.Warnings
			var err error
			if prev, dup := fromFiles[ds.Source]; dup {
				err = tripline.Errorf(tripline.KindInvalid, "source %s already came from %s in this run; import %s separately, or under another source with --source NAME", ds.Source, prev, describeFiles(job.Files))
				if rr, ok := store.(rejectRecorder); ok {
					rr.RecordRejected(ctx, job.Format.Name, job.Files, err)
				}
			} else {
				fromFiles[ds.Source] = describeFiles(job.Files)
			}
			if err == nil && !o.AllowShrink {
				if err = shrinkGuard(ctx, store, ds); err != nil {
					if rr, ok := store.(rejectRecorder); ok {
						rr.RecordRejected(ctx, job.Format.Name, job.Files, err)
					}
				}
			}
			if err == nil {
				t1 := time.Now()
				var snap tripline.Snapshot
				var created bool
				snap, created, err = store.Import(ctx, ds)
				res.StoreSeconds = seconds(time.Since(t1))
				res.SnapshotID, res.Created = snap.ID, created
			}
			if err != nil {
				res.Error = userMessage(err)
				res.SnapshotID, res.Created = 0, false
				rep.Failed++
			}
		}
		rep.Imports[r.i] = res
		<-slots
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !o.NoRescreen {
		m.rescreenAfterImport(ctx, store, rep)
	}
	rep.Seconds = seconds(time.Since(start))
	return rep, nil
}

func seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }

// describeFiles names a job's files briefly: the one file, or the folder
// and the count.
func describeFiles(files []string) string {
	if len(files) == 1 {
		return files[0]
	}
	return fmt.Sprintf("%s (%d files)", filepath.Dir(files[0]), len(files))
}

func printImportReport(m *Main, rep *importReport) {
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
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%.2fs\t%.2fs\t%s\n", r.Source, r.Entities, r.SnapshotID, result, r.ReadSeconds, r.StoreSeconds, describeFiles(r.Files))
	}
	tw.Flush()
	for _, r := range rep.Imports {
		if n := len(r.Warnings); n > 0 {
			fmt.Fprintf(m.Stdout, "%s: %d warnings, first: %s\n", r.Source, n, r.Warnings[0])
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
	printRescreens(m, rep)
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

// updater returns the Progress callback for one job.
func (b *progressBoard) updater(label string) func(done, total int64) {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	b.items = append(b.items, progressItem{label: label})
	b.mu.Unlock()
	return func(done, total int64) {
		b.mu.Lock()
		defer b.mu.Unlock()
		for i := range b.items {
			if b.items[i].label == label {
				b.items[i].done, b.items[i].total = done, total
			}
		}
		if time.Since(b.last) < 200*time.Millisecond && done < total {
			return
		}
		b.last = time.Now()
		b.draw()
	}
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
