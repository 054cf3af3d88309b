package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/tripline/tripline"
)

// yenteDef compiles one $def of testdata/yente-match-response.schema.json.
func yenteDef(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "yente-match-response.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("yente.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("yente.json#/$defs/" + def)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateYente(t *testing.T, def string, raw []byte) map[string]any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not JSON: %s", raw)
	}
	if err := yenteDef(t, def).Validate(inst); err != nil {
		t.Errorf("not a valid yente %s: %v\n%s", def, err, raw)
	}
	var m map[string]any
	json.Unmarshal(raw, &m)
	return m
}

// TestYenteReadEndpointsValidate: /search/{dataset}, /entities/{id} and
// /catalog answer in yente's models, and their errors in its
// ErrorResponse.
func TestYenteReadEndpointsValidate(t *testing.T) {
	f := newFixture(t, true)
	// A second source with OpenSanctions-style metadata and a link.
	ctx := context.Background()
	ds := &tripline.Dataset{Source: "os-demo", Format: "test", Hash: "o1", Entities: []*tripline.Entity{
		{ID: "os-demo:Q1", Source: "os-demo", SourceID: "Q1", Schema: tripline.SchemaCompany,
			Names:     []tripline.Name{{Full: "Zagros Avionics Holding", Kind: tripline.NamePrimary}},
			Countries: []string{"AE", "Iraq (previous address)"}, Addresses: []tripline.Address{{Full: "1 Creek Road, Dubai", City: "Dubai", Country: "AE"}},
			Identifiers: []tripline.Identifier{{Type: "registration", Value: "R-1", Country: "AE"}}, Programs: []string{"FIC"},
			Links:      []tripline.Link{{Type: "owns", TargetID: "os-demo:Q2"}},
			Properties: map[string][]string{"first_seen": {"2024-01-02T00:00:00"}, "list": {"Fictional"}}},
		{ID: "os-demo:Q2", Source: "os-demo", SourceID: "Q2", Schema: tripline.SchemaCompany, Names: []tripline.Name{{Full: "Zagros Sub", Kind: tripline.NamePrimary}}},
	}}
	if _, _, err := f.store.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if _, err := f.srv.Index.Reload(ctx, true); err != nil {
		t.Fatal(err)
	}
	get := func(path string) (int, []byte) {
		t.Helper()
		code, _, raw := get(t, f.ts.URL+path)
		return code, raw
	}
	for _, path := range []string{"/search/default?q=Zagros", "/search/os_demo?q=Zagros&schema=Company&countries=ae&limit=1", "/search/sanctions?q=Kaveh+Mohammadi&exclude_dataset=os_demo", "/search/test?q=nobody+at+all"} {
		code, raw := get(path)
		if code != 200 {
			t.Fatalf("%s: %d %s", path, code, raw)
		}
		validateYente(t, "SearchResponse", raw)
	}
	_, raw := get("/search/default?q=Zagros")
	var sr struct {
		Total   struct{ Value int }
		Results []struct {
			ID, Schema string
			Datasets   []string
		}
		Facets map[string]struct {
			Values []struct {
				Name  string
				Count int
			}
		}
	}
	json.Unmarshal(raw, &sr)
	if sr.Total.Value < 2 || len(sr.Results) < 2 || len(sr.Facets["datasets"].Values) != 2 {
		t.Errorf("search Zagros: %s", raw)
	}
	_, raw = get("/search/os_demo?q=Zagros&limit=1&offset=1")
	json.Unmarshal(raw, &sr)
	if len(sr.Results) != 1 || sr.Results[0].Datasets[0] != "os_demo" {
		t.Errorf("page 2 of os_demo: %s", raw)
	}

	for _, id := range []string{"os-demo:Q1", "os-demo.Q1"} {
		code, raw := get("/entities/" + id)
		if code != 200 {
			t.Fatalf("/entities/%s: %d %s", id, code, raw)
		}
		m := validateYente(t, "EntityResponse", raw)
		props, _ := m["properties"].(map[string]any)
		if m["id"] != "os-demo:Q1" || m["first_seen"] != "2024-01-02T00:00:00Z" || props == nil {
			t.Fatalf("/entities/%s: %s", id, raw)
		}
		for _, want := range []string{"addressEntity", "sanctions", "identification", "ownershipOwner", "country", "name"} {
			if _, ok := props[want]; !ok {
				t.Errorf("/entities/%s lacks %s: %s", id, want, raw)
			}
		}
		if c := props["country"].([]any); len(c) != 2 || c[0] != "ae" {
			t.Errorf("countries %v, want ae and the code of the free text", c)
		}
	}
	if _, raw := get("/entities/os-demo:Q1?nested=false"); strings.Contains(string(raw), "ownershipOwner") {
		t.Errorf("nested=false inlines: %s", raw)
	}

	code, raw := get("/catalog")
	if code != 200 {
		t.Fatalf("/catalog: %d %s", code, raw)
	}
	validateYente(t, "DataCatalogModel", raw)
	var cat struct {
		Datasets []struct {
			Name         string
			IndexCurrent bool `json:"index_current"`
			Children     []string
		}
		Current []string
	}
	json.Unmarshal(raw, &cat)
	names := map[string]bool{}
	for _, d := range cat.Datasets {
		names[d.Name] = true
	}
	if !names["os_demo"] || !names["test"] || !names["default"] || len(cat.Current) != 2 {
		t.Errorf("catalog %s", raw)
	}

	// A client takes dataset names from /catalog for /match, and reads
	// the results' datasets by the same names; it excludes reviewed false
	// positives by either id.
	matchIDs := func(path string) (ids []string, datasets []string) {
		t.Helper()
		code, raw, body := f.postMatch(t, path, `{"queries":{"q":{"schema":"Company","properties":{"name":["Zagros Avionics Holding"]}}}}`)
		if code != 200 {
			t.Fatalf("%s: %d %s", path, code, raw)
		}
		for _, r := range body["responses"].(map[string]any)["q"].(map[string]any)["results"].([]any) {
			r := r.(map[string]any)
			ids = append(ids, r["id"].(string))
			for _, d := range r["datasets"].([]any) {
				datasets = append(datasets, d.(string))
			}
		}
		return ids, datasets
	}
	if ids, dss := matchIDs("/match/os_demo"); len(ids) == 0 || ids[0] != "os-demo:Q1" || dss[0] != "os_demo" || !names[dss[0]] {
		t.Errorf("/match/os_demo: %v in datasets %v, want os-demo:Q1 in os_demo as /catalog names it", ids, dss)
	}
	if ids, _ := matchIDs("/match/default?include_dataset=os_demo"); len(ids) == 0 || ids[0] != "os-demo:Q1" {
		t.Errorf("/match/default?include_dataset=os_demo: %v", ids)
	}
	if ids, _ := matchIDs("/match/default?exclude_dataset=os_demo"); len(ids) != 0 {
		t.Errorf("/match/default?exclude_dataset=os_demo: %v", ids)
	}
	for _, ex := range []string{"os-demo:Q1", "os-demo.Q1"} {
		if ids, _ := matchIDs("/match/os_demo?exclude_entity_ids=" + ex); slices.Contains(ids, "os-demo:Q1") {
			t.Errorf("exclude_entity_ids=%s: %v", ex, ids)
		}
	}

	code, raw = get("/algorithms")
	if code != 200 {
		t.Fatalf("/algorithms: %d %s", code, raw)
	}
	algos := validateYente(t, "AlgorithmResponse", raw)
	if algos["default"] != "tripline-name-v6" || algos["best"] != algos["default"] || !strings.Contains(string(raw), `"identifier":{`) {
		t.Errorf("/algorithms: %s", raw)
	}

	for _, bad := range []struct {
		path string
		code int
	}{{"/search/default", 400}, {"/search/nosuch?q=x", 404}, {"/search/default?q=x&limit=501", 400}, {"/entities/nobody", 404}, {"/entities/test:404", 404}} {
		code, raw := get(bad.path)
		if code != bad.code {
			t.Errorf("%s: %d, want %d (%s)", bad.path, code, bad.code, raw)
		}
		validateYente(t, "ErrorResponse", raw)
	}
}
