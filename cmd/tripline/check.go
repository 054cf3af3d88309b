package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/decide"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/match/indexfile"
	"github.com/tripline/tripline/rules"
	"github.com/tripline/tripline/textflags"
)

const checkUsage = `
Usage: tripline check --input FILE [--format jsonl|csv] [--rules FILE]
                      [--sources S1,S2] [--threshold X] [--no-screen]
                      [--catalogue DIR] [--batch N] [--no-history] [--no-store]
       tripline check --indicators-only --input NOTES.jsonl

Checks orders or shipments and writes one decision a line (JSON), in input
order: the risk (clear, low, medium, high) and score, every red flag with
its rule id, category, severity, reason, evidence and source document, the
listed parties found (any role: buyer, consignee, end user, forwarder,
payer, notify party), the goods classification (HS code, CHPL tier, Iran-UAV
category, control leads), and the versions of the lists, catalogue, rules,
scoring and text-indicator lexicons that produced it.

Parties are screened against the current snapshots of the imported lists
(all, or --sources). The matching index is read from its file when one was
built for those snapshots (beside a SQLite database as DB.index/, or in
$TRIPLINE_INDEX_DIR; "off": none), else built and written there. FILE "-" reads standard input; the format is
--format, else the file name's (.csv, .jsonl), else JSON lines when the
first byte is "{".

An order that cannot be checked (bad JSON, an unknown field or role, a bad
number, a CSV quoting error) is reported on stderr with its line and
written in place as {"id": ..., "error": "FILE:LINE: ..."}; every other
order is decided and printed, in input order, and the exit code is 1.

Input, JSON lines: one transaction a line,
  {"id", "date", "parties": [{"role", "name", "country", "address", "email",
   "phone", "registered", "industry", "website"}], "items": [{"description",
   "hs_code", "part_number", "manufacturer", "quantity", "unit_value",
   "currency", "eccn"}], "route": {"origin", "transit": [...], "destination"},
   "payment": {"method", "payer_country", "currency"}, "end_use", "notes"}
  role: seller, buyer, consignee, end_user, freight_forwarder, payer or
  notify_party, in any case, with spaces or hyphens ("End User")

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
replaces it, {"id": "X", "disabled": true} removes it. The rules version
in each decision is "rules-" and the SHA-256 of what --list-rules prints.
With --catalogue DIR the facts and the rule functions (hub, embargoed)
both read that catalogue.

History: each order is decided with the orders before it: those of the
book of orders in the database (every order checked before, by tripline
check, POST /v1/check or a batch job, stored with its decision) and those
of the file before it, in input order. The same customer (buyer,
consignee or end user, by screening identity: the listed entity it
matched with a score of 0.95 or more, else its name as screening reads it,
legal forms, case and romanisation aside, and its country) ordering the same controlled HS code three times or more
within 30 days raises DERIVED-SPLIT-02, and three such orders each valued
just below USD 2,500 (the EEI filing threshold) DERIVED-SPLIT-03; a buyer
that ordered before (within a year) sending controlled goods to a
delivery address it has not used, DERIVED-ADDR-01; a customer whose order
of a controlled HS code was refused (high risk) ordering that code again
through another consignee or address within 180 days,
DERIVED-REORDER-01. The evidence names every order involved, and each
such pattern raises an alert (tripline alerts list --book orders, reason
order_pattern; one open alert per customer and pattern, updated by later
orders). The orders are then stored: checking an order id again replaces
its record (history is not doubled). --no-store decides with the stored
history but stores nothing; --no-history decides each order alone (and
stores nothing).

Text indicators: the notes and end-use statement of every order are read
for the red flags staff write down (end use not given, evasive customer,
unfamiliar with the product, services declined, vague delivery, price far
above the market, cash or crypto, payment or shipment re-routed, split
shipments), in English, German, French, Spanish, Russian, Turkish, Arabic
and Chinese; each flag cites the span of text that raised it. With
--indicators-only, FILE holds one {"id", "text"} object a line (other
fields are ignored) and each line out is {"id", "indicators": [...],
"flags": [{"indicator", "start", "end", "span", "lang", "rule"}]}; no
database is needed.

Examples:
  tripline check --indicators-only --input notes.jsonl
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
	format := fs.String("format", "", "input format: jsonl or csv (default: from the file name, else the first byte)")
	rulesFile := fs.String("rules", "", "extra or overriding rules `FILE` (JSON lines)")
	sources := fs.String("sources", "", "screen against these sources only (comma-separated)")
	threshold := fs.Float64("threshold", 0, "screening threshold (0: the engine's default)")
	noScreen := fs.Bool("no-screen", false, "skip party screening")
	noHistory := fs.Bool("no-history", false, "decide each order alone, without the patterns across orders (stores nothing)")
	noStore := fs.Bool("no-store", false, "do not store the orders in the book of orders (history still reads it)")
	catDir := fs.String("catalogue", "", "read the goods catalogue from `DIR` (see tripline goods update)")
	batch := fs.Int("batch", 256, "orders screened per batch")
	listRules := fs.Bool("list-rules", false, "print the rules in force (JSON lines) and exit")
	indicatorsOnly := fs.Bool("indicators-only", false, "read {\"id\", \"text\"} lines and print the text indicators of each")
	if err := parse(fs, args); err != nil {
		return err
	}
	env, rs, err := loadDecide(*catDir, *rulesFile)
	if err != nil {
		return err
	}
	if *listRules {
		_, err := rs.WriteTo(m.Stdout)
		return err
	}
	if *indicatorsOnly {
		if *input == "" || fs.NArg() > 0 {
			fmt.Fprintln(m.Stderr, "tripline check: --indicators-only needs --input FILE")
			return errUsage
		}
		return checkIndicators(m, env, *input)
	}
	if *input == "" || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline check: --input FILE is required")
		return errUsage
	}
	inFormat, err := tabular.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(m.Stderr, "tripline check: --format: %s\n", tripline.ErrorMessage(err))
		return errUsage
	}
	if err := (tripline.ScreenOptions{Threshold: *threshold}).Validate(); err != nil {
		fmt.Fprintf(m.Stderr, "tripline check: --%s\n", tripline.ErrorMessage(err))
		return errUsage
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
	orders, err := tabular.NewOrderReader(in, name, inFormat)
	if err != nil {
		return err
	}

	c := decide.New(nil, env, rs)
	if !*noHistory {
		c.History = decide.NewHistory()
	}
	warned := map[string]bool{}
	c.RuleError = func(txID string, err error) {
		// One warning per rule: the first transaction it failed on. The
		// message names the rule, the same for every transaction.
		if key := tripline.ErrorMessage(err); !warned[key] {
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
		// The index file of these snapshots, as screen and serve read it.
		sc, snaps, _, err := indexfile.Load(ctx, st, srcs, match.DefaultConfig(), m.indexDir())
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
	if c.History != nil {
		st, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		ob, ok := st.(tripline.OrderBook)
		if !ok {
			return tripline.Errorf(tripline.KindInternal, "the store keeps no book of orders")
		}
		c.History.Book = ob
		if *noStore {
			c.History.Book = decide.ReadOnlyBook(ob)
		}
	}
	if *batch < 1 {
		*batch = 1
	}
	w := bufio.NewWriter(m.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	// pending holds the orders read since the last batch, bad ones too,
	// so that every order's line comes out in input order.
	type order struct {
		tx   *tripline.Transaction
		line int
		err  error
	}
	var pending []order
	bad, total := 0, 0
	var firstBad error
	// fatal reports whether a checker's error ends the run rather than
	// one order.
	fatal := func(err error) bool {
		k := tripline.ErrorKind(err)
		return err != nil && k != tripline.KindInvalid && k != tripline.KindTooLarge
	}
	flush := func() error {
		decided := make([]*tripline.Decision, len(pending))
		var txs []*tripline.Transaction
		var at []int // pending index of each of txs
		for i, o := range pending {
			if o.err == nil {
				txs, at = append(txs, o.tx), append(at, i)
			}
		}
		if len(txs) > 0 {
			ds, err := c.CheckAll(ctx, txs)
			switch {
			case err == nil:
				for j, d := range ds {
					decided[at[j]] = d
				}
			case fatal(err):
				return err
			default:
				// The checker refused an order of the batch (too many
				// parties or items): check them one by one, so that
				// only that one fails.
				for _, i := range at {
					d, err := c.Check(ctx, pending[i].tx)
					if fatal(err) {
						return err
					}
					if err != nil {
						pending[i].err = tabular.RowError(name, pending[i].line, err)
					}
					decided[i] = d
				}
			}
		}
		for i, o := range pending {
			if o.err != nil {
				bad++
				if firstBad == nil {
					firstBad = o.err
				}
				fmt.Fprintf(m.Stderr, "tripline check: %v\n", o.err)
				if err := enc.Encode(checkLine{ID: o.tx.ID, Error: o.err.Error()}); err != nil {
					return err
				}
				continue
			}
			if err := enc.Encode(decided[i]); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	for {
		tx, err := orders.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !tabular.IsRowError(err) {
			return err
		}
		if tx == nil {
			tx = &tripline.Transaction{}
		}
		// A bad order is reported in place (and on stderr) and the run
		// goes on: the decisions before and after it are kept.
		total++
		pending = append(pending, order{tx, orders.Line(), err})
		if len(pending) >= *batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		return tripline.Errorf(tripline.KindInvalid, "%d of %d orders could not be checked (reported in place with an \"error\"); first: %v", bad, total, firstBad)
	}
	return nil
}

// checkIndicators prints the text indicators of each {"id", "text"} line
// of the file (a "notes" field is read when there is no "text").
func checkIndicators(m *Main, env *decide.Env, name string) error {
	var in io.Reader = m.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "cannot open %s: %v", name, err)
		}
		defer f.Close()
		in = f
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	w := bufio.NewWriter(m.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	line, bad := 0, 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec struct {
			ID    string `json:"id"`
			Text  string `json:"text"`
			Notes string `json:"notes"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			bad++
			fmt.Fprintf(m.Stderr, "tripline check: %s:%d: not a JSON object: %v\n", name, line, err)
			continue
		}
		text := rec.Text
		if text == "" {
			text = rec.Notes
		}
		out := indicatorsLine{ID: rec.ID, Indicators: []string{}, Flags: env.Indicators(text)}
		for _, f := range out.Flags {
			out.Indicators = append(out.Indicators, f.Indicator)
		}
		if out.Flags == nil {
			out.Flags = []textflags.Flag{}
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot read %s: %v", name, err)
	}
	if bad > 0 {
		return tripline.Errorf(tripline.KindInvalid, "%d lines of %s could not be read", bad, name)
	}
	return nil
}

// indicatorsLine is an output line of --indicators-only.
type indicatorsLine struct {
	ID         string           `json:"id"`
	Indicators []string         `json:"indicators"`
	Flags      []textflags.Flag `json:"flags"`
}

// checkLine is the output line of an order that could not be checked.
type checkLine struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// loadDecide returns the rule environment of the catalogue in dir (the
// built-in one when "") and the built-in rules, extended by rulesFile
// when given, compiled in it.
func loadDecide(dir, rulesFile string) (*decide.Env, *rules.Set, error) {
	cat, err := loadCatalogue(dir)
	if err != nil {
		return nil, nil, err
	}
	env, err := decide.NewEnv(cat)
	if err != nil {
		return nil, nil, err
	}
	var user []rules.File
	if rulesFile != "" {
		f, err := os.Open(rulesFile)
		if err != nil {
			return nil, nil, tripline.Errorf(tripline.KindInvalid, "cannot open rules file %s: %v", rulesFile, err)
		}
		defer f.Close()
		user = append(user, rules.File{Name: rulesFile, Text: f})
	}
	rs, err := env.Rules(user...)
	return env, rs, err
}
