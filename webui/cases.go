package webui

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/review"
)

// The case part of the alert page: decide an open alert with a rationale,
// approve or reject a pending decision as a second person (four-eyes),
// the state, the decisions and the alert's audit trail with what the hash
// chain says of each entry. The forms call what POST
// /v1/alerts/{id}/decision, /approve and /reject call (the store's
// DecideAlerts and ReviewDecision, which enforce who may do what inside
// their transactions), under the same roles; the view is review.CaseOf,
// as GET /v1/alerts/{id}/case.

var (
	// decider is an analyst's change, as POST /v1/alerts/{id}/decision.
	decider = access{role: tripline.RoleAnalyst, write: true}
	// reviewerWrite is a reviewer's answer, as /approve and /reject.
	reviewerWrite = access{role: tripline.RoleReviewer, write: true}
)

// dispositions are the choices of the decision form, in its order.
var dispositions = []struct{ Value, Label, Hint string }{
	{tripline.DispositionTrueMatch, "True match", "the party is the listed entity; always needs a second reviewer's approval"},
	{tripline.DispositionFalsePositive, "False positive", "the party is not the listed entity; suppresses the pair until either record changes materially (a high-risk alert needs approval)"},
	{tripline.DispositionEscalate, "Escalate", "cannot decide: the alert stays open, unassigned, for a reviewer"},
}

// caseView is the case part of the alert page.
type caseView struct {
	// State is awaiting-decision, awaiting-approval, approved, rejected,
	// closed or escalated; StateText says it in words.
	State, StateText string
	FourEyes         review.FourEyes
	Decisions        []tripline.AlertDecision
	Audit            []auditRow
	// ChainOK says every entry of the trail fits the chain; Chain is
	// what the whole log's verification said when asked for (?verify=log).
	ChainOK bool
	Chain   *review.Verification

	Dispositions []struct{ Value, Label, Hint string }
	// CanDecide and CanReview say which form the user gets; NoDecide
	// and NoReview say why not where the form would otherwise be shown.
	CanDecide, CanReview bool
	NoDecide, NoReview   string
	// Form is the form sent and refused (shown again with Error).
	Form   caseForm
	Error  string
	Done   string
	Signed bool
}

type caseForm struct {
	// Which is decide, approve or reject.
	Which, Disposition, Rationale, Until, Note string
}

// auditRow is one entry of the alert's trail.
type auditRow struct {
	Seq              int64
	At               string
	Actor, Via, What string
	// Details are the payload's telling fields; More all of them.
	Details, More  []string
	Hash, PrevHash string
	OK             bool
	Problem        string
}

func (u *UI) caseStore() review.Store {
	cs, _ := u.store.(review.Store)
	return cs
}

// caseOf builds the case part of alert id's page for the user of rq.
func (u *UI) caseOf(r *http.Request, rq *request, id int64) (*caseView, error) {
	cs := u.caseStore()
	if cs == nil {
		return nil, nil
	}
	ctx := r.Context()
	c, err := review.CaseOf(ctx, cs, id, nil)
	if err != nil {
		return nil, err
	}
	a := c.Alert
	v := &caseView{FourEyes: c.FourEyes, Dispositions: dispositions, Signed: rq.Principal.User != ""}
	for _, d := range c.Decisions {
		if d.AlertID == a.ID {
			v.Decisions = append(v.Decisions, d)
		}
	}
	slices.Reverse(v.Decisions) // newest first
	d := c.FourEyes.Decision
	switch {
	case a.Status == tripline.AlertPendingApproval && d != nil:
		v.State, v.StateText = "awaiting-approval", "Awaiting approval by another reviewer: "+humanDisposition(d.Disposition)+" decided by "+d.DecidedBy+" ("+d.ApprovalReason+"); a reviewer other than "+d.DecidedBy+" must approve or reject it."
	case a.Status == tripline.AlertClosed && d != nil && d.State == tripline.DecisionApproved:
		v.State, v.StateText = "approved", "Approved: "+humanDisposition(d.Disposition)+" decided by "+d.DecidedBy+", approved by "+d.ReviewedBy+"."
	case a.Status == tripline.AlertClosed && d != nil:
		v.State, v.StateText = "closed", "Closed: "+humanDisposition(d.Disposition)+" decided by "+d.DecidedBy+" (no second approval needed)."
	case a.Status == tripline.AlertClosed:
		v.State, v.StateText = "closed", "Closed by the monitor"+orEmpty(": ", strings.ReplaceAll(a.Resolution, "_", " "))+"."
	case d != nil && d.State == tripline.DecisionRejected:
		v.State, v.StateText = "rejected", "Rejected: "+d.ReviewedBy+" sent "+d.DecidedBy+"'s "+humanDisposition(d.Disposition)+" back"+orEmpty(" (“", d.ReviewNote)+closeQuote(d.ReviewNote)+". Awaiting a new decision"+orEmpty(", assigned to ", a.Assignee)+"."
	case a.Escalated:
		v.State, v.StateText = "escalated", "Escalated"+orEmpty(" by ", decidedBy(d))+": awaiting a reviewer's decision."
	default:
		v.State, v.StateText = "awaiting-decision", "Awaiting decision"+orEmpty(": assigned to ", a.Assignee)+"."
	}
	p := rq.Principal
	switch a.Status {
	case tripline.AlertOpen:
		switch {
		case p.User == "":
			v.NoDecide = "Sign in with a user's API key (tripline users add) to decide this alert: a decision needs a person to answer for it."
		case !p.Role.Allows(tripline.RoleAnalyst):
			v.NoDecide = "Deciding needs the analyst role or above; your key has the " + string(p.Role) + " role."
		case a.Escalated && !p.Role.Allows(tripline.RoleReviewer):
			v.NoDecide = "An escalated alert waits for a reviewer."
		case a.Assignee != "" && a.Assignee != p.User && !p.Role.Allows(tripline.RoleReviewer):
			v.NoDecide = "This alert is assigned to " + a.Assignee + "; only they, or a reviewer, may decide it."
		default:
			v.CanDecide = true
		}
	case tripline.AlertPendingApproval:
		switch {
		case d == nil:
		case p.User == "":
			v.NoReview = "Sign in as a reviewer to approve or reject this decision."
		case p.User == d.DecidedBy:
			v.NoReview = "You made this decision: another reviewer must approve or reject it (four-eyes)."
		case !p.Role.Allows(tripline.RoleReviewer):
			v.NoReview = "Approving or rejecting needs the reviewer role; your key has the " + string(p.Role) + " role."
		default:
			v.CanReview = true
		}
	}
	checks, err := review.CheckTrail(ctx, cs, c.Audit)
	if err != nil {
		return nil, err
	}
	v.ChainOK = true
	for i, e := range c.Audit {
		row := auditRow{Seq: e.Seq, At: e.At.UTC().Format("2006-01-02 15:04:05 UTC"), Actor: e.Actor, Via: e.Via, What: strings.ReplaceAll(e.Action, ".", " "),
			More: payloadLines(e.Payload), Hash: e.Hash, PrevHash: e.PrevHash, OK: checks[i].OK, Problem: checks[i].Problem}
		row.Details = telling(row.More)
		v.ChainOK = v.ChainOK && row.OK
		v.Audit = append(v.Audit, row)
	}
	if r.URL.Query().Get("verify") == "log" {
		ver, err := review.Verify(ctx, cs)
		if err != nil {
			return nil, err
		}
		v.Chain = &ver
	}
	switch r.URL.Query().Get("done") {
	case "decided":
		v.Done = "Your decision is recorded."
	case "approved":
		v.Done = "You approved the decision."
	case "rejected":
		v.Done = "You rejected the decision: the alert is open again for its decider."
	}
	return v, nil
}

func humanDisposition(d string) string { return strings.ReplaceAll(d, "_", " ") }

func decidedBy(d *tripline.AlertDecision) string {
	if d == nil || d.Disposition != tripline.DispositionEscalate {
		return ""
	}
	return d.DecidedBy
}

func orEmpty(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func closeQuote(s string) string {
	if s == "" {
		return ""
	}
	return "”)"
}

// payloadLines are an audit entry's details, one "key: value" a line, in
// the payload's key order as stored (sorted by the encoder).
func payloadLines(p json.RawMessage) []string {
	var m map[string]any
	if json.Unmarshal(p, &m) != nil {
		return []string{string(p)}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		var s string
		switch x := m[k].(type) {
		case string:
			s = x
		default:
			b, _ := json.Marshal(x)
			s = string(b)
		}
		out = append(out, strings.ReplaceAll(k, "_", " ")+": "+s)
	}
	return out
}

// tellingFields are the payload fields the trail shows unfolded: what a
// person decided and why, what the monitor saw.
var tellingFields = []string{"disposition", "rationale", "review note", "note", "state", "reason", "score", "priority", "assignee", "resolution", "status", "user"}

func telling(lines []string) []string {
	var out []string
	for _, l := range lines {
		k, _, _ := strings.Cut(l, ": ")
		if slices.Contains(tellingFields, k) {
			out = append(out, l)
		}
	}
	return out
}

// caseRefused is an error the form shows next to itself: the store's
// refusal of the request (bad input, not allowed, wrong state).
func caseRefused(err error) (string, int, bool) {
	var te *tripline.Error
	if !errors.As(err, &te) {
		return "", 0, false
	}
	switch te.Kind {
	case tripline.KindInvalid, tripline.KindTooLarge:
		return te.Msg, http.StatusBadRequest, true
	case tripline.KindForbidden:
		return te.Msg, http.StatusForbidden, true
	case tripline.KindConflict:
		return te.Msg, http.StatusConflict, true
	}
	return "", 0, false
}

// casePost reads what every posted case form needs: the store that keeps the
// cases, the alert's id from the path and the posted form.
func (u *UI) casePost(r *http.Request) (review.Store, int64, error) {
	cs := u.caseStore()
	if cs == nil {
		return nil, 0, tripline.Errorf(tripline.KindNotFound, "this server keeps no cases")
	}
	id, err := caseID(r)
	if err != nil {
		return nil, 0, err
	}
	if err := r.ParseForm(); err != nil {
		return nil, 0, tripline.Errorf(tripline.KindInvalid, "cannot read the form")
	}
	return cs, id, nil
}

func caseID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tripline.Errorf(tripline.KindNotFound, "no alert %q", r.PathValue("id"))
	}
	return id, nil
}

// alertDecide records a disposition: POST /alerts/{id}/decision, the
// form of POST /v1/alerts/{id}/decision.
func (u *UI) alertDecide(w http.ResponseWriter, r *http.Request, rq *request) error {
	cs, id, err := u.casePost(r)
	if err != nil {
		return err
	}
	form := caseForm{Which: "decide", Disposition: r.PostForm.Get("disposition"), Rationale: r.PostForm.Get("rationale"), Until: strings.TrimSpace(r.PostForm.Get("until"))}
	spec := tripline.DecisionSpec{AlertID: id, Disposition: form.Disposition, Rationale: form.Rationale}
	if form.Until != "" {
		t, err := time.Parse("2006-01-02", form.Until)
		if err != nil {
			return u.caseAgain(w, r, rq, form, "the end of the suppression must be a date (2027-06-30)", http.StatusBadRequest)
		}
		t = t.UTC()
		spec.SuppressUntil = &t
	}
	if _, err := cs.DecideAlerts(r.Context(), []tripline.DecisionSpec{spec}, rq.Principal); err != nil {
		if msg, status, ok := caseRefused(err); ok {
			return u.caseAgain(w, r, rq, form, msg, status)
		}
		return err
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10)+"?done=decided", http.StatusSeeOther)
	return nil
}

func (u *UI) alertApprove(w http.ResponseWriter, r *http.Request, rq *request) error {
	return u.alertReview(w, r, rq, true)
}

func (u *UI) alertReject(w http.ResponseWriter, r *http.Request, rq *request) error {
	return u.alertReview(w, r, rq, false)
}

// alertReview answers a pending decision: POST /alerts/{id}/approve and
// /reject, the forms of POST /v1/alerts/{id}/approve and /reject.
func (u *UI) alertReview(w http.ResponseWriter, r *http.Request, rq *request, approve bool) error {
	cs, id, err := u.casePost(r)
	if err != nil {
		return err
	}
	form := caseForm{Which: "approve", Note: r.PostForm.Get("note")}
	if !approve {
		form.Which = "reject"
	}
	if _, err := cs.ReviewDecision(r.Context(), id, approve, form.Note, rq.Principal); err != nil {
		if msg, status, ok := caseRefused(err); ok {
			return u.caseAgain(w, r, rq, form, msg, status)
		}
		return err
	}
	done := "approved"
	if !approve {
		done = "rejected"
	}
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
	return nil
}

// caseAgain shows the alert page again with the refused form and why.
func (u *UI) caseAgain(w http.ResponseWriter, r *http.Request, rq *request, form caseForm, msg string, status int) error {
	return u.showAlert(w, r, rq, status, func(v *caseView) { v.Form, v.Error = form, msg })
}
