package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/transfer"
)

const systemsUsage = `
Usage: tripline systems list [--json]
       tripline systems show [--json] [--no-lists] ID|DESIGNATION

The catalogue of weapon systems that transfers and articles link to: the
Iranian drones, missiles and boats, their designations abroad (Shahed-136
is the Russian Geran-2), their producers, the foreign components reported
in them, and the procurement networks designated for them (sources in
transfer/data/PROVENANCE.md).

  list  every system: id, type, name and designations.
  show  one system: who makes it and which listed entities those makers
        are (by the SDN ids the catalogue keeps, else by name through the
        screening index of the imported lists), the networks designated for
        it and their listed parties, the components found in it with their
        HS codes and CHPL tiers, the register rows of the system and the
        claims of articles about it. A designation of two systems (the
        Zolfaghar boat and missile) asks for the id. --no-lists skips
        loading the screening index.

Examples:
  tripline systems list
  tripline systems show shahed-136
  tripline systems show Geran-2 --json
`

func init() {
	register(&command{Name: "systems", Summary: "the weapon-system catalogue: makers, listed entities, components, transfers", Run: runSystems})
}

func runSystems(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(systemsUsage))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "list":
		fs := m.newFlagSet("systems list", systemsUsage)
		asJSON := fs.Bool("json", false, "print the systems as JSON")
		if err := parse(fs, args[1:]); err != nil {
			return err
		}
		ss := transfer.MustDefault().Systems()
		if *asJSON {
			return writeJSON(m.Stdout, ss)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTYPE\tNAME\tDESIGNATIONS")
		for _, s := range ss {
			var ds []string
			for _, d := range s.Designations {
				if d.Country != "" {
					ds = append(ds, d.Name+" ("+d.Country+")")
				} else if d.Name != s.Name {
					ds = append(ds, d.Name)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, s.Type, s.Name, strings.Join(ds, ", "))
		}
		return tw.Flush()
	case "show":
		return runSystemsShow(ctx, m, args[1:])
	}
	fmt.Fprintf(m.Stderr, "tripline systems: unknown subcommand %q\n\n%s\n", args[0], strings.TrimSpace(systemsUsage))
	return errUsage
}

// systemPage builds the page of a system from what the database holds.
func (m *Main) systemPage(ctx context.Context, idOrName string, withLists bool) (*transfer.SystemPage, error) {
	c := transfer.MustDefault()
	s, err := c.System(idOrName)
	if err != nil {
		return nil, err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	src := transfer.PageSources{Lists: st}
	src.Transfers, _ = st.(tripline.TransferStore)
	src.Articles, _ = st.(tripline.ArticleStore)
	if g, err := goods.Default(); err == nil {
		src.Goods = g
	}
	if withLists {
		if sc, err := m.loadScreener(ctx, nil); err == nil {
			src.Screener = sc
		}
	}
	return c.Page(ctx, s, src)
}

func runSystemsShow(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("systems show", systemsUsage)
	asJSON := fs.Bool("json", false, "print the page as JSON")
	noLists := fs.Bool("no-lists", false, "do not load the screening index (producers without stored ids stay unresolved)")
	if err := parse(fs, flagsFirst(args, nil)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, "tripline systems show: give one system id or designation (see --help)")
		return errUsage
	}
	p, err := m.systemPage(ctx, fs.Arg(0), !*noLists)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, p)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s — %s (%s), made in %s\n", p.ID, p.Name, p.Type, p.Origin)
	if p.Role != "" {
		fmt.Fprintf(w, "  %s\n", p.Role)
	}
	var ds []string
	for _, d := range p.Designations {
		s := d.Name
		if d.Country != "" {
			s += " (" + d.Country + ")"
		}
		ds = append(ds, s)
	}
	fmt.Fprintf(w, "  designations: %s\n", strings.Join(ds, ", "))
	if len(p.Homonyms) > 0 {
		fmt.Fprintf(w, "  not to be confused with: %s\n", strings.Join(p.Homonyms, ", "))
	}
	if p.Propulsion != "" {
		fmt.Fprintf(w, "  propulsion: %s\n", p.Propulsion)
	}
	fmt.Fprintln(w, "\nWho makes it:")
	for _, pr := range p.ProducerPages {
		fmt.Fprintf(w, "  %s (%s) — %s\n", pr.Name, pr.Country, pr.Note)
		if len(pr.Entities) == 0 {
			fmt.Fprintln(w, "      no listed entity found in the lists loaded")
		}
		for _, e := range pr.Entities {
			printListed(w, e)
		}
	}
	if len(p.NetworkPages) > 0 {
		fmt.Fprintln(w, "\nDesignated for it:")
		for _, n := range p.NetworkPages {
			fmt.Fprintf(w, "  %s %s: %s (%s)\n", n.Date, n.Agency, n.What, n.Typology)
			for _, e := range n.Listed {
				printListed(w, e)
			}
		}
	}
	if len(p.ComponentPages) > 0 {
		fmt.Fprintln(w, "\nComponents found in it:")
		for _, c := range p.ComponentPages {
			fmt.Fprintf(w, "  %s: %s [%s; %s]\n", c.Type, c.Item, c.Source, c.Confidence)
			for _, hs := range c.HSCodes {
				tier := "not on the CHPL"
				if hs.CHPLTier != "" {
					tier = "CHPL tier " + hs.CHPLTier
				}
				fmt.Fprintf(w, "      HS %s %s — %s\n", hs.Code, hs.Description, tier)
			}
		}
	}
	fmt.Fprintf(w, "\nRegister rows: %d\n", len(p.Transfers))
	for _, t := range p.Transfers {
		fmt.Fprintf(w, "  %s → %s  %s ordered %s, delivered %s in %s  (%s)\n", partyLabel(t.Supplier), partyLabel(t.Recipient), t.Designation,
			uncertain(&t, "ordered", count(t.Ordered)), uncertain(&t, "delivered", count(t.Delivered)), yearsText(t.DeliveryYears), t.ID)
	}
	fmt.Fprintf(w, "Claims in articles: %d\n", len(p.Claims))
	for _, c := range p.Claims {
		fmt.Fprintf(w, "  %s → %s  %s %s, %d report(s), %s confidence (%s)\n", partyLabel(c.Supplier), partyLabel(c.Recipient), dash(c.EventDate),
			c.EventPrecision, len(c.Reports), c.Confidence, c.ID)
	}
	return nil
}

func printListed(w interface{ Write([]byte) (int, error) }, e transfer.ListedRef) {
	switch {
	case !e.InLists:
		fmt.Fprintf(w, "      listed: %s (not in the lists loaded)\n", e.EntityID)
	case e.How == "name":
		fmt.Fprintf(w, "      listed: %s %s [%s] (by name, score %.2f)\n", e.EntityID, e.Name, strings.Join(e.Programs, ", "), e.Score)
	default:
		fmt.Fprintf(w, "      listed: %s %s [%s]\n", e.EntityID, e.Name, strings.Join(e.Programs, ", "))
	}
}
