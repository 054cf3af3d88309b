// Command scalecheck is scripts/scale-test's measuring helper (loopback
// only, bounded):
//
//	scalecheck fresh --db URL --a URL --b URL --source ofac-sdn -n 100 FILE1 FILE2
//	    imports FILE1, FILE2, FILE1 … through replica a's POST /v1/imports,
//	    n times, and measures for each how long after the new snapshot
//	    became current in the database replica b's /readyz names it
//	    (p50, p90, p99, max);
//	scalecheck results --n N FILE
//	    checks that FILE holds N result lines whose ids are r0000001 …
//	    in order (the rows of tripline-load -gen N), each once.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: scalecheck fresh|results ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "fresh":
		err = fresh(os.Args[2:])
	case "results":
		err = results(os.Args[2:])
	default:
		err = fmt.Errorf("unknown subcommand %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scalecheck:", err)
		os.Exit(1)
	}
}

func loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s is not a loopback address", raw)
	}
	return nil
}

func served(c *http.Client, base, source string) (int64, error) {
	resp, err := c.Get(base + "/readyz")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var r struct {
		Snapshots map[string]int64 `json:"snapshots"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, err
	}
	return r.Snapshots[source], nil
}

func fresh(args []string) error {
	fs := flag.NewFlagSet("fresh", flag.ContinueOnError)
	db := fs.String("db", "", "the PostgreSQL URL the replicas use")
	a := fs.String("a", "", "replica a (imports go through it)")
	b := fs.String("b", "", "replica b (measured)")
	source := fs.String("source", "ofac-sdn", "the source the files are snapshots of")
	n := fs.Int("n", 100, "imports")
	timeout := fs.Duration("timeout", 30*time.Second, "give up on one import after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) < 2 || *db == "" || *a == "" || *b == "" {
		return errors.New("give --db, --a, --b and two files that are different snapshots of the source")
	}
	for _, u := range []string{*a, *b} {
		if err := loopback(u); err != nil {
			return err
		}
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, *db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	current := func() (int64, error) {
		var id int64
		err := conn.QueryRow(ctx, `SELECT current_snapshot FROM sources WHERE source = $1`, *source).Scan(&id)
		return id, err
	}
	c := &http.Client{Timeout: 10 * time.Second}
	var lat []time.Duration
	for i := range *n {
		before, err := current()
		if err != nil {
			return err
		}
		f := files[i%len(files)]
		done := make(chan error, 1)
		go func() {
			body, err := os.Open(f)
			if err != nil {
				done <- err
				return
			}
			defer body.Close()
			resp, err := (&http.Client{Timeout: 5 * time.Minute}).Post(*a+"/v1/imports?filename="+url.QueryEscape(filepath.Base(f)), "application/octet-stream", body)
			if err != nil {
				done <- err
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				done <- fmt.Errorf("import %d through a: status %d", i+1, resp.StatusCode)
				return
			}
			done <- nil
		}()
		// The moment the snapshot is current in the database …
		deadline := time.Now().Add(*timeout)
		var id int64
		var committed time.Time
		for {
			if id, err = current(); err != nil {
				return err
			}
			if id != before {
				committed = time.Now()
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("import %d: no new snapshot after %s", i+1, *timeout)
			}
			time.Sleep(time.Millisecond)
		}
		// … to the moment b serves it.
		for {
			got, err := served(c, *b, *source)
			if err == nil && got == id {
				break
			}
			if time.Now().After(committed.Add(*timeout)) {
				return fmt.Errorf("import %d: b still serves %d, not %d, after %s", i+1, got, id, *timeout)
			}
			time.Sleep(time.Millisecond)
		}
		lat = append(lat, time.Since(committed))
		if err := <-done; err != nil {
			return err
		}
		// Let a finish its own reload before the next import.
		for {
			got, err := served(c, *a, *source)
			if err == nil && got == id {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	out := map[string]any{"imports": len(lat), "p50_ms": ms(q(0.5)), "p90_ms": ms(q(0.9)), "p99_ms": ms(q(0.99)), "max_ms": ms(lat[len(lat)-1])}
	return json.NewEncoder(os.Stdout).Encode(out)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func results(args []string) error {
	fs := flag.NewFlagSet("results", flag.ContinueOnError)
	n := fs.Int("n", 0, "rows the job had")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *n <= 0 {
		return errors.New("give --n N and the results file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	i, bad := 0, 0
	var first string
	for sc.Scan() {
		i++
		var r struct {
			ID      string `json:"id"`
			Matches []any  `json:"matches"`
		}
		want := fmt.Sprintf("r%07d", i)
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.ID != want || r.Matches == nil {
			bad++
			if first == "" {
				first = fmt.Sprintf("line %d: %.200s (want id %s)", i, sc.Text(), want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	fmt.Printf("{\"lines\": %d, \"want\": %d, \"wrong\": %d}\n", i, *n, bad)
	if i != *n || bad > 0 {
		return fmt.Errorf("results are not every row exactly once in order: %d lines for %d rows, %d wrong; first: %s", i, *n, bad, first)
	}
	return nil
}
