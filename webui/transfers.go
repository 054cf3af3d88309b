package webui

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/transfer"
)

// Transfers: an offline world map of supplier → recipient flows (the
// store's deliveries summed by dyad, as GET /v1/transfers?aggregate=dyad
// gives them) drawn on the server over Natural Earth's countries
// (mapdata/world.json, made by mapgen), with a year range and a system
// filter; a timeline of the deliveries by year; the dyads and, for a
// chosen party, the deals; system pages (the catalogue's page of a
// system) and article pages with the extracted claims marked in the text.

//go:embed mapdata/world.json
var worldJSON []byte

type worldMap struct {
	Width, Height float64
	Sphere        string
	Countries     []mapCountry `json:"countries"`
	at            map[string]mapCountry
}

type mapCountry struct {
	Code string  `json:"code"`
	Name string  `json:"name"`
	D    string  `json:"d"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
}

func loadWorld() (*worldMap, error) {
	var w worldMap
	if err := json.Unmarshal(worldJSON, &w); err != nil {
		return nil, fmt.Errorf("webui: mapdata/world.json: %w", err)
	}
	w.at = map[string]mapCountry{}
	for _, c := range w.Countries {
		if _, ok := w.at[c.Code]; !ok {
			w.at[c.Code] = c
		}
	}
	return &w, nil
}

func (u *UI) transferStore() (tripline.TransferStore, error) {
	ts, ok := u.store.(tripline.TransferStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindNotFound, "this server's store keeps no arms transfers")
	}
	return ts, nil
}

// deliveryCache keeps the deliveries by pair and year of the last few
// filters, for as long as the registers' current snapshots stay the same:
// the slider and the map's links change only the years, which are cut
// from the cached rows, so a redraw reads nothing from the store.
type deliveryCache struct {
	mu      sync.Mutex
	entries []deliveryEntry // most recently used last
}

type deliveryEntry struct {
	key  string
	rows []tripline.DyadYear
}

const deliveryCacheSize = 16

func (c *deliveryCache) get(ctx context.Context, st tripline.TransferStore, f tripline.TransferFilter, snaps []tripline.TransferSnapshot) ([]tripline.DyadYear, error) {
	var key strings.Builder
	for _, s := range snaps {
		if s.Current {
			fmt.Fprintf(&key, "%s=%d;", s.Source, s.ID)
		}
	}
	fmt.Fprintf(&key, "|%q|%q|%q|%q", f.Supplier, f.Recipient, f.Systems, f.Source)
	k := key.String()
	c.mu.Lock()
	for i, e := range c.entries {
		if e.key == k {
			c.entries = append(append(c.entries[:i:i], c.entries[i+1:]...), e)
			c.mu.Unlock()
			return e.rows, nil
		}
	}
	c.mu.Unlock()
	rows, err := st.Deliveries(ctx, f)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = append(c.entries, deliveryEntry{k, rows})
	if len(c.entries) > deliveryCacheSize {
		c.entries = c.entries[1:]
	}
	return rows, nil
}

type transfersData struct {
	Supplier, Recipient, System string
	Since, Until                int
	MinYear, MaxYear            int
	Systems                     []*transfer.System
	Map                         *mapView
	Timeline                    *timeline
	Dyads                       []dyadRow
	MoreDyads                   int
	Deals                       []tripline.Transfer
	DealsTotal                  int
	Unplaced                    int
	Snapshots                   []tripline.TransferSnapshot
	Params                      string
}

// Years is the year range in words.
func (d transfersData) Years() string {
	switch {
	case d.Since != 0 && d.Until != 0:
		return fmt.Sprintf("%d–%d", d.Since, d.Until)
	case d.Since != 0:
		return fmt.Sprintf("since %d", d.Since)
	case d.Until != 0:
		return fmt.Sprintf("until %d", d.Until)
	}
	return "all years"
}

type mapView struct {
	W, H      float64
	Sphere    string
	Countries []mapShape
	Flows     []flow
}

type mapShape struct {
	Code, Name, D string
	Active        bool
	Tip           string
}

type flow struct {
	// URL opens the pair's deals (the flow is a link, reached by Tab and
	// the arrow keys).
	URL   string
	D     string
	Width float64
	Title string
	From  string
	To    string
	TIV   float64
}

type timeline struct {
	W, H float64
	Bars []bar
	// Ticks are the labelled years.
	Ticks []tick
	Max   float64
}

type bar struct {
	Year          int
	X, Y, W, H    float64
	TIV           float64
	InRange       bool
	URL           string
	Deals, Number int
}

type tick struct {
	X    float64
	Year int
}

type dyadRow struct {
	transfer.DyadStats
	URL string
	// From and To are the map's codes of the parties (empty: not on it).
	From, To string
}

func (u *UI) transfersPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	st, err := u.transferStore()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := transfersData{Supplier: strings.TrimSpace(q.Get("supplier")), Recipient: strings.TrimSpace(q.Get("recipient")), System: strings.TrimSpace(q.Get("system")),
		Systems: transfer.MustDefault().Systems()}
	year := func(k string) (int, error) {
		v := q.Get(k)
		if v == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2200 {
			return 0, tripline.Errorf(tripline.KindInvalid, "%s must be a year", k)
		}
		return y, nil
	}
	if d.Since, err = year("since"); err != nil {
		return err
	}
	if d.Until, err = year("until"); err != nil {
		return err
	}
	f := tripline.TransferFilter{Supplier: d.Supplier, Recipient: d.Recipient, Systems: transfer.MustDefault().FilterValues(d.System)}
	if d.Snapshots, err = st.TransferSnapshots(r.Context(), ""); err != nil {
		return err
	}
	// every year of the other filters, for the slider's bounds and the
	// timeline; the year range is applied here
	all, err := u.deliveries.get(r.Context(), st, f, d.Snapshots)
	if err != nil {
		return err
	}
	for _, dy := range all {
		if d.MinYear == 0 || dy.Year < d.MinYear {
			d.MinYear = dy.Year
		}
		d.MaxYear = max(d.MaxYear, dy.Year)
	}
	if d.MinYear != 0 {
		if d.Since == 0 || d.Since < d.MinYear {
			d.Since = d.MinYear
		}
		if d.Until == 0 || d.Until > d.MaxYear {
			d.Until = d.MaxYear
		}
	}
	if d.Since != 0 && d.Until != 0 && d.Since > d.Until {
		d.Since, d.Until = d.Until, d.Since
	}
	var in []tripline.DyadYear
	for _, dy := range all {
		if dy.Year >= d.Since && dy.Year <= d.Until {
			in = append(in, dy)
		}
	}
	dyads := transfer.Dyads(in)
	d.Params = d.params(nil)
	d.Map, d.Unplaced = u.drawFlows(dyads, func(dy transfer.DyadStats) string {
		return "/transfers?" + d.params(map[string]string{"supplier": partyFilter(dy.Supplier), "recipient": partyFilter(dy.Recipient)})
	})
	d.Timeline = d.drawTimeline(all)
	for i, dy := range dyads {
		if i == 200 {
			d.MoreDyads = len(dyads) - i
			break
		}
		row := dyadRow{DyadStats: dy, URL: "/transfers?" + d.params(map[string]string{"supplier": partyFilter(dy.Supplier), "recipient": partyFilter(dy.Recipient)})}
		s, ok1 := u.place(dy.Supplier)
		rc, ok2 := u.place(dy.Recipient)
		if ok1 && ok2 && s.Code != rc.Code {
			row.From, row.To = s.Code, rc.Code
		}
		d.Dyads = append(d.Dyads, row)
	}
	if d.Supplier != "" || d.Recipient != "" || d.System != "" {
		f.Since, f.Until, f.Limit = d.Since, d.Until, 200
		if d.Deals, d.DealsTotal, err = st.Transfers(r.Context(), f); err != nil {
			return err
		}
	}
	u.render(w, r, rq, http.StatusOK, "transfers.html", "Arms transfers", d)
	return nil
}

func partyFilter(p tripline.TransferParty) string {
	if p.Code != "" {
		return p.Code
	}
	return p.Name
}

// params is the query of this view with some parameters replaced ("" to
// drop one).
func (d *transfersData) params(set map[string]string) string {
	v := url.Values{}
	put := func(k, val string) {
		if s, ok := set[k]; ok {
			val = s
		}
		if val != "" && val != "0" {
			v.Set(k, val)
		}
	}
	put("supplier", d.Supplier)
	put("recipient", d.Recipient)
	put("system", d.System)
	put("since", strconv.Itoa(d.Since))
	put("until", strconv.Itoa(d.Until))
	return v.Encode()
}

// place is where a party sits on the map: its state's code, else the
// country a non-state party is placed in.
func (u *UI) place(p tripline.TransferParty) (mapCountry, bool) {
	code := p.Code
	if code == "" {
		code = p.Country
	}
	switch code {
	case "SU":
		code = "RU"
	case "CS", "YU":
		code = "RS"
	case "DD":
		code = "DE"
	}
	c, ok := u.world.at[code]
	return c, ok
}

// drawFlows draws each dyad as a curve from the supplier to the
// recipient, as wide as the square root of its TIV (the largest 7 px),
// the largest on top; it returns the count of dyads with a party that has
// no place on the map (unknown suppliers, organisations).
func (u *UI) drawFlows(dyads []transfer.DyadStats, urlOf func(transfer.DyadStats) string) (*mapView, int) {
	m := &mapView{W: u.world.Width, H: u.world.Height, Sphere: u.world.Sphere}
	active := map[string]string{}
	maxTIV := 0.0
	for _, dy := range dyads {
		maxTIV = math.Max(maxTIV, math.Max(dy.TIV, float64(dy.Quantity)/100))
	}
	unplaced := 0
	for _, dy := range dyads {
		s, ok1 := u.place(dy.Supplier)
		rc, ok2 := u.place(dy.Recipient)
		if !ok1 || !ok2 || s.Code == rc.Code {
			unplaced++
			continue
		}
		// a dyad without TIV (user records) weighs by its quantity
		weight := dy.TIV
		if weight == 0 {
			weight = float64(dy.Quantity) / 100
		}
		wd := 0.6
		if maxTIV > 0 {
			wd += 6.4 * math.Sqrt(weight/maxTIV)
		}
		dx, dy2 := rc.X-s.X, rc.Y-s.Y
		// the control point to the left of the line, a fifth of its length
		cx, cy := s.X+dx/2-dy2*0.2, s.Y+dy2/2+dx*0.2
		title := fmt.Sprintf("%s → %s: %d delivered, TIV %s (%d–%d)", dy.Supplier.Name, dy.Recipient.Name, dy.Quantity, strconv.FormatFloat(dy.TIV, 'f', -1, 64), dy.First, dy.Last)
		m.Flows = append(m.Flows, flow{D: fmt.Sprintf("M%.1f %.1fQ%.1f %.1f %.1f %.1f", s.X, s.Y, cx, cy, rc.X, rc.Y), Width: math.Round(wd*10) / 10,
			Title: title, From: s.Code, To: rc.Code, TIV: weight, URL: urlOf(dy)})
		active[s.Code] += dy.Supplier.Name + " supplies " + dy.Recipient.Name + "; "
		active[rc.Code] += dy.Recipient.Name + " receives from " + dy.Supplier.Name + "; "
	}
	sort.SliceStable(m.Flows, func(i, j int) bool { return m.Flows[i].TIV < m.Flows[j].TIV })
	for _, c := range u.world.Countries {
		m.Countries = append(m.Countries, mapShape{Code: c.Code, Name: c.Name, D: c.D, Active: active[c.Code] != ""})
	}
	return m, unplaced
}

// drawTimeline draws the TIV delivered each year (or the units, for
// registers without TIV) as bars, the selected years darker.
func (d *transfersData) drawTimeline(all []tripline.DyadYear) *timeline {
	if d.MinYear == 0 {
		return nil
	}
	byYear := map[int]*bar{}
	useTIV := false
	for _, dy := range all {
		b := byYear[dy.Year]
		if b == nil {
			b = &bar{Year: dy.Year}
			byYear[dy.Year] = b
		}
		b.TIV += dy.TIV
		b.Deals += dy.Deals
		b.Number += dy.Quantity
		useTIV = useTIV || dy.TIV > 0
	}
	tl := &timeline{W: 1000, H: 120}
	n := d.MaxYear - d.MinYear + 1
	bw := (tl.W - 40) / float64(n)
	for y := d.MinYear; y <= d.MaxYear; y++ {
		if b := byYear[y]; b != nil {
			v := float64(b.Number)
			if useTIV {
				v = b.TIV
			}
			tl.Max = math.Max(tl.Max, v)
		}
	}
	for y := d.MinYear; y <= d.MaxYear; y++ {
		b := byYear[y]
		if b == nil {
			continue
		}
		v := float64(b.Number)
		if useTIV {
			v = b.TIV
		}
		h := 0.0
		if tl.Max > 0 {
			h = math.Max(1, 90*v/tl.Max)
		}
		b.X = math.Round((20+float64(y-d.MinYear)*bw)*10) / 10
		b.W = math.Max(1, math.Round((bw-1)*10)/10)
		b.H, b.Y = math.Round(h*10)/10, math.Round((100-h)*10)/10
		b.TIV = math.Round(b.TIV*10) / 10
		b.InRange = y >= d.Since && y <= d.Until
		b.URL = "/transfers?" + d.params(map[string]string{"since": strconv.Itoa(y), "until": strconv.Itoa(y)})
		tl.Bars = append(tl.Bars, *b)
	}
	step := 1
	for float64(n)/float64(step) > 12 {
		step *= 5
		if float64(n)/float64(step) > 12 {
			step *= 2
		}
	}
	for y := d.MinYear; y <= d.MaxYear; y++ {
		if y%step == 0 || y == d.MinYear {
			tl.Ticks = append(tl.Ticks, tick{X: math.Round((20+(float64(y-d.MinYear)+0.5)*bw)*10) / 10, Year: y})
		}
	}
	return tl
}

type systemsData struct {
	Systems []*transfer.System
}

func (u *UI) systemsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	u.render(w, r, rq, http.StatusOK, "systems.html", "Weapon systems", systemsData{Systems: transfer.MustDefault().Systems()})
	return nil
}

func (u *UI) systemPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	c := transfer.MustDefault()
	sys, err := c.System(r.PathValue("id"))
	if err != nil {
		return err
	}
	src := transfer.PageSources{Lists: u.store}
	src.Transfers, _ = u.store.(tripline.TransferStore)
	src.Articles, _ = u.store.(tripline.ArticleStore)
	if g, err := goods.Default(); err == nil {
		src.Goods = g
	}
	if u.index != nil {
		if sc, _, err := u.index.Screener(); err == nil {
			src.Screener = sc
		}
	}
	p, err := c.Page(r.Context(), sys, src)
	if err != nil {
		return err
	}
	u.render(w, r, rq, http.StatusOK, "system.html", sys.Name, p)
	return nil
}

func (u *UI) articleStore() (tripline.ArticleStore, error) {
	as, ok := u.store.(tripline.ArticleStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindNotFound, "this server's store keeps no articles")
	}
	return as, nil
}

type articlesData struct {
	Articles []tripline.Article
	Total    int
}

func (u *UI) articlesPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	as, err := u.articleStore()
	if err != nil {
		return err
	}
	list, total, err := as.Articles(r.Context(), tripline.ArticleFilter{Limit: 200})
	if err != nil {
		return err
	}
	u.render(w, r, rq, http.StatusOK, "articles.html", "Articles", articlesData{Articles: list, Total: total})
	return nil
}

type articleData struct {
	*tripline.Article
	Body template.HTML
}

func (u *UI) articlePage(w http.ResponseWriter, r *http.Request, rq *request) error {
	as, err := u.articleStore()
	if err != nil {
		return err
	}
	a, err := as.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	title := a.Title
	if title == "" {
		title = a.ID
	}
	u.render(w, r, rq, http.StatusOK, "article.html", title, articleData{Article: a, Body: markArticle(a)})
	return nil
}

// span is one extraction marked in an article's text: characters
// [start, end) of the stored text.
type span struct {
	id, start, end int
	// rank orders nesting: claims (sentences) outermost.
	rank  int
	open  string
	close string
}

// markArticle writes the article's text as HTML with every extraction
// marked: each transfer claim's sentence, the systems (linked to their
// pages), the listed parties (linked to their records, with the score),
// the countries and the dates. Offsets count characters; the text is
// escaped and split wherever a mark begins or ends, so marks that overlap
// nest well-formed.
func markArticle(a *tripline.Article) template.HTML {
	text := []rune(a.Text)
	n := len(text)
	esc := template.HTMLEscapeString
	var spans []span
	add := func(s, e, rank int, open, close string) {
		if s < 0 || e > n || s >= e {
			return
		}
		spans = append(spans, span{start: s, end: e, rank: rank, open: open, close: close})
	}
	for i, t := range a.Transfers {
		add(t.Start, t.End, 0, fmt.Sprintf(`<mark class="x-claim" data-claim="%d">`, i+1), `</mark>`)
	}
	for _, s := range a.Systems {
		link := ""
		if s.System != "" {
			link = "/systems/" + url.PathEscape(s.System)
		}
		title := esc(strings.TrimSpace(s.System + " " + s.Type + " " + s.Why))
		if link != "" {
			add(s.Start, s.End, 1, `<a class="x-system" href="`+esc(link)+`" title="`+title+`">`, `</a>`)
		} else {
			add(s.Start, s.End, 1, `<span class="x-system" title="`+title+`">`, `</span>`)
		}
	}
	for _, m := range a.Mentions {
		add(m.Start, m.End, 1, `<a class="x-party" href="/entities/`+esc(url.PathEscape(m.EntityID))+`" title="`+esc(fmt.Sprintf("%s (%s), score %.2f", m.Name, m.EntityID, m.Score))+`">`, `</a>`)
	}
	for _, c := range a.Countries {
		add(c.Start, c.End, 2, `<span class="x-country" title="`+esc(c.Code+" "+country.Name(c.Code))+`">`, `</span>`)
	}
	for _, d := range a.Dates {
		add(d.Start, d.End, 2, `<span class="x-date" title="`+esc(d.Date+" ("+string(d.Precision)+")")+`">`, `</span>`)
	}
	cuts := map[int]bool{0: true, n: true}
	for _, s := range spans {
		cuts[s.start], cuts[s.end] = true, true
	}
	var pos []int
	for p := range cuts {
		pos = append(pos, p)
	}
	sort.Ints(pos)
	// each span gets its index as identity; a segment's marks are the
	// spans over it, outer first (by rank, then the longer outside, then
	// the earlier); the marks open over the previous segment stay open as
	// far as they agree with this one's, so a mark is split only where
	// another crosses it
	for i := range spans {
		spans[i].id = i
	}
	var b strings.Builder
	var open []span
	for i := 0; i+1 < len(pos); i++ {
		s, e := pos[i], pos[i+1]
		var on []span
		for _, sp := range spans {
			if sp.start <= s && sp.end >= e {
				on = append(on, sp)
			}
		}
		sort.SliceStable(on, func(i, j int) bool {
			if on[i].rank != on[j].rank {
				return on[i].rank < on[j].rank
			}
			if li, lj := on[i].end-on[i].start, on[j].end-on[j].start; li != lj {
				return li > lj
			}
			return on[i].start < on[j].start
		})
		// no link inside another link
		want := on[:0]
		links := 0
		for _, sp := range on {
			if strings.HasPrefix(sp.open, "<a ") {
				if links > 0 {
					continue
				}
				links++
			}
			want = append(want, sp)
		}
		k := 0
		for k < len(open) && k < len(want) && open[k].id == want[k].id {
			k++
		}
		for x := len(open) - 1; x >= k; x-- {
			b.WriteString(open[x].close)
		}
		open = open[:k]
		for _, sp := range want[k:] {
			b.WriteString(sp.open)
			open = append(open, sp)
		}
		b.WriteString(esc(string(text[s:e])))
	}
	for x := len(open) - 1; x >= 0; x-- {
		b.WriteString(open[x].close)
	}
	return template.HTML(b.String())
}
