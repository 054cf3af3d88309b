package tripline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Dispositions: what a person decides about an alert.
const (
	// DispositionTrueMatch: the party is the listed entity. Always needs
	// a second person's approval.
	DispositionTrueMatch = "true_match"
	// DispositionFalsePositive: the party is not the listed entity. The
	// closed alert suppresses the pair until either record changes
	// materially; on a high-risk alert (ReviewPolicy) it needs approval.
	DispositionFalsePositive = "false_positive"
	// DispositionEscalate: the analyst cannot decide; the alert stays
	// open, unassigned, for a reviewer.
	DispositionEscalate = "escalate"
)

// ParseDisposition checks a disposition name.
func ParseDisposition(s string) (string, error) {
	d := strings.ToLower(strings.TrimSpace(s))
	switch d {
	case DispositionTrueMatch, DispositionFalsePositive, DispositionEscalate:
		return d, nil
	}
	return "", Errorf(KindInvalid, "disposition %q is not one of true_match, false_positive, escalate", s)
}

// ReasonSuppressionExpired: a false positive's suppression reached its
// end date (DecisionSpec.SuppressUntil) and the pair still matches, so it
// is raised again for a fresh look.
const ReasonSuppressionExpired = "suppression_expired"

// The states of a decision.
const (
	// DecisionFinal: took effect at once (a false positive that is not
	// high-risk, an escalation).
	DecisionFinal = "final"
	// DecisionPending: awaits a second person (the alert is
	// pending_approval).
	DecisionPending = "pending"
	// DecisionApproved and DecisionRejected: a second person's answer.
	DecisionApproved = "approved"
	DecisionRejected = "rejected"
	// DecisionSuperseded: new evidence arrived on the alert while the
	// decision waited for approval, so the alert went back to open.
	DecisionSuperseded = "superseded"
)

// AlertDecision is one disposition of an alert and what became of it,
// with everything that produced the alert decided on (its snapshots,
// matcher and rules versions, the material hashes of both records) and
// the version of the review policy that said whether it needed a second
// person.
type AlertDecision struct {
	ID          int64     `json:"id"`
	AlertID     int64     `json:"alert_id"`
	Book        string    `json:"book"`
	PartyID     string    `json:"party_id"`
	EntityID    string    `json:"entity_id"`
	Disposition string    `json:"disposition"`
	Rationale   string    `json:"rationale"`
	DecidedBy   string    `json:"decided_by"`
	DecidedAt   time.Time `json:"decided_at"`
	// State is final, pending, approved, rejected or superseded.
	State string `json:"state"`
	// NeedsApproval says whether the policy asked for a second person,
	// and ApprovalReason why ("a true match", "score 0.97 ≥ 0.95" …).
	NeedsApproval  bool   `json:"needs_approval"`
	ApprovalReason string `json:"approval_reason,omitempty"`
	// ReviewedBy, ReviewedAt and ReviewNote are the second person's
	// answer (approve or reject).
	ReviewedBy string     `json:"reviewed_by,omitempty"`
	ReviewedAt *time.Time `json:"reviewed_at,omitempty"`
	ReviewNote string     `json:"review_note,omitempty"`
	// SuppressUntil ends the suppression a false positive creates (nil:
	// until a material change).
	SuppressUntil *time.Time `json:"suppress_until,omitempty"`
	// What produced the alert when it was decided.
	Score          float64          `json:"score"`
	Source         string           `json:"source"`
	SnapshotID     int64            `json:"snapshot_id"`
	Snapshots      map[string]int64 `json:"snapshots,omitempty"`
	MatcherVersion string           `json:"matcher_version"`
	RulesVersion   string           `json:"rules_version,omitempty"`
	PolicyVersion  string           `json:"policy_version"`
	PartyHash      string           `json:"party_hash"`
	EntityHash     string           `json:"entity_hash"`
	// Bulk is the id shared by the decisions of one bulk decision.
	Bulk string `json:"bulk,omitempty"`
}

// DecisionSpec is a disposition to record.
type DecisionSpec struct {
	AlertID     int64
	Disposition string
	// Rationale is required: why, in the decider's words.
	Rationale string
	// SuppressUntil, for a false positive, ends its suppression.
	SuppressUntil *time.Time
	// Bulk groups the decisions of one bulk decision.
	Bulk string
}

// MaxRationaleBytes caps a rationale or review note.
const MaxRationaleBytes = 8192

// Validate checks the disposition and the rationale.
func (d *DecisionSpec) Validate() error {
	var err error
	if d.Disposition, err = ParseDisposition(d.Disposition); err != nil {
		return err
	}
	d.Rationale = strings.TrimSpace(d.Rationale)
	if d.Rationale == "" {
		return Errorf(KindInvalid, "a decision needs a rationale: say why, in words an auditor will read")
	}
	if len(d.Rationale) > MaxRationaleBytes {
		return Errorf(KindTooLarge, "rationale over %d bytes", MaxRationaleBytes)
	}
	if d.SuppressUntil != nil && d.Disposition != DispositionFalsePositive {
		return Errorf(KindInvalid, "an end date for a suppression (--until) goes with a false_positive only")
	}
	return nil
}

// DecisionFilter selects decisions; zero fields select everything.
type DecisionFilter struct {
	AlertID int64
	Book    string
	// PartyID and EntityID select the decisions on one pair (with Book).
	PartyID  string
	EntityID string
	State    string
	// After is a cursor: only decisions with a greater id.
	After int64
	// Limit caps the decisions (<= 0: 1000).
	Limit int
}

// Suppression is what a closed false positive leaves: the pair is not
// alerted again while both records keep the material hashes they had when
// it was decided, and until Until when set. A material change of either
// record lifts it and raises a match_changed alert that links the
// decision.
type Suppression struct {
	ID         int64      `json:"id"`
	Book       string     `json:"book"`
	PartyID    string     `json:"party_id"`
	EntityID   string     `json:"entity_id"`
	PartyHash  string     `json:"party_hash"`
	EntityHash string     `json:"entity_hash"`
	AlertID    int64      `json:"alert_id"`
	DecisionID int64      `json:"decision_id"`
	CreatedAt  time.Time  `json:"created_at"`
	Until      *time.Time `json:"until,omitempty"`
	// LiftedAt is when it stopped holding; LiftReason why
	// (match_changed, suppression_expired); ReopenedBy the alert that
	// reopened the pair.
	LiftedAt   *time.Time `json:"lifted_at,omitempty"`
	LiftReason string     `json:"lift_reason,omitempty"`
	ReopenedBy int64      `json:"reopened_by,omitempty"`
}

// Active reports whether s still holds at now (not lifted, not expired).
func (s Suppression) Active(now time.Time) bool {
	return s.LiftedAt == nil && (s.Until == nil || now.Before(*s.Until))
}

// Holds reports whether s suppresses its pair with these material hashes
// at now.
func (s Suppression) Holds(partyHash, entityHash string, now time.Time) bool {
	return s.Active(now) && s.PartyHash == partyHash && s.EntityHash == entityHash
}

// SuppressionFilter selects suppressions.
type SuppressionFilter struct {
	Book string
	// PartyIDs keeps those of these parties (with Book).
	PartyIDs []string
	// Active keeps those not lifted and not expired at ActiveAt (zero:
	// now).
	Active   bool
	ActiveAt time.Time
	Limit    int
}

// ReviewPolicy is the four-eyes rule set: which decisions need a second
// person with the reviewer role. A true match always does. A false
// positive does when the alert is high-risk: its score is at least
// HighRiskScore, its source is one of HighRiskSources, or one of its
// programmes is one of HighRiskPrograms (case ignored; a trailing '*'
// matches a prefix: "IRAN*"). Admins change it (SetReviewPolicy); every
// decision records the Version in force.
type ReviewPolicy struct {
	// HighRiskScore: 0 means no score is high-risk by itself.
	HighRiskScore    float64  `json:"high_risk_score"`
	HighRiskSources  []string `json:"high_risk_sources"`
	HighRiskPrograms []string `json:"high_risk_programs"`
}

// DefaultReviewPolicy is the policy of a store where no admin set one:
// false positives scoring 0.95 or more, or on proliferation programmes
// (NPWMD, the Iran and DPRK programmes), need a second person.
func DefaultReviewPolicy() ReviewPolicy {
	return ReviewPolicy{HighRiskScore: 0.95, HighRiskSources: []string{}, HighRiskPrograms: []string{"NPWMD", "IFSR", "IRAN*", "DPRK*"}}
}

// Validate checks and normalises p: the score in [0,1], sources and
// programmes trimmed, programmes upper-cased, duplicates and empties
// dropped, both lists sorted.
func (p *ReviewPolicy) Validate() error {
	if math.IsNaN(p.HighRiskScore) || p.HighRiskScore < 0 || p.HighRiskScore > 1 {
		return Errorf(KindInvalid, "high_risk_score %v is outside [0,1]", p.HighRiskScore)
	}
	clean := func(vs []string, upper bool) []string {
		out := []string{}
		for _, v := range vs {
			v = strings.TrimSpace(v)
			if upper {
				v = strings.ToUpper(v)
			}
			if v != "" && v != "*" {
				out = append(out, v)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	p.HighRiskSources = clean(p.HighRiskSources, false)
	p.HighRiskPrograms = clean(p.HighRiskPrograms, true)
	return nil
}

// Version is a content hash of the normalised policy: "rp1-" and 16 hex
// digits of the SHA-256 of its JSON.
func (p ReviewPolicy) Version() string {
	q := p
	_ = q.Validate()
	b, _ := json.Marshal(q)
	h := sha256.Sum256(b)
	return "rp1-" + hex.EncodeToString(h[:8])
}

// NeedsApproval says whether deciding a with disposition needs a second
// person, and why.
func (p ReviewPolicy) NeedsApproval(a Alert, disposition string) (bool, string) {
	switch disposition {
	case DispositionTrueMatch:
		return true, "a true match always needs a second person"
	case DispositionFalsePositive:
	default:
		return false, ""
	}
	if p.HighRiskScore > 0 && a.Score >= p.HighRiskScore {
		return true, fmt.Sprintf("high-risk: score %.3f is at least %.3f", a.Score, p.HighRiskScore)
	}
	for _, s := range p.HighRiskSources {
		if strings.EqualFold(s, a.Source) {
			return true, "high-risk: source " + a.Source
		}
	}
	for _, prog := range a.Programs {
		up := strings.ToUpper(strings.TrimSpace(prog))
		for _, h := range p.HighRiskPrograms {
			if pre, ok := strings.CutSuffix(h, "*"); ok && strings.HasPrefix(up, pre) || h == up {
				return true, "high-risk: programme " + prog
			}
		}
	}
	return false, ""
}

// StoredPolicy is a review policy as a store keeps it: with its version,
// who set it and when (zero for the default).
type StoredPolicy struct {
	Policy  ReviewPolicy `json:"policy"`
	Version string       `json:"version"`
	SetBy   string       `json:"set_by,omitempty"`
	SetAt   *time.Time   `json:"set_at,omitempty"`
}

// CaseStore is what case management keeps in a store: the queue's
// assignments, decisions with their four-eyes approvals, suppressions and
// the review policy. Every change is written to the audit log in its own
// transaction, and the rules that make decisions defensible are the
// store's: a decision needs an active user; a decision that the policy
// in force sends for approval (read in the same transaction) can only be
// approved or rejected by a different active user with the reviewer role
// — refused inside the transaction and by the database itself (a check
// constraint and triggers), whatever path the request takes.
//
// Errors are *Error values: NotFound for an unknown alert or user (or an
// empty queue), Invalid for a bad spec, Forbidden for a user whose role
// does not allow the action or who approves their own decision, Conflict
// for an alert in the wrong state (decided already, assigned to another,
// no pending decision), Internal otherwise.
type CaseStore interface {
	// NextAlert assigns to by.User the oldest unassigned open alert of
	// the highest priority that f selects and returns it; two callers
	// never get the same alert. Escalated alerts go to reviewers only.
	NextAlert(ctx context.Context, f AlertFilter, by Principal) (Alert, error)
	// AssignAlert assigns an open alert to a user ("" unassigns).
	// Analysts may take or drop only their own; reviewers assign anyone.
	AssignAlert(ctx context.Context, id int64, user string, by Principal) (Alert, error)
	// DecideAlerts records the dispositions, all or none, in one
	// transaction: a true match, and a false positive the policy calls
	// high-risk, put the alert in pending_approval; any other false
	// positive closes it and suppresses the pair; an escalation leaves it
	// open and unassigned for a reviewer. Only open alerts are decided;
	// an alert assigned to another user needs a reviewer to decide it.
	DecideAlerts(ctx context.Context, specs []DecisionSpec, by Principal) ([]AlertDecision, error)
	// ReviewDecision approves or rejects the pending decision of an
	// alert. by must be an active reviewer (or admin) other than the
	// decider. Approval closes the alert (a false positive then
	// suppresses the pair); rejection returns it to open, assigned to the
	// decider.
	ReviewDecision(ctx context.Context, alertID int64, approve bool, note string, by Principal) (AlertDecision, error)
	// Decisions returns the decisions the filter selects, oldest first.
	Decisions(ctx context.Context, f DecisionFilter) ([]AlertDecision, error)
	// Suppressions returns the suppressions the filter selects, oldest
	// first.
	Suppressions(ctx context.Context, f SuppressionFilter) ([]Suppression, error)
	// ExpireSuppressions lifts the suppressions whose end date is before
	// now and raises a suppression_expired alert for each pair that still
	// has a stored match at or above the threshold of its alert.
	ExpireSuppressions(ctx context.Context, now time.Time) ([]Alert, error)
	// ReviewPolicy returns the policy in force (DefaultReviewPolicy until
	// an admin sets one).
	ReviewPolicy(ctx context.Context) (StoredPolicy, error)
	// SetReviewPolicy validates p and makes it the policy in force; by
	// must be an active admin.
	SetReviewPolicy(ctx context.Context, p ReviewPolicy, by Principal) (StoredPolicy, error)
}

// CheckAssign says whether u may assign alert a to user to ("" drops the
// assignment): analysts may take an unassigned alert or drop their own,
// reviewers may assign anyone. Only alerts that are not closed are
// assigned.
func CheckAssign(u User, a Alert, to string) error {
	if a.Status == AlertClosed {
		return Errorf(KindConflict, "alert %d is closed", a.ID)
	}
	if u.Role.Allows(RoleReviewer) {
		return nil
	}
	switch {
	case to != "" && to != u.Name:
		return Errorf(KindForbidden, "user %s has the analyst role and may assign alerts only to themself", u.Name)
	case a.Assignee != "" && a.Assignee != u.Name:
		return Errorf(KindConflict, "alert %d is assigned to %s", a.ID, a.Assignee)
	}
	return nil
}

// PlanDecision checks that user u may decide alert a as spec says under
// the policy in force, and returns the decision to record: its state
// (pending when the policy asks for a second person, else final) and what
// produced the alert. The store then writes it and moves the alert: an
// escalation leaves it open and unassigned, a pending decision puts it in
// pending_approval, a final one closes it.
func PlanDecision(u User, a Alert, spec DecisionSpec, pol StoredPolicy, now time.Time) (AlertDecision, error) {
	if err := u.CanAct(RoleAnalyst, "decide alerts"); err != nil {
		return AlertDecision{}, err
	}
	switch a.Status {
	case AlertOpen:
	case AlertPendingApproval:
		return AlertDecision{}, Errorf(KindConflict, "alert %d waits for approval of decision %d: a reviewer approves or rejects it first", a.ID, a.DecisionID)
	default:
		return AlertDecision{}, Errorf(KindConflict, "alert %d is closed (%s)", a.ID, a.Resolution)
	}
	reviewer := u.Role.Allows(RoleReviewer)
	if a.Escalated && !reviewer {
		return AlertDecision{}, Errorf(KindForbidden, "alert %d is escalated: a reviewer decides it", a.ID)
	}
	if a.Assignee != "" && a.Assignee != u.Name && !reviewer {
		return AlertDecision{}, Errorf(KindConflict, "alert %d is assigned to %s", a.ID, a.Assignee)
	}
	needs, why := pol.Policy.NeedsApproval(a, spec.Disposition)
	state := DecisionFinal
	if needs {
		state = DecisionPending
	}
	return AlertDecision{
		AlertID: a.ID, Book: a.Book, PartyID: a.PartyID, EntityID: a.EntityID, Disposition: spec.Disposition, Rationale: spec.Rationale,
		DecidedBy: u.Name, DecidedAt: now.UTC(), State: state, NeedsApproval: needs, ApprovalReason: why, SuppressUntil: spec.SuppressUntil,
		Score: a.Score, Source: a.Source, SnapshotID: a.SnapshotID, Snapshots: a.Snapshots, MatcherVersion: a.MatcherVersion,
		RulesVersion: a.RulesVersion, PolicyVersion: pol.Version, PartyHash: a.PartyHash, EntityHash: a.EntityHash, Bulk: spec.Bulk,
	}, nil
}

// CheckFourEyes is the four-eyes rule: a pending decision is approved or
// rejected by an active reviewer (or admin) who did not make it.
func CheckFourEyes(u User, d AlertDecision) error {
	if err := u.CanAct(RoleReviewer, "approve or reject decisions"); err != nil {
		return err
	}
	if u.Name == d.DecidedBy {
		return Errorf(KindForbidden, "four-eyes: %s made decision %d on alert %d and may not approve or reject it; another reviewer must", u.Name, d.ID, d.AlertID)
	}
	return nil
}

// CheckReviewNote requires a note when a decision is rejected (the
// decider needs to know why) and caps its length.
func CheckReviewNote(approve bool, note string) error {
	if !approve && strings.TrimSpace(note) == "" {
		return Errorf(KindInvalid, "a rejection needs a note saying why (--note)")
	}
	if len(note) > MaxRationaleBytes {
		return Errorf(KindTooLarge, "note over %d bytes", MaxRationaleBytes)
	}
	return nil
}

// NoPendingError is the answer to an approval of an alert without a
// pending decision.
func NoPendingError(a Alert) error {
	return Errorf(KindConflict, "alert %d has no decision waiting for approval (status %s)", a.ID, a.Status)
}

// DecisionAuditPayload is the payload of an audit entry about a decision.
func DecisionAuditPayload(d AlertDecision) map[string]any {
	p := map[string]any{
		"decision_id": d.ID, "alert_id": d.AlertID, "book": d.Book, "party_id": d.PartyID, "entity_id": d.EntityID,
		"disposition": d.Disposition, "rationale": d.Rationale, "decided_by": d.DecidedBy, "state": d.State,
		"needs_approval": d.NeedsApproval, "score": d.Score, "source": d.Source, "snapshot_id": d.SnapshotID,
		"matcher_version": d.MatcherVersion, "policy_version": d.PolicyVersion, "party_hash": d.PartyHash, "entity_hash": d.EntityHash,
	}
	if d.ApprovalReason != "" {
		p["approval_reason"] = d.ApprovalReason
	}
	if d.ReviewedBy != "" {
		p["reviewed_by"], p["review_note"] = d.ReviewedBy, d.ReviewNote
	}
	if d.SuppressUntil != nil {
		p["suppress_until"] = d.SuppressUntil.UTC().Format(time.RFC3339)
	}
	if len(d.Snapshots) > 0 {
		p["snapshots"] = d.Snapshots
	}
	if d.RulesVersion != "" {
		p["rules_version"] = d.RulesVersion
	}
	if d.Bulk != "" {
		p["bulk"] = d.Bulk
	}
	return p
}

// ExpiredAlert is the alert raised when suppression sp of a pair that
// still matches (m, its stored match) expires: the decided alert prior
// again, with the current score and hashes, reason suppression_expired,
// linked to prior, its decision and the suppression.
func ExpiredAlert(prior Alert, sp Suppression, m PairMatch) Alert {
	a := prior
	a.ID, a.Status, a.Resolution, a.ClosedAt = 0, AlertOpen, "", nil
	a.Reason, a.Priority = ReasonSuppressionExpired, 1
	a.Score, a.PartyHash, a.EntityHash = m.Score, m.PartyHash, m.EntityHash
	a.Assignee, a.AssignedAt, a.Escalated, a.DecisionID = "", nil, false, 0
	a.PriorAlertID, a.PriorDecisionID, a.SuppressionID = prior.ID, sp.DecisionID, sp.ID
	return a
}
