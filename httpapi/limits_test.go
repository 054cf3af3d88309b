package httpapi_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
)

// TestQueryLimits: names, parts, identifiers and queries over the
// vocabulary's limits are refused with 413 and a message that says which
// limit; a 5 MB name is refused at once, whether the body limit or the
// name limit catches it.
func TestQueryLimits(t *testing.T) {
	f := newFixture(t, true)
	big := newFixture(t, true)
	big.srv.Config.MaxBodyBytes = 64 << 20 // the name limit, not the body limit, must refuse it
	words := strings.TrimSpace(strings.Repeat("kaveh ", tripline.MaxNameTokens+1))
	ids := make([]string, tripline.MaxIdentifiers+1)
	for i := range ids {
		ids[i] = fmt.Sprintf(`{"type":"imo","value":"91%05d"}`, i)
	}
	many := make([]string, tripline.MaxQueriesPerRequest+1)
	for i := range many {
		many[i] = `{"name":"x"}`
	}
	huge := strings.Repeat("a", 5<<20)
	for _, tc := range []struct {
		name      string
		fx        *fixture
		method    string
		path      string
		body, msg string
	}{
		{"long name", f, "POST", "/v1/screen", `{"queries":[{"name":"` + strings.Repeat("x", tripline.MaxNameBytes+1) + `"}]}`, "queries[0]: name is 1025 bytes long, the limit is 1024"},
		{"too many words", f, "POST", "/v1/screen", `{"queries":[{"name":"` + words + `"}]}`, "name has 41 words, the limit is 40"},
		{"too many identifiers", f, "POST", "/v1/screen", `{"queries":[{"name":"x","identifiers":[` + strings.Join(ids, ",") + `]}]}`, "51 identifiers"},
		{"too many queries", big, "POST", "/v1/screen", `{"queries":[` + strings.Join(many, ",") + `]}`, "the limit is 1000"},
		{"5 MB name, default body limit", f, "POST", "/v1/screen", `{"queries":[{"name":"` + huge + `"}]}`, "over the limit"},
		{"5 MB name, large body limit", big, "POST", "/v1/screen", `{"queries":[{"name":"` + huge + `"}]}`, "the limit is 1024"},
		{"5 MB name through /match", big, "POST", "/match/default", `{"queries":{"q":{"schema":"Person","properties":{"name":"` + huge + `"}}}}`, "the limit is 1024"},
		{"long search", f, "GET", "/v1/search?q=" + url.QueryEscape(strings.Repeat("y", 2000)), "", "2000 bytes long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, body := tc.fx.do(t, tc.method, tc.path, tc.body)
			t.Logf("answered %d in %v", code, time.Since(start))
			if code != 413 || !strings.Contains(errMsg(body), tc.msg) {
				t.Errorf("status %d, message %q; want 413 with %q", code, errMsg(body), tc.msg)
			}
		})
	}
	// An identifier alone is a query (as it is for match.Screener).
	if code, body := f.do(t, "POST", "/v1/screen", `{"queries":[{"id":"v","identifiers":[{"type":"imo","value":"9100001"}]}]}`); code != 200 || len(body["results"].([]any)[0].(map[string]any)["matches"].([]any)) == 0 {
		t.Errorf("identifier-only query: %d %v", code, body)
	}
}

// openServer starts the fixture's API on a real loopback listener with
// short timeouts.
func openServer(t *testing.T, f *fixture) *httpapi.Server {
	t.Helper()
	srv := httpapi.NewServer(httpapi.Config{Addr: "127.0.0.1:0", RequestTimeout: 300 * time.Millisecond, ReadHeaderTimeout: 300 * time.Millisecond}, f.store, f.srv.Index, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.Keys = f.store
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(context.Background()) })
	return srv
}

// TestSlowClientsAreCutOff: a body that stops arriving is answered 408
// at the request timeout, headers that stop arriving close the
// connection at the read-header timeout. (The client waits ten seconds,
// far beyond both, before it calls the server hung.)
func TestSlowClientsAreCutOff(t *testing.T) {
	f := newFixture(t, true)
	srv := openServer(t, f)
	addr := strings.TrimPrefix(srv.URL(), "http://")
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		return c
	}
	c := dial()
	defer c.Close()
	fmt.Fprintf(c, "POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"queries\":[")
	start := time.Now()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("slow body: no answer (%v)", err)
	}
	resp.Body.Close()
	t.Logf("slow body answered %d after %v", resp.StatusCode, time.Since(start))
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("slow body: %d, want 408", resp.StatusCode)
	}

	c2 := dial()
	defer c2.Close()
	fmt.Fprintf(c2, "GET /healthz HTTP/1.1\r\nHost: x\r\n")
	start = time.Now()
	_, err = io.ReadAll(c2)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("slow headers: the server kept the connection open")
	}
	t.Logf("slow headers: connection closed after %v", time.Since(start))
}

// TestErrorsHideInternals: what a client reads never names Tripline's
// packages (operation prefixes) or server paths, whatever a handler's
// error wraps; the request id is always there.
func TestErrorsHideInternals(t *testing.T) {
	f := newFixture(t, true)
	for _, e := range []error{
		&tripline.Error{Op: "ingest.Read", Kind: tripline.KindInvalid, Msg: "sqlite.Import: /tmp/tripline-upload-1234/upload:3: a row has 2 fields, want 12"},
		fmt.Errorf("import: %w", tripline.ParseErrorf("/tmp/tripline-upload-99/sdn.csv", 3, "bad quote")),
		tripline.Errorf(tripline.KindConflict, "%v", &tripline.Error{Op: "postgres.Import", Kind: tripline.KindConflict, Msg: "snapshot of /var/lib/tripline/tripline.db changed"}),
		&tripline.Error{Op: "httpapi.imports", Kind: tripline.KindInternal, Err: errors.New("open /home/ops/.local/share/tripline/x: permission denied")},
		tripline.Errorf(tripline.KindNotFound, "no such endpoint: GET /v2/nothing (see /openapi.json)"),
	} {
		h := httpapi.Guard(f.srv, "", false, func(http.ResponseWriter, *http.Request) error { return e })
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/x", nil))
		msg := rec.Body.String()
		for _, leak := range []string{"ingest.", "sqlite.", "postgres.", "httpapi.", "/tmp/", "/var/lib", "/home/", "tripline-upload"} {
			if strings.Contains(msg, leak) {
				t.Errorf("%v: the client reads %q (%q)", e, leak, msg)
			}
		}
		if !strings.Contains(msg, "request_id") {
			t.Errorf("no request id in %s", msg)
		}
	}
	rec := httptest.NewRecorder()
	httpapi.Guard(f.srv, "", false, func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("x: %w", tripline.ParseErrorf("/tmp/up/sdn.csv", 3, "bad quote"))
	}).ServeHTTP(rec, httptest.NewRequest("GET", "/v1/x", nil))
	if !strings.Contains(rec.Body.String(), "sdn.csv:3: bad quote") {
		t.Errorf("a parse error no longer says where: %s", rec.Body)
	}
	if code, body := f.do(t, "GET", "/v2/nothing", ""); code != 404 || !strings.Contains(errMsg(body), "GET /v2/nothing") {
		t.Errorf("the client's own URL is kept: %d %q", code, errMsg(body))
	}
}
