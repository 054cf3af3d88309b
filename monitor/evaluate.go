package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/transferdb"
	"github.com/tripline/tripline/transfer"
)

// The evaluator is an after-commit observer of list imports and of
// imports of other facts.
var (
	_ tripline.SnapshotObserver = (*Evaluator)(nil)
	_ tripline.FactObserver     = (*Evaluator)(nil)
)

// WatchCursor is the name of the watch evaluator's outbox cursor.
const WatchCursor = "watches"

// NetworkRisks gives the network risk of every company of the records,
// by falling risk (graph.Live implements it); before any records are
// imported it is a NotFound error.
type NetworkRisks interface {
	Risk(ctx context.Context, flaggedOnly bool, limit int) ([]tripline.NetworkRisk, error)
}

// Evaluator fires the watches that do not look at list snapshots: watches
// of a country pair, a weapon system or a producer, on the register rows
// and article claims the outbox announces ("transfer.added|changed|
// removed", "article.claim"), read in order from a cursor kept in the
// store; and watches of a company of the network graph, on a change of
// its risk, flag or paths whenever the records or the lists have changed.
// Every step writes its firings, their "watch.fired" events, the watches'
// states and the cursor in one transaction, and a watch fires once per
// event (and once per change of a company), so that running the
// evaluator again, late, twice or concurrently fires nothing twice.
type Evaluator struct {
	Store tripline.WatchEvalStore
	// Catalogue resolves systems and producers (nil: transfer.Default()).
	Catalogue *transfer.Catalogue
	// Lists and Records tell when the network risks may have moved (the
	// current snapshots and the records' version); Network computes them.
	// With any of them nil, company watches are not evaluated.
	Lists interface {
		CurrentSnapshots(ctx context.Context) ([]tripline.Snapshot, error)
	}
	Records tripline.NetworkStore
	Network NetworkRisks
	// BatchSize is the number of events read per transaction (default
	// 2000).
	BatchSize int
}

// EvalReport says what one evaluation did.
type EvalReport struct {
	// Events counts the outbox events read.
	Events int `json:"events"`
	// Companies counts the company watches evaluated again.
	Companies int `json:"companies"`
	// Fires are the firings recorded now.
	Fires []tripline.WatchFire `json:"fires"`
}

// Run evaluates the watches on everything that happened since the last
// run: the outbox events after the cursor, and the network risks of the
// watched companies when the records or the lists have changed.
func (e *Evaluator) Run(ctx context.Context) (EvalReport, error) {
	rep := EvalReport{Fires: []tripline.WatchFire{}}
	watches, err := e.Store.Watches(ctx)
	if err != nil {
		return rep, err
	}
	var evw, netw []tripline.Watch
	for _, w := range watches {
		switch {
		case tripline.WatchesEvents(w.Kind):
			evw = append(evw, w)
		case w.Kind == tripline.WatchNetworkCompany:
			netw = append(netw, w)
		}
	}
	if len(evw) > 0 {
		if err := e.events(ctx, evw, &rep); err != nil {
			return rep, err
		}
	}
	if len(netw) > 0 {
		if err := e.networks(ctx, netw, false, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// Baseline records the current network state of the company a new
// company watch looks at, so that the watch fires on what changes
// after it was added; for other watches it does nothing.
func (e *Evaluator) Baseline(ctx context.Context, w tripline.Watch) error {
	if w.Kind != tripline.WatchNetworkCompany {
		return nil
	}
	var rep EvalReport
	return e.networks(ctx, []tripline.Watch{w}, true, &rep)
}

func (e *Evaluator) catalogue() (*transfer.Catalogue, error) {
	if e.Catalogue != nil {
		return e.Catalogue, nil
	}
	return transfer.Default()
}

// events reads the outbox after the cursor (or after the oldest watch's
// start, if later) and fires the event watches, one transaction per
// batch of events.
func (e *Evaluator) events(ctx context.Context, watches []tripline.Watch, rep *EvalReport) error {
	cat, err := e.catalogue()
	if err != nil {
		return err
	}
	m := &matcher{cat: cat, producers: map[string][]string{}}
	cur, err := e.Store.EventCursor(ctx, WatchCursor)
	if err != nil {
		return err
	}
	from := watches[0].FromEvent
	for _, w := range watches {
		from = min(from, w.FromEvent)
	}
	cur = max(cur, from)
	batch := e.BatchSize
	if batch <= 0 {
		batch = 2000
	}
	for {
		evs, err := e.Store.EventsAfter(ctx, cur, batch)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			return nil
		}
		var fires []tripline.WatchFire
		for _, ev := range evs {
			fs, err := e.fire(ctx, m, watches, ev)
			if err != nil {
				return err
			}
			fires = append(fires, fs...)
		}
		cur = evs[len(evs)-1].Seq
		stored, err := e.Store.CommitWatches(ctx, tripline.WatchCommit{Fires: fires, Cursor: WatchCursor, CursorSeq: cur})
		if err != nil {
			return err
		}
		rep.Events += len(evs)
		rep.Fires = append(rep.Fires, stored...)
		if len(evs) < batch {
			return nil
		}
	}
}

// eventPayload is the union of the payloads of "transfer.*" and
// "article.claim" events (internal/transferdb writes them).
type eventPayload struct {
	Change        string                 `json:"change"`
	Source        string                 `json:"source"`
	SnapshotID    int64                  `json:"snapshot_id"`
	TransferID    string                 `json:"transfer_id"`
	ClaimID       string                 `json:"claim_id"`
	ArticleID     string                 `json:"article_id"`
	URL           string                 `json:"url"`
	NewClaim      bool                   `json:"new_claim"`
	Supplier      tripline.TransferParty `json:"supplier"`
	Recipient     tripline.TransferParty `json:"recipient"`
	System        string                 `json:"system"`
	SystemType    string                 `json:"system_type"`
	Designation   string                 `json:"designation"`
	Producers     []string               `json:"producers"`
	OrderYear     int                    `json:"order_year"`
	Delivered     *int                   `json:"delivered"`
	DeliveryYears []int                  `json:"delivery_years"`
	Date          string                 `json:"date"`
	Precision     string                 `json:"precision"`
	Confidence    string                 `json:"confidence"`
	Excerpt       string                 `json:"excerpt"`
	Reports       int                    `json:"reports"`
}

// fire returns the firings of the watches that ev concerns.
func (e *Evaluator) fire(ctx context.Context, m *matcher, watches []tripline.Watch, ev tripline.Event) ([]tripline.WatchFire, error) {
	var p eventPayload
	var rec tripline.WatchRecord
	switch ev.Type {
	case "transfer.added", "transfer.changed", "transfer.removed":
		if err := json.Unmarshal(ev.Payload, &p); err != nil || p.TransferID == "" {
			return nil, nil // not a payload this evaluator knows: nothing to match
		}
		rec = tripline.WatchRecord{Kind: tripline.RecordTransfer, ID: p.TransferID, Source: p.Source, OrderYear: p.OrderYear,
			Delivered: p.Delivered, DeliveryYears: p.DeliveryYears}
		p.Change = ev.Type[len("transfer."):]
	case "article.claim":
		if err := json.Unmarshal(ev.Payload, &p); err != nil || p.ClaimID == "" {
			return nil, nil
		}
		rec = tripline.WatchRecord{Kind: tripline.RecordClaim, ID: p.ClaimID, Source: tripline.ClaimsSource, ArticleID: p.ArticleID, URL: p.URL,
			Date: p.Date, Precision: p.Precision, Confidence: p.Confidence, Excerpt: p.Excerpt, Reports: p.Reports, NewClaim: p.NewClaim}
	default:
		return nil, nil
	}
	rec.Supplier, rec.Recipient, rec.System, rec.SystemType, rec.Designation, rec.Producers = p.Supplier, p.Recipient, p.System, p.SystemType, p.Designation, p.Producers
	var mine []tripline.Watch
	for _, w := range watches {
		if ev.Seq > w.FromEvent && m.matches(w, &rec) {
			mine = append(mine, w)
		}
	}
	if len(mine) == 0 {
		return nil, nil
	}
	base := tripline.WatchFire{EntityID: rec.ID, EntityName: recordLabel(&rec), EventID: ev.ID}
	if rec.Kind == tripline.RecordTransfer {
		base.Change, base.SnapshotID = p.Change, p.SnapshotID
		var err error
		if base.Diff, base.PrevSnapshotID, base.EntityHash, err = e.dealDiff(ctx, p); err != nil {
			return nil, err
		}
		if base.EntityHash == "" {
			base.EntityHash = ev.ID // the snapshot is gone: once per event
		}
	} else {
		// A claim is one fact however many articles report it: a watch
		// fires on the first report it sees.
		base.Change, base.Diff = claimChange(&rec)
		base.EntityHash = rec.ID
	}
	out := make([]tripline.WatchFire, 0, len(mine))
	for _, w := range mine {
		f := base
		f.WatchID = w.ID
		r := rec
		f.Record = &r
		f.Explanation = explain(w, &r, f.Change, p.SnapshotID)
		out = append(out, f)
	}
	return out, nil
}

// dealDiff reads the deal of a transfer event in its snapshot and in the
// one before, and returns the diff old → new, the previous snapshot's id
// and the content hash of the deal as the change left it (as it was, for
// a removal). A snapshot no longer stored gives an empty diff and hash.
func (e *Evaluator) dealDiff(ctx context.Context, p eventPayload) (map[string]tripline.FieldDiff, int64, string, error) {
	now, prev, err := e.Store.TransferAt(ctx, p.SnapshotID, p.TransferID)
	if tripline.ErrorKind(err) == tripline.KindNotFound {
		return map[string]tripline.FieldDiff{}, 0, "", nil
	}
	if err != nil {
		return nil, 0, "", err
	}
	var before *tripline.Transfer
	if prev != 0 && p.Change != "added" {
		if before, _, err = e.Store.TransferAt(ctx, prev, p.TransferID); err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
			return nil, 0, "", err
		}
	}
	if p.Change == "removed" {
		now = nil
	}
	hashed := now
	if hashed == nil {
		hashed = before
	}
	hash := ""
	if hashed != nil {
		if _, hash, err = transferdb.Encode(hashed); err != nil {
			return nil, 0, "", err
		}
	}
	return transferDiff(before, now), prev, hash, nil
}

// claimChange is the change of a claim event and its diff: "claim", the
// claim's fields new.
func claimChange(r *tripline.WatchRecord) (string, map[string]tripline.FieldDiff) {
	d := map[string]tripline.FieldDiff{}
	put := func(k string, v ...string) {
		v = slices.DeleteFunc(slices.Clone(v), func(s string) bool { return s == "" })
		if len(v) > 0 {
			d[k] = tripline.FieldDiff{Old: []string{}, New: v}
		}
	}
	party := func(p tripline.TransferParty) string {
		if p.Code != "" {
			return fmt.Sprintf("%s (%s)", p.Name, p.Code)
		}
		return p.Name
	}
	put("supplier", party(r.Supplier))
	put("recipient", party(r.Recipient))
	put("system", r.System)
	put("system_type", r.SystemType)
	put("designation", r.Designation)
	put("producers", r.Producers...)
	put("date", r.Date)
	put("confidence", r.Confidence)
	put("reports", fmt.Sprint(max(r.Reports, 1)))
	return "claim", d
}

// explain says for people why watch w fired on the record r.
func explain(w tripline.Watch, r *tripline.WatchRecord, change string, snapshot int64) string {
	var what string
	if r.Kind == tripline.RecordTransfer {
		what = fmt.Sprintf("register row %s (%s) was %s in snapshot %d of %s", r.ID, recordLabel(r), change, snapshot, r.Source)
	} else {
		what = fmt.Sprintf("article %s claims a transfer %s", r.ArticleID, recordLabel(r))
		if r.Confidence != "" {
			what += " (" + r.Confidence + " confidence)"
		}
	}
	var why string
	switch w.Kind {
	case tripline.WatchCountryPair:
		from, to, _ := strings.Cut(w.Value, ":")
		why = fmt.Sprintf("its supplier %s and recipient %s are the watched pair %s → %s", partyText(r.Supplier), partyText(r.Recipient), from, to)
	case tripline.WatchSystem:
		sys := r.System
		if sys == "" {
			sys = r.Designation
		}
		why = fmt.Sprintf("its system %s is the watched system %s", sys, w.Value)
	case tripline.WatchProducer:
		why = fmt.Sprintf("its system %s is made by the watched producer %s", firstNonEmpty(r.System, r.Designation), w.Value)
	}
	return what + "; " + why
}

func partyText(p tripline.TransferParty) string {
	switch {
	case p.Code != "":
		return fmt.Sprintf("%s (%s)", p.Name, p.Code)
	case p.Country != "":
		return fmt.Sprintf("%s (in %s)", p.Name, p.Country)
	}
	return p.Name
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// FactsCommitted evaluates the watches after an import committed new
// register rows, article claims or network records (a
// tripline.FactObserver), and says what fired.
func (e *Evaluator) FactsCommitted(ctx context.Context, kind string) ([]string, error) {
	rep, err := e.Run(ctx)
	return rep.Notes(), err
}

// SnapshotCommitted evaluates the watches after a list got a new snapshot
// (the importer's after-commit hook): a new list may move the network
// risk of a watched company.
func (e *Evaluator) SnapshotCommitted(ctx context.Context, _ *tripline.Snapshot, _ tripline.Snapshot) ([]string, error) {
	return e.FactsCommitted(ctx, "lists")
}

// MaxNotes is the most firings Notes lists one by one.
const MaxNotes = 20

// Notes says what an evaluation fired, for the importing user: a line
// per firing (at most MaxNotes), nothing when nothing fired.
func (r EvalReport) Notes() []string {
	if len(r.Fires) == 0 {
		return nil
	}
	out := []string{fmt.Sprintf("watches: %d new firings (tripline watch fires)", len(r.Fires))}
	for i, f := range r.Fires {
		if i == MaxNotes {
			out = append(out, fmt.Sprintf("  … and %d more", len(r.Fires)-MaxNotes))
			break
		}
		out = append(out, fmt.Sprintf("  watch %d: %s %s", f.WatchID, f.EntityName, f.Change))
	}
	return out
}
