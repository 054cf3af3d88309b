package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
)

const diffUsage = `
Usage: tripline diff [--from SNAPSHOT] [--to SNAPSHOT] [--material] [--json] SOURCE

Compares two snapshots of a source: the entities added, removed and changed,
and for each changed entity the fields that changed. A change is material
when it touches names, aliases, schema, addresses, countries, nationality,
birth dates or places, identifiers, programmes or links; remarks, free-form
properties, contact details and the listing date alone are not.

By default the current snapshot is compared with the one imported before it.
Snapshot ids come from "tripline sources" and "tripline import".

Examples:
  tripline diff ofac-sdn
  tripline diff --material ofac-sdn              # only material changes
  tripline diff --from 1 --to 4 eu-fsf
  tripline diff --json ofac-sdn | jq .counts

JSON output: {"source","from","to","added":[ids],"removed":[ids],
"changed":[{"id","fields":[...],"material":bool}],"counts":{...}}
`

func init() {
	register(&command{Name: "diff", Summary: "list entities added, removed and changed between snapshots", Run: runDiff})
}

// diffReport is what diff --json prints.
type diffReport struct {
	Source  string         `json:"source"`
	From    int64          `json:"from"`
	To      int64          `json:"to"`
	Added   []string       `json:"added"`
	Removed []string       `json:"removed"`
	Changed []delta.Change `json:"changed"`
	Counts  delta.Counts   `json:"counts"`
	// Note warns when the two snapshots were read from different sets of
	// files (an SDN sdn.csv alone against a full CSV set): fields that only
	// the missing files carry then show as changed.
	Note string `json:"note,omitempty"`
}

func runDiff(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("diff", diffUsage)
	from := fs.Int64("from", 0, "the older snapshot (default: the one before --to)")
	to := fs.Int64("to", 0, "the newer snapshot (default: the current one)")
	material := fs.Bool("material", false, "list only material changes (counts still cover all)")
	asJSON := fs.Bool("json", false, "print the delta as JSON")
	// Accept flags after SOURCE too: "diff ofac-sdn --json".
	args = flagsFirst(args, map[string]bool{"from": true, "to": true})
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, "tripline diff: give one source id, such as ofac-sdn (see --help)")
		return errUsage
	}
	source := fs.Arg(0)
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	oldSnap, newSnap, err := pickSnapshots(ctx, store, source, *from, *to)
	if err != nil {
		return err
	}
	oldEs, err := loadSnapshot(ctx, store, oldSnap.ID)
	if err != nil {
		return err
	}
	newEs, err := loadSnapshot(ctx, store, newSnap.ID)
	if err != nil {
		return err
	}
	d := delta.Compare(oldEs, newEs)
	rep := diffReport{Source: source, From: oldSnap.ID, To: newSnap.ID, Counts: d.Counts(), Note: fileSetNote(oldSnap, newSnap)}
	if *material {
		d = d.MaterialOnly()
	}
	rep.Added, rep.Removed, rep.Changed = d.Added, d.Removed, d.Changed
	if *asJSON {
		return writeJSON(m.Stdout, rep)
	}
	captions := map[string]string{}
	for _, es := range [][]*tripline.Entity{oldEs, newEs} {
		for _, e := range es {
			captions[e.ID] = e.Caption()
		}
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s: snapshot %d (%s) -> %d (%s)\n", source, oldSnap.ID, snapDate(oldSnap), newSnap.ID, snapDate(newSnap))
	c := rep.Counts
	fmt.Fprintf(w, "%d added, %d removed, %d changed (%d material)\n", c.Added, c.Removed, c.Changed, c.ChangedMaterial)
	if rep.Note != "" {
		fmt.Fprintf(w, "note: %s\n", rep.Note)
	}
	for _, id := range d.Added {
		fmt.Fprintf(w, "+ %s  %s\n", id, captions[id])
	}
	for _, id := range d.Removed {
		fmt.Fprintf(w, "- %s  %s\n", id, captions[id])
	}
	for _, ch := range d.Changed {
		mark := ""
		if ch.Material {
			mark = "  [material]"
		}
		fmt.Fprintf(w, "~ %s  %s  (%s)%s\n", ch.ID, captions[ch.ID], strings.Join(ch.Fields, ", "), mark)
	}
	return nil
}

func snapDate(s tripline.Snapshot) string {
	if s.PublishedAt != "" {
		return "published " + s.PublishedAt
	}
	return "imported " + s.ImportedAt.Local().Format("2006-01-02 15:04")
}

// pickSnapshots resolves --from and --to for source: to defaults to the
// current snapshot, from to the snapshot imported before to.
func pickSnapshots(ctx context.Context, store tripline.Store, source string, from, to int64) (oldSnap, newSnap tripline.Snapshot, err error) {
	snaps, err := store.Snapshots(ctx, source) // newest first
	if err != nil {
		return oldSnap, newSnap, err
	}
	if len(snaps) == 0 {
		return oldSnap, newSnap, tripline.Errorf(tripline.KindNotFound, "no snapshots of source %q (see \"tripline sources\")", source)
	}
	find := func(id int64) (int, error) {
		for i, s := range snaps {
			if s.ID == id {
				return i, nil
			}
		}
		return 0, tripline.Errorf(tripline.KindNotFound, "snapshot %d is not a snapshot of %s", id, source)
	}
	ti := -1
	if to != 0 {
		if ti, err = find(to); err != nil {
			return oldSnap, newSnap, err
		}
	} else {
		for i, s := range snaps {
			if s.Current {
				ti = i
				break
			}
		}
		if ti < 0 {
			ti = 0
		}
	}
	fi := ti + 1
	if from != 0 {
		if fi, err = find(from); err != nil {
			return oldSnap, newSnap, err
		}
	} else if fi >= len(snaps) {
		return oldSnap, newSnap, tripline.Errorf(tripline.KindNotFound, "%s has no snapshot before %d to compare with; import an older or newer publication first, or name one with --from", source, snaps[ti].ID)
	}
	return snaps[fi], snaps[ti], nil
}

func loadSnapshot(ctx context.Context, store tripline.Store, id int64) ([]*tripline.Entity, error) {
	var es []*tripline.Entity
	err := store.EachEntity(ctx, tripline.EntityFilter{SnapshotID: id}, func(e *tripline.Entity) error {
		es = append(es, e)
		return nil
	})
	return es, err
}

// flagsFirst moves flags that follow positional arguments to the front so
// that "tripline diff ofac-sdn --json" works like the flag-first form.
// valued names the flags that take a separate value.
func flagsFirst(args []string, valued map[string]bool) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if valued[name] && !strings.Contains(name, "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

// fileSetNote says when two snapshots were read from different file names.
func fileSetNote(a, b tripline.Snapshot) string {
	names := func(s tripline.Snapshot) []string {
		var out []string
		for _, f := range s.Files {
			out = append(out, strings.ToLower(filepath.Base(f)))
		}
		sort.Strings(out)
		return out
	}
	na, nb := names(a), names(b)
	if len(na) == 0 || len(nb) == 0 || slices.Equal(na, nb) {
		return ""
	}
	return fmt.Sprintf("snapshot %d was read from %s but snapshot %d from %s; fields that only some of these files carry show as changed",
		a.ID, strings.Join(na, ", "), b.ID, strings.Join(nb, ", "))
}
