// Package ingest detects the format of official list files and dispatches
// them to the reader of that format, and imports them through the import
// guards. Each format lives in a sub-package (ofac, csl, dpl, eu, un,
// ukofsi, uksl, dfat, ftm) that turns its files into a tripline.Dataset and
// declares the official publications it reads (OfficialSources collects
// them); this package groups files into jobs (Plan), calls the readers
// (Read), and runs the pipeline (Importer).
//
// Importer is the guarded path that every Tripline import takes (the CLI's
// import, lists update and demo, and POST /v1/imports): it refuses a list
// that shrank, lacks its end marker, changed format, or would replace an
// official source without an admin, unless the user overrides with a
// reason; it audits refusals; and it calls its SnapshotObservers after each
// committed snapshot (the after-commit hook; see Importer). Store.Import is
// the low-level path beneath it, which applies none of the guards.
package ingest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
)

// Options are passed through to the readers.
type Options = fileutil.Options

// Format is one official list format.
type Format struct {
	// Name identifies the format ("ofac-csv", "eu-fsf-csv" ...).
	Name string
	// Description is one line for --help and error messages.
	Description string
	// Detect reports whether a file, given its base name and first bytes
	// (up to 4 KiB), is of this format.
	Detect func(name string, head []byte) bool
	// Sniff, when not nil, confirms a Detect match by reading the file at
	// path: for zip containers (xlsx, ods) whose identifying content, such
	// as a sheet's header row, lies beyond the first bytes.
	Sniff func(path string) bool
	// Read parses the files of one job (all files of this format found in
	// one directory) into a dataset. It returns a parse error (tripline.ParseErrorf) for
	// a malformed file.
	Read func(ctx context.Context, files []string, opt Options) (*tripline.Dataset, error)
}

// Job is one dataset to read: a format and its files.
type Job struct {
	Format *Format
	Files  []string
}

// Skipped is a file Plan found no format for.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Formats returns the known formats, in detection order.
func Formats() []*Format { return formats }

// FormatByName returns the format called name, or nil.
func FormatByName(name string) *Format {
	for _, f := range formats {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// ignored files are documentation that travels with list downloads.
func ignored(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, ".") || strings.HasPrefix(n, "provenance") || strings.HasPrefix(n, "readme") ||
		n == "sha256sums" || strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".sha256")
}

// Plan walks paths (files or directories) and groups the files into jobs,
// one per format per directory. A file given explicitly whose format cannot
// be detected is an error; such a file found inside a directory is returned
// in skipped. With force set, every file is read as that format.
func Plan(paths []string, force string) (jobs []Job, skipped []Skipped, err error) {
	var forced *Format
	if force != "" {
		if forced = FormatByName(force); forced == nil {
			return nil, nil, tripline.Errorf(tripline.KindInvalid, "unknown format %q (known: %s)", force, strings.Join(formatNames(), ", "))
		}
	}
	type key struct {
		dir    string
		format *Format
	}
	groups := map[key][]string{}
	var order []key
	add := func(path string, explicit bool) error {
		f := forced
		if f == nil {
			var reason string
			f, reason = detect(path)
			if f == nil {
				if explicit {
					return tripline.Errorf(tripline.KindInvalid, "%s: %s; name the format with --format (one of %s)", path, reason, strings.Join(formatNames(), ", "))
				}
				skipped = append(skipped, Skipped{Path: path, Reason: reason})
				return nil
			}
		}
		k := key{filepath.Dir(path), f}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], path)
		return nil
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, nil, tripline.Errorf(tripline.KindInvalid, "cannot read %s: %v", p, unwrapPathErr(err))
		}
		if !fi.IsDir() {
			if err := add(p, true); err != nil {
				return nil, nil, err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if ignored(d.Name()) || !d.Type().IsRegular() {
				return nil
			}
			return add(path, false)
		})
		if err != nil {
			return nil, nil, tripline.Errorf(tripline.KindInvalid, "cannot read %s: %v", p, unwrapPathErr(err))
		}
	}
	for _, k := range order {
		files := groups[k]
		sort.Strings(files)
		jobs = append(jobs, Job{Format: k.format, Files: files})
	}
	return jobs, skipped, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func formatNames() []string {
	var s []string
	for _, f := range formats {
		s = append(s, f.Name)
	}
	return s
}

func detect(path string) (*Format, string) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathErr(err).Error()
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(fh, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err.Error()
	}
	head = head[:n]
	if n == 0 {
		return nil, "the file is empty"
	}
	name := filepath.Base(path)
	for _, f := range formats {
		if f.Detect(name, head) && (f.Sniff == nil || f.Sniff(path)) {
			return f, ""
		}
	}
	return nil, "not a known list format"
}

// Read runs one job and fills in the dataset's files, their SHA-256 and
// the content hash (fileutil.HashFiles) when the reader left them empty.
func Read(ctx context.Context, job Job, opt Options) (*tripline.Dataset, error) {
	ds, err := job.Format.Read(ctx, job.Files, opt)
	if err != nil {
		return nil, err
	}
	if ds.Format == "" {
		ds.Format = job.Format.Name
	}
	if opt.Source != "" {
		retag(ds, opt.Source)
	}
	if len(ds.Files) == 0 {
		ds.Files = job.Files
	}
	if len(ds.FileHashes) != len(ds.Files) {
		if ds.FileHashes, err = fileutil.FileHashes(ds.Files...); err != nil {
			return nil, &tripline.Error{Op: "ingest.Read", Kind: tripline.KindInvalid, Msg: "cannot hash input files", Err: err}
		}
	}
	if ds.Hash == "" {
		ds.Hash = fileutil.CombineHashes(ds.FileHashes)
	}
	if ds.Source == "" {
		return nil, fmt.Errorf("ingest: format %s produced no source id", job.Format.Name)
	}
	return ds, nil
}

// retag moves every entity of ds to source, and the links between them.
func retag(ds *tripline.Dataset, source string) {
	moved := make(map[string]string, len(ds.Entities))
	for _, e := range ds.Entities {
		id := source + ":" + e.SourceID
		moved[e.ID] = id
		e.Source, e.ID = source, id
	}
	ds.Source = source
	for _, e := range ds.Entities {
		for i, l := range e.Links {
			if id, ok := moved[l.TargetID]; ok {
				e.Links[i].TargetID = id
			}
		}
	}
}
