package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// CaseStore is what RunCases tests: users and their keys, the review
// queue, dispositions with four-eyes approval, suppressions and the
// audit log, over the monitor's books and alerts.
type CaseStore interface {
	MonitorStore
	tripline.CaseStore
	tripline.UserStore
	tripline.AuditStore
	tripline.KeyStore
}

// RunCases runs the conformance tests of case management; open must
// return a new, empty store.
func RunCases(t *testing.T, open func(t *testing.T) CaseStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s CaseStore)
	}{
		{"UsersAndTheirKeys", testUsers},
		{"FourEyesRefusedInTheStore", testFourEyes},
		{"FalsePositiveSuppresses", testSuppression},
		{"EscalateAndReject", testEscalateReject},
		{"SuppressionExpires", testSuppressionExpires},
		{"ConcurrentNextAssignsOnce", testConcurrentNext},
		{"AuditChainHoldsEveryAction", testAuditChain},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// as is the principal acting as user.
func as(user string) tripline.Principal { return tripline.Principal{Name: "test", User: user} }

// caseUsers adds chief (admin), alice (analyst), bob and rita (reviewers).
func caseUsers(t *testing.T, s CaseStore) {
	t.Helper()
	ctx := context.Background()
	if _, _, _, err := s.AddUser(ctx, "chief", tripline.RoleAdmin, tripline.Principal{Name: "os"}); err != nil {
		t.Fatalf("AddUser(chief): %v", err)
	}
	for _, u := range []struct {
		name string
		role tripline.Role
	}{{"alice", tripline.RoleAnalyst}, {"bob", tripline.RoleReviewer}, {"rita", tripline.RoleReviewer}} {
		if _, _, _, err := s.AddUser(ctx, u.name, u.role, as("chief")); err != nil {
			t.Fatalf("AddUser(%s): %v", u.name, err)
		}
	}
}

// raiseN raises n alerts on book b (parties p0…, entity src:1, NPWMD,
// score 0.91) and returns them.
func raiseN(t *testing.T, s CaseStore, n int) []tripline.Alert {
	t.Helper()
	ps := make([]tripline.BookParty, n)
	raise := make([]tripline.Alert, n)
	for i := range ps {
		id := fmt.Sprintf("p%05d", i)
		ps[i] = party(id, "PARTY "+id)
		raise[i] = alert(id, "src:1", tripline.ReasonNewMatch)
	}
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: ps})
	p := startPass(t, s, "b", fmt.Sprintf("snapshot:src:1:2:%d", n))
	return mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: raise, Finish: true})
}

func testUsers(t *testing.T, s CaseStore) {
	ctx := context.Background()
	if _, _, _, err := s.AddUser(ctx, "alice", tripline.RoleAnalyst, tripline.Principal{Name: "os"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("first user an analyst: err = %v, want Invalid", err)
	}
	u, token, k, err := s.AddUser(ctx, "chief", tripline.RoleAdmin, tripline.Principal{Name: "os"})
	if err != nil || u.Role != tripline.RoleAdmin || token == "" || k.User != "chief" {
		t.Fatalf("AddUser(chief) = %+v %q %+v %v", u, token, k, err)
	}
	got, err := s.VerifyKey(ctx, token)
	if err != nil || got.User != "chief" || got.Role != tripline.RoleAdmin {
		t.Errorf("VerifyKey(chief's key) = %+v, %v; want the user and its role", got, err)
	}
	if _, _, _, err := s.AddUser(ctx, "chief", tripline.RoleAnalyst, as("chief")); tripline.ErrorKind(err) != tripline.KindConflict {
		t.Errorf("AddUser twice: err = %v, want Conflict", err)
	}
	if _, _, _, err := s.AddUser(ctx, "bad name!", tripline.RoleAnalyst, as("chief")); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("AddUser(bad name): err = %v, want Invalid", err)
	}
	_, atok, _, err := s.AddUser(ctx, "alice", tripline.RoleAnalyst, as("chief"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.AddUser(ctx, "eve", tripline.RoleAdmin, as("alice")); tripline.ErrorKind(err) != tripline.KindForbidden {
		t.Errorf("an analyst adds a user: err = %v, want Forbidden", err)
	}
	if _, _, _, err := s.AddUser(ctx, "eve", tripline.RoleAdmin, tripline.Principal{Name: "os"}); tripline.ErrorKind(err) != tripline.KindForbidden {
		t.Errorf("nobody adds a second user: err = %v, want Forbidden", err)
	}
	if _, err := s.DisableUser(ctx, "chief", as("chief")); tripline.ErrorKind(err) != tripline.KindConflict {
		t.Errorf("disable the last admin: err = %v, want Conflict", err)
	}
	if u, err := s.SetUserRole(ctx, "alice", tripline.RoleReviewer, as("chief")); err != nil || u.Role != tripline.RoleReviewer {
		t.Errorf("SetUserRole = %+v, %v", u, err)
	}
	if k, err := s.VerifyKey(ctx, atok); err != nil || k.Role != tripline.RoleReviewer {
		t.Errorf("alice's key after the role change = %+v, %v; want reviewer", k, err)
	}
	if u, err := s.DisableUser(ctx, "alice", as("chief")); err != nil || u.DisabledAt == nil {
		t.Errorf("DisableUser = %+v, %v", u, err)
	}
	if _, err := s.VerifyKey(ctx, atok); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Errorf("a disabled user's key: err = %v, want Unauthorized", err)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 2 || us[0].Name != "chief" || us[1].DisabledAt == nil {
		t.Errorf("Users = %+v, %v", us, err)
	}
	if _, err := s.User(ctx, "nobody"); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("User(nobody): err = %v, want NotFound", err)
	}
}

func testFourEyes(t *testing.T, s CaseStore) {
	ctx := context.Background()
	caseUsers(t, s)
	as2 := raiseN(t, s, 2)
	fp := tripline.DecisionSpec{AlertID: as2[0].ID, Disposition: tripline.DispositionFalsePositive, Rationale: "a different firm"}
	if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: as2[0].ID, Disposition: tripline.DispositionFalsePositive}}, as("alice")); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("a decision without a rationale: err = %v, want Invalid", err)
	}
	if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{fp}, tripline.Principal{Name: "os"}); tripline.ErrorKind(err) != tripline.KindForbidden {
		t.Errorf("a decision by no user: err = %v, want Forbidden", err)
	}
	ds, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{fp}, as("alice"))
	if err != nil || len(ds) != 1 || ds[0].State != tripline.DecisionPending || ds[0].DecidedBy != "alice" || ds[0].PartyHash != "ph" || ds[0].PolicyVersion == "" {
		t.Fatalf("DecideAlerts(NPWMD false positive) = %+v, %v; want pending", ds, err)
	}
	if a, _ := s.Alert(ctx, as2[0].ID); a.Status != tripline.AlertPendingApproval || a.DecisionID != ds[0].ID {
		t.Errorf("alert after the decision = %+v", a)
	}
	if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{fp}, as("bob")); tripline.ErrorKind(err) != tripline.KindConflict {
		t.Errorf("deciding a pending alert again: err = %v, want Conflict", err)
	}
	// The decider, an analyst, a nobody: all refused by the store.
	for _, by := range []tripline.Principal{as("alice"), as("nobody"), {Name: "os"}} {
		if _, err := s.ReviewDecision(ctx, as2[0].ID, true, "", by); err == nil {
			t.Errorf("ReviewDecision by %+v succeeded", by)
		}
	}
	// A reviewer's own true match: four-eyes refuses it.
	tm := tripline.DecisionSpec{AlertID: as2[1].ID, Disposition: tripline.DispositionTrueMatch, Rationale: "the same firm"}
	if ds, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{tm}, as("rita")); err != nil || ds[0].State != tripline.DecisionPending {
		t.Fatalf("DecideAlerts(true match) = %+v, %v; want pending", ds, err)
	}
	if _, err := s.ReviewDecision(ctx, as2[1].ID, true, "", as("rita")); tripline.ErrorKind(err) != tripline.KindForbidden {
		t.Errorf("rita approves her own decision: err = %v, want Forbidden", err)
	}
	d, err := s.ReviewDecision(ctx, as2[1].ID, true, "agreed", as("bob"))
	if err != nil || d.State != tripline.DecisionApproved || d.ReviewedBy != "bob" {
		t.Fatalf("bob approves = %+v, %v", d, err)
	}
	if a, _ := s.Alert(ctx, as2[1].ID); a.Status != tripline.AlertClosed || a.Resolution != tripline.DispositionTrueMatch {
		t.Errorf("approved true match: alert %+v", a)
	}
	if _, err := s.ReviewDecision(ctx, as2[1].ID, true, "", as("chief")); tripline.ErrorKind(err) != tripline.KindConflict {
		t.Errorf("approve twice: err = %v, want Conflict", err)
	}
	got, err := s.Decisions(ctx, tripline.DecisionFilter{Book: "b"})
	if err != nil || len(got) != 2 || got[1].ReviewedBy != "bob" || got[1].ReviewedAt == nil {
		t.Errorf("Decisions = %+v, %v", got, err)
	}
}

func testSuppression(t *testing.T, s CaseStore) {
	ctx := context.Background()
	caseUsers(t, s)
	a := raiseN(t, s, 1)[0]
	// A policy under which a false positive at 0.91 on NPWMD needs no approval.
	if _, err := s.SetReviewPolicy(ctx, tripline.ReviewPolicy{HighRiskScore: 0.99}, as("alice")); tripline.ErrorKind(err) != tripline.KindForbidden {
		t.Errorf("an analyst sets the policy: err = %v, want Forbidden", err)
	}
	pol, err := s.SetReviewPolicy(ctx, tripline.ReviewPolicy{HighRiskScore: 0.99}, as("chief"))
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := s.ReviewPolicy(ctx); cur.Version != pol.Version || cur.SetBy != "chief" {
		t.Errorf("ReviewPolicy = %+v, want %+v", cur, pol)
	}
	ds, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: a.ID, Disposition: tripline.DispositionFalsePositive, Rationale: "other firm"}}, as("alice"))
	if err != nil || ds[0].State != tripline.DecisionFinal || ds[0].PolicyVersion != pol.Version {
		t.Fatalf("DecideAlerts = %+v, %v; want final", ds, err)
	}
	if got, _ := s.Alert(ctx, a.ID); got.Status != tripline.AlertClosed || got.Resolution != tripline.DispositionFalsePositive {
		t.Errorf("alert = %+v, want closed false_positive", got)
	}
	sups, err := s.Suppressions(ctx, tripline.SuppressionFilter{Book: "b", PartyIDs: []string{a.PartyID}, Active: true})
	if err != nil || len(sups) != 1 || sups[0].PartyHash != "ph" || sups[0].EntityHash != "eh" || sups[0].DecisionID != ds[0].ID {
		t.Fatalf("Suppressions = %+v, %v", sups, err)
	}
	// A reopen lifts the suppression and links the decision.
	p := startPass(t, s, "b", "snapshot:src:2:3")
	re := alert(a.PartyID, "src:1", tripline.ReasonMatchChanged)
	re.EntityHash, re.SuppressionID, re.PriorDecisionID = "eh-new", sups[0].ID, ds[0].ID
	raised := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{re}, Finish: true})
	if len(raised) != 1 || raised[0].PriorAlertID != a.ID || raised[0].PriorDecisionID != ds[0].ID {
		t.Fatalf("reopened = %+v", raised)
	}
	if sups, _ := s.Suppressions(ctx, tripline.SuppressionFilter{Book: "b", PartyIDs: []string{a.PartyID}, Active: true}); len(sups) != 0 {
		t.Errorf("active suppressions after the reopen = %+v, want none", sups)
	}
	all, _ := s.Suppressions(ctx, tripline.SuppressionFilter{Book: "b"})
	if len(all) != 1 || all[0].LiftedAt == nil || all[0].ReopenedBy != raised[0].ID || all[0].LiftReason != tripline.ReasonMatchChanged {
		t.Errorf("the lifted suppression = %+v", all)
	}
}

func testEscalateReject(t *testing.T, s CaseStore) {
	ctx := context.Background()
	caseUsers(t, s)
	a := raiseN(t, s, 1)[0]
	if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: a.ID, Disposition: tripline.DispositionEscalate, Rationale: "cannot tell"}}, as("alice")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NextAlert(ctx, tripline.AlertFilter{}, as("alice")); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("an analyst takes an escalated alert: err = %v, want NotFound", err)
	}
	got, err := s.NextAlert(ctx, tripline.AlertFilter{}, as("bob"))
	if err != nil || got.ID != a.ID || !got.Escalated || got.Assignee != "bob" {
		t.Fatalf("a reviewer's next = %+v, %v", got, err)
	}
	if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: a.ID, Disposition: tripline.DispositionTrueMatch, Rationale: "same"}}, as("bob")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviewDecision(ctx, a.ID, false, "", as("rita")); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("a rejection without a note: err = %v, want Invalid", err)
	}
	d, err := s.ReviewDecision(ctx, a.ID, false, "the registration numbers differ", as("rita"))
	if err != nil || d.State != tripline.DecisionRejected {
		t.Fatalf("reject = %+v, %v", d, err)
	}
	if got, _ := s.Alert(ctx, a.ID); got.Status != tripline.AlertOpen || got.Assignee != "bob" {
		t.Errorf("after the rejection: %+v, want open, assigned to its decider", got)
	}
}

// testConcurrentNext: 20 callers take every alert of the queue; none is
// assigned twice and none is left.
func testConcurrentNext(t *testing.T, s CaseStore) {
	ctx := context.Background()
	caseUsers(t, s)
	n := 10000
	if testing.Short() {
		n = 1000
	}
	raised := raiseN(t, s, n)
	if len(raised) != n {
		t.Fatalf("raised %d alerts, want %d", len(raised), n)
	}
	users := []string{"alice", "bob", "rita", "chief"}
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for w := 0; w < 20; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			u := users[w%len(users)]
			for {
				a, err := s.NextAlert(ctx, tripline.AlertFilter{}, as(u))
				if tripline.ErrorKind(err) == tripline.KindNotFound {
					return
				}
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				if prev, ok := seen[a.ID]; ok {
					mu.Unlock()
					errs <- fmt.Errorf("alert %d assigned twice: to %s and to %s", a.ID, prev, u)
					return
				}
				seen[a.ID] = u
				mu.Unlock()
				if a.Assignee != u {
					errs <- fmt.Errorf("alert %d returned with assignee %q, want %q", a.ID, a.Assignee, u)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != n {
		t.Errorf("%d alerts taken, want %d", len(seen), n)
	}
	left, err := s.Alerts(ctx, tripline.AlertFilter{Status: tripline.AlertOpen, Unassigned: true})
	if err != nil || len(left) != 0 {
		t.Errorf("unassigned open alerts left: %d, %v", len(left), err)
	}
}

// testAuditChain: every action appended an entry; the chain links them
// and the head names the last.
func testAuditChain(t *testing.T, s CaseStore) {
	ctx := context.Background()
	caseUsers(t, s)
	a := raiseN(t, s, 1)[0]
	if _, err := s.NextAlert(ctx, tripline.AlertFilter{}, as("alice")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: a.ID, Disposition: tripline.DispositionFalsePositive, Rationale: "no"}}, as("alice")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviewDecision(ctx, a.ID, true, "", as("bob")); err != nil {
		t.Fatal(err)
	}
	var es []tripline.AuditEntry
	if err := s.EachAuditEntry(ctx, 1, func(e tripline.AuditEntry) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	prev := tripline.AuditGenesis
	actions := map[string]int{}
	for i, e := range es {
		if e.Seq != int64(i+1) || e.PrevHash != prev || tripline.AuditHash(e) != e.Hash {
			t.Fatalf("entry %d (%+v) does not fit the chain", i+1, e)
		}
		prev = e.Hash
		actions[e.Action]++
	}
	for _, want := range []string{tripline.AuditUserAdded, tripline.AuditKeyCreated, tripline.AuditBookChanged, tripline.AuditAlertRaised,
		tripline.AuditAlertAssigned, tripline.AuditAlertDecided, tripline.AuditAlertApproved} {
		if actions[want] == 0 {
			t.Errorf("no %s entry in the audit log (have %v)", want, actions)
		}
	}
	head, err := s.AuditHead(ctx)
	if err != nil || head.Seq != int64(len(es)) || head.Hash != prev {
		t.Errorf("AuditHead = %+v, %v; want entry %d %s", head, err, len(es), prev)
	}
	got, err := s.AuditEntries(ctx, tripline.AuditFilter{Subject: tripline.AuditSubject("alert", a.ID)})
	if err != nil || len(got) < 4 {
		t.Errorf("AuditEntries(alert) = %d entries, %v; want raised, assigned, decided, approved", len(got), err)
	}
	for _, e := range got {
		if e.Action == tripline.AuditAlertApproved && e.Actor != "bob" {
			t.Errorf("the approval is attributed to %q, want bob", e.Actor)
		}
	}
	if _, err := s.AppendAudit(ctx, []tripline.AuditEntry{{Action: "", Payload: []byte(`{}`)}}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("AppendAudit(no action): err = %v, want Invalid", err)
	}
	if _, err := s.AppendAudit(ctx, []tripline.AuditEntry{{Action: "x", Payload: []byte(`[1]`)}}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("AppendAudit(array payload): err = %v, want Invalid", err)
	}
}

// CaseFixture fills s for the stores' own tests of their database rules:
// users chief (admin), alice (analyst), bob and rita (reviewers); two
// alerts decided false_positive by alice, the first approved by bob. It
// returns the id of the second, whose decision is pending.
func CaseFixture(t *testing.T, s CaseStore) int64 {
	t.Helper()
	ctx := context.Background()
	caseUsers(t, s)
	as2 := raiseN(t, s, 2)
	for _, a := range as2 {
		if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: a.ID, Disposition: tripline.DispositionFalsePositive, Rationale: "other"}}, as("alice")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ReviewDecision(ctx, as2[0].ID, true, "", as("bob")); err != nil {
		t.Fatal(err)
	}
	return as2[1].ID
}

// testSuppressionExpires: a false positive decided with an end date is
// raised again when it passes, as suppression_expired, if the pair still
// matches; one whose match is gone is lifted quietly.
func testSuppressionExpires(t *testing.T, s CaseStore) {
	ctx := context.Background()
	caseUsers(t, s)
	mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA"), party("p2", "BETA")}})
	p := startPass(t, s, "b", "snapshot:src:1:2")
	a1, a2 := alert("p1", "src:1", tripline.ReasonNewMatch), alert("p2", "src:1", tripline.ReasonNewMatch)
	a1.Threshold, a2.Threshold = 0.85, 0.85
	raised := mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Finish: true, Raise: []tripline.Alert{a1, a2},
		Upsert: []tripline.PairMatch{{PartyID: "p1", EntityID: "src:1", Score: 0.91, PartyHash: "ph", EntityHash: "eh"}}})
	if _, err := s.SetReviewPolicy(ctx, tripline.ReviewPolicy{}, as("chief")); err != nil {
		t.Fatal(err)
	}
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	var specs []tripline.DecisionSpec
	for _, a := range raised {
		specs = append(specs, tripline.DecisionSpec{AlertID: a.ID, Disposition: tripline.DispositionFalsePositive, Rationale: "for now", SuppressUntil: &until})
	}
	ds, err := s.DecideAlerts(ctx, specs, as("alice"))
	if err != nil {
		t.Fatal(err)
	}
	if ds[0].SuppressUntil == nil || !ds[0].SuppressUntil.Equal(until) {
		t.Errorf("decision's end date = %v, want %v", ds[0].SuppressUntil, until)
	}
	if got, err := s.ExpireSuppressions(ctx, time.Now()); err != nil || len(got) != 0 {
		t.Errorf("ExpireSuppressions before the end = %+v, %v; want none", got, err)
	}
	got, err := s.ExpireSuppressions(ctx, until.Add(time.Minute))
	if err != nil || len(got) != 1 || got[0].PartyID != "p1" || got[0].Reason != tripline.ReasonSuppressionExpired || got[0].PriorDecisionID != ds[0].ID {
		t.Fatalf("ExpireSuppressions after the end = %+v, %v; want p1 raised again", got, err)
	}
	if sups, _ := s.Suppressions(ctx, tripline.SuppressionFilter{Book: "b", Active: true, ActiveAt: until.Add(-time.Minute)}); len(sups) != 0 {
		t.Errorf("suppressions still active = %+v", sups)
	}
}
