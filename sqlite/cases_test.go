package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/review"
	"github.com/tripline/tripline/sqlite"
)

// caseDB returns a store at path with users, a decided and approved
// alert and a pending one, and the pending alert's id.
func caseDB(t *testing.T, path string) (*sqlite.Store, int64) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	by := func(u string) tripline.Principal { return tripline.Principal{Name: "test", User: u} }
	if _, _, _, err := s.AddUser(ctx, "chief", tripline.RoleAdmin, tripline.Principal{Name: "os"}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"alice", "bob"} {
		role := tripline.RoleAnalyst
		if u == "bob" {
			role = tripline.RoleReviewer
		}
		if _, _, _, err := s.AddUser(ctx, u, role, by("chief")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ApplyBook(ctx, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{{ID: "p1", Name: "ALPHA"}, {ID: "p2", Name: "BETA"}}}); err != nil {
		t.Fatal(err)
	}
	p, err := s.StartPass(ctx, tripline.Pass{Book: "b", Key: "k", Kind: "snapshot", Source: "src", NewSnapshot: 1, Snapshots: map[string]int64{"src": 1}, MatcherVersion: "v"})
	if err != nil {
		t.Fatal(err)
	}
	raise := func(party string) tripline.Alert {
		return tripline.Alert{PartyID: party, PartyName: party, EntityID: "src:1", EntityName: "E", Source: "src", Programs: []string{"NPWMD"},
			Score: 0.9, Reason: tripline.ReasonNewMatch, SnapshotID: 1, MatcherVersion: "v", PartyHash: "ph", EntityHash: "eh"}
	}
	as, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{raise("p1"), raise("p2")}, Finish: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if _, err := s.DecideAlerts(ctx, []tripline.DecisionSpec{{AlertID: a.ID, Disposition: tripline.DispositionFalsePositive, Rationale: "other"}}, by("alice")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ReviewDecision(ctx, as[0].ID, true, "", by("bob")); err != nil {
		t.Fatal(err)
	}
	return s, as[1].ID
}

func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestFourEyesInTheDatabase: whoever writes SQL to the database file past
// the store meets the same four-eyes rules in its checks and triggers.
func TestFourEyesInTheDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, pending := caseDB(t, path)
	s.Close()
	db := rawDB(t, path)
	for _, tc := range []struct{ name, sql string }{
		{"the decider approves", fmt.Sprintf(`UPDATE alert_decisions SET state = 'approved', reviewed_by = decided_by WHERE alert_id = %d`, pending)},
		{"an analyst approves", fmt.Sprintf(`UPDATE alert_decisions SET state = 'approved', reviewed_by = 'chief2' WHERE alert_id = %d`, pending)},
		{"approved without a reviewer", fmt.Sprintf(`UPDATE alert_decisions SET state = 'approved' WHERE alert_id = %d`, pending)},
		{"closed without an approved decision", fmt.Sprintf(`UPDATE alerts SET status = 'closed', resolution = 'false_positive' WHERE id = %d`, pending)},
		{"a decision born approved", `INSERT INTO alert_decisions (alert_id, book, party_id, entity_id, disposition, rationale, decided_by, decided_at, state, needs_approval, reviewed_by, score, source, snapshot_id, matcher_version, policy_version, party_hash, entity_hash)
			SELECT alert_id, book, party_id, entity_id, 'true_match', 'x', 'alice', decided_at, 'approved', 1, 'bob', score, source, snapshot_id, matcher_version, policy_version, party_hash, entity_hash FROM alert_decisions LIMIT 1`},
		{"an answered decision rewritten", `UPDATE alert_decisions SET rationale = 'changed' WHERE state = 'approved'`},
		{"a decision deleted", `DELETE FROM alert_decisions`},
		{"an audit entry changed", `UPDATE audit_log SET actor = 'eve' WHERE seq = 3`},
		{"an audit entry deleted", `DELETE FROM audit_log WHERE seq = 3`},
	} {
		if _, err := db.Exec(tc.sql); err == nil {
			t.Errorf("%s: the database accepted %s", tc.name, tc.sql)
		}
	}
	var state string
	if err := db.QueryRow(`SELECT state FROM alert_decisions WHERE alert_id = ?`, pending).Scan(&state); err != nil || state != "pending" {
		t.Errorf("the pending decision is now %q, %v", state, err)
	}
}

// TestAuditVerifyNamesTheEntry: changing, deleting or reordering any one
// entry in the database file (past the triggers, as someone with the file
// would) makes verification fail at that entry.
func TestAuditVerifyNamesTheEntry(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	s, _ := caseDB(t, base)
	v, err := review.Verify(ctx, s)
	if err != nil || !v.OK || v.Entries < 10 {
		t.Fatalf("Verify(untouched) = %+v, %v; want ok", v, err)
	}
	n := v.Entries
	s.Close()
	drop := `DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_append; DROP TRIGGER audit_head_forward;`
	tamper := []struct {
		name string
		sql  string
		want int64
	}{
		{"payload changed", `UPDATE audit_log SET payload = substr(payload, 1, length(payload) - 1) || ',"approved":true}' WHERE seq = %[1]d`, 0},
		{"actor changed", `UPDATE audit_log SET actor = 'eve' WHERE seq = %[1]d`, 0},
		{"time changed", `UPDATE audit_log SET at = '2020-01-01T00:00:00.000000Z' WHERE seq = %[1]d`, 0},
		{"deleted", `DELETE FROM audit_log WHERE seq = %[1]d`, 0},
		{"reordered", `UPDATE audit_log SET seq = -1 WHERE seq = %[1]d; UPDATE audit_log SET seq = %[1]d WHERE seq = %[1]d + 1; UPDATE audit_log SET seq = %[1]d + 1 WHERE seq = -1`, 0},
		{"rehashed after a change", `UPDATE audit_log SET actor = 'eve', hash = 'x' WHERE seq = %[1]d`, 0},
	}
	for _, tc := range tamper {
		for _, seq := range []int64{1, n / 2, n - 1, n} {
			if tc.name == "reordered" && seq == n {
				continue
			}
			name := fmt.Sprintf("%s/%d", tc.name, seq)
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "t.db")
				copyDB(t, base, path)
				db := rawDB(t, path)
				stmt := drop + fmt.Sprintf(tc.sql, seq)
				if _, err := db.Exec(stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
				db.Close()
				st, err := sqlite.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				v, err := review.Verify(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				if v.OK || v.FirstBad != seq {
					t.Errorf("Verify = ok %v, first bad %d (%s); want entry %d named", v.OK, v.FirstBad, v.Problem, seq)
				}
				if !strings.Contains(v.Problem, fmt.Sprint(seq)) {
					t.Errorf("the problem %q does not name entry %d", v.Problem, seq)
				}
			})
		}
	}
}

// copyDB copies a closed database file with VACUUM INTO.
func copyDB(t *testing.T, from, to string) {
	t.Helper()
	db := rawDB(t, from)
	if _, err := db.Exec(`VACUUM INTO ?`, to); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkAuditVerify1M verifies an audit log of 1,000,000 entries
// (issue 11: under 10 s).
func BenchmarkAuditVerify1M(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "audit.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n, batch = 1_000_000, 10_000
	es := make([]tripline.AuditEntry, batch)
	for i := 0; i < n; i += batch {
		for j := range es {
			es[j] = tripline.AuditEntry{Actor: "alice", Via: "cli", Action: tripline.AuditAlertDecided, Subject: tripline.AuditSubject("alert", int64(i+j)),
				Payload: []byte(fmt.Sprintf(`{"alert_id":%d,"disposition":"false_positive","rationale":"a different firm in another country","party_hash":"ph","entity_hash":"eh"}`, i+j))}
		}
		if _, err := s.AppendAudit(ctx, es); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := review.Verify(ctx, s)
		if err != nil || !v.OK || v.Entries != n {
			b.Fatalf("Verify = %+v, %v", v, err)
		}
		b.ReportMetric(v.Seconds, "s/verify")
	}
}

// BenchmarkQueueFirstPage reads the first page (100 alerts, in queue
// order: priority, then oldest) of a queue of 100,000 open alerts
// (issue 11: under 150 ms).
func BenchmarkQueueFirstPage(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "queue.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n = 100_000
	ps := make([]tripline.BookParty, n)
	for i := range ps {
		ps[i] = tripline.BookParty{ID: fmt.Sprintf("p%06d", i), Name: fmt.Sprintf("PARTY %d", i)}
	}
	if _, err := s.ApplyBook(ctx, tripline.BookChange{Book: "b", Upsert: ps}); err != nil {
		b.Fatal(err)
	}
	p, err := s.StartPass(ctx, tripline.Pass{Book: "b", Key: "k", Kind: "snapshot", Source: "src", NewSnapshot: 1, Snapshots: map[string]int64{"src": 1}, MatcherVersion: "v"})
	if err != nil {
		b.Fatal(err)
	}
	const batch = 10_000
	for i := 0; i < n; i += batch {
		raise := make([]tripline.Alert, batch)
		for j := range raise {
			raise[j] = tripline.Alert{PartyID: ps[i+j].ID, PartyName: ps[i+j].Name, EntityID: "src:1", EntityName: "E", Source: "src", Programs: []string{"NPWMD"},
				Score: 0.9, Reason: tripline.ReasonNewMatch, SnapshotID: 1, MatcherVersion: "v", PartyHash: "ph", EntityHash: "eh", Priority: (i + j) % 3,
				Explanation: &tripline.Explanation{Summary: "0.90: a test explanation of some length, as real ones have", NameScore: 0.9}}
		}
		if _, err := s.ApplyScreening(ctx, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: raise, Finish: i+batch >= n}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		as, err := s.Alerts(ctx, tripline.AlertFilter{Status: tripline.AlertOpen, Queue: true, Limit: 100})
		if err != nil || len(as) != 100 || as[0].Priority != 2 {
			b.Fatalf("first page: %d alerts, %v", len(as), err)
		}
	}
}

// TestCheckpointCatchesARewrite: whoever changes an entry and recomputes
// every hash after it passes verify, but not a kept signed checkpoint.
func TestCheckpointCatchesARewrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "t.db")
	s, _ := caseDB(t, path)
	pub, err := review.GenerateKey(filepath.Join(dir, "k"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := review.ReadPrivateKey(filepath.Join(dir, "k"))
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	sc, err := review.Export(ctx, s, &buf, time.Time{}, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := review.VerifyCheckpoint(ctx, s, sc, pub); err != nil {
		t.Fatalf("VerifyCheckpoint(untouched): %v", err)
	}
	if _, err := review.VerifyExport(strings.NewReader(buf.String()), pub); err != nil {
		t.Fatalf("VerifyExport: %v", err)
	}
	var es []tripline.AuditEntry
	if err := s.EachAuditEntry(ctx, 1, func(e tripline.AuditEntry) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The rewrite: entry 3's actor, and every hash from there on.
	db := rawDB(t, path)
	if _, err := db.Exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_head_forward`); err != nil {
		t.Fatal(err)
	}
	prev := es[1].Hash
	for i := 2; i < len(es); i++ {
		e := es[i]
		if i == 2 {
			e.Actor = "eve"
		}
		e.PrevHash = prev
		e.Hash = tripline.AuditHash(e)
		prev = e.Hash
		if _, err := db.Exec(`UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?`, e.Actor, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE audit_head SET hash = ?`, prev); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, err := review.Verify(ctx, st); err != nil || !v.OK {
		t.Fatalf("Verify after a full rewrite = %+v, %v; the chain alone cannot tell", v, err)
	}
	if err := review.VerifyCheckpoint(ctx, st, sc, pub); err == nil || !strings.Contains(err.Error(), "rewritten") {
		t.Errorf("VerifyCheckpoint after a rewrite = %v, want the rewrite named", err)
	}
}
