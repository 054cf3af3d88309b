package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/pgtest"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/notify"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

type store interface {
	notify.Store
	Close() error
}

func openDB(ctx context.Context, db string) (store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// databases returns a new database of each store: a SQLite path, and a
// PostgreSQL URL when a test server is given.
var databases = []struct {
	name string
	db   func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "t.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Schema(t) }},
}

func mustOpen(t *testing.T, db string) store {
	t.Helper()
	s, err := openDB(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fast are settings that retry within milliseconds.
var fast = notify.Config{FirstRetry: 20 * time.Millisecond, MaxRetryWait: 200 * time.Millisecond, Timeout: 2 * time.Second}

func newNotifier(t *testing.T, s store, cfg notify.Config, rescueAfter time.Duration) (*notify.Notifier, *jobs.Queue) {
	t.Helper()
	q, err := jobs.Open(s, jobs.Config{PollInterval: 50 * time.Millisecond, RescueAfter: rescueAfter, Queues: map[string]int{notify.QueueName: 4}})
	if err != nil {
		t.Fatal(err)
	}
	n, err := notify.New(s, q, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return n, q
}

func TestSignatureMatchesTheStandard(t *testing.T) {
	// The Standard Webhooks test vector.
	h, err := notify.Headers("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Get("webhook-signature"); got != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Errorf("signature = %q, want the spec's", got)
	}
	if h.Get("webhook-id") != "msg_p5jXN8AQM9LWM0D4loKWxJek" || h.Get("webhook-timestamp") != "1614265330" {
		t.Errorf("headers = %v", h)
	}
	if _, err := notify.Headers("not-a-secret!", "id", time.Now(), nil); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Headers(bad secret) = %v, want Invalid", err)
	}
	s := notify.NewSecret()
	w := tripline.Webhook{URL: "https://example.com/h", Secret: s}
	if err := w.Validate(); err != nil || s == notify.NewSecret() {
		t.Errorf("NewSecret() = %q: %v (or not random)", s, err)
	}
}

func TestGuard(t *testing.T) {
	for addr, refused := range map[string]bool{
		"127.0.0.1": true, "127.8.9.10": true, "::1": true, "0.0.0.0": true, "::": true,
		"10.1.2.3": true, "172.16.0.1": true, "172.31.255.255": true, "192.168.1.1": true,
		"169.254.169.254": true, "fe80::1": true, "fc00::1": true, "fd12:3456::1": true,
		"100.64.0.1": true, "::ffff:127.0.0.1": true, "::ffff:10.0.0.1": true, "224.0.0.1": true,
		"255.255.255.255": true, "64:ff9b::a00:1": true,
		"8.8.8.8": false, "172.32.0.1": false, "93.184.216.34": false, "2606:4700::1111": false,
	} {
		err := notify.CheckAddr(netip.MustParseAddr(addr))
		if (err != nil) != refused {
			t.Errorf("CheckAddr(%s) = %v, want refused %v", addr, err, refused)
		}
	}
	for u, refused := range map[string]bool{
		"http://127.0.0.1:8080/h": true, "http://[::1]/h": true, "http://localhost/h": true,
		"http://LOCALHOST./h": true, "http://x.localhost/h": true, "https://169.254.169.254/latest": true,
		"https://hooks.example.com/h": false, "https://8.8.8.8/h": false,
	} {
		err := notify.CheckURL(u, false)
		if (err != nil) != refused {
			t.Errorf("CheckURL(%s) = %v, want refused %v", u, err, refused)
		}
		if err := notify.CheckURL(u, true); err != nil {
			t.Errorf("CheckURL(%s, allow private) = %v", u, err)
		}
	}

	// At connect time: a name that passes the URL check but resolves to
	// loopback (as a rebinding name would) is refused when dialled.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	target := "http://localhost:" + port + "/"
	resp, err := notify.NewClient(false, 5*time.Second).Get(target)
	var g *notify.GuardError
	if err == nil {
		resp.Body.Close()
		t.Fatalf("guarded GET %s succeeded", target)
	}
	if !errors.As(err, &g) || !g.Addr.IsLoopback() {
		t.Fatalf("guarded GET %s = %v, want a guard refusal of a loopback address", target, err)
	}
	resp, err = notify.NewClient(true, 5*time.Second).Get(target)
	if err != nil {
		t.Fatalf("GET %s allowing private targets: %v", target, err)
	}
	resp.Body.Close()
}

// receiver is a loopback webhook receiver that verifies signatures with
// the standard verifier and records what arrived.
type receiver struct {
	t      *testing.T
	srv    *httptest.Server
	verify *standardwebhooks.Webhook
	secret string

	mu      sync.Mutex
	mode    string // "refuse": drop the connection; "500"; "hang"; "ok"
	release chan struct{}
	got     map[string]int    // webhook-id → deliveries
	types   map[string]string // webhook-id → type
	bad     []string
	reqs    int
}

func newReceiver(t *testing.T, mode string) *receiver {
	r := &receiver{t: t, mode: mode, secret: storetest.Secret, got: map[string]int{}, types: map[string]string{}, release: make(chan struct{})}
	var err error
	if r.verify, err = standardwebhooks.NewWebhook(r.secret); err != nil {
		t.Fatal(err)
	}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(func() {
		r.setMode("ok")
		r.srv.CloseClientConnections()
		r.srv.Close()
	})
	return r
}

func (r *receiver) setMode(m string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.mode == "hang" && m != "hang" {
		close(r.release)
	}
	r.mode = m
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	mode, release := r.mode, r.release
	r.reqs++
	r.mu.Unlock()
	switch mode {
	case "refuse":
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	case "500":
		http.Error(w, "receiver broken", http.StatusInternalServerError)
		return
	case "hang":
		// Held until the test moves on; what was held is never taken as
		// delivered (its sender may be dead).
		select {
		case <-release:
		case <-req.Context().Done():
		}
		http.Error(w, "held", http.StatusServiceUnavailable)
		return
	}
	body, _ := io.ReadAll(req.Body)
	id := req.Header.Get("webhook-id")
	if err := r.verify.Verify(body, req.Header); err != nil {
		r.record(id, "", fmt.Sprintf("standard verifier: %v", err))
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	// The scheme by hand too: v1, base64 HMAC-SHA256 of id.timestamp.body.
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(r.secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%s.%s", id, req.Header.Get("webhook-timestamp"), body)
	if want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)); req.Header.Get("webhook-signature") != want {
		r.record(id, "", "signature by hand differs")
	}
	var msg struct {
		Type      string          `json:"type"`
		Timestamp string          `json:"timestamp"`
		Data      json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &msg); err != nil || msg.Type == "" || msg.Timestamp == "" || len(msg.Data) == 0 || req.Header.Get("Content-Type") != "application/json" {
		r.record(id, "", fmt.Sprintf("bad body %s", body))
	}
	r.record(id, msg.Type, "")
}

func (r *receiver) record(id, typ, bad string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if bad != "" {
		r.bad = append(r.bad, bad)
		return
	}
	r.got[id]++
	r.types[id] = typ
}

func (r *receiver) requests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs
}

// waitFor waits until every event of evs arrived.
func (r *receiver) waitFor(t *testing.T, evs []tripline.Event, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		r.mu.Lock()
		missing := 0
		for _, ev := range evs {
			if r.got[ev.ID] == 0 {
				missing++
			}
		}
		bad := append([]string(nil), r.bad...)
		r.mu.Unlock()
		if len(bad) > 0 {
			t.Fatalf("the receiver refused deliveries: %v", bad)
		}
		if missing == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d events did not arrive within %s", missing, len(evs), within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func appendEvents(t *testing.T, s store, n int, typ string) []tripline.Event {
	t.Helper()
	var in []tripline.Event
	for i := range n {
		in = append(in, tripline.Event{Type: typ, Payload: json.RawMessage(fmt.Sprintf(`{"alert_id": %d}`, i))})
	}
	out, err := s.AppendEvents(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func addWebhook(t *testing.T, s store, url string, events ...string) tripline.Webhook {
	t.Helper()
	if err := notify.CheckURL(url, true); err != nil {
		t.Fatal(err)
	}
	w, err := s.AddWebhook(context.Background(), tripline.Webhook{URL: url, Secret: storetest.Secret, Events: events, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestReceiverDownThenBack is the acceptance check: the receiver drops
// connections, then answers 500, then comes back; every event arrives,
// each under the same webhook-id on every attempt, and signatures verify
// with the standard verifier.
func TestReceiverDownThenBack(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			s := mustOpen(t, d.db(t))
			rcv := newReceiver(t, "refuse")
			all := addWebhook(t, s, rcv.srv.URL+"/all")
			watches := addWebhook(t, s, rcv.srv.URL+"/watches", "watch.*")
			guarded, err := s.AddWebhook(ctx, tripline.Webhook{URL: rcv.srv.URL + "/guarded", Secret: storetest.Secret})
			if err != nil {
				t.Fatal(err)
			}
			alerts := appendEvents(t, s, 15, "alert.created")
			fired := appendEvents(t, s, 5, "watch.fired")

			n, q := newNotifier(t, s, fast, 0)
			d1, err := n.Dispatch(ctx)
			if err != nil || d1.Events != 20 || d1.Deliveries != 20+5+20 {
				t.Fatalf("Dispatch = %+v, %v; want 20 events, 45 deliveries", d1, err)
			}
			if d2, err := n.Dispatch(ctx); err != nil || d2.Events != 0 || d2.Deliveries != 0 {
				t.Fatalf("second Dispatch = %+v, %v; want nothing new", d2, err)
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(ctx)
			for rcv.requests() < 30 {
				time.Sleep(10 * time.Millisecond)
			}
			rcv.setMode("500")
			for rcv.requests() < 80 {
				time.Sleep(10 * time.Millisecond)
			}
			rcv.setMode("ok")
			rcv.waitFor(t, append(alerts, fired...), time.Minute)

			// Every delivery to the two loopback webhooks completed; the
			// one without --allow-private was refused once, not retried.
			deadline := time.Now().Add(time.Minute)
			for {
				left, err := q.Count(ctx, []string{notify.KindDeliver}, jobs.Unfinished)
				if err != nil {
					t.Fatal(err)
				}
				if left == 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%d deliveries unfinished", left)
				}
				time.Sleep(20 * time.Millisecond)
			}
			for _, tc := range []struct {
				w      tripline.Webhook
				n      int
				state  jobs.State
				errHas string
			}{
				{all, 20, jobs.StateCompleted, "answered 500"},
				{watches, 5, jobs.StateCompleted, "answered 500"},
				{guarded, 20, jobs.StateCancelled, "a loopback address"},
			} {
				ds, err := n.Deliveries(ctx, notify.DeliveryFilter{WebhookID: tc.w.ID})
				if err != nil {
					t.Fatal(err)
				}
				if len(ds) != tc.n {
					t.Errorf("webhook %s: %d deliveries, want %d", tc.w.URL, len(ds), tc.n)
				}
				retried := 0
				for _, dl := range ds {
					if dl.State != tc.state {
						t.Errorf("webhook %s, event %s: %s (%s), want %s", tc.w.URL, dl.EventID, dl.State, dl.LastError, tc.state)
					}
					if dl.Attempts > 1 {
						retried++
					}
					if dl.LastError != "" && !strings.Contains(dl.LastError, tc.errHas) && !strings.Contains(dl.LastError, "EOF") && !strings.Contains(dl.LastError, "reset") {
						t.Errorf("webhook %s: last error %q, want one naming %q or a dropped connection", tc.w.URL, dl.LastError, tc.errHas)
					}
				}
				if tc.state == jobs.StateCompleted && retried == 0 {
					t.Errorf("webhook %s: no delivery was retried; the receiver was down", tc.w.URL)
				}
			}
			rcv.mu.Lock()
			defer rcv.mu.Unlock()
			for _, ev := range fired {
				if rcv.got[ev.ID] < 2 {
					t.Errorf("watch event %s arrived %d times, want once per webhook", ev.ID, rcv.got[ev.ID])
				}
			}
		})
	}
}

func TestTestEventGoesToItsWebhookOnly(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, filepath.Join(t.TempDir(), "t.db"))
	rcv := newReceiver(t, "ok")
	a := addWebhook(t, s, rcv.srv.URL+"/a")
	b := addWebhook(t, s, rcv.srv.URL+"/b")
	n, _ := newNotifier(t, s, fast, 0)
	ev, err := n.Test(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := n.Drain(ctx, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events != 1 || rep.Deliveries != 1 || rep.Delivered != 1 || rep.Left != 0 {
		t.Errorf("Drain = %+v; want one test event delivered once", rep)
	}
	rcv.waitFor(t, []tripline.Event{ev}, time.Second)
	if ds, _ := n.Deliveries(ctx, notify.DeliveryFilter{WebhookID: a.ID}); len(ds) != 0 {
		t.Errorf("the test of webhook %d was delivered to %d too", b.ID, a.ID)
	}
	if ds, _ := n.Deliveries(ctx, notify.DeliveryFilter{WebhookID: b.ID}); len(ds) != 1 || ds[0].Status != 200 {
		t.Errorf("deliveries to the tested webhook = %+v, want one with status 200", ds)
	}
	if _, err := n.Test(ctx, 999); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("Test(unknown) = %v, want NotFound", err)
	}
}

func TestDrainLeavesRetriesForTheServer(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, filepath.Join(t.TempDir(), "t.db"))
	rcv := newReceiver(t, "500")
	addWebhook(t, s, rcv.srv.URL)
	appendEvents(t, s, 3, "alert.created")
	n, _ := newNotifier(t, s, notify.Config{FirstRetry: time.Hour, Timeout: 2 * time.Second}, 0)
	rep, err := n.Drain(ctx, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Left != 3 || rep.Delivered != 0 || !strings.Contains(rep.LastError, "answered 500") {
		t.Errorf("Drain = %+v; want 3 left for later with the receiver's 500", rep)
	}
}

// TestCrashLosesNothing kills (SIGKILL) a process with deliveries pending
// and in flight; after a restart every event arrives.
func TestCrashLosesNothing(t *testing.T) {
	for _, d := range databases {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			db := d.db(t)
			s := mustOpen(t, db)
			rcv := newReceiver(t, "hang")
			addWebhook(t, s, rcv.srv.URL)
			evs := appendEvents(t, s, 20, "alert.created")

			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
			cmd.Env = append(os.Environ(), "TRIPLINE_NOTIFY_CHILD_DB="+db)
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill it while it holds deliveries in flight.
			deadline := time.Now().Add(time.Minute)
			for rcv.requests() < 4 && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			rcv.srv.CloseClientConnections()
			q0, _ := jobs.Open(s, jobs.Config{})
			running, _ := q0.Count(ctx, []string{notify.KindDeliver}, []jobs.State{jobs.StateRunning})
			t.Logf("%d deliveries were running at the kill", running)

			// Restart: deliveries left running by the dead process are
			// taken over once RescueAfter has passed.
			rcv.setMode("ok")
			n, q := newNotifier(t, s, fast, 10*time.Second)
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(ctx)
			go n.Run(ctx, 100*time.Millisecond)
			rcv.waitFor(t, evs, 2*time.Minute)
		})
	}
}

// TestCrashChild is the process TestCrashLosesNothing kills.
func TestCrashChild(t *testing.T) {
	db := os.Getenv("TRIPLINE_NOTIFY_CHILD_DB")
	if db == "" {
		t.Skip("run by TestCrashLosesNothing")
	}
	s := mustOpen(t, db)
	n, q := newNotifier(t, s, notify.Config{FirstRetry: 50 * time.Millisecond, Timeout: 2 * time.Second}, 10*time.Second)
	ctx := context.Background()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	n.Run(ctx, 100*time.Millisecond) // until killed
}
