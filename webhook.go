package tripline

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Webhook is a subscription to the event outbox: the events whose type it
// wants are delivered to URL, signed with Secret by the Standard Webhooks
// scheme (see package notify).
type Webhook struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
	// Secret is "whsec_" and the base64 of the signing key; it is never
	// shown after the webhook is added.
	Secret string `json:"-"`
	// Events are the event types delivered: exact types ("alert.created")
	// or a prefix and ".*" ("alert.*"); empty means every type.
	Events []string `json:"events"`
	// AllowPrivate lets deliveries go to loopback, link-local and private
	// addresses (tests, receivers on the premises); otherwise they are
	// refused.
	AllowPrivate bool      `json:"allow_private"`
	Enabled      bool      `json:"enabled"`
	CreatedAt    time.Time `json:"created_at"`
	// RemovedAt is set once the webhook is removed; it then gets no more
	// deliveries.
	RemovedAt *time.Time `json:"removed_at,omitempty"`
}

// Limits of a webhook.
const (
	MaxWebhookURLBytes   = 2048
	MaxWebhookEventTypes = 64
	// MinWebhookKeyBytes and MaxWebhookKeyBytes bound the decoded signing
	// key (Standard Webhooks: 24 to 64 bytes).
	MinWebhookKeyBytes = 24
	MaxWebhookKeyBytes = 64
)

// Validate checks a webhook before it is stored: an absolute http(s) URL
// without credentials, a secret of the whsec_ form, and event types made
// of lower-case letters, digits, '.', '_' and '-' (with an optional
// trailing ".*"). Errors are *Error of kind Invalid.
func (w *Webhook) Validate() error {
	const op = "tripline.Webhook.Validate"
	bad := func(format string, args ...any) error {
		return &Error{Op: op, Kind: KindInvalid, Msg: fmt.Sprintf(format, args...)}
	}
	if len(w.URL) > MaxWebhookURLBytes {
		return bad("the webhook URL is longer than %d bytes", MaxWebhookURLBytes)
	}
	u, err := url.Parse(w.URL)
	switch {
	case err != nil || !u.IsAbs() || u.Host == "":
		return bad("%q is not an absolute URL (want https://HOST/PATH)", w.URL)
	case u.Scheme != "https" && u.Scheme != "http":
		return bad("the webhook URL must be http or https, not %s", u.Scheme)
	case u.User != nil:
		return bad("the webhook URL must not hold a user name or password (the signature authenticates deliveries)")
	case u.Fragment != "":
		return bad("the webhook URL must not have a #fragment")
	}
	key, ok := strings.CutPrefix(w.Secret, "whsec_")
	if !ok {
		return bad("the webhook secret must start with whsec_")
	}
	raw, err := base64.StdEncoding.DecodeString(key)
	if err != nil {
		return bad("the webhook secret after whsec_ is not base64")
	}
	if len(raw) < MinWebhookKeyBytes || len(raw) > MaxWebhookKeyBytes {
		return bad("the webhook secret holds %d bytes; want %d to %d", len(raw), MinWebhookKeyBytes, MaxWebhookKeyBytes)
	}
	if len(w.Events) > MaxWebhookEventTypes {
		return bad("a webhook takes at most %d event types", MaxWebhookEventTypes)
	}
	for _, t := range w.Events {
		if !validEventPattern(t) {
			return bad("%q is not an event type (want e.g. alert.created or alert.*)", t)
		}
	}
	return nil
}

func validEventPattern(t string) bool {
	t = strings.TrimSuffix(t, ".*")
	if t == "" || len(t) > 100 {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Wants reports whether events of type typ are delivered to w (its
// enabled state aside). Test events ("webhook.test") go only to the
// webhook they name, which the dispatcher decides.
func (w *Webhook) Wants(typ string) bool {
	if len(w.Events) == 0 {
		return true
	}
	for _, p := range w.Events {
		if p == typ {
			return true
		}
		if prefix, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(typ, prefix) {
			return true
		}
	}
	return false
}

// WebhookStore is implemented by stores that keep webhook subscriptions
// and the outbox readers' cursors.
//
// Errors are *Error values: Invalid for a webhook that fails Validate,
// NotFound for an unknown id, Internal otherwise.
type WebhookStore interface {
	// AddWebhook stores w (Validate first) and returns it with ID and
	// CreatedAt set; it is enabled.
	AddWebhook(ctx context.Context, w Webhook) (Webhook, error)
	// Webhooks lists the webhooks not removed, oldest first.
	Webhooks(ctx context.Context) ([]Webhook, error)
	// Webhook returns one webhook, a removed one too.
	Webhook(ctx context.Context, id int64) (Webhook, error)
	// SetWebhookEnabled enables or pauses deliveries to a webhook.
	SetWebhookEnabled(ctx context.Context, id int64, enabled bool) error
	// RemoveWebhook removes a webhook (kept, marked removed, for the
	// record of its deliveries); NotFound if it is unknown or removed.
	RemoveWebhook(ctx context.Context, id int64) error
	// EventCursor returns the last event seq the reader name has handled
	// (0 when it has none).
	EventCursor(ctx context.Context, name string) (int64, error)
	// AdvanceEventCursor moves the reader's cursor to seq; it never moves
	// back, so concurrent readers cannot undo each other's progress.
	AdvanceEventCursor(ctx context.Context, name string, seq int64) error
}
