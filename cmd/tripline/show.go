package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tripline/tripline"
)

const showUsage = `
Usage: tripline show [--json] [--snapshot N] ID

Prints one listed entity as stored: names with their kind (primary, alias,
weak), addresses, countries, birth dates, identifiers, programmes, links and
remarks. ID is SOURCE:NATIVE_ID as screening results and diffs print it.
Without --snapshot the source's current snapshot is read; with it, an older
one (delisted entities stay readable there).

Examples:
  tripline show ofac-sdn:36216
  tripline show --snapshot 3 ofac-sdn:12345
  tripline show --json un-sc:KPi.066 | jq .names
`

func init() {
	register(&command{Name: "show", Summary: "print one listed entity", Run: runShow})
}

func runShow(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("show", showUsage)
	asJSON := fs.Bool("json", false, "print the entity as JSON")
	snap := fs.Int64("snapshot", 0, "read from this snapshot instead of the current one")
	if err := parse(fs, flagsFirst(args, map[string]bool{"snapshot": true})); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, "tripline show: give one entity id, such as ofac-sdn:36216 (see --help)")
		return errUsage
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	e, err := store.Entity(ctx, fs.Arg(0), *snap)
	if err != nil {
		if *snap == 0 && tripline.ErrorKind(err) == tripline.KindNotFound {
			if hint := delistedHint(ctx, store, fs.Arg(0)); hint != "" {
				return tripline.Errorf(tripline.KindNotFound, "%s", hint)
			}
		}
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, e)
	}
	printEntity(m.Stdout, e)
	return nil
}

func printEntity(w io.Writer, e *tripline.Entity) {
	fmt.Fprintf(w, "%s\n%s (%s)\n", e.Caption(), e.ID, e.Schema)
	line := func(label string, vs []string) {
		if len(vs) > 0 {
			fmt.Fprintf(w, "%-14s %s\n", label+":", strings.Join(vs, "; "))
		}
	}
	if len(e.Names) > 0 {
		fmt.Fprintln(w, "Names:")
		for _, n := range e.Names {
			extra := ""
			if n.Qualifier != "" {
				extra += " (" + n.Qualifier + ")"
			}
			if n.Script != "" {
				extra += " [" + n.Script + "]"
			}
			fmt.Fprintf(w, "  %-8s %s%s\n", n.Kind, n.Full, extra)
		}
	}
	var addrs []string
	for _, a := range e.Addresses {
		addrs = append(addrs, formatAddress(a))
	}
	line("Addresses", addrs)
	line("Countries", e.Countries)
	line("Nationality", e.Nationalities)
	line("Born", e.BirthDates)
	line("Birth place", e.BirthPlaces)
	if e.Gender != "" {
		line("Gender", []string{e.Gender})
	}
	var ids []string
	for _, id := range e.Identifiers {
		s := id.Type + " " + id.Value
		if id.Country != "" {
			s += " (" + id.Country + ")"
		}
		if id.Note != "" {
			s += " " + id.Note
		}
		ids = append(ids, s)
	}
	line("Identifiers", ids)
	line("Emails", e.Emails)
	line("Phones", e.Phones)
	line("Websites", e.Websites)
	line("Programmes", e.Programs)
	if e.ListedOn != "" {
		line("Listed on", []string{e.ListedOn})
	}
	var links []string
	for _, l := range e.Links {
		s := l.Type + " " + l.TargetName
		if l.TargetID != "" {
			s = strings.TrimSpace(s) + " [" + l.TargetID + "]"
		}
		links = append(links, s)
	}
	line("Links", links)
	keys := make([]string, 0, len(e.Properties))
	for k := range e.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line(k, e.Properties[k])
	}
	if e.Remarks != "" {
		fmt.Fprintf(w, "%-14s %s\n", "Remarks:", e.Remarks)
	}
}

func formatAddress(a tripline.Address) string {
	if a.Full != "" {
		return a.Full
	}
	var parts []string
	for _, p := range []string{a.Street, a.City, a.Region, a.PostalCode, a.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// delistedHint looks for id in the older snapshots of its source and, if
// it is there, says where: a delisted entity stays readable.
func delistedHint(ctx context.Context, store tripline.Store, id string) string {
	source, _, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	snaps, err := store.Snapshots(ctx, source)
	if err != nil {
		return ""
	}
	for _, s := range snaps {
		if s.Current {
			continue
		}
		if _, err := store.Entity(ctx, id, s.ID); err == nil {
			return fmt.Sprintf("%s is not in the current list of %s (removed or delisted); it was last in snapshot %d: tripline show --snapshot %d %s", id, source, s.ID, s.ID, id)
		}
	}
	return ""
}
