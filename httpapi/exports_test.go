package httpapi_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
)

// TestGraphExportEndpoint: GET /v1/graph/export answers the network as
// GraphML or GEXF attachments that parse, with the companies' risk.
func TestGraphExportEndpoint(t *testing.T) {
	f := newFixture(t, true)
	f.srv.Networks = &graph.Live{Source: graph.Source{Lists: f.store, Records: f.store}}
	fetch := func(path string) (int, http.Header, string) {
		t.Helper()
		resp, err := http.Get(f.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	if code, _, body := fetch("/v1/graph/export"); code != 404 {
		t.Fatalf("before any import: %d %s", code, body)
	}
	recs := &tripline.NetworkRecords{Companies: []tripline.NetworkCompany{{ID: "k1", Name: "Zagros Avionics Trading FZE", Country: "AE"}}}
	if _, err := f.store.ImportNetwork(context.Background(), recs, tripline.NetworkReplace); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ query, ct, root string }{
		{"", "application/graphml+xml", "graphml"},
		{"?format=gexf&all=true", "application/gexf+xml", "gexf"},
	} {
		code, h, body := fetch("/v1/graph/export" + tc.query)
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), tc.ct) || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
			t.Fatalf("%s: %d %v %.200s", tc.query, code, h, body)
		}
		var root struct{ XMLName xml.Name }
		if err := xml.Unmarshal([]byte(body), &root); err != nil || root.XMLName.Local != tc.root {
			t.Errorf("%s: not %s: %v", tc.query, tc.root, err)
		}
		if !strings.Contains(body, `"company:k1"`) || !strings.Contains(body, "listed:test:1") {
			t.Errorf("%s lacks the company or its listed match: %.600s", tc.query, body)
		}
	}
	if code, _, _ := fetch("/v1/graph/export?format=dot"); code != 400 {
		t.Errorf("format dot: %d", code)
	}
}
