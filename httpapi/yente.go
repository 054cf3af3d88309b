package httpapi

import (
	"net/http"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
)

// yenteRequest is the body of POST /match/{dataset}, as OpenSanctions'
// yente accepts it: named example entities in FollowTheMoney form.
// Extra members yente knows (weights, config) are accepted and ignored.
type yenteRequest struct {
	Queries map[string]yenteQuery `json:"queries"`
	Weights map[string]float64    `json:"weights,omitempty"`
	Config  map[string]any        `json:"config,omitempty"`
}

type yenteQuery struct {
	ID         string              `json:"id,omitempty"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

type yenteResult struct {
	ID           string              `json:"id"`
	Caption      string              `json:"caption"`
	Schema       string              `json:"schema"`
	Properties   map[string][]string `json:"properties"`
	Datasets     []string            `json:"datasets"`
	Referents    []string            `json:"referents"`
	Target       bool                `json:"target"`
	Score        float64             `json:"score"`
	Match        bool                `json:"match"`
	Features     map[string]float64  `json:"features"`
	Explanations map[string]any      `json:"explanations,omitempty"`
}

type yenteResponse struct {
	Status  int           `json:"status"`
	Results []yenteResult `json:"results"`
	Total   struct {
		Value    int    `json:"value"`
		Relation string `json:"relation"`
	} `json:"total"`
	Query yenteQuery `json:"query"`
}

// yenteMatch answers POST /match/{dataset} in yente's request and response
// shape, so that yente clients can point at Tripline unchanged.
func (s *Server) yenteMatch(w http.ResponseWriter, r *http.Request) error {
	var req yenteRequest
	if err := decode(r, &req, false); err != nil {
		return err
	}
	if len(req.Queries) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "queries: give at least one named query, e.g. {\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"...\"]}}}}")
	}
	if len(req.Queries) > s.Config.MaxQueries {
		return tripline.Errorf(tripline.KindTooLarge, "queries: %d queries in one request, the limit is %d", len(req.Queries), s.Config.MaxQueries)
	}
	p := r.URL.Query()
	limit, err := intParam(p.Get("limit"), 5)
	if err != nil {
		return err
	}
	threshold, err := floatParam(p.Get("threshold"), 0)
	if err != nil {
		return err
	}
	cutoff, err := floatParam(p.Get("cutoff"), 0.3)
	if err != nil {
		return err
	}
	if err := (tripline.ScreenOptions{Threshold: threshold, Limit: limit}).Validate(); err != nil {
		return err
	}
	if cutoff < 0 || cutoff > 1 {
		return tripline.Errorf(tripline.KindInvalid, "cutoff must be between 0 and 1, got %g", cutoff)
	}
	sources, err := s.datasetSources(r.PathValue("dataset"))
	if err != nil {
		return err
	}
	exclude := map[string]bool{}
	for _, id := range p["exclude_entity_ids"] {
		exclude[id] = true
	}

	// One tripline query per name of each yente query; the best score per
	// listed entity wins.
	names := make([]string, 0, len(req.Queries))
	for k := range req.Queries {
		names = append(names, k)
	}
	sort.Strings(names)
	var qs []tripline.Query
	owner := []string{}
	for _, k := range names {
		yq := req.Queries[k]
		tq, qnames, err := toQuery(k, yq)
		if err != nil {
			return err
		}
		for _, n := range qnames {
			q := tq
			q.Name = n
			qs = append(qs, q)
			owner = append(owner, k)
		}
	}
	res, err := s.runScreen(r.Context(), qs, tripline.ScreenOptions{Threshold: cutoff, Limit: min(limit+len(exclude), tripline.MaxLimit), Sources: sources})
	if err != nil {
		return err
	}
	recommended := threshold
	if len(res) > 0 && threshold == 0 {
		recommended = res[0].Threshold
	}
	best := map[string]map[string]tripline.Match{}
	for i, rr := range res {
		k := owner[i]
		if best[k] == nil {
			best[k] = map[string]tripline.Match{}
		}
		for _, m := range rr.Matches {
			if exclude[m.ID] {
				continue
			}
			if old, ok := best[k][m.ID]; !ok || m.Score > old.Score {
				best[k][m.ID] = m
			}
		}
	}
	out := map[string]yenteResponse{}
	for _, k := range names {
		ms := make([]tripline.Match, 0, len(best[k]))
		for _, m := range best[k] {
			ms = append(ms, m)
		}
		sort.Slice(ms, func(i, j int) bool {
			if ms[i].Score != ms[j].Score {
				return ms[i].Score > ms[j].Score
			}
			return ms[i].ID < ms[j].ID
		})
		if len(ms) > limit {
			ms = ms[:limit]
		}
		yr := yenteResponse{Status: 200, Results: []yenteResult{}, Query: req.Queries[k]}
		for _, m := range ms {
			yr.Results = append(yr.Results, s.toYenteResult(r, m, recommended))
		}
		yr.Total.Value = len(yr.Results)
		yr.Total.Relation = "eq"
		out[k] = yr
	}
	algo := ""
	if len(res) > 0 {
		algo = res[0].Algorithm
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"responses": out,
		"matcher":   map[string]any{"name": algo, "threshold": recommended},
		"limit":     limit,
	})
}

// datasetSources maps a yente dataset name to sources: "default",
// "sanctions" and "all" mean every source; otherwise a comma list of
// source ids.
func (s *Server) datasetSources(ds string) ([]string, error) {
	switch ds {
	case "default", "sanctions", "all", "":
		return nil, nil
	}
	_, loaded, err := s.Index.Screener()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range strings.Split(ds, ",") {
		if _, ok := loaded[d]; !ok {
			return nil, tripline.Errorf(tripline.KindNotFound, "unknown dataset %q: use default or a source id from /v1/sources", d)
		}
		out = append(out, d)
	}
	return out, nil
}

// toQuery turns a yente example entity into a tripline query and its names.
func toQuery(key string, yq yenteQuery) (tripline.Query, []string, error) {
	q := tripline.Query{ID: key}
	t, err := tripline.ParseQueryType(yq.Schema)
	if err != nil {
		return q, nil, tripline.Errorf(tripline.KindInvalid, "queries.%s.schema: unsupported schema %q (Person, Company, Organization, LegalEntity, Vessel, Airplane)", key, yq.Schema)
	}
	q.Type = string(t)
	pr := yq.Properties
	names := append([]string{}, pr["name"]...)
	names = append(names, pr["alias"]...)
	if len(names) == 0 {
		parts := []string{}
		for _, f := range []string{"firstName", "secondName", "middleName", "fatherName", "lastName"} {
			if len(pr[f]) > 0 {
				parts = append(parts, pr[f][0])
			}
		}
		if len(parts) > 0 {
			names = append(names, strings.Join(parts, " "))
		}
	}
	var clean []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			clean = append(clean, n)
		}
	}
	if len(clean) == 0 {
		return q, nil, tripline.Errorf(tripline.KindInvalid, "queries.%s.properties: give a name (or firstName/lastName)", key)
	}
	if v := pr["birthDate"]; len(v) > 0 {
		q.BirthDate = v[0]
	}
	for _, f := range []string{"nationality", "citizenship", "country", "jurisdiction"} {
		for _, v := range pr[f] {
			if c := country.Code(v); c != "" && q.Country == "" {
				q.Country = c
			}
		}
	}
	for prop, typ := range yenteIDProps {
		for _, v := range pr[prop] {
			q.Identifiers = append(q.Identifiers, tripline.Identifier{Type: typ, Value: v})
		}
	}
	return q, clean, nil
}

var yenteIDProps = map[string]string{
	"passportNumber":     "passport",
	"idNumber":           "national_id",
	"taxNumber":          "tax",
	"registrationNumber": "registration",
	"innCode":            "tax",
	"ogrnCode":           "registration",
	"leiCode":            "lei",
	"swiftBic":           "swift_bic",
	"imoNumber":          "imo",
	"mmsi":               "mmsi",
}

var ftmSchema = map[tripline.Schema]string{
	tripline.SchemaPerson: "Person", tripline.SchemaOrganization: "Organization", tripline.SchemaCompany: "Company",
	tripline.SchemaLegalEntity: "LegalEntity", tripline.SchemaVessel: "Vessel", tripline.SchemaAirplane: "Airplane",
}

func (s *Server) toYenteResult(r *http.Request, m tripline.Match, threshold float64) yenteResult {
	yr := yenteResult{
		ID: m.ID, Caption: m.Name, Schema: ftmSchema[m.Schema], Datasets: []string{m.Source}, Referents: []string{},
		Target: true, Score: m.Score, Match: m.Score >= threshold,
		Properties: map[string][]string{"name": {m.Name}},
		Features:   map[string]float64{},
	}
	if yr.Schema == "" {
		yr.Schema = "LegalEntity"
	}
	if len(m.Programs) > 0 {
		yr.Properties["program"] = m.Programs
	}
	yr.Properties["topics"] = []string{"sanction"}
	if m.Explanation != nil {
		yr.Features["name_match"] = m.Explanation.NameScore
		for _, ev := range m.Explanation.Evidence {
			yr.Features[ev.Kind] += ev.Effect
		}
		yr.Explanations = map[string]any{"summary": m.Explanation.Summary, "parts": m.Explanation.Parts}
	}
	if e, err := s.Store.Entity(r.Context(), m.ID, 0); err == nil {
		yr.Properties = ftmProperties(e)
	}
	return yr
}

// ftmProperties renders the FtM properties of an entity that a yente
// client commonly reads.
func ftmProperties(e *tripline.Entity) map[string][]string {
	p := map[string][]string{}
	add := func(k string, vs ...string) {
		for _, v := range vs {
			if v != "" {
				p[k] = append(p[k], v)
			}
		}
	}
	for _, n := range e.Names {
		switch n.Kind {
		case tripline.NamePrimary:
			add("name", n.Full)
		case tripline.NameWeak:
			add("weakAlias", n.Full)
		default:
			if n.Qualifier == "fka" {
				add("previousName", n.Full)
			} else {
				add("alias", n.Full)
			}
		}
	}
	for _, c := range e.Countries {
		add("country", strings.ToLower(c))
	}
	for _, c := range e.Nationalities {
		add("nationality", strings.ToLower(c))
	}
	add("birthDate", e.BirthDates...)
	add("birthPlace", e.BirthPlaces...)
	for _, a := range e.Addresses {
		add("address", a.Full)
	}
	add("program", e.Programs...)
	add("notes", e.Remarks)
	add("topics", "sanction")
	return p
}
