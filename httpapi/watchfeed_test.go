package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/osint"
	"github.com/tripline/tripline/transfer"
)

// TestTransferWatchesAPI: watches of a country pair, a system (a
// designation, stored as the catalogue id), a producer and a company are
// added on /v1/watches; an ambiguous designation is a 409, an unknown
// producer a 400; an article's claim fires them and the firing comes
// back with its record and explanation.
func TestTransferWatchesAPI(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	f.srv.Networks = &graph.Live{Source: graph.Source{Lists: f.store, Records: f.store}}
	if _, err := f.store.ImportNetwork(ctx, &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{{ID: "c1", Name: "Quiet Meadow Trading LLC", Country: "AE"}}}, tripline.NetworkReplace); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, c := range []struct{ body, want string }{
		{`{"kind":"country-pair","value":"ir->ve"}`, "IR:VE"},
		{`{"kind":"system","value":"Peykaap"}`, "zolfaghar-fac"},
		{`{"kind":"producer","value":"ofac-sdn:39637"}`, "ofac-sdn:39637"},
		{`{"kind":"company","value":"c1"}`, "c1"},
	} {
		code, w := f.do(t, "POST", "/v1/watches", c.body)
		if code != http.StatusCreated || w["value"] != c.want {
			t.Fatalf("POST /v1/watches %s = %d %v, want value %s", c.body, code, w, c.want)
		}
		ids[c.want] = int64(w["id"].(float64))
	}
	for _, c := range []struct {
		body string
		want int
	}{
		{`{"kind":"system","value":"Zolfaghar"}`, http.StatusConflict},
		{`{"kind":"producer","value":"Acme Drones"}`, http.StatusBadRequest},
		{`{"kind":"country-pair","value":"Iran to Venezuela"}`, http.StatusBadRequest},
		{`{"kind":"company","value":"c1","sources":["x"]}`, http.StatusBadRequest},
	} {
		if code, body := f.do(t, "POST", "/v1/watches", c.body); code != c.want {
			t.Errorf("POST /v1/watches %s = %d %v, want %d", c.body, code, body, c.want)
		}
	}
	// The company watch has its baseline: nothing changed, nothing fires.
	e := &monitor.Evaluator{Store: f.store, Lists: f.store, Records: f.store, Network: f.srv.Networks}
	x := osint.NewExtractor(transfer.MustDefault(), nil, nil, nil)
	x.Observers = []tripline.FactObserver{e}
	doc, err := osint.ReadFile(filepath.Join("..", "..", "shared", "data", "osint", "iran-venezuela-weapons-2023.txt"))
	if err != nil {
		t.Skipf("the seed article is not in ../shared: %v", err)
	}
	rep, err := x.Ingest(ctx, f.store, []*osint.Doc{doc}, func(r osint.Result) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	})
	if err != nil || len(rep.Errors) > 0 || len(rep.Notes) == 0 {
		t.Fatalf("Ingest: %v, report %+v", err, rep)
	}
	code, body := f.do(t, "GET", fmt.Sprintf("/v1/watches/%d/fires", ids["zolfaghar-fac"]), "")
	fires, _ := body["fires"].([]any)
	if code != 200 || len(fires) != 1 {
		t.Fatalf("fires of the boat watch = %d %v", code, body)
	}
	fire := fires[0].(map[string]any)
	rec, _ := fire["record"].(map[string]any)
	if fire["change"] != "claim" || fire["explanation"] == "" || rec == nil || rec["kind"] != "claim" || rec["date"] != "2023-07-24" || rec["excerpt"] == "" {
		t.Errorf("firing = %v", fire)
	}
	if code, body := f.do(t, "GET", fmt.Sprintf("/v1/watches/%d/fires", ids["c1"]), ""); code != 200 || len(body["fires"].([]any)) != 0 {
		t.Errorf("the company watch fired on an article: %v", body)
	}
}
