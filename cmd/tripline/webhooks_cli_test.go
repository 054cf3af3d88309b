package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/sqlite"
)

// hookReceiver is a loopback webhook receiver checking signatures with
// the Standard Webhooks verifier once it knows the secret.
type hookReceiver struct {
	srv    *httptest.Server
	status atomic.Int64
	mu     sync.Mutex
	secret string
	got    []string // types received with a valid signature
	bad    int
}

func newHookReceiver(t *testing.T) *hookReceiver {
	r := &hookReceiver{}
	r.status.Store(200)
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if code := int(r.status.Load()); code != 200 {
			w.WriteHeader(code)
			return
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		wh, err := standardwebhooks.NewWebhook(r.secret)
		if err == nil {
			err = wh.Verify(body, req.Header)
		}
		if err != nil {
			r.bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var msg struct{ Type string }
		json.Unmarshal(body, &msg)
		r.got = append(r.got, msg.Type)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *hookReceiver) received() ([]string, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...), r.bad
}

func TestWebhooksCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	rcv := newHookReceiver(t)

	// A loopback target needs --allow-private.
	r := runCLI(t, db, "webhooks", "add", rcv.srv.URL)
	if r.Code != 1 || !strings.Contains(r.Stderr, "--allow-private") {
		t.Fatalf("add loopback without --allow-private: exit %d, %s", r.Code, r.Stderr)
	}
	r = mustCLI(t, db, "webhooks", "add", rcv.srv.URL+"/hook", "--allow-private", "--events", "webhook.*,alert.created")
	secret := strings.TrimSpace(r.Stdout)
	if w := (tripline.Webhook{URL: "https://x.example/", Secret: secret}); w.Validate() != nil || !strings.Contains(r.Stderr, "not shown again") {
		t.Fatalf("add printed %q / %q; want a new whsec_ secret and a warning", r.Stdout, r.Stderr)
	}
	rcv.mu.Lock()
	rcv.secret = secret
	rcv.mu.Unlock()
	given := "whsec_" + strings.Repeat("QUJD", 8)
	r = mustCLI(t, db, "webhooks", "add", "https://hooks.example.com/t", "--secret", given)
	if strings.TrimSpace(r.Stdout) != given {
		t.Errorf("add --secret printed %q", r.Stdout)
	}
	if r := runCLI(t, db, "webhooks", "add", "https://hooks.example.com/t", "--secret", "whsec_nope"); r.Code != 1 {
		t.Errorf("add with a bad secret: exit %d", r.Code)
	}
	var hooks []tripline.Webhook
	r = mustCLI(t, db, "webhooks", "list", "--json")
	if err := json.Unmarshal([]byte(r.Stdout), &hooks); err != nil || len(hooks) != 2 || strings.Contains(r.Stdout, "whsec_") {
		t.Fatalf("list --json = %s (%v); want 2 webhooks, no secrets", r.Stdout, err)
	}
	if !hooks[0].AllowPrivate || strings.Join(hooks[0].Events, ",") != "webhook.*,alert.created" {
		t.Errorf("listed %+v", hooks[0])
	}
	mustCLI(t, db, "webhooks", "disable", "2")

	// test delivers to its webhook alone, signed.
	r = mustCLI(t, db, "webhooks", "test", "1")
	if !strings.Contains(r.Stdout, "HTTP 200") {
		t.Errorf("test: %s %s", r.Stdout, r.Stderr)
	}
	if got, bad := rcv.received(); len(got) != 1 || got[0] != "webhook.test" || bad != 0 {
		t.Errorf("receiver got %v (%d bad)", got, bad)
	}

	// A receiver that fails: the test says so; the delivery is left to
	// retry and shows its error.
	rcv.status.Store(500)
	r = runCLI(t, db, "webhooks", "test", "1")
	if r.Code != 1 || !strings.Contains(r.Stderr, "answered 500") {
		t.Errorf("test against a 500: exit %d, %s", r.Code, r.Stderr)
	}
	var ds []struct {
		State     string `json:"state"`
		LastError string `json:"last_error"`
	}
	r = mustCLI(t, db, "webhooks", "deliveries", "--webhook", "1", "--state", "retryable", "--json")
	if err := json.Unmarshal([]byte(r.Stdout), &ds); err != nil || len(ds) != 1 || !strings.Contains(ds[0].LastError, "500") {
		t.Errorf("deliveries --state retryable = %s (%v)", r.Stdout, err)
	}
	if r := mustCLI(t, db, "webhooks", "deliveries"); !strings.Contains(r.Stdout, "completed") || !strings.Contains(r.Stdout, "retryable") {
		t.Errorf("deliveries table:\n%s", r.Stdout)
	}

	mustCLI(t, db, "webhooks", "rm", "1")
	if r := runCLI(t, db, "webhooks", "rm", "1"); r.Code != 1 || !strings.Contains(r.Stderr, "no webhook 1") {
		t.Errorf("rm twice: exit %d %s", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "webhooks", "test", "x"); r.Code != 1 {
		t.Errorf("test x: exit %d", r.Code)
	}
	if r := runCLI(t, db, "webhooks", "--help"); r.Code != 0 || !strings.Contains(r.Stderr, "Examples:") || !strings.Contains(r.Stderr, "webhook-signature") {
		t.Errorf("webhooks --help: exit %d\n%s", r.Code, r.Stderr)
	}
}

// TestCommandDeliversWhatItWrote: events written while no server runs are
// delivered by the next command before it exits.
func TestCommandDeliversWhatItWrote(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	rcv := newHookReceiver(t)
	r := mustCLI(t, db, "webhooks", "add", rcv.srv.URL, "--allow-private")
	rcv.secret = strings.TrimSpace(r.Stdout)
	appendEvents(t, db, "alert.created", "alert.closed")
	r = mustCLI(t, db, "sources")
	if got, _ := rcv.received(); len(got) != 2 || !strings.Contains(r.Stderr, "2 delivered") {
		t.Errorf("after a command: receiver got %v; stderr %q", got, r.Stderr)
	}
	// Nothing new: nothing said.
	if r := mustCLI(t, db, "sources"); strings.Contains(r.Stderr, "webhooks") {
		t.Errorf("a command with nothing to deliver said %q", r.Stderr)
	}
	rcv.status.Store(503)
	appendEvents(t, db, "alert.created")
	r = mustCLI(t, db, "sources")
	if !strings.Contains(r.Stderr, "1 left for the server") || !strings.Contains(r.Stderr, "503") {
		t.Errorf("with the receiver down: stderr %q", r.Stderr)
	}
}

func appendEvents(t *testing.T, db string, types ...string) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var evs []tripline.Event
	for _, typ := range types {
		evs = append(evs, tripline.Event{Type: typ})
	}
	if _, err := s.AppendEvents(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
}

// TestServeDeliversAndUpdatesOnSchedule: serve's workers deliver events as
// they are written, and --update-every imports the lists when it starts.
func TestServeDeliversAndUpdatesOnSchedule(t *testing.T) {
	dpl := sharedData(t, "lists", "us_bis_dpl", "dpl.txt")
	if !hasReader(dpl) {
		t.Skip("no BIS DPL reader registered in ingest yet")
	}
	mirror := httptest.NewServer(&listServer{files: map[string]string{"/us-bis-dpl/dpl.txt": dpl}})
	defer mirror.Close()
	db := filepath.Join(t.TempDir(), "t.db")
	rcv := newHookReceiver(t)
	r := mustCLI(t, db, "webhooks", "add", rcv.srv.URL, "--allow-private")
	rcv.secret = strings.TrimSpace(r.Stdout)
	startServe(t, db, "--update-every", "6h", "--update-only", "us-bis-dpl", "--update-base-url", mirror.URL)

	appendEvents(t, db, "alert.created")
	deadline := time.Now().Add(time.Minute)
	for {
		got, _ := rcv.received()
		_, hasDPL := sourcesJSON(t, db)["us-bis-dpl"]
		if len(got) == 1 && hasDPL {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a minute: delivered %v, us-bis-dpl imported %v", got, hasDPL)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	q, _ := jobs.Open(s, jobs.Config{})
	for {
		list, err := q.List(context.Background(), jobs.Filter{Kinds: []string{kindListsUpdate}})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Fatalf("%d scheduled updates enqueued, want 1", len(list))
		}
		if list[0].State == jobs.StateCompleted {
			if !strings.Contains(string(list[0].Output), `"us-bis-dpl"`) {
				t.Errorf("update job output %s", list[0].Output)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("update job %+v", list[0])
		}
		time.Sleep(50 * time.Millisecond)
	}
}
