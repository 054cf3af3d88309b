package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline/review"
	"github.com/tripline/tripline/storetest"
)

// TestFourEyesInTheDatabase: whoever writes SQL to the database past the
// store meets the same four-eyes rules in its checks and triggers.
func TestFourEyesInTheDatabase(t *testing.T) {
	ctx := context.Background()
	dsn := newSchema(t)
	pending := storetest.CaseFixture(t, open(t, dsn))
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, tc := range []struct{ name, sql string }{
		{"the decider approves", fmt.Sprintf(`UPDATE alert_decisions SET state = 'approved', reviewed_by = decided_by WHERE alert_id = %d`, pending)},
		{"an analyst approves", fmt.Sprintf(`UPDATE alert_decisions SET state = 'approved', reviewed_by = 'alice2' WHERE alert_id = %d`, pending)},
		{"approved without a reviewer", fmt.Sprintf(`UPDATE alert_decisions SET state = 'approved' WHERE alert_id = %d`, pending)},
		{"closed without an approved decision", fmt.Sprintf(`UPDATE alerts SET status = 'closed', resolution = 'false_positive' WHERE id = %d`, pending)},
		{"a decision born approved", `INSERT INTO alert_decisions (alert_id, book, party_id, entity_id, disposition, rationale, decided_by, decided_at, state, needs_approval, reviewed_by, score, source, snapshot_id, matcher_version, policy_version, party_hash, entity_hash)
			SELECT alert_id, book, party_id, entity_id, 'true_match', 'x', 'alice', decided_at, 'approved', true, 'bob', score, source, snapshot_id, matcher_version, policy_version, party_hash, entity_hash FROM alert_decisions LIMIT 1`},
		{"an answered decision rewritten", `UPDATE alert_decisions SET rationale = 'changed' WHERE state = 'approved'`},
		{"a decision deleted", `DELETE FROM alert_decisions`},
		{"an audit entry changed", `UPDATE audit_log SET actor = 'eve' WHERE seq = 3`},
		{"an audit entry deleted", `DELETE FROM audit_log WHERE seq = 3`},
	} {
		if _, err := c.Exec(ctx, tc.sql); err == nil {
			t.Errorf("%s: the database accepted %s", tc.name, tc.sql)
		}
	}
	var state string
	if err := c.QueryRow(ctx, `SELECT state FROM alert_decisions WHERE alert_id = $1`, pending).Scan(&state); err != nil || state != "pending" {
		t.Errorf("the pending decision is now %q, %v", state, err)
	}
}

// TestAuditVerifyNamesTheEntry: changing, deleting or reordering one
// entry past the triggers makes verification fail at that entry.
func TestAuditVerifyNamesTheEntry(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ name, sql string }{
		{"changed", `UPDATE audit_log SET payload = '{"approved":true}' WHERE seq = %[1]d`},
		{"deleted", `DELETE FROM audit_log WHERE seq = %[1]d`},
		{"reordered", `UPDATE audit_log SET seq = -1 WHERE seq = %[1]d; UPDATE audit_log SET seq = %[1]d WHERE seq = %[1]d + 1; UPDATE audit_log SET seq = %[1]d + 1 WHERE seq = -1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := newSchema(t)
			s := open(t, dsn)
			storetest.CaseFixture(t, s)
			v, err := review.Verify(ctx, s)
			if err != nil || !v.OK {
				t.Fatalf("Verify(untouched) = %+v, %v", v, err)
			}
			seq := v.Entries / 2
			c, err := pgx.Connect(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close(ctx)
			if _, err := c.Exec(ctx, `DROP TRIGGER audit_log_guard ON audit_log; `+fmt.Sprintf(tc.sql, seq)); err != nil {
				t.Fatal(err)
			}
			v, err = review.Verify(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if v.OK || v.FirstBad != seq || !strings.Contains(v.Problem, fmt.Sprint(seq)) {
				t.Errorf("Verify = ok %v, first bad %d (%s); want entry %d named", v.OK, v.FirstBad, v.Problem, seq)
			}
		})
	}
}
