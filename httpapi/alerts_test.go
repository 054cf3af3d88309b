package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/monitor"
)

// TestAlertsAPI pages through the alerts of a book screened by the
// monitor and reads one.
func TestAlertsAPI(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	m := monitor.New(f.store, monitor.Config{})
	var book []tripline.BookParty
	for i := 0; i < 5; i++ {
		book = append(book, tripline.BookParty{ID: fmt.Sprint("c", i), Name: "Zagros Avionics Trading FZE"}, tripline.BookParty{ID: fmt.Sprint("k", i), Name: "Kaveh Mohammadi", Type: "person"})
	}
	if _, err := m.ImportBook(ctx, "customers", book); err != nil {
		t.Fatal(err)
	}
	var ids []float64
	cursor := ""
	for page := 0; page < 10; page++ {
		code, body := f.do(t, "GET", "/v1/alerts?book=customers&status=open&limit=3&cursor="+cursor, "")
		if code != 200 {
			t.Fatalf("GET /v1/alerts: %d %v", code, body)
		}
		for _, a := range body["alerts"].([]any) {
			al := a.(map[string]any)
			for _, k := range []string{"id", "book", "party_id", "party_name", "entity_id", "entity_name", "score", "reason", "status", "snapshot_id", "created_at", "explanation"} {
				if _, ok := al[k]; !ok {
					t.Errorf("alert lacks %q: %v", k, al)
				}
			}
			ids = append(ids, al["id"].(float64))
		}
		if cursor = body["next"].(string); cursor == "" {
			break
		}
	}
	if len(ids) != 10 {
		t.Fatalf("paged through %d alerts, want 10", len(ids))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			t.Errorf("alerts out of order: %v", ids)
		}
	}
	code, one := f.do(t, "GET", fmt.Sprintf("/v1/alerts/%d", int64(ids[0])), "")
	if code != 200 || one["reason"] != tripline.ReasonNewMatch || one["book"] != "customers" {
		t.Errorf("GET /v1/alerts/%v = %d %v", ids[0], code, one)
	}
	for _, c := range []struct {
		path string
		code int
	}{
		{"/v1/alerts/999999", http.StatusNotFound},
		{"/v1/alerts/x", http.StatusNotFound},
		{"/v1/alerts?status=bogus", http.StatusBadRequest},
		{"/v1/alerts?since=yesterday", http.StatusBadRequest},
		{"/v1/alerts?cursor=abc", http.StatusBadRequest},
		{"/v1/alerts?limit=0", http.StatusBadRequest},
		{"/v1/alerts?book=nobody", http.StatusOK},
	} {
		if code, body := f.do(t, "GET", c.path, ""); code != c.code {
			t.Errorf("GET %s = %d %v, want %d", c.path, code, body, c.code)
		}
	}
}

func TestWatchesAPI(t *testing.T) {
	f := newFixture(t, true)
	code, w := f.do(t, "POST", "/v1/watches", `{"kind":"program","value":"npwmd","label":"WMD"}`)
	if code != http.StatusCreated || w["value"] != "NPWMD" || w["id"] == nil {
		t.Fatalf("POST /v1/watches = %d %v", code, w)
	}
	for _, bad := range []string{`{"kind":"planet","value":"x"}`, `{"kind":"program"}`, `{"kind":"program","value":"X","extra":1}`, `{`} {
		if code, body := f.do(t, "POST", "/v1/watches", bad); code != http.StatusBadRequest {
			t.Errorf("POST /v1/watches %s = %d %v, want 400", bad, code, body)
		}
	}
	code, list := f.do(t, "GET", "/v1/watches", "")
	if code != 200 || len(list["watches"].([]any)) != 1 {
		t.Errorf("GET /v1/watches = %d %v", code, list)
	}
	id := int64(w["id"].(float64))
	if code, body := f.do(t, "GET", fmt.Sprintf("/v1/watches/%d/fires", id), ""); code != 200 || len(body["fires"].([]any)) != 0 {
		t.Errorf("GET fires = %d %v", code, body)
	}
	if code, _ := f.do(t, "DELETE", fmt.Sprintf("/v1/watches/%d", id), ""); code != http.StatusNoContent {
		t.Errorf("DELETE = %d", code)
	}
	if code, _ := f.do(t, "DELETE", fmt.Sprintf("/v1/watches/%d", id), ""); code != http.StatusNotFound {
		t.Errorf("second DELETE = %d, want 404", code)
	}
}
