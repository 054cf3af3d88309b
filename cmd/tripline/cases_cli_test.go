package main

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/review"
)

// writeCaseList writes the house list of the case test: three fictional
// companies on the NPWMD programme; entity h-1 carries remark and, when
// given, an extra alias.
func writeCaseList(t *testing.T, path, remark, alias string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	names := []string{"KAVEHZAN TORBAT METALS", "PELARIS NOVEK TRADING", "SUDAMIR QOLTEK ENGINEERING"}
	for i, n := range names {
		props := map[string][]string{"name": {n}, "country": {"ir"}, "program": {"NPWMD"}}
		if i == 0 {
			props["notes"] = []string{remark}
			if alias != "" {
				props["alias"] = []string{alias}
			}
		}
		b, _ := json.Marshal(map[string]any{"id": fmt.Sprint("h-", i+1), "schema": "Company", "properties": props})
		w.Write(append(b, '\n'))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

// pairAlerts returns the alerts of one party and entity, oldest first.
func pairAlerts(t *testing.T, db, party, entity string) []tripline.Alert {
	t.Helper()
	var out []tripline.Alert
	sc := bufio.NewScanner(strings.NewReader(mustCLI(t, db, "alerts", "list", "--json").Stdout))
	for sc.Scan() {
		var a tripline.Alert
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if a.PartyID == party && a.EntityID == entity {
			out = append(out, a)
		}
	}
	return out
}

// TestCaseWorkflowCLI is issue 11's end-to-end acceptance test: a house
// list, a book, an alert; an analyst decides false_positive, the same
// analyst's approval is refused, a reviewer approves; a remark-only
// re-import keeps the pair quiet; a new alias reopens it as
// match_changed linked to the earlier decision. The audit log verifies
// throughout.
func TestCaseWorkflowCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	list := filepath.Join(dir, "house.ftm.json")
	writeCaseList(t, list, "first remark", "")
	mustCLI(t, db, "import", "--source", "house", list)

	// Users: the first is an admin, who adds the others.
	if r := runCLI(t, db, "users", "add", "alice", "--role", "analyst"); r.Code == 0 || !strings.Contains(r.Stderr, "first user must be an admin") {
		t.Errorf("first user analyst: exit %d %q", r.Code, r.Stderr)
	}
	key := strings.TrimSpace(mustCLI(t, db, "users", "add", "chief", "--role", "admin").Stdout)
	if !strings.HasPrefix(key, "tl_") && len(key) < 20 {
		t.Errorf("users add printed %q, want the API key", key)
	}
	mustCLI(t, db, "users", "add", "alice", "--role", "analyst", "--as", "chief")
	mustCLI(t, db, "users", "add", "bob", "--role", "reviewer", "--as", "chief")
	mustCLI(t, db, "users", "add", "rita", "--role", "reviewer", "--as", "chief")
	if r := runCLI(t, db, "users", "add", "mallory", "--role", "admin", "--as", "alice"); r.Code == 0 || !strings.Contains(r.Stderr, "admin") {
		t.Errorf("an analyst adds a user: exit %d %q", r.Code, r.Stderr)
	}
	if r := mustCLI(t, db, "users", "list"); !strings.Contains(r.Stdout, "alice") || !strings.Contains(r.Stdout, "reviewer") {
		t.Errorf("users list:\n%s", r.Stdout)
	}

	book := writeFile(t, filepath.Join(dir, "book.csv"), "id,name,country\nc1,Kavehzan Torbat Metals,IR\nc2,Sudamir Qoltek Engineering,IR\nc3,Unrelated Bakery,FR\n")
	mustCLI(t, db, "book", "import", "--book", "customers", book)
	as := pairAlerts(t, db, "c1", "house:h-1")
	if len(as) != 1 || as[0].Status != tripline.AlertOpen {
		t.Fatalf("alerts of c1 ~ h-1 after the book import: %+v", as)
	}
	first := as[0]
	if len(first.Snapshots) == 0 || first.RulesVersion == "" || first.MatcherVersion == "" || first.Party == nil {
		t.Errorf("the alert does not record what produced it: %+v", first)
	}

	// The queue: alice takes the two alerts, one each call, then none is left.
	var taken []tripline.Alert
	for i := 0; i < 2; i++ {
		var a tripline.Alert
		if err := json.Unmarshal([]byte(mustCLI(t, db, "alerts", "next", "--as", "alice", "--json").Stdout), &a); err != nil {
			t.Fatal(err)
		}
		if a.Assignee != "alice" {
			t.Errorf("next gave %+v", a)
		}
		taken = append(taken, a)
	}
	if taken[0].ID == taken[1].ID {
		t.Errorf("next gave alert %d twice", taken[0].ID)
	}
	if r := runCLI(t, db, "alerts", "next", "--as", "alice"); r.Code == 0 || !strings.Contains(r.Stderr, "no unassigned open alert") {
		t.Errorf("next on an empty queue: exit %d %q", r.Code, r.Stderr)
	}

	id := fmt.Sprint(first.ID)
	if r := runCLI(t, db, "alerts", "decide", id, "--as", "alice", "--disposition", "false_positive"); r.Code == 0 || !strings.Contains(r.Stderr, "rationale") {
		t.Errorf("decide without a rationale: exit %d %q", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "alerts", "decide", id, "--disposition", "false_positive", "--rationale", "x"); r.Code == 0 || !strings.Contains(r.Stderr, "--as") {
		t.Errorf("decide as nobody: exit %d %q", r.Code, r.Stderr)
	}
	var ds []tripline.AlertDecision
	r := mustCLI(t, db, "alerts", "decide", id, "--as", "alice", "--disposition", "false_positive", "--rationale", "our customer is a Torbat foundry, registered 2019; the listed firm is in Tehran", "--json")
	if err := json.Unmarshal([]byte(r.Stdout), &ds); err != nil || len(ds) != 1 {
		t.Fatalf("decide --json: %v %q", err, r.Stdout)
	}
	dec := ds[0]
	if dec.State != tripline.DecisionPending || !dec.NeedsApproval {
		t.Fatalf("a false positive on an NPWMD alert: %+v, want pending approval", dec)
	}
	if a := pairAlerts(t, db, "c1", "house:h-1"); a[0].Status != tripline.AlertPendingApproval {
		t.Errorf("after the decision: %s", a[0].Status)
	}
	// The same analyst's approval is refused; so is a reviewer's own.
	if r := runCLI(t, db, "alerts", "approve", id, "--as", "alice"); r.Code == 0 || !strings.Contains(r.Stderr, "reviewer") {
		t.Errorf("alice approves her own decision: exit %d %q", r.Code, r.Stderr)
	}
	other := fmt.Sprint(taken[1].ID)
	if taken[1].ID == first.ID {
		other = fmt.Sprint(taken[0].ID)
	}
	mustCLI(t, db, "alerts", "assign", other, "rita", "--as", "rita")
	mustCLI(t, db, "alerts", "decide", other, "--as", "rita", "--disposition", "true_match", "--rationale", "same name, same country, same programme")
	if r := runCLI(t, db, "alerts", "approve", other, "--as", "rita"); r.Code == 0 || !strings.Contains(r.Stderr, "four-eyes") {
		t.Errorf("rita approves her own true match: exit %d %q", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "alerts", "reject", other, "--as", "bob"); r.Code == 0 || !strings.Contains(r.Stderr, "note") {
		t.Errorf("reject without a note: exit %d %q", r.Code, r.Stderr)
	}
	mustCLI(t, db, "alerts", "approve", other, "--as", "bob", "--note", "agreed")
	r = mustCLI(t, db, "alerts", "approve", id, "--as", "bob")
	if !strings.Contains(r.Stdout, "approved by bob") {
		t.Errorf("approve: %s", r.Stdout)
	}
	if a := pairAlerts(t, db, "c1", "house:h-1"); len(a) != 1 || a[0].Status != tripline.AlertClosed || a[0].Resolution != tripline.DispositionFalsePositive {
		t.Fatalf("after the approval: %+v", a)
	}

	// A remark-only change of the listed record: the pair stays quiet.
	writeCaseList(t, list, "second remark, only words", "")
	mustCLI(t, db, "import", "--source", "house", list)
	for _, a := range pairAlerts(t, db, "c1", "house:h-1") {
		if a.Status != tripline.AlertClosed {
			t.Errorf("a remark-only change reopened the pair: %+v", a)
		}
	}

	// A new alias: the pair opens again as match_changed, linked to the decision.
	writeCaseList(t, list, "second remark, only words", "TORBAT NONFERROUS WORKS")
	mustCLI(t, db, "import", "--source", "house", list)
	as = pairAlerts(t, db, "c1", "house:h-1")
	if len(as) != 2 {
		t.Fatalf("after a new alias: %d alerts of the pair, want 2: %+v", len(as), as)
	}
	re := as[1]
	if re.Status != tripline.AlertOpen || re.Reason != tripline.ReasonMatchChanged || re.PriorDecisionID != dec.ID || re.PriorAlertID != first.ID {
		t.Errorf("the reopened alert: status %s reason %s prior decision %d alert %d; want open match_changed %d %d",
			re.Status, re.Reason, re.PriorDecisionID, re.PriorAlertID, dec.ID, first.ID)
	}

	// The case view shows the earlier decision and the history.
	show := mustCLI(t, db, "alerts", "show", fmt.Sprint(re.ID)).Stdout
	for _, want := range []string{"reopens alert " + id, "decision " + fmt.Sprint(dec.ID), "approved by bob", "history of the listed record", "KAVEHZAN TORBAT METALS"} {
		if !strings.Contains(show, want) {
			t.Errorf("alerts show lacks %q:\n%s", want, show)
		}
	}
	if r := mustCLI(t, db, "alerts", "replay", id); !strings.Contains(r.Stdout, "the same result") {
		t.Errorf("replay of the decided alert: %s", r.Stdout)
	}

	// The report and the queue's filters.
	var rep review.Report
	if err := json.Unmarshal([]byte(mustCLI(t, db, "alerts", "report", "--json").Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.BySource) != 1 || rep.BySource[0].Key != "house" || rep.BySource[0].FalsePositives != 1 || rep.BySource[0].TrueMatches != 1 || rep.BySource[0].Rate != 0.5 ||
		rep.Reopened[tripline.ReasonMatchChanged] != 1 || rep.TimeToDisposition.N != 2 {
		t.Errorf("report = %+v", rep)
	}
	if r := mustCLI(t, db, "alerts", "report", "--csv"); !strings.Contains(r.Stdout, "false_positive_rate_by_source,house,1,1,0.5") {
		t.Errorf("report --csv:\n%s", r.Stdout)
	}
	if r := mustCLI(t, db, "alerts", "list", "--assignee", "-", "--status", "open", "--source", "house", "--json"); strings.Count(r.Stdout, "\n") != 1 || !strings.Contains(r.Stdout, `"reason":"match_changed"`) {
		t.Errorf("alerts list of the unassigned open alerts:\n%s", r.Stdout)
	}
	if r := mustCLI(t, db, "alerts", "list", "--assignee", "bob", "--json"); r.Stdout != "" {
		t.Errorf("alerts list --assignee bob:\n%s", r.Stdout)
	}

	// The audit log holds every step and verifies.
	if r := mustCLI(t, db, "audit", "verify"); !strings.Contains(r.Stdout, "audit log ok") {
		t.Errorf("audit verify: %s", r.Stdout)
	}
	keyFile := filepath.Join(dir, "audit.key")
	mustCLI(t, db, "audit", "keygen", keyFile)
	out := filepath.Join(dir, "audit.jsonl")
	mustCLI(t, db, "audit", "export", "--key", keyFile, "--out", out)
	body, _ := os.ReadFile(out)
	for _, action := range []string{tripline.AuditImport, tripline.AuditUserAdded, tripline.AuditKeyCreated, tripline.AuditAlertRaised, tripline.AuditAlertAssigned,
		tripline.AuditAlertDecided, tripline.AuditAlertApproved, tripline.AuditSuppression} {
		if !strings.Contains(string(body), `"action":"`+action+`"`) {
			t.Errorf("the audit export has no %s entry", action)
		}
	}
	if r := mustCLI(t, db, "audit", "check-export", out, "--pub", keyFile+".pub"); !strings.Contains(r.Stdout, "export ok") {
		t.Errorf("check-export: %s", r.Stdout)
	}
	if r := mustCLI(t, db, "audit", "verify", "--checkpoint", out, "--pub", keyFile+".pub"); !strings.Contains(r.Stdout, "checkpoint of") {
		t.Errorf("verify --checkpoint: %s", r.Stdout)
	}
	tampered := filepath.Join(dir, "tampered.jsonl")
	os.WriteFile(tampered, []byte(strings.Replace(string(body), `"actor":"bob"`, `"actor":"eve"`, 1)), 0o644)
	if r := runCLI(t, db, "audit", "check-export", tampered, "--pub", keyFile+".pub"); r.Code == 0 {
		t.Errorf("a tampered export checks out: %s", r.Stdout)
	}

	// Someone with the database file changes entry 5 past the triggers:
	// audit verify fails and names it.
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'eve' WHERE seq = 5`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if r := runCLI(t, db, "audit", "verify"); r.Code != 1 || !strings.Contains(r.Stderr, "broken at entry 5") {
		t.Errorf("audit verify of a changed entry: exit %d, %q", r.Code, r.Stderr)
	}
}

// TestCaseNetworkCLI: alerts show --network gives the party's path in the
// front-company graph to the listed entity it matched.
func TestCaseNetworkCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustCLI(t, db, "import", filepath.Join("testdata", "graph", "lists"))
	book := writeFile(t, filepath.Join(dir, "book.csv"), "id,name,country\nk1,Kestrel Propulsion Works LLC,IR\n")
	mustCLI(t, db, "book", "import", book)
	as := pairAlerts(t, db, "k1", "ofac-sdn:90001")
	if len(as) != 1 {
		t.Fatalf("alerts of k1: %+v", as)
	}
	id := fmt.Sprint(as[0].ID)
	if r := mustCLI(t, db, "alerts", "show", id, "--network"); !strings.Contains(r.Stdout, "no network records") {
		t.Errorf("show --network without records:\n%s", r.Stdout)
	}
	mustCLI(t, db, "graph", "import", filepath.Join("testdata", "graph", "book"))
	r := mustCLI(t, db, "alerts", "show", id, "--network")
	if !strings.Contains(r.Stdout, "network:") || !strings.Contains(r.Stdout, "company:k1 -> ") || !strings.Contains(r.Stdout, "ofac-sdn:90001") {
		t.Errorf("show --network:\n%s", r.Stdout)
	}
}

func TestSubcommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"next", "--as", "alice"}, "next"},
		{[]string{"--as", "alice", "next"}, "next"},
		{[]string{"--as=alice", "decide", "3"}, "decide"},
		{[]string{"--book", "show", "list"}, "list"},
		{[]string{"-json", "list"}, "list"},
		{[]string{"--as", "x"}, ""},
	} {
		if got := subcommand(c.args); got != c.want {
			t.Errorf("subcommand(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}
