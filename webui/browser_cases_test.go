package webui

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCase: two reviewers sign in with their API keys. Alice
// decides two alerts true matches; she gets no approval form for her own
// decisions; Bob approves the first and rejects the second with a note;
// the first shows approved with both in its audit trail, the second is
// back with Alice to decide again. axe-core checks each state.
func TestBrowserCase(t *testing.T) {
	src := axeSource(t)
	f := newFixture(t, fixtureOptions{})
	keys := caseUsers(t, f)
	b := newBrowser(t, f.url)
	signIn := func(who string) {
		t.Helper()
		b.open("/signin", "#key")
		b.do("sign in as "+who, chromedp.SendKeys(chromedp.CSS("#key"), keys[who]), chromedp.Submit(chromedp.CSS("#key")))
		b.waitJS("signed in", `location.pathname === '/search' && document.readyState === 'complete'`)
		if s := b.text(".who"); !strings.Contains(s, who) {
			t.Fatalf("signed in as %q, want %s", s, who)
		}
	}
	signOut := func() {
		t.Helper()
		b.do("sign out", chromedp.Click(chromedp.CSS(`.who form[action="/signout"] button`)))
		b.waitJS("signed out", `location.pathname === '/signin' && document.readyState === 'complete'`)
	}
	decide := func(id, rationale string) {
		t.Helper()
		b.open("/alerts/"+id, "#decide-form")
		b.do("decide "+id, chromedp.Click(chromedp.CSS(`label[for="d-true_match"]`)), chromedp.SendKeys(chromedp.CSS("#rationale"), rationale), chromedp.Click(chromedp.CSS("#decide")))
		b.waitJS("the decision recorded", `location.search === '?done=decided' && document.readyState === 'complete'`)
	}
	state := func() string { t.Helper(); return b.text("#case-state") }

	signIn("alice")
	b.open("/alerts/3", "#decide-form")
	b.shot("case-open")
	b.axe(src, "an open alert's case")
	decide("3", "Same company: the name and country agree and the listed record gives the party's address.")
	if s := state(); !strings.Contains(s, "Awaiting approval by another reviewer") {
		t.Errorf("after alice's decision the state is %q", s)
	}
	if n := eval[int](b, `document.querySelectorAll('#approve, #reject, #review-form').length`); n != 0 {
		t.Errorf("alice is offered the approval of her own decision")
	}
	if s := b.text("#no-review"); !strings.Contains(s, "You made this decision") {
		t.Errorf("alice is told %q", s)
	}
	b.shot("case-pending")
	b.axe(src, "a decision awaiting approval")
	decide("4", "The passport number and birth date agree with the listed person.")
	signOut()

	signIn("bob")
	b.open("/alerts/3", "#review-form")
	b.do("approve", chromedp.SendKeys(chromedp.CSS("#note"), "Agreed, the address settles it."), chromedp.Click(chromedp.CSS("#approve")))
	b.waitJS("approved", `location.search === '?done=approved' && document.readyState === 'complete'`)
	if s := state(); !strings.Contains(s, "Approved") || !strings.Contains(s, "approved by bob") {
		t.Errorf("after bob's approval the state is %q", s)
	}
	audit := b.text("table.audit")
	for _, w := range []string{"alert decided", "alert approved", "alice", "bob"} {
		if !strings.Contains(audit, w) {
			t.Errorf("the audit trail lacks %q: %s", w, audit)
		}
	}
	if !strings.Contains(b.text("#chain-state"), "✓") {
		t.Errorf("chain state %q", b.text("#chain-state"))
	}
	b.do("verify the log", chromedp.Click(chromedp.CSS("#verify-log")))
	b.waitJS("the log verified", `location.search === '?verify=log' && document.readyState === 'complete'`)
	if s := b.text("#chain-state"); !strings.Contains(s, "The whole log verifies") {
		t.Errorf("whole-log verification: %q", s)
	}
	b.shot("case-approved")
	b.axe(src, "an approved case")
	b.open("/alerts/4", "#review-form")
	b.do("reject", chromedp.SendKeys(chromedp.CSS("#note"), "The birth year differs by ten years: look again."), chromedp.Click(chromedp.CSS("#reject")))
	b.waitJS("rejected", `location.search === '?done=rejected' && document.readyState === 'complete'`)
	if s := state(); !strings.Contains(s, "Rejected") || !strings.Contains(s, "look again") {
		t.Errorf("after bob's rejection the state is %q", s)
	}
	signOut()

	signIn("alice")
	b.open("/alerts/4", "#decide-form")
	if s := state(); !strings.Contains(s, "assigned to alice") {
		t.Errorf("the rejected alert, to alice: %q", s)
	}
	if a := b.text("table.audit"); !strings.Contains(a, "alert rejected") {
		t.Errorf("the audit trail lacks the rejection: %s", a)
	}
	b.shot("case-rejected")
	b.axe(src, "a rejected decision back with its decider")
}
