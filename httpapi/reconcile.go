package httpapi

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/match"
)

// The reconciliation service: the W3C Entity Reconciliation API (version
// 0.2, https://reconciliation-api.github.io/specs/0.2/), which OpenRefine
// speaks, over the same screening as POST /v1/screen (docs/reconcile.md):
//
//	GET  /reconcile                  the service manifest
//	GET  /reconcile?queries=JSON     a batch of queries (also POST, form field queries)
//	GET  /reconcile/preview?id=ID    an HTML card of one listed entity
//	GET  /reconcile/suggest/entity?prefix=P   listed entities for a name typed
//	GET  /reconcile/suggest/type?prefix=P     the types
//	GET  /reconcile/suggest/property?prefix=P the properties a query can give
//
// The service URL may carry threshold= (from which a candidate is a match,
// default the matcher's recommended one) and sources= (comma-separated
// source ids): OpenRefine keeps the URL it is given. A query's type is an
// FtM schema name (Person, Organization, Company, LegalEntity, Vessel,
// Airplane); its properties are country (also nationality, jurisdiction),
// birthDate and identifiers (identifier, or passport, imo, registration …).
// Scores are Tripline's on a 0–100 scale; match is true from the
// threshold, and the candidates below it down to reconcileCutoff are
// returned too, for the person deciding.

// reconcileCutoff is the least score of a candidate shown (as /v1/search).
const reconcileCutoff = 0.5

// reconcileLimit is the candidates per query when a query gives no limit.
const reconcileLimit = 5

// reconcileTypes are the types the service offers: FtM schema names.
var reconcileTypes = []reconcileType{
	{ID: "Person", Name: "Person", Description: "a natural person"},
	{ID: "Organization", Name: "Organization", Description: "a company, authority or other organisation"},
	{ID: "Company", Name: "Company", Description: "a company (searched as any organisation)"},
	{ID: "LegalEntity", Name: "Person or organization", Description: "a party of either kind"},
	{ID: "Vessel", Name: "Vessel", Description: "a ship"},
	{ID: "Airplane", Name: "Aircraft", Description: "an aircraft"},
}

// reconcileProperties are the properties a query may give, by id; each
// names the query field it fills ("country", "birth_date") or the
// identifier type it compares ("" for any).
var reconcileProperties = []struct {
	reconcileType
	field, idType string
}{
	{reconcileType{ID: "country", Name: "Country", Description: "country of the party: nationality, residence, incorporation (name or ISO code)"}, "country", ""},
	{reconcileType{ID: "birthDate", Name: "Birth date", Description: "a person's birth date or year (ISO 8601)"}, "birth_date", ""},
	{reconcileType{ID: "identifier", Name: "Identifier", Description: "any identifier: passport, registration, tax, IMO, LEI …"}, "identifier", ""},
	{reconcileType{ID: "passportNumber", Name: "Passport number"}, "identifier", "passport"},
	{reconcileType{ID: "idNumber", Name: "National ID number"}, "identifier", "national_id"},
	{reconcileType{ID: "taxNumber", Name: "Tax number"}, "identifier", "tax"},
	{reconcileType{ID: "registrationNumber", Name: "Registration number"}, "identifier", "registration"},
	{reconcileType{ID: "imoNumber", Name: "IMO number"}, "identifier", "imo"},
	{reconcileType{ID: "mmsi", Name: "MMSI"}, "identifier", "mmsi"},
	{reconcileType{ID: "leiCode", Name: "LEI"}, "identifier", "lei"},
	{reconcileType{ID: "swiftBic", Name: "SWIFT/BIC"}, "identifier", "swift_bic"},
}

// reconcilePropertyAliases are other spellings of the property ids.
var reconcilePropertyAliases = map[string]string{
	"nationality": "country", "citizenship": "country", "jurisdiction": "country", "countries": "country",
	"birth_date": "birthDate", "dob": "birthDate", "dateofbirth": "birthDate", "birthdate": "birthDate",
	"identifiers": "identifier", "passport": "passportNumber", "national_id": "idNumber", "tax": "taxNumber",
	"registration": "registrationNumber", "imo": "imoNumber", "lei": "leiCode", "swift_bic": "swiftBic", "bic": "swiftBic",
}

type reconcileType struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type reconcileService struct {
	ServiceURL  string `json:"service_url"`
	ServicePath string `json:"service_path"`
}

type reconcileManifest struct {
	Versions        []string        `json:"versions"`
	Name            string          `json:"name"`
	IdentifierSpace string          `json:"identifierSpace"`
	SchemaSpace     string          `json:"schemaSpace"`
	Documentation   string          `json:"documentation"`
	ServiceVersion  string          `json:"serviceVersion,omitempty"`
	View            reconcileURL    `json:"view"`
	Preview         reconcilePrev   `json:"preview"`
	DefaultTypes    []reconcileType `json:"defaultTypes"`
	Suggest         struct {
		Entity   reconcileService `json:"entity"`
		Type     reconcileService `json:"type"`
		Property reconcileService `json:"property"`
	} `json:"suggest"`
}

type reconcileURL struct {
	URL string `json:"url"`
}

type reconcilePrev struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// reconcileQuery is one query of a batch.
type reconcileQuery struct {
	Query      string               `json:"query"`
	Type       json.RawMessage      `json:"type"`
	Limit      *float64             `json:"limit"`
	Properties []reconcilePropertyV `json:"properties"`
	TypeStrict string               `json:"type_strict"`
}

type reconcilePropertyV struct {
	PID string          `json:"pid"`
	V   json.RawMessage `json:"v"`
}

type reconcileCandidate struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Description string             `json:"description,omitempty"`
	Score       float64            `json:"score"`
	Match       bool               `json:"match"`
	Type        []reconcileType    `json:"type"`
	Features    []reconcileFeature `json:"features,omitempty"`
}

type reconcileFeature struct {
	ID    string  `json:"id"`
	Value float64 `json:"value"`
}

type reconcileResult struct {
	Result []reconcileCandidate `json:"result"`
}

// baseURL is the server's address as the client reached it.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// reconcile answers GET and POST /reconcile: the manifest, or the answers
// to a batch of queries.
func (s *Server) reconcile(w http.ResponseWriter, r *http.Request) error {
	raw, err := reconcileBatch(r)
	if err != nil {
		return err
	}
	if raw == "" {
		return writeJSON(w, http.StatusOK, s.reconcileManifest(r))
	}
	var batch map[string]*reconcileQuery
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&batch); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "queries: not a batch of reconciliation queries ({\"q0\":{\"query\":\"...\",\"type\":\"Person\"}}): %v", err)
	}
	if len(batch) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "queries: give at least one query, e.g. {\"q0\":{\"query\":\"Kaveh Mohammadi\",\"type\":\"Person\"}}")
	}
	if len(batch) > s.Config.MaxQueries {
		return tripline.Errorf(tripline.KindTooLarge, "queries: %d queries in one batch, the limit is %d", len(batch), s.Config.MaxQueries)
	}
	p := r.URL.Query()
	threshold, err := floatParam(p.Get("threshold"), s.recommendedThreshold())
	if err != nil {
		return err
	}
	var sources []string
	if v := p.Get("sources"); v != "" {
		sources = strings.Split(v, ",")
	}
	keys := make([]string, 0, len(batch))
	for k := range batch {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	qs := make([]tripline.Query, 0, len(keys))
	limits := make([]int, 0, len(keys))
	maxLimit := 1
	for _, k := range keys {
		q, limit, err := toReconcileQuery(k, batch[k])
		if err != nil {
			return err
		}
		qs = append(qs, q)
		limits = append(limits, limit)
		maxLimit = max(maxLimit, limit)
	}
	// The matches are what POST /v1/screen and tripline screen find at the
	// threshold; a second, wider search adds the candidates below it. (The
	// matcher's retrieval depends on the threshold, so the matches are
	// taken from a search at the threshold itself.)
	opt := tripline.ScreenOptions{Threshold: threshold, Limit: maxLimit, Sources: sources}
	if err := opt.Validate(); err != nil {
		return err
	}
	res, err := s.runScreen(r.Context(), qs, opt)
	if err != nil {
		return err
	}
	var wide []tripline.Result
	if threshold > reconcileCutoff {
		opt.Threshold = reconcileCutoff
		if wide, err = s.runScreen(r.Context(), qs, opt); err != nil {
			return err
		}
	}
	out := make(map[string]reconcileResult, len(keys))
	for i, k := range keys {
		rr := reconcileResult{Result: []reconcileCandidate{}}
		for _, m := range res[i].Matches {
			if len(rr.Result) < limits[i] && m.Score >= threshold {
				rr.Result = append(rr.Result, reconcileCandidateOf(m, threshold))
			}
		}
		if wide != nil {
			for _, m := range wide[i].Matches {
				if len(rr.Result) < limits[i] && m.Score < threshold {
					rr.Result = append(rr.Result, reconcileCandidateOf(m, threshold))
				}
			}
		}
		out[k] = rr
	}
	return writeJSON(w, http.StatusOK, out)
}

// reconcileBatch returns the queries parameter of a GET or POST (form or
// JSON body {"queries": ...}), or "" for the manifest.
func reconcileBatch(r *http.Request) (string, error) {
	if q := r.URL.Query().Get("queries"); q != "" {
		return q, nil
	}
	if r.Method != http.MethodPost {
		return "", nil
	}
	if strings.Contains(r.Header.Get("Content-Type"), "json") {
		var body struct {
			Queries json.RawMessage `json:"queries"`
		}
		if err := decode(r, &body, true); err != nil {
			return "", err
		}
		if len(body.Queries) == 0 {
			return "", tripline.Errorf(tripline.KindInvalid, "queries: give the batch of queries")
		}
		return string(body.Queries), nil
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		return "", jsonError(err)
	}
	if q := r.PostFormValue("queries"); q != "" {
		return q, nil
	}
	return "", tripline.Errorf(tripline.KindInvalid, "queries: send the batch of queries as the form field queries")
}

// toReconcileQuery turns a reconciliation query into a screening query in
// the normal form of the readers of users' files (as tripline screen
// reads a row), and the number of candidates wanted.
func toReconcileQuery(key string, rq *reconcileQuery) (tripline.Query, int, error) {
	q := tripline.Query{ID: key}
	bad := func(format string, args ...any) (tripline.Query, int, error) {
		return q, 0, tripline.Errorf(tripline.KindInvalid, "queries.%s: %s", key, fmt.Sprintf(format, args...))
	}
	if rq == nil {
		return bad("give a query")
	}
	q.Name = strings.TrimSpace(rq.Query)
	limit := reconcileLimit
	if rq.Limit != nil {
		if *rq.Limit < 1 || *rq.Limit > tripline.MaxLimit || *rq.Limit != math.Trunc(*rq.Limit) {
			return bad("limit must be a whole number from 1 to %d", tripline.MaxLimit)
		}
		limit = int(*rq.Limit)
	}
	var types []string
	if len(rq.Type) > 0 && string(rq.Type) != "null" {
		var one string
		if json.Unmarshal(rq.Type, &one) == nil {
			types = []string{one}
		} else if json.Unmarshal(rq.Type, &types) != nil {
			return bad("type must be a type id or a list of them")
		}
	}
	qt := ""
	for i, t := range types {
		pt, err := tripline.ParseQueryType(t)
		if err != nil {
			return bad("unknown type %q (Person, Organization, Company, LegalEntity, Vessel, Airplane)", t)
		}
		switch {
		case i == 0:
			qt = string(pt)
		case qt != string(pt):
			qt = "" // several kinds: any
		}
	}
	q.Type = qt
	for _, pv := range rq.Properties {
		id := pv.PID
		if a, ok := reconcilePropertyAliases[strings.ToLower(id)]; ok {
			id = a
		}
		var field, idType string
		for _, p := range reconcileProperties {
			if strings.EqualFold(p.ID, id) {
				field, idType = p.field, p.idType
			}
		}
		if field == "" {
			return bad("unknown property %q (see /reconcile/suggest/property)", pv.PID)
		}
		vals, err := propertyValues(pv.V)
		if err != nil {
			return bad("property %s: %v", pv.PID, err)
		}
		for _, v := range vals {
			switch field {
			case "country":
				if q.Country == "" {
					q.Country = v
				}
			case "birth_date":
				if q.BirthDate == "" {
					q.BirthDate = v
				}
			case "identifier":
				q.Identifiers = append(q.Identifiers, tripline.Identifier{Type: idType, Value: v})
			}
		}
	}
	if err := tabular.NormalizeQuery(&q); err != nil {
		return q, 0, tripline.Errorf(tripline.ErrorKind(err), "queries.%s: %s", key, tripline.ErrorMessage(err))
	}
	return q, limit, nil
}

// propertyValues reads a property value: a string, number or boolean, an
// entity {"id","name"} (its name, or id), or a list of them.
func propertyValues(raw json.RawMessage) ([]string, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw}
	}
	var out []string
	for _, v := range list {
		var s string
		var n json.Number
		var b bool
		var ent struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		switch {
		case json.Unmarshal(v, &s) == nil:
		case json.Unmarshal(v, &n) == nil:
			s = n.String()
		case json.Unmarshal(v, &b) == nil:
			s = fmt.Sprint(b)
		case json.Unmarshal(v, &ent) == nil && (ent.ID != "" || ent.Name != ""):
			s = ent.Name
			if s == "" {
				s = ent.ID
			}
		default:
			return nil, fmt.Errorf("a value must be text, a number or an entity {\"id\",\"name\"}")
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// reconcileCandidateOf is a match as a candidate: the score on 0–100, the
// explanation as the description and as features.
func reconcileCandidateOf(m tripline.Match, threshold float64) reconcileCandidate {
	c := reconcileCandidate{
		ID: m.ID, Name: m.Name, Score: math.Round(m.Score*10000) / 100, Match: m.Score >= threshold,
		Type: []reconcileType{typeOf(m.Schema)},
	}
	desc := []string{m.Source}
	if len(m.Programs) > 0 {
		desc = append(desc, strings.Join(m.Programs, ", "))
	}
	if ex := m.Explanation; ex != nil {
		desc = append(desc, ex.Summary)
		c.Features = append(c.Features, reconcileFeature{ID: "name", Value: round4(ex.NameScore)})
		for _, ev := range ex.Evidence {
			c.Features = append(c.Features, reconcileFeature{ID: ev.Kind, Value: round4(ev.Effect)})
		}
	}
	if m.MatchedName != "" && m.MatchedName != m.Name {
		desc = append(desc, "matched "+m.MatchedName)
	}
	c.Description = strings.Join(desc, " · ")
	return c
}

func round4(f float64) float64 { return math.Round(f*10000) / 10000 }

// typeOf is the reconciliation type of a listed schema.
func typeOf(s tripline.Schema) reconcileType {
	name := ftmSchemaOf(s)
	for _, t := range reconcileTypes {
		if t.ID == name {
			return reconcileType{ID: t.ID, Name: t.Name}
		}
	}
	return reconcileType{ID: name, Name: name}
}

func (s *Server) reconcileManifest(r *http.Request) reconcileManifest {
	base := baseURL(r)
	m := reconcileManifest{
		Versions:        []string{"0.2"},
		Name:            "Tripline: sanctions and export-control lists",
		IdentifierSpace: base + "/v1/entities/",
		SchemaSpace:     "https://followthemoney.tech/explorer/schemata/",
		Documentation:   base + "/openapi.json",
		View:            reconcileURL{URL: base + "/reconcile/preview?id={{id}}"},
		Preview:         reconcilePrev{URL: base + "/reconcile/preview?id={{id}}", Width: 420, Height: 300},
	}
	if sc, _, err := s.Index.Screener(); err == nil {
		if ms, ok := sc.(*match.Screener); ok {
			m.ServiceVersion = ms.Index().Config().Version
		}
	}
	for _, t := range reconcileTypes {
		m.DefaultTypes = append(m.DefaultTypes, reconcileType{ID: t.ID, Name: t.Name})
	}
	m.Suggest.Entity = reconcileService{ServiceURL: base, ServicePath: "/reconcile/suggest/entity"}
	m.Suggest.Type = reconcileService{ServiceURL: base, ServicePath: "/reconcile/suggest/type"}
	m.Suggest.Property = reconcileService{ServiceURL: base, ServicePath: "/reconcile/suggest/property"}
	return m
}

type suggestItem struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Notable     []reconcileType `json:"notable,omitempty"`
}

type suggestResponse struct {
	Result []suggestItem `json:"result"`
}

// suggestEntity answers GET /reconcile/suggest/entity?prefix=: the listed
// entities whose names the text typed so far finds.
func (s *Server) suggestEntity(w http.ResponseWriter, r *http.Request) error {
	p := r.URL.Query()
	prefix := strings.TrimSpace(p.Get("prefix"))
	out := suggestResponse{Result: []suggestItem{}}
	if prefix == "" {
		return writeJSON(w, http.StatusOK, out)
	}
	limit, err := intParam(p.Get("limit"), 10)
	if err != nil {
		return err
	}
	q := tripline.Query{ID: "suggest", Name: prefix, Type: p.Get("type")}
	if err := tabular.NormalizeQuery(&q); err != nil {
		return err
	}
	opt := tripline.ScreenOptions{Threshold: reconcileCutoff, Limit: limit}
	if err := opt.Validate(); err != nil {
		return err
	}
	res, err := s.runScreen(r.Context(), []tripline.Query{q}, opt)
	if err != nil {
		return err
	}
	for _, m := range res[0].Matches {
		c := reconcileCandidateOf(m, 2)
		out.Result = append(out.Result, suggestItem{ID: m.ID, Name: m.Name, Description: c.Description, Notable: c.Type})
	}
	return writeJSON(w, http.StatusOK, out)
}

// suggestType answers GET /reconcile/suggest/type?prefix=.
func (s *Server) suggestType(w http.ResponseWriter, r *http.Request) error {
	prefix := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("prefix")))
	out := suggestResponse{Result: []suggestItem{}}
	for _, t := range reconcileTypes {
		if prefix == "" || strings.HasPrefix(strings.ToLower(t.ID), prefix) || strings.HasPrefix(strings.ToLower(t.Name), prefix) {
			out.Result = append(out.Result, suggestItem{ID: t.ID, Name: t.Name, Description: t.Description})
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// suggestProperty answers GET /reconcile/suggest/property?prefix=.
func (s *Server) suggestProperty(w http.ResponseWriter, r *http.Request) error {
	prefix := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("prefix")))
	out := suggestResponse{Result: []suggestItem{}}
	for _, p := range reconcileProperties {
		if prefix == "" || strings.HasPrefix(strings.ToLower(p.ID), prefix) || strings.Contains(strings.ToLower(p.Name), prefix) {
			out.Result = append(out.Result, suggestItem{ID: p.ID, Name: p.Name, Description: p.Description})
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

var previewTmpl = template.Must(template.New("preview").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{.Caption}}</title>
<style>body{font:13px sans-serif;margin:8px}h1{font-size:15px;margin:0 0 4px}dl{margin:0}dt{color:#666;float:left;clear:left;width:7em}dd{margin:0 0 2px 7.5em}</style></head>
<body><h1>{{.Caption}}</h1>
<dl>
<dt>List</dt><dd>{{.Entity.Source}} · {{.Entity.ID}}</dd>
<dt>Type</dt><dd>{{.Type}}</dd>
{{if .Entity.Programs}}<dt>Programmes</dt><dd>{{range $i, $p := .Entity.Programs}}{{if $i}}, {{end}}{{$p}}{{end}}</dd>{{end}}
{{if .Entity.ListedOn}}<dt>Listed</dt><dd>{{.Entity.ListedOn}}</dd>{{end}}
{{if .Aliases}}<dt>Also</dt><dd>{{range $i, $a := .Aliases}}{{if $i}}; {{end}}{{$a}}{{end}}</dd>{{end}}
{{if .Entity.BirthDates}}<dt>Born</dt><dd>{{range $i, $d := .Entity.BirthDates}}{{if $i}}, {{end}}{{$d}}{{end}}</dd>{{end}}
{{if .Countries}}<dt>Countries</dt><dd>{{range $i, $c := .Countries}}{{if $i}}, {{end}}{{$c}}{{end}}</dd>{{end}}
{{if .Identifiers}}<dt>Identifiers</dt><dd>{{range $i, $d := .Identifiers}}{{if $i}}; {{end}}{{$d}}{{end}}</dd>{{end}}
{{if .Remarks}}<dt>Remarks</dt><dd>{{.Remarks}}</dd>{{end}}
</dl></body></html>
`))

// reconcilePreview answers GET /reconcile/preview?id=: an HTML card of a
// listed entity for OpenRefine's preview pane.
func (s *Server) reconcilePreview(w http.ResponseWriter, r *http.Request) error {
	id := r.URL.Query().Get("id")
	if !strings.Contains(id, ":") {
		return tripline.Errorf(tripline.KindInvalid, "id: give a listed entity's id, SOURCE:NATIVE_ID (e.g. ofac-sdn:12345), got %q", id)
	}
	e, err := s.Store.Entity(r.Context(), id, 0)
	if err != nil {
		return err
	}
	data := struct {
		Entity                          *tripline.Entity
		Caption, Type, Remarks          string
		Aliases, Countries, Identifiers []string
	}{Entity: e, Caption: e.Caption(), Type: typeOf(e.Schema).Name}
	for _, n := range e.Names {
		if n.Full != data.Caption && len(data.Aliases) < 8 {
			data.Aliases = append(data.Aliases, n.Full)
		}
	}
	data.Countries = append(append(data.Countries, e.Countries...), e.Nationalities...)
	for _, idn := range e.Identifiers {
		if len(data.Identifiers) < 6 {
			data.Identifiers = append(data.Identifiers, idn.Type+" "+idn.Value)
		}
	}
	if rs := []rune(e.Remarks); len(rs) > 400 {
		data.Remarks = string(rs[:400]) + "…"
	} else {
		data.Remarks = e.Remarks
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	return previewTmpl.Execute(w, data)
}
