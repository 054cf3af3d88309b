package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
)

// Importer is the guarded import path: it plans the files given (Plan),
// reads them (Read, several jobs at once), checks every dataset against the
// import guards, stores it (Store.Import), tells the observers about every
// snapshot committed, and writes every refusal to the store's audit trail.
// "tripline import", "lists update", "demo" and POST /v1/imports all import
// through it. Store.Import is the low-level path below it: it writes what
// it is given and checks only what the store needs, so a library caller
// that wants the guards imports through an Importer too.
//
// The guards, in the order they are checked (see guards.go):
//
//   - admin: when the importing principal (tripline.PrincipalFrom(ctx)) has
//     a role, as an API key does, a source in the official registry
//     (OfficialSources) may only be replaced by an admin; no override.
//   - duplicate source: two datasets of one source in one run would leave
//     only the last; the second is refused (import it separately).
//   - format change: an official source read in another format than its
//     publisher's (an FtM file that would replace ofac-sdn); override
//     AllowFormatChange.
//   - incomplete: the file lacks what its format guarantees a whole
//     publication has (OFAC's 0x1A end-of-file marker); override
//     AllowIncomplete. A file cut mid-row, or XML whose root is not
//     closed, is a parse error and cannot be overridden.
//   - shrink: no entities, or more than ShrinkTolerance fewer than the
//     largest of the source's recent snapshots (the newest HistoryMin, and
//     any imported within HistoryWindow, back to the last one accepted
//     with a shrink override); override AllowShrink.
//
// An override needs a Reason; the guards overridden and the reason go into
// the audit trail and stay with the snapshot. Each refusal says why and how
// to override.
//
// After-commit hook: every observer in Observers is called, in order, after
// each newly committed snapshot with the snapshot that was current before
// (nil for a source's first) and the new one, before the next dataset is
// stored; an unchanged import calls none. What an observer did is in the
// job's Result (Observed). An observer's error does not undo the committed
// import: it is reported in the Result (ObserverErrors) and the next
// observer is still called. The monitoring rescreen (monitor.Observer)
// registers itself here, so every import path rescreens the books once per
// new snapshot.
type Importer struct {
	// Store is where datasets go; its audit trail (tripline.AuditLog), when
	// it keeps one, gets every refusal.
	Store tripline.Store
	// Observers are called after each newly committed snapshot.
	Observers []tripline.SnapshotObserver
	// Readers is how many jobs are read at once; 0 means 2 when there are
	// several jobs and more than one CPU, else 1. A reader slot is freed
	// only once its dataset is stored, so at most Readers datasets are in
	// memory.
	Readers int
	// Now is the clock of the history window (time.Now when nil).
	Now func() time.Time
}

// ImportOptions tune one Import.
type ImportOptions struct {
	// Format reads every file as this format instead of detecting it.
	Format string
	// Source stores the one dataset under this source id (user lists).
	Source string
	// AllowShrink, AllowFormatChange and AllowIncomplete override the
	// guards of those names; each needs Reason.
	AllowShrink       bool
	AllowFormatChange bool
	AllowIncomplete   bool
	// Reason says why a guard is overridden; it goes into the audit trail.
	Reason string
	// Names maps a file's path to the name shown and recorded for it: an
	// upload's temporary file to the name the client gave. Other files are
	// shown as given and recorded as absolute paths.
	Names map[string]string
	// Progress, when set, is called now and then while a job is read, and
	// once with Finished set when its read ends.
	Progress func(p ReadProgress)
}

// ReadProgress is one progress report of a job being read.
type ReadProgress struct {
	Job         Job
	Done, Total int64 // bytes read, total size of the job's files
	Finished    bool
}

// Report is the outcome of one Import.
type Report struct {
	// Imports has one result per job, in the order Plan found the jobs.
	Imports []Result `json:"imports"`
	// Skipped are the files found in folders that no format reads.
	Skipped []Skipped `json:"skipped"`
	Seconds float64   `json:"seconds"`
	// Failed counts the jobs not stored (read errors and refusals).
	Failed int `json:"failed"`
}

// Result is the outcome of one job.
type Result struct {
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
	// Error says why the job was not stored; empty on success.
	Error string `json:"error,omitempty"`
	// Refused names the guards that refused it ("shrink", "format-change",
	// "incomplete", "admin", "duplicate-source").
	Refused []string `json:"refused,omitempty"`
	// Overrides names the guards overridden to store it.
	Overrides []string `json:"overrides,omitempty"`
	// Observed are what the after-commit observers did, a line each
	// ("rescreened book customers ...").
	Observed []string `json:"observed,omitempty"`
	// ObserverErrors are the after-commit observers' errors: the snapshot
	// is committed all the same.
	ObserverErrors []string `json:"observer_errors,omitempty"`
	// Snapshot is the snapshot written or found unchanged.
	Snapshot *tripline.Snapshot `json:"-"`
	// Err is the error behind Error, for its kind.
	Err error `json:"-"`
}

// Import plans, reads, checks and stores paths (files or folders). It
// returns an error only when nothing could be attempted (bad options, no
// list files, a cancelled context); the outcome of each job is in the
// report.
func (im *Importer) Import(ctx context.Context, paths []string, o ImportOptions) (*Report, error) {
	start := time.Now()
	if err := o.validate(); err != nil {
		return nil, err
	}
	jobs, skipped, err := Plan(paths, o.Format)
	if err != nil {
		return nil, o.named(err)
	}
	if o.Source != "" && len(jobs) > 1 {
		return nil, tripline.Errorf(tripline.KindInvalid, "--source names one source but the paths hold %d datasets; import them one at a time", len(jobs))
	}
	if len(jobs) == 0 {
		var why []string
		for _, s := range skipped {
			why = append(why, o.show(s.Path)+": "+s.Reason)
		}
		var shown []string
		for _, p := range paths {
			shown = append(shown, o.show(p))
		}
		if len(why) > 0 {
			return nil, tripline.Errorf(tripline.KindInvalid, "no list files found in %s (%s)", strings.Join(shown, ", "), strings.Join(why, "; "))
		}
		return nil, tripline.Errorf(tripline.KindInvalid, "no list files found in %s", strings.Join(shown, ", "))
	}
	if im.Store == nil {
		return nil, tripline.Errorf(tripline.KindInternal, "ingest: Importer without a store")
	}
	rep := &Report{Imports: make([]Result, len(jobs)), Skipped: []Skipped{}}
	for _, s := range skipped {
		rep.Skipped = append(rep.Skipped, Skipped{Path: o.show(s.Path), Reason: s.Reason})
	}

	// Read up to readers jobs at once, biggest first so that a long read
	// (the UK ODS) overlaps the others; store each dataset as it arrives,
	// one at a time.
	readers := im.Readers
	if readers <= 0 {
		readers = 1
		if len(jobs) > 1 && runtime.GOMAXPROCS(0) > 1 {
			readers = 2
		}
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
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan readOut, len(jobs))
	slots := make(chan struct{}, readers)
	go func() {
		for _, i := range order {
			select {
			case slots <- struct{}{}:
			case <-rctx.Done():
				return
			}
			go func(i int) {
				job := jobs[i]
				opt := Options{Source: o.Source}
				if o.Progress != nil {
					opt.Progress = func(d, t int64) { o.Progress(ReadProgress{Job: job, Done: d, Total: t}) }
				}
				t0 := time.Now()
				ds, err := Read(rctx, job, opt)
				if o.Progress != nil {
					o.Progress(ReadProgress{Job: job, Done: sizes[i], Total: sizes[i], Finished: true})
				}
				done <- readOut{i, ds, err, seconds(time.Since(t0))}
			}(i)
		}
	}()
	run := &runState{fromFiles: map[string]string{}}
	for range jobs {
		var r readOut
		select {
		case r = <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		job := jobs[r.i]
		res := Result{Format: job.Format.Name, Files: o.shownAll(job.Files), ReadSeconds: r.secs}
		if r.err != nil {
			im.fail(ctx, &res, o, r.err, tripline.ImportRecord{Format: job.Format.Name, Files: o.recordedAll(job.Files)})
		} else {
			im.store(ctx, &res, o, job, r.ds, run)
		}
		if res.Error != "" {
			rep.Failed++
		}
		rep.Imports[r.i] = res
		<-slots
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep.Seconds = seconds(time.Since(start))
	return rep, nil
}

// runState is what one Import remembers across its jobs.
type runState struct {
	// fromFiles names, per source, the files it already came from.
	fromFiles map[string]string
}

// store checks ds against the guards and stores it.
func (im *Importer) store(ctx context.Context, res *Result, o ImportOptions, job Job, ds *tripline.Dataset, run *runState) {
	res.Source, res.PublishedAt, res.Entities, res.Warnings = ds.Source, ds.PublishedAt, len(ds.Entities), o.namedAll(ds.Warnings)
	ds.Files = o.recordedAll(ds.Files)
	ds.Reason = o.Reason
	rec := tripline.ImportRecord{Source: ds.Source, Format: ds.Format, Files: ds.Files, FileHashes: ds.FileHashes, Hash: ds.Hash, EntityCount: len(ds.Entities), Reason: o.Reason}
	if prev, dup := run.fromFiles[ds.Source]; dup {
		res.Refused = []string{GuardDuplicateSource}
		err := tripline.Errorf(tripline.KindInvalid, "source %s already came from %s in this run; import %s separately, or under another source with --source NAME", ds.Source, prev, o.describe(job.Files))
		im.fail(ctx, res, o, err, rec)
		return
	}
	run.fromFiles[ds.Source] = o.describe(job.Files)

	chk, err := im.check(ctx, ds, o)
	if err != nil {
		res.Refused = chk.refused
		im.fail(ctx, res, o, err, rec)
		return
	}
	ds.Overrides, res.Overrides = chk.overrides, chk.overrides
	t1 := time.Now()
	snap, created, err := im.Store.Import(ctx, ds)
	res.StoreSeconds = seconds(time.Since(t1))
	if err != nil {
		// The store wrote its own audit record of the rejection.
		res.Err, res.Error = err, o.named(err).Error()
		return
	}
	res.SnapshotID, res.Created, res.Snapshot = snap.ID, created, &snap
	if !created {
		return
	}
	for _, ob := range im.Observers {
		notes, err := ob.SnapshotCommitted(ctx, chk.current, snap)
		res.Observed = append(res.Observed, notes...)
		if err != nil {
			res.ObserverErrors = append(res.ObserverErrors, fmt.Sprintf("snapshot %d of %s is committed, but an after-commit step failed: %v", snap.ID, snap.Source, err))
		}
	}
}

// fail sets res to the failure err and writes rec, the rejection, to the
// audit trail.
func (im *Importer) fail(ctx context.Context, res *Result, o ImportOptions, err error, rec tripline.ImportRecord) {
	err = o.named(err)
	res.Err, res.Error, res.SnapshotID, res.Created = err, err.Error(), 0, false
	if al, ok := im.Store.(tripline.AuditLog); ok {
		rec.Error = err.Error()
		_ = al.RecordRejection(ctx, rec) // the refusal itself is what the user must see
	}
}

func (o ImportOptions) validate() error {
	if o.Source != "" {
		if err := tripline.ValidateSourceID(o.Source); err != nil {
			return err
		}
	}
	var flags []string
	for _, f := range []struct {
		on   bool
		name string
	}{{o.AllowShrink, "--allow-shrink"}, {o.AllowFormatChange, "--allow-format-change"}, {o.AllowIncomplete, "--allow-incomplete"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	if len(flags) > 0 && strings.TrimSpace(o.Reason) == "" {
		return tripline.Errorf(tripline.KindInvalid, "%s overrides an import guard and needs a reason for the audit trail: add --reason TEXT (API: reason=TEXT)", strings.Join(flags, " "))
	}
	if len(o.Reason) > 1000 {
		return tripline.Errorf(tripline.KindInvalid, "the reason is %d bytes long; keep it under 1000", len(o.Reason))
	}
	return nil
}

// show is path as shown to the user.
func (o ImportOptions) show(path string) string {
	if n, ok := o.Names[path]; ok {
		return n
	}
	return path
}

func (o ImportOptions) shownAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = o.show(p)
	}
	return out
}

// recordedAll are paths as the audit trail and the snapshot record them:
// the given names of uploads, the absolute paths of local files.
func (o ImportOptions) recordedAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if n, ok := o.Names[p]; ok {
			out[i] = n
		} else if a, err := filepath.Abs(p); err == nil {
			out[i] = a
		} else {
			out[i] = p
		}
	}
	return out
}

// describe names a job's files briefly: the one file, or the folder and
// the count.
func (o ImportOptions) describe(files []string) string {
	if len(files) == 1 {
		return o.show(files[0])
	}
	return fmt.Sprintf("%s (%d files)", o.hide(filepath.Dir(files[0])), len(files))
}

// hide replaces the paths of Names, and their folders, in s by the names
// given: no server temporary path reaches a message.
func (o ImportOptions) hide(s string) string {
	if len(o.Names) == 0 {
		return s
	}
	type pair struct{ from, to string }
	var pairs []pair
	for p, n := range o.Names {
		pairs = append(pairs, pair{p, n}, pair{filepath.Dir(p), "the upload"})
	}
	sort.Slice(pairs, func(i, j int) bool { return len(pairs[i].from) > len(pairs[j].from) })
	for _, p := range pairs {
		if p.from != "" && p.from != "." && p.from != "/" {
			s = strings.ReplaceAll(s, p.from, p.to)
		}
	}
	return s
}

func (o ImportOptions) namedAll(ss []string) []string {
	if len(o.Names) == 0 {
		return ss
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = o.hide(s)
	}
	return out
}

// named returns err with the paths of Names hidden in its text, keeping
// its kind; a parse error keeps its position, naming the file as given.
func (o ImportOptions) named(err error) error {
	if err == nil || len(o.Names) == 0 {
		return err
	}
	safe := &tripline.Error{Kind: tripline.ErrorKind(err)}
	if pe := tripline.ParseErrorOf(err); pe != nil && pe.Msg != "" && tripline.ErrorMessage(err) == tripline.ErrorMessage(pe) {
		safe.Msg, safe.Position = o.hide(pe.Msg), pe.Position
		safe.Position.File = o.hide(pe.File)
	} else {
		safe.Msg = o.hide(tripline.ErrorMessage(err))
	}
	return &namedError{msg: o.hide(err.Error()), safe: safe}
}

// namedError is an error whose texts have the upload's temporary paths
// replaced by the client's names; it keeps the kind, the safe message and
// the position of the error it stands for.
type namedError struct {
	msg  string
	safe *tripline.Error
}

func (e *namedError) Error() string { return e.msg }

// As lets tripline.ErrorKind, ErrorMessage and ParseErrorOf see the kind,
// the safe message and the position.
func (e *namedError) As(target any) bool {
	if t, ok := target.(**tripline.Error); ok {
		*t = e.safe
		return true
	}
	return false
}

func seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }
