// Command tripline-load is a bounded load generator for a Tripline server on
// this machine: C concurrent clients send single-query POST /v1/screen
// requests (names taken round-robin from a CSV or text file) until N
// requests or D duration, whichever comes first, then it prints latency
// percentiles, throughput, errors and its own CPU time per request (with
// --pid, the server's too). It refuses any non-loopback target.
//
// Each client is one keep-alive connection speaking HTTP/1.1 itself, with
// every request built before the run, so that the generator takes little
// of the CPU it shares with the server it measures (65 µs a request
// where net/http's client took 117, a fourth of its user time).
//
//	tripline-load --url http://127.0.0.1:8080 --names ../shared/eval/screening-dev/queries.csv -c 8 -n 20000 -d 30s
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tripline-load:", err)
		os.Exit(1)
	}
}

// Report is what a run measured.
type Report struct {
	Requests   int64   `json:"requests"`
	Errors     int64   `json:"errors"`
	Seconds    float64 `json:"seconds"`
	RPS        float64 `json:"requests_per_second"`
	P50ms      float64 `json:"p50_ms"`
	P90ms      float64 `json:"p90_ms"`
	P99ms      float64 `json:"p99_ms"`
	Maxms      float64 `json:"max_ms"`
	Clients    int     `json:"clients"`
	FirstError string  `json:"first_error,omitempty"`
	// ClientCPUus is this program's CPU time (user+sys) per request over
	// the measured run, ServerCPUus the server's (with --pid), in µs.
	ClientCPUus float64 `json:"client_cpu_us_per_request"`
	ServerCPUus float64 `json:"server_cpu_us_per_request,omitempty"`
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("tripline-load", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "server base URL (loopback only)")
	namesFile := fs.String("names", "", "names to query: a CSV with a 'name' column, or one name per line (required)")
	clients := fs.Int("c", 8, "concurrent clients")
	max := fs.Int64("n", 10000, "stop after this many requests")
	dur := fs.Duration("d", 30*time.Second, "stop after this long")
	warm := fs.Int("warmup", 200, "requests sent before measuring")
	key := fs.String("key", "", "API key, if the server needs one")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pid := fs.Int("pid", 0, "the server's process id: report its CPU time per request (read from /proc)")
	gen := fs.Int("gen", 0, "instead of loading a server, write this many CSV rows (id,name,type) for batch screening to stdout, built from --names")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *gen > 0 {
		names, err := readNames(*namesFile)
		if err != nil {
			return err
		}
		return generateRows(out, names, *gen)
	}
	if err := checkLoopback(*base); err != nil {
		return err
	}
	if *namesFile == "" {
		return errors.New("--names is required")
	}
	names, err := readNames(*namesFile)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("%s: no names", *namesFile)
	}
	if *clients < 1 || *clients > 256 {
		return errors.New("-c must be between 1 and 256")
	}
	u, _ := url.Parse(*base)
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "80")
	}
	// Every request is built once, before the run: the client spends its
	// time sending and reading, not encoding.
	reqs := make([][]byte, len(names))
	for i, n := range names {
		body, _ := json.Marshal(map[string]any{"queries": []map[string]string{{"id": fmt.Sprint(i), "name": n}}})
		reqs[i] = buildRequest(u, *key, body)
	}
	warmConn := &conn{addr: host}
	for i := 0; i < *warm; i++ {
		if err := warmConn.do(reqs[i%len(reqs)]); err != nil {
			return fmt.Errorf("warm-up request failed: %w", err)
		}
	}
	warmConn.close()
	var pidCPU0 int64
	if *pid > 0 {
		if pidCPU0, err = procCPU(*pid); err != nil {
			return err
		}
	}
	self0 := selfCPU()
	ctx, cancel := context.WithTimeout(context.Background(), *dur)
	defer cancel()
	var next, errs atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, *clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			cn := &conn{addr: host}
			defer cn.close()
			lat[c] = make([]time.Duration, 0, *max/int64(*clients)+1)
			for ctx.Err() == nil {
				i := next.Add(1)
				if i > *max {
					return
				}
				t0 := time.Now()
				if err := cn.do(reqs[int(i)%len(reqs)]); err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		i := int(p * float64(len(all)-1))
		return float64(all[i].Microseconds()) / 1000
	}
	r := Report{Requests: int64(len(all)) + errs.Load(), Errors: errs.Load(), Seconds: elapsed.Seconds(), Clients: *clients,
		P50ms: pct(0.50), P90ms: pct(0.90), P99ms: pct(0.99), Maxms: pct(1)}
	r.RPS = float64(r.Requests) / r.Seconds
	if r.Requests > 0 {
		r.ClientCPUus = float64(selfCPU()-self0) / 1e3 / float64(r.Requests)
		if *pid > 0 {
			c1, err := procCPU(*pid)
			if err != nil {
				return err
			}
			r.ServerCPUus = float64(c1-pidCPU0) / 1e3 / float64(r.Requests)
		}
	}
	if v, ok := firstErr.Load().(string); ok {
		r.FirstError = v
	}
	if *asJSON {
		return json.NewEncoder(out).Encode(r)
	}
	fmt.Fprintf(out, "%d requests in %.1fs with %d clients: %.0f req/s, %d errors\nlatency p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
		r.Requests, r.Seconds, r.Clients, r.RPS, r.Errors, r.P50ms, r.P90ms, r.P99ms, r.Maxms)
	fmt.Fprintf(out, "CPU per request: client %.0f µs", r.ClientCPUus)
	if *pid > 0 {
		fmt.Fprintf(out, ", server %.0f µs", r.ServerCPUus)
	}
	fmt.Fprintln(out)
	if r.FirstError != "" {
		fmt.Fprintln(out, "first error:", r.FirstError)
	}
	return nil
}

// checkLoopback refuses targets that are not on this machine.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("bad --url %q", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--url %s is not a loopback address: this tool only loads servers on this machine", raw)
	}
	return nil
}

func readNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(512)
	if strings.HasSuffix(path, ".csv") || bytes.Contains(head, []byte(",name")) {
		r := csv.NewReader(br)
		r.FieldsPerRecord = -1
		hdr, err := r.Read()
		if err != nil {
			return nil, err
		}
		col := -1
		for i, h := range hdr {
			if strings.TrimSpace(strings.ToLower(h)) == "name" {
				col = i
			}
		}
		if col < 0 {
			return nil, fmt.Errorf("%s: no 'name' column", path)
		}
		var out []string
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			if col < len(rec) && strings.TrimSpace(rec[col]) != "" {
				out = append(out, rec[col])
			}
		}
	}
	var out []string
	sc := bufio.NewScanner(br)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			out = append(out, s)
		}
	}
	return out, sc.Err()
}

// generateRows writes n CSV rows for batch screening: the names cycled
// through, most of them altered (a suffix, a dropped word, swapped words) so
// that rows are not all repeats, deterministically.
func generateRows(out io.Writer, names []string, n int) error {
	if len(names) == 0 {
		return errors.New("--names gave no names")
	}
	w := csv.NewWriter(out)
	w.Write([]string{"id", "name", "type"})
	suffix := []string{"", " Trading", " LLC", " Holdings", " 2", " International", " Group"}
	for i := 0; i < n; i++ {
		name := names[i%len(names)]
		words := strings.Fields(name)
		switch (i / len(names)) % 4 {
		case 1:
			name += suffix[i%len(suffix)]
		case 2:
			if len(words) > 2 {
				name = strings.Join(words[1:], " ")
			}
		case 3:
			if len(words) > 1 {
				words[0], words[len(words)-1] = words[len(words)-1], words[0]
				name = strings.Join(words, " ")
			}
		}
		if err := w.Write([]string{fmt.Sprintf("r%07d", i+1), name, ""}); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
