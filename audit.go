package tripline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Audit actions: what an entry of the audit log records.
const (
	AuditImport          = "import"         // a list import (created, unchanged or rejected)
	AuditBookChanged     = "book.changed"   // a book import that changed the book
	AuditAlertRaised     = "alert.raised"   // the monitor raised an alert
	AuditAlertUpdated    = "alert.updated"  // new evidence on an open alert (priority up)
	AuditAlertClosed     = "alert.closed"   // the monitor closed an alert (delisted, party retired …)
	AuditAlertAssigned   = "alert.assigned" // an alert was assigned (alerts next) or unassigned
	AuditAlertDecided    = "alert.decided"  // a disposition was recorded
	AuditAlertApproved   = "alert.approved" // a second person approved a pending decision
	AuditAlertRejected   = "alert.rejected" // a second person rejected a pending decision
	AuditSuppression     = "suppression.lifted"
	AuditUserAdded       = "user.added"
	AuditUserChanged     = "user.changed" // role changed or user disabled
	AuditKeyCreated      = "key.created"
	AuditKeyRevoked      = "key.revoked"
	AuditPolicyChanged   = "rules.changed" // the review policy (four-eyes rules) changed
	AuditCheckpointSaved = "audit.exported"
)

// AuditGenesis is the PrevHash of the first entry of an audit log.
const AuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000"

// AuditEntry is one entry of the tamper-evident audit log: every action
// (an import, an alert raised, assigned, decided or approved, a user, key
// or rule changed) appends one, in the transaction of the action itself.
// Each entry carries the hash of the one before it, so that changing,
// removing or reordering any entry breaks the chain at that entry
// (docs/review.md).
type AuditEntry struct {
	// Seq is the entry's position: 1, 2, 3 … without gaps.
	Seq int64 `json:"seq"`
	// At is when the entry was written, in UTC, to the microsecond.
	At time.Time `json:"at"`
	// Actor is who acted (Principal.Actor); Via how (the API key and
	// client address, "cli", "monitor").
	Actor string `json:"actor"`
	Via   string `json:"via,omitempty"`
	// Action is one of the Audit… constants.
	Action string `json:"action"`
	// Subject names what the action is about: "alert:42", "user:alice",
	// "snapshot:7", "key:3", "book:default", "policy:rp1-…".
	Subject string `json:"subject"`
	// Payload is a JSON object with the details, hashed byte for byte as
	// stored.
	Payload json.RawMessage `json:"payload"`
	// PrevHash is the Hash of entry Seq-1 (AuditGenesis for the first).
	PrevHash string `json:"prev_hash"`
	// Hash is AuditHash of the entry.
	Hash string `json:"hash"`
}

// AuditTime is the layout of an entry's time in its canonical encoding
// and in the stores: UTC, microseconds, fixed width.
const AuditTime = "2006-01-02T15:04:05.000000Z"

// AuditCanonical returns the canonical encoding of e that AuditHash
// hashes: the line "tripline-audit-v1", then one line per field, in the
// order seq, at, actor, via, action, subject, payload, prev_hash, each
// written NAME=LEN:VALUE with LEN the value's length in bytes (decimal),
// so that no value can be mistaken for another field whatever bytes it
// holds. seq is decimal, at is AuditTime, payload the stored bytes.
func AuditCanonical(e AuditEntry) []byte {
	b := make([]byte, 0, 160+len(e.Actor)+len(e.Via)+len(e.Subject)+len(e.Payload))
	b = append(b, "tripline-audit-v1\n"...)
	field := func(name, v string) {
		b = append(b, name...)
		b = append(b, '=')
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, ':')
		b = append(b, v...)
		b = append(b, '\n')
	}
	field("seq", strconv.FormatInt(e.Seq, 10))
	field("at", e.At.UTC().Format(AuditTime))
	field("actor", e.Actor)
	field("via", e.Via)
	field("action", e.Action)
	field("subject", e.Subject)
	field("payload", string(e.Payload))
	field("prev_hash", e.PrevHash)
	return b
}

// AuditHash returns the hex SHA-256 of AuditCanonical(e).
func AuditHash(e AuditEntry) string {
	h := sha256.Sum256(AuditCanonical(e))
	return hex.EncodeToString(h[:])
}

// AuditHead is the last entry of a log as the store records it apart from
// the entries (so that removing the last entry is seen too).
type AuditHead struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// AuditFilter selects audit entries for AuditStore.AuditEntries.
type AuditFilter struct {
	// Subject keeps the entries about one subject ("alert:42").
	Subject string
	// Since keeps entries written at or after it.
	Since time.Time
	// After is a cursor: only entries with a greater Seq.
	After int64
	// Limit caps the entries (<= 0: 100).
	Limit int
}

// AuditStore is implemented by stores that keep the audit log.
//
// Errors are *Error values: Invalid for an entry without an action or
// with a payload that is not a JSON object, Internal otherwise.
type AuditStore interface {
	// AppendAudit appends entries that belong to no other change (an
	// export's checkpoint) and returns them with Seq, At, PrevHash and
	// Hash set. Changes write their entries inside their own transaction.
	AppendAudit(ctx context.Context, entries []AuditEntry) ([]AuditEntry, error)
	// EachAuditEntry calls fn for every entry with Seq >= from, in Seq
	// order (the stored order, whatever it is: verification reads it as
	// it is), stopping at fn's first error, which it returns.
	EachAuditEntry(ctx context.Context, from int64, fn func(AuditEntry) error) error
	// AuditEntries returns the entries the filter selects, oldest first.
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// AuditHead returns the store's record of the last entry (zero for an
	// empty log).
	AuditHead(ctx context.Context) (AuditHead, error)
}

// AuditSubject names a subject of kind with id: AuditSubject("alert", 42)
// is "alert:42".
func AuditSubject(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// Via says how the principal acted, for the audit log: "key 3 from
// 10.0.0.7" over HTTP, "cli" (with the operating-system user when it acts
// as another user) on the command line.
func (p Principal) Via() string {
	var parts []string
	if p.KeyID != 0 {
		parts = append(parts, fmt.Sprintf("key %d", p.KeyID))
	}
	if p.Addr != "" {
		parts = append(parts, "from "+p.Addr)
	}
	if len(parts) == 0 {
		v := "cli"
		if p.User != "" && p.Name != "" && p.Name != p.User {
			v += ", os user " + p.Name
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " ")
}

// AlertAuditPayload is the payload of an audit entry about an alert:
// what identifies it and what produced it (the explanation stays with the
// alert). A struct, not a map: the monitor writes one per alert it
// raises, updates or closes, and a struct encodes several times faster.
func AlertAuditPayload(a Alert) any {
	return alertAudit{
		Book: a.Book, PartyID: a.PartyID, PartyName: a.PartyName, EntityID: a.EntityID, EntityName: a.EntityName,
		Source: a.Source, Score: a.Score, Reason: a.Reason, Status: a.Status, Resolution: a.Resolution, Priority: a.Priority,
		SnapshotID: a.SnapshotID, PrevSnapshotID: a.PrevSnapshotID, Snapshots: a.Snapshots, MatcherVersion: a.MatcherVersion,
		RulesVersion: a.RulesVersion, PartyHash: a.PartyHash, EntityHash: a.EntityHash, Assignee: a.Assignee,
		PriorAlertID: a.PriorAlertID, PriorDecisionID: a.PriorDecisionID, SuppressionID: a.SuppressionID, DecisionID: a.DecisionID,
	}
}

type alertAudit struct {
	Book            string           `json:"book"`
	PartyID         string           `json:"party_id"`
	PartyName       string           `json:"party_name"`
	EntityID        string           `json:"entity_id"`
	EntityName      string           `json:"entity_name"`
	Source          string           `json:"source"`
	Score           float64          `json:"score"`
	Reason          string           `json:"reason"`
	Status          string           `json:"status"`
	Resolution      string           `json:"resolution,omitempty"`
	Priority        int              `json:"priority"`
	SnapshotID      int64            `json:"snapshot_id"`
	PrevSnapshotID  int64            `json:"prev_snapshot_id"`
	Snapshots       map[string]int64 `json:"snapshots,omitempty"`
	MatcherVersion  string           `json:"matcher_version"`
	RulesVersion    string           `json:"rules_version,omitempty"`
	PartyHash       string           `json:"party_hash"`
	EntityHash      string           `json:"entity_hash"`
	Assignee        string           `json:"assignee,omitempty"`
	PriorAlertID    int64            `json:"prior_alert_id,omitempty"`
	PriorDecisionID int64            `json:"prior_decision_id,omitempty"`
	SuppressionID   int64            `json:"suppression_id,omitempty"`
	DecisionID      int64            `json:"decision_id,omitempty"`
}
