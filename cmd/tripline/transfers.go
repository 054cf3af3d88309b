package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/transfer"
)

const transfersUsage = `
Usage: tripline transfers import [--format sipri|jsonl] [--source ID] FILE
       tripline transfers list [--supplier C] [--recipient C] [--system S]
                               [--since YEAR] [--until YEAR] [--source ID]
                               [--limit N] [--json]
       tripline transfers stats [--supplier C] [--recipient C] [--system S]
                                [--since YEAR] [--until YEAR] [--top N] [--json]
       tripline transfers history [--json] [SOURCE]
       tripline transfers demo

Arms transfers: who supplied which weapon system to whom, from registers.

  import   reads SIPRI's trade register as SIPRI exports it (CSV; source
           sipri-at) or a JSON-lines file of your own transfers (one object
           a line: supplier, recipient, designation or system, order_year,
           ordered, delivered, delivery_years, status, comments, uncertain,
           source_url, published_at, excerpt, confidence; source "user"
           unless --source). Each import is a new snapshot of its register;
           what changed since the last one is counted and announced as
           events (transfer.added, .changed, .removed) for watches and
           webhooks; the import then fires the country-pair, system and
           producer watches the new rows concern (tripline watch --help)
           and says so. An identical file is not imported twice.
  list     the deals of the current snapshots, by supplier and recipient.
           C is an ISO code (IR) or a party's name ("Hezbollah (Lebanon)");
           S a catalogue id or any designation ("Geran-2", "CM-90 Nasr").
           --json writes one deal a line, every field with its uncertainty.
  stats    deliveries by supplier → recipient and year (units and SIPRI
           TIV; a deal delivered over several years is split evenly across
           them), with the trend of the last five years against the five
           before; --json writes one dyad-year a line.
  history  the snapshots of each register, with their deltas.
  demo     imports a fictional register in SIPRI's format (rows written for
           the demo, not SIPRI data) as the source "demo".

The SIPRI register may not be redistributed: download it yourself from
sipri.org/databases/armstransfers (Trade registers, CSV) and import it.
SIPRI trend-indicator values (TIV) measure military capability, not price.

Examples:
  tripline transfers import trade-register.csv
  tripline transfers list --supplier IR --recipient VE
  tripline transfers list --system shahed-136 --since 2022 --json
  tripline transfers stats --supplier IR --top 10
`

func init() {
	register(&command{Name: "transfers", Summary: "arms transfers: import registers (SIPRI), list deals, delivery statistics", Run: runTransfers})
}

func runTransfers(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(transfersUsage))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "import":
		return runTransfersImport(ctx, m, args[1:])
	case "list":
		return runTransfersList(ctx, m, args[1:])
	case "stats":
		return runTransfersStats(ctx, m, args[1:])
	case "history":
		return runTransfersHistory(ctx, m, args[1:])
	case "demo":
		return runTransfersDemo(ctx, m, args[1:])
	}
	fmt.Fprintf(m.Stderr, "tripline transfers: unknown subcommand %q\n\n%s\n", args[0], strings.TrimSpace(transfersUsage))
	return errUsage
}

// transferStore returns the store as a TransferStore.
func (m *Main) transferStore(ctx context.Context) (tripline.TransferStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ts, ok := st.(tripline.TransferStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "the database %s keeps no arms transfers", m.dbName())
	}
	return ts, nil
}

// readTransfers reads a register file in format ("sipri", "jsonl" or ""
// for detection by name and first bytes).
func readTransfers(path, format, source string) (*tripline.TransferSet, error) {
	if format == "" {
		head := make([]byte, 512)
		f, err := os.Open(path)
		if err != nil {
			return nil, &tripline.Error{Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
		}
		n, _ := io.ReadFull(f, head)
		f.Close()
		head = bytes.TrimLeft(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf")), " \t\r\n")
		switch ext := strings.ToLower(filepath.Ext(path)); {
		case ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || (len(head) > 0 && head[0] == '{'):
			format = "jsonl"
		default:
			format = "sipri"
		}
	}
	var ts *tripline.TransferSet
	var err error
	switch format {
	case "sipri", "csv":
		ts, err = sipri.ReadFile(path)
		if err == nil && source != "" {
			ts.Source = source
			for _, t := range ts.Transfers {
				t.ID = source + strings.TrimPrefix(t.ID, sipri.Source)
				t.Source = source
			}
		}
	case "jsonl", "json":
		ts, err = sipri.ReadJSONLFile(path, source)
	default:
		return nil, tripline.Errorf(tripline.KindInvalid, "unknown format %q (want sipri or jsonl)", format)
	}
	if err != nil {
		return nil, err
	}
	transfer.MustDefault().Link(ts)
	return ts, nil
}

func runTransfersImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("transfers import", transfersUsage)
	format := fs.String("format", "", "sipri or jsonl (default: from the file)")
	source := fs.String("source", "", "the register's id (default sipri-at for SIPRI, user for JSON lines)")
	if err := parse(fs, flagsFirst(args, map[string]bool{"format": true, "source": true})); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, "tripline transfers import: give one file (see --help)")
		return errUsage
	}
	start := time.Now()
	ts, err := readTransfers(fs.Arg(0), *format, *source)
	if err != nil {
		return err
	}
	st, err := m.transferStore(ctx)
	if err != nil {
		return err
	}
	snap, created, rep, err := transfer.Import(ctx, st, ts, m.factObservers(ctx)...)
	if err != nil {
		return err
	}
	defer m.printFactReport(rep)
	linked := 0
	for _, t := range ts.Transfers {
		if t.System != "" {
			linked++
		}
	}
	if !created {
		fmt.Fprintf(m.Stdout, "%s: unchanged (snapshot %d has the same content)\n", ts.Source, snap.ID)
		return nil
	}
	fmt.Fprintf(m.Stdout, "%s: snapshot %d, %d deals (%d linked to the system catalogue)", ts.Source, snap.ID, snap.Count, linked)
	if snap.Previous != 0 {
		fmt.Fprintf(m.Stdout, "; against snapshot %d: %d added, %d removed, %d changed", snap.Previous, snap.Added, snap.Removed, snap.Changed)
	}
	fmt.Fprintf(m.Stdout, " in %.1fs\n", time.Since(start).Seconds())
	return nil
}

// transferFilterFlags adds the filter flags to fs.
func transferFilterFlags(m *Main, name string) (*flag.FlagSet, *tripline.TransferFilter, *string) {
	fs := m.newFlagSet(name, transfersUsage)
	f := new(tripline.TransferFilter)
	fs.StringVar(&f.Supplier, "supplier", "", "supplier: ISO code or name")
	fs.StringVar(&f.Recipient, "recipient", "", "recipient: ISO code or name")
	system := fs.String("system", "", "system: catalogue id or designation")
	fs.StringVar(&f.Source, "source", "", "only this register")
	fs.Func("since", "from this year (or a date: its year)", yearFlag(&f.Since))
	fs.Func("until", "up to this year (or a date: its year)", yearFlag(&f.Until))
	return fs, f, system
}

func yearFlag(dst *int) func(string) error {
	return func(s string) error {
		y, err := strconv.Atoi(strings.TrimSpace(s[:min(4, len(s))]))
		if err != nil || y < 1900 || y > 2200 || (len(s) > 4 && s[4] != '-') {
			return fmt.Errorf("want a year (2020) or a date (2020-05-01), got %q", s)
		}
		*dst = y
		return nil
	}
}

// systemFilter turns --system into the ids and designations a store
// matches: a catalogue system's id and every designation of it, else the
// text as a designation.
func systemFilter(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	c := transfer.MustDefault()
	var out []string
	systems := c.Lookup(s, "")
	if sys, ok := c.ByID(s); ok {
		systems = []*transfer.System{sys}
	}
	for _, sys := range systems {
		out = append(out, sys.ID)
		for _, d := range sys.Designations {
			out = append(out, d.Name)
		}
	}
	if len(out) == 0 {
		out = []string{s}
	}
	return out
}

var transferValued = map[string]bool{"supplier": true, "recipient": true, "system": true, "since": true, "until": true, "source": true, "limit": true, "top": true}

func runTransfersList(ctx context.Context, m *Main, args []string) error {
	fs, f, system := transferFilterFlags(m, "transfers list")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	fs.IntVar(&f.Limit, "limit", 0, "at most N deals (0: all)")
	if err := parse(fs, flagsFirst(args, transferValued)); err != nil {
		return err
	}
	f.Systems = systemFilter(*system)
	st, err := m.transferStore(ctx)
	if err != nil {
		return err
	}
	ts, total, err := st.Transfers(ctx, *f)
	if err != nil {
		return err
	}
	if *asJSON {
		for i := range ts {
			if err := writeJSONLine(m.Stdout, &ts[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if len(ts) == 0 {
		fmt.Fprintln(m.Stderr, "no transfers match (import a register with: tripline transfers import FILE)")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SUPPLIER\tRECIPIENT\tORDER\tORDERED\tDESIGNATION\tDESCRIPTION\tSYSTEM\tDELIVERED\tYEARS\tSTATUS")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", partyLabel(t.Supplier), partyLabel(t.Recipient), uncertain(&t, "order_year", yearText(t.OrderYear)),
			uncertain(&t, "ordered", count(t.Ordered)), t.Designation, t.Description, dash(t.System), uncertain(&t, "delivered", count(t.Delivered)),
			yearsText(t.DeliveryYears), t.Status)
	}
	tw.Flush()
	if total > len(ts) {
		fmt.Fprintf(m.Stderr, "%d of %d deals shown\n", len(ts), total)
	}
	return nil
}

func partyLabel(p tripline.TransferParty) string {
	switch p.Kind {
	case tripline.PartyNonState:
		return p.Name + "*"
	case tripline.PartyOrganisation:
		return p.Name + "**"
	}
	if p.Code != "" {
		return p.Code + " " + p.Name
	}
	return p.Name
}

func uncertain(t *tripline.Transfer, field, s string) string {
	if t.IsUncertain(field) && s != "-" {
		return s + "?"
	}
	return s
}

func count(n *int) string {
	if n == nil {
		return "-"
	}
	return strconv.Itoa(*n)
}

func yearText(y int) string {
	if y == 0 {
		return "-"
	}
	return strconv.Itoa(y)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// yearsText writes delivery years compactly: 2022-2025, or 1979; 1981.
func yearsText(ys []int) string {
	if len(ys) == 0 {
		return "-"
	}
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ys[i], ys[j]))
		} else {
			parts = append(parts, strconv.Itoa(ys[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, "; ")
}

func runTransfersStats(ctx context.Context, m *Main, args []string) error {
	fs, f, system := transferFilterFlags(m, "transfers stats")
	asJSON := fs.Bool("json", false, "one JSON object a line per dyad and year")
	top := fs.Int("top", 20, "show the N largest dyads (0: all)")
	if err := parse(fs, flagsFirst(args, transferValued)); err != nil {
		return err
	}
	f.Systems = systemFilter(*system)
	st, err := m.transferStore(ctx)
	if err != nil {
		return err
	}
	dy, err := st.Deliveries(ctx, *f)
	if err != nil {
		return err
	}
	if *asJSON {
		for i := range dy {
			if err := writeJSONLine(m.Stdout, &dy[i]); err != nil {
				return err
			}
		}
		return nil
	}
	dyads := transfer.Dyads(dy)
	if len(dyads) == 0 {
		fmt.Fprintln(m.Stderr, "no deliveries match")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "SUPPLIER\tRECIPIENT\tYEARS\tUNITS\tTIV\tLAST 5Y\t5Y BEFORE\tTREND\t")
	for i, d := range dyads {
		if *top > 0 && i == *top {
			break
		}
		trend := "-"
		if d.Before > 0 {
			trend = fmt.Sprintf("%+.0f%%", d.Trend*100)
		} else if d.Recent > 0 {
			trend = "new"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d-%d\t%d\t%.1f\t%.1f\t%.1f\t%s\t\n", partyLabel(d.Supplier), partyLabel(d.Recipient), d.First, d.Last, d.Quantity, d.TIV, d.Recent, d.Before, trend)
	}
	tw.Flush()
	if *top > 0 && len(dyads) > *top {
		fmt.Fprintf(m.Stderr, "%d of %d dyads shown (--top 0 for all)\n", *top, len(dyads))
	}
	return nil
}

func runTransfersHistory(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("transfers history", transfersUsage)
	asJSON := fs.Bool("json", false, "print the snapshots as a JSON array")
	if err := parse(fs, flagsFirst(args, nil)); err != nil {
		return err
	}
	st, err := m.transferStore(ctx)
	if err != nil {
		return err
	}
	snaps, err := st.TransferSnapshots(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, snaps)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tSNAPSHOT\tCURRENT\tPUBLISHED\tIMPORTED\tDEALS\tADDED\tREMOVED\tCHANGED")
	for _, s := range snaps {
		cur := ""
		if s.Current {
			cur = "yes"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", s.Source, s.ID, cur, dash(s.PublishedAt), s.ImportedAt.Format(time.DateTime), s.Count, s.Added, s.Removed, s.Changed)
	}
	return tw.Flush()
}

func runTransfersDemo(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("transfers demo", transfersUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	ts, err := sipri.Read(bytes.NewReader(transfer.DemoRegister()), "demo-register.csv")
	if err != nil {
		return err
	}
	ts.Source = "demo"
	for _, t := range ts.Transfers {
		t.ID = "demo" + strings.TrimPrefix(t.ID, sipri.Source)
		t.Source = "demo"
		t.Reports[0].Source, t.Reports[0].Title = "demo", "Fictional demo register (not SIPRI data)"
	}
	transfer.MustDefault().Link(ts)
	st, err := m.transferStore(ctx)
	if err != nil {
		return err
	}
	snap, created, rep, err := transfer.Import(ctx, st, ts, m.factObservers(ctx)...)
	if err != nil {
		return err
	}
	defer m.printFactReport(rep)
	if created {
		fmt.Fprintf(m.Stdout, "demo: snapshot %d, %d fictional deals\n", snap.ID, snap.Count)
	} else {
		fmt.Fprintf(m.Stdout, "demo: already imported (snapshot %d)\n", snap.ID)
	}
	fmt.Fprintln(m.Stdout, "try: tripline transfers list --supplier IR --recipient VE")
	return nil
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
