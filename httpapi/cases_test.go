package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/monitor"
)

// TestCasesAPI works alerts over HTTP with the keys of users: the queue's
// next alert, a decision, the decider's own approval refused (by the
// route's role and by the store's four-eyes rule), another reviewer's
// approval, the case view.
func TestCasesAPI(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	key := map[string]string{}
	for _, u := range []struct {
		name string
		role tripline.Role
	}{{"chief", tripline.RoleAdmin}, {"alice", tripline.RoleAnalyst}, {"bob", tripline.RoleReviewer}, {"rita", tripline.RoleReviewer}} {
		by := tripline.Principal{Name: "test", User: "chief"}
		_, token, _, err := f.store.AddUser(ctx, u.name, u.role, by)
		if err != nil {
			t.Fatal(err)
		}
		key[u.name] = token
	}
	plain, _, err := f.store.CreateKey(ctx, tripline.KeySpec{Name: "dashboard", Role: tripline.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	auth := func(u string) []string { return []string{"Authorization", "Bearer " + key[u]} }
	m := monitor.New(f.store, monitor.Config{})
	if _, err := m.ImportBook(ctx, "customers", []tripline.BookParty{{ID: "c1", Name: "Zagros Avionics Trading FZE"}, {ID: "k1", Name: "Kaveh Mohammadi", Type: "person"}}); err != nil {
		t.Fatal(err)
	}

	// The queue's order, a page at a time.
	var queue []any
	cursor := ""
	for page := 0; page < 5; page++ {
		code, body := f.do(t, "GET", "/v1/alerts?order=queue&status=open&assignee=-&limit=1&cursor="+cursor, "")
		if code != 200 {
			t.Fatalf("GET /v1/alerts?order=queue = %d %v", code, body)
		}
		queue = append(queue, body["alerts"].([]any)...)
		if cursor = body["next"].(string); cursor == "" {
			break
		}
	}
	if len(queue) != 2 {
		t.Errorf("the queue paged to %d alerts, want 2", len(queue))
	}
	if code, _ := f.do(t, "GET", "/v1/alerts?order=queue&cursor=7", ""); code != http.StatusBadRequest {
		t.Errorf("a queue cursor without a priority = %d, want 400", code)
	}
	if code, body := f.do(t, "GET", "/v1/alerts/next", ""); code != http.StatusUnauthorized {
		t.Errorf("next without a key = %d %v, want 401", code, body)
	}
	if code, body := f.do(t, "GET", "/v1/alerts/next", "", "Authorization", "Bearer "+plain); code != http.StatusForbidden {
		t.Errorf("next with a key of no user = %d %v, want 403", code, body)
	}
	code, a1 := f.do(t, "GET", "/v1/alerts/next", "", auth("alice")...)
	if code != 200 || a1["assignee"] != "alice" {
		t.Fatalf("next = %d %v", code, a1)
	}
	code, a2 := f.do(t, "GET", "/v1/alerts/next", "", auth("rita")...)
	if code != 200 || a2["id"] == a1["id"] {
		t.Fatalf("rita's next = %d %v (alice has %v)", code, a2, a1["id"])
	}
	if code, body := f.do(t, "GET", "/v1/alerts/next", "", auth("bob")...); code != http.StatusNotFound {
		t.Errorf("next on an empty queue = %d %v, want 404", code, body)
	}
	id1, id2 := int64(a1["id"].(float64)), int64(a2["id"].(float64))
	path := func(id int64, verb string) string { return fmt.Sprintf("/v1/alerts/%d/%s", id, verb) }

	for _, bad := range []string{`{"disposition":"false_positive"}`, `{"disposition":"maybe","rationale":"x"}`, `{"disposition":"false_positive","rationale":"x","extra":1}`} {
		if code, body := f.do(t, "POST", path(id1, "decision"), bad, auth("alice")...); code != http.StatusBadRequest {
			t.Errorf("decision %s = %d %v, want 400", bad, code, body)
		}
	}
	code, d := f.do(t, "POST", path(id1, "decision"), `{"disposition":"true_match","rationale":"same firm, same address"}`, auth("alice")...)
	if code != http.StatusCreated || d["state"] != tripline.DecisionPending || d["decided_by"] != "alice" {
		t.Fatalf("decision = %d %v", code, d)
	}
	if code, body := f.do(t, "POST", path(id1, "approve"), "", auth("alice")...); code != http.StatusForbidden {
		t.Errorf("alice approves = %d %v, want 403", code, body)
	}
	if code, body := f.do(t, "POST", path(id2, "decision"), `{"disposition":"true_match","rationale":"listed"}`, auth("rita")...); code != http.StatusCreated {
		t.Fatalf("rita's decision = %d %v", code, body)
	}
	if code, body := f.do(t, "POST", path(id2, "approve"), "", auth("rita")...); code != http.StatusForbidden || fmt.Sprint(body) == "" {
		t.Errorf("rita approves her own = %d %v, want 403", code, body)
	}
	if code, body := f.do(t, "POST", path(id2, "reject"), `{}`, auth("bob")...); code != http.StatusBadRequest {
		t.Errorf("reject without a note = %d %v, want 400", code, body)
	}
	if code, body := f.do(t, "POST", path(id2, "reject"), `{"note":"the dates of birth differ"}`, auth("bob")...); code != 200 || body["state"] != tripline.DecisionRejected {
		t.Errorf("bob rejects = %d %v", code, body)
	}
	code, ap := f.do(t, "POST", path(id1, "approve"), `{"note":"agreed"}`, auth("bob")...)
	if code != 200 || ap["state"] != tripline.DecisionApproved || ap["reviewed_by"] != "bob" {
		t.Fatalf("bob approves = %d %v", code, ap)
	}
	if code, body := f.do(t, "POST", path(id1, "approve"), "", auth("rita")...); code != http.StatusConflict {
		t.Errorf("approve twice = %d %v, want 409", code, body)
	}
	code, c := f.do(t, "GET", path(id1, "case"), "", auth("alice")...)
	if code != 200 || c["alert"].(map[string]any)["status"] != tripline.AlertClosed || len(c["decisions"].([]any)) != 1 || len(c["audit"].([]any)) < 4 {
		t.Errorf("case = %d %v", code, c)
	}
	if code, _ := f.do(t, "GET", path(999999, "case"), "", auth("alice")...); code != http.StatusNotFound {
		t.Errorf("case of no alert = %d", code)
	}
}

// BenchmarkQueueFirstPageHTTP serves the first page of a 100,000-alert
// queue: GET /v1/alerts?order=queue&status=open&limit=100 (issue 11:
// under 150 ms).
func BenchmarkQueueFirstPageHTTP(b *testing.B) {
	f := newFixture(b, false)
	ctx := context.Background()
	const n, batch = 100_000, 10_000
	ps := make([]tripline.BookParty, n)
	for i := range ps {
		ps[i] = tripline.BookParty{ID: fmt.Sprintf("p%06d", i), Name: fmt.Sprintf("PARTY %d", i)}
	}
	if _, err := f.store.ApplyBook(ctx, tripline.BookChange{Book: "b", Upsert: ps}); err != nil {
		b.Fatal(err)
	}
	p, err := f.store.StartPass(ctx, tripline.Pass{Book: "b", Key: "k", Kind: "snapshot", Source: "src", NewSnapshot: 1, Snapshots: map[string]int64{"src": 1}, MatcherVersion: "v"})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i += batch {
		raise := make([]tripline.Alert, batch)
		for j := range raise {
			raise[j] = tripline.Alert{PartyID: ps[i+j].ID, PartyName: ps[i+j].Name, EntityID: "src:1", EntityName: "E", Source: "src", Programs: []string{"NPWMD"},
				Score: 0.9, Reason: tripline.ReasonNewMatch, SnapshotID: 1, MatcherVersion: "v", PartyHash: "ph", EntityHash: "eh", Priority: (i + j) % 3,
				Explanation: &tripline.Explanation{Summary: "0.90: a test explanation of some length, as real ones have", NameScore: 0.9}}
		}
		if _, err := f.store.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: raise, Finish: i+batch >= n}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.Get(f.ts.URL + "/v1/alerts?order=queue&status=open&limit=100")
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || n < 10000 {
			b.Fatalf("GET = %d, %d bytes", resp.StatusCode, n)
		}
	}
}
