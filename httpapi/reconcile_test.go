package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	reconcileSchemaOnce sync.Once
	reconcileSchemas    map[string]*jsonschema.Schema
	reconcileSchemaErr  error
)

// reconcileSchema returns one $def of the Reconciliation API 0.2 schema
// (testdata/reconciliation-0.2.schema.json, see PROVENANCE.md).
func reconcileSchema(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	reconcileSchemaOnce.Do(func() {
		f, err := os.Open(filepath.Join("testdata", "reconciliation-0.2.schema.json"))
		if err != nil {
			reconcileSchemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			reconcileSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if reconcileSchemaErr = c.AddResource("reconcile.json", doc); reconcileSchemaErr != nil {
			return
		}
		reconcileSchemas = map[string]*jsonschema.Schema{}
		for _, d := range []string{"Manifest", "QueryBatch", "ResultBatch", "SuggestEntities", "SuggestTypes", "SuggestProperties"} {
			if reconcileSchemas[d], reconcileSchemaErr = c.Compile("reconcile.json#/$defs/" + d); reconcileSchemaErr != nil {
				return
			}
		}
	})
	if reconcileSchemaErr != nil {
		t.Fatal(reconcileSchemaErr)
	}
	return reconcileSchemas[def]
}

func validateReconcile(t *testing.T, def string, raw []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not JSON: %v: %s", err, raw)
	}
	if err := reconcileSchema(t, def).Validate(inst); err != nil {
		t.Errorf("the answer is not a valid %s of the Reconciliation API 0.2: %v\n%s", def, err, raw)
	}
}

func get(t *testing.T, u string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), raw
}

// reconcileBatch posts a batch as OpenRefine does (form field queries).
func postReconcile(t *testing.T, u, batch string) (int, []byte) {
	t.Helper()
	resp, err := http.PostForm(u, url.Values{"queries": {batch}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

const reconcileQueries = `{
  "q0": {"query": "Kaveh Mohammadi", "type": "Person", "limit": 3, "properties": [{"pid": "birthDate", "v": "1971-03-02"}, {"pid": "country", "v": ["Iran"]}]},
  "q1": {"query": "Zagros Avionics Trading", "type": ["Organization", "Company"], "properties": [{"pid": "country", "v": {"id": "AE", "name": "AE"}}]},
  "q2": {"properties": [{"pid": "imoNumber", "v": 9100001}], "type": "Vessel"},
  "q3": {"query": "Bakery Schmidt GmbH", "type": "Organization"},
  "q4": {"query": "Kaveh Mohammadi", "type_strict": "should"}
}`

// TestReconcileValidates: the manifest, query answers (posted as a form,
// as a GET parameter, as JSON), suggestions and errors of /reconcile are
// valid documents of the Reconciliation API 0.2.
func TestReconcileValidates(t *testing.T) {
	f := newFixture(t, true)
	code, ct, raw := get(t, f.ts.URL+"/reconcile")
	if code != 200 || !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("manifest: %d %s %s", code, ct, raw)
	}
	validateReconcile(t, "Manifest", raw)
	var man struct {
		Preview struct{ URL string } `json:"preview"`
		Suggest map[string]struct {
			URL  string `json:"service_url"`
			Path string `json:"service_path"`
		} `json:"suggest"`
		DefaultTypes []struct{ ID string } `json:"defaultTypes"`
	}
	json.Unmarshal(raw, &man)
	if !strings.HasPrefix(man.Preview.URL, f.ts.URL+"/reconcile/preview?id=") || len(man.Suggest) != 3 || len(man.DefaultTypes) < 5 {
		t.Errorf("manifest = %s", raw)
	}

	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(reconcileQueries))
	if err := reconcileSchema(t, "QueryBatch").Validate(inst); err != nil {
		t.Fatalf("the test's batch is not a valid query batch: %v", err)
	}
	type cand struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
		Match bool    `json:"match"`
		Type  []struct{ ID string }
		Desc  string `json:"description"`
		Feats []struct {
			ID    string  `json:"id"`
			Value float64 `json:"value"`
		} `json:"features"`
	}
	answers := map[string][]byte{}
	code, answers["form"] = postReconcile(t, f.ts.URL+"/reconcile", reconcileQueries)
	if code != 200 {
		t.Fatalf("POST form: %d %s", code, answers["form"])
	}
	code, _, answers["get"] = get(t, f.ts.URL+"/reconcile?queries="+url.QueryEscape(reconcileQueries))
	if code != 200 {
		t.Fatalf("GET: %d %s", code, answers["get"])
	}
	body, _ := json.Marshal(map[string]json.RawMessage{"queries": json.RawMessage(reconcileQueries)})
	resp, err := http.Post(f.ts.URL+"/reconcile", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	answers["json"], _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for how, raw := range answers {
		validateReconcile(t, "ResultBatch", raw)
		if !bytes.Equal(raw, answers["form"]) {
			t.Errorf("%s answers differently from the form:\n%s\n%s", how, raw, answers["form"])
		}
	}
	var res map[string]struct{ Result []cand }
	if err := json.Unmarshal(answers["form"], &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != 5 {
		t.Fatalf("%d answers for 5 queries", len(res))
	}
	top := func(q string) cand {
		if len(res[q].Result) == 0 {
			t.Fatalf("%s: no candidate", q)
		}
		return res[q].Result[0]
	}
	if c := top("q0"); c.ID != "test:2" || !c.Match || c.Score < 85 || c.Score > 100 || len(c.Type) != 1 || c.Type[0].ID != "Person" || !strings.Contains(c.Desc, "NPWMD") {
		t.Errorf("q0: %+v", c)
	} else {
		kinds := map[string]bool{}
		for _, ft := range c.Feats {
			kinds[ft.ID] = true
		}
		if !kinds["name"] || !kinds["birth_date"] {
			t.Errorf("q0 features %+v, want name and birth_date", c.Feats)
		}
	}
	if c := top("q1"); c.ID != "test:1" || !c.Match || c.Type[0].ID != "Organization" {
		t.Errorf("q1: %+v", c)
	}
	if c := top("q2"); c.ID != "test:3" || !c.Match {
		t.Errorf("q2 (an IMO number alone): %+v", c)
	}
	for _, c := range res["q3"].Result {
		if c.Match {
			t.Errorf("q3: a bakery matches %+v", c)
		}
	}

	// match follows the service URL's threshold; candidates below it stay.
	code, raw = postReconcile(t, f.ts.URL+"/reconcile?threshold=0.999", `{"q":{"query":"Kaveh Mohamadi","type":"Person"}}`)
	var strict map[string]struct{ Result []cand }
	json.Unmarshal(raw, &strict)
	if code != 200 || len(strict["q"].Result) == 0 || strict["q"].Result[0].Match {
		t.Errorf("threshold 0.999: %d %s", code, raw)
	}
	validateReconcile(t, "ResultBatch", raw)

	for _, tc := range []struct{ path, def string }{
		{"/reconcile/suggest/entity?prefix=Zagros", "SuggestEntities"},
		{"/reconcile/suggest/entity?prefix=", "SuggestEntities"},
		{"/reconcile/suggest/type?prefix=Ve", "SuggestTypes"},
		{"/reconcile/suggest/type", "SuggestTypes"},
		{"/reconcile/suggest/property?prefix=birth", "SuggestProperties"},
	} {
		code, _, raw := get(t, f.ts.URL+tc.path)
		if code != 200 {
			t.Errorf("%s: %d %s", tc.path, code, raw)
			continue
		}
		validateReconcile(t, tc.def, raw)
	}
	if _, _, raw := get(t, f.ts.URL+"/reconcile/suggest/entity?prefix=Zagros"); !bytes.Contains(raw, []byte(`"id":"test:1"`)) {
		t.Errorf("suggest Zagros: %s", raw)
	}
	if _, _, raw := get(t, f.ts.URL+"/reconcile/suggest/type?prefix=Ve"); !bytes.Contains(raw, []byte(`"id":"Vessel"`)) || bytes.Contains(raw, []byte("Person")) {
		t.Errorf("suggest type Ve: %s", raw)
	}

	code, ct, raw = get(t, f.ts.URL+"/reconcile/preview?id=test:2")
	if code != 200 || !strings.HasPrefix(ct, "text/html") || !bytes.Contains(raw, []byte("MOHAMMADI, Kaveh")) || !bytes.Contains(raw, []byte("NPWMD")) {
		t.Errorf("preview: %d %s %s", code, ct, raw)
	}
	for _, bad := range []struct {
		path, batch string
		code        int
	}{
		{"/reconcile", `{"q":{"query":"x","type":"Spaceship"}}`, 400},
		{"/reconcile", `{"q":{"query":"x","colour":"red"}}`, 400},
		{"/reconcile", `{"q":{"query":"x","properties":[{"pid":"shoe_size","v":"42"}]}}`, 400},
		{"/reconcile", `{"q":{"query":"x","limit":0}}`, 400},
		{"/reconcile", `[1,2]`, 400},
		{"/reconcile", `{}`, 400},
		{"/reconcile?threshold=2", `{"q":{"query":"x"}}`, 400},
	} {
		if code, raw := postReconcile(t, f.ts.URL+bad.path, bad.batch); code != bad.code || !bytes.Contains(raw, []byte(`"message"`)) {
			t.Errorf("%s %s: %d %s, want %d", bad.path, bad.batch, code, raw, bad.code)
		}
	}
	if code, _, _ := get(t, f.ts.URL+"/reconcile/preview?id=test:404"); code != 404 {
		t.Errorf("preview of an unknown id: %d", code)
	}
}
