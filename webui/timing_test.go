package webui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/transfer"
)

// TestBrowserTimings measures, in the browser, with every list of
// ../shared/data/lists loaded and the network-dev records imported: the
// time from a keystroke in the search box to the first results painted,
// and the time until an entity page with a 2-hop graph of up to 500 nodes
// is interactive. The figures are reported (and written to
// $TRIPLINE_UI_TIMINGS as JSON when set), never asserted: the machine is
// shared. It skips without the real lists, and unless TRIPLINE_UI_TIMING=1.
func TestBrowserTimings(t *testing.T) {
	timingsWanted(t, "every list loaded and the network-dev records")
	lists := filepath.Join("..", "..", "shared", "data", "lists")
	if _, err := os.Stat(lists); err != nil {
		t.Skipf("no real lists at %s: the timings are measured with every list loaded", lists)
	}
	chromiumPath(t)
	network := filepath.Join("..", "..", "shared", "eval", "network-dev")
	if _, err := os.Stat(network); err != nil {
		t.Skipf("no network records at %s", network)
	}
	t0 := time.Now()
	f := newFixture(t, fixtureOptions{lists: []string{lists}, network: network})
	t.Logf("setup (import every list and network-dev, build the index): %s", time.Since(t0).Round(time.Millisecond))
	ctx := context.Background()
	// build the graph before measuring pages (the first request would)
	t1 := time.Now()
	risks, err := f.srv.Networks.Risk(ctx, true, 200)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("graph built and scored: %s", time.Since(t1).Round(time.Millisecond))
	b := newBrowser(t, f.url)
	report := map[string]any{}

	// keystroke → first results painted, for names of the screening dev set
	queries := []string{"Saeed Oo", "Iliana J. R. TERAN", "islamic revolutionary guard", "Rosoboronexport", "Mahan Air",
		"Hong Kong Electronics", "Kim Jong", "Bank Melli", "Sberbank", "Petroleos de Venezuela", "shahed aviation", "Korea Mining"}
	b.open("/search", "#q")
	var lat []float64
	for _, q := range queries {
		head, last := q[:len(q)-1], q[len(q)-1:]
		js := fmt.Sprintf(`(function () {
			var q = document.getElementById('q');
			q.value = %q; q.focus();
			window.__lat = null;
			var t0 = 0;
			q.addEventListener('keydown', function () { t0 = performance.now(); }, {once: true, capture: true});
			var box = document.getElementById('results').parentNode;
			var obs = new MutationObserver(function () {
				obs.disconnect();
				requestAnimationFrame(function () { setTimeout(function () { window.__lat = performance.now() - t0; }, 0); });
			});
			obs.observe(box, {childList: true});
			return true;
		})()`, head)
		eval[bool](b, js)
		b.do("type "+q, chromedp.KeyEvent(last))
		b.waitJS("results for "+q, `window.__lat !== null`)
		lat = append(lat, eval[float64](b, `window.__lat`))
	}
	sort.Float64s(lat)
	report["keystroke_to_paint_ms"] = map[string]float64{"median": round1(lat[len(lat)/2]), "max": round1(lat[len(lat)-1]), "min": round1(lat[0])}
	report["keystroke_queries"] = len(lat)
	t.Logf("keystroke to first results painted (%d queries, 60 ms debounce included): median %.1f ms, min %.1f, max %.1f", len(lat), lat[len(lat)/2], lat[0], lat[len(lat)-1])

	// the entity page with the largest 2-hop neighbourhood (up to 500)
	// among the flagged companies
	all, err := f.srv.Networks.Risk(ctx, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	best, bestN := "", 0
	seen := map[string]bool{}
	for _, r := range all {
		ids := append([]string{"company:" + r.ID}, r.LinkedTo...)
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			v, err := f.srv.Networks.Neighbourhood(ctx, id, 2, 500)
			if err == nil && len(v.Nodes) > bestN {
				best, bestN = id, len(v.Nodes)
			}
		}
	}
	t.Logf("largest 2-hop neighbourhood among %d companies and the listed parties they link to: %s, %d nodes", len(all), best, bestN)
	if best == "" {
		t.Fatal("no flagged company")
	}
	type navTiming struct {
		Response, DOMInteractive, Interactive, Load float64
		Nodes, Edges                                int
	}
	page := func(path string) navTiming {
		b.open(path, "#graph")
		var nt navTiming
		s := eval[string](b, `JSON.stringify((function () { var n = performance.getEntriesByType('navigation')[0];
			return {Response: n.responseEnd, DOMInteractive: n.domInteractive, Interactive: n.domContentLoadedEventEnd, Load: n.loadEventEnd,
				Nodes: document.querySelectorAll('g.n').length, Edges: document.querySelectorAll('line.e').length}; })())`)
		if err := json.Unmarshal([]byte(s), &nt); err != nil {
			t.Fatal(err)
		}
		return nt
	}
	var runs []navTiming
	for i := 0; i < 5; i++ {
		runs = append(runs, page("/entities/"+best))
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].Interactive < runs[j].Interactive })
	m := runs[len(runs)/2]
	report["entity_graph"] = map[string]any{"id": best, "nodes": m.Nodes, "edges": m.Edges, "response_end_ms": round1(m.Response),
		"interactive_ms": round1(m.Interactive), "load_ms": round1(m.Load), "runs": len(runs), "max_interactive_ms": round1(runs[len(runs)-1].Interactive)}
	t.Logf("entity page %s, %d nodes and %d edges within 2 steps: HTML received %.0f ms, interactive (DOMContentLoaded, script run) %.0f ms, load %.0f ms (median of %d; slowest interactive %.0f ms)",
		best, m.Nodes, m.Edges, m.Response, m.Interactive, m.Load, len(runs), runs[len(runs)-1].Interactive)
	// the same entity three steps out, capped at 500 nodes: the drawing at
	// its largest default size
	var big []navTiming
	for i := 0; i < 5; i++ {
		big = append(big, page("/entities/"+best+"?depth=3"))
	}
	sort.Slice(big, func(i, j int) bool { return big[i].Interactive < big[j].Interactive })
	mb := big[len(big)/2]
	report["entity_graph_500"] = map[string]any{"id": best, "depth": 3, "nodes": mb.Nodes, "edges": mb.Edges, "response_end_ms": round1(mb.Response),
		"interactive_ms": round1(mb.Interactive), "max_interactive_ms": round1(big[len(big)-1].Interactive)}
	t.Logf("entity page %s?depth=3, %d nodes and %d edges: HTML received %.0f ms, interactive %.0f ms (median of %d; slowest %.0f ms)",
		best, mb.Nodes, mb.Edges, mb.Response, mb.Interactive, len(big), big[len(big)-1].Interactive)
	b.shot("timing-entity-graph-500")
	// a listed entity's page: its records across all lists, history and network
	var lt []navTiming
	for i := 0; i < 3; i++ {
		lt = append(lt, page("/entities/"+risks[0].Paths[0].To))
	}
	sort.Slice(lt, func(i, j int) bool { return lt[i].Interactive < lt[j].Interactive })
	report["listed_entity"] = map[string]any{"id": risks[0].Paths[0].To, "nodes": lt[1].Nodes, "interactive_ms": round1(lt[1].Interactive)}
	t.Logf("listed entity page %s (%d nodes): interactive %.0f ms (median of 3)", risks[0].Paths[0].To, lt[1].Nodes, lt[1].Interactive)
	b.shot("timing-entity-graph")
	if p := os.Getenv("TRIPLINE_UI_TIMINGS"); p != "" {
		out, _ := json.MarshalIndent(report, "", "  ")
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// timingsWanted skips a timing unless TRIPLINE_UI_TIMING=1 (and not in
// -short mode): each needs minutes of setup, which the suite does not
// spend on figures that are reported, never asserted.
func timingsWanted(t *testing.T, setup string) {
	t.Helper()
	if testing.Short() || os.Getenv("TRIPLINE_UI_TIMING") != "1" {
		t.Skipf("a browser timing (%s): run with TRIPLINE_UI_TIMING=1 to measure it", setup)
	}
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// TestBrowserAlertQueueTiming measures, in the browser, the first page of
// a queue of 100,000 open alerts (written straight into the store, as a
// monitor pass writes them) and a page deep in it: from the navigation to
// the page interactive. Reported, not asserted; skipped unless
// TRIPLINE_UI_TIMING=1.
func TestBrowserAlertQueueTiming(t *testing.T) {
	timingsWanted(t, "100,000 alerts written")
	chromiumPath(t)
	f := newFixture(t, fixtureOptions{noBook: true})
	ctx := context.Background()
	const n, batch = 100000, 5000
	t0 := time.Now()
	if _, err := f.store.StartPass(ctx, tripline.Pass{Book: "bulk", Key: "full:bench", Kind: "full", Snapshots: map[string]int64{}, MatcherVersion: "bench"}); err != nil {
		t.Fatal(err)
	}
	expl := &tripline.Explanation{Summary: "0.91: name 0.91", NameScore: 0.91, Parts: []tripline.PartMatch{{Query: "kaveh", Listed: "kaveh", How: "exact", Score: 1, Weight: 1}}}
	for i := 0; i < n; i += batch {
		b := tripline.ScreeningBatch{Book: "bulk", PassKey: "full:bench"}
		for j := i; j < i+batch; j++ {
			b.Raise = append(b.Raise, tripline.Alert{Book: "bulk", PartyID: fmt.Sprintf("p%06d", j), PartyName: fmt.Sprintf("Party %d Trading", j),
				EntityID: "demo-ofac-sdn:90001", EntityName: "KAVEH SANAT ARYA COMPANY", Source: "demo-ofac-sdn", Programs: []string{"NPWMD"},
				Score: 0.9, Reason: tripline.ReasonNewMatch, Status: tripline.AlertOpen, SnapshotID: 1, MatcherVersion: "bench", Explanation: expl})
		}
		if _, err := f.store.ApplyScreening(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d alerts in %s", n, time.Since(t0).Round(time.Millisecond))
	b := newBrowser(t, f.url)
	measure := func(path string) (server, interactive float64) {
		var s, in []float64
		for i := 0; i < 5; i++ {
			b.open(path, "#queue")
			v := eval[[]float64](b, `(function () { var n = performance.getEntriesByType('navigation')[0]; return [n.responseEnd - n.requestStart, n.domContentLoadedEventEnd]; })()`)
			s, in = append(s, v[0]), append(in, v[1])
		}
		sort.Float64s(s)
		sort.Float64s(in)
		return s[2], in[2]
	}
	s1, i1 := measure("/alerts")
	t.Logf("first page of %d open alerts: request to last byte %.0f ms, interactive %.0f ms (median of 5)", n, s1, i1)
	s2, i2 := measure("/alerts?status=open&after=90000")
	t.Logf("page after alert 90,000: request to last byte %.0f ms, interactive %.0f ms (median of 5)", s2, i2)
	b.shot("timing-alert-queue")
	if p := os.Getenv("TRIPLINE_UI_TIMINGS_ALERTS"); p != "" {
		out, _ := json.MarshalIndent(map[string]any{"alerts": n, "first_page_server_ms": round1(s1), "first_page_interactive_ms": round1(i1),
			"deep_page_server_ms": round1(s2), "deep_page_interactive_ms": round1(i2)}, "", "  ")
		os.WriteFile(p, out, 0o644)
	}
}

// TestBrowserTransferMapTiming measures, in the browser, the transfer map
// of every deal of SIPRI's whole trade register (../shared, as `tripline
// transfers import` reads it) aggregated by supplier–recipient pair: from
// the navigation to the page interactive, and the redraw after a move of
// the year slider. Reported, not asserted; skipped unless
// TRIPLINE_UI_TIMING=1, and without the register.
func TestBrowserTransferMapTiming(t *testing.T) {
	timingsWanted(t, "SIPRI's whole register imported")
	path := filepath.Join("..", "..", "shared", "data", "dualuse", "sipri_trade_register_all_20260518.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no SIPRI register at %s: the map timing needs every deal", path)
	}
	chromiumPath(t)
	f := newFixture(t, fixtureOptions{noBook: true, noWatches: true})
	ctx := context.Background()
	t0 := time.Now()
	ts, err := sipri.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	transfer.MustDefault().Link(ts)
	snap, _, err := f.store.ImportTransfers(ctx, ts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d SIPRI deals in %s", snap.Count, time.Since(t0).Round(time.Millisecond))
	b := newBrowser(t, f.url)
	type navTiming struct {
		Server, Interactive float64
		Flows, Pairs, Bytes int
	}
	var runs []navTiming
	for i := 0; i < 5; i++ {
		b.open("/transfers", "#map")
		s := eval[string](b, `JSON.stringify((function () { var n = performance.getEntriesByType('navigation')[0];
			return {Server: n.responseEnd - n.requestStart, Interactive: n.domContentLoadedEventEnd, Flows: document.querySelectorAll('#map .flow').length,
				Pairs: document.querySelectorAll('table.dyads tbody tr').length, Bytes: n.transferSize || n.encodedBodySize}; })())`)
		var nt navTiming
		if err := json.Unmarshal([]byte(s), &nt); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, nt)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].Interactive < runs[j].Interactive })
	m := runs[len(runs)/2]
	t.Logf("the map of every deal (%d deals, %d pairs drawn, %d rows in the table, %d bytes): request to last byte %.0f ms, interactive %.0f ms (median of %d; slowest %.0f ms)",
		snap.Count, m.Flows, m.Pairs, m.Bytes, m.Server, m.Interactive, len(runs), runs[len(runs)-1].Interactive)
	b.shot("timing-transfer-map")
	// a move of the slider: the input event to the new map painted
	var redraw []float64
	for i := 0; i < 5; i++ {
		b.open("/transfers", "#map")
		eval[bool](b, `(function () {
			window.__lat = null;
			var view = document.getElementById('transfers-view'), box = view.parentNode, s = document.getElementById('t-since');
			var obs = new MutationObserver(function () { obs.disconnect(); requestAnimationFrame(function () { setTimeout(function () { window.__lat = performance.now() - t0; }, 0); }); });
			obs.observe(box, {childList: true});
			var t0 = performance.now();
			s.value = String(+s.min + 10);
			s.dispatchEvent(new Event('input', {bubbles: true}));
			return true;
		})()`)
		b.waitJS("the redraw", `window.__lat !== null`)
		redraw = append(redraw, eval[float64](b, `window.__lat`))
	}
	sort.Float64s(redraw)
	t.Logf("year slider moved to the map redrawn (150 ms debounce included): median %.0f ms, max %.0f ms (5 runs)", redraw[2], redraw[4])
	if p := os.Getenv("TRIPLINE_UI_TIMINGS_MAP"); p != "" {
		out, _ := json.MarshalIndent(map[string]any{"deals": snap.Count, "flows": m.Flows, "pairs": m.Pairs, "bytes": m.Bytes, "server_ms": round1(m.Server),
			"interactive_ms": round1(m.Interactive), "max_interactive_ms": round1(runs[len(runs)-1].Interactive), "slider_redraw_ms": round1(redraw[2])}, "", "  ")
		os.WriteFile(p, out, 0o644)
	}
}
