package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
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
