package webui

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
)

// TestPages opens every page of the interface over the demo lists and
// the fictional network, as a user without a key on a loopback server,
// and checks what each shows.
func TestPages(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", http.StatusSeeOther, nil},
		{"/search", 200, []string{`id="q"`, "Screen a list"}},
		{"/search?q=kaveh+sanat+arya", 200, []string{`href="/entities/demo-ofac-sdn:90001"`, "KAVEH SANAT ARYA COMPANY", `<h2>Programme</h2>`, "NPWMD", `class="why"`}},
		{"/search?q=kaveh+sanat+arya&source=demo-eu-fsf", 200, []string{"1 hit of 3", "Source: demo-eu-fsf"}},
		{"/search?q=kaveh+sanat+arya&partial=1", 200, []string{`<div id="results"`}},
		{"/search?q=zzzzqqqxx", 200, []string{"No hit for"}},
		{"/entities/demo-ofac-sdn:90001", 200, []string{"KAVEH SANAT ARYA COMPANY", "Snapshot history", "The same party in other records", "demo-eu-fsf", `id="graph"`, "Paths to listed parties", "Bright Harbor Components Limited"}},
		{"/entities/demo-ofac-sdn:90005", 200, []string{"MORADI", "changed: names", "material", "Passport", "Eastgate General Trading FZE", "owned 100% by Farhad Moradi", `class="e k-owns on-path"`}},
		{"/entities/demo-ofac-sdn:90009", 200, []string{"changed: remarks", "not material"}},
		{"/entities/demo-ofac-sdn:90025", 200, []string{"no longer listed", "removed"}},
		{"/entities/listed:demo-ofac-sdn:90001", http.StatusSeeOther, nil},
		{"/entities/company:c002", 200, []string{"Eastgate General Trading FZE", "flagged", "MORADI, Farhad", "owned_by"}},
		{"/entities/company:c002?expand=company:c004", 200, []string{"Expanded <strong>Lumen Optics Trading LLC</strong>"}},
		{"/entities/demo-ofac-sdn:99999999", 404, []string{"no entity"}},
		{"/entities/company:nope", 404, []string{"no node"}},
		{"/entities/company:c002/graph.json", 200, []string{`"center": "company:c002"`, `"paths"`}},
		{"/entities/company:c002/graph.svg", 200, []string{`<svg xmlns="http://www.w3.org/2000/svg"`, "<style>"}},
		{"/check", 200, []string{"Check the order", `name="party0_name"`}},
		{"/sources", 200, []string{"demo-ofac-sdn", "Recent imports", "this snapshot"}},
		{"/sources/demo-ofac-sdn", 200, []string{"changes since", "current"}},
		{"/sources/demo-ofac-sdn/delta", 200, []string{"1</strong> added", "1</strong> removed", "NOVA SPECTRUM ELECTRONICS FZCO"}},
		{"/sources/nope", 404, nil},
		{"/nowhere", 404, []string{"there is no page at /nowhere"}},
		{"/v1/nowhere", 404, []string{`"code":"not_found"`}},
		{"/signin", 200, []string{`name="key"`}},
		{"/alerts", 200, []string{"Farhad MORADI", "demo-ofac-sdn:90005", "new_match", `href="/alerts/1?status=open"`}},
		{"/alerts?status=closed", 200, []string{"No alert with status closed"}},
		{"/alerts?status=bogus", 400, []string{"status must be"}},
		{"/alerts?book=customers&reason=new_match", 200, []string{"Kaveh Sanat Arya Co"}},
		{"/alerts/1", 200, []string{"The party and the listed record", "<mark>", "Why it matched", "raised (new match)", "next alert"}},
		{"/alerts/999999", 404, []string{"no alert"}},
		{"/alerts/x", 404, nil},
	}
	// a client that does not ask for HTML gets yente's JSON entity there
	if resp, err := c.Get(f.url + "/entities/demo-ofac-sdn:90001"); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET /entities/{id} without Accept: %d %s, want yente's JSON", resp.StatusCode, ct)
		}
	}
	for _, tt := range tests {
		status, body, h := get(t, c, f.url+tt.path)
		if status != tt.status {
			t.Errorf("GET %s: status %d, want %d\n%s", tt.path, status, tt.status, snippet(body))
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in\n%s", tt.path, w, snippet(body))
			}
		}
		if strings.HasPrefix(h.Get("Content-Type"), "text/html") && h.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", tt.path)
		}
	}
}

func snippet(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

// TestStaticAssets: the assets are served with their type, and cached for
// good only when asked for by their hash.
func TestStaticAssets(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	for name := range f.ui.assets {
		status, body, h := get(t, c, f.url+f.ui.assetURL(name))
		if status != 200 || len(body) == 0 {
			t.Errorf("%s: status %d, %d bytes", name, status, len(body))
		}
		if !strings.Contains(h.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Cache-Control %q", name, h.Get("Cache-Control"))
		}
	}
	if status, _, h := get(t, c, f.url+"/static/app.js"); status != 200 || h.Get("Cache-Control") != "no-cache" || !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") {
		t.Errorf("app.js without hash: %d %q %q", status, h.Get("Cache-Control"), h.Get("Content-Type"))
	}
	if status, _, _ := get(t, c, f.url+"/static/nope.js"); status != 404 {
		t.Errorf("unknown asset: %d", status)
	}
}

// TestSignIn: a server that requires keys shows nothing before sign-in,
// takes a valid key (and refuses a bad one), keeps the session in a
// cookie, drops it when the key is revoked, and signs out.
func TestSignIn(t *testing.T) {
	f := newFixture(t, fixtureOptions{requireKeys: true})
	ctx := context.Background()
	key, rec, err := f.store.CreateKey(ctx, tripline.KeySpec{Name: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	c := f.client(t)
	for _, p := range []string{"/search?q=kaveh", "/entities/demo-ofac-sdn:90001", "/check", "/sources", "/entities/company:c002/graph.json"} {
		status, _, h := get(t, c, f.url+p)
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/signin?next=") {
			t.Errorf("GET %s before sign-in: %d to %q", p, status, h.Get("Location"))
		}
	}
	if status, _, _ := get(t, c, f.url+"/v1/sources"); status != 401 {
		t.Errorf("API without key: %d", status)
	}
	get(t, c, f.url+"/signin")
	csrf := f.csrfOf(t, c)
	status, body, _ := postForm(t, c, f.url+"/signin", url.Values{"csrf": {csrf}, "key": {"tl_wrong"}, "next": {"/sources"}}, "")
	if status != 401 || !strings.Contains(body, "Invalid or revoked API key") {
		t.Errorf("bad key: %d\n%s", status, snippet(body))
	}
	status, _, h := postForm(t, c, f.url+"/signin", url.Values{"csrf": {csrf}, "key": {key}, "next": {"//evil.example/x"}}, "")
	if status != http.StatusSeeOther || h.Get("Location") != "/search" {
		t.Errorf("sign-in: %d to %q (an outside next must not be followed)", status, h.Get("Location"))
	}
	status, body, _ = get(t, c, f.url+"/sources")
	if status != 200 || !strings.Contains(body, "Signed in as <strong>alice</strong>") {
		t.Errorf("after sign-in: %d\n%s", status, snippet(body))
	}
	// the session is the key, checked on every request
	if err := f.store.RevokeKey(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	if status, _, h := get(t, c, f.url+"/sources"); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/signin") {
		t.Errorf("after revocation: %d to %q", status, h.Get("Location"))
	}
	key2, _, err := f.store.CreateKey(ctx, tripline.KeySpec{Name: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	postForm(t, c, f.url+"/signin", url.Values{"csrf": {csrf}, "key": {key2}}, "")
	if status, _, _ := get(t, c, f.url+"/sources"); status != 200 {
		t.Errorf("bob: %d", status)
	}
	if status, _, _ := postForm(t, c, f.url+"/signout", url.Values{"csrf": {csrf}}, ""); status != http.StatusSeeOther {
		t.Errorf("sign-out: %d", status)
	}
	if status, _, _ := get(t, c, f.url+"/sources"); status != http.StatusSeeOther {
		t.Errorf("after sign-out: %d", status)
	}
	// a script may send the key as a bearer instead
	req, _ := http.NewRequest("GET", f.url+"/sources", nil)
	req.Header.Set("Authorization", "Bearer "+key2)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("bearer: %d", resp.StatusCode)
	}
}

// TestCSRF: a post without this browser's token, with another token, or
// from another origin is refused; with it, it goes through.
func TestCSRF(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	form := url.Values{"party1_role": {"buyer"}, "party1_name": {"KAVEH SANAT ARYA COMPANY"}}
	if status, body, _ := postForm(t, c, f.url+"/check", form, ""); status != 400 || !strings.Contains(body, "the form has expired") {
		t.Errorf("no cookie: %d\n%s", status, snippet(body))
	}
	get(t, c, f.url+"/check")
	csrf := f.csrfOf(t, c)
	form.Set("csrf", "0123456789abcdef0123456789abcdef")
	if status, body, _ := postForm(t, c, f.url+"/check", form, ""); status != 400 || !strings.Contains(body, "does not match") {
		t.Errorf("wrong token: %d\n%s", status, snippet(body))
	}
	form.Set("csrf", csrf)
	if status, _, _ := postForm(t, c, f.url+"/check", form, "http://evil.example"); status != http.StatusForbidden {
		t.Errorf("cross-origin post: %d", status)
	}
	if status, body, _ := postForm(t, c, f.url+"/check", form, f.url); status != 200 || !strings.Contains(body, "Listed parties found") {
		t.Errorf("good post: %d\n%s", status, snippet(body))
	}
}

// TestCheckForm: the form's order is decided with its flags, rules,
// sources, party hits and goods.
func TestCheckForm(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	get(t, c, f.url+"/check")
	form := url.Values{
		"csrf": {f.csrfOf(t, c)}, "id": {"o-1"},
		"party0_role": {"seller"}, "party0_name": {"Example Elektronik GmbH"}, "party0_country": {"DE"},
		"party1_role": {"buyer"}, "party1_name": {"Kaveh Sanat Arya Co."}, "party1_country": {"IR"},
		"item0_description": {"Microcontroller"}, "item0_part_number": {"STM32F765VIT6TR"}, "item0_quantity": {"500"},
		"origin": {"DE"}, "destination": {"IR"}, "method": {"cash"},
	}
	status, body, _ := postForm(t, c, f.url+"/check", form, "")
	if status != 200 {
		t.Fatalf("%d\n%s", status, snippet(body))
	}
	for _, w := range []string{`Order o-1: <span class="risk high">high</span>`, "Red flags", "demo-ofac-sdn:90001", "CHPL tier", "tier 1", "8542.31", `value="Kaveh Sanat Arya Co."`} {
		if !strings.Contains(body, w) {
			t.Errorf("no %q in\n%s", w, snippet(body[strings.Index(body, "<main"):]))
		}
	}
	form.Set("item0_quantity", "many")
	if status, body, _ := postForm(t, c, f.url+"/check", form, ""); status != 400 || !strings.Contains(body, "is not a number") {
		t.Errorf("bad quantity: %d", status)
	}
	// a file of orders, bad rows named by line
	orders := `{"id":"f-1","parties":[{"role":"buyer","name":"Hong Fa Weiye Electronics Ltd","country":"HK"}],"items":[{"description":"GNSS patch antenna"}]}
{"id":"f-2","parties":[{"role":"boss","name":"X"}]}
`
	status, body = upload(t, c, f.url+"/check?csrf="+f.csrfOf(t, c), "orders.jsonl", orders, nil)
	if status != 200 || !strings.Contains(body, "Decisions for orders.jsonl") || !strings.Contains(body, "Order f-1") || !strings.Contains(body, "orders.jsonl:2") {
		t.Errorf("file: %d\n%s", status, snippet(body[strings.Index(body, "<main"):]))
	}
}

func upload(t testing.TB, c *http.Client, u, name, content string, fields map[string]string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		io.WriteString(fw, content)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusSeeOther {
		return resp.StatusCode, resp.Header.Get("Location")
	}
	return resp.StatusCode, string(b)
}

// TestBatchScreen: a pasted list and an uploaded file are screened in the
// background; the results are what screening each party gives, in
// `tripline screen`'s formats, for their owner only.
func TestBatchScreen(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	get(t, c, f.url+"/search")
	csrf := f.csrfOf(t, c)
	status, loc := upload(t, c, f.url+"/screen?csrf="+csrf, "", "", map[string]string{"names": "Kaveh Sanat Arya Company\r\n\r\nFarhad Moradi\nNobody Atall Nowhere\n"})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/screen/") {
		t.Fatalf("start: %d %s", status, loc)
	}
	st := waitJob(t, c, f.url+loc)
	if st.State != "done" || st.Rows != 3 || st.Matched != 2 || st.Bad != 0 || st.Percent != 100 {
		t.Errorf("status %+v", st)
	}
	_, page, _ := get(t, c, f.url+loc)
	if !strings.Contains(page, "results.jsonl") {
		t.Errorf("no download link:\n%s", snippet(page))
	}
	_, jl, h := get(t, c, f.url+loc+"/results.jsonl")
	if !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("Content-Disposition %q", h.Get("Content-Disposition"))
	}
	lines := strings.Split(strings.TrimSpace(jl), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), jl)
	}
	var first struct {
		ID      string `json:"id"`
		Matches []struct {
			ID string `json:"id"`
		} `json:"matches"`
	}
	json.Unmarshal([]byte(lines[0]), &first)
	if first.ID != "1" || len(first.Matches) != 3 || !strings.Contains(lines[0], `"id":"demo-ofac-sdn:90001"`) {
		t.Errorf("first result: %s", lines[0])
	}
	if !strings.Contains(lines[2], `"id":"4","matches":[]`) {
		t.Errorf("the third name keeps its line number as id and has no match: %s", lines[2])
	}
	if status, _, _ := get(t, f.client(t), f.url+loc); status != 404 {
		t.Errorf("another browser sees the run: %d", status)
	}
	_, csvOut, _ := get(t, c, f.url+loc+"/results.csv")
	if !strings.HasPrefix(csvOut, strings.Join(tabular.ResultCSVColumns, ",")+"\n1,demo-") || !strings.Contains(csvOut, "\n4,,,,,,,\n") {
		t.Errorf("csv:\n%s", csvOut)
	}
	// a CSV file with a bad row: reported in place, the rest screened
	status, loc = upload(t, c, f.url+"/screen?csrf="+csrf, "parties.csv", "id,name,type\n1,Zhang Wei,person\n2,Someone,spaceship\n3,Alborz Marine Lines,\n", nil)
	if status != http.StatusSeeOther {
		t.Fatalf("file: %d %s", status, loc)
	}
	st = waitJob(t, c, f.url+loc)
	if st.State != "done" || st.Rows != 3 || st.Bad != 1 || !strings.Contains(st.FirstBad, "spaceship") {
		t.Errorf("status %+v", st)
	}
	_, jl, _ = get(t, c, f.url+loc+"/results.jsonl")
	if !strings.Contains(jl, `"error":"parties.csv:3:`) {
		t.Errorf("the bad row is not in place:\n%s", jl)
	}
	if status, body := upload(t, c, f.url+"/screen?csrf="+csrf, "", "", map[string]string{"names": "  \n"}); status != 400 || !strings.Contains(body, "nothing to screen") {
		t.Errorf("empty: %d", status)
	}
	if status, _ := upload(t, c, f.url+"/screen?csrf="+csrf, "evil.exe", "MZ", nil); status != 400 {
		t.Errorf("a .exe: %d", status)
	}
}

func waitJob(t *testing.T, c *http.Client, u string) jobStatus {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, body, _ := get(t, c, u+"/status")
		var st jobStatus
		if err := json.Unmarshal([]byte(body), &st); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		if st.State != "running" || time.Now().After(deadline) {
			return st
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBatchScreenOwners: with keys, a run belongs to the user who started
// it.
func TestBatchScreenOwners(t *testing.T) {
	f := newFixture(t, fixtureOptions{requireKeys: true})
	ctx := context.Background()
	ka, _, _ := f.store.CreateKey(ctx, tripline.KeySpec{Name: "alice"})
	kb, _, _ := f.store.CreateKey(ctx, tripline.KeySpec{Name: "bob"})
	signin := func(key string) *http.Client {
		c := f.client(t)
		get(t, c, f.url+"/signin")
		postForm(t, c, f.url+"/signin", url.Values{"csrf": {f.csrfOf(t, c)}, "key": {key}}, "")
		return c
	}
	a, b := signin(ka), signin(kb)
	status, loc := upload(t, a, f.url+"/screen?csrf="+f.csrfOf(t, a), "", "", map[string]string{"names": "Zhang Wei"})
	if status != http.StatusSeeOther {
		t.Fatal(status, loc)
	}
	waitJob(t, a, f.url+loc)
	if status, _, _ := get(t, b, f.url+loc+"/results.jsonl"); status != 404 {
		t.Errorf("bob sees alice's run: %d", status)
	}
	if status, _, _ := get(t, a, f.url+loc+"/results.jsonl"); status != 200 {
		t.Errorf("alice: %d", status)
	}
}

// TestLayout: the drawing is deterministic and inside its box.
func TestLayout(t *testing.T) {
	const n = 300
	adj := make([][]int, n)
	for i := 1; i < n; i++ {
		p := (i - 1) / 4
		adj[i] = append(adj[i], p)
		adj[p] = append(adj[p], i)
	}
	x1, y1, hop := layout(n, adj, 0, 1000, 600)
	x2, y2, _ := layout(n, adj, 0, 1000, 600)
	for i := range x1 {
		if x1[i] != x2[i] || y1[i] != y2[i] {
			t.Fatalf("node %d placed at (%v,%v) and (%v,%v)", i, x1[i], y1[i], x2[i], y2[i])
		}
		if x1[i] < 0 || x1[i] > 1000 || y1[i] < 0 || y1[i] > 600 {
			t.Errorf("node %d outside the box: (%v,%v)", i, x1[i], y1[i])
		}
	}
	if hop[0] != 0 || hop[1] != 1 || hop[5] != 2 {
		t.Errorf("hops %v", hop[:8])
	}
	// one node, and none
	if x, _, _ := layout(1, [][]int{nil}, 0, 100, 100); x[0] != 50 {
		t.Errorf("a lone node at %v", x[0])
	}
	layout(0, nil, 0, 100, 100)
}
