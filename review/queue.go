package review

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/tripline/tripline"
)

// Next lifts the suppressions that have expired (raising their pairs
// again where they still match) and then assigns the next alert of the
// queue to by (tripline.CaseStore.NextAlert).
func Next(ctx context.Context, st tripline.CaseStore, f tripline.AlertFilter, by tripline.Principal) (tripline.Alert, error) {
	if _, err := st.ExpireSuppressions(ctx, time.Now()); err != nil {
		return tripline.Alert{}, err
	}
	return st.NextAlert(ctx, f, by)
}

// MaxBulk caps the alerts of one bulk decision.
const MaxBulk = 10000

// Bulk decides every open alert that f selects with one disposition and
// rationale, in one transaction (all or none), and returns the
// decisions; they share a bulk id. An empty selection is NotFound; more
// than MaxBulk alerts is TooLarge (narrow the filter).
func Bulk(ctx context.Context, st Store, f tripline.AlertFilter, spec tripline.DecisionSpec, by tripline.Principal) ([]tripline.AlertDecision, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	f.Status, f.Queue, f.After, f.AfterPriority = tripline.AlertOpen, false, 0, 0
	var ids []int64
	for {
		f.Limit = 1000
		as, err := st.Alerts(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		if len(ids) > MaxBulk {
			return nil, tripline.Errorf(tripline.KindTooLarge, "the filter selects more than %d open alerts: narrow it (--book, --source, --reason, --max-score …)", MaxBulk)
		}
		if len(as) < f.Limit {
			break
		}
		f.After = as[len(as)-1].ID
	}
	if len(ids) == 0 {
		return nil, tripline.Errorf(tripline.KindNotFound, "the filter selects no open alert")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	spec.Bulk = "bulk-" + time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
	specs := make([]tripline.DecisionSpec, len(ids))
	for i, id := range ids {
		specs[i] = spec
		specs[i].AlertID = id
	}
	return st.DecideAlerts(ctx, specs, by)
}
