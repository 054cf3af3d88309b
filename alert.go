package tripline

import (
	"context"
	"time"
)

// Alert statuses. An alert is open until someone (or the monitor, for a
// delisting or a retired party) closes it; pending_approval is an open
// alert whose decision awaits a second person. At most one alert per
// (book, party, entity) is not closed.
const (
	AlertOpen            = "open"
	AlertPendingApproval = "pending_approval"
	AlertClosed          = "closed"
)

// Why an alert was raised.
const (
	// ReasonNewMatch: the pair scores at or above the threshold and did
	// not before (a new or changed listed entity, a new party).
	ReasonNewMatch = "new_match"
	// ReasonMatchChanged: the pair matched before, its alert was closed,
	// and the listed record has since changed materially.
	ReasonMatchChanged = "match_changed"
	// ReasonDelisted: the pair matched and the listed entity has been
	// removed from its list.
	ReasonDelisted = "delisted"
	// ReasonPartyChanged: a party of the book changed materially and now
	// matches (again).
	ReasonPartyChanged = "party_changed"
)

// Why the monitor closed an alert (people's dispositions come with case
// management).
const (
	ResolutionDelisted        = "delisted"          // the entity left its list (a delisted alert follows)
	ResolutionPartyRetired    = "party_retired"     // the party left the book
	ResolutionNoLongerMatches = "no_longer_matches" // a change brought the score under the threshold
	ResolutionRelisted        = "relisted"          // a delisted alert whose entity came back
)

// Alert is one finding of the monitor about a pair of a book's party and
// a listed entity, with everything an auditor needs to say why it was
// raised.
type Alert struct {
	ID         int64    `json:"id"`
	Book       string   `json:"book"`
	PartyID    string   `json:"party_id"`
	PartyName  string   `json:"party_name"`
	EntityID   string   `json:"entity_id"`
	EntityName string   `json:"entity_name"`
	Source     string   `json:"source"`
	Programs   []string `json:"programs,omitempty"`
	Score      float64  `json:"score"`
	Reason     string   `json:"reason"`
	Status     string   `json:"status"`
	Resolution string   `json:"resolution,omitempty"`
	Priority   int      `json:"priority"`
	SnapshotID int64    `json:"snapshot_id"`
	// PrevSnapshotID is the snapshot of the source before the one that
	// raised the alert (0 when the book was screened for the first time).
	PrevSnapshotID int64  `json:"prev_snapshot_id"`
	MatcherVersion string `json:"matcher_version"`
	// PartyHash and EntityHash are the material hashes of both records
	// when the alert was raised or last updated (PartyHash,
	// delta.MaterialHash), for suppressions that hold until either changes.
	PartyHash   string       `json:"party_hash"`
	EntityHash  string       `json:"entity_hash"`
	Explanation *Explanation `json:"explanation,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`
	ClosedAt    *time.Time   `json:"closed_at,omitempty"`

	// Case management (case.go). Snapshots are all the list snapshots
	// the raising pass screened against, by source; RulesVersion and
	// Threshold the alerting rule in force; Party the party's record as
	// screened. Together with MatcherVersion they let the alert be
	// replayed.
	Snapshots    map[string]int64 `json:"snapshots,omitempty"`
	RulesVersion string           `json:"rules_version,omitempty"`
	Threshold    float64          `json:"threshold,omitempty"`
	Party        *BookParty       `json:"party,omitempty"`
	// Assignee is the user working the alert ("" when unassigned).
	Assignee   string     `json:"assignee,omitempty"`
	AssignedAt *time.Time `json:"assigned_at,omitempty"`
	// Escalated alerts wait for a reviewer.
	Escalated bool `json:"escalated,omitempty"`
	// DecisionID is the alert's latest decision (0: none).
	DecisionID int64 `json:"decision_id,omitempty"`
	// PriorAlertID and PriorDecisionID link the pair's earlier closed
	// alert and its decision; SuppressionID is the suppression this
	// alert lifted (a reopen).
	PriorAlertID    int64 `json:"prior_alert_id,omitempty"`
	PriorDecisionID int64 `json:"prior_decision_id,omitempty"`
	SuppressionID   int64 `json:"suppression_id,omitempty"`
}

// AlertFilter selects alerts for AlertStore.Alerts; zero fields select
// everything.
type AlertFilter struct {
	Book   string
	Status string
	Reason string
	// Since keeps alerts created at or after it.
	Since time.Time
	// After is a cursor: only alerts with a greater id.
	After int64
	// Limit caps the alerts returned (<= 0: 100).
	Limit int

	// Case management filters (case.go): the listed entity's source, the
	// least and greatest score, alerts created before a time (an age),
	// the assignee (Unassigned: only alerts with none), one party or
	// listed entity.
	Source     string
	MinScore   float64
	MaxScore   float64
	Before     time.Time
	Assignee   string
	Unassigned bool
	PartyID    string
	EntityID   string
	// Queue orders by falling priority, then oldest first (the order
	// "alerts next" takes them in); the cursor is then AfterPriority and
	// After together.
	Queue         bool
	AfterPriority int
}

// AlertStore reads alerts.
//
// Errors are *Error values: NotFound for an unknown alert id, Invalid for a
// bad filter (an unknown status), Internal otherwise.
type AlertStore interface {
	// Alerts returns the alerts the filter selects, oldest (lowest id)
	// first.
	Alerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	// Alert returns the alert with id.
	Alert(ctx context.Context, id int64) (Alert, error)
}

// PairMatch is a stored screening result of a book: a party and a listed
// entity that scored at least the monitor's keep threshold (a margin below
// the alert threshold, so that drift across it is seen), with the material
// hashes of both records when scored.
type PairMatch struct {
	PartyID    string  `json:"party_id"`
	EntityID   string  `json:"entity_id"`
	Score      float64 `json:"score"`
	PartyHash  string  `json:"party_hash"`
	EntityHash string  `json:"entity_hash"`
}

// PassStats counts what a screening pass did.
type PassStats struct {
	// Parties is the book's size; Screened the parties scored again.
	Parties  int `json:"parties"`
	Screened int `json:"screened"`
	// Changed and Removed count the listed entities added or materially
	// changed, and removed, that the pass screened against.
	Changed int  `json:"changed_entities"`
	Removed int  `json:"removed_entities"`
	Full    bool `json:"full"`
	// NewAlerts counts the alerts raised, Delisted those of them with
	// reason delisted; Updated the open alerts given new evidence; Closed
	// the alerts the pass closed.
	NewAlerts int `json:"new_alerts"`
	Delisted  int `json:"delistings"`
	Updated   int `json:"updated_alerts"`
	Closed    int `json:"closed_alerts"`
}

// Add adds o's counts of alerts to s.
func (s *PassStats) Add(o PassStats) {
	s.Screened += o.Screened
	s.NewAlerts += o.NewAlerts
	s.Delisted += o.Delisted
	s.Updated += o.Updated
	s.Closed += o.Closed
}

// Pass is one screening run of a book, resumable from its cursor: the
// screening of a book's new and changed parties after an import of the
// book ("book:REV"), the rescreen of a source's delta ("snapshot:SOURCE:OLD:NEW"),
// or a full rescreen ("full:…").
type Pass struct {
	Book string `json:"book"`
	Key  string `json:"key"`
	// Kind is book, snapshot or full.
	Kind        string `json:"kind"`
	Source      string `json:"source,omitempty"`
	OldSnapshot int64  `json:"old_snapshot,omitempty"`
	NewSnapshot int64  `json:"new_snapshot,omitempty"`
	Revision    int64  `json:"revision,omitempty"`
	// Snapshots are the snapshots the pass screens against, by source,
	// fixed when it starts so that a resumed pass screens like the first
	// attempt.
	Snapshots      map[string]int64 `json:"snapshots"`
	MatcherVersion string           `json:"matcher_version"`
	// Cursor is the id of the last party done ("" before the first).
	Cursor     string     `json:"cursor"`
	Done       bool       `json:"done"`
	Stats      PassStats  `json:"stats"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// AlertUpdate gives an open alert new evidence: a changed record on either
// side that still matches. Its priority rises by one.
type AlertUpdate struct {
	ID             int64
	Score          float64
	Explanation    *Explanation
	PartyName      string
	EntityName     string
	SnapshotID     int64
	PrevSnapshotID int64
	MatcherVersion string
	PartyHash      string
	EntityHash     string
	// Snapshots and Party, when set, replace the alert's record of what
	// produced it (case management's replay reads them).
	Snapshots map[string]int64
	Party     *BookParty
}

// AlertClose closes an alert with a resolution.
type AlertClose struct {
	ID         int64
	Resolution string
}

// ScreeningBatch is what one batch of a pass writes, in one transaction:
// the stored matches of its parties, the alerts raised, updated and
// closed (each announced by an "alert.created", "alert.updated" or
// "alert.closed" event), and the pass's cursor and counts; with Finish
// set, the pass is done and the book's snapshots and matcher version are
// set.
type ScreeningBatch struct {
	Book    string
	PassKey string
	Cursor  string
	Stats   PassStats
	Upsert  []PairMatch
	// Delete are stored matches to drop, by party and entity id.
	Delete []PairMatch
	// Close runs before Raise, so a pair's open alert can be replaced.
	Close  []AlertClose
	Update []AlertUpdate
	Raise  []Alert
	Finish bool
}

// MonitorStore is what the monitor keeps in a store: books, alerts, the
// stored matches of each book and the passes that compute them.
//
// Errors are *Error values: NotFound for an unknown book, pass or alert,
// Invalid for a malformed batch (an alert without a party or an entity),
// Internal otherwise.
type MonitorStore interface {
	BookStore
	AlertStore
	// Matches returns the stored matches of the parties of book whose ids
	// lie between first and last (inclusive, in byte order).
	Matches(ctx context.Context, book, first, last string) ([]PairMatch, error)
	// MatchedParties returns the ids of the parties of book with a stored
	// match, sorted.
	MatchedParties(ctx context.Context, book string) ([]string, error)
	// OpenAlerts returns the alerts of the given parties of book that are
	// not closed.
	OpenAlerts(ctx context.Context, book string, partyIDs []string) ([]Alert, error)
	// StartPass records p unless a pass with its book and key exists, and
	// returns the stored pass (so that a resumed pass keeps its cursor and
	// snapshots).
	StartPass(ctx context.Context, p Pass) (Pass, error)
	// Passes returns the passes of book, oldest first; with unfinished
	// set, only those not done.
	Passes(ctx context.Context, book string, unfinished bool) ([]Pass, error)
	// ApplyScreening writes b in one transaction and returns the alerts
	// raised. A raise for a pair that already has an alert that is not
	// closed raises nothing (the store enforces one per pair), so that a
	// batch written twice doubles nothing.
	ApplyScreening(ctx context.Context, b ScreeningBatch) ([]Alert, error)
}
