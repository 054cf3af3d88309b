package webui

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// caseUsers adds the users of the case tests (an admin, two reviewers, an
// analyst) and a key of no user, and returns their keys by name.
func caseUsers(t testing.TB, f *fixture) map[string]string {
	t.Helper()
	ctx := context.Background()
	keys := map[string]string{}
	_, k, _, err := f.store.AddUser(ctx, "chief", tripline.RoleAdmin, tripline.Principal{Name: "setup"})
	if err != nil {
		t.Fatal(err)
	}
	keys["chief"] = k
	chief := tripline.Principal{Name: "chief", User: "chief", Role: tripline.RoleAdmin}
	for _, u := range []struct {
		name string
		role tripline.Role
	}{{"alice", tripline.RoleReviewer}, {"bob", tripline.RoleReviewer}, {"rita", tripline.RoleAnalyst}} {
		_, k, _, err := f.store.AddUser(ctx, u.name, u.role, chief)
		if err != nil {
			t.Fatal(err)
		}
		keys[u.name] = k
	}
	k, _, err = f.store.CreateKey(ctx, tripline.KeySpec{Name: "script", Role: tripline.RoleAnalyst})
	if err != nil {
		t.Fatal(err)
	}
	keys["script"] = k
	return keys
}

// signedIn is a browser-like client signed in with key.
func (f *fixture) signedIn(t testing.TB, key string) (*http.Client, string) {
	t.Helper()
	c := f.client(t)
	get(t, c, f.url+"/signin")
	csrf := f.csrfOf(t, c)
	if status, _, _ := postForm(t, c, f.url+"/signin", url.Values{"csrf": {csrf}, "key": {key}}, ""); status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", status)
	}
	return c, csrf
}

// TestCaseForms: an alert decided by one reviewer cannot be approved by
// her, is approved by another; a second one is rejected with a note and
// goes back to its decider; the refusals (no rationale, no note, no user,
// the wrong role) are shown by the form; the audit trail holds every
// step with its chain state.
func TestCaseForms(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	keys := caseUsers(t, f)
	ctx := context.Background()
	alice, ca := f.signedIn(t, keys["alice"])
	bob, cb := f.signedIn(t, keys["bob"])
	rita, cr := f.signedIn(t, keys["rita"])
	script, cs := f.signedIn(t, keys["script"])
	anon := f.client(t)
	get(t, anon, f.url+"/alerts/1")
	cn := f.csrfOf(t, anon)

	type step struct {
		who    *http.Client
		csrf   string
		path   string
		form   url.Values
		status int
		want   []string
	}
	post := func(s step) {
		t.Helper()
		s.form.Set("csrf", s.csrf)
		status, body, h := postForm(t, s.who, f.url+s.path, s.form, "")
		if status != s.status {
			t.Fatalf("POST %s %v: %d, want %d (to %q)\n%s", s.path, s.form, status, s.status, h.Get("Location"), snippet(body))
		}
		for _, w := range s.want {
			if !strings.Contains(body+h.Get("Location"), w) {
				t.Errorf("POST %s %v: no %q\n%s", s.path, s.form, w, snippet(body))
			}
		}
	}
	page := func(c *http.Client, path string, want, not []string) {
		t.Helper()
		status, body, _ := get(t, c, f.url+path)
		if status != 200 {
			t.Fatalf("GET %s: %d\n%s", path, status, snippet(body))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q", path, w)
			}
		}
		for _, w := range not {
			if strings.Contains(body, w) {
				t.Errorf("GET %s: %q, which it must not show", path, w)
			}
		}
	}
	decide := url.Values{"disposition": {"true_match"}, "rationale": {"same name, country and registration as the listed company"}}

	page(anon, "/alerts/1", []string{"Awaiting decision", `id="no-decide"`, "Sign in with a user&#39;s API key"}, []string{`id="decide-form"`})
	page(script, "/alerts/1", []string{`id="no-decide"`}, []string{`id="decide-form"`})
	page(alice, "/alerts/1", []string{`id="decide-form"`, `value="true_match"`, `value="false_positive"`, `value="escalate"`, `id="chain-state"`, "alert raised"}, nil)
	for _, s := range []step{
		// refused: anonymous once users exist, a key of no user, no
		// rationale, a bad date, an unknown disposition
		{anon, cn, "/alerts/1/decision", decide, 401, []string{"sign in"}},
		{script, cs, "/alerts/1/decision", decide, 403, []string{`id="case-error"`}},
		{alice, ca, "/alerts/1/decision", url.Values{"disposition": {"true_match"}, "rationale": {"  "}}, 400, []string{`id="case-error"`, "rationale", `aria-invalid="true"`}},
		{alice, ca, "/alerts/1/decision", url.Values{"disposition": {"false_positive"}, "rationale": {"x"}, "until": {"soon"}}, 400, []string{"must be a date", `value="soon"`}},
		{alice, ca, "/alerts/1/decision", url.Values{"disposition": {"maybe"}, "rationale": {"x"}}, 400, []string{"true_match, false_positive, escalate"}},
		// alice decides; she cannot approve her own decision, an analyst
		// may not approve at all; bob approves
		{alice, ca, "/alerts/1/decision", decide, 303, []string{"/alerts/1?done=decided"}},
		{alice, ca, "/alerts/1/decision", decide, 409, []string{`id="case-error"`}},
	} {
		post(s)
	}
	page(alice, "/alerts/1?done=decided", []string{"Your decision is recorded", "Awaiting approval by another reviewer", `id="no-review"`, "You made this decision", "same name, country and registration"}, []string{`id="review-form"`, `id="decide-form"`})
	post(step{alice, ca, "/alerts/1/approve", url.Values{}, 403, []string{`id="case-error"`}})
	post(step{rita, cr, "/alerts/1/approve", url.Values{}, 403, []string{"reviewer role"}})
	page(bob, "/alerts/1", []string{`id="review-form"`, `formaction="/alerts/1/reject"`}, []string{`id="no-review"`})
	post(step{bob, cb, "/alerts/1/approve", url.Values{"note": {"agreed"}}, 303, []string{"/alerts/1?done=approved"}})
	page(bob, "/alerts/1?verify=log", []string{"state-approved", "approved by bob", "alert decided", "alert approved", "chain-ok", "The whole log verifies"}, []string{`id="review-form"`, "chain-bad"})
	a, err := f.store.Alert(ctx, 1)
	if err != nil || a.Status != tripline.AlertClosed || a.Resolution != tripline.DispositionTrueMatch {
		t.Errorf("alert 1 after approval: %+v %v", a, err)
	}
	trail, err := f.store.AuditEntries(ctx, tripline.AuditFilter{Subject: "alert:1"})
	if err != nil {
		t.Fatal(err)
	}
	actors := map[string]string{}
	for _, e := range trail {
		actors[e.Action] = e.Actor
	}
	if !strings.Contains(actors[tripline.AuditAlertDecided], "alice") || !strings.Contains(actors[tripline.AuditAlertApproved], "bob") {
		t.Errorf("the trail's actors: %v", actors)
	}

	// rejection: a note is required; the alert goes back to alice
	post(step{alice, ca, "/alerts/2/decision", decide, 303, nil})
	post(step{bob, cb, "/alerts/2/reject", url.Values{"note": {""}}, 400, []string{`id="case-error"`}})
	post(step{bob, cb, "/alerts/2/reject", url.Values{"note": {"the registration numbers differ"}}, 303, []string{"/alerts/2?done=rejected"}})
	page(alice, "/alerts/2", []string{"state-rejected", "bob sent alice", "the registration numbers differ", "assigned to alice", `id="decide-form"`, "alert rejected"}, []string{`id="review-form"`})
	if a, err := f.store.Alert(ctx, 2); err != nil || a.Status != tripline.AlertOpen || a.Assignee != "alice" {
		t.Errorf("alert 2 after rejection: %+v %v", a, err)
	}
}

// TestListedChanges: the alert page's change of the listed record shows
// each changed field's values before and after as delta renders them,
// the removed and added ones marked.
func TestListedChanges(t *testing.T) {
	old := &tripline.Entity{ID: "x", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "Farhad MORADI", Kind: "primary"}}, Programs: []string{"IRAN"}}
	cur := &tripline.Entity{ID: "x", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "Farhad MORADI", Kind: "primary"}, {Full: "Farhad Alireza MORADI", Kind: "alias"}}, Programs: []string{"IRAN"}}
	ch, material := listedChanges(old, cur)
	if len(ch) != 1 || ch[0].Field != "names" || !material {
		t.Fatalf("changes %+v, material %v", ch, material)
	}
	if len(ch[0].Old) != 1 || ch[0].Old[0].Changed || len(ch[0].New) != 2 {
		t.Errorf("names %+v", ch[0])
	}
	var added []string
	for _, v := range ch[0].New {
		if v.Changed {
			added = append(added, v.Text)
		}
	}
	if len(added) != 1 || added[0] != "Farhad Alireza MORADI (alias)" {
		t.Errorf("added %v", added)
	}
	if ch, _ := listedChanges(old, old); ch != nil {
		t.Errorf("no change: %+v", ch)
	}
}
