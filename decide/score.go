package decide

import (
	"fmt"
	"sort"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/rules"
)

// Scoring turns flags into a risk level. Each category counts once, at the
// weight of its most severe flag; the score is their sum.
//
// The defaults: a note (low) weighs 1, a red flag that needs due
// diligence (medium) 2, and a flag that alone warrants a hold (high, such
// as a listed party or controlled goods for an embargoed country) 6. A
// score of 6 or more is high — so controlled goods with several diversion
// red flags are held — 3 or more medium, 1 or more low.
type Scoring struct {
	// Version is recorded with every decision.
	Version                 string
	Low, Medium, High       float64
	LowAt, MediumAt, HighAt float64
}

// DefaultScoring is the documented default; change Version when changing
// a number.
var DefaultScoring = Scoring{Version: "scoring-v1", Low: 1, Medium: 2, High: 6, LowAt: 1, MediumAt: 3, HighAt: 6}

func (s Scoring) weight(sev string) float64 {
	switch sev {
	case rules.SeverityHigh:
		return s.High
	case rules.SeverityMedium:
		return s.Medium
	}
	return s.Low
}

// Risk scores flags: each category at its heaviest flag.
func (s Scoring) Risk(flags []tripline.Flag) (tripline.Risk, float64) {
	best := map[string]float64{}
	for _, f := range flags {
		if w := s.weight(f.Severity); w > best[f.Category] {
			best[f.Category] = w
		}
	}
	cats := make([]string, 0, len(best))
	for c := range best {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	score := 0.0
	for _, c := range cats {
		score += best[c]
	}
	switch {
	case score >= s.HighAt:
		return tripline.RiskHigh, score
	case score >= s.MediumAt:
		return tripline.RiskMedium, score
	case score >= s.LowAt:
		return tripline.RiskLow, score
	}
	return tripline.RiskClear, score
}

// Decision is the last phase: the flags scored into a risk level, with
// the party hits, the goods lines and a copy of the versions that
// produced it.
func (s Scoring) Decision(id string, flags []tripline.Flag, hits []tripline.PartyHit, items []goods.Item, versions map[string]string) *tripline.Decision {
	if flags == nil {
		flags = []tripline.Flag{}
	}
	if hits == nil {
		hits = []tripline.PartyHit{}
	}
	lines := make([]tripline.GoodsLine, len(items))
	for i, it := range items {
		lines[i] = it.GoodsLine
	}
	v := make(map[string]string, len(versions))
	for k, x := range versions {
		v[k] = x
	}
	risk, score := s.Risk(flags)
	return &tripline.Decision{ID: id, Risk: risk, Score: score, Flags: flags, PartyHits: hits, Goods: lines, Versions: v}
}

// String describes the scoring for logs and documentation.
func (s Scoring) String() string {
	return fmt.Sprintf("%s: weights low %g, medium %g, high %g; low at %g, medium at %g, high at %g",
		s.Version, s.Low, s.Medium, s.High, s.LowAt, s.MediumAt, s.HighAt)
}
