package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/notify"
)

func init() {
	register(&command{Name: "webhooks", Summary: "send events (alerts, watches, tests) to your HTTP endpoints, signed", Run: runWebhooks})
}

const webhooksUsage = `
Usage:
  tripline webhooks add URL [--secret whsec_…] [--events TYPES] [--allow-private] [--json]
  tripline webhooks list [--json]
  tripline webhooks rm ID
  tripline webhooks enable ID | disable ID
  tripline webhooks test ID
  tripline webhooks deliveries [--webhook ID] [--state STATES] [--limit N] [--json]

Every event Tripline writes (an alert raised or closed, a watch fired …) is
POSTed to each webhook that wants its type, as JSON
{"type", "timestamp", "data"}, signed by the Standard Webhooks scheme:
  webhook-id         the event's id, the same on every retry: drop repeats
  webhook-timestamp  Unix seconds of the attempt
  webhook-signature  v1,BASE64(HMAC-SHA256(key, "ID.TIMESTAMP.BODY"))
where key is the base64 after "whsec_" in the secret. Verify with any
Standard Webhooks library. A delivery that fails (no connection, a timeout,
a status other than 2xx) is retried with exponential backoff (10 s doubling
up to 1 h) for a day; "deliveries" shows its attempts and last error.

"add" prints the webhook's secret once (a new one unless --secret is given).
--events takes event types or PREFIX.* (default: every type). Deliveries to
loopback, link-local and private addresses are refused, at connect time,
unless the webhook was added with --allow-private (tests, receivers on the
premises). "rm" and "disable" drop the webhook's pending deliveries.
"test" writes a webhook.test event for that webhook alone and delivers it.

"tripline serve" delivers as events happen. A command that writes events
(an import that raises alerts, "webhooks test") delivers them itself
before it exits, for up to 10 s, and says what is left to retry.

Examples:
  tripline webhooks add https://hooks.example.com/tripline --events alert.*
  tripline webhooks test 1
  tripline webhooks deliveries --state retryable,discarded
`

func runWebhooks(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("webhooks", webhooksUsage)
	asJSON := fs.Bool("json", false, "print JSON")
	secret := fs.String("secret", "", "add: the signing secret, whsec_ and base64 of 24 to 64 bytes (default: a new random one, printed)")
	events := fs.String("events", "", "add: comma-separated event types or PREFIX.* to deliver (default: all)")
	allowPrivate := fs.Bool("allow-private", false, "add: allow deliveries to loopback, link-local and private addresses")
	webhook := fs.Int64("webhook", 0, "deliveries: only those of this webhook")
	states := fs.String("state", "", "deliveries: comma-separated states: available, running, retryable, scheduled, completed, cancelled, discarded")
	limit := fs.Int("limit", 100, "deliveries: at most this many, oldest first")
	// Flags may come before, between and after the arguments.
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	sub := rest[0]
	rest = rest[1:]
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	ws, ok := st.(notify.Store)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "this store keeps no webhooks")
	}
	oneID := func() (int64, error) {
		if len(rest) != 1 {
			return 0, tripline.Errorf(tripline.KindInvalid, "webhooks %s takes one webhook ID (see tripline webhooks list)", sub)
		}
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil || id <= 0 {
			return 0, tripline.Errorf(tripline.KindInvalid, "a webhook ID is a number, got %q", rest[0])
		}
		return id, nil
	}
	switch sub {
	case "add":
		if len(rest) != 1 {
			return tripline.Errorf(tripline.KindInvalid, "webhooks add takes one URL, e.g. tripline webhooks add https://hooks.example.com/tripline")
		}
		w := tripline.Webhook{URL: rest[0], Secret: *secret, AllowPrivate: *allowPrivate, Events: splitList(*events)}
		generated := w.Secret == ""
		if generated {
			w.Secret = notify.NewSecret()
		}
		if err := w.Validate(); err != nil {
			return err
		}
		if err := notify.CheckURL(w.URL, w.AllowPrivate); err != nil {
			return err
		}
		w, err := ws.AddWebhook(ctx, w)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, map[string]any{"webhook": w, "secret": w.Secret})
		}
		fmt.Fprintln(m.Stdout, w.Secret)
		if generated {
			fmt.Fprintf(m.Stderr, "Webhook %d added for %s. Its signing secret is above: store it now, it is not shown again.\n", w.ID, w.URL)
		} else {
			fmt.Fprintf(m.Stderr, "Webhook %d added for %s.\n", w.ID, w.URL)
		}
		return nil
	case "list":
		hooks, err := ws.Webhooks(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, hooks)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tURL\tEVENTS\tENABLED\tPRIVATE\tCREATED")
		for _, w := range hooks {
			evs := strings.Join(w.Events, ",")
			if evs == "" {
				evs = "*"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", w.ID, w.URL, evs, yesNo(w.Enabled), yesNo(w.AllowPrivate), w.CreatedAt.Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	case "rm", "enable", "disable":
		id, err := oneID()
		if err != nil {
			return err
		}
		switch sub {
		case "rm":
			err = ws.RemoveWebhook(ctx, id)
		default:
			err = ws.SetWebhookEnabled(ctx, id, sub == "enable")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "Webhook %d %s.\n", id, map[string]string{"rm": "removed", "enable": "enabled", "disable": "disabled"}[sub])
		return nil
	case "test":
		id, err := oneID()
		if err != nil {
			return err
		}
		return m.webhookTest(ctx, st, id, *asJSON)
	case "deliveries":
		if len(rest) != 0 {
			return tripline.Errorf(tripline.KindInvalid, "webhooks deliveries takes no arguments (use --webhook ID)")
		}
		var sts []jobs.State
		for _, s := range splitList(*states) {
			sts = append(sts, jobs.State(s))
		}
		q, err := jobs.Open(st, jobs.Config{})
		if err != nil {
			return err
		}
		ds, err := notify.Deliveries(ctx, q, notify.DeliveryFilter{WebhookID: *webhook, States: sts, Limit: *limit})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, ds)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "JOB\tWEBHOOK\tEVENT\tSTATE\tATTEMPTS\tNEXT/DONE\tLAST ERROR")
		for _, d := range ds {
			when := "-"
			switch {
			case d.FinishedAt != nil:
				when = d.FinishedAt.Local().Format("01-02 15:04:05")
			case d.NextAttempt != nil:
				when = d.NextAttempt.Local().Format("01-02 15:04:05")
			}
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%d\t%s\t%s\n", d.JobID, d.WebhookID, d.EventID, d.State, d.Attempts, when, d.LastError)
		}
		return tw.Flush()
	}
	return tripline.Errorf(tripline.KindInvalid, "unknown webhooks subcommand %q: use add, list, rm, enable, disable, test or deliveries", sub)
}

// webhookTest writes a test event for webhook id and delivers it.
func (m *Main) webhookTest(ctx context.Context, st tripline.Store, id int64, asJSON bool) error {
	_, n, err := m.openQueue(st, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	ev, err := n.Test(ctx, id)
	if err != nil {
		return err
	}
	r, err := n.Drain(ctx, m.deliverWait())
	if err != nil {
		return err
	}
	rep := drainReport(r)
	ds, err := n.Deliveries(ctx, notify.DeliveryFilter{WebhookID: id, Limit: 10000})
	if err != nil {
		return err
	}
	var d *notify.Delivery
	for i := range ds {
		if ds[i].EventID == ev.ID {
			d = &ds[i]
		}
	}
	if asJSON {
		if err := writeJSON(m.Stdout, map[string]any{"event": ev, "delivery": d}); err != nil {
			return err
		}
	}
	switch {
	case d == nil:
		return tripline.Errorf(tripline.KindInternal, "the test event %s was not dispatched", ev.ID)
	case d.State == jobs.StateCompleted:
		if !asJSON {
			fmt.Fprintf(m.Stdout, "delivered %s to webhook %d: HTTP %d\n", ev.ID, id, d.Status)
		}
		return nil
	case d.FinishedAt != nil:
		return tripline.Errorf(tripline.KindUnavailable, "the test delivery failed for good: %s", d.LastError)
	}
	if msg := rep.summary(); msg != "" && !asJSON {
		fmt.Fprintln(m.Stderr, msg)
	}
	return tripline.Errorf(tripline.KindUnavailable, "the test delivery failed (attempt %d: %s); it is retried by tripline serve for a day", d.Attempts, d.LastError)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
