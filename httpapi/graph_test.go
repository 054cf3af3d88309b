package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/httpapi"
)

// TestGraphEndpoints serves /v1/graph from graph.Live over the fixture's
// store: NotFound before records are imported, then typed answers that
// follow an import.
func TestGraphEndpoints(t *testing.T) {
	f := newFixture(t, true)
	f.srv.Networks = &graph.Live{Source: graph.Source{Lists: f.store, Records: f.store}}
	get := func(path string, v any) int {
		t.Helper()
		resp, err := http.Get(f.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return resp.StatusCode
	}
	var e map[string]any
	if code := get("/v1/graph/risk", &e); code != 404 {
		t.Fatalf("before any import: %d %v", code, e)
	}
	// A company sharing the listed company's name and country.
	recs := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{
		{ID: "k1", Name: "Zagros Avionics Trading FZE", Country: "AE"},
		{ID: "k2", Name: "Quiet Meadow Bakery", Country: "GB"},
	}}
	if _, err := f.store.ImportNetwork(context.Background(), recs, tripline.NetworkReplace); err != nil {
		t.Fatal(err)
	}
	var risk httpapi.GraphRiskResponse
	if code := get("/v1/graph/risk?flagged=false", &risk); code != 200 || len(risk.Results) != 2 ||
		risk.Results[0].ID != "k1" || !risk.Results[0].Flagged || !slices.Equal(risk.Results[0].LinkedTo, []string{"test:1"}) {
		t.Fatalf("risk: %d %+v", code, risk)
	}
	var view tripline.NetworkView
	if code := get("/v1/graph/entities/k1?depth=2", &view); code != 200 || view.Center != "company:k1" || len(view.Edges) == 0 {
		t.Fatalf("neighbourhood: %d %+v", code, view)
	}
	// A merge is seen at the next request: the graph is rebuilt.
	if _, err := f.store.ImportNetwork(context.Background(), &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{{ID: "k3", Name: "ZAGROS AVIONICS TRADING", Country: "AE"}}}, tripline.NetworkMerge); err != nil {
		t.Fatal(err)
	}
	if code := get("/v1/graph/risk", &risk); code != 200 || len(risk.Results) != 2 {
		t.Errorf("risk after a merge: %d %+v; want k1 and k3 flagged", code, risk)
	}
	for path, want := range map[string]int{"/v1/graph/entities/nobody": 404, "/v1/graph/entities/k1?depth=9": 400, "/v1/graph/risk?flagged=maybe": 400} {
		if code := get(path, &e); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}

// TestOpenAPIGraphSchemas keeps the graph schemas of openapi.json equal to
// the JSON fields of the types the endpoints return.
func TestOpenAPIGraphSchemas(t *testing.T) {
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{
		"GraphRisk": tripline.NetworkRisk{}, "GraphPath": tripline.NetworkPath{}, "GraphStep": tripline.NetworkStep{},
		"GraphFactor": tripline.NetworkFactor{}, "GraphView": tripline.NetworkView{}, "GraphNode": tripline.NetworkNode{},
		"GraphEdge": tripline.NetworkEdge{},
	} {
		var want, got []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			want = append(want, tag)
		}
		for p := range doc.Components.Schemas[name].Properties {
			got = append(got, p)
		}
		sort.Strings(want)
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("openapi.json %s has properties %v; %s has %v", name, got, rt, want)
		}
	}
}
