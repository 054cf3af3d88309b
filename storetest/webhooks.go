package storetest

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tripline/tripline"
)

// RunWebhooks runs the webhook-subscription and event-cursor tests; open
// must return a new, empty store and arrange for it to be closed.
func RunWebhooks(t *testing.T, open func(t *testing.T) tripline.WebhookStore) {
	t.Run("WebhooksAddListRemove", func(t *testing.T) { testWebhooks(t, open(t)) })
	t.Run("WebhooksRefuseBadInput", func(t *testing.T) { testWebhooksInvalid(t, open(t)) })
	t.Run("EventCursorNeverMovesBack", func(t *testing.T) { testEventCursor(t, open(t)) })
}

// Secret is a valid webhook secret for tests.
var Secret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))

func testWebhooks(t *testing.T, s tripline.WebhookStore) {
	ctx := context.Background()
	if ws, err := s.Webhooks(ctx); err != nil || len(ws) != 0 {
		t.Fatalf("Webhooks on an empty store = %v, %v; want none", ws, err)
	}
	a, err := s.AddWebhook(ctx, tripline.Webhook{URL: "https://hooks.example.com/tripline?x=1", Secret: Secret, Events: []string{"alert.*", "watch.fired"}})
	if err != nil {
		t.Fatalf("AddWebhook: %v", err)
	}
	if a.ID <= 0 || !a.Enabled || a.CreatedAt.IsZero() || a.CreatedAt.Location().String() != "UTC" || a.RemovedAt != nil {
		t.Errorf("AddWebhook = %+v; want an id, enabled, created now in UTC", a)
	}
	b, err := s.AddWebhook(ctx, tripline.Webhook{URL: "http://127.0.0.1:9/hook", Secret: Secret, AllowPrivate: true})
	if err != nil {
		t.Fatalf("AddWebhook(allow private): %v", err)
	}
	ws, err := s.Webhooks(ctx)
	if err != nil || len(ws) != 2 {
		t.Fatalf("Webhooks = %v, %v; want 2", ws, err)
	}
	got := ws[0]
	if got.ID != a.ID || got.URL != a.URL || got.Secret != Secret || !slices.Equal(got.Events, a.Events) || got.AllowPrivate || !got.Enabled || !got.CreatedAt.Equal(a.CreatedAt) {
		t.Errorf("Webhooks[0] = %+v, want %+v", got, a)
	}
	if ws[1].ID != b.ID || !ws[1].AllowPrivate || ws[1].Events == nil || len(ws[1].Events) != 0 {
		t.Errorf("Webhooks[1] = %+v; want webhook %d allowing private targets, every event type", ws[1], b.ID)
	}
	if err := s.SetWebhookEnabled(ctx, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if w, err := s.Webhook(ctx, a.ID); err != nil || w.Enabled {
		t.Errorf("Webhook after disabling = %+v, %v; want disabled", w, err)
	}
	if err := s.RemoveWebhook(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if ws, _ := s.Webhooks(ctx); len(ws) != 1 || ws[0].ID != a.ID {
		t.Errorf("Webhooks after removing %d = %+v", b.ID, ws)
	}
	if w, err := s.Webhook(ctx, b.ID); err != nil || w.RemovedAt == nil || w.Enabled {
		t.Errorf("a removed webhook reads %+v, %v; want it marked removed", w, err)
	}
	for name, err := range map[string]error{
		"RemoveWebhook(removed)":     s.RemoveWebhook(ctx, b.ID),
		"RemoveWebhook(unknown)":     s.RemoveWebhook(ctx, 99999),
		"SetWebhookEnabled(removed)": s.SetWebhookEnabled(ctx, b.ID, true),
	} {
		if tripline.ErrorKind(err) != tripline.KindNotFound {
			t.Errorf("%s = %v, want NotFound", name, err)
		}
	}
	if _, err := s.Webhook(ctx, 99999); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Webhook(unknown) = %v, want NotFound", err)
	}
}

func testWebhooksInvalid(t *testing.T, s tripline.WebhookStore) {
	ctx := context.Background()
	for _, w := range []tripline.Webhook{
		{URL: "", Secret: Secret},
		{URL: "hooks.example.com/x", Secret: Secret},
		{URL: "ftp://hooks.example.com/x", Secret: Secret},
		{URL: "https://user:pw@hooks.example.com/x", Secret: Secret},
		{URL: "https://hooks.example.com/" + strings.Repeat("x", 3000), Secret: Secret},
		{URL: "https://hooks.example.com/x", Secret: ""},
		{URL: "https://hooks.example.com/x", Secret: "whsec_short"},
		{URL: "https://hooks.example.com/x", Secret: "whsec_" + base64.StdEncoding.EncodeToString([]byte("too short"))},
		{URL: "https://hooks.example.com/x", Secret: Secret, Events: []string{"Alert Created"}},
		{URL: "https://hooks.example.com/x", Secret: Secret, Events: []string{""}},
	} {
		if _, err := s.AddWebhook(ctx, w); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("AddWebhook(%.60q, %q, %q) = %v, want Invalid", w.URL, w.Secret, w.Events, err)
		}
	}
	if ws, _ := s.Webhooks(ctx); len(ws) != 0 {
		t.Errorf("refused webhooks were stored: %+v", ws)
	}
}

func testEventCursor(t *testing.T, s tripline.WebhookStore) {
	ctx := context.Background()
	if seq, err := s.EventCursor(ctx, "webhooks"); err != nil || seq != 0 {
		t.Fatalf("EventCursor before any = %d, %v; want 0", seq, err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.AdvanceEventCursor(ctx, "webhooks", int64(i)); err != nil {
				t.Errorf("AdvanceEventCursor(%d): %v", i, err)
			}
		}()
	}
	wg.Wait()
	if seq, _ := s.EventCursor(ctx, "webhooks"); seq != 19 {
		t.Errorf("EventCursor after concurrent advances = %d, want 19", seq)
	}
	if err := s.AdvanceEventCursor(ctx, "webhooks", 5); err != nil {
		t.Fatal(err)
	}
	if seq, _ := s.EventCursor(ctx, "webhooks"); seq != 19 {
		t.Errorf("EventCursor moved back to %d", seq)
	}
	if seq, _ := s.EventCursor(ctx, "other"); seq != 0 {
		t.Errorf("another reader's cursor = %d, want 0", seq)
	}
}
