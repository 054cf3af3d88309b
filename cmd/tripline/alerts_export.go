package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/export"
)

// runAlertsExport writes the selected alerts as CSV or XLSX.
func runAlertsExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("alerts export", alertsUsage)
	format := fs.String("format", export.CSV, "csv or xlsx")
	out := fs.String("out", "", "write to FILE instead of standard output")
	book := fs.String("book", "", "only this book")
	status := fs.String("status", "", "only this status: open, pending_approval or closed")
	reason := fs.String("reason", "", "only this reason: new_match, delisted, match_changed or party_changed")
	since := fs.String("since", "", "only alerts raised since a date, time or duration ago (24h, 7d)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline alerts export: takes no arguments, only flags (see --help)")
		return errUsage
	}
	if *format != export.CSV && *format != export.XLSX {
		return tripline.Errorf(tripline.KindInvalid, "unknown format %q (known: csv, xlsx)", *format)
	}
	if *format == export.XLSX && *out == "" {
		if fi, err := os.Stdout.Stat(); m.Stdout == os.Stdout && err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return tripline.Errorf(tripline.KindInvalid, "an XLSX workbook is binary: give --out FILE or redirect standard output")
		}
	}
	f := tripline.AlertFilter{Book: *book, Status: *status, Reason: *reason}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return err
		}
		f.Since = t
	}
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return err
	}
	n := 0
	err = writeOut(*out, m.Stdout, func(w io.Writer) error {
		ew, err := export.NewWriter(w, *format, "Alerts", export.AlertColumns)
		if err != nil {
			return err
		}
		for {
			f.Limit = 1000
			as, err := ms.Alerts(ctx, f)
			if err != nil {
				return err
			}
			for _, a := range as {
				if err := ew.Write(a); err != nil {
					return err
				}
			}
			n += len(as)
			if len(as) < f.Limit {
				break
			}
			f.After = as[len(as)-1].ID
		}
		return ew.Close()
	})
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(m.Stderr, "exported %d alerts to %s\n", n, *out)
	}
	return nil
}
