package webui

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/match"
)

// Search is the screening engine over every list, as a user types: the
// query is screened (not looked up by substring), every hit keeps its
// score and explanation, and the hits are counted by source, schema,
// programme and country; a facet's value narrows the hits to it.

const (
	// searchThreshold is the lowest score a search shows: lower than
	// screening's, since a half-typed name scores low.
	searchThreshold = 0.5
	// searchRetrieve is how many hits are screened for the facets;
	// searchShow how many are listed.
	searchRetrieve = 200
	searchShow     = 25
)

// facetDims are the facets, in the order shown.
var facetDims = []struct{ Key, Label string }{
	{"source", "Source"}, {"schema", "Type"}, {"program", "Programme"}, {"country", "Country"},
}

type searchData struct {
	Q       string
	Type    string
	Hits    []hit
	Total   int // hits after the filters
	All     int // hits before them
	Facets  []facet
	Filters []activeFilter
	TookMS  string
	Err     string
	// Snapshots are the snapshots that answered, by source.
	Snapshots map[string]int64
	Sources   int
}

type hit struct {
	tripline.Match
	Rank      int
	Countries []string
}

type facet struct {
	Key, Label string
	Values     []facetValue
}

type facetValue struct {
	Value  string
	Count  int
	Active bool
	// URL is the search with this value toggled.
	URL string
}

type activeFilter struct {
	Key, Label, Value, URL string
}

// values returns the hit's values for a facet dimension.
func (h *hit) values(dim string) []string {
	switch dim {
	case "source":
		return []string{h.Source}
	case "schema":
		return []string{string(h.Schema)}
	case "program":
		return h.Programs
	case "country":
		return h.Countries
	}
	return nil
}

func (u *UI) searchPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	qv := r.URL.Query()
	d := searchData{Q: strings.TrimSpace(qv.Get("q")), Type: qv.Get("type")}
	filters := map[string][]string{}
	for _, f := range facetDims {
		if vs := qv[f.Key]; len(vs) > 0 {
			filters[f.Key] = vs
		}
	}
	if d.Q != "" {
		start := time.Now()
		hits, snaps, err := u.search(r.Context(), d.Q, d.Type)
		if err != nil {
			if k := tripline.ErrorKind(err); k != tripline.KindInvalid && k != tripline.KindUnavailable && k != tripline.KindTooLarge {
				return err
			}
			d.Err = tripline.ErrorMessage(err)
		}
		d.Snapshots, d.Sources = snaps, len(snaps)
		d.All = len(hits)
		var shown []hit
		for _, h := range hits {
			if matchesFilters(&h, filters, "") {
				shown = append(shown, h)
			}
		}
		d.Total = len(shown)
		if len(shown) > searchShow {
			shown = shown[:searchShow]
		}
		for i := range shown {
			shown[i].Rank = i + 1
		}
		d.Hits = shown
		d.Facets = facets(hits, filters, qv)
		for _, f := range facetDims {
			for _, v := range filters[f.Key] {
				d.Filters = append(d.Filters, activeFilter{Key: f.Key, Label: f.Label, Value: v, URL: toggled(qv, f.Key, v)})
			}
		}
		d.TookMS = strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 1, 64)
	}
	title := "Search"
	if d.Q != "" {
		title = d.Q + " – search"
	}
	u.render(w, r, rq, http.StatusOK, "search.html", title, d)
	return nil
}

// search screens q on the current index and returns the hits, best first,
// with each listed entity's countries.
func (u *UI) search(ctx context.Context, q, typ string) ([]hit, map[string]int64, error) {
	if u.index == nil {
		return nil, nil, tripline.Errorf(tripline.KindUnavailable, "this server has no screening index")
	}
	sc, snaps, err := u.index.Screener()
	if err != nil {
		return nil, nil, err
	}
	query := tripline.Query{ID: "search", Name: q, Type: typ}
	if err := tabular.NormalizeQuery(&query); err != nil {
		return nil, snaps, err
	}
	res, err := sc.Screen(ctx, []tripline.Query{query}, tripline.ScreenOptions{Threshold: searchThreshold, Limit: searchRetrieve})
	if err != nil {
		return nil, snaps, err
	}
	ix := indexOf(sc)
	hits := make([]hit, 0, len(res[0].Matches))
	for _, m := range res[0].Matches {
		h := hit{Match: m}
		var e *tripline.Entity
		if ix != nil {
			e = ix.Entity(m.ID)
		}
		if e != nil {
			h.Countries = entityCountries(e)
		}
		hits = append(hits, h)
	}
	return hits, snaps, nil
}

// indexOf returns the matching engine's index behind a screener, or nil.
func indexOf(sc tripline.Screener) *match.Index {
	if s, ok := sc.(interface{ Index() *match.Index }); ok {
		return s.Index()
	}
	return nil
}

// entityCountries are an entity's countries, nationalities and address
// countries, each once, sorted.
func entityCountries(e *tripline.Entity) []string {
	var cs []string
	add := func(c string) {
		c = strings.TrimSpace(c)
		if c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	for _, c := range e.Countries {
		add(c)
	}
	for _, c := range e.Nationalities {
		add(c)
	}
	for _, a := range e.Addresses {
		add(a.Country)
	}
	sort.Strings(cs)
	return cs
}

// matchesFilters reports whether h has, for every dimension but skip, one
// of the filter's values.
func matchesFilters(h *hit, filters map[string][]string, skip string) bool {
	for dim, want := range filters {
		if dim == skip {
			continue
		}
		ok := false
		for _, v := range h.values(dim) {
			if slices.Contains(want, v) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// facets counts the hits by each dimension's values, each dimension over
// the hits the other dimensions' filters keep (so a chosen value's
// neighbours stay visible).
func facets(hits []hit, filters map[string][]string, qv url.Values) []facet {
	var out []facet
	for _, f := range facetDims {
		counts := map[string]int{}
		for i := range hits {
			if !matchesFilters(&hits[i], filters, f.Key) {
				continue
			}
			for _, v := range hits[i].values(f.Key) {
				if v != "" {
					counts[v]++
				}
			}
		}
		for _, v := range filters[f.Key] {
			if _, ok := counts[v]; !ok {
				counts[v] = 0
			}
		}
		if len(counts) == 0 {
			continue
		}
		fc := facet{Key: f.Key, Label: f.Label}
		for v, n := range counts {
			fc.Values = append(fc.Values, facetValue{Value: v, Count: n, Active: slices.Contains(filters[f.Key], v), URL: toggled(qv, f.Key, v)})
		}
		sort.Slice(fc.Values, func(i, j int) bool {
			a, b := fc.Values[i], fc.Values[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Value < b.Value
		})
		if len(fc.Values) > 12 {
			keep := fc.Values[:12]
			for _, v := range fc.Values[12:] {
				if v.Active {
					keep = append(keep, v)
				}
			}
			fc.Values = keep
		}
		out = append(out, fc)
	}
	return out
}

// toggled is the search address with value v of key added or removed.
func toggled(qv url.Values, key, v string) string {
	n := url.Values{}
	for k, vs := range qv {
		if k == "partial" {
			continue
		}
		n[k] = append([]string(nil), vs...)
	}
	if i := slices.Index(n[key], v); i >= 0 {
		n[key] = slices.Delete(n[key], i, i+1)
	} else {
		n[key] = append(n[key], v)
	}
	return "/search?" + n.Encode()
}
