package webui

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserWatchesAndBooks: a watch added from the keyboard alone (a
// bad one first, refused with the reason next to the form), its page,
// removed again; the books, a book's parties with their open alerts, on
// to an alert.
func TestBrowserWatchesAndBooks(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	b := newBrowser(t, f.url)
	b.open("/watches", "#watch-form")
	b.shot("watches")
	// keyboard only: focus the value box, type, Enter submits
	b.do("a bad watch", chromedp.Focus(chromedp.CSS("#w-value")), chromedp.SendKeys(chromedp.CSS("#w-value"), "Zhang Wei"),
		chromedp.Focus(chromedp.CSS("#w-threshold")), chromedp.SendKeys(chromedp.CSS("#w-threshold"), "7"+kb.Enter))
	b.waitJS("the refusal", `document.getElementById('watch-error') !== null && document.readyState === 'complete'`)
	if e := b.text("#watch-error"); !strings.Contains(e, "threshold") {
		t.Errorf("the refusal says %q", e)
	}
	if v := eval[string](b, `document.getElementById('w-value').value`); v != "Zhang Wei" {
		t.Errorf("the form lost the value: %q", v)
	}
	b.shot("watches-refused")
	b.forgive("400")
	b.do("fix it", chromedp.Focus(chromedp.CSS("#w-threshold")), chromedp.KeyEvent(kb.Backspace), chromedp.SendKeys(chromedp.CSS("#w-threshold"), "0.9"),
		chromedp.Focus(chromedp.CSS("#w-label")), chromedp.SendKeys(chromedp.CSS("#w-label"), "Zhang Wei, 0.9"+kb.Enter))
	b.waitJS("the new watch's page", `location.pathname === '/watches/5' && document.readyState === 'complete'`)
	if h := b.text("h1"); h != "Zhang Wei, 0.9" {
		t.Errorf("watch page h1 %q", h)
	}
	b.open("/watches/1", ".fire")
	if n := eval[int](b, `document.querySelectorAll('table.diff ins').length`); n != 1 {
		t.Errorf("%d values marked added in Moradi's record, want 1", n)
	}
	b.shot("watch")
	// a country pair's firings: the register rows and the claims
	b.open("/watches/4", ".fire")
	if n := eval[int](b, `document.querySelectorAll('.fire').length`); n != 6 {
		t.Errorf("%d firings of IR:VE, want 6", n)
	}
	b.shot("watch-pair")
	// remove the new one: Tab to its button, Enter
	b.open("/watches", "#watch-form")
	b.do("remove", chromedp.Focus(chromedp.CSS(`form[action="/watches/5/delete"] button`)), chromedp.KeyEvent(kb.Enter))
	b.waitJS("the watch removed", `document.readyState === 'complete' && document.querySelector('form[action="/watches/5/delete"]') === null && document.querySelectorAll('table.watches tbody tr').length === 4`)
	// books
	b.open("/books", "table.books")
	b.shot("books")
	b.do("a book", chromedp.Click(chromedp.CSS(`a[href="/books/customers"]`)), chromedp.WaitVisible(chromedp.CSS("table.parties")))
	if n := eval[int](b, `document.querySelectorAll('table.parties tr.has-alert').length`); n != 3 {
		t.Errorf("%d parties with open alerts, want 3", n)
	}
	b.shot("book")
	b.do("an alert", chromedp.Click(chromedp.CSS(`table.parties a[href="/alerts/4"]`)), chromedp.WaitVisible(chromedp.CSS("table.compare")))
	if !strings.Contains(b.text("main"), "Farhad MORADI") {
		t.Errorf("alert 4 is not Farhad MORADI's")
	}
}
