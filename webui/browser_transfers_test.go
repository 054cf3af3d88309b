package webui

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserTransfers: the transfer map redrawn by the year slider (from
// the keyboard) and the system filter, a country selected on the map, a
// pair focused in the table lighting its flow, then a deal's system page
// and the article that reported it, with its claims marked in the text.
func TestBrowserTransfers(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := newBrowser(t, f.url)
	b.open("/transfers", "#map")
	if n := eval[int](b, `document.querySelectorAll('#map .flow').length`); n != 5 {
		t.Errorf("%d flows on the map, want 5", n)
	}
	b.shot("transfers")
	// the slider from the keyboard: End takes "from" to the last year, the
	// "to" end follows, and the map is redrawn in place
	b.do("slide", chromedp.Focus(chromedp.CSS("#t-since")), chromedp.KeyEvent(kb.End))
	b.waitJS("the map redrawn for 2025", `location.search.indexOf('since=2025') >= 0 && document.querySelector('.map-box figcaption').textContent.indexOf('2025–2025') >= 0`)
	if got := eval[string](b, `document.getElementById('t-until-out').value + ' ' + document.getElementById('t-since-out').value`); got != "2025 2025" {
		t.Errorf("the outputs show %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll('#map .flow').length`); n != 1 {
		t.Errorf("%d flows in 2025, want 1", n)
	}
	b.do("slide back", chromedp.KeyEvent(kb.Home))
	b.waitJS("the map redrawn from 2011", `location.search.indexOf('since=2011') >= 0 && document.querySelectorAll('#map .flow').length === 5`)
	// the system filter
	b.do("system", chromedp.Focus(chromedp.CSS("#t-system")))
	eval[bool](b, `(function () { var s = document.getElementById('t-system'); s.value = 'zolfaghar-fac'; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	b.waitJS("the zolfaghar-fac deals", `location.search.indexOf('system=zolfaghar-fac') >= 0 && document.getElementById('deals-h') !== null`)
	b.open("/transfers", "#map")
	// a country selected on the map lights its flows and offers filters
	eval[bool](b, `(function () { document.querySelector('#map .land[data-code=IR]').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true; })()`)
	if p := b.text("#map-panel"); !strings.Contains(p, "Iran: supplies 4") || !strings.Contains(p, "deliveries from Iran") {
		t.Errorf("the panel says %q", p)
	}
	if n := eval[int](b, `document.querySelectorAll('#map .flow.hl').length`); n != 4 {
		t.Errorf("%d flows lit for Iran, want 4", n)
	}
	b.shot("transfers-country")
	// the flows by keyboard: one tab stop, the largest flow; the arrow
	// keys move along them, each lit and drawn in the focus colour; Enter
	// opens the pair's deals
	if n := eval[int](b, `document.querySelectorAll('#map a.flow-a[tabindex="0"]').length`); n != 1 {
		t.Errorf("%d flows in the tab order, want 1 (the arrow keys reach the rest)", n)
	}
	b.do("focus the map", chromedp.Focus(chromedp.CSS(`#map a.flow-a[tabindex="0"]`)))
	first := eval[string](b, `document.activeElement.querySelector('title').textContent`)
	if p := b.text("#map-panel"); !strings.HasPrefix(p, first) {
		t.Errorf("the panel says %q for the focused flow %q", p, first)
	}
	b.do("next flow", chromedp.KeyEvent(kb.ArrowRight))
	if got := eval[string](b, `document.activeElement.querySelector('title').textContent`); got == first || !strings.Contains(got, "→") {
		t.Errorf("ArrowRight moved from %q to %q", first, got)
	}
	if got := eval[string](b, `(function () { var f = document.activeElement.querySelector('.flow'); return document.querySelectorAll('#map .flow.hl').length + ' ' + getComputedStyle(f).stroke; })()`); got != "1 rgb(194, 84, 0)" {
		t.Errorf("the focused flow: %q lit and its stroke, want 1 in the focus colour", got)
	}
	b.shot("transfers-keyboard")
	b.do("open the flow", chromedp.KeyEvent(kb.Enter))
	b.waitJS("the flow's deals", `location.search.indexOf('supplier=') >= 0 && document.getElementById('deals-h') !== null`)
	b.open("/transfers", "#map")
	// Tab to a pair in the table: its flow alone is lit
	b.do("focus a pair", chromedp.Focus(chromedp.CSS(`table.dyads tr[data-to="VE"] a`)))
	if got := eval[string](b, `Array.prototype.map.call(document.querySelectorAll('#map .flow.hl'), function (f) { return f.dataset.from + '>' + f.dataset.to; }).join(' ')`); got != "IR>VE" {
		t.Errorf("lit flows %q, want IR>VE", got)
	}
	b.do("open the pair", chromedp.KeyEvent(kb.Enter))
	b.waitJS("the pair's deals", `location.search.indexOf('recipient=VE') >= 0 && document.getElementById('deals-h') !== null`)
	b.do("a deal's system", chromedp.Click(chromedp.CSS(`table.deals a[href="/systems/zolfaghar-fac"]`)), chromedp.WaitVisible(chromedp.CSS("#tr-h")))
	if h := b.text("h1"); !strings.Contains(h, "Zolfaghar-class") {
		t.Errorf("system page h1 %q", h)
	}
	b.shot("system")
	b.do("the article", chromedp.Click(chromedp.CSS(`.claims a[href^="/articles/"]`)), chromedp.WaitVisible(chromedp.CSS(".article-text")))
	if n := eval[int](b, `document.querySelectorAll('.article-text mark.x-claim').length`); n < 3 {
		t.Errorf("%d claims marked in the text", n)
	}
	if n := eval[int](b, `document.querySelectorAll('.article-text a.x-party').length`); n == 0 {
		t.Errorf("the listed party is not marked")
	}
	b.shot("article")
	b.open("/systems", "table")
	b.shot("systems")
	b.open("/articles", "table")
	b.shot("articles")
}
