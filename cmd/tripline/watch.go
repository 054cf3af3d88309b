package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
)

func init() {
	register(&command{Name: "watch", Summary: "watch listed entities, names, programmes and countries for changes", Run: runWatch})
}

const watchUsage = `
Usage:
  tripline watch add KIND VALUE [--sources a,b] [--threshold T] [--label TEXT] [--json]
  tripline watch list [--json]
  tripline watch rm ID
  tripline watch fires [ID] [--limit N] [--json]

A watch is a standing question about the lists that is not a customer. It
fires once per material change of a listed record that concerns it, with
the old and new values of what changed, when a list gets a new snapshot
(every import evaluates the watches), and each firing is announced as a
"watch.fired" event. KIND is one of:
  entity   a listed entity id: fires when it is added, removed or changed
  name     a name: fires when an added or changed entity matches it
           (scored like "tripline screen", --threshold as there)
  program  a programme code: fires on a new designation under it
           (an entity added with it, or changed to gain it)
  country  an ISO country code: fires when an entity tied to the country
           (country, nationality, address) is added or changed to gain it
Watches of the companies of the network graph are not here yet.

Examples:
  tripline watch add program NPWMD
  tripline watch add program IRAN --sources ofac-sdn
  tripline watch add entity ofac-sdn:36216 --label "our old supplier"
  tripline watch add name "Qods Aviation Industries" --threshold 0.9
  tripline watch fires --json
`

func (m *Main) watchStore(ctx context.Context) (tripline.WatchStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ws, ok := st.(tripline.WatchStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "this store keeps no watches")
	}
	return ws, nil
}

func runWatch(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("watch", watchUsage)
	sources := fs.String("sources", "", "comma-separated sources the watch looks at (default: all)")
	threshold := fs.Float64("threshold", 0, "minimum score of a name watch (default: the matcher's)")
	label := fs.String("label", "", "a note shown with the watch")
	limit := fs.Int("limit", 100, "fires: at most this many, newest first")
	asJSON := fs.Bool("json", false, "print JSON (fires: one object a line)")
	if err := parse(fs, flagsFirst(args, map[string]bool{"sources": true, "threshold": true, "label": true, "limit": true})); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	ws, err := m.watchStore(ctx)
	if err != nil {
		return err
	}
	switch rest[0] {
	case "add":
		if len(rest) < 3 {
			return tripline.Errorf(tripline.KindInvalid, "watch add takes a KIND and a VALUE, e.g. tripline watch add program NPWMD")
		}
		w, err := ws.AddWatch(ctx, tripline.Watch{Kind: rest[1], Value: strings.Join(rest[2:], " "), Sources: splitList(*sources), Threshold: *threshold, Label: *label})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, w)
		}
		fmt.Fprintf(m.Stdout, "watch %d: %s %s\n", w.ID, w.Kind, w.Value)
		return nil
	case "list":
		watches, err := ws.Watches(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, watches)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tVALUE\tSOURCES\tLABEL\tCREATED")
		for _, w := range watches {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", w.ID, w.Kind, w.Value, strings.Join(w.Sources, ","), w.Label, w.CreatedAt.Local().Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	case "rm":
		if len(rest) != 2 {
			return tripline.Errorf(tripline.KindInvalid, "watch rm takes one watch id")
		}
		id, err := strconv.ParseInt(rest[1], 10, 64)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "watch id %q is not a number", rest[1])
		}
		if err := ws.DeleteWatch(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "watch %d removed (its firings are kept)\n", id)
		return nil
	case "fires":
		var id int64
		if len(rest) == 2 {
			if id, err = strconv.ParseInt(rest[1], 10, 64); err != nil {
				return tripline.Errorf(tripline.KindInvalid, "watch id %q is not a number", rest[1])
			}
		}
		fires, err := ws.WatchFires(ctx, id, *limit)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(m.Stdout)
		for _, f := range fires {
			if *asJSON {
				b, _ := json.Marshal(f)
				w.Write(append(b, '\n'))
				continue
			}
			fmt.Fprintf(w, "watch %d: %s %s %s (snapshot %d → %d)\n", f.WatchID, f.EntityID, f.EntityName, f.Change, f.PrevSnapshotID, f.SnapshotID)
			var fields []string
			for k := range f.Diff {
				fields = append(fields, k)
			}
			sort.Strings(fields)
			for _, k := range fields {
				d := f.Diff[k]
				fmt.Fprintf(w, "    %s: %s → %s\n", k, clip(strings.Join(d.Old, "; "), 80), clip(strings.Join(d.New, "; "), 80))
			}
		}
		return w.Flush()
	}
	fmt.Fprintf(m.Stderr, "tripline watch: unknown subcommand %q (want add, list, rm or fires)\n", rest[0])
	return errUsage
}
