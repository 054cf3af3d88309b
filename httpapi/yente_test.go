package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

var (
	schemaOnce sync.Once
	schemas    map[string]*jsonschema.Schema
	schemaErr  error
)

// yenteSchema returns the JSON Schema of yente's /match response models
// (testdata/yente-match-response.schema.json, see PROVENANCE.md), or of
// one of its $defs.
func yenteSchema(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(filepath.Join("testdata", "yente-match-response.schema.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if schemaErr = c.AddResource("yente.json", doc); schemaErr != nil {
			return
		}
		schemas = map[string]*jsonschema.Schema{}
		for _, loc := range []string{"", "#/$defs/ErrorResponse"} {
			if schemas[loc], schemaErr = c.Compile("yente.json" + loc); schemaErr != nil {
				return
			}
		}
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schemas[def]
}

// postMatch posts body to path and returns the status, the raw answer
// and the answer decoded.
func (f *fixture) postMatch(t *testing.T, path, body string) (int, []byte, map[string]any) {
	t.Helper()
	resp, err := http.Post(f.ts.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: not JSON: %s", path, raw)
	}
	return resp.StatusCode, raw, m
}

func validate(t *testing.T, def string, raw []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := yenteSchema(t, def).Validate(inst); err != nil {
		t.Errorf("the answer does not validate against yente's models: %v\n%s", err, raw)
	}
}

// yenteDocExample is the request of yente's /match documentation
// (routers/match.py), with a plain-string property as yente also accepts.
const yenteDocExample = `{
  "queries": {
    "entity1": {"schema": "Person", "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}},
    "entity2": {"schema": "Company", "properties": {"name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"], "registrationNumber": ["84BA99810"]}},
    "kaveh": {"id": "my-entity-id", "schema": "Person", "properties": {"name": "Kaveh Mohammadi", "birthDate": "1971-03-02", "nationality": ["Iran"]}},
    "zagros": {"schema": "Company", "properties": {"name": ["Zagros Avionics Trading"], "country": "ae"}}
  }
}`

// TestYenteResponsesValidate: answers and errors of /match validate
// against yente's published response models.
func TestYenteResponsesValidate(t *testing.T) {
	f := newFixture(t, true)
	for _, path := range []string{"/match/default", "/match/default?threshold=0.3&limit=10", "/match/test?algorithm=logic-v2&exclude_schema=Person", "/match/sanctions?include_dataset=test&cutoff=0.1"} {
		code, raw, body := f.postMatch(t, path, yenteDocExample)
		if code != 200 {
			t.Fatalf("%s: %d %s", path, code, raw)
		}
		validate(t, "", raw)
		resp := body["responses"].(map[string]any)
		if len(resp) != 4 {
			t.Errorf("%s: %d responses, want 4", path, len(resp))
		}
	}
	for _, bad := range []struct{ path, body string }{
		{"/match/default", `{"queries":{"q":{"schema":"Spaceship","properties":{"name":["x"]}}}}`},
		{"/match/default", `{"queries":{"q":{"schema":"Person","properties":{"name":[{"a":1}]}}}}`},
		{"/match/nosuch", yenteDocExample},
		{"/match/default?limit=501", yenteDocExample},
		{"/match/default", `{"queries":{}}`},
	} {
		code, raw, _ := f.postMatch(t, bad.path, bad.body)
		if code < 400 || code >= 500 {
			t.Errorf("%s %s: %d, want a client error", bad.path, bad.body, code)
		}
		validate(t, "#/$defs/ErrorResponse", raw)
	}
}

// TestYenteSemantics: a plain-string property is a one-value list;
// without a threshold a result is a match from the matcher's recommended
// threshold, only results above the cutoff (the threshold by default)
// come back, total counts the matches, and the query is echoed with its
// id.
func TestYenteSemantics(t *testing.T) {
	f := newFixture(t, true)
	_, _, body := f.postMatch(t, "/match/default", yenteDocExample)
	resp := body["responses"].(map[string]any)
	kaveh := resp["kaveh"].(map[string]any)
	results := kaveh["results"].([]any)
	if len(results) != 1 || results[0].(map[string]any)["id"] != "test:2" || results[0].(map[string]any)["match"] != true {
		t.Fatalf("plain-string name: %v", kaveh)
	}
	if q := kaveh["query"].(map[string]any); q["id"] != "my-entity-id" || q["properties"].(map[string]any)["name"].([]any)[0] != "Kaveh Mohammadi" {
		t.Errorf("echoed query %v", q)
	}
	if total := kaveh["total"].(map[string]any); total["value"] != 1.0 || total["relation"] != "eq" {
		t.Errorf("total %v, want the one match", total)
	}
	if m := body["matcher"].(map[string]any); m["threshold"] != 0.85 {
		t.Errorf("default threshold %v, want the matcher's 0.85", m["threshold"])
	}
	for _, k := range []string{"entity1", "entity2"} {
		if r := resp[k].(map[string]any)["results"].([]any); len(r) != 0 {
			t.Errorf("%s (no such party listed): results %v", k, r)
		}
	}
	// With a low threshold and cutoff, weaker results come back, marked
	// as no match below the threshold.
	_, _, body = f.postMatch(t, "/match/default?threshold=0.9&cutoff=0.2&limit=10", `{"queries":{"q":{"schema":"Person","properties":{"name":"Kaveh Mohammadi Trading"}}}}`)
	q := body["responses"].(map[string]any)["q"].(map[string]any)
	matches := 0
	for _, r := range q["results"].([]any) {
		r := r.(map[string]any)
		if (r["score"].(float64) >= 0.9) != (r["match"] == true) || r["score"].(float64) <= 0.2 {
			t.Errorf("result %v against threshold 0.9, cutoff 0.2", r)
		}
		if r["match"] == true {
			matches++
		}
	}
	if q["total"].(map[string]any)["value"] != float64(matches) {
		t.Errorf("total %v, %d matches", q["total"], matches)
	}
}

// TestYenteJohnSmith: "John Smith" is no match, against fictional
// near-namesakes and against every real list: /match once marked
// everything down to its 0.3 cutoff as a match.
func TestYenteJohnSmith(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, false)
	ents := []*tripline.Entity{
		{ID: "names:1", Source: "names", SourceID: "1", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "JOHN B. PRIDMORE-SMITH", Kind: tripline.NamePrimary}}},
		{ID: "names:2", Source: "names", SourceID: "2", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "SMITHERS, Jonathan Paul", Kind: tripline.NamePrimary}}},
		{ID: "names:3", Source: "names", SourceID: "3", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "MARGOSHVILI, Murad", Kind: tripline.NamePrimary}, {Full: "John", Kind: tripline.NameAlias}}},
	}
	if _, _, err := f.store.Import(ctx, &tripline.Dataset{Source: "names", Format: "test", Hash: "n1", Entities: ents}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.srv.Index.Reload(ctx, true); err != nil {
		t.Fatal(err)
	}
	noMatch(t, f, "fictional")

	dir := filepath.Join("..", "..", "shared", "data", "lists")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real lists not found at %s: %v", dir, err)
	}
	if testing.Short() || raceEnabled {
		t.Skip("imports every real list (not under -short or the race detector)")
	}
	jobs, _, err := ingest.Plan([]string{dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		ds, err := ingest.Read(ctx, j, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.store.Import(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.srv.Index.Reload(ctx, true); err != nil {
		t.Fatal(err)
	}
	noMatch(t, f, "all lists")
}

func noMatch(t *testing.T, f *fixture, what string) {
	t.Helper()
	for _, path := range []string{"/match/default", "/match/sanctions?limit=20"} {
		code, raw, body := f.postMatch(t, path, `{"queries":{"js":{"schema":"Person","properties":{"name":["John Smith"]}},"js2":{"schema":"LegalEntity","properties":{"name":"John Smith"}}}}`)
		if code != 200 {
			t.Fatalf("%s: %d %s", what, code, raw)
		}
		validate(t, "", raw)
		for k, r := range body["responses"].(map[string]any) {
			for _, res := range r.(map[string]any)["results"].([]any) {
				res := res.(map[string]any)
				if res["match"] == true {
					t.Errorf("%s %s %s: John Smith is a match for %s %q at %v", what, path, k, res["id"], res["caption"], res["score"])
				}
			}
		}
	}
}
