package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/goods/gen"
)

const goodsUsage = `
Usage:
  tripline goods classify [--json] [--catalogue DIR] QUERY...
  tripline goods chpl     [--json]
  tripline goods parts    [--json]
  tripline goods info     [--json] [--catalogue DIR]
  tripline goods update   [--shared DIR] --out DIR

The dual-use goods catalogue: HS 2022 nomenclature, the Common High
Priority List (50 HS-6 codes, tiers 1 to 4.B), EU Regulation 2021/821
Annex I control entries, the Iran-UAV key commodity codes and a watch list
of part numbers documented in recovered UAVs. Sources and licences:
goods/data/PROVENANCE.md.

classify reads each QUERY as an HS code (4, 6, 8 or 10 digits), a control
number (EU entry or ECCN, e.g. 3A001.a.2, 9A012, EAR99), a part number, or
else a free-text description, for which it ranks subheadings and Annex I
entries and shows the words that matched.

update rebuilds the catalogue files from a copy of the research tables
(../shared/data/dualuse) into DIR; use DIR with --catalogue, or copy it to
goods/data and rebuild to ship it.

Examples:
  tripline goods classify 8542.31 85423100 3A001.a.2
  tripline goods classify STM32F765VIT6TR
  tripline goods classify "32-bit MCU, LQFP64"
  tripline goods classify --json "GNSS patch antenna" | jq '.suggestions[0]'
  tripline goods update --shared ../shared/data/dualuse --out /tmp/catalogue
`

func init() {
	register(&command{Name: "goods", Summary: "classify goods: HS codes, CHPL tiers, Annex I entries, part numbers", Run: runGoods})
}

// loadCatalogue returns the embedded catalogue, or the one in dir.
func loadCatalogue(dir string) (*goods.Catalogue, error) {
	if dir == "" {
		return goods.Default()
	}
	return goods.Load(os.DirFS(dir))
}

func runGoods(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("goods", goodsUsage)
	if len(args) == 0 {
		fs.Usage()
		return errUsage
	}
	sub := args[0]
	if sub == "-h" || sub == "--help" || sub == "help" {
		fs.Usage()
		return nil
	}
	asJSON := fs.Bool("json", false, "print JSON")
	catDir := fs.String("catalogue", "", "read the catalogue files from `DIR` instead of the built-in ones")
	shared := fs.String("shared", filepath.Join("..", "shared", "data", "dualuse"), "the research tables to rebuild from (update)")
	out := fs.String("out", "", "where update writes the catalogue files")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if sub == "update" {
		if *out == "" {
			fmt.Fprintln(m.Stderr, "tripline goods update: --out DIR is required")
			return errUsage
		}
		if err := gen.Run(*shared, *out); err != nil {
			return tripline.Errorf(tripline.KindInvalid, "cannot rebuild the catalogue from %s: %v", *shared, err)
		}
		for _, name := range goods.HandMaintained {
			b, err := goods.DataFile(name)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
				return tripline.Errorf(tripline.KindInvalid, "cannot write %s: %v", name, err)
			}
		}
		cat, err := goods.Load(os.DirFS(*out))
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "catalogue %s written to %s\n", cat.Version, *out)
		return nil
	}
	cat, err := loadCatalogue(*catDir)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(m.Stdout)
	switch sub {
	case "classify":
		if fs.NArg() == 0 {
			fmt.Fprintln(m.Stderr, "tripline goods classify: give at least one QUERY")
			return errUsage
		}
		for _, q := range fs.Args() {
			cl := cat.Classify(q)
			if *asJSON {
				if err := enc.Encode(cl); err != nil {
					return err
				}
				continue
			}
			printClassification(m, cl)
		}
		return nil
	case "chpl":
		es := cat.CHPLEntries()
		if *asJSON {
			return enc.Encode(es)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "HS\tTIER\tDESCRIPTION")
		for _, e := range es {
			d := ""
			if c, ok := cat.HS(e.HS6); ok {
				d = c.Description
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", goods.Dotted(e.HS6), e.Tier, shorten(d, 80))
		}
		return tw.Flush()
	case "parts":
		ps := cat.Parts()
		if *asJSON {
			return enc.Encode(ps)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PART\tHS\tPLATFORM\tSOURCE")
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Part, goods.Dotted(p.HS6), p.Platform, p.URL)
		}
		return tw.Flush()
	case "info":
		info := map[string]any{"version": cat.Version, "counts": cat.Counts(),
			"hubs": cat.Countries("hub"), "embargoed": cat.Countries("embargoed")}
		if *asJSON {
			return enc.Encode(info)
		}
		fmt.Fprintf(m.Stdout, "catalogue %s\n", cat.Version)
		n := cat.Counts()
		fmt.Fprintf(m.Stdout, "HS 2022: %d chapters, %d headings, %d subheadings\n", n["hs2"], n["hs4"], n["hs6"])
		fmt.Fprintf(m.Stdout, "CHPL codes: %d; Iran-UAV codes: %d; Annex I provisions: %d; watch-listed parts: %d\n", n["chpl"], n["uav"], n["annex1"], n["parts"])
		fmt.Fprintf(m.Stdout, "transshipment hubs: %s\nembargoed: %s\n", strings.Join(cat.Countries("hub"), " "), strings.Join(cat.Countries("embargoed"), " "))
		return nil
	}
	fmt.Fprintf(m.Stderr, "tripline goods: unknown subcommand %q\n", sub)
	return errUsage
}

func printClassification(m *Main, cl goods.Classification) {
	w := m.Stdout
	fmt.Fprintf(w, "%s  (read as %s)\n", cl.Query, cl.Kind)
	if cl.Chapter != nil {
		fmt.Fprintf(w, "  chapter     %s  %s\n", cl.Chapter.Code, shorten(cl.Chapter.Description, 90))
	}
	if cl.Heading != nil {
		fmt.Fprintf(w, "  heading     %s  %s\n", cl.Heading.Code, shorten(cl.Heading.Description, 90))
	}
	if cl.Subheading != nil {
		fmt.Fprintf(w, "  subheading  %s  %s\n", cl.Subheading.Dotted(), shorten(cl.Subheading.Description, 90))
	}
	if cl.National != "" {
		fmt.Fprintf(w, "  national    %s (not resolved further)\n", cl.National)
	}
	if cl.CHPL != nil {
		fmt.Fprintf(w, "  CHPL        tier %s: %s\n", cl.CHPL.Tier, shorten(cl.CHPL.Definition, 90))
	}
	if cl.UAV != nil {
		fmt.Fprintf(w, "  Iran-UAV    %s (%s)\n", cl.UAV.Category, shorten(cl.UAV.Examples, 80))
	}
	if cl.Part != nil {
		fmt.Fprintf(w, "  watch list  %s: %s; %s; %s (%s)\n", cl.Part.Part, cl.Part.Description, cl.Part.Platform, cl.Part.URL, cl.Part.Confidence)
	}
	for _, c := range cl.Controls {
		fmt.Fprintf(w, "  Annex I     %s [%s] %s\n", c.Number, c.Regime, shorten(c.Text, 100))
	}
	for i, s := range cl.Suggestions {
		tier := ""
		if s.CHPLTier != "" {
			tier = " CHPL " + s.CHPLTier
		}
		fmt.Fprintf(w, "  %d. %-7s %-10s %.3f%s  %s\n     matched: %s\n", i+1, s.Kind, s.Code, s.Score, tier, shorten(s.Description, 80), strings.Join(s.Matched, ", "))
	}
	for _, n := range cl.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
