package webui

import (
	"context"
	"github.com/tripline/tripline/match"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestWatchAndBookPages opens the watches and books pages over the
// fixture's book of customers and the watches the demo SDN's second
// snapshot fired.
func TestWatchAndBookPages(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/watches", 200, []string{"Moradi&#39;s record", "MORADI, Farhad</a> changed", "NOVA SPECTRUM ELECTRONICS FZCO</a> added", `action="/watches/3/delete"`, "Recent firings"}},
		{"/watches/1", 200, []string{"Firings (1)", "snapshot 1 → 2", "<ins>MORADI, Farhad Alireza (alias)</ins>", "<td>MORADI, Farhad (primary)<br>"}},
		{"/watches/2", 200, []string{"score 0.99", "<ins>NPWMD</ins>", "demo-ofac-sdn:90026"}},
		{"/watches/3", 200, []string{"It has not fired yet", "demo-ofac-sdn"}},
		// a country pair fired by the register's rows and the article's claims
		{"/watches/4", 200, []string{"Firings (6)", "its supplier Iran (IR) and recipient Venezuela (VE) are the watched pair", `<a href="/systems/zolfaghar-fac">`, `<a href="/articles/`, "<q>Venezuela&#39;s navy showed"}},
		{"/watches/99", 404, []string{"no watch 99"}},
		{"/watches/x", 404, nil},
		{"/books", 200, []string{`href="/books/customers"`, `href="/alerts?book=customers&amp;status=open">8</a>`, match.DefaultConfig().Version}},
		{"/books/customers", 200, []string{"4 parties", "3 with a stored match", `href="/sources/demo-ofac-sdn">demo-ofac-sdn</a> snapshot 2`, "book revision 1", "4 of 4", "K48213977", `<a href="/alerts/4">alert 4</a>`, "Westlake Automation GmbH"}},
		{"/books/customers?after=cust-3", 200, []string{"Parties after cust-3", "Westlake", `href="/books/customers">First page`}},
		{"/books/nope", 404, nil},
	}
	for _, tt := range tests {
		status, body, _ := get(t, c, f.url+tt.path)
		if status != tt.status {
			t.Errorf("GET %s: status %d, want %d\n%s", tt.path, status, tt.status, snippet(body))
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q", tt.path, w)
			}
		}
		if tt.path == "/books/customers?after=cust-3" && strings.Contains(body, "Kaveh Sanat Arya Co<") {
			t.Errorf("the page after cust-3 shows cust-1")
		}
	}
}

// TestWatchForms: adding a watch (and a bad one, shown again with the
// reason), removing one; with a key in the store, only a signed-in
// analyst may.
func TestWatchForms(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	get(t, c, f.url+"/watches")
	csrf := f.csrfOf(t, c)
	status, _, h := postForm(t, c, f.url+"/watches", url.Values{"csrf": {csrf}, "kind": {"program"}, "value": {" npwmd "}, "label": {"WMD designations"}, "source": {"demo-ofac-sdn"}}, "")
	if status != http.StatusSeeOther || h.Get("Location") != "/watches/5" {
		t.Fatalf("add: %d to %q", status, h.Get("Location"))
	}
	ws, _ := f.store.Watches(context.Background())
	if got := ws[len(ws)-1]; got.Kind != "program" || got.Value != "NPWMD" || got.Label != "WMD designations" || len(got.Sources) != 1 {
		t.Errorf("stored %+v", got)
	}
	// a country pair given loosely is stored in its one form
	if status, _, h := postForm(t, c, f.url+"/watches", url.Values{"csrf": {csrf}, "kind": {"country-pair"}, "value": {"ir>ru"}}, ""); status != http.StatusSeeOther {
		t.Errorf("country pair: %d to %q", status, h.Get("Location"))
	} else if ws, _ := f.store.Watches(context.Background()); ws[len(ws)-1].Value != "IR:RU" {
		t.Errorf("country pair stored as %q", ws[len(ws)-1].Value)
	}
	for _, bad := range []url.Values{
		{"kind": {"country-pair"}, "value": {"Iran to Russia"}},
		{"kind": {"colour"}, "value": {"red"}},
		{"kind": {"name"}, "value": {"  "}},
		{"kind": {"name"}, "value": {"Zhang Wei"}, "threshold": {"1.5"}},
		{"kind": {"name"}, "value": {"Zhang Wei"}, "threshold": {"high"}},
	} {
		bad.Set("csrf", csrf)
		status, body, _ := postForm(t, c, f.url+"/watches", bad, "")
		if status != 400 || !strings.Contains(body, `role="alert"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("bad watch %v: %d\n%s", bad, status, snippet(body))
		}
	}
	if status, _, _ := postForm(t, c, f.url+"/watches/5/delete", url.Values{"csrf": {"wrong"}}, ""); status != http.StatusBadRequest {
		t.Errorf("delete with a wrong CSRF token: %d", status)
	}
	if status, _, h := postForm(t, c, f.url+"/watches/5/delete", url.Values{"csrf": {csrf}}, ""); status != http.StatusSeeOther || h.Get("Location") != "/watches" {
		t.Errorf("delete: %d to %q", status, h.Get("Location"))
	}
	if status, _, _ := get(t, c, f.url+"/watches/5"); status != 404 {
		t.Errorf("the removed watch: %d", status)
	}
	// once a key exists, a write needs a signed-in user (as the API's do)
	key, _, err := f.store.CreateKey(context.Background(), tripline.KeySpec{Name: "ana", Role: tripline.RoleAnalyst})
	if err != nil {
		t.Fatal(err)
	}
	status, _, h = postForm(t, c, f.url+"/watches", url.Values{"csrf": {csrf}, "kind": {"name"}, "value": {"Zhang Wei"}}, "")
	if status == http.StatusSeeOther && strings.HasPrefix(h.Get("Location"), "/watches/") {
		t.Errorf("an anonymous user added a watch once keys exist")
	}
	postForm(t, c, f.url+"/signin", url.Values{"csrf": {csrf}, "key": {key}}, "")
	if status, _, h := postForm(t, c, f.url+"/watches", url.Values{"csrf": {csrf}, "kind": {"name"}, "value": {"Zhang Wei"}}, ""); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/watches/") {
		t.Errorf("the signed-in analyst: %d to %q", status, h.Get("Location"))
	}
}
