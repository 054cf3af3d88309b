package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/ftm"
)

const exportUsage = `
Usage: tripline export --format ftm [--source S[,S...]] [--snapshot N] [--out FILE]

Writes the stored entities as FollowTheMoney (FtM) JSON lines, the format of
OpenSanctions and Aleph: each entity under its full Tripline id
("ofac-sdn:306"), followed by the FtM entities that describe it (addresses,
passports, sanctions, ownership and other links). By default every source's
current snapshot is written; --source restricts the sources and --snapshot
writes one (older) snapshot instead. The output reads back with
"tripline import" (format ftm-json).

With --out the file is written whole or not at all (a temporary file is
renamed into place); without it the lines go to standard output.

Examples:
  tripline export --format ftm --out all.ftm.json
  tripline export --format ftm --source ofac-sdn,un-sc > sanctions.ftm.json
  tripline export --format ftm --snapshot 3 --out sdn-2024-07.ftm.json
`

func init() {
	register(&command{Name: "export", Summary: "write stored entities as FollowTheMoney JSON lines", Run: runExport})
}

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("export", exportUsage)
	format := fs.String("format", "ftm", "the output format; only ftm (FollowTheMoney JSON lines) for now")
	sources := fs.String("source", "", "comma-separated source ids to export (default: all)")
	snap := fs.Int64("snapshot", 0, "export this snapshot instead of the current ones")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline export: takes no arguments, only flags (see --help)")
		return errUsage
	}
	if *format != "ftm" {
		return tripline.Errorf(tripline.KindInvalid, "unknown export format %q (known: ftm)", *format)
	}
	f := tripline.EntityFilter{SnapshotID: *snap}
	for _, s := range strings.Split(*sources, ",") {
		if s = strings.TrimSpace(s); s != "" {
			f.Sources = append(f.Sources, s)
		}
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	if err := checkSources(ctx, store, f); err != nil {
		return err
	}
	if *out == "" {
		n, err := exportFtM(ctx, store, f, m.Stdout)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "exported %d entities\n", n)
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".tmp-")
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot write %s: %v", *out, unwrapPathErr(err))
	}
	defer os.Remove(tmp.Name())
	n, err := exportFtM(ctx, store, f, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot write %s: %v", *out, unwrapPathErr(err))
	}
	fmt.Fprintf(m.Stderr, "exported %d entities to %s\n", n, *out)
	return nil
}

// checkSources fails for a source with no snapshot, so that a typo does
// not silently export nothing.
func checkSources(ctx context.Context, store tripline.Store, f tripline.EntityFilter) error {
	for _, s := range f.Sources {
		snaps, err := store.Snapshots(ctx, s)
		if err != nil {
			return err
		}
		if len(snaps) == 0 {
			return tripline.Errorf(tripline.KindNotFound, "no source %q (see \"tripline sources\")", s)
		}
	}
	return nil
}

// exportFtM streams the selected entities to w as FtM JSON lines.
func exportFtM(ctx context.Context, store tripline.Store, f tripline.EntityFilter, w io.Writer) (int, error) {
	enc := ftm.NewEncoder(w)
	n := 0
	err := store.EachEntity(ctx, f, func(e *tripline.Entity) error {
		n++
		return enc.Encode(e)
	})
	if err != nil {
		return n, err
	}
	return n, enc.Flush()
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
