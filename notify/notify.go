// Package notify delivers the store's event outbox to webhooks, signed by
// the Standard Webhooks scheme (https://www.standardwebhooks.com).
//
// A dispatcher reads the outbox in order from a cursor kept in the store
// and enqueues one delivery job per event and matching webhook in the
// durable queue (package jobs). A delivery is a POST of
//
//	{"type": "alert.created", "timestamp": "2025-01-02T03:04:05Z", "data": {…the event's payload…}}
//
// with the headers webhook-id (the event's id, the same on every retry
// and for every webhook, so that receivers can drop repeats),
// webhook-timestamp (Unix seconds of the attempt) and webhook-signature
// ("v1," and the base64 HMAC-SHA256 of "id.timestamp.body" under the
// webhook's key). A delivery that fails (no connection, a timeout, a
// status other than 2xx) is retried with exponential backoff for up to a
// day; its attempts and errors stay visible as the job's. Deliveries are
// at least once: a crash between a receiver's answer and its record means
// the receiver sees the event again, with the same webhook-id.
//
// A guard refuses to connect to loopback, link-local, private, reserved
// and unspecified addresses, checking the address actually dialled, unless
// the webhook was added with AllowPrivate.
package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/jobs"
)

// Store is what the notifier needs of a store.
type Store interface {
	tripline.EventLog
	tripline.WebhookStore
}

const (
	// KindDeliver is the job kind of one delivery.
	KindDeliver = "webhook.deliver"
	// QueueName is the job queue deliveries go to; the jobs.Config of a
	// queue given to New must configure it.
	QueueName = "webhooks"
	// Cursor is the name of the dispatcher's outbox cursor.
	Cursor = "webhooks"
	// TestEvent is the type of the events "tripline webhooks test" writes;
	// they go only to the webhook named in their payload.
	TestEvent = "webhook.test"
)

// Config holds the notifier's settings; the zero value of a field means
// its default.
type Config struct {
	// FirstRetry is the wait after the first failed attempt (default
	// 10 s); each later wait doubles, up to MaxRetryWait (default 1 h).
	FirstRetry   time.Duration
	MaxRetryWait time.Duration
	// GiveUpAfter is how long after its event a delivery is given up
	// (default 24 h).
	GiveUpAfter time.Duration
	// Timeout bounds one attempt, connection to answer (default 15 s).
	Timeout time.Duration
	// UserAgent is sent with every delivery.
	UserAgent string
	// Logger receives dispatch errors (default: discarded).
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.FirstRetry <= 0 {
		c.FirstRetry = 10 * time.Second
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = time.Hour
	}
	if c.GiveUpAfter <= 0 {
		c.GiveUpAfter = 24 * time.Hour
	}
	if c.Timeout <= 0 {
		c.Timeout = 15 * time.Second
	}
	if c.UserAgent == "" {
		c.UserAgent = "tripline-webhooks/1"
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c
}

// Notifier dispatches the outbox to webhooks and delivers it.
type Notifier struct {
	store   Store
	q       *jobs.Queue
	cfg     Config
	public  *http.Client // with the guard
	private *http.Client // for webhooks added with AllowPrivate
}

// deliverArgs are one delivery's job arguments; they are the whole of its
// identity, so that the same event and webhook are enqueued once.
type deliverArgs struct {
	EventID   string `json:"event_id"`
	EventSeq  int64  `json:"event_seq"`
	WebhookID int64  `json:"webhook_id"`
}

func (deliverArgs) Kind() string { return KindDeliver }

// New returns a notifier over store and registers its delivery worker on
// q (do it before q is started).
func New(store Store, q *jobs.Queue, cfg Config) (*Notifier, error) {
	cfg = cfg.withDefaults()
	n := &Notifier{store: store, q: q, cfg: cfg,
		public:  NewClient(false, cfg.Timeout),
		private: NewClient(true, cfg.Timeout),
	}
	err := jobs.Handle(q, n.deliver, jobs.WorkerOptions{
		Queue:       QueueName,
		Timeout:     cfg.Timeout + 5*time.Second,
		MaxAttempts: n.maxAttempts(),
		Backoff:     n.backoff,
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// backoff is the wait after attempt: FirstRetry doubled per attempt,
// capped, with ±10 % jitter so that retries of many deliveries spread.
func (n *Notifier) backoff(attempt int) time.Duration {
	d := n.cfg.MaxRetryWait
	if attempt < 40 {
		d = min(n.cfg.FirstRetry<<(max(attempt, 1)-1), n.cfg.MaxRetryWait)
	}
	return time.Duration(float64(d) * (0.9 + 0.2*mrand.Float64()))
}

// maxAttempts is how many attempts fit in GiveUpAfter (without jitter),
// plus one: the attempt past the day gives up.
func (n *Notifier) maxAttempts() int {
	total, a := time.Duration(0), 1
	for ; total < n.cfg.GiveUpAfter && a < 1000; a++ {
		d := n.cfg.MaxRetryWait
		if a < 40 {
			d = min(n.cfg.FirstRetry<<(a-1), n.cfg.MaxRetryWait)
		}
		total += d
	}
	return a + 1
}

// NewSecret returns a new random signing secret: "whsec_" and the base64
// of 32 random bytes.
func NewSecret() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(b[:])
}

// Headers returns the Standard Webhooks headers of one delivery attempt
// of body for event id, signed with secret at time at.
func Headers(secret, id string, at time.Time, body []byte) (http.Header, error) {
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		return nil, &tripline.Error{Op: "notify.Headers", Kind: tripline.KindInvalid, Msg: "the webhook secret is not a whsec_ secret", Err: err}
	}
	sig, err := wh.Sign(id, at, body)
	if err != nil {
		return nil, &tripline.Error{Op: "notify.Headers", Kind: tripline.KindInternal, Msg: "cannot sign the delivery", Err: err}
	}
	h := http.Header{}
	h.Set(standardwebhooks.HeaderWebhookID, id)
	h.Set(standardwebhooks.HeaderWebhookTimestamp, strconv.FormatInt(at.Unix(), 10))
	h.Set(standardwebhooks.HeaderWebhookSignature, sig)
	return h, nil
}

// Body returns the JSON body delivered for ev.
func Body(ev tripline.Event) ([]byte, error) {
	payload := ev.Payload
	if len(bytes.TrimSpace(payload)) == 0 {
		payload = json.RawMessage(`{}`)
	}
	return json.Marshal(struct {
		Type      string          `json:"type"`
		Timestamp string          `json:"timestamp"`
		Data      json.RawMessage `json:"data"`
	}{ev.Type, ev.CreatedAt.UTC().Format(time.RFC3339Nano), payload})
}

// testTarget returns the webhook a test event is for.
func testTarget(ev tripline.Event) int64 {
	var p struct {
		WebhookID int64 `json:"webhook_id"`
	}
	json.Unmarshal(ev.Payload, &p)
	return p.WebhookID
}

// wants reports whether ev is delivered to w.
func wants(w tripline.Webhook, ev tripline.Event) bool {
	if !w.Enabled || w.RemovedAt != nil {
		return false
	}
	if ev.Type == TestEvent {
		return testTarget(ev) == w.ID
	}
	// A webhook hears of what happens after it was added.
	return !ev.CreatedAt.Before(w.CreatedAt) && w.Wants(ev.Type)
}

// Dispatched counts what one Dispatch did.
type Dispatched struct {
	Events     int // outbox events read
	Deliveries int // deliveries enqueued (not counting ones already there)
}

// Dispatch reads the outbox after the dispatcher's cursor and enqueues the
// deliveries of every new event, then moves the cursor past them. It is
// safe to run in several processes at once and again after a crash: a
// delivery of an event to a webhook is enqueued once (a unique job) and
// the cursor never moves back.
func (n *Notifier) Dispatch(ctx context.Context) (Dispatched, error) {
	var d Dispatched
	cur, err := n.store.EventCursor(ctx, Cursor)
	if err != nil {
		return d, err
	}
	for {
		evs, err := n.store.EventsAfter(ctx, cur, 500)
		if err != nil || len(evs) == 0 {
			return d, err
		}
		hooks, err := n.store.Webhooks(ctx)
		if err != nil {
			return d, err
		}
		var items []jobs.Item
		for _, ev := range evs {
			for _, w := range hooks {
				if wants(w, ev) {
					items = append(items, jobs.Item{
						Args:    deliverArgs{EventID: ev.ID, EventSeq: ev.Seq, WebhookID: w.ID},
						Options: &jobs.EnqueueOptions{Unique: true, Tags: []string{webhookTag(w.ID)}},
					})
				}
			}
		}
		for len(items) > 0 {
			k := min(len(items), 1000)
			res, err := n.q.EnqueueMany(ctx, items[:k])
			if err != nil {
				return d, err
			}
			for _, r := range res {
				if !r.Duplicate {
					d.Deliveries++
				}
			}
			items = items[k:]
		}
		cur = evs[len(evs)-1].Seq
		if err := n.store.AdvanceEventCursor(ctx, Cursor, cur); err != nil {
			return d, err
		}
		d.Events += len(evs)
	}
}

// Run dispatches every interval until ctx ends.
func (n *Notifier) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := n.Dispatch(ctx); err != nil && ctx.Err() == nil {
			n.cfg.Logger.Error("cannot dispatch webhook deliveries", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func webhookTag(id int64) string { return "webhook-" + strconv.FormatInt(id, 10) }

// Test writes a webhook.test event for webhook id; its delivery follows
// as any other's.
func (n *Notifier) Test(ctx context.Context, id int64) (tripline.Event, error) {
	w, err := n.store.Webhook(ctx, id)
	if err != nil {
		return tripline.Event{}, err
	}
	if w.RemovedAt != nil {
		return tripline.Event{}, tripline.Errorf(tripline.KindNotFound, "webhook %d was removed", id)
	}
	if !w.Enabled {
		return tripline.Event{}, tripline.Errorf(tripline.KindConflict, "webhook %d is disabled (tripline webhooks enable %d)", id, id)
	}
	payload, _ := json.Marshal(map[string]any{"webhook_id": id, "message": "a test delivery from tripline webhooks test"})
	evs, err := n.store.AppendEvents(ctx, []tripline.Event{{Type: TestEvent, Payload: payload}})
	if err != nil {
		return tripline.Event{}, err
	}
	return evs[0], nil
}

// deliver works one delivery job.
func (n *Notifier) deliver(ctx context.Context, j *jobs.Job[deliverArgs]) error {
	a := j.Args
	w, err := n.store.Webhook(ctx, a.WebhookID)
	switch {
	case tripline.ErrorKind(err) == tripline.KindNotFound:
		return jobs.Permanent(fmt.Errorf("webhook %d no longer exists", a.WebhookID))
	case err != nil:
		return err
	case w.RemovedAt != nil:
		return jobs.Permanent(fmt.Errorf("webhook %d was removed", a.WebhookID))
	case !w.Enabled:
		return jobs.Permanent(fmt.Errorf("webhook %d is disabled", a.WebhookID))
	}
	evs, err := n.store.EventsAfter(ctx, a.EventSeq-1, 1)
	if err != nil {
		return err
	}
	if len(evs) == 0 || evs[0].ID != a.EventID {
		return jobs.Permanent(fmt.Errorf("event %s is no longer in the outbox", a.EventID))
	}
	ev := evs[0]
	status, err := n.post(ctx, w, ev)
	if err == nil {
		return jobs.RecordOutput(ctx, map[string]any{"status": status, "url": w.URL})
	}
	if g := guardError(err); g != nil {
		return jobs.Permanent(g)
	}
	if age := time.Since(ev.CreatedAt); age >= n.cfg.GiveUpAfter {
		return jobs.Permanent(fmt.Errorf("gave up after %d attempts over %s: %w", j.Attempt, age.Round(time.Minute), err))
	}
	return err
}

// post makes one delivery attempt and returns the receiver's status.
func (n *Notifier) post(ctx context.Context, w tripline.Webhook, ev tripline.Event) (int, error) {
	body, err := Body(ev)
	if err != nil {
		return 0, jobs.Permanent(err)
	}
	h, err := Headers(w.Secret, ev.ID, time.Now(), body)
	if err != nil {
		return 0, jobs.Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, jobs.Permanent(fmt.Errorf("bad webhook URL: %w", err))
	}
	req.Header = h
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", n.cfg.UserAgent)
	client := n.public
	if w.AllowPrivate {
		client = n.private
	}
	resp, err := client.Do(req)
	if err != nil {
		if g := guardError(err); g != nil {
			return 0, g
		}
		return 0, fmt.Errorf("cannot deliver to %s: %w", w.URL, unwrapURL(err))
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("%s answered %s", w.URL, resp.Status)
	}
	return resp.StatusCode, nil
}

// unwrapURL drops net/url's "Post URL:" wrapping, which repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
