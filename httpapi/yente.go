package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/ftm"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/match"
)

// yente's defaults for POST /match (yente/settings.py, routers/match.py):
// results per query (at most tripline.MaxLimit, as yente's MAX_MATCHES)
// and the most entity ids to exclude. yente's
// default threshold (0.70) is the score from which its default algorithm
// calls a result a match; Tripline's place for it is the matcher's own
// recommended threshold (recommendedThreshold).
const (
	yenteLimit  = 5
	yenteMaxIDs = 50 // exclude_entity_ids
)

// yenteRequest is the body of POST /match/{dataset}, as OpenSanctions'
// yente accepts it (EntityMatchQuery): named example entities in
// FollowTheMoney form. weights and config are accepted and ignored
// (they tune yente's own algorithms).
type yenteRequest struct {
	Queries map[string]*yenteExample `json:"queries"`
	Weights map[string]float64       `json:"weights,omitempty"`
	Config  map[string]any           `json:"config,omitempty"`
}

// yenteExample is yente's EntityExample: a property is a string or a list
// of values.
type yenteExample struct {
	ID         *string              `json:"id"`
	Schema     string               `json:"schema"`
	Properties map[string]ftmValues `json:"properties"`
}

// ftmValues are the values of one FtM property; yente accepts a single
// string for a one-value list, and numbers, which FtM reads as text.
type ftmValues []string

func (v *ftmValues) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*v = nil
		return nil
	}
	if len(b) > 0 && b[0] != '[' {
		s, err := ftmValue(b)
		if err != nil {
			return err
		}
		*v = ftmValues{s}
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(ftmValues, 0, len(raw))
	for _, r := range raw {
		if bytes.Equal(bytes.TrimSpace(r), []byte("null")) {
			continue
		}
		s, err := ftmValue(r)
		if err != nil {
			return err
		}
		out = append(out, s)
	}
	*v = out
	return nil
}

// ftmValue reads one property value: a string or a number.
func ftmValue(b []byte) (string, error) {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		return n.String(), nil
	}
	return "", tripline.Errorf(tripline.KindInvalid, "a property value must be a string or a list of strings, got %.40s", b)
}

// yenteResult is yente's ScoredEntityResponse.
type yenteResult struct {
	ID           string                        `json:"id"`
	Caption      string                        `json:"caption"`
	Schema       string                        `json:"schema"`
	Properties   map[string][]string           `json:"properties"`
	Datasets     []string                      `json:"datasets"`
	Referents    []string                      `json:"referents"`
	Target       bool                          `json:"target"`
	Score        float64                       `json:"score"`
	Explanations map[string]yenteFeatureResult `json:"explanations"`
	Match        bool                          `json:"match"`
}

// yenteFeatureResult is nomenklatura's FeatureResult: one explained part
// of a score.
type yenteFeatureResult struct {
	Detail    *string `json:"detail"`
	Score     float64 `json:"score"`
	Query     *string `json:"query,omitempty"`
	Candidate *string `json:"candidate,omitempty"`
}

// yenteMatches is yente's EntityMatches.
type yenteMatches struct {
	Status  int           `json:"status"`
	Results []yenteResult `json:"results"`
	Total   yenteTotal    `json:"total"`
	Query   yenteEcho     `json:"query"`
}

type yenteTotal struct {
	Value    int    `json:"value"`
	Relation string `json:"relation"`
}

// yenteEcho is the query as yente echoes it: every property a list.
type yenteEcho struct {
	ID         *string             `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// yenteResponse is yente's EntityMatchResponse, with the matcher that
// answered (a member yente's models do not have and its clients ignore).
type yenteResponse struct {
	Responses map[string]yenteMatches `json:"responses"`
	Limit     int                     `json:"limit"`
	Matcher   yenteMatcher            `json:"matcher"`
}

type yenteMatcher struct {
	Name      string  `json:"name"`
	Threshold float64 `json:"threshold"`
}

// yenteMatch answers POST /match/{dataset} in yente's request and response
// shape and with its semantics, so that yente clients can point at
// Tripline unchanged: a result is a match from the threshold (by default
// the matcher's recommended one, as yente's default is its algorithm's),
// results at or below cutoff (which defaults to the threshold and is never
// above it) are not returned, and total counts the matches.
func (s *Server) yenteMatch(w http.ResponseWriter, r *http.Request) error {
	var req yenteRequest
	if err := decode(r, &req, false); err != nil {
		return err
	}
	p := r.URL.Query()
	limit, err := intParam(p.Get("limit"), yenteLimit)
	if err != nil {
		return err
	}
	threshold, err := floatParam(p.Get("threshold"), s.recommendedThreshold())
	if err != nil {
		return err
	}
	cutoff, err := floatParam(p.Get("cutoff"), threshold)
	if err != nil {
		return err
	}
	if err := (tripline.ScreenOptions{Threshold: threshold, Limit: limit}).Validate(); err != nil {
		return err
	}
	if cutoff < 0 || cutoff > 1 {
		return tripline.Errorf(tripline.KindInvalid, "cutoff must be between 0 and 1, got %g", cutoff)
	}
	cutoff = min(cutoff, threshold)
	if len(p["exclude_entity_ids"]) > yenteMaxIDs {
		return tripline.Errorf(tripline.KindInvalid, "exclude_entity_ids: at most %d ids", yenteMaxIDs)
	}
	sources, err := s.datasetSources(s.sourceOfDataset(r.PathValue("dataset")), s.sourcesOfDatasets(p["include_dataset"]), s.sourcesOfDatasets(p["exclude_dataset"]))
	if err != nil {
		return err
	}
	exclude := map[string]bool{}
	for _, id := range p["exclude_entity_ids"] {
		exclude[id] = true
		if dec, ok := ftm.DecodeID(id); ok {
			exclude[dec] = true // the FtM export's id of the entity
		}
	}
	excludeSchema := map[string]bool{}
	for _, sc := range p["exclude_schema"] {
		excludeSchema[sc] = true
	}

	// One tripline query per name of each example; the best score per
	// listed entity wins.
	keys := make([]string, 0, len(req.Queries))
	for k, ex := range req.Queries {
		if ex != nil {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "queries: give at least one named query, e.g. {\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"...\"]}}}}")
	}
	if len(keys) > s.Config.MaxQueries {
		return tripline.Errorf(tripline.KindTooLarge, "queries: %d queries in one request, the limit is %d", len(keys), s.Config.MaxQueries)
	}
	sort.Strings(keys)
	var qs []tripline.Query
	var owner []string
	for _, k := range keys {
		tq, qnames, err := toQuery(k, req.Queries[k])
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
	if len(qs) > s.Config.MaxQueries {
		return tripline.Errorf(tripline.KindTooLarge, "queries: %d names in one request, the limit is %d", len(qs), s.Config.MaxQueries)
	}
	want := limit + len(exclude)
	if len(excludeSchema) > 0 {
		want = tripline.MaxLimit
	}
	var res []tripline.Result
	algo := ""
	if sources == nil || len(sources) > 0 {
		// The screener's threshold 0 means its own default: ask for
		// everything above the cutoff.
		opt := tripline.ScreenOptions{Threshold: max(cutoff, 0.001), Limit: min(max(want, 1), tripline.MaxLimit), Sources: sources}
		if res, err = s.runScreen(r.Context(), qs, opt); err != nil {
			return err
		}
		if len(res) > 0 {
			algo = res[0].Algorithm
		}
	}
	best := map[string]map[string]tripline.Match{}
	for i, rr := range res {
		k := owner[i]
		if best[k] == nil {
			best[k] = map[string]tripline.Match{}
		}
		for _, m := range rr.Matches {
			if exclude[m.ID] || m.Score <= cutoff || excludeSchema[ftmSchemaOf(m.Schema)] {
				continue
			}
			if old, ok := best[k][m.ID]; !ok || m.Score > old.Score {
				best[k][m.ID] = m
			}
		}
	}
	out := map[string]yenteMatches{}
	for _, k := range keys {
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
		matches := 0
		for _, m := range ms {
			if m.Score >= threshold {
				matches++
			}
		}
		if len(ms) > limit {
			ms = ms[:limit]
		}
		ym := yenteMatches{Status: 200, Results: []yenteResult{}, Query: echo(req.Queries[k]), Total: yenteTotal{Value: matches, Relation: "eq"}}
		for _, m := range ms {
			ym.Results = append(ym.Results, s.toYenteResult(r, m, threshold))
		}
		out[k] = ym
	}
	return writeJSON(w, http.StatusOK, yenteResponse{Responses: out, Limit: limit, Matcher: yenteMatcher{Name: algo, Threshold: threshold}})
}

// recommendedThreshold is the current matcher's recommended threshold.
func (s *Server) recommendedThreshold() float64 {
	if sc, _, err := s.Index.Screener(); err == nil {
		if ms, ok := sc.(*match.Screener); ok {
			return ms.Index().Config().Threshold
		}
	}
	return match.DefaultConfig().Threshold
}

// echo is an example as the response repeats it.
func echo(ex *yenteExample) yenteEcho {
	e := yenteEcho{ID: ex.ID, Schema: ex.Schema, Properties: map[string][]string{}}
	for k, v := range ex.Properties {
		if v == nil {
			v = ftmValues{}
		}
		e.Properties[k] = v
	}
	return e
}

// datasetSources maps a yente dataset name and the include_dataset and
// exclude_dataset parameters to the sources to screen: nil for every
// source, an empty list for none. "default", "sanctions" and "all" mean
// every source; otherwise the dataset is a comma list of source ids.
func (s *Server) datasetSources(ds string, include, exclude []string) ([]string, error) {
	_, loaded, err := s.Index.Screener()
	if err != nil {
		return nil, err
	}
	known := func(d string) error {
		if _, ok := loaded[d]; !ok {
			return tripline.Errorf(tripline.KindNotFound, "unknown dataset %q: use default or a source id from /v1/sources", d)
		}
		return nil
	}
	var set map[string]bool
	switch ds {
	case "default", "sanctions", "all", "":
	default:
		set = map[string]bool{}
		for _, d := range strings.Split(ds, ",") {
			if err := known(d); err != nil {
				return nil, err
			}
			set[d] = true
		}
	}
	if len(include) == 0 && len(exclude) == 0 {
		if set == nil {
			return nil, nil
		}
		return sortedKeys(set), nil
	}
	if set == nil {
		set = map[string]bool{}
		for d := range loaded {
			set[d] = true
		}
	}
	if len(include) > 0 {
		in := map[string]bool{}
		for _, d := range include {
			if set[d] {
				in[d] = true
			}
		}
		set = in
	}
	for _, d := range exclude {
		delete(set, d)
	}
	return sortedKeys(set), nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// toQuery turns a yente example entity into a tripline query and its
// names, within the vocabulary's limits.
func toQuery(key string, ex *yenteExample) (tripline.Query, []string, error) {
	q := tripline.Query{ID: key}
	field := "queries." + key
	if ex.Schema == "" {
		return q, nil, tripline.Errorf(tripline.KindInvalid, "%s.schema: give a schema (Person, Company, Organization, LegalEntity, Vessel, Airplane)", field)
	}
	t, err := tripline.ParseQueryType(ex.Schema)
	if err != nil {
		return q, nil, tripline.Errorf(tripline.KindInvalid, "%s.schema: unsupported schema %q (Person, Company, Organization, LegalEntity, Vessel, Airplane)", field, ex.Schema)
	}
	q.Type = string(t)
	pr := ex.Properties
	names := append([]string{}, pr["name"]...)
	names = append(names, pr["alias"]...)
	names = append(names, pr["previousName"]...)
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
		return q, nil, tripline.Errorf(tripline.KindInvalid, "%s.properties: give a name (or firstName/lastName)", field)
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
	for _, prop := range yenteIDPropOrder {
		for _, v := range pr[prop] {
			q.Identifiers = append(q.Identifiers, tripline.Identifier{Type: yenteIDProps[prop], Value: v})
		}
	}
	for i, n := range clean {
		one := q
		one.Name = n
		if err := one.Validate(); err != nil {
			return q, nil, tripline.Errorf(tripline.ErrorKind(err), "%s.properties.name[%d]: %s", field, i, tripline.ErrorMessage(err))
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

// yenteIDPropOrder reads identifiers in a fixed order.
var yenteIDPropOrder = func() []string {
	var out []string
	for k := range yenteIDProps {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}()

var ftmSchema = map[tripline.Schema]string{
	tripline.SchemaPerson: "Person", tripline.SchemaOrganization: "Organization", tripline.SchemaCompany: "Company",
	tripline.SchemaLegalEntity: "LegalEntity", tripline.SchemaVessel: "Vessel", tripline.SchemaAirplane: "Airplane",
}

// ftmSchemaOf is the FtM schema name of a listed schema.
func ftmSchemaOf(s tripline.Schema) string {
	if n, ok := ftmSchema[s]; ok {
		return n
	}
	return "LegalEntity"
}

func (s *Server) toYenteResult(r *http.Request, m tripline.Match, threshold float64) yenteResult {
	yr := yenteResult{
		ID: m.ID, Caption: m.Name, Schema: ftmSchemaOf(m.Schema), Datasets: []string{yenteDatasetName(m.Source)}, Referents: []string{},
		Target: true, Score: m.Score, Match: m.Score >= threshold,
		Properties:   map[string][]string{"name": {m.Name}, "topics": {"sanction"}},
		Explanations: map[string]yenteFeatureResult{},
	}
	if len(m.Programs) > 0 {
		yr.Properties["program"] = m.Programs
	}
	if ex := m.Explanation; ex != nil {
		name := yenteFeatureResult{Score: ex.NameScore, Detail: ptr(ex.Summary)}
		if m.MatchedName != "" {
			name.Candidate = ptr(m.MatchedName)
		}
		yr.Explanations["name"] = name
		for _, ev := range ex.Evidence {
			f := yr.Explanations[ev.Kind]
			f.Score += ev.Effect
			if f.Detail == nil {
				f.Detail = ptr(ev.Detail)
			} else {
				f.Detail = ptr(*f.Detail + "; " + ev.Detail)
			}
			yr.Explanations[ev.Kind] = f
		}
	}
	if e, err := s.Store.Entity(r.Context(), m.ID, 0); err == nil {
		yr.Properties = ftmProperties(e)
	}
	return yr
}

func ptr(s string) *string { return &s }

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
