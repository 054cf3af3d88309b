package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
)

// splitOrder is one order of 8542.31 (CHPL tier 1) by the buyer written
// as name.
func splitOrder(id, date, name string, extra string) string {
	return fmt.Sprintf(`{"id":%q,"date":%q,%s"parties":[{"role":"seller","name":"Muster Elektronik GmbH","country":"DE"},
	  {"role":"buyer","name":%q,"country":"AE","address":"Office 12, Al Qusais, Dubai"}],
	  "items":[{"description":"microcontroller","hs_code":"8542.31","quantity":40,"unit_value":20,"currency":"USD"}],
	  "route":{"origin":"DE","destination":"AE"},"payment":{"method":"wire","currency":"USD"}}`, id, date, extra, name)
}

// TestServeCheckStoresHistory: orders checked by tripline check and posted
// to POST /v1/check (a real server on loopback over a real store) are one
// book of orders: the third order of one customer's split, the second
// posted through the API, is flagged DERIVED-SPLIT-02 with every order as
// evidence, and one order_pattern alert in book orders lists them all; an
// order posted with "store": false is decided with the history but not
// stored, so later orders do not see it; posting an order again does not
// double it.
func TestServeCheckStoresHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustCLI(t, db, "demo")
	first := strings.ReplaceAll(splitOrder("s1", "2025-05-02", "Falcon Tech Trading LLC", ""), "\n", " ")
	mustCLI(t, db, "check", "--no-screen", "--input", writeTemp(t, "first.jsonl", first+"\n"))
	url := startServe(t, db)

	post := func(body string) tripline.Decision {
		t.Helper()
		code, raw := postJSON(t, url+"/v1/check", body)
		if code != 200 {
			t.Fatalf("POST /v1/check: %d %s", code, raw)
		}
		var d tripline.Decision
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	split := func(d tripline.Decision) string {
		for _, f := range d.Flags {
			if f.Rule == "DERIVED-SPLIT-02" {
				return f.Evidence
			}
		}
		return ""
	}
	if d := post(splitOrder("s2", "2025-05-09", "FALCON TECH TRADING L.L.C.", "")); split(d) != "" {
		t.Errorf("s2 (second order) flagged: %s", split(d))
	}
	d := post(splitOrder("s3", "2025-05-16", "Falcon Tech Trading", ""))
	if ev := split(d); !strings.Contains(ev, "s1, s2, s3") {
		t.Fatalf("s3 (third order, second through the API): split evidence %q, want s1, s2, s3; flags %+v", ev, d.Flags)
	}
	// Posted again: the same decision, history not doubled.
	if again := post(splitOrder("s3", "2025-05-16", "Falcon Tech Trading", "")); split(again) != split(d) {
		t.Errorf("s3 again: %q, first %q", split(again), split(d))
	}
	// Not stored: decided with the history, invisible to later orders.
	if ev := split(post(splitOrder("s4", "2025-05-20", "Falcon Tech Trading LLC", `"store":false,`))); !strings.Contains(ev, "s1, s2, s3, s4") {
		t.Errorf("s4 (store false): split evidence %q", ev)
	}
	if ev := split(post(splitOrder("s5", "2025-05-21", "Falcon Tech Trading LLC", ""))); !strings.Contains(ev, "s1, s2, s3, s5") {
		t.Errorf("s5: split evidence %q, want s1, s2, s3, s5 (not s4)", ev)
	}
	if code, raw := postJSON(t, url+"/v1/check", splitOrder("s6", "2025-05-21", "X", `"store":"no",`)); code != 400 {
		t.Errorf("store \"no\": %d %s", code, raw)
	}

	resp, err := http.Get(url + "/v1/alerts?book=orders&reason=order_pattern")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Alerts []tripline.Alert }
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("alerts: %d %v", resp.StatusCode, err)
	}
	var splits []tripline.Alert
	for _, a := range page.Alerts {
		if strings.HasPrefix(a.EntityID, "DERIVED-SPLIT-02|") {
			splits = append(splits, a)
		}
	}
	if len(splits) != 1 {
		t.Fatalf("%d split alerts, want one open alert for the customer: %+v", len(splits), page.Alerts)
	}
	var ids []string
	for _, e := range splits[0].Explanation.Evidence {
		if e.Kind == "order" {
			ids = append(ids, e.Detail)
		}
	}
	if got := strings.Join(ids, ","); got != "s1,s2,s3,s5" {
		t.Errorf("split alert names orders %s, want s1,s2,s3,s5", got)
	}

	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for id, stored := range map[string]bool{"s1": true, "s2": true, "s3": true, "s4": false, "s5": true} {
		_, err := st.Order(context.Background(), id)
		if got := err == nil; got != stored {
			t.Errorf("order %s stored %v, want %v (%v)", id, got, stored, err)
		}
	}
	r1, err := st.Order(context.Background(), "s1")
	if err != nil {
		t.Fatal(err)
	}
	hist, err := st.OrderHistory(context.Background(), tripline.OrderQuery{Keys: r1.Keys(), From: "2025-01-01", To: "2025-12-31"})
	if err != nil || len(hist) != 4 {
		t.Errorf("%d orders stored for the buyer, want 4 (%v)", len(hist), err)
	}
}
