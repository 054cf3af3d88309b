package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/review"
)

// The case-management subcommands of "tripline alerts" (issue 11): the
// queue's next alert, dispositions and their four-eyes answers, the case
// view and replay. runAlerts hands them here.
var caseSubcommands = map[string]bool{"next": true, "decide": true, "approve": true, "reject": true, "show": true, "replay": true, "assign": true, "report": true}

// caseValued are the flags of the alerts command that take a value.
var caseValued = map[string]bool{"as": true, "disposition": true, "rationale": true, "note": true, "until": true, "book": true, "source": true, "reason": true,
	"min-score": true, "max-score": true, "status": true, "since": true, "limit": true, "older-than": true, "assignee": true}

// subcommand returns the first argument that is neither a flag nor a
// flag's value ("alerts --as alice next" is next).
func subcommand(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			if name := strings.TrimLeft(a, "-"); !strings.Contains(name, "=") && caseValued[name] {
				i++
			}
			continue
		}
		return a
	}
	return ""
}

const casesUsage = `
Usage:
  tripline alerts next --as USER [--book NAME] [--source S] [--reason R] [--json]
  tripline alerts decide ID --as USER --disposition D --rationale TEXT [--until DATE] [--json]
  tripline alerts decide --all --as USER --disposition D --rationale TEXT [filters] [--json]
  tripline alerts approve ID --as REVIEWER [--note TEXT] [--json]
  tripline alerts reject ID --as REVIEWER --note TEXT [--json]
  tripline alerts assign ID [USER] --as USER
  tripline alerts show ID [--network] [--json]
  tripline alerts replay ID [--json]
  tripline alerts report [--book NAME] [--json|--csv]

next takes the oldest unassigned open alert of the highest priority and
assigns it to USER atomically: two reviewers never get the same alert.
Escalated alerts go to reviewers first; analysts do not get them.

decide records a disposition: true_match, false_positive or escalate, with
a rationale (required). A true match, and a false positive on a high-risk
alert (score, source or programme: the review policy), goes to
pending_approval and needs "alerts approve" by a different user with the
reviewer role; the store refuses the decider's own approval whatever path
the request takes. Any other false positive closes the alert and
suppresses the pair while both records keep the material hashes they had;
a material change of either reopens it as match_changed, linked to this
decision. --until ends the suppression at a date. escalate leaves the alert
open for a reviewer. --all decides every open alert the filters select
(--book, --source, --reason, --min-score, --max-score), with one rationale,
all or none.

show prints the party and the listed record side by side, the
explanation, the listed record's history across snapshots, the pair's
earlier alerts and decisions, its suppression and the alert's audit trail;
with --network also the shortest path in the front-company graph from the
party (a company or person of "tripline graph import" with the party's id)
to the listed entity (building the graph takes a few seconds).
replay rescreens the pair with the snapshots and configuration recorded on
the alert and says whether it gives the same result.

report prints the backlog (alerts not closed, by status and age), the
time from raising to a disposition taking effect (p50, p90 in hours),
false-positive rates by source and by rule (the alert's reason and the
alerting rule's version) and how many alerts reopened a suppressed pair.

On the command line a user acts with --as NAME (or $TRIPLINE_USER); see
"tripline users".

Examples:
  tripline alerts next --as alice
  tripline alerts decide 42 --as alice --disposition false_positive --rationale "different company: other country, other registration"
  tripline alerts approve 42 --as bob
  tripline alerts show 42
`

func runCases(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("alerts", casesUsage)
	as := fs.String("as", "", "act as this user (default $TRIPLINE_USER)")
	disp := fs.String("disposition", "", "true_match, false_positive or escalate")
	rationale := fs.String("rationale", "", "why, in words an auditor will read (required)")
	note := fs.String("note", "", "the reviewer's note (required to reject)")
	until := fs.String("until", "", "a false positive's suppression ends at this date or time")
	all := fs.Bool("all", false, "decide every open alert the filters select")
	book := fs.String("book", "", "only this book")
	source := fs.String("source", "", "only alerts on entities of this source")
	reason := fs.String("reason", "", "only this reason")
	minScore := fs.Float64("min-score", 0, "only alerts scoring at least this")
	maxScore := fs.Float64("max-score", 0, "only alerts scoring at most this")
	asJSON := fs.Bool("json", false, "print JSON")
	network := fs.Bool("network", false, "show: the network path from the party to the listed entity")
	asCSV := fs.Bool("csv", false, "report: print CSV rows (section, key, value …)")
	if err := parse(fs, flagsFirst(args, caseValued)); err != nil {
		return err
	}
	rest := fs.Args()
	cs, err := m.caseStore(ctx)
	if err != nil {
		return err
	}
	ctx, by := m.withPrincipal(ctx, *as)
	f := tripline.AlertFilter{Book: *book, Source: *source, Reason: *reason, MinScore: *minScore, MaxScore: *maxScore}
	alertID := func(i int) (int64, error) {
		if len(rest) <= i {
			return 0, tripline.Errorf(tripline.KindInvalid, "alerts %s takes an alert id", rest[0])
		}
		id, err := strconv.ParseInt(rest[i], 10, 64)
		if err != nil || id <= 0 {
			return 0, tripline.Errorf(tripline.KindInvalid, "alert id %q is not a number", rest[i])
		}
		return id, nil
	}
	switch rest[0] {
	case "next":
		a, err := review.Next(ctx, cs, f, by)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, a)
		}
		fmt.Fprintf(m.Stdout, "alert %d assigned to %s: %s %s ~ %s %s, score %.3f, %s, priority %d\n", a.ID, a.Assignee, a.PartyID, a.PartyName, a.EntityID, a.EntityName, a.Score, a.Reason, a.Priority)
		return nil
	case "decide":
		spec := tripline.DecisionSpec{Disposition: *disp, Rationale: *rationale}
		if *until != "" {
			t, err := parseUntil(*until)
			if err != nil {
				return err
			}
			spec.SuppressUntil = &t
		}
		var ds []tripline.AlertDecision
		if *all {
			if len(rest) != 1 {
				return tripline.Errorf(tripline.KindInvalid, "alerts decide --all takes filters, not alert ids")
			}
			ds, err = review.Bulk(ctx, cs, f, spec, by)
		} else {
			id, err := alertID(1)
			if err != nil {
				return err
			}
			spec.AlertID = id
			ds, err = cs.DecideAlerts(ctx, []tripline.DecisionSpec{spec}, by)
			if err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, ds)
		}
		for _, d := range ds {
			fmt.Fprintf(m.Stdout, "alert %d: decision %d %s by %s, %s", d.AlertID, d.ID, d.Disposition, d.DecidedBy, d.State)
			if d.State == tripline.DecisionPending {
				fmt.Fprintf(m.Stdout, " (needs a reviewer other than %s: %s)", d.DecidedBy, d.ApprovalReason)
			}
			fmt.Fprintln(m.Stdout)
		}
		return nil
	case "approve", "reject":
		id, err := alertID(1)
		if err != nil {
			return err
		}
		d, err := cs.ReviewDecision(ctx, id, rest[0] == "approve", *note, by)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, d)
		}
		fmt.Fprintf(m.Stdout, "alert %d: decision %d (%s by %s) %s by %s\n", d.AlertID, d.ID, d.Disposition, d.DecidedBy, d.State, d.ReviewedBy)
		return nil
	case "assign":
		id, err := alertID(1)
		if err != nil {
			return err
		}
		to := ""
		if len(rest) > 2 {
			to = rest[2]
		}
		a, err := cs.AssignAlert(ctx, id, to, by)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "alert %d assigned to %q\n", a.ID, a.Assignee)
		return nil
	case "show":
		id, err := alertID(1)
		if err != nil {
			return err
		}
		var paths review.PathFinder
		if *network {
			paths = m.networkPaths
		}
		c, err := review.CaseOf(ctx, cs, id, paths)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, c)
		}
		return printCase(m, c)
	case "report":
		r, err := review.BuildReport(ctx, cs, *book, time.Now())
		if err != nil {
			return err
		}
		switch {
		case *asJSON:
			return writeJSON(m.Stdout, r)
		case *asCSV:
			return writeReportCSV(m, r)
		}
		return printReport(m, r)
	case "replay":
		id, err := alertID(1)
		if err != nil {
			return err
		}
		r, err := review.ReplayAlert(ctx, cs, id, match.DefaultConfig())
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, r)
		}
		verdict := "the same result"
		if !r.Same {
			verdict = "a different result: " + strings.Join(r.Differences, "; ")
		}
		fmt.Fprintf(m.Stdout, "alert %d replayed against snapshots %v: score %.3f (recorded %.3f), %s\n", r.AlertID, r.Snapshots, r.Replayed.Score, r.Recorded.Score, verdict)
		for _, n := range r.Notes {
			fmt.Fprintln(m.Stdout, "note:", n)
		}
		return nil
	}
	return tripline.Errorf(tripline.KindInvalid, "unknown alerts subcommand %q", rest[0])
}

// parseUntil reads a date (2025-06-30) or an RFC 3339 time.
func parseUntil(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, tripline.Errorf(tripline.KindInvalid, "--until %q: give a date (2025-06-30) or an RFC 3339 time", s)
	}
	return t.UTC(), nil
}

// printCase writes the case view as text.
func printCase(m *Main, c *review.Case) error {
	a := c.Alert
	w := m.Stdout
	fmt.Fprintf(w, "alert %d  %s  status %s", a.ID, a.Reason, a.Status)
	if a.Resolution != "" {
		fmt.Fprintf(w, " (%s)", a.Resolution)
	}
	fmt.Fprintf(w, "  score %.3f  priority %d  book %s\n", a.Score, a.Priority, a.Book)
	if a.Assignee != "" {
		fmt.Fprintf(w, "assigned to %s\n", a.Assignee)
	}
	fmt.Fprintf(w, "snapshot %d  matcher %s  rules %s\n", a.SnapshotID, a.MatcherVersion, a.RulesVersion)
	if a.PriorDecisionID != 0 || a.PriorAlertID != 0 {
		fmt.Fprintf(w, "reopens alert %d (decision %d)\n", a.PriorAlertID, a.PriorDecisionID)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "FIELD\tPARTY %s\tLISTED %s\t\n", a.PartyID, a.EntityID)
	for _, fp := range c.Comparison {
		if fp.Mark == review.MarkNone {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", fp.Field, clip(strings.Join(fp.Party, "; "), 40), clip(strings.Join(fp.Listed, "; "), 50), fp.Mark)
	}
	tw.Flush()
	if c.Explanation != nil {
		fmt.Fprintf(w, "\nexplanation: %s\n", c.Explanation.Summary)
	}
	if len(c.History) > 0 {
		fmt.Fprintln(w, "\nhistory of the listed record:")
		for _, v := range c.History {
			mark := ""
			if v.Alerted {
				mark = "  <- this alert"
			}
			var fields []string
			for _, ch := range v.Changes {
				fields = append(fields, ch.Field)
			}
			state := "present"
			if !v.Present {
				state = "absent"
			}
			fmt.Fprintf(w, "  snapshot %d (%s) %s material=%v changed: %s%s\n", v.SnapshotID, v.ImportedAt, state, v.Material, strings.Join(fields, ", "), mark)
		}
	}
	if len(c.Decisions) > 0 {
		fmt.Fprintln(w, "\ndecisions on the pair:")
		for _, d := range c.Decisions {
			fmt.Fprintf(w, "  decision %d on alert %d: %s by %s, %s", d.ID, d.AlertID, d.Disposition, d.DecidedBy, d.State)
			if d.ReviewedBy != "" {
				fmt.Fprintf(w, " by %s", d.ReviewedBy)
			}
			fmt.Fprintf(w, ": %q\n", d.Rationale)
		}
	}
	if c.Suppression != nil {
		sp := c.Suppression
		state := "active"
		if sp.LiftedAt != nil {
			state = "lifted (" + sp.LiftReason + ")"
		}
		fmt.Fprintf(w, "\nsuppression %d from decision %d: %s\n", sp.ID, sp.DecisionID, state)
	}
	fmt.Fprintf(w, "\nfour-eyes: %s", c.FourEyes.State)
	if c.FourEyes.WaitingFor != "" {
		fmt.Fprintf(w, ", waiting for %s", c.FourEyes.WaitingFor)
	}
	fmt.Fprintln(w)
	if n := c.Network; n != nil {
		fmt.Fprintln(w, "\nnetwork:")
		if n.Note != "" {
			fmt.Fprintln(w, " ", n.Note)
		}
		for _, p := range n.Paths {
			var steps []string
			for _, nd := range p.Nodes {
				steps = append(steps, nd.ID)
			}
			fmt.Fprintf(w, "  %s\n", strings.Join(steps, " -> "))
		}
	}
	if len(c.Audit) > 0 {
		fmt.Fprintln(w, "\naudit trail:")
		for _, e := range c.Audit {
			fmt.Fprintf(w, "  #%d %s %s by %s (%s)\n", e.Seq, e.At.Format(time.RFC3339), e.Action, e.Actor, e.Via)
		}
	}
	return nil
}

func writeReportCSV(m *Main, r *review.Report) error {
	w := csv.NewWriter(m.Stdout)
	w.Write([]string{"section", "key", "a", "b", "c"})
	for _, b := range r.Backlog {
		w.Write([]string{"backlog", b.Status, b.Age, strconv.Itoa(b.Count), ""})
	}
	q := r.TimeToDisposition
	w.Write([]string{"time_to_disposition_hours", "all", strconv.Itoa(q.N), fmt.Sprint(q.P50), fmt.Sprint(q.P90)})
	for _, sec := range []struct {
		name string
		rows []review.RateRow
	}{{"false_positive_rate_by_source", r.BySource}, {"false_positive_rate_by_rule", r.ByRule}} {
		for _, row := range sec.rows {
			w.Write([]string{sec.name, row.Key, strconv.Itoa(row.FalsePositives), strconv.Itoa(row.TrueMatches), fmt.Sprint(row.Rate)})
		}
	}
	for _, k := range sortedKeys(r.Reopened) {
		w.Write([]string{"reopened", k, strconv.Itoa(r.Reopened[k]), "", ""})
	}
	w.Flush()
	return w.Error()
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func printReport(m *Main, r *review.Report) error {
	w := m.Stdout
	fmt.Fprintln(w, "backlog (alerts not closed):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "  STATUS")
	for _, b := range review.AgeBuckets {
		fmt.Fprintf(tw, "\t%s", b.Name)
	}
	fmt.Fprintln(tw)
	for i := 0; i < len(r.Backlog); i += len(review.AgeBuckets) {
		fmt.Fprintf(tw, "  %s", r.Backlog[i].Status)
		for _, b := range r.Backlog[i : i+len(review.AgeBuckets)] {
			fmt.Fprintf(tw, "\t%d", b.Count)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	q := r.TimeToDisposition
	fmt.Fprintf(w, "\ntime to disposition: %d decisions, p50 %.2f h, p90 %.2f h\n", q.N, q.P50, q.P90)
	for _, sec := range []struct {
		name string
		rows []review.RateRow
	}{{"by source", r.BySource}, {"by rule", r.ByRule}} {
		fmt.Fprintf(w, "\nfalse-positive rate %s:\n", sec.name)
		for _, row := range sec.rows {
			fmt.Fprintf(w, "  %-40s %5.1f %%  (%d false positives, %d true matches)\n", row.Key, row.Rate*100, row.FalsePositives, row.TrueMatches)
		}
	}
	fmt.Fprintln(w, "\nreopened suppressed pairs:")
	for _, k := range sortedKeys(r.Reopened) {
		fmt.Fprintf(w, "  %s: %d\n", k, r.Reopened[k])
	}
	return nil
}

// networkPaths finds the party in the front-company graph and its
// shortest path to the listed entity.
func (m *Main) networkPaths(ctx context.Context, partyID, entityID string) (*review.Network, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ns, err := m.networkStore(ctx)
	if err != nil {
		return &review.Network{Note: "this store keeps no network records"}, nil
	}
	src := &graph.Source{Lists: st, Records: ns, Options: graph.Options{CountryName: country.Name, CountryCode: country.Code}}
	ld, err := src.Load(ctx)
	if tripline.ErrorKind(err) == tripline.KindNotFound {
		return &review.Network{Note: "no network records (tripline graph import)"}, nil
	}
	if err != nil {
		return nil, err
	}
	if _, ok := ld.Graph.Lookup(partyID); !ok {
		return &review.Network{Note: fmt.Sprintf("party %s is not in the network records", partyID)}, nil
	}
	n := &review.Network{Node: partyID}
	edges, nodes, err := ld.Graph.ShortestPath(partyID, entityID, 0)
	switch {
	case tripline.ErrorKind(err) == tripline.KindNotFound:
		n.Note = tripline.ErrorMessage(err)
	case err != nil:
		return nil, err
	default:
		n.Paths = append(n.Paths, review.NetworkPath{To: entityID, Edges: edges, Nodes: nodes})
	}
	return n, nil
}
