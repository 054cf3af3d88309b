package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
)

// fictional entities, written for these tests.
func testDataset() *tripline.Dataset {
	ents := []*tripline.Entity{
		{ID: "test:1", Source: "test", SourceID: "1", Schema: tripline.SchemaOrganization,
			Names:     []tripline.Name{{Full: "ZAGROS AVIONICS TRADING FZE", Kind: tripline.NamePrimary}, {Full: "ZATCO", Kind: tripline.NameWeak}},
			Countries: []string{"AE"}, Programs: []string{"NPWMD"},
			Links: []tripline.Link{{Type: "linked_to", TargetID: "test:2", TargetName: "KAVEH MOHAMMADI"}}},
		{ID: "test:2", Source: "test", SourceID: "2", Schema: tripline.SchemaPerson,
			Names:      []tripline.Name{{Full: "MOHAMMADI, Kaveh", Kind: tripline.NamePrimary, Parts: []tripline.NamePart{{Type: "family", Value: "MOHAMMADI"}, {Type: "given", Value: "Kaveh"}}}},
			BirthDates: []string{"1971-03-02"}, Nationalities: []string{"IR"}, Programs: []string{"NPWMD", "IFSR"}},
		{ID: "test:3", Source: "test", SourceID: "3", Schema: tripline.SchemaVessel,
			Names:       []tripline.Name{{Full: "SEA SPARROW", Kind: tripline.NamePrimary}},
			Identifiers: []tripline.Identifier{{Type: "imo", Value: "9100001"}}},
	}
	return &tripline.Dataset{Source: "test", Format: "test", Hash: "h1", Entities: ents}
}

type fixture struct {
	store *sqlite.Store
	srv   *httpapi.Server
	ts    *httptest.Server
}

func newFixture(t testing.TB, load bool) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, _, err := st.Import(ctx, testDataset()); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	live := match.NewLive(st, nil, logger)
	if load {
		if _, err := live.Reload(ctx, true); err != nil {
			t.Fatal(err)
		}
	}
	srv := httpapi.NewServer(httpapi.Config{MaxBodyBytes: 64 << 10}, st, live, logger)
	srv.Keys = st
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &fixture{store: st, srv: srv, ts: ts}
}

func (f *fixture) do(t *testing.T, method, path, body string, hdr ...string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.ts.URL+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s %s: bad JSON %q", method, path, raw)
		}
	}
	return resp.StatusCode, m
}

func errMsg(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	s, _ := e["message"].(string)
	return s
}

func TestScreenFindsAndExplains(t *testing.T) {
	f := newFixture(t, true)
	code, body := f.do(t, "POST", "/v1/screen", `{"queries":[{"id":"q1","name":"Kaveh Mohammadi","type":"person"},{"id":"q2","name":"Bakery Schmidt GmbH"}]}`)
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	res := body["results"].([]any)
	if len(res) != 2 {
		t.Fatalf("want 2 results, got %d", len(res))
	}
	r0 := res[0].(map[string]any)
	ms := r0["matches"].([]any)
	if len(ms) == 0 || ms[0].(map[string]any)["id"] != "test:2" {
		t.Fatalf("q1: want test:2 first, got %v", ms)
	}
	if ms[0].(map[string]any)["explanation"] == nil || r0["algorithm"] == "" {
		t.Errorf("q1: match without explanation or algorithm: %v", r0)
	}
	if snaps := r0["snapshots"].(map[string]any); snaps["test"] == nil {
		t.Errorf("q1: result does not name the snapshot that answered: %v", r0)
	}
	if ms := res[1].(map[string]any)["matches"].([]any); len(ms) != 0 {
		t.Errorf("q2: a lawful bakery matched %v", ms)
	}
}

func TestClientErrors(t *testing.T) {
	f := newFixture(t, true)
	big := `{"queries":[{"name":"` + strings.Repeat("a", 70<<10) + `"}]}`
	for _, tc := range []struct {
		name, method, path, body string
		want                     int
		msg                      string
	}{
		{"malformed JSON is 400 with the offset", "POST", "/v1/screen", `{"queries": [`, 400, "ends early"},
		{"syntax error names the byte", "POST", "/v1/screen", `{"queries": x}`, 400, "byte"},
		{"unknown field is reported", "POST", "/v1/screen", `{"queries":[{"name":"x"}],"treshold":0.5}`, 400, `"treshold"`},
		{"wrong type names the field", "POST", "/v1/screen", `{"queries":"abc"}`, 400, "queries"},
		{"empty body", "POST", "/v1/screen", ``, 400, "empty body"},
		{"no queries", "POST", "/v1/screen", `{"queries":[]}`, 400, "at least one"},
		{"empty name", "POST", "/v1/screen", `{"queries":[{"name":" "}]}`, 400, "name is empty"},
		{"threshold out of range", "POST", "/v1/screen", `{"queries":[{"name":"x"}],"threshold":2}`, 400, "threshold"},
		{"oversized body is 413", "POST", "/v1/screen", big, 413, "limit"},
		{"search needs q", "GET", "/v1/search", ``, 400, "q:"},
		{"bad limit", "GET", "/v1/search?q=x&limit=abc", ``, 400, "integer"},
		{"unknown entity is 404", "GET", "/v1/entities/test:999", ``, 404, "test:999"},
		{"malformed entity id", "GET", "/v1/entities/nocolon", ``, 400, "SOURCE:NATIVE_ID"},
		{"unknown endpoint is 404", "GET", "/v2/nothing", ``, 404, "no such endpoint"},
		{"yente without queries", "POST", "/match/default", `{}`, 400, "queries"},
		{"yente unknown dataset", "POST", "/match/nosuch", `{"queries":{"q":{"schema":"Person","properties":{"name":["x"]}}}}`, 404, "unknown dataset"},
		{"yente bad schema", "POST", "/match/default", `{"queries":{"q":{"schema":"Spaceship","properties":{"name":["x"]}}}}`, 400, "schema"},
		{"imports disabled", "POST", "/v1/imports", `x`, 404, "not enabled"},
		{"check disabled", "POST", "/v1/check", `{}`, 404, "not enabled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := f.do(t, tc.method, tc.path, tc.body)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %v", code, tc.want, body)
			}
			if !strings.Contains(errMsg(body), tc.msg) {
				t.Errorf("message %q does not contain %q", errMsg(body), tc.msg)
			}
			e := body["error"].(map[string]any)
			if e["request_id"] == "" {
				t.Error("error without request id")
			}
		})
	}
}

func TestInternalErrorsAreNotLeaked(t *testing.T) {
	f := newFixture(t, true)
	f.store.Close() // every query now fails inside database/sql
	code, body := f.do(t, "GET", "/v1/sources", "")
	if code != 500 {
		t.Fatalf("status %d, want 500: %v", code, body)
	}
	msg := errMsg(body)
	if strings.Contains(strings.ToLower(msg), "sql") || !strings.Contains(msg, "request id") {
		t.Errorf("internal error leaked or lacks the request id: %q", msg)
	}
}

func TestReadiness(t *testing.T) {
	f := newFixture(t, false)
	if code, _ := f.do(t, "GET", "/healthz", ""); code != 200 {
		t.Fatalf("healthz %d", code)
	}
	if code, body := f.do(t, "GET", "/readyz", ""); code != 503 {
		t.Fatalf("readyz before load: %d %v", code, body)
	}
	if code, _ := f.do(t, "POST", "/v1/screen", `{"queries":[{"name":"x"}]}`); code != 503 {
		t.Fatalf("screen before load: %d, want 503", code)
	}
	if _, err := f.srv.Index.Reload(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if code, _ := f.do(t, "GET", "/readyz", ""); code != 200 {
		t.Fatalf("readyz after load: %d", code)
	}
}

func TestEntityWithLinks(t *testing.T) {
	f := newFixture(t, true)
	code, body := f.do(t, "GET", "/v1/entities/test:1", "")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	linked := body["linked"].([]any)
	if len(linked) != 1 || linked[0].(map[string]any)["listed"] != true {
		t.Errorf("link to test:2 not resolved: %v", linked)
	}
	if body["snapshot"] == nil {
		t.Error("no snapshot in the entity response")
	}
}

// TestYenteDocumentedRequest sends the request shape of yente's
// documentation unchanged.
func TestYenteDocumentedRequest(t *testing.T) {
	f := newFixture(t, true)
	code, body := f.do(t, "POST", "/match/default?algorithm=logic-v2", `{
	  "queries": {
	    "q1": {"schema": "Person", "properties": {"name": ["Kaveh Mohammadi"], "birthDate": ["1971-03-02"], "nationality": ["Iran"]}},
	    "q2": {"schema": "Person", "properties": {"firstName": ["Kaveh"], "lastName": ["Mohammadi"]}}
	  }
	}`)
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	for _, q := range []string{"q1", "q2"} {
		r := body["responses"].(map[string]any)[q].(map[string]any)
		results := r["results"].([]any)
		if len(results) == 0 {
			t.Fatalf("%s: no results", q)
		}
		top := results[0].(map[string]any)
		if top["id"] != "test:2" || top["match"] != true || top["schema"] != "Person" {
			t.Errorf("%s: top result %v", q, top)
		}
		if top["properties"].(map[string]any)["name"] == nil {
			t.Errorf("%s: result without FtM properties", q)
		}
	}
}

func TestAPIKeysRequired(t *testing.T) {
	f := newFixture(t, true)
	f.srv.Config.RequireKeys = true
	body := `{"queries":[{"name":"Kaveh Mohammadi"}]}`
	if code, _ := f.do(t, "POST", "/v1/screen", body); code != 401 {
		t.Fatalf("without key: %d, want 401", code)
	}
	if code, _ := f.do(t, "POST", "/v1/screen", body, "Authorization", "Bearer tl_wrong"); code != 401 {
		t.Fatalf("wrong key: %d, want 401", code)
	}
	token, _, err := f.store.CreateKey(context.Background(), tripline.KeySpec{Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if code, b := f.do(t, "POST", "/v1/screen", body, "Authorization", "Bearer "+token); code != 200 {
		t.Fatalf("with key: %d %v", code, b)
	}
	if code, _ := f.do(t, "GET", "/healthz", ""); code != 200 {
		t.Fatalf("healthz must not need a key: %d", code)
	}
}

// TestOpenAPIMatchesRoutes keeps /openapi.json true to the routes.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	f := newFixture(t, true)
	resp, err := http.Get(f.ts.URL + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Role  tripline.Role `json:"x-tripline-role"`
			Write bool          `json:"x-tripline-write"`
		} `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	access := httpapi.RouteAccess(f.srv)
	for path, ops := range doc.Paths {
		for method, op := range ops {
			r := strings.ToUpper(method) + " " + path
			documented[r] = true
			if a, ok := access[r]; ok && (a.Role != op.Role || a.Write != op.Write) {
				t.Errorf("openapi.json says %s needs role %q (write %v), the route table %q (write %v)", r, op.Role, op.Write, a.Role, a.Write)
			}
		}
	}
	served := map[string]bool{}
	for _, r := range httpapi.Routes(f.srv) {
		served[r] = true
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for r := range documented {
		if !served[r] {
			t.Errorf("openapi.json documents %s, which is not served", r)
		}
	}
}

// FuzzEndpoints throws arbitrary bodies at every endpoint: no panic, and
// no 5xx for what can only be a client error.
func FuzzEndpoints(f *testing.F) {
	for _, s := range []string{`{"queries":[{"name":"Kaveh"}]}`, `{"queries":{"q":{"schema":"Person","properties":{"name":["x"]}}}}`, `{`, `[]`, `null`, `{"queries":[{"name":"\u0000"}]}`, `{"queries":[{"name":"x","identifiers":[{"type":"imo","value":"9100001"}]}],"limit":3}`} {
		f.Add(s)
	}
	fx := newFixture(f, true)
	// A key exists, so that writes go through authentication; requests
	// come without a key, with the key, and with the body as the key.
	token, _, err := fx.store.CreateKey(context.Background(), tripline.KeySpec{Name: "fuzz", Role: tripline.RoleReviewer})
	if err != nil {
		f.Fatal(err)
	}
	h := fx.srv.Handler()
	f.Fuzz(func(t *testing.T, body string) {
		for _, ep := range []struct{ method, path string }{
			{"POST", "/v1/screen"}, {"POST", "/match/default"}, {"POST", "/v1/check"}, {"GET", "/v1/search?q=" + urlEscape(body)},
			{"GET", "/v1/entities/" + urlEscape(body)}, {"POST", "/v1/imports"}, {"GET", "/v1/sources?" + urlEscape(body)},
			{"GET", "/v1/graph/risk?limit=" + urlEscape(body)}, {"GET", "/v1/graph/entities/" + urlEscape(body) + "?depth=" + urlEscape(body)},
			{"GET", "/readyz"}, {"GET", "/healthz"}, {"POST", "/" + urlEscape(body)},
		} {
			for _, key := range []string{"", token, body} {
				req := httptest.NewRequest(ep.method, ep.path, bytes.NewReader([]byte(body)))
				req.Header.Set("Content-Type", "application/json")
				if key != "" {
					req.Header.Set("Authorization", "Bearer "+key)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					t.Fatalf("%s %s with %q (key %q): status %d: %s", ep.method, ep.path, body, key, rec.Code, rec.Body)
				}
			}
		}
	})
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '-' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])) + string("0123456789ABCDEF"[c&15]))
		}
	}
	return b.String()
}

// TestClientScreensThroughServer runs the Screener client against the
// server: same results as screening locally.
func TestClientScreensThroughServer(t *testing.T) {
	f := newFixture(t, true)
	c := &httpapi.Client{BaseURL: f.ts.URL, BatchSize: 1}
	qs := []tripline.Query{{ID: "a", Name: "Kaveh Mohammadi"}, {ID: "b", Name: "Zagros Avionics Trading"}}
	res, err := c.Screen(context.Background(), qs, tripline.ScreenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].ID != "a" || len(res[0].Matches) == 0 || res[0].Matches[0].ID != "test:2" || res[1].Matches[0].ID != "test:1" {
		t.Fatalf("remote results %+v", res)
	}
	if _, err := c.Screen(context.Background(), []tripline.Query{{Name: ""}}, tripline.ScreenOptions{}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("empty name through the client: %v, want Invalid", err)
	}
	bad := &httpapi.Client{BaseURL: "http://127.0.0.1:1"}
	if _, err := bad.Screen(context.Background(), qs, tripline.ScreenOptions{}); tripline.ErrorKind(err) != tripline.KindUnavailable {
		t.Errorf("unreachable server: %v, want Unavailable", err)
	}
}

// TestBeyondLoopbackRequiresKeys: a server bound to every interface demands
// API keys even though the config did not ask for them (checked over
// loopback only).
func TestBeyondLoopbackRequiresKeys(t *testing.T) {
	f := newFixture(t, true)
	srv := httpapi.NewServer(httpapi.Config{Addr: "0.0.0.0:0"}, f.store, f.srv.Index, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := srv.Open(); err == nil {
		srv.Close(context.Background())
		t.Fatal("a server beyond loopback without a key store opened")
	}
	srv.Keys = f.store
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close(context.Background())
	if !srv.Config.RequireKeys {
		t.Fatal("keys not required beyond loopback")
	}
	port := srv.URL()[strings.LastIndex(srv.URL(), ":")+1:]
	resp, err := http.Post("http://127.0.0.1:"+port+"/v1/screen", "application/json", strings.NewReader(`{"queries":[{"name":"Kaveh Mohammadi"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("without a key: %d, want 401", resp.StatusCode)
	}
}
