package tripline

import (
	"context"
	"encoding/json"
	"time"
)

// Watches of register rows, article claims and network companies: what a
// firing carries, the state a watch keeps between evaluations, and what
// the evaluator (package monitor) needs of a store.

// Kinds of WatchRecord.
const (
	RecordTransfer = "transfer" // a deal of an arms-transfer register
	RecordClaim    = "claim"    // a transfer claim of an article
)

// WatchRecord is the register row or article claim a country-pair,
// system or producer watch fired on, as its event announced it.
type WatchRecord struct {
	// Kind is transfer or claim; ID the transfer's or the claim's id.
	Kind string `json:"kind"`
	ID   string `json:"id"`
	// Source is the register of a transfer, "articles" for a claim.
	Source      string        `json:"source"`
	Supplier    TransferParty `json:"supplier"`
	Recipient   TransferParty `json:"recipient"`
	System      string        `json:"system,omitempty"`
	SystemType  string        `json:"system_type,omitempty"`
	Designation string        `json:"designation,omitempty"`
	Producers   []string      `json:"producers,omitempty"`
	// A transfer's order year, units delivered and delivery years.
	OrderYear     int   `json:"order_year,omitempty"`
	Delivered     *int  `json:"delivered,omitempty"`
	DeliveryYears []int `json:"delivery_years,omitempty"`
	// A claim's article, event date, confidence, supporting sentence and
	// number of reports; NewClaim when the article's report started it.
	ArticleID  string `json:"article_id,omitempty"`
	URL        string `json:"url,omitempty"`
	Date       string `json:"date,omitempty"`
	Precision  string `json:"precision,omitempty"`
	Confidence string `json:"confidence,omitempty"`
	Excerpt    string `json:"excerpt,omitempty"`
	Reports    int    `json:"reports,omitempty"`
	NewClaim   bool   `json:"new_claim,omitempty"`
}

// ClaimsSource is the source name of article claims, for a watch's
// Sources.
const ClaimsSource = "articles"

// NetworkChange is how a watched company's network risk changed between
// two evaluations: old → new risk and flag, and the paths to listed
// parties (and the listed parties they lead to) added and removed.
type NetworkChange struct {
	OldRisk    float64 `json:"old_risk"`
	NewRisk    float64 `json:"new_risk"`
	OldFlagged bool    `json:"old_flagged"`
	NewFlagged bool    `json:"new_flagged"`
	// OldPresent and NewPresent say whether the records held the company.
	OldPresent    bool          `json:"old_present"`
	NewPresent    bool          `json:"new_present"`
	PathsAdded    []NetworkPath `json:"paths_added"`
	PathsRemoved  []NetworkPath `json:"paths_removed"`
	LinkedAdded   []string      `json:"linked_added"`
	LinkedRemoved []string      `json:"linked_removed"`
	// RecordsVersion and Snapshots are the records' version and the list
	// snapshots (by source) the new state was computed from.
	RecordsVersion int64            `json:"records_version"`
	Snapshots      map[string]int64 `json:"snapshots,omitempty"`
}

// WatchState is what a watch keeps between evaluations (the last state
// of a watched network company it reported), as opaque JSON with a hash
// that changes whenever the data does.
type WatchState struct {
	WatchID   int64           `json:"watch_id"`
	Hash      string          `json:"hash"`
	Data      json.RawMessage `json:"data"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// WatchStateUpdate replaces a watch's state, and records its firings,
// only if the stored state is still the one the evaluator read: PrevHash
// is its hash ("" when the watch had none). Otherwise another evaluator
// got there first and the update and its firings are dropped.
type WatchStateUpdate struct {
	State    WatchState
	PrevHash string
	Fires    []WatchFire
}

// WatchCommit is what one step of the watch evaluator writes in one
// transaction: firings (each with its "watch.fired" event, once per
// watch and event or per watch, entity, change and hash), state updates
// with their firings, and the evaluator's outbox cursor.
type WatchCommit struct {
	Fires  []WatchFire
	States []WatchStateUpdate
	// Cursor names the outbox reader whose position moves to CursorSeq
	// (never back); "" leaves cursors alone.
	Cursor    string
	CursorSeq int64
}

// WatchEvalStore is what the watch evaluator needs of a store: the
// watches, the outbox and its readers' cursors, the watches' states,
// and the deals of a register's snapshots (for old → new diffs).
//
// Errors are *Error values: NotFound for an unknown transfer, Invalid for
// a malformed firing, Internal otherwise.
type WatchEvalStore interface {
	WatchStore
	EventLog
	// EventCursor returns the last event seq the reader name has handled
	// (0 when it has none).
	EventCursor(ctx context.Context, name string) (int64, error)
	// WatchStates returns the stored state of every watch that has one,
	// by watch id.
	WatchStates(ctx context.Context) (map[int64]WatchState, error)
	// CommitWatches writes c in one transaction and returns the firings
	// stored (those not stored before, of the state updates that applied).
	CommitWatches(ctx context.Context, c WatchCommit) ([]WatchFire, error)
	// TransferAt returns the deal id as snapshot snapshotID of its
	// register held it (nil when it did not hold it), and the id of the
	// snapshot before that one (0 for the first); NotFound when there is
	// no such snapshot.
	TransferAt(ctx context.Context, snapshotID int64, id string) (t *Transfer, previous int64, err error)
}

// Kinds of facts a FactObserver is told about.
const (
	FactsTransfers = "transfers" // a new edition of an arms-transfer register
	FactsArticles  = "articles"  // articles and their transfer claims
	FactsNetwork   = "network"   // the user's network records
)

// FactObserver is told after an import committed new facts that are not
// list snapshots (a register edition, articles with their claims, network
// records): the watch evaluator (monitor.Evaluator) fires the watches the
// new facts concern. It returns lines for the importing user; its error
// is reported to that user and never undoes the committed import.
type FactObserver interface {
	FactsCommitted(ctx context.Context, kind string) (notes []string, err error)
}

// FactReport is what the observers of an import said.
type FactReport struct {
	Notes []string `json:"notes,omitempty"`
	// Errors are the observers' failures: the import is committed, an
	// after-commit step is not done (the next import, or tripline watch
	// run, does it).
	Errors []string `json:"observer_errors,omitempty"`
}

// ObserveFacts tells every observer, in order, that facts of kind were
// committed; a failure is reported and the next observer still called.
func ObserveFacts(ctx context.Context, obs []FactObserver, kind string) FactReport {
	var rep FactReport
	for _, o := range obs {
		if o == nil {
			continue
		}
		notes, err := o.FactsCommitted(ctx, kind)
		rep.Notes = append(rep.Notes, notes...)
		if err != nil {
			rep.Errors = append(rep.Errors, "the "+kind+" are stored, but an after-commit step failed: "+ErrorMessage(err))
		}
	}
	return rep
}
