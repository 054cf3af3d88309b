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
	"github.com/tripline/tripline/monitor"
)

func init() {
	register(&command{Name: "watch", Summary: "watch listed entities, names, programmes, countries, transfers and network companies", Run: runWatch})
	register(&command{Name: "watches", Summary: "the same as watch", Run: runWatch})
}

const watchUsage = `
Usage:
  tripline watch add KIND VALUE [--sources a,b] [--threshold T] [--label TEXT] [--json]
  tripline watch add --kind KIND VALUE [...]
  tripline watch list [--json]
  tripline watch rm ID
  tripline watch fires [ID] [--limit N] [--json]
  tripline watch run [--json]
("tripline watches" is the same command.)

A watch is a standing question that is not a customer. It fires once per
new fact that concerns it, with the old and new values of what changed
and an explanation, and each firing is announced as a "watch.fired"
event in the transaction that records it. Importing the same facts again
fires nothing. KIND is one of:

Watches of the lists (evaluated by every list import):
  entity   a listed entity id: fires when it is added, removed or changed
  name     a name: fires when an added or changed entity matches it
           (scored like "tripline screen", --threshold as there)
  program  a programme code: fires on a new designation under it
           (an entity added with it, or changed to gain it)
  country  an ISO country code: fires when an entity tied to the country
           (country, nationality, address) is added or changed to gain it

Watches of arms transfers (evaluated by "transfers import", "transfers
demo" and "articles ingest"; a register's first edition of more than
1,000 deals is its baseline and fires nothing, later editions fire on
the deals they add, change or remove):
  country-pair  SUPPLIER:RECIPIENT as ISO codes, either side ANY, e.g.
                IR:VE or ANY:VE: fires on a register row or an article's
                transfer claim between them (a non-state party counts as
                the country it is in)
  system        a catalogue system id or any of its designations (e.g.
                Geran-2 is shahed-136), or a designation the catalogue
                lacks: fires on a row or claim of that system
  producer      a catalogue producer id or the listed entity id of one
                (e.g. ofac-sdn:39637): fires on a row or claim of a system
                it makes
  --sources restricts them to registers (ids) or "articles" (claims).

Watches of the network graph (evaluated by "graph import" and "watch run"):
  company  a company id of your network records: fires when its network
           risk moves by 0.01 or more, it becomes flagged or unflagged,
           its paths to listed parties change, or it enters or leaves the
           records (from its state when the watch was added)

"watch run" evaluates the watches of transfers, claims and companies
now, on everything not evaluated yet (an import that could not, a list
imported since that moves a company's risk).

Examples:
  tripline watch add program NPWMD
  tripline watch add program IRAN --sources ofac-sdn
  tripline watch add entity ofac-sdn:36216 --label "our old supplier"
  tripline watch add name "Qods Aviation Industries" --threshold 0.9
  tripline watches add --kind country-pair IR:VE
  tripline watches add --kind system Geran-2
  tripline watches add --kind producer ofac-sdn:39637 --sources articles
  tripline watches add --kind company c1
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
	kind := fs.String("kind", "", "add: the watch's kind (or give it before the value)")
	if err := parse(fs, flagsFirst(args, map[string]bool{"sources": true, "threshold": true, "label": true, "limit": true, "kind": true})); err != nil {
		return err
	}
	rest := fs.Args()
	if *kind != "" && len(rest) > 0 && rest[0] == "add" {
		rest = append([]string{"add", *kind}, rest[1:]...)
	}
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
		w := tripline.Watch{Kind: rest[1], Value: strings.Join(rest[2:], " "), Sources: splitList(*sources), Threshold: *threshold, Label: *label}
		note, err := monitor.CheckWatch(&w, nil)
		if err != nil {
			return err
		}
		if w, err = ws.AddWatch(ctx, w); err != nil {
			return err
		}
		if w.Kind == tripline.WatchNetworkCompany {
			st, _ := m.openStore(ctx)
			if e := evaluatorFor(st); e != nil {
				if err := e.Baseline(ctx, w); err != nil {
					return err
				}
			}
		}
		if *asJSON {
			return writeJSON(m.Stdout, w)
		}
		fmt.Fprintf(m.Stdout, "watch %d: %s %s\n", w.ID, w.Kind, w.Value)
		if note != "" {
			fmt.Fprintln(m.Stderr, note)
		}
		return nil
	case "run":
		st, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		e := evaluatorFor(st)
		if e == nil {
			return tripline.Errorf(tripline.KindInvalid, "this store keeps no watches of transfers or companies")
		}
		rep, err := e.Run(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, rep)
		}
		fmt.Fprintf(m.Stdout, "read %d events, evaluated %d company watches: %d new firings\n", rep.Events, rep.Companies, len(rep.Fires))
		for _, n := range rep.Notes() {
			if !strings.HasPrefix(n, "watches: ") {
				fmt.Fprintln(m.Stdout, n)
			}
		}
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
			switch {
			case f.Record != nil && f.Record.Kind == tripline.RecordClaim:
				fmt.Fprintf(w, "watch %d: %s %s %s (article %s)\n", f.WatchID, f.EntityID, f.EntityName, f.Change, f.Record.ArticleID)
			case f.Network != nil:
				fmt.Fprintf(w, "watch %d: %s %s %s (records version %d)\n", f.WatchID, f.EntityID, f.EntityName, f.Change, f.Network.RecordsVersion)
			default:
				fmt.Fprintf(w, "watch %d: %s %s %s (snapshot %d → %d)\n", f.WatchID, f.EntityID, f.EntityName, f.Change, f.PrevSnapshotID, f.SnapshotID)
			}
			if f.Explanation != "" {
				fmt.Fprintf(w, "    why: %s\n", f.Explanation)
			}
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
	fmt.Fprintf(m.Stderr, "tripline watch: unknown subcommand %q (want add, list, rm, fires or run)\n", rest[0])
	return errUsage
}
