package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/ftm"
)

const exportUsage = `
Usage: tripline export [--format ftm|targets-csv] [--source S[,S...]] [--snapshot N] [--out FILE]

Writes the stored entities as FollowTheMoney (FtM) JSON lines, the format of
OpenSanctions, yente, nomenklatura and Aleph, valid for the FtM model: each
entity under an FtM id made from its Tripline id ("ofac-sdn:306" is
"ofac-sdn.306"), followed by the FtM entities that describe it (addresses,
passports and other identifications, sanctions, ownership and other
links). By default every source's current snapshot is written; --source
restricts the sources and --snapshot writes one (older) snapshot instead.

Only properties of the FtM schema are written, each value valid for its
type (lower-case ISO countries, ISO dates, one e-mail address or URL a
value, E.164 phone numbers, lengths within the type's limit), and links
reference only entities of the same file of a schema FtM allows there.
What FtM has no property for (a list's own fields such as "list" or
"secondary_sanctions_risk", a value not valid as it stands, a link to an
entity not exported) is kept in the entity's notes as
"[tripline KEY] VALUE", which "tripline import" reads back into place: an
export of one source imports back into that source unchanged, except that
name parts (given, family ...) come back on the primary name, as FtM keeps
them on the entity (docs/interop.md).

--format targets-csv writes OpenSanctions' targets.simple.csv instead: one
row an entity (id, schema, name, aliases, birth_date, countries, addresses,
identifiers, sanctions, phones, emails, program_ids, dataset, first_seen,
last_seen, last_change; several values joined by ";"), for spreadsheets
and the tools that read OpenSanctions' simple export. The ids are those of
the FtM export.

With --out the file is written whole or not at all (a temporary file is
renamed into place); without it the lines go to standard output.

Examples:
  tripline export --format ftm --out all.ftm.json
  tripline export --format ftm --source ofac-sdn,un-sc > sanctions.ftm.json
  tripline export --format ftm --snapshot 3 --out sdn-2024-07.ftm.json
  tripline export --format targets-csv --out targets.simple.csv
`

func init() {
	register(&command{Name: "export", Summary: "write stored entities as FollowTheMoney JSON lines or OpenSanctions' targets.simple.csv", Run: runExport})
}

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("export", exportUsage)
	format := fs.String("format", "ftm", "the output format: ftm (FollowTheMoney JSON lines) or targets-csv (OpenSanctions' targets.simple.csv)")
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
	var write func(context.Context, tripline.Store, tripline.EntityFilter, io.Writer) (int, error)
	switch *format {
	case "ftm":
		write = exportFtM
	case "targets-csv":
		write = exportTargets
	default:
		return tripline.Errorf(tripline.KindInvalid, "unknown export format %q (known: ftm, targets-csv)", *format)
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
	n := 0
	if err := writeOut(*out, m.Stdout, func(w io.Writer) error {
		var err error
		n, err = write(ctx, store, f, w)
		return err
	}); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintf(m.Stderr, "exported %d entities\n", n)
	} else {
		fmt.Fprintf(m.Stderr, "exported %d entities to %s\n", n, *out)
	}
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

// exportFtM streams the selected entities to w as FtM JSON lines. A first
// pass collects the ids and schemata of the entities exported, so that a
// link references only an entity of the file of a schema its FtM range
// admits (the others go to the entity's notes). Both passes read the same
// snapshots.
func exportFtM(ctx context.Context, store tripline.Store, f tripline.EntityFilter, w io.Writer) (int, error) {
	filters, err := snapshotFilters(ctx, store, f)
	if err != nil {
		return 0, err
	}
	targets := map[string]tripline.Schema{}
	for _, sf := range filters {
		if err := store.EachEntity(ctx, sf, func(e *tripline.Entity) error {
			targets[e.ID] = e.Schema
			return nil
		}); err != nil {
			return 0, err
		}
	}
	enc := ftm.NewEncoder(w, targets)
	n := 0
	for _, sf := range filters {
		err := store.EachEntity(ctx, sf, func(e *tripline.Entity) error {
			n++
			return enc.Encode(e)
		})
		if err != nil {
			return n, err
		}
	}
	return n, enc.Flush()
}

// exportTargets streams the selected entities to w as targets.simple.csv.
func exportTargets(ctx context.Context, store tripline.Store, f tripline.EntityFilter, w io.Writer) (int, error) {
	filters, err := snapshotFilters(ctx, store, f)
	if err != nil {
		return 0, err
	}
	tw := ftm.NewTargetsWriter(w)
	n := 0
	for _, sf := range filters {
		if err := store.EachEntity(ctx, sf, func(e *tripline.Entity) error {
			n++
			return tw.Write(e)
		}); err != nil {
			return n, err
		}
	}
	return n, tw.Flush()
}

// snapshotFilters pins a filter of current snapshots to the snapshots
// current now, one filter per snapshot, so that several passes over them
// read the same entities whatever is imported meanwhile.
func snapshotFilters(ctx context.Context, store tripline.Store, f tripline.EntityFilter) ([]tripline.EntityFilter, error) {
	if f.SnapshotID != 0 {
		return []tripline.EntityFilter{f}, nil
	}
	snaps, err := store.CurrentSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	var out []tripline.EntityFilter
	for _, sn := range snaps {
		if len(f.Sources) == 0 || slices.Contains(f.Sources, sn.Source) {
			out = append(out, tripline.EntityFilter{SnapshotID: sn.ID})
		}
	}
	return out, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
