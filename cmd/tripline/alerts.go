package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
)

func init() {
	register(&command{Name: "alerts", Summary: "list and show the alerts of monitored books", Run: runAlerts})
}

const alertsUsage = `
Usage:
  tripline alerts list [--book NAME] [--status S] [--reason R] [--source S] [--min-score X]
                       [--since T] [--older-than T] [--assignee USER|-] [--limit N] [--json]
  tripline alerts show ID
  tripline alerts export --format csv|xlsx [--out FILE] [--book NAME] [--status S] [--reason R] [--since T]
  tripline alerts next|decide|approve|reject|assign|replay … (tripline alerts decide --help)

Alerts are raised when a book is imported and whenever a list gets a new
snapshot (see "tripline book"): new_match (a pair now scores at or above
the threshold), delisted (a matched entity left its list), match_changed
(a closed alert's listed record changed materially), party_changed (a
party changed and now matches). There is at most one alert per party and
listed entity that is not closed; a repeat raises nothing.

--status is open, pending_approval or closed; --since takes a date
(2025-01-31), a time (RFC 3339) or a duration back from now (24h, 7d).
--json prints one JSON object a line: id, book, party_id, party_name,
entity_id, entity_name, source, score, reason, status, snapshot_id,
prev_snapshot_id, matcher_version, party_hash, entity_hash, explanation,
created_at …

export writes the alerts the filters select as CSV or as an XLSX workbook
(one sheet, a table with a filter on each column), for reports: id, book,
party, listed entity, source, programmes, score, reason, status,
resolution, priority, explanation, times, snapshots, matcher version and
material hashes. An XLSX file needs --out (or standard output redirected).

Examples:
  tripline alerts list --status open
  tripline alerts list --book suppliers --since 7d --json | jq .entity_name
  tripline alerts show 42
  tripline alerts export --format xlsx --status open --out open-alerts.xlsx
`

func runAlerts(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		return runAlertsExport(ctx, m, args[1:])
	}
	if caseSubcommands[subcommand(args)] {
		return runCases(ctx, m, args) // case management (cases.go)
	}
	fs := m.newFlagSet("alerts", alertsUsage)
	book := fs.String("book", "", "only this book")
	status := fs.String("status", "", "only this status: open, pending_approval or closed")
	reason := fs.String("reason", "", "only this reason: new_match, delisted, match_changed or party_changed")
	since := fs.String("since", "", "only alerts raised since a date, time or duration ago (24h, 7d)")
	limit := fs.Int("limit", 0, "at most this many alerts (0: all)")
	source := fs.String("source", "", "only alerts on entities of this source")
	minScore := fs.Float64("min-score", 0, "only alerts scoring at least this")
	olderThan := fs.String("older-than", "", "only alerts raised before a date, time or duration ago (7d)")
	assignee := fs.String("assignee", "", "only alerts assigned to this user (\"-\": unassigned)")
	asJSON := fs.Bool("json", false, "print one JSON object a line")
	if err := parse(fs, flagsFirst(args, map[string]bool{"book": true, "status": true, "reason": true, "since": true, "limit": true, "source": true, "min-score": true, "older-than": true, "assignee": true})); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	ms, err := m.monitorStore(ctx)
	if err != nil {
		return err
	}
	switch rest[0] {
	case "show":
		if len(rest) != 2 {
			return tripline.Errorf(tripline.KindInvalid, "alerts show takes one alert id")
		}
		id, err := strconv.ParseInt(rest[1], 10, 64)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "alert id %q is not a number", rest[1])
		}
		a, err := ms.Alert(ctx, id)
		if err != nil {
			return err
		}
		return writeJSON(m.Stdout, a)
	case "list":
		if len(rest) != 1 {
			return tripline.Errorf(tripline.KindInvalid, "alerts list takes no arguments (got %q)", rest[1:])
		}
	default:
		fmt.Fprintf(m.Stderr, "tripline alerts: unknown subcommand %q (want list or show)\n", rest[0])
		return errUsage
	}
	f := tripline.AlertFilter{Book: *book, Status: *status, Reason: *reason, Source: *source, MinScore: *minScore, Assignee: *assignee}
	if *assignee == "-" {
		f.Assignee, f.Unassigned = "", true
	}
	if *olderThan != "" {
		t, err := parseSince(*olderThan, time.Now())
		if err != nil {
			return err
		}
		f.Before = t
	}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return err
		}
		f.Since = t
	}
	if *limit < 0 {
		return tripline.Errorf(tripline.KindInvalid, "--limit must not be negative")
	}
	w := bufio.NewWriterSize(m.Stdout, 1<<16)
	var tw *tabwriter.Writer
	if !*asJSON {
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tBOOK\tPARTY\tENTITY\tSCORE\tREASON\tSTATUS\tRAISED")
	}
	n := 0
	for {
		f.Limit = 1000
		if *limit > 0 {
			f.Limit = min(1000, *limit-n)
		}
		as, err := ms.Alerts(ctx, f)
		if err != nil {
			return err
		}
		for _, a := range as {
			if tw == nil {
				b, err := json.Marshal(a)
				if err != nil {
					return err
				}
				w.Write(append(b, '\n'))
				continue
			}
			status := a.Status
			if a.Resolution != "" {
				status += " (" + a.Resolution + ")"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s %s\t%s %s\t%.3f\t%s\t%s\t%s\n", a.ID, a.Book, a.PartyID, clip(a.PartyName, 30), a.EntityID, clip(a.EntityName, 30), a.Score, a.Reason, status, a.CreatedAt.Local().Format("2006-01-02 15:04"))
		}
		n += len(as)
		if len(as) < f.Limit || (*limit > 0 && n >= *limit) {
			break
		}
		f.After = as[len(as)-1].ID
	}
	if tw != nil {
		tw.Flush()
	}
	return w.Flush()
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// parseSince reads a date, an RFC 3339 time or a duration back from now
// (Go durations, and N d for days).
func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return t, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(d); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, tripline.Errorf(tripline.KindInvalid, "--since %q: give a date (2025-01-31), a time (2025-01-31T12:00:00Z) or a duration (24h, 7d)", s)
}
