package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/transfer"
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
	// With any of them nil, network_company watches are not evaluated.
	Lists interface {
		CurrentSnapshots(ctx context.Context) ([]tripline.Snapshot, error)
	}
	Records tripline.NetworkStore
	Network NetworkRisks
	// BatchSize is the number of events read per transaction (default
	// 500).
	BatchSize int
}

// EvalReport says what one evaluation did.
type EvalReport struct {
	// Events counts the outbox events read.
	Events int `json:"events"`
	// Companies counts the network_company watches evaluated again.
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
// network_company watch looks at, so that the watch fires on what changes
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
		batch = 500
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
		if base.Diff, base.PrevSnapshotID, err = e.dealDiff(ctx, p); err != nil {
			return nil, err
		}
	} else {
		base.Change, base.Diff = claimChange(&rec)
	}
	out := make([]tripline.WatchFire, 0, len(mine))
	for _, w := range mine {
		f := base
		f.WatchID = w.ID
		r := rec
		f.Record = &r
		out = append(out, f)
	}
	return out, nil
}

// dealDiff reads the deal of a transfer event in its snapshot and in the
// one before, and returns the diff old → new and the previous snapshot's
// id. A snapshot no longer stored gives the diff of what is.
func (e *Evaluator) dealDiff(ctx context.Context, p eventPayload) (map[string]tripline.FieldDiff, int64, error) {
	now, prev, err := e.Store.TransferAt(ctx, p.SnapshotID, p.TransferID)
	if tripline.ErrorKind(err) == tripline.KindNotFound {
		return map[string]tripline.FieldDiff{}, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	var before *tripline.Transfer
	if prev != 0 && p.Change != "added" {
		if before, _, err = e.Store.TransferAt(ctx, prev, p.TransferID); err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
			return nil, 0, err
		}
	}
	if p.Change == "removed" {
		now = nil
	}
	return transferDiff(before, now), prev, nil
}

// claimChange is the change of a claim event and its diff: a new claim
// ("claim", its fields new) or a new report of a known one ("report",
// the count of reports old → new).
func claimChange(r *tripline.WatchRecord) (string, map[string]tripline.FieldDiff) {
	if !r.NewClaim && r.Reports > 1 {
		return "report", map[string]tripline.FieldDiff{"reports": {Old: []string{fmt.Sprint(r.Reports - 1)}, New: []string{fmt.Sprint(r.Reports)}}}
	}
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
