package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// TestKeysWithRoles: keys are analysts unless --role says otherwise (the
// flag may follow the name), are listed with their role, and an unknown
// role is refused.
func TestKeysWithRoles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "keys.db")
	mustCLI(t, db, "keys", "create", "screening")
	mustCLI(t, db, "keys", "create", "list-updater", "--role", "reviewer")
	mustCLI(t, db, "keys", "create", "--role", "admin", "ops")
	if r := runCLI(t, db, "keys", "create", "x", "--role", "root"); r.Code != 1 || !strings.Contains(r.Stderr, "analyst, reviewer, admin") {
		t.Errorf("unknown role: exit %d, %q", r.Code, r.Stderr)
	}
	var keys []tripline.APIKey
	if err := json.Unmarshal([]byte(mustCLI(t, db, "keys", "list", "--json").Stdout), &keys); err != nil {
		t.Fatal(err)
	}
	want := []tripline.Role{tripline.RoleAnalyst, tripline.RoleReviewer, tripline.RoleAdmin}
	if len(keys) != 3 {
		t.Fatalf("keys %+v", keys)
	}
	for i, k := range keys {
		if k.Role != want[i] {
			t.Errorf("key %s: role %q, want %q", k.Name, k.Role, want[i])
		}
	}
	if out := mustCLI(t, db, "keys", "list").Stdout; !strings.Contains(out, "ROLE") || !strings.Contains(out, "reviewer") {
		t.Errorf("keys list does not show roles:\n%s", out)
	}
}

// TestServeImportsNeedARole: once a key exists, POST /v1/imports through
// "tripline serve" on loopback is 401 without a key, 403 with an analyst
// key, goes through with a reviewer's under a source of the reviewer's own
// and is 403 for a reviewer replacing an official source, which an admin
// may; a bad upload's error shows no server path and no package name.
func TestServeImportsNeedARole(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	mustCLI(t, db, "import", filepath.Join("..", "..", "demo", "data", "un_sc"))
	analyst := strings.TrimSpace(mustCLI(t, db, "keys", "create", "screening").Stdout)
	reviewer := strings.TrimSpace(mustCLI(t, db, "keys", "create", "lists", "--role", "reviewer").Stdout)
	admin := strings.TrimSpace(mustCLI(t, db, "keys", "create", "ops", "--role", "admin").Stdout)
	url := startServe(t, db)
	sdn, err := os.ReadFile(filepath.Join("..", "..", "demo", "data", "ofac_sdn", "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	post := func(key, name string, body []byte) (int, string) {
		req, _ := http.NewRequest("POST", url+"/v1/imports?filename="+name, bytes.NewReader(body))
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		key, name string
		want      int
	}{
		{"", "sdn.csv", 401},
		{analyst, "sdn.csv", 403},
		{reviewer, "sdn.csv&format=ofac-csv&source=house-sdn", 200},
		{reviewer, "sdn.csv", 403},
		{admin, "sdn.csv", 200},
	} {
		if code, body := post(tc.key, tc.name, sdn); code != tc.want {
			t.Errorf("import %s with key %.8q: %d %s, want %d", tc.name, tc.key, code, body, tc.want)
		}
	}
	for _, name := range []string{"sdn.csv", "sdn.csv&format=ofac-csv"} {
		code, body := post(reviewer, name, []byte("1,\"broken quote\n2,x,y\n"))
		if code < 400 || code >= 500 {
			t.Errorf("bad upload %s: %d %s, want a client error", name, code, body)
		}
		for _, leak := range []string{os.TempDir() + "/", "tripline-upload", "ingest.", "ofac.Read", "sqlite."} {
			if strings.Contains(body, leak) {
				t.Errorf("bad upload %s: the client reads %q: %s", name, leak, body)
			}
		}
	}
}

// TestMainProcess is not a test: it runs main() in a subprocess for
// TestScreenStopsOnSIGINT (arguments in TRIPLINE_MAIN_ARGS, separated by
// newlines).
func TestMainProcess(t *testing.T) {
	args := os.Getenv("TRIPLINE_MAIN_ARGS")
	if args == "" {
		t.Skip("runs main() when started by TestScreenStopsOnSIGINT")
	}
	os.Args = append([]string{"tripline"}, strings.Split(args, "\n")...)
	main()
}

// TestScreenStopsOnSIGINT: "tripline screen" of a large file whose first
// row is a 5 MB name stops promptly on SIGINT, a real signal to a real
// process (it once spent more than 11 minutes on that row, deaf to
// signals). The bound below is generous; the measured time is logged.
func TestScreenStopsOnSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "sig.db")
	mustCLI(t, db, "import", filepath.Join("..", "..", "demo", "data", "ofac_sdn"))
	in := filepath.Join(dir, "parties.csv")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "id,name\nbig,%s\n", strings.Repeat("a", 5<<20))
	for i := 0; i < 400000; i++ {
		fmt.Fprintf(w, "r%d,Trading Company %d Mohammad Hassan Reza\n", i, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
	cmd.Env = append(os.Environ(), "TRIPLINE_MAIN_ARGS="+strings.Join([]string{"--db", db, "screen", "--input", in}, "\n"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the first results are written (the 5 MB row is in the
	// first chunk), then interrupt.
	br := bufio.NewReader(stdout)
	if _, err := br.ReadString('\n'); err != nil {
		cmd.Process.Kill()
		t.Fatalf("no output before the interrupt: %v; %s", err, stderr.String())
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { io.Copy(io.Discard, br); done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("tripline screen still running 60 s after SIGINT")
	}
	took := time.Since(start)
	t.Logf("stopped %v after SIGINT (exit: %v)", took.Round(time.Millisecond), err)
	if err == nil {
		t.Errorf("screen finished all 400,001 rows before the interrupt took effect; stderr: %s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted: %s", lastLines(stderr.String()))
	}
}

// TestScreenStopsWhenCancelled: the same through Main's context.
func TestScreenStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ctx.db")
	mustCLI(t, db, "import", filepath.Join("..", "..", "demo", "data", "ofac_sdn"))
	var in strings.Builder
	fmt.Fprintf(&in, "id,name\nbig,%s\n", strings.Repeat("a", 5<<20))
	for i := 0; i < 200000; i++ {
		fmt.Fprintf(&in, "r%d,Trading Company %d\n", i, i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &firstWrite{ch: make(chan struct{})}
	var errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(in.String()), Stdout: out, Stderr: &syncWriter{w: &errb}, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"--db", db, "screen", "--input", "-"}); m.Close() }()
	select {
	case <-out.ch:
	case code := <-done:
		t.Fatalf("screen ended (%d) before the cancellation: %s", code, errb.String())
	}
	start := time.Now()
	cancel()
	select {
	case code := <-done:
		t.Logf("stopped %v after cancellation, exit %d", time.Since(start).Round(time.Millisecond), code)
		if code != 1 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("exit %d, stderr %s", code, lastLines(errb.String()))
		}
	case <-time.After(60 * time.Second):
		t.Fatal("screen still running 60 s after its context ended")
	}
}

// firstWrite signals its first write.
type firstWrite struct {
	ch   chan struct{}
	done bool
}

func (f *firstWrite) Write(p []byte) (int, error) {
	if !f.done {
		f.done = true
		close(f.ch)
	}
	return len(p), nil
}

func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}
