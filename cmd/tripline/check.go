package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/check"
	"github.com/tripline/tripline/rules"
)

const checkUsage = `
Usage: tripline check --input FILE [--format jsonl|csv] [--rules FILE]
                      [--sources S1,S2] [--threshold X] [--no-screen]
                      [--catalogue DIR] [--batch N]

Checks orders or shipments and writes one decision a line (JSON), in input
order: the risk (clear, low, medium, high) and score, every red flag with
its rule id, category, severity, reason, evidence and source document, the
listed parties found (any role: buyer, consignee, end user, forwarder,
payer, notify party), the goods classification (HS code, CHPL tier, Iran-UAV
category, control leads), and the versions of the lists, catalogue, rules
and scoring that produced it.

Parties are screened against the current snapshots of the imported lists
(all, or --sources). FILE "-" reads standard input.

Input, JSON lines: one transaction a line,
  {"id", "date", "parties": [{"role", "name", "country", "address", "email",
   "phone", "registered", "industry", "website"}], "items": [{"description",
   "hs_code", "part_number", "manufacturer", "quantity", "unit_value",
   "currency", "eccn"}], "route": {"origin", "transit": [...], "destination"},
   "payment": {"method", "payer_country", "currency"}, "end_use", "notes"}

Input, CSV (for spreadsheets): one row per order line; consecutive rows with
the same id make one order. Columns, any subset, any order:
  id, date, end_use, notes, route_origin, route_transit (e.g. "AE;TR"),
  route_destination, payment_method, payer_country, payment_currency,
  ROLE_name, ROLE_country, ROLE_address, ROLE_email, ROLE_phone,
  ROLE_registered, ROLE_industry, ROLE_website  (ROLE: seller, buyer,
  consignee, end_user, freight_forwarder, payer, notify_party),
  item_description, item_hs_code, item_part_number, item_manufacturer,
  item_quantity, item_unit_value, item_currency, item_eccn

Rules: the built-in red flags (see tripline check --list-rules) plus those
of --rules FILE, a JSON-lines file of
  {"id", "source", "category", "severity", "reason", "when", "evidence"}
where when/evidence are CEL expressions; a rule with a built-in id
replaces it, {"id": "X", "disabled": true} removes it.

Examples:
  tripline import ../shared/data/lists/ofac_sdn
  tripline check --input orders.jsonl > decisions.jsonl
  tripline check --input orders.csv --rules house.rules | jq 'select(.risk=="high")'
  tripline check --list-rules
`

func init() {
	register(&command{Name: "check", Summary: "check orders and shipments: parties, goods, route, red flags → risk", Run: runCheck})
}

func runCheck(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("check", checkUsage)
	input := fs.String("input", "", "the orders `FILE` (.jsonl or .csv; - for standard input)")
	format := fs.String("format", "", "input format: jsonl or csv (default: from the file name)")
	rulesFile := fs.String("rules", "", "extra or overriding rules `FILE` (JSON lines)")
	sources := fs.String("sources", "", "screen against these sources only (comma-separated)")
	threshold := fs.Float64("threshold", 0, "screening threshold (0: the engine's default)")
	noScreen := fs.Bool("no-screen", false, "skip party screening")
	catDir := fs.String("catalogue", "", "read the goods catalogue from `DIR` (see tripline goods update)")
	batch := fs.Int("batch", 256, "orders screened per batch")
	listRules := fs.Bool("list-rules", false, "print the rules in force (JSON lines) and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	rs, err := loadRules(*rulesFile)
	if err != nil {
		return err
	}
	if *listRules {
		enc := json.NewEncoder(m.Stdout)
		for _, r := range rs.Rules() {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	if *input == "" || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline check: --input FILE is required")
		return errUsage
	}
	cat, err := loadCatalogue(*catDir)
	if err != nil {
		return err
	}
	var in io.Reader = m.Stdin
	name := *input
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "cannot open %s: %v", name, err)
		}
		defer f.Close()
		in = f
	} else {
		name = "stdin"
	}
	read := check.ReadJSONL
	switch {
	case *format == "csv" || (*format == "" && strings.HasSuffix(strings.ToLower(name), ".csv")):
		read = check.ReadCSV
	case *format == "" || *format == "jsonl" || *format == "json":
	default:
		fmt.Fprintf(m.Stderr, "tripline check: unknown --format %q (jsonl or csv)\n", *format)
		return errUsage
	}

	c := check.New(nil, cat, rs)
	warned := map[string]bool{}
	c.RuleError = func(txID string, err error) {
		// One warning per rule: the first transaction it failed on.
		key := strings.SplitN(err.Error(), " ", 3)[1]
		if !warned[key] {
			warned[key] = true
			fmt.Fprintf(m.Stderr, "tripline check: warning: %s: %v (further failures of this rule not shown)\n", txID, err)
		}
	}
	if !*noScreen {
		st, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		var srcs []string
		for _, s := range strings.Split(*sources, ",") {
			if s = strings.TrimSpace(s); s != "" {
				srcs = append(srcs, s)
			}
		}
		sc, snaps, err := buildScreener(ctx, st, srcs)
		if err != nil {
			return err
		}
		if len(snaps) == 0 {
			return tripline.Errorf(tripline.KindInvalid, "no lists imported: run tripline import first, or check with --no-screen")
		}
		c.Screener = sc
		// One run over fixed lists: repeat customers are screened once.
		c.CacheSize = 100000
		c.ScreenOptions = tripline.ScreenOptions{Threshold: *threshold, Sources: srcs}
	}
	if *batch < 1 {
		*batch = 1
	}
	w := bufio.NewWriter(m.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	var pending []*tripline.Transaction
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		ds, err := c.CheckAll(ctx, pending)
		if err != nil {
			return err
		}
		for _, d := range ds {
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	err = read(in, name, func(tx *tripline.Transaction) error {
		pending = append(pending, tx)
		if len(pending) >= *batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	return w.Flush()
}

// loadRules returns the built-in rules, extended by file when given.
func loadRules(file string) (*rules.Set, error) {
	if file == "" {
		return rules.Default()
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "cannot open rules file %s: %v", file, err)
	}
	defer f.Close()
	return rules.Load(f, file)
}
