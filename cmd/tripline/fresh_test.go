package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

// ftmList writes a small fictional list (FtM simple CSV) whose one entity
// is named after round.
func ftmList(t *testing.T, round int) string {
	t.Helper()
	return writeTemp(t, "targets.simple.csv", `"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions","phones","emails","program_ids","dataset","first_seen","last_seen","last_change"
"fic-1","Company","ROUND `+fmt.Sprint(round)+` TRADING","","","ir","","","","","","FIC","Fictional","2024-01-02T00:00:00","2025-03-14T00:00:00","2025-02-01T00:00:00"
`)
}

type readyBody struct {
	Snapshots map[string]int64 `json:"snapshots"`
	Updates   string           `json:"updates"`
	Served    []struct {
		Source   string `json:"source"`
		Snapshot int64  `json:"snapshot"`
	} `json:"served"`
}

func ready(t *testing.T, base string) readyBody {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b readyBody
	if err := json.NewDecoder(resp.Body).Decode(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPostgresFreshness: two replicas that never poll (--reload -1s) serve
// a snapshot imported by the CLI, or through the other replica, as soon
// as its notice arrives; /readyz says what each serves and that it
// listens.
func TestPostgresFreshness(t *testing.T) {
	db := postgresDB(t)
	mustCLI(t, db, "import", "--format", "os-targets-csv", "--source", "fic", ftmList(t, 0))
	a := startServe(t, db, "--reload", "-1s")
	b := startServe(t, db, "--reload", "-1s")
	waitServed := func(base string, want int64) time.Duration {
		t.Helper()
		t0 := time.Now()
		for ready(t, base).Snapshots["fic"] != want {
			if time.Since(t0) > 30*time.Second {
				t.Fatalf("%s still serves %+v, want fic snapshot %d", base, ready(t, base), want)
			}
			time.Sleep(5 * time.Millisecond)
		}
		return time.Since(t0)
	}
	for _, base := range []string{a, b} {
		deadline := time.Now().Add(30 * time.Second)
		for ready(t, base).Updates != "listen" && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if r := ready(t, base); r.Updates != "listen" || len(r.Served) != 1 || r.Served[0].Source != "fic" {
			t.Fatalf("%s /readyz = %+v; want it listening, serving fic", base, r)
		}
	}
	// Round 1 by the CLI, round 2 through replica a's API.
	mustCLI(t, db, "import", "--format", "os-targets-csv", "--source", "fic", ftmList(t, 1))
	cur := sourcesJSON(t, db)["fic"].SnapshotID
	t.Logf("CLI import: replica a served it after %s, b after %s", waitServed(a, cur), waitServed(b, cur))

	body, err := os.Open(ftmList(t, 2))
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	resp, err := http.Post(a+"/v1/imports?format=os-targets-csv&source=fic&filename=targets.simple.csv", "text/csv", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("import through a: %d", resp.StatusCode)
	}
	cur2 := sourcesJSON(t, db)["fic"].SnapshotID
	if cur2 == cur {
		t.Fatal("the import through a created no snapshot")
	}
	t.Logf("import through a: replica b served it after %s", waitServed(b, cur2))
	r, _ := http.Post(b+"/v1/screen", "application/json", strings.NewReader(`{"queries":[{"id":"1","name":"Round 2 Trading"}]}`))
	var sr struct {
		Results []struct {
			Matches []struct{ Name string } `json:"matches"`
		} `json:"results"`
	}
	json.NewDecoder(r.Body).Decode(&sr)
	r.Body.Close()
	if len(sr.Results) != 1 || len(sr.Results[0].Matches) == 0 || sr.Results[0].Matches[0].Name != "ROUND 2 TRADING" {
		t.Errorf("replica b screens %+v; want the new name", sr)
	}
}

// TestServeJobsAPIAndMetrics drives /v1/jobs over HTTP (submit, status,
// list, results, cancel, delete) and reads /metrics.
func TestServeJobsAPIAndMetrics(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", "--format", "os-targets-csv", "--source", "fic", ftmList(t, 7))
	base := startServe(t, db, "--log-format", "json")
	var in strings.Builder
	in.WriteString("id,name\n")
	for i := range 300 {
		name := "Nobody In Particular"
		if i%10 == 0 {
			name = "Round 7 Trading"
		}
		fmt.Fprintf(&in, "p%d,%s\n", i, name)
	}
	resp, err := http.Post(base+"/v1/jobs?kind=screen&filename=parties.csv&threshold=0.8", "text/csv", strings.NewReader(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	var j tripline.BatchJob
	json.NewDecoder(resp.Body).Decode(&j)
	resp.Body.Close()
	if resp.StatusCode != 201 || j.ID == 0 || j.RowsTotal != 300 || resp.Header.Get("Location") != fmt.Sprint("/v1/jobs/", j.ID) {
		t.Fatalf("POST /v1/jobs: %d %+v", resp.StatusCode, j)
	}
	getJSON := func(path string, v any) int {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(v)
		return resp.StatusCode
	}
	deadline := time.Now().Add(2 * time.Minute)
	for !j.State.Finished() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		getJSON(fmt.Sprint("/v1/jobs/", j.ID), &j)
	}
	if j.State != tripline.BatchCompleted || j.RowsDone != 300 {
		t.Fatalf("job %+v", j)
	}
	resp, err = http.Get(fmt.Sprint(base, "/v1/jobs/", j.ID, "/results"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if resp.StatusCode != 200 || len(lines) != 300 || !strings.Contains(lines[0], "ROUND 7 TRADING") || !strings.Contains(lines[1], `"matches":[]`) {
		t.Fatalf("results: %d, %d lines, first %s", resp.StatusCode, len(lines), lines[0])
	}
	var list httpapi.JobList
	if code := getJSON("/v1/jobs?limit=5", &list); code != 200 || len(list.Jobs) != 1 {
		t.Errorf("GET /v1/jobs: %d %+v", code, list)
	}
	var e struct{ Error struct{ Code string } }
	if code := getJSON("/v1/jobs/99", &e); code != 404 {
		t.Errorf("GET /v1/jobs/99: %d", code)
	}
	if code := getJSON("/v1/jobs/abc", &e); code != 400 {
		t.Errorf("GET /v1/jobs/abc: %d", code)
	}
	resp, _ = http.Post(base+"/v1/jobs?threshold=7", "text/csv", strings.NewReader("id,name\n1,x\n"))
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("POST /v1/jobs?threshold=7: %d, want 400", resp.StatusCode)
	}
	resp, _ = http.Post(fmt.Sprint(base, "/v1/jobs/", j.ID, "/cancel"), "", nil)
	resp.Body.Close()
	req, _ := http.NewRequest("DELETE", fmt.Sprint(base, "/v1/jobs/", j.ID), nil)
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()
	if resp.StatusCode != 204 {
		t.Errorf("DELETE: %d", resp.StatusCode)
	}

	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	met, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`tripline_http_request_duration_seconds_count{code="201",route="POST /v1/jobs"} 1`,
		`tripline_batch_rows_total 300`,
		`tripline_jobs{kind="batch.shard",queue="batch",state=`,
		`tripline_snapshot_age_seconds{source="fic"}`,
		`tripline_snapshot_listening 0`,
		`tripline_webhook_lag_seconds 0`,
		`tripline_metrics_scrape_errors{figure="alerts"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(met), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	var r map[string]any
	getJSON("/readyz", &r)
	if r["updates"] != "poll" || r["served"] == nil || r["loaded_at"] == nil {
		t.Errorf("/readyz on SQLite = %v; want polling, the snapshots served and since when", r)
	}
}

// ftmNames writes a fictional list (FtM simple CSV) of companies.
func ftmNames(t *testing.T, names ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions","phones","emails","program_ids","dataset","first_seen","last_seen","last_change"` + "\n")
	for i, n := range names {
		fmt.Fprintf(&b, `"fic-%d","Company","%s","","","ir","","","","","","FIC","Fictional","2024-01-02T00:00:00","2025-03-14T00:00:00","2025-02-01T00:00:00"`+"\n", i+1, n)
	}
	return writeTemp(t, "targets.simple.csv", b.String())
}

// TestServeRescreensAfterImportWithoutRescreen: a snapshot imported by a
// command that left the rescreen to the server (--no-rescreen) is
// rescreened by the server's books.rescreen job.
func TestServeRescreensAfterImportWithoutRescreen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", "--format", "os-targets-csv", "--source", "fic", ftmNames(t, "ALPHA TRADING COMPANY"))
	mustCLI(t, db, "book", "import", writeTemp(t, "book.csv", "id,name,type\np1,Omega Precision Machinery,organization\np2,Zeta Bakery,organization\n"))
	startServe(t, db, "--reload", "100ms")
	mustCLI(t, db, "import", "--no-rescreen", "--format", "os-targets-csv", "--source", "fic", ftmNames(t, "ALPHA TRADING COMPANY", "OMEGA PRECISION MACHINERY"))
	deadline := time.Now().Add(time.Minute)
	for {
		r := mustCLI(t, db, "alerts", "list", "--json")
		if strings.Contains(r.Stdout, "OMEGA PRECISION MACHINERY") && strings.Contains(r.Stdout, `"party_id":"p1"`) {
			if n := strings.Count(strings.TrimSpace(r.Stdout), "\n") + 1; n != 1 {
				t.Errorf("%d alerts, want 1:\n%s", n, r.Stdout)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no alert for p1 a minute after the import:\n%s", r.Stdout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// countingStore counts the snapshots read.
type countingStore struct {
	tripline.Store
	reads []int64
}

func (c *countingStore) EachEntity(ctx context.Context, f tripline.EntityFilter, fn func(*tripline.Entity) error) error {
	c.reads = append(c.reads, f.SnapshotID)
	return c.Store.EachEntity(ctx, f, fn)
}

// TestEntityCacheEqualsLoad: the server's loader reads only the snapshot
// that changed and screens exactly as match.Load's index does.
func TestEntityCacheEqualsLoad(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.MustImport(t, st, storetest.Dataset("a", "a1", storetest.Entity("a", "1", "ALPHA TRADING COMPANY"), storetest.Entity("a", "2", "OMEGA MACHINERY")))
	storetest.MustImport(t, st, storetest.Dataset("b", "b1", storetest.Entity("b", "1", "BETA INDUSTRIAL GROUP"), storetest.Entity("b", "2", "ALPHA TRADING CO")))
	cs := &countingStore{Store: st}
	cache := newEntityCache(cs)
	qs := []tripline.Query{{ID: "1", Name: "Alpha Trading Company"}, {ID: "2", Name: "Omega Machinery Ltd"}, {ID: "3", Name: "Beta Industrial"}, {ID: "4", Name: "Gamma Works"}}
	same := func(round string) {
		t.Helper()
		got, _, err := cache.load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := match.Load(ctx, st, nil)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := got.Screen(ctx, qs, tripline.ScreenOptions{})
		w, _ := want.Screen(ctx, qs, tripline.ScreenOptions{})
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		if string(gb) != string(wb) {
			t.Errorf("%s: the cached loader screens\n%s\nmatch.Load's index\n%s", round, gb, wb)
		}
	}
	same("first load")
	if len(cs.reads) != 2 {
		t.Fatalf("first load read snapshots %v, want both", cs.reads)
	}
	snap, _ := storetest.MustImport(t, st, storetest.Dataset("a", "a2", storetest.Entity("a", "1", "ALPHA TRADING COMPANY"), storetest.Entity("a", "3", "GAMMA WORKS")))
	cs.reads = nil
	same("after a's new snapshot")
	if len(cs.reads) != 1 || cs.reads[0] != snap.ID {
		t.Errorf("reload read snapshots %v, want only a's new one (%d)", cs.reads, snap.ID)
	}
}
