package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/ofac"
)

// startServe runs "tripline serve" on a free loopback port over db and
// returns its base URL; the server stops when the test ends.
func startServe(t *testing.T, db string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &syncWriter{w: &errb}, Getenv: func(string) string { return "" },
		ServeReady: func(srv *httpapi.Server) { ready <- srv.URL() }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, append([]string{"--db", db, "serve", "--addr", "127.0.0.1:0", "--reload", "0"}, extra...))
		m.Close()
	}()
	var url string
	select {
	case url = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d before listening: %s", code, errb.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start listening")
	}
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d on shutdown", code)
		}
	})
	// wait for the index
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return url
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("index not ready: %s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// addedEntity returns an organisation listed in the new SDN file but not in
// the old one.
func addedEntity(t *testing.T, oldCSV, newCSV string) *tripline.Entity {
	t.Helper()
	read := func(p string) *tripline.Dataset {
		ds, err := ofac.ReadCSV(context.Background(), []string{p}, fileutil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	old := map[string]bool{}
	for _, e := range read(oldCSV).Entities {
		old[e.ID] = true
	}
	for _, e := range read(newCSV).Entities {
		if !old[e.ID] && e.Schema == tripline.SchemaOrganization && len(e.Caption()) > 20 {
			return e
		}
	}
	t.Fatal("no added organisation found")
	return nil
}

type screenAnswer struct {
	Results []tripline.Result `json:"results"`
}

// TestLiveSwapDuringScreening screens continuously while a new snapshot is
// imported through the API: no request may fail, and answers switch to the
// new snapshot.
func TestLiveSwapDuringScreening(t *testing.T) {
	oldCSV := filepath.Join(sharedData(t, "snapshots", "ofac_sdn-2024-07-02"), "sdn.csv")
	newCSV := filepath.Join(sharedData(t, "lists", "ofac_sdn"), "sdn.csv")
	target := addedEntity(t, oldCSV, newCSV)
	db := filepath.Join(t.TempDir(), "live.db")
	mustCLI(t, db, "import", oldCSV)
	url := startServe(t, db)

	body, _ := json.Marshal(map[string]any{"queries": []map[string]string{{"id": "q", "name": target.Caption()}}})
	screen := func() (screenAnswer, error) {
		resp, err := http.Post(url+"/v1/screen", "application/json", bytes.NewReader(body))
		if err != nil {
			return screenAnswer{}, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			return screenAnswer{}, fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		var a screenAnswer
		return a, json.NewDecoder(resp.Body).Decode(&a)
	}
	first, err := screen()
	if err != nil {
		t.Fatal(err)
	}
	oldSnap := first.Results[0].Snapshots["ofac-sdn"]
	for _, m := range first.Results[0].Matches {
		if m.ID == target.ID {
			t.Fatalf("%s matched before it was imported", target.ID)
		}
	}

	var stop atomic.Bool
	var total, failed atomic.Int64
	var firstErr atomic.Value
	var sawNew atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				a, err := screen()
				total.Add(1)
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				if a.Results[0].Snapshots["ofac-sdn"] != oldSnap {
					sawNew.Store(true)
				}
			}
		}()
	}
	f, err := os.Open(newCSV)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url+"/v1/imports?filename=sdn.csv", "application/octet-stream", f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var imp httpapi.ImportResponse
	json.NewDecoder(resp.Body).Decode(&imp)
	resp.Body.Close()
	if resp.StatusCode != 200 || !imp.Reloaded {
		t.Fatalf("import: status %d, %+v", resp.StatusCode, imp)
	}
	time.Sleep(300 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if failed.Load() != 0 {
		t.Fatalf("%d of %d requests failed during the swap; first: %v", failed.Load(), total.Load(), firstErr.Load())
	}
	if !sawNew.Load() {
		t.Error("no answer came from the new snapshot while screening continued")
	}
	after, err := screen()
	if err != nil {
		t.Fatal(err)
	}
	r := after.Results[0]
	if r.Snapshots["ofac-sdn"] == oldSnap || r.Snapshots["ofac-sdn"] != imp.Loaded["ofac-sdn"] {
		t.Errorf("answer after the swap names snapshot %d (old %d, imported %v)", r.Snapshots["ofac-sdn"], oldSnap, imp.Loaded)
	}
	if len(r.Matches) == 0 || r.Matches[0].ID != target.ID {
		t.Errorf("after the swap %q does not find %s first: %+v", target.Caption(), target.ID, r.Matches)
	}
	t.Logf("%d screening requests during the swap, none failed", total.Load())
}

// TestServeCheckAndSearchOnDemo checks an order and searches over HTTP
// against the bundled demo lists.
func TestServeCheckAndSearchOnDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustCLI(t, db, "demo")
	url := startServe(t, db)
	order := `{"id":"o1","date":"2025-03-01",
	  "parties":[{"role":"buyer","name":"Golden Crescent General Trading FZE","country":"AE","email":"gc.trading@gmail.com"},
	             {"role":"payer","name":"Farhad Moradi","country":"TR"}],
	  "items":[{"description":"32-bit microcontroller","hs_code":"8542.31","part_number":"STM32F765VIT6","quantity":500,"unit_value":12,"currency":"USD"}],
	  "route":{"origin":"DE","transit":["AE"],"destination":"IR"},
	  "payment":{"method":"wire","payer_country":"TR","currency":"USD"}}`
	resp, err := http.Post(url+"/v1/check", "application/json", strings.NewReader(order))
	if err != nil {
		t.Fatal(err)
	}
	var d tripline.Decision
	json.NewDecoder(resp.Body).Decode(&d)
	resp.Body.Close()
	if resp.StatusCode != 200 || d.Risk != tripline.RiskHigh {
		t.Fatalf("check: status %d, risk %q", resp.StatusCode, d.Risk)
	}
	roles := map[string]bool{}
	for _, h := range d.PartyHits {
		roles[h.Role+" "+h.ID] = true
	}
	if !roles["buyer demo-ofac-sdn:90003"] || !roles["payer demo-ofac-sdn:90005"] {
		t.Errorf("party hits by role %v, want the buyer and the payer found", roles)
	}
	if d.Versions["list:demo-ofac-sdn"] == "" {
		t.Errorf("decision does not name the list snapshot: %v", d.Versions)
	}
	resp, err = http.Get(url + "/v1/search?q=kaveh+sanat")
	if err != nil {
		t.Fatal(err)
	}
	var r tripline.Result
	json.NewDecoder(resp.Body).Decode(&r)
	resp.Body.Close()
	found := false
	for _, m := range r.Matches {
		found = found || m.ID == "demo-ofac-sdn:90001"
	}
	if !found {
		t.Errorf("search for kaveh sanat: %+v", r.Matches)
	}
}
