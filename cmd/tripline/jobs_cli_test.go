package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// TestJobsResultsEqualScreen submits the screening dev set (with bad rows
// mixed in) as a batch job, lets a server's workers screen it, and checks
// that "jobs results" prints exactly what "tripline screen" prints, in
// both formats; on PostgreSQL too when a server is given.
func TestJobsResultsEqualScreen(t *testing.T) {
	dev, err := os.ReadFile(filepath.Join(sharedData(t, "lists", "ofac_sdn"), "..", "..", "..", "eval", "screening-dev", "queries.csv"))
	if err != nil {
		t.Skipf("no screening dev set: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(dev)), "\n")
	in := strings.Join(lines[:400], "\n") + "\nbad1,,person,\n\"bad2,\"unterminated,person\n" + strings.Join(lines[400:700], "\n") + "\nbad3,Someone,spaceship,\n"
	input := writeTemp(t, "parties.csv", in)
	dbs := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "t.db") },
		"postgres": postgresDB,
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			db := dbs[name](t)
			mustCLI(t, db, "import", sharedData(t, "lists", "ofac_sdn"))
			direct := runCLI(t, db, "screen", "--input", input)
			directCSV := runCLI(t, db, "screen", "--input", input, "--format", "csv")
			if direct.Code != 1 || strings.Count(direct.Stdout, "\n") != 702 {
				t.Fatalf("screen: exit %d, %d lines; want 1 (bad rows) and 702 lines\n%s", direct.Code, strings.Count(direct.Stdout, "\n"), direct.Stderr)
			}

			sub := mustCLI(t, db, "jobs", "submit", "screen", "--input", input, "--shard-rows", "64")
			id, err := strconv.ParseInt(strings.TrimSpace(sub.Stdout), 10, 64)
			if err != nil {
				t.Fatalf("submit printed %q, want the job id alone", sub.Stdout)
			}
			if !strings.Contains(sub.Stderr, "702 rows stored in 11 shards") {
				t.Errorf("submit said %q", sub.Stderr)
			}
			if r := runCLI(t, db, "jobs", "results", sub.Stdout[:len(sub.Stdout)-1]); r.Code != 1 || !strings.Contains(r.Stderr, "queued") {
				t.Errorf("results before screening: exit %d, %q; want a refusal saying it is queued", r.Code, r.Stderr)
			}
			startServe(t, db)
			deadline := time.Now().Add(3 * time.Minute)
			var j tripline.BatchJob
			for {
				st := mustCLI(t, db, "jobs", "status", strconv.FormatInt(id, 10), "--json")
				if err := json.Unmarshal([]byte(st.Stdout), &j); err != nil {
					t.Fatalf("status --json: %v\n%s", err, st.Stdout)
				}
				if j.State.Finished() {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("job not done after 3 minutes: %+v", j)
				}
				time.Sleep(100 * time.Millisecond)
			}
			if j.State != tripline.BatchCompleted || j.RowsDone != 702 || j.BadRows != 3 || j.ShardsTotal != 11 {
				t.Fatalf("job = %+v; want completed, 702 rows, 3 bad, 11 shards", j)
			}
			got := mustCLI(t, db, "jobs", "results", strconv.FormatInt(id, 10))
			if got.Stdout != direct.Stdout {
				gl, dl := strings.Split(got.Stdout, "\n"), strings.Split(direct.Stdout, "\n")
				for i := range min(len(gl), len(dl)) {
					if gl[i] != dl[i] {
						t.Fatalf("jobs results differs from screen at line %d:\n job   %s\nscreen %s", i+1, gl[i], dl[i])
					}
				}
				t.Fatalf("jobs results: %d lines, screen %d", len(gl), len(dl))
			}
			if csv := mustCLI(t, db, "jobs", "results", strconv.FormatInt(id, 10), "--format", "csv"); csv.Stdout != directCSV.Stdout {
				t.Errorf("jobs results --format csv differs from screen --format csv")
			}
			st := mustCLI(t, db, "jobs", "status", strconv.FormatInt(id, 10))
			for _, w := range []string{"completed", "11 of 11 done", "702 done", "rows/s"} {
				if !strings.Contains(st.Stdout, w) {
					t.Errorf("status does not say %q:\n%s", w, st.Stdout)
				}
			}
			if l := mustCLI(t, db, "jobs", "list"); !strings.Contains(l.Stdout, "completed") || !strings.Contains(l.Stdout, "702/702") {
				t.Errorf("list:\n%s", l.Stdout)
			}
			if r := runCLI(t, db, "jobs", "cancel", strconv.FormatInt(id, 10)); r.Code != 0 || !strings.Contains(r.Stderr, "already finished") {
				t.Errorf("cancel of a completed job: %+v", r)
			}
			mustCLI(t, db, "jobs", "rm", strconv.FormatInt(id, 10))
			if r := runCLI(t, db, "jobs", "status", strconv.FormatInt(id, 10)); r.Code != 1 || !strings.Contains(r.Stderr, "no batch job") {
				t.Errorf("status after rm: %+v", r)
			}
		})
	}
}

func TestJobsUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	for _, tc := range []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"jobs"}, 2, "submit screen"},
		{[]string{"jobs", "frobnicate"}, 2, "unknown subcommand"},
		{[]string{"jobs", "submit"}, 2, "give the job's kind"},
		{[]string{"jobs", "submit", "screen"}, 2, "give --input"},
		{[]string{"jobs", "submit", "screen", "--input", "x.csv", "--threshold", "3"}, 2, "threshold"},
		{[]string{"jobs", "submit", "check"}, 2, "give --input"},
		{[]string{"jobs", "submit", "check", "--input", "x.jsonl", "--sources", "ofac-sdn"}, 2, "not defined"},
		{[]string{"jobs", "submit", "frobnicate"}, 2, "submit check --input FILE"},
		{[]string{"jobs", "submit", "check", "--input", "/nonexistent/x.jsonl"}, 1, "cannot read"},
		{[]string{"jobs", "status", "abc"}, 2, "not a job id"},
		{[]string{"jobs", "results"}, 2, "give one job id"},
		{[]string{"jobs", "submit", "screen", "--input", "/nonexistent/x.csv"}, 1, "cannot read"},
		{[]string{"jobs", "submit", "screen", "--input", "x.csv", "--sources", "nope"}, 1, "has no snapshot"},
		{[]string{"jobs", "list"}, 0, "no batch jobs"},
	} {
		r := runCLI(t, db, tc.args...)
		if r.Code != tc.code || !strings.Contains(r.Stderr, tc.say) {
			t.Errorf("tripline %s: exit %d, stderr %q; want %d saying %q", strings.Join(tc.args, " "), r.Code, r.Stderr, tc.code, tc.say)
		}
	}
}

// TestJobsSubmitCheck submits a stream of 1,000 orders with planted
// patterns as a check job (one shard, so its orders are decided in input
// order as tripline check decides them): the results are exactly what
// tripline check prints on a copy of the database, every plant is found,
// and the orders are stored in the book with their alerts; the same job
// with --no-store decides with that book and stores nothing; CSV results
// are refused for a check job.
func TestJobsSubmitCheck(t *testing.T) {
	sdn := sharedData(t, "lists", "ofac_sdn")
	s := genStream(1000, 21)
	var b strings.Builder
	if err := s.write(&b); err != nil {
		t.Fatal(err)
	}
	input := writeTemp(t, "orders.jsonl", b.String())
	dir := t.TempDir()
	db, direct := filepath.Join(dir, "job.db"), filepath.Join(dir, "direct.db")
	mustCLI(t, db, "import", sdn)
	copyFile(t, db, direct, -1)
	want := mustCLI(t, direct, "check", "--input", input).Stdout

	sub := mustCLI(t, db, "jobs", "submit", "check", "--input", input, "--shard-rows", "5000")
	id := strings.TrimSpace(sub.Stdout)
	if !strings.Contains(sub.Stderr, "1000 rows stored in 1 shards") || !strings.Contains(sub.Stderr, "serve check it") {
		t.Errorf("submit said %q", sub.Stderr)
	}
	startServe(t, db)
	waitJob(t, db, id)
	got := mustCLI(t, db, "jobs", "results", id).Stdout
	if got != want {
		t.Fatalf("check job results differ from tripline check:\njob   %.300s\ncheck %.300s", got, want)
	}
	sc, err := s.score(strings.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if sc.PlantsFound != sc.Plants || sc.Plants < 8 || len(sc.FalseRaises) > 0 {
		t.Errorf("%d of %d plants found, %d false raises", sc.PlantsFound, sc.Plants, len(sc.FalseRaises))
	}
	alerts := mustCLI(t, db, "alerts", "list", "--book", "orders", "--json", "--limit", "10000").Stdout
	if n := strings.Count(alerts, "\n"); n < sc.Plants {
		t.Errorf("%d order-pattern alerts for %d plants", n, sc.Plants)
	}
	if r := runCLI(t, db, "jobs", "results", id, "--format", "csv"); r.Code != 1 || !strings.Contains(r.Stderr, "check job") {
		t.Errorf("csv results of a check job: exit %d, %q", r.Code, r.Stderr)
	}

	// Again with --no-store, under new ids: decided with the stored book
	// (each order now sees the stored orders of its customer), nothing
	// stored.
	again := writeTemp(t, "again.jsonl", strings.ReplaceAll(b.String(), `"id":"S`, `"id":"R`))
	id2 := strings.TrimSpace(mustCLI(t, db, "jobs", "submit", "check", "--no-store", "--input", again, "--shard-rows", "5000").Stdout)
	waitJob(t, db, id2)
	res := mustCLI(t, db, "jobs", "results", id2).Stdout
	if !strings.Contains(res, `"DERIVED-SPLIT-02"`) || strings.Count(res, "\n") != 1000 {
		t.Errorf("no-store job: %d lines, split flags %v", strings.Count(res, "\n"), strings.Contains(res, `"DERIVED-SPLIT-02"`))
	}
	if after := mustCLI(t, db, "alerts", "list", "--book", "orders", "--json", "--limit", "10000").Stdout; after != alerts {
		t.Errorf("a --no-store job changed the order alerts: %d lines before, %d after", strings.Count(alerts, "\n"), strings.Count(after, "\n"))
	}
	st := openTestStore(t, db)
	if _, err := st.(tripline.OrderBook).Order(context.Background(), "R"+s.Orders[0].ID[1:]); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("a --no-store job stored its order: %v", err)
	}
}

// waitJob waits until job id has finished and fails unless it completed.
func waitJob(t *testing.T, db, id string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var j tripline.BatchJob
		st := mustCLI(t, db, "jobs", "status", id, "--json")
		if err := json.Unmarshal([]byte(st.Stdout), &j); err != nil {
			t.Fatalf("status --json: %v\n%s", err, st.Stdout)
		}
		if j.State.Finished() {
			if j.State != tripline.BatchCompleted {
				t.Fatalf("job %s: %+v", id, j)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s not done after 3 minutes: %+v", id, j)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
