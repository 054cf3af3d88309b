package webui

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Browser tests: Debian's Chromium (never a downloaded browser), driven by
// chromedp, against the fixture server on loopback. They skip, saying so,
// where no Chromium is installed; on CI scripts/test installs it
// (scripts/browser-setup) and sets TRIPLINE_UI_REQUIRED=1, so there a
// missing browser fails them instead. The accessibility test also needs
// axe-core, which scripts/browser-setup installs from the npm registry
// into a cache outside the repository.
//
// Every test fails on a console error or an uncaught exception. The
// screenshots of every page go to a temporary folder, or with -update (or
// TRIPLINE_UI_SCREENSHOTS=DIR) into docs/ui (DIR).

var update = flag.Bool("update", false, "write the browser tests' screenshots into docs/ui")

// axeVersion is the axe-core release scripts/test installs.
const axeVersion = "4.14.1"

func chromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("TRIPLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if browserRequired() {
		t.Fatal("no Chromium, and TRIPLINE_UI_REQUIRED is set (scripts/test sets it on CI after scripts/browser-setup): the browser tests must run here")
	}
	t.Skip("no Chromium: install Debian's chromium package (apt-get install chromium; scripts/test does on CI) to run the browser tests")
	return ""
}

// browserRequired is true where the browser tests must run rather than
// skip: on CI, where scripts/test has installed Chromium and axe-core.
func browserRequired() bool { return os.Getenv("TRIPLINE_UI_REQUIRED") == "1" }

// axePath is where scripts/test installs axe-core.
func axePath() string {
	if p := os.Getenv("TRIPLINE_AXE"); p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "tripline-ui", "node_modules", "axe-core", "axe.min.js")
}

// screenshotDir is where the screenshots go.
func screenshotDir(t testing.TB) string {
	if d := os.Getenv("TRIPLINE_UI_SCREENSHOTS"); d != "" {
		return d
	}
	if *update {
		return filepath.Join("..", "docs", "ui")
	}
	return browserTemp
}

var browserTemp string

func TestMain(m *testing.M) {
	flag.Parse()
	d, err := os.MkdirTemp("", "tripline-ui-shots-")
	if err != nil {
		panic(err)
	}
	browserTemp = d
	code := m.Run()
	os.Exit(code)
}

// browser is one Chromium with one tab, and the console messages that
// were errors.
type browser struct {
	t    testing.TB
	ctx  context.Context
	base string

	mu   sync.Mutex
	errs []string
}

func newBrowser(t testing.TB, base string) *browser {
	t.Helper()
	exe := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	// On a loaded machine Chromium now and then exits while it starts
	// (seen at a load of 13 on 2 cores): try three times before failing.
	var ctx context.Context
	for try := 1; ; try++ {
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		c, cancel := chromedp.NewContext(actx)
		c, cancelT := context.WithTimeout(c, 3*time.Minute)
		err := chromedp.Do(c, chromedp.EmulateViewport(1280, 900))
		if err == nil {
			ctx = c
			t.Cleanup(func() { cancelT(); cancel(); cancelA() })
			break
		}
		cancelT()
		cancel()
		cancelA()
		if try == 3 {
			t.Fatalf("cannot start Chromium (%s), tried %d times: %v", exe, try, err)
		}
		t.Logf("Chromium did not start (try %d): %v", try, err)
		time.Sleep(time.Second)
	}
	b := &browser{t: t, ctx: ctx, base: base}
	// a headless tab has no window focus: without this, focusing an
	// element fires no focus event
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || m.Type == "assert" {
				b.mu.Lock()
				b.errs = append(b.errs, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line))
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(100 * time.Millisecond) // let the last messages arrive
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, e := range b.errs {
			t.Errorf("browser console: %s", e)
		}
	})
	return b
}

// forgive drops the console's report of a page that came with an error
// status the test asked for (a form refused and shown again): Chromium
// logs the status itself as an error.
func (b *browser) forgive(status string) {
	time.Sleep(100 * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.errs[:0]
	for _, e := range b.errs {
		if !strings.Contains(e, "status of "+status) {
			kept = append(kept, e)
		}
	}
	b.errs = kept
}

// do runs actions and fails the test on an error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) open(path string, waitFor string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(waitFor)))
	b.waitJS("the page loaded", `document.readyState === 'complete'`)
}

// eval evaluates a script (awaiting a promise) into v.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %.80s: %v", js, err)
	}
	return v
}

// waitJS waits until a script is true.
func (b *browser) waitJS(what, js string) {
	b.t.Helper()
	// a navigation while polling destroys the page's context: poll again
	// in the new page until the deadline
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(time.Until(deadline)), chromedp.WithPollingInterval(20*time.Millisecond)))
		if err == nil {
			return
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil || !strings.Contains(err.Error(), "-32000") {
			b.t.Fatalf("waiting for %s: %v", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// shot writes a full-page screenshot named name.png.
func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := screenshotDir(b.t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", p)
}

// TestBrowserSearchToPath: type a name, see hits as one types, narrow by a
// facet, open the entity, its network, a node, and the path from a
// company to the listed party with each step's evidence; keyboard only
// for the triage and the drawing.
func TestBrowserSearchToPath(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := newBrowser(t, f.url)
	b.open("/search", "#q")
	b.shot("search-empty")
	b.do("type", chromedp.SendKeys(chromedp.CSS("#q"), "kaveh sanat"))
	b.waitJS("type-ahead hits", `document.querySelectorAll('#results .hit').length >= 3 && document.querySelector('#summary q').textContent === 'kaveh sanat'`)
	if loc := eval[string](b, `location.pathname + location.search`); loc != "/search?q=kaveh+sanat&type=" {
		t.Errorf("the address follows the query: %s", loc)
	}
	b.shot("search")
	// keyboard triage: arrows move through the hits, Enter opens one
	b.do("arrow down", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	if got := eval[string](b, `document.activeElement.className + ' ' + document.activeElement.textContent`); !strings.HasPrefix(got, "hit-name") {
		t.Errorf("no hit focused by the arrows: %q", got)
	}
	b.do("escape", chromedp.KeyEvent(kb.Escape))
	if got := eval[string](b, `document.activeElement.id`); got != "q" {
		t.Errorf("Escape returns to the box, focus on %q", got)
	}
	// a facet narrows the hits
	b.do("facet", chromedp.Click(chromedp.CSS(`.facets a[href*="source=demo-ofac-sdn"]`)), chromedp.WaitVisible(chromedp.CSS(`.filters`)))
	if n := eval[int](b, `document.querySelectorAll('#results .hit').length`); n != 1 {
		t.Errorf("%d hits with the demo-ofac-sdn facet, want 1", n)
	}
	b.shot("search-facet")
	b.do("open the hit", chromedp.Click(chromedp.CSS(`#results .hit-name`)), chromedp.WaitVisible(chromedp.CSS(`#graph`)))
	if h := b.text("h1"); h != "KAVEH SANAT ARYA COMPANY" {
		t.Errorf("entity page h1 %q", h)
	}
	for _, w := range []string{"demo-eu-fsf", "demo-un-sc"} {
		if !strings.Contains(b.text(".others"), w) {
			t.Errorf("the other records lack %s", w)
		}
	}
	b.shot("entity")
	// the network: select the company that shipped to the listed party
	b.do("select a node", chromedp.Click(chromedp.CSS(`g.n[data-id="company:c001"] circle`)), chromedp.WaitVisible(chromedp.CSS(`#node-panel h3`)))
	if h := b.text("#node-panel h3"); h != "Bright Harbor Components Limited" {
		t.Errorf("panel shows %q", h)
	}
	b.waitJS("the path highlighted", `document.querySelectorAll('line.e.hl').length > 0 && document.querySelector('.path.hl') !== null`)
	if ev := b.text(".path.hl .steps"); !strings.Contains(ev, "shipped once to KAVEH SANAT ARYA COMPANY") {
		t.Errorf("the path's evidence: %q", ev)
	}
	b.shot("entity-path")
	// keyboard in the drawing: arrows choose nodes, E expands
	b.do("focus the drawing", chromedp.Focus(chromedp.CSS(".graph-frame")), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if eval[int](b, `document.querySelectorAll('g.n.sel').length`) != 1 {
		t.Errorf("the arrow keys select no node")
	}
	// a company's page: its risk and its path to the listed person
	b.open("/entities/company:c004", "#graph")
	if !strings.Contains(strings.ToLower(b.text(".risk-line")), "flagged") {
		t.Errorf("c004 not flagged: %q", b.text(".risk-line"))
	}
	b.do("focus a path", chromedp.Focus(chromedp.CSS("#path-1")))
	b.waitJS("path 1 highlighted", `document.querySelectorAll('line.e.hl').length >= 2`)
	b.shot("company")
	// expand a node: its neighbours join the drawing
	before := eval[int](b, `document.querySelectorAll('g.n').length`)
	b.do("expand", chromedp.Click(chromedp.CSS(`g.n[data-id="person:p001"] circle`)), chromedp.WaitVisible(chromedp.CSS(`#node-panel a.expand`)),
		chromedp.Click(chromedp.CSS(`#node-panel a.expand`)), chromedp.WaitVisible(chromedp.CSS(`.expanded`)))
	if after := eval[int](b, `document.querySelectorAll('g.n').length`); after <= before {
		t.Errorf("expanding p001: %d nodes, before %d", after, before)
	}
	if loc := eval[string](b, `location.search`); !strings.Contains(loc, "expand=person%3Ap001") {
		t.Errorf("the expanded view is not in the address: %s", loc)
	}
	b.shot("company-expanded")
}

// TestBrowserOrderCheck: the order form, filled and sent, shows the
// decision with its red flags and goods.
func TestBrowserOrderCheck(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := newBrowser(t, f.url)
	b.open("/check", "#p1-name")
	b.shot("check-form")
	b.do("fill",
		chromedp.SendKeys(chromedp.CSS("#o-id"), "demo-1"),
		chromedp.SendKeys(chromedp.CSS("#p0-name"), "Example Elektronik GmbH"),
		chromedp.SendKeys(chromedp.CSS("#p0-country"), "DE"),
		chromedp.SendKeys(chromedp.CSS("#p1-name"), "Golden Crescent General Trading"),
		chromedp.SendKeys(chromedp.CSS("#p1-country"), "AE"),
		chromedp.SendKeys(chromedp.CSS("#p2-name"), "Shahab Alborz Industrial Group"),
		chromedp.SendKeys(chromedp.CSS("#p2-country"), "IR"),
		chromedp.SetValue(chromedp.CSS("#p3-role"), "freight_forwarder"),
		chromedp.SendKeys(chromedp.CSS("#p3-name"), "Gulf Link Shipping LLC"),
		chromedp.SendKeys(chromedp.CSS("#i0-d"), "Microcontroller"),
		chromedp.SendKeys(chromedp.CSS("#i0-pn"), "STM32F765VIT6TR"),
		chromedp.SendKeys(chromedp.CSS("#i0-q"), "2000"),
		chromedp.SendKeys(chromedp.CSS("#i1-d"), "GNSS patch antenna"),
		chromedp.SendKeys(chromedp.CSS("#r-o"), "DE"),
		chromedp.SendKeys(chromedp.CSS("#r-t"), "AE"),
		chromedp.SendKeys(chromedp.CSS("#r-d"), "IR"),
		chromedp.SendKeys(chromedp.CSS("#eu"), "for resale"),
		chromedp.Click(chromedp.CSS(`.order-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".decision")),
	)
	if r := b.text(".decision h3 .risk"); r != "HIGH" && r != "high" {
		t.Errorf("risk %q", r)
	}
	flags := b.text(".flags")
	for _, w := range []string{"party_match", "chpl_item"} {
		if !strings.Contains(flags, w) {
			t.Errorf("no %s flag in %q", w, flags)
		}
	}
	if g := b.text(".goods"); !strings.Contains(g, "tier 1") {
		t.Errorf("goods: %q", g)
	}
	b.shot("check-decision")
}

// TestBrowserSourcesAndBatch: the sources, a source's history and delta,
// and a pasted list screened with its progress and downloads.
func TestBrowserSourcesAndBatch(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := newBrowser(t, f.url)
	b.open("/sources", "table.sources")
	b.shot("sources")
	b.do("a source", chromedp.Click(chromedp.CSS(`table.sources a[href="/sources/demo-ofac-sdn"]`)), chromedp.WaitVisible(chromedp.CSS("table.snapshots")))
	b.shot("source")
	b.do("its delta", chromedp.Click(chromedp.CSS(`table.snapshots a[href*="/delta"]`)), chromedp.WaitVisible(chromedp.CSS("#changed-h")))
	if s := b.text("main"); !strings.Contains(s, "NOVA SPECTRUM ELECTRONICS FZCO") {
		t.Errorf("the delta lacks the new listing")
	}
	b.shot("delta")
	b.open("/entities/demo-ofac-sdn:90005", ".history")
	if h := b.text(".history"); !strings.Contains(h, "changed: names") {
		t.Errorf("history: %q", h)
	}
	b.open("/search", "#names")
	b.do("paste and screen",
		chromedp.SendKeys(chromedp.CSS("#names"), "Kaveh Sanat Arya Company\nZhang Wei\nAlborz Marine Lines\nNobody In Particular\n"),
		chromedp.Click(chromedp.CSS(".batch button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#job")))
	b.waitJS("the run done", `document.querySelector('.downloads') !== null`)
	if s := b.text("#job-line"); !strings.Contains(s, "4 rows screened, 3 with a match") {
		t.Errorf("job line %q", s)
	}
	b.shot("screen-done")
	b.open("/signin", "#key")
	b.shot("signin")
	b.open("/entities/demo-ofac-sdn:404040", "h1")
	b.shot("not-found")
	// the not-found page is an error page, not a console error: the 404
	// status itself is reported by the browser as one, so forget it
	b.mu.Lock()
	kept := b.errs[:0]
	for _, e := range b.errs {
		if !strings.Contains(e, "404") {
			kept = append(kept, e)
		}
	}
	b.errs = kept
	b.mu.Unlock()
}

// TestBrowserAlerts: the queue of the book's alerts, triaged from the
// keyboard: down the queue, open one, the party beside the listed record
// with the matched words marked, on to the next alert and back.
func TestBrowserAlerts(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := newBrowser(t, f.url)
	b.open("/alerts", "#queue")
	if n := eval[int](b, `document.querySelectorAll('#queue tbody tr').length`); n < 5 {
		t.Fatalf("%d alerts in the queue", n)
	}
	b.shot("alerts")
	b.do("triage", chromedp.KeyEvent("j"), chromedp.KeyEvent("j"))
	if got := eval[string](b, `document.querySelector('#queue tr.kbd a').textContent`); got != "2" {
		t.Errorf("j j selects alert %q, want 2", got)
	}
	b.do("open", chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("table.compare")))
	b.waitJS("the alert page", `document.readyState === 'complete' && location.pathname === '/alerts/2'`)
	if n := eval[int](b, `document.querySelectorAll('table.compare mark').length`); n == 0 {
		t.Errorf("no matched word marked")
	}
	b.shot("alert")
	b.do("next", chromedp.KeyEvent("n"))
	b.waitJS("the next alert", `location.pathname === '/alerts/3' && document.readyState === 'complete'`)
	b.do("queue", chromedp.KeyEvent("q"))
	b.waitJS("back to the queue", `location.pathname === '/alerts' && document.readyState === 'complete'`)
	// the click starts a navigation: wait for the filtered page itself
	// (the queue page before it already has the elements a filtered one
	// shows), bounded by waitJS's deadline
	b.do("filter", chromedp.SetValue(chromedp.CSS("#f-reason"), "delisted"), chromedp.Click(chromedp.CSS(".filters-form button")))
	b.waitJS("the filtered queue in the address", `location.search.includes('reason=delisted') && document.readyState === 'complete'`)
	if bad := eval[int](b, `[...document.querySelectorAll('#queue tbody .reason')].filter(e => e.textContent !== 'delisted').length`); bad != 0 {
		t.Errorf("%d alerts of another reason in the queue filtered by reason=delisted", bad)
	}
}

// axeResult is one violation axe-core reports.
type axeResult struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeSource is axe-core's script, or skips the test (fails it on CI)
// where it is not installed.
func axeSource(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile(axePath())
	if err != nil && browserRequired() {
		t.Fatalf("axe-core not installed at %s, and TRIPLINE_UI_REQUIRED is set: scripts/browser-setup installs it", axePath())
	}
	if err != nil {
		t.Skipf("axe-core not installed at %s: run scripts/test (or npm install --prefix ~/.cache/tripline-ui axe-core@%s) to check accessibility", axePath(), axeVersion)
	}
	return src
}

// axe runs axe-core (src) on the page as it is (WCAG 2.1 A and AA rules
// and best practices) and fails the test on each violation.
func (b *browser) axe(src []byte, name string) {
	t := b.t
	t.Helper()
	run := `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}).then(function (r) {
		return JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); })}; })});
	})`
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	out := eval[string](b, run)
	var res struct {
		Passes     int         `json:"passes"`
		Violations []axeResult `json:"violations"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if res.Passes == 0 {
		t.Errorf("%s: axe-core checked nothing", name)
	}
	t.Logf("%s: %d axe rules pass, %d violated", name, res.Passes, len(res.Violations))
	for _, v := range res.Violations {
		t.Errorf("%s: axe %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
	}
}

// TestBrowserAccessibility runs axe-core on every page (WCAG 2.1 A and AA
// rules and best practices): none may report a violation.
func TestBrowserAccessibility(t *testing.T) {
	src := axeSource(t)
	f := newFixture(t, fixtureOptions{})
	get(t, f.client(t), f.url+"/search")
	b := newBrowser(t, f.url)
	pages := []struct{ path, wait string }{
		{"/search", "#q"},
		{"/search?q=kaveh+sanat", "#results .hit"},
		{"/search?q=kaveh+sanat&source=demo-ofac-sdn", ".filters"},
		{"/entities/demo-ofac-sdn:90001", "#graph"},
		{"/entities/demo-ofac-sdn:90005", "#graph"},
		{"/entities/demo-ofac-sdn:90025", "h1"},
		{"/entities/company:c002?expand=company:c004", "#graph"},
		{"/check", "#p1-name"},
		{"/sources", "table.sources"},
		{"/sources/demo-ofac-sdn", "table.snapshots"},
		{"/sources/demo-ofac-sdn/delta", "#changed-h"},
		{"/signin", "#key"},
		{"/alerts", "#queue"},
		{"/alerts/2", "table.compare"},
		{"/watches", "#watch-form"},
		{"/watches/1", ".fire"},
		{"/watches/3", "h1"},
		{"/watches/4", ".fire"},
		{"/books", "table.books"},
		{"/books/customers", "table.parties"},
		{"/transfers", "#map"},
		{"/transfers?supplier=IR&recipient=VE", "table.deals"},
		{"/systems", "table"},
		{"/systems/shahed-136", "#tr-h"},
		{"/systems/zolfaghar-fac", "#tr-h"},
		{"/articles", "table"},
		{"/articles/" + firstArticle(t, f), ".article-text"},
	}
	check := func(name string) { t.Helper(); b.axe(src, name) }
	for _, p := range pages {
		b.open(p.path, p.wait)
		check(p.path)
	}
	// states the script makes: a selected node, open explanations, a
	// decision, a finished screening run
	b.open("/entities/demo-ofac-sdn:90001", "#graph")
	b.do("select", chromedp.Click(chromedp.CSS(`g.n[data-id="company:c001"] circle`)), chromedp.WaitVisible(chromedp.CSS("#node-panel h3")))
	check("entity with a node selected")
	b.open("/search?q=moradi", "#results .hit")
	eval[chromedp.Void](b, `document.querySelectorAll('details').forEach(function (d) { d.open = true; })`)
	check("search with explanations open")
	b.open("/check", "#p1-name")
	b.do("check", chromedp.SendKeys(chromedp.CSS("#p1-name"), "Zagros Sky Cargo"), chromedp.Click(chromedp.CSS(`.order-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".decision")))
	eval[chromedp.Void](b, `document.querySelectorAll('details').forEach(function (d) { d.open = true; })`)
	check("order decision")
	b.open("/search", "#names")
	b.do("screen", chromedp.SendKeys(chromedp.CSS("#names"), "Zhang Wei\n"), chromedp.Click(chromedp.CSS(".batch button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#job")))
	b.waitJS("the run done", `document.querySelector('.downloads') !== null`)
	check("screening run")
	b.open("/watches", "#watch-form")
	b.do("a bad watch", chromedp.SendKeys(chromedp.CSS("#w-value"), "x"), chromedp.SendKeys(chromedp.CSS("#w-threshold"), "9"+kb.Enter))
	b.waitJS("the refusal", `document.getElementById('watch-error') !== null && document.readyState === 'complete'`)
	check("a watch refused")
	b.forgive("400")
	b.open("/transfers", "#map")
	eval[bool](b, `(function () { document.querySelector('#map .land[data-code=IR]').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true; })()`)
	check("transfers with a country selected")
}
