package osint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tripline/tripline"
)

func extract(t *testing.T, x *Extractor, path string) *tripline.Article {
	t.Helper()
	doc, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := x.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	// Every offset points at the text it claims, in characters.
	for _, m := range a.Systems {
		if got := runeSlice(a.Text, m.Start, m.End); got != m.Text {
			t.Errorf("system %s at %d-%d reads %q, not %q", m.System, m.Start, m.End, got, m.Text)
		}
	}
	for _, m := range a.Mentions {
		if got := runeSlice(a.Text, m.Start, m.End); got != m.Text {
			t.Errorf("mention %s at %d-%d reads %q, not %q", m.EntityID, m.Start, m.End, got, m.Text)
		}
	}
	for _, m := range a.Countries {
		if got := runeSlice(a.Text, m.Start, m.End); got != m.Text {
			t.Errorf("country %s at %d-%d reads %q, not %q", m.Code, m.Start, m.End, got, m.Text)
		}
	}
	for _, m := range a.Dates {
		if got := runeSlice(a.Text, m.Start, m.End); got != m.Text {
			t.Errorf("date %s at %d-%d reads %q, not %q", m.Date, m.Start, m.End, got, m.Text)
		}
	}
	for _, c := range a.Transfers {
		if got := runeSlice(a.Text, c.Start, c.End); got != c.Sentence {
			t.Errorf("claim sentence at %d-%d reads %q, not %q", c.Start, c.End, got, c.Sentence)
		}
	}
	return a
}

func hasClaim(a *tripline.Article, supplier, recipient, system string) *tripline.ArticleTransfer {
	for i, c := range a.Transfers {
		if c.Supplier.Code == supplier && c.Recipient.Code == recipient && (c.System == system || c.SystemType == system) {
			return &a.Transfers[i]
		}
	}
	return nil
}

func systemsOf(a *tripline.Article) map[string]bool {
	m := map[string]bool{}
	for _, s := range a.Systems {
		m[s.System] = true
	}
	return m
}

// TestSeedArticle ingests the seed article of ../shared: both systems
// resolved (the boat, not the missile), the parade at day precision, Iran
// → Venezuela, the listed news agency with its offsets, and no mention
// from a common word.
func TestSeedArticle(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "osint", "iran-venezuela-weapons-2023.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed article absent: %v", err)
	}
	a := extract(t, extractor(t, sdn(t), nil), path)
	sys := systemsOf(a)
	if !sys["zolfaghar-fac"] || !sys["nasr-1"] || sys["zolfaghar-bm"] {
		t.Errorf("systems = %+v; want the Zolfaghar-class boat and the Nasr-1, never the Zolfaghar missile", a.Systems)
	}
	var parade *tripline.DateMention
	for i, d := range a.Dates {
		if d.Date == "2023-07-24" {
			parade = &a.Dates[i]
		}
	}
	if parade == nil || parade.Precision != tripline.PrecisionDay || parade.Text != "July 24, 2023" {
		t.Errorf("dates = %+v; want 2023-07-24 at day precision", a.Dates)
	}
	boats := hasClaim(a, "IR", "VE", "zolfaghar-fac")
	if boats == nil || boats.Date != "2023-07-24" || boats.Precision != tripline.PrecisionDay || !strings.Contains(boats.Sentence, "naval parade") {
		t.Errorf("boat claim = %+v; want Iran → Venezuela on 2023-07-24 with the parade sentence", boats)
	}
	if hasClaim(a, "IR", "VE", "nasr-1") == nil || hasClaim(a, "IR", "VE", "uav") == nil {
		t.Errorf("claims = %+v; want the missiles and the armed UAVs from Iran to Venezuela too", a.Transfers)
	}
	for _, c := range a.Transfers {
		if c.Supplier.Code != "IR" || c.Recipient.Code != "VE" {
			t.Errorf("claim %s → %s from %q", c.Supplier.Code, c.Recipient.Code, c.Sentence)
		}
	}
	// The listed news agency, where the text says it.
	want := "Tasnim news agency"
	at := utf8.RuneCountInString(a.Text[:strings.Index(a.Text, want)])
	found := false
	allowed := map[string]bool{"Tasnim news agency": true, "Mohammad Reza Ashtiani": true, "Hezbollah": true}
	for _, m := range a.Mentions {
		if m.EntityID == "ofac-sdn:44926" && m.Start == at && m.End == at+len(want) && m.Score >= MentionThreshold {
			found = true
		}
		if !allowed[m.Text] {
			t.Errorf("mention %q → %s (%s, %.2f): not a listed party the article names", m.Text, m.EntityID, m.Name, m.Score)
		}
	}
	if !found {
		t.Errorf("mentions = %+v; want TASNIM NEWS AGENCY (ofac-sdn:44926) at %d-%d", a.Mentions, at, at+len(want))
	}
}

// offline is an extractor with no screening index: systems, countries,
// dates and claims only.
func offline(t *testing.T) *Extractor { return extractor(t, nil, nil) }

func TestUkraineComponents(t *testing.T) {
	a := extract(t, offline(t), filepath.Join("testdata", "ukraine-shahed-components.txt"))
	var geran bool
	for _, s := range a.Systems {
		if s.Text == "Geran-2" && s.System == "shahed-136" {
			geran = true
		}
	}
	if !geran || !systemsOf(a)["shahed-136"] {
		t.Errorf("systems = %+v; want Shahed-136, also as Geran-2", a.Systems)
	}
	c := hasClaim(a, "IR", "RU", "shahed-136")
	if c == nil || c.Date != "2022" || c.Precision != tripline.PrecisionYear {
		t.Errorf("claims = %+v; want Iran → Russia, Shahed-136, 2022", a.Transfers)
	}
	for _, c := range a.Transfers {
		if c.Recipient.Code == "UA" || c.Supplier.Code == "UA" {
			t.Errorf("Ukraine, where the drones were shot down, is a party of %+v", c)
		}
		if strings.Contains(c.Sentence, "denied") {
			t.Errorf("a denial gave a claim: %+v", c)
		}
	}
	var oct bool
	for _, d := range a.Dates {
		oct = oct || (d.Date == "2022-10-14" && d.Precision == tripline.PrecisionDay)
	}
	if !oct {
		t.Errorf("dates = %+v; want 2022-10-14", a.Dates)
	}
	if a.Title != "Western chips keep turning up in Iranian drones downed over Ukraine" || a.Author != "Staff Reporter" {
		t.Errorf("title %q, author %q", a.Title, a.Author)
	}
}

func TestHTMLArticleAndNetworkMentions(t *testing.T) {
	a := extract(t, extractor(t, sdn(t), nil), filepath.Join("testdata", "ofac-uav-network.html"))
	if a.Format != "html" || a.PublishedAt != "2023-09-28" || a.Title != "Treasury targets network buying drone parts for Iran" {
		t.Errorf("format %s, published %s, title %q", a.Format, a.PublishedAt, a.Title)
	}
	if strings.Contains(a.Text, "tracking") || strings.Contains(a.Text, "Home") || strings.Contains(a.Text, "Copyright") {
		t.Errorf("script, navigation or footer text kept:\n%s", a.Text)
	}
	got := map[string]string{}
	for _, m := range a.Mentions {
		got[m.EntityID] = m.Text
	}
	for id, text := range map[string]string{"ofac-sdn:44782": "Pishgam Electronic Safeh Company", "ofac-sdn:44784": "Hongkong Himark Electron Model Ltd",
		"ofac-sdn:39637": "Shahed Aviation Industries Research Center"} {
		if !strings.HasPrefix(got[id], text) {
			t.Errorf("mention of %s = %q, want %q (all: %v)", id, got[id], text, got)
		}
	}
	if c := hasClaim(a, "IR", "RU", "shahed-136"); c == nil || c.Date != "2022-08" || c.Precision != tripline.PrecisionMonth {
		t.Errorf("claims = %+v; want Iran → Russia since August 2022 (month)", a.Transfers)
	}
	var sept bool
	for _, d := range a.Dates {
		sept = sept || d.Date == "2023-09-27"
	}
	if !sept {
		t.Errorf("dates = %+v", a.Dates)
	}
}

func TestBelarusAndHedges(t *testing.T) {
	a := extract(t, offline(t), filepath.Join("testdata", "belarus-kochevnik.txt"))
	c := hasClaim(a, "IR", "BY", "shahed-136")
	if c == nil || c.Date != "2024" || c.Confidence == tripline.ConfidenceLow {
		t.Errorf("claims = %+v; want Iran → Belarus, Shahed-136, 2024", a.Transfers)
	}
	var kochevnik bool
	for _, s := range a.Systems {
		kochevnik = kochevnik || (s.Text == "Kochevnik" && s.System == "shahed-136")
	}
	if !kochevnik {
		t.Errorf("Kochevnik not resolved: %+v", a.Systems)
	}
	if h := hasClaim(a, "IR", "BY", "fath-360"); h == nil || h.Confidence != tripline.ConfidenceLow {
		t.Errorf("a hedged claim (could supply) = %+v, want low confidence", h)
	}
}

func TestZolfagharMissileIsNotTheBoat(t *testing.T) {
	a := extract(t, offline(t), filepath.Join("testdata", "zolfaghar-missile.txt"))
	sys := systemsOf(a)
	if !sys["zolfaghar-bm"] || sys["zolfaghar-fac"] || !sys["fateh-110"] {
		t.Errorf("systems = %+v; want the Zolfaghar ballistic missile and the Fateh-110 family", a.Systems)
	}
	if len(a.Transfers) != 0 {
		t.Errorf("missiles fired at Syria are no transfer: %+v", a.Transfers)
	}
}

func TestVenezuelaParade(t *testing.T) {
	a := extract(t, offline(t), filepath.Join("testdata", "venezuela-mohajer.txt"))
	c := hasClaim(a, "IR", "VE", "mohajer-6")
	if c == nil {
		t.Fatalf("claims = %+v; want Iran → Venezuela, Mohajer-6", a.Transfers)
	}
	sys := systemsOf(a)
	if !sys["mohajer-2"] {
		t.Errorf("Arpia / Mohajer-2 not found: %+v", a.Systems)
	}
}

func TestNearDuplicates(t *testing.T) {
	x := offline(t)
	a := extract(t, x, filepath.Join("testdata", "ukraine-shahed-components.txt"))
	b := extract(t, x, filepath.Join("testdata", "ukraine-shahed-components-copy.txt"))
	c := extract(t, x, filepath.Join("testdata", "belarus-kochevnik.txt"))
	if a.ID == b.ID {
		t.Fatal("different texts got one id")
	}
	if s := Similarity(a.Signature, b.Signature); s < DuplicateSimilarity {
		t.Errorf("similarity of a copy with a new headline = %.2f, want ≥ %.2f", s, DuplicateSimilarity)
	}
	if s := Similarity(a.Signature, c.Signature); s > 0.2 {
		t.Errorf("similarity of unrelated articles = %.2f", s)
	}
	st := NewStories(nil)
	if st.Place(a.ID, a.Signature) != "" || st.Place(b.ID, b.Signature) != a.ID || st.Place(c.ID, c.Signature) != "" {
		t.Error("stories: want the copy placed in the first article's story, the other alone")
	}
}
