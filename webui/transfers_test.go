package webui

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/transfer"
)

// TestTransferPages opens the transfer pages over the fictional demo
// register and the fictional article of testdata/articles.
func TestTransferPages(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.client(t)
	art := firstArticle(t, f)
	tests := []struct {
		path   string
		status int
		want   []string
		not    []string
	}{
		{"/transfers", 200, []string{`id="map"`, "5 pairs on the map, 2011–2025", `data-from="IR" data-to="VE"`, "Iran → Venezuela", `<rect class="bar in"`, "demo snapshot 1"}, []string{"<h2 id=\"deals-h\""}},
		{"/transfers?supplier=IR&recipient=VE", 200, []string{"Deals from IR to VE (2)", ">Peykaap</a>", `href="/systems/zolfaghar-fac"`, "1 pair on the map, 2022–2023"}, nil},
		{"/transfers?since=2024&until=2025", 200, []string{"2024–2025", "Iran → Belarus", `<rect class="bar"`}, []string{"Spain → Ecuador"}},
		// the ends given the wrong way round are swapped
		{"/transfers?since=2025&until=2024", 200, []string{"2024–2025"}, nil},
		{"/transfers?system=zolfaghar-fac", 200, []string{">Peykaap</a>", "1 pair on the map"}, []string{"CM-90"}},
		{"/transfers?system=mohajer-6&since=2015", 200, []string{"since 2015", "No delivery in these years"}, nil},
		{"/transfers?since=nineteen", 400, []string{"since must be a year"}, nil},
		{"/transfers?supplier=IR&partial=1", 200, []string{`<div id="transfers-view"`}, []string{"<html", `id="transfers-form"`}},
		{"/systems", 200, []string{`href="/systems/shahed-136"`, "Zolfaghar ballistic missile"}, nil},
		{"/systems/zolfaghar-fac", 200, []string{"Not to be confused with", `href="/systems/zolfaghar-bm"`, "IRGC Navy", "<td>Peykaap</td>", "Reported in articles", `href="/articles/` + art + `"`}, nil},
		{"/systems/shahed-136", 200, []string{"STM32F765VIT6", "8542.31", "tier 1", "Shahed Aviation Industries", "not in the lists loaded"}, nil},
		{"/systems/nope", 404, nil, nil},
		{"/articles", 200, []string{`href="/articles/` + art + `"`, "Fast boats and drones"}, nil},
		{"/articles/" + art, 200, []string{`<mark class="x-claim" data-claim="1">`, `<a class="x-party" href="/entities/demo-`, `<a class="x-system" href="/systems/zolfaghar-fac"`, `class="x-date"`, "Iran → Venezuela", "register rows: demo:"}, nil},
		{"/articles/art_nope", 404, nil, nil},
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
		for _, w := range tt.not {
			if strings.Contains(body, w) {
				t.Errorf("GET %s: %q should not be there", tt.path, w)
			}
		}
	}
	// the map is well-formed SVG with a flow for each placed pair
	_, body, _ := get(t, c, f.url+"/transfers")
	i, j := strings.Index(body, `<svg id="map"`), strings.Index(body, `</svg>`)
	if i < 0 || j < i {
		t.Fatal("no map")
	}
	if err := wellFormed(body[i : j+len("</svg>")]); err != nil {
		t.Errorf("the map: %v", err)
	}
	if n := strings.Count(body[i:j], `class="flow"`); n != 5 {
		t.Errorf("%d flows on the map, want 5", n)
	}
}

// TestTransferMapCache: the map's rows are cached per register snapshot,
// so a register imported since is on the next page drawn.
func TestTransferMapCache(t *testing.T) {
	f := newFixture(t, fixtureOptions{noBook: true, noWatches: true})
	c := f.client(t)
	_, body, _ := get(t, c, f.url+"/transfers?supplier=IR&recipient=VE")
	if !strings.Contains(body, `<td class="num">42.4</td>`) {
		t.Fatalf("Iran → Venezuela without TIV 42.4:\n%s", snippet(body[strings.Index(body, "dyads-h"):]))
	}
	ts, err := sipri.Read(bytes.NewReader(transfer.DemoRegister()), "demo-register.csv")
	if err != nil {
		t.Fatal(err)
	}
	ts.Source = "demo2"
	for _, tr := range ts.Transfers {
		tr.ID = "demo2" + strings.TrimPrefix(tr.ID, sipri.Source)
		tr.Source = "demo2"
	}
	if _, _, err := f.store.ImportTransfers(context.Background(), ts); err != nil {
		t.Fatal(err)
	}
	_, body, _ = get(t, c, f.url+"/transfers?supplier=IR&recipient=VE")
	if !strings.Contains(body, `<td class="num">84.8</td>`) || !strings.Contains(body, "demo2 snapshot") {
		t.Errorf("the second register is not on the map:\n%s", snippet(body[strings.Index(body, "dyads-h"):]))
	}
}

func firstArticle(t testing.TB, f *fixture) string {
	t.Helper()
	list, _, err := f.store.Articles(context.Background(), tripline.ArticleFilter{Limit: 1})
	if err != nil || len(list) == 0 {
		t.Fatalf("no article in the fixture: %v", err)
	}
	return list[0].ID
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestMarkArticle: the marks of an article nest well-formed however its
// extractions overlap, the text stays the text, and no link is nested in
// another.
func TestMarkArticle(t *testing.T) {
	a := &tripline.Article{
		Text:      "Iran sent <Shahed-136> drones via Kaveh & Co to Russia in 2022.",
		Transfers: []tripline.ArticleTransfer{{Start: 0, End: 63}, {Start: 30, End: 55}},
		Systems:   []tripline.SystemMention{{Start: 11, End: 21, System: "shahed-136"}},
		Mentions:  []tripline.Mention{{Start: 34, End: 44, EntityID: "x:1"}, {Start: 38, End: 50, EntityID: "x:2"}},
		Countries: []tripline.CountryMention{{Start: 0, End: 4, Code: "IR"}, {Start: 48, End: 54, Code: "RU"}},
		Dates:     []tripline.DateMention{{Start: 58, End: 62, Date: "2022"}, {Start: 60, End: 99, Date: "bad offsets"}},
	}
	html := string(markArticle(a))
	if err := wellFormed("<div>" + html + "</div>"); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, html)
	}
	if got := unescape(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(html, "")); got != a.Text {
		t.Errorf("the text changed:\n%s\n%s", got, a.Text)
	}
	if !strings.Contains(html, `<a class="x-system" href="/systems/shahed-136" title="shahed-136">Shahed-136</a>`) {
		t.Errorf("system not linked: %s", html)
	}
	// no <a> opens while another is open
	depth := 0
	for _, m := range regexp.MustCompile(`<a |</a>`).FindAllString(html, -1) {
		if m == "<a " {
			depth++
		} else {
			depth--
		}
		if depth > 1 {
			t.Fatalf("nested links: %s", html)
		}
	}
	if strings.Contains(html, "bad offsets") {
		t.Errorf("a mark past the text's end was drawn")
	}
	// the first claim, crossed by none, is one mark
	if n := strings.Count(html, `data-claim="1"`); n != 1 {
		t.Errorf("claim 1 in %d pieces: %s", n, html)
	}
}

func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#39;", "'", "&#34;", `"`).Replace(s)
}
