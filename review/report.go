package review

import (
	"context"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/tripline/tripline"
)

// Report is the state of the review work of a store (or one book): open
// alerts by age and status, the time from an alert's raising to its
// disposition taking effect, false-positive rates by source and by rule,
// and how often suppressed pairs reopened.
type Report struct {
	Book string    `json:"book,omitempty"`
	At   time.Time `json:"at"`
	// Backlog counts the alerts that are not closed by status and age
	// bucket (AgeBuckets).
	Backlog []BacklogRow `json:"backlog"`
	// TimeToDisposition is over the decisions that took effect (final,
	// or approved), in hours.
	TimeToDisposition Quantiles `json:"time_to_disposition_hours"`
	// FalsePositiveRate is by the listed entity's source and by rule (the
	// alert's reason, and the alerting rule's version), over the
	// decisions that took effect as true_match or false_positive.
	BySource []RateRow `json:"false_positive_rate_by_source"`
	ByRule   []RateRow `json:"false_positive_rate_by_rule"`
	// Reopened counts the alerts that reopened a suppressed pair, by
	// reason (match_changed, suppression_expired).
	Reopened map[string]int `json:"reopened"`
}

// AgeBuckets are the upper bounds of the backlog's age buckets.
var AgeBuckets = []struct {
	Name string
	Max  time.Duration
}{{"<1d", 24 * time.Hour}, {"1-7d", 7 * 24 * time.Hour}, {"7-30d", 30 * 24 * time.Hour}, {">30d", math.MaxInt64}}

// BacklogRow is one status and age bucket of the backlog.
type BacklogRow struct {
	Status string `json:"status"`
	Age    string `json:"age"`
	Count  int    `json:"count"`
}

// Quantiles of a duration, in hours.
type Quantiles struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
}

// RateRow is the false-positive rate of one group.
type RateRow struct {
	Key            string  `json:"key"`
	TrueMatches    int     `json:"true_matches"`
	FalsePositives int     `json:"false_positives"`
	Rate           float64 `json:"rate"`
}

// BuildReport reads every alert and decision of book ("" for all) and
// computes the report at now.
func BuildReport(ctx context.Context, st Store, book string, now time.Time) (*Report, error) {
	r := &Report{Book: book, At: now.UTC(), Reopened: map[string]int{}}
	alerts := map[int64]tripline.Alert{}
	backlog := map[[2]string]int{}
	f := tripline.AlertFilter{Book: book, Limit: 1000}
	for {
		as, err := st.Alerts(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			alerts[a.ID] = a
			if a.SuppressionID != 0 {
				r.Reopened[a.Reason]++
			}
			if a.Status == tripline.AlertClosed {
				continue
			}
			age := now.Sub(a.CreatedAt)
			for _, b := range AgeBuckets {
				if age < b.Max {
					backlog[[2]string{a.Status, b.Name}]++
					break
				}
			}
		}
		if len(as) < f.Limit {
			break
		}
		f.After = as[len(as)-1].ID
	}
	for _, st := range []string{tripline.AlertOpen, tripline.AlertPendingApproval} {
		for _, b := range AgeBuckets {
			r.Backlog = append(r.Backlog, BacklogRow{Status: st, Age: b.Name, Count: backlog[[2]string{st, b.Name}]})
		}
	}
	var hours []float64
	bySource, byRule := map[string]*RateRow{}, map[string]*RateRow{}
	count := func(m map[string]*RateRow, key, disp string) {
		row := m[key]
		if row == nil {
			row = &RateRow{Key: key}
			m[key] = row
		}
		if disp == tripline.DispositionFalsePositive {
			row.FalsePositives++
		} else {
			row.TrueMatches++
		}
	}
	df := tripline.DecisionFilter{Book: book, Limit: 1000}
	for {
		ds, err := st.Decisions(ctx, df)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			var at time.Time
			switch d.State {
			case tripline.DecisionFinal:
				at = d.DecidedAt
			case tripline.DecisionApproved:
				if d.ReviewedAt != nil {
					at = *d.ReviewedAt
				}
			default:
				continue
			}
			a, ok := alerts[d.AlertID]
			if d.Disposition == tripline.DispositionEscalate || !ok {
				continue
			}
			hours = append(hours, at.Sub(a.CreatedAt).Hours())
			count(bySource, a.Source, d.Disposition)
			count(byRule, a.Reason, d.Disposition)
			if a.RulesVersion != "" {
				count(byRule, a.RulesVersion, d.Disposition)
			}
		}
		if len(ds) < df.Limit {
			break
		}
		df.After = ds[len(ds)-1].ID
	}
	r.TimeToDisposition = quantiles(hours)
	r.BySource, r.ByRule = rates(bySource), rates(byRule)
	return r, nil
}

func quantiles(xs []float64) Quantiles {
	q := Quantiles{N: len(xs)}
	if len(xs) == 0 {
		return q
	}
	slices.Sort(xs)
	at := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(xs)))) - 1
		return math.Round(xs[max(0, i)]*100) / 100
	}
	q.P50, q.P90 = at(0.5), at(0.9)
	return q
}

func rates(m map[string]*RateRow) []RateRow {
	out := make([]RateRow, 0, len(m))
	for _, r := range m {
		if n := r.TrueMatches + r.FalsePositives; n > 0 {
			r.Rate = math.Round(float64(r.FalsePositives)/float64(n)*1000) / 1000
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
