package transfer

import (
	"sort"

	"github.com/tripline/tripline"
)

// DyadStats is one supplier → recipient pair's deliveries over the years
// selected, with its trend.
type DyadStats struct {
	Supplier  tripline.TransferParty `json:"supplier"`
	Recipient tripline.TransferParty `json:"recipient"`
	Quantity  int                    `json:"quantity"`
	TIV       float64                `json:"tiv"`
	First     int                    `json:"first_year"`
	Last      int                    `json:"last_year"`
	// Recent and Before are the TIV delivered in the last five years of
	// the data and in the five before; Trend is Recent/Before - 1 (0 when
	// Before is 0).
	Recent float64             `json:"recent_tiv"`
	Before float64             `json:"before_tiv"`
	Trend  float64             `json:"trend"`
	Years  []tripline.DyadYear `json:"years"`
}

// Dyads groups dyad-years by pair, largest TIV first; the trend windows
// end at the last year of the data.
func Dyads(dy []tripline.DyadYear) []DyadStats {
	maxYear := 0
	for _, d := range dy {
		maxYear = max(maxYear, d.Year)
	}
	byKey := map[string]*DyadStats{}
	var order []string
	for _, d := range dy {
		k := d.Supplier.Key() + ">" + d.Recipient.Key()
		s := byKey[k]
		if s == nil {
			s = &DyadStats{Supplier: d.Supplier, Recipient: d.Recipient, First: d.Year}
			byKey[k] = s
			order = append(order, k)
		}
		s.Quantity += d.Quantity
		s.TIV += d.TIV
		s.First, s.Last = min(s.First, d.Year), max(s.Last, d.Year)
		switch {
		case d.Year > maxYear-5:
			s.Recent += d.TIV
		case d.Year > maxYear-10:
			s.Before += d.TIV
		}
		s.Years = append(s.Years, d)
	}
	out := make([]DyadStats, 0, len(order))
	for _, k := range order {
		s := byKey[k]
		s.TIV, s.Recent, s.Before = round3(s.TIV), round3(s.Recent), round3(s.Before)
		if s.Before > 0 {
			s.Trend = round3(s.Recent/s.Before - 1)
		}
		out = append(out, *s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].TIV > out[j].TIV })
	return out
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
