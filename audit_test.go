package tripline

import (
	"bytes"
	"strconv"
	"testing"
	"time"
)

// parseCanonical reads AuditCanonical's encoding back into its fields.
func parseCanonical(t *testing.T, b []byte) map[string]string {
	t.Helper()
	head := []byte("tripline-audit-v1\n")
	if !bytes.HasPrefix(b, head) {
		t.Fatalf("no header: %q", b)
	}
	b = b[len(head):]
	out := map[string]string{}
	for len(b) > 0 {
		eq := bytes.IndexByte(b, '=')
		colon := bytes.IndexByte(b, ':')
		if eq < 0 || colon < eq {
			t.Fatalf("malformed field in %q", b)
		}
		n, err := strconv.Atoi(string(b[eq+1 : colon]))
		if err != nil || colon+1+n >= len(b)+1 || b[colon+1+n] != '\n' {
			t.Fatalf("bad length in %q", b)
		}
		out[string(b[:eq])] = string(b[colon+1 : colon+1+n])
		b = b[colon+2+n:]
	}
	return out
}

// FuzzAuditCanonical: the canonical encoding reads back into exactly the
// fields it was made of, whatever bytes they hold, so two entries that
// differ in any field never share an encoding (and so a hash, short of a
// SHA-256 collision).
func FuzzAuditCanonical(f *testing.F) {
	f.Add(int64(1), "alice", "cli", "alert.decided", "alert:1", `{"a":1}`, AuditGenesis)
	f.Add(int64(7), "a\nvia=3:x", "", "x=1:y\n", "", `{}`, "")
	f.Fuzz(func(t *testing.T, seq int64, actor, via, action, subject, payload, prev string) {
		at := time.Date(2026, 12, 7, 12, 0, 0, 123456000, time.UTC)
		e := AuditEntry{Seq: seq, At: at, Actor: actor, Via: via, Action: action, Subject: subject, Payload: []byte(payload), PrevHash: prev}
		got := parseCanonical(t, AuditCanonical(e))
		want := map[string]string{"seq": strconv.FormatInt(seq, 10), "at": "2026-12-07T12:00:00.123456Z", "actor": actor, "via": via,
			"action": action, "subject": subject, "payload": payload, "prev_hash": prev}
		if len(got) != len(want) {
			t.Fatalf("fields %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("field %s = %q, want %q", k, got[k], v)
			}
		}
		e2 := e
		e2.Actor += "x"
		if AuditHash(e) == AuditHash(e2) {
			t.Fatal("a changed actor keeps the hash")
		}
	})
}
