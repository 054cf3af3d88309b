package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://localhost:1", true},
		{"http://[::1]:8080", true},
		{"http://10.0.0.1:8080", false},
		{"http://example.com", false},
		{"not a url", false},
	} {
		if err := checkLoopback(tc.url); (err == nil) != tc.ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
}

// TestConnReadsResponses: the client reads Content-Length and chunked
// bodies whole on one kept-alive connection, opens a new one after the
// server closes it, and reports a status other than 200 as an error.
func TestConnReadsResponses(t *testing.T) {
	var conns atomic.Int64
	big := strings.Repeat("x", 10000)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch string(body) {
		case "small":
			io.WriteString(w, "ok")
		case "big": // over net/http's buffer: sent chunked
			io.WriteString(w, big)
			w.(http.Flusher).Flush()
			io.WriteString(w, big)
		case "close":
			w.Header().Set("Connection", "close")
			io.WriteString(w, "bye")
		default:
			http.Error(w, "no", http.StatusTeapot)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	c := &conn{addr: u.Host}
	defer c.close()
	for i, tc := range []struct {
		body, want string
		conns      int64
	}{
		{"small", "ok", 1},
		{"big", big + big, 1},
		{"small", "ok", 1},
		{"close", "bye", 1},
		{"small", "ok", 2},
		{"big", big + big, 2},
	} {
		if err := c.do(buildRequest(u, "k", []byte(tc.body))); err != nil {
			t.Fatalf("%d %s: %v", i, tc.body, err)
		}
		if string(c.body) != tc.want {
			t.Errorf("%d %s: body %.40q (%d bytes), want %.40q (%d)", i, tc.body, c.body, len(c.body), tc.want, len(tc.want))
		}
		if n := conns.Load(); n != tc.conns {
			t.Errorf("%d %s: %d connections, want %d", i, tc.body, n, tc.conns)
		}
	}
	if err := c.do(buildRequest(u, "", []byte("other"))); err == nil || !strings.Contains(err.Error(), "HTTP 418") {
		t.Errorf("418: %v", err)
	}
	if err := c.do(buildRequest(u, "", []byte("small"))); err != nil || string(c.body) != "ok" {
		t.Errorf("after an error status: %v %q", err, c.body)
	}
}

// TestRunReports: a run against a loopback server counts every request,
// the errors apart, and the API key goes in the Authorization header.
func TestRunReports(t *testing.T) {
	var n, bad atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Queries []struct{ ID, Name string }
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.URL.Path != "/v1/screen" || r.Header.Get("Authorization") != "Bearer k1" || len(req.Queries) != 1 {
			bad.Add(1)
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		if n.Add(1)%10 == 0 {
			http.Error(w, "every tenth fails", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, `{"results":[]}`)
	}))
	defer srv.Close()
	names := filepath.Join(t.TempDir(), "names.csv")
	os.WriteFile(names, []byte("id,name\n1,Alpha\n2,Beta Trading\n"), 0o644)
	var out bytes.Buffer
	if err := run([]string{"--url", srv.URL, "--names", names, "-c", "3", "-n", "100", "--warmup", "0", "--key", "k1", "--json"}, &out); err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if r.Requests != 100 || r.Errors != 10 || bad.Load() != 0 || !strings.Contains(r.FirstError, "HTTP 503") {
		t.Errorf("report %+v, %d bad requests; want 100 requests, 10 errors", r, bad.Load())
	}
}
