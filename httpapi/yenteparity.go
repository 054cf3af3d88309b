package httpapi

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/ftm"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/match"
)

// yente parity beyond /match: the read endpoints yente clients call,
// GET /search/{dataset}, GET /entities/{id} and GET /catalog, in yente's
// response models (yente/data/common.py: SearchResponse, EntityResponse,
// DataCatalogModel). Entities are rendered as the FtM export renders them
// (package ftm: valid FtM properties), under their Tripline ids; a dataset
// is a source, named in yente's form (lower case, "_" for "-":
// "ofac_sdn"), and the collections default, sanctions and all hold every
// source. Errors carry yente's {"detail"}.

const (
	yenteSearchLimit = 10   // yente's DEFAULT_PAGE
	yenteMaxOffset   = 9499 // yente's MAX_OFFSET
)

// yenteDatasetName is a source's name as a yente dataset.
func yenteDatasetName(source string) string {
	return strings.ReplaceAll(strings.ToLower(source), "-", "_")
}

// isYentePath reports whether a path is one of yente's endpoints, whose
// errors are yente's ErrorResponse.
func isYentePath(p string) bool {
	for _, pre := range []string{"/match/", "/search/", "/entities/", "/catalog", "/algorithms"} {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// yenteEntity is yente's EntityResponse.
type yenteEntity struct {
	ID         string         `json:"id"`
	Caption    string         `json:"caption"`
	Schema     string         `json:"schema"`
	Properties map[string]any `json:"properties"`
	Datasets   []string       `json:"datasets"`
	Referents  []string       `json:"referents"`
	Target     bool           `json:"target"`
	FirstSeen  *string        `json:"first_seen"`
	LastSeen   *string        `json:"last_seen"`
	LastChange *string        `json:"last_change"`
}

// toYenteEntity renders e as yente does: its FtM properties, and with
// nested the entities that describe it (addresses, identifications,
// sanctions, relationships) inlined where yente inlines adjacent entities.
func toYenteEntity(e *tripline.Entity, targets map[string]tripline.Schema, nested bool) yenteEntity {
	fes := ftm.ToFtM(e, targets)
	main := fes[0]
	ye := yenteEntity{ID: e.ID, Caption: e.Caption(), Schema: main.Schema, Properties: map[string]any{},
		Datasets: []string{yenteDatasetName(e.Source)}, Referents: []string{}, Target: true}
	for _, d := range e.Properties["datasets"] {
		ye.Datasets = append(ye.Datasets, yenteDatasetName(d))
	}
	if main.Referents != nil {
		ye.Referents = main.Referents
	}
	if main.Target != nil {
		ye.Target = *main.Target
	}
	ts := func(s string) *string {
		// yente's timestamps are datetimes: RFC 3339 in UTC here.
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
			if t, err := time.Parse(layout, s); err == nil {
				v := t.UTC().Format(time.RFC3339)
				return &v
			}
		}
		return nil
	}
	ye.FirstSeen, ye.LastSeen, ye.LastChange = ts(main.FirstSeen), ts(main.LastSeen), ts(main.LastChange)
	for k, vs := range main.Properties {
		if k == "addressEntity" {
			continue // inlined below, or left out: the ids name nothing a client can fetch
		}
		ye.Properties[k] = vs
	}
	if !nested {
		return ye
	}
	// yente's reverse properties: an entity lists what refers to it.
	reverse := map[string]string{"Address": "addressEntity", "Identification": "identification", "Passport": "identification", "Sanction": "sanctions"}
	for _, fe := range fes[1:] {
		prop, ok := reverse[fe.Schema]
		if !ok {
			prop = "unknownLinkFrom"
			switch fe.Schema {
			case "Ownership":
				prop = "ownershipOwner"
				if vs := fe.Properties["asset"]; len(vs) > 0 && vs[0] == main.ID {
					prop = "ownershipAsset"
				}
			case "Directorship":
				prop = "directorshipDirector"
			case "Family":
				prop = "familyPerson"
			case "Associate":
				prop = "associates"
			case "Membership":
				prop = "membershipMember"
			case "Employment":
				prop = "employers"
			case "Representation":
				prop = "agentRepresentation"
			case "Succession":
				prop = "successors"
			}
		}
		sub := map[string]any{}
		for k, vs := range fe.Properties {
			sub[k] = vs
		}
		child := yenteEntity{ID: fe.ID, Caption: fe.Caption, Schema: fe.Schema, Properties: sub, Datasets: ye.Datasets, Referents: []string{}}
		if child.Caption == "" {
			child.Caption = fe.Schema
		}
		list, _ := ye.Properties[prop].([]any)
		ye.Properties[prop] = append(list, child)
	}
	return ye
}

// yenteSearchResponse is yente's SearchResponse.
type yenteSearchResponse struct {
	Limit   int                   `json:"limit"`
	Offset  int                   `json:"offset"`
	Total   yenteTotal            `json:"total"`
	Results []yenteEntity         `json:"results"`
	Facets  map[string]yenteFacet `json:"facets"`
}

type yenteFacet struct {
	Label  string           `json:"label"`
	Values []yenteFacetItem `json:"values"`
}

type yenteFacetItem struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// yenteSearch answers GET /search/{dataset}?q=: the listed entities whose
// names the text finds, best first, in yente's SearchResponse, with the
// countries, schemata and datasets of the results as facets. schema,
// countries and include/exclude datasets narrow it as in yente; limit
// (default 10) and offset page through the at most 500 results.
func (s *Server) yenteSearch(w http.ResponseWriter, r *http.Request) error {
	p := r.URL.Query()
	q := strings.TrimSpace(p.Get("q"))
	limit, err := intParam(p.Get("limit"), yenteSearchLimit)
	if err != nil {
		return err
	}
	offset, err := intParam(p.Get("offset"), 0)
	if err != nil {
		return err
	}
	if limit < 0 || limit > tripline.MaxLimit || offset < 0 || offset > yenteMaxOffset {
		return tripline.Errorf(tripline.KindInvalid, "limit must be 0-%d and offset 0-%d", tripline.MaxLimit, yenteMaxOffset)
	}
	sources, err := s.datasetSources(s.sourceOfDataset(r.PathValue("dataset")), s.sourcesOfDatasets(p["include_dataset"]), s.sourcesOfDatasets(p["exclude_dataset"]))
	if err != nil {
		return err
	}
	resp := yenteSearchResponse{Limit: limit, Offset: offset, Results: []yenteEntity{}, Facets: map[string]yenteFacet{}}
	if q == "" {
		return tripline.Errorf(tripline.KindInvalid, "q: give a name to search for, e.g. /search/default?q=shahed")
	}
	query := tripline.Query{ID: "search", Name: q}
	if sc := p.Get("schema"); sc != "" && sc != "Thing" {
		query.Type = sc
	}
	if cs := p["countries"]; len(cs) > 0 {
		query.Country = cs[0]
	}
	if err := tabular.NormalizeQuery(&query); err != nil {
		return err
	}
	var matches []tripline.Match
	if sources == nil || len(sources) > 0 {
		res, err := s.runScreen(r.Context(), []tripline.Query{query}, tripline.ScreenOptions{Threshold: 0.5, Limit: tripline.MaxLimit, Sources: sources})
		if err != nil {
			return err
		}
		matches = res[0].Matches
	}
	// countries filter every result (yente filters, not boosts)
	if cs := p["countries"]; len(cs) > 0 {
		want := map[string]bool{}
		for _, c := range cs {
			if cc := country.Code(c); cc != "" {
				want[cc] = true
			}
		}
		var kept []tripline.Match
		for _, m := range matches {
			if e, err := s.Store.Entity(r.Context(), m.ID, 0); err == nil && hasCountry(e, want) {
				kept = append(kept, m)
			}
		}
		matches = kept
	}
	resp.Total = yenteTotal{Value: len(matches), Relation: "eq"}
	if len(matches) == tripline.MaxLimit {
		resp.Total.Relation = "gte"
	}
	facets := map[string]map[string]int{"countries": {}, "schema": {}, "datasets": {}}
	for i, m := range matches {
		e, err := s.Store.Entity(r.Context(), m.ID, 0)
		if err != nil {
			continue
		}
		ye := toYenteEntity(e, nil, false)
		for _, c := range append(append([]string{}, e.Countries...), e.Nationalities...) {
			if country.Valid(c) {
				facets["countries"][strings.ToLower(c)]++
			}
		}
		facets["schema"][ye.Schema]++
		for _, d := range ye.Datasets {
			facets["datasets"][d]++
		}
		if i >= offset && len(resp.Results) < limit {
			resp.Results = append(resp.Results, ye)
		}
	}
	labels := map[string]string{"countries": "Countries", "schema": "Entity types", "datasets": "Data sources"}
	for name, counts := range facets {
		f := yenteFacet{Label: labels[name], Values: []yenteFacetItem{}}
		for v, n := range counts {
			label := v
			if name == "countries" {
				if cn := country.Name(v); cn != "" {
					label = cn
				}
			}
			f.Values = append(f.Values, yenteFacetItem{Name: v, Label: label, Count: n})
		}
		sort.Slice(f.Values, func(i, j int) bool {
			if f.Values[i].Count != f.Values[j].Count {
				return f.Values[i].Count > f.Values[j].Count
			}
			return f.Values[i].Name < f.Values[j].Name
		})
		resp.Facets[name] = f
	}
	return writeJSON(w, http.StatusOK, resp)
}

func hasCountry(e *tripline.Entity, want map[string]bool) bool {
	for _, c := range append(append([]string{}, e.Countries...), e.Nationalities...) {
		if want[strings.ToUpper(c)] {
			return true
		}
	}
	for _, a := range e.Addresses {
		if want[strings.ToUpper(a.Country)] {
			return true
		}
	}
	return false
}

// sourceOfDataset maps a yente dataset name back to a source id: "ofac_sdn"
// is "ofac-sdn"; a source id and the collections pass as they are.
func (s *Server) sourceOfDataset(name string) string {
	switch name {
	case "default", "sanctions", "all", "":
		return name
	}
	var out []string
	for _, d := range strings.Split(name, ",") {
		out = append(out, s.sourceOf(d))
	}
	return strings.Join(out, ",")
}

func (s *Server) sourcesOfDatasets(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = s.sourceOf(n)
	}
	return out
}

func (s *Server) sourceOf(d string) string {
	if _, loaded, err := s.Index.Screener(); err == nil {
		if _, ok := loaded[d]; ok {
			return d
		}
		for src := range loaded {
			if yenteDatasetName(src) == d {
				return src
			}
		}
	}
	return d
}

// yenteEntityByID answers GET /entities/{id}: one listed entity in yente's
// EntityResponse, the entities that describe it inlined (nested=false
// leaves them out). The id is a Tripline id ("ofac-sdn:306") or the FtM
// id of the export ("ofac-sdn.306").
func (s *Server) yenteEntityByID(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if !strings.Contains(id, ":") {
		if dec, ok := ftm.DecodeID(id); ok {
			id = dec
		}
	}
	if !strings.Contains(id, ":") {
		return tripline.Errorf(tripline.KindNotFound, "no entity %q: ids look like SOURCE:NATIVE_ID (ofac-sdn:12345)", r.PathValue("id"))
	}
	nested := true
	if v := r.URL.Query().Get("nested"); v != "" {
		var err error
		if nested, err = strconv.ParseBool(v); err != nil {
			return tripline.Errorf(tripline.KindInvalid, "nested must be true or false")
		}
	}
	e, err := s.Store.Entity(r.Context(), id, 0)
	if err != nil {
		return err
	}
	// The linked entities that are listed are references; the others stay
	// in the notes.
	targets := map[string]tripline.Schema{}
	for _, l := range e.Links {
		if l.TargetID == "" {
			continue
		}
		if t, err := s.Store.Entity(r.Context(), l.TargetID, 0); err == nil {
			targets[t.ID] = t.Schema
		}
	}
	return writeJSON(w, http.StatusOK, toYenteEntity(e, targets, nested))
}

// yenteDataset is yente's YenteDatasetModel (with followthemoney's
// DatasetModel members Tripline knows).
type yenteDataset struct {
	Name         string   `json:"name"`
	Title        string   `json:"title"`
	Summary      *string  `json:"summary"`
	URL          *string  `json:"url"`
	UpdatedAt    *string  `json:"updated_at"`
	LastExport   *string  `json:"last_export"`
	EntityCount  *int     `json:"entity_count"`
	Version      string   `json:"version"`
	Children     []string `json:"children"`
	Load         bool     `json:"load"`
	EntitiesURL  *string  `json:"entities_url"`
	IndexVersion *string  `json:"index_version"`
	IndexCurrent bool     `json:"index_current"`
	Publisher    *struct {
		Name string `json:"name"`
	} `json:"publisher,omitempty"`
}

// yenteCatalog is yente's DataCatalogModel.
type yenteCatalog struct {
	Datasets   []yenteDataset `json:"datasets"`
	Current    []string       `json:"current"`
	Outdated   []string       `json:"outdated"`
	IndexStale bool           `json:"index_stale"`
}

// yenteCatalogHandler answers GET /catalog: every source's current
// snapshot as a dataset (version = the snapshot; index_current when the
// screening index answers from it), and the collections default,
// sanctions and all holding them.
func (s *Server) yenteCatalog(w http.ResponseWriter, r *http.Request) error {
	snaps, err := s.Store.CurrentSnapshots(r.Context())
	if err != nil {
		return err
	}
	_, loaded, _ := s.Index.Screener()
	sort.Slice(snaps, func(i, j int) bool { return snaps[i].Source < snaps[j].Source })
	cat := yenteCatalog{Datasets: []yenteDataset{}, Current: []string{}, Outdated: []string{}}
	var children []string
	for _, sn := range snaps {
		name := yenteDatasetName(sn.Source)
		children = append(children, name)
		n := sn.EntityCount
		imported := sn.ImportedAt.UTC().Format(time.RFC3339)
		d := yenteDataset{Name: name, Title: sn.Source, Version: snapshotVersion(sn.ID), Children: []string{}, Load: true,
			EntityCount: &n, UpdatedAt: &imported}
		if sn.PublishedAt != "" {
			pub := sn.PublishedAt
			d.LastExport = &pub
		}
		if s.SourceInfo != nil {
			if info, ok := s.SourceInfo(sn.Source); ok {
				if info.Title != "" {
					d.Title = info.Title
				}
				if info.Publisher != "" {
					d.Publisher = &struct {
						Name string `json:"name"`
					}{info.Publisher}
				}
				if len(info.URLs) > 0 {
					u := info.URLs[0]
					d.URL = &u
				}
			}
		}
		summary := fmt.Sprintf("%s: snapshot %d of %s, %d entities", sn.Source, sn.ID, sn.Format, sn.EntityCount)
		d.Summary = &summary
		if id, ok := loaded[sn.Source]; ok {
			v := snapshotVersion(id)
			d.IndexVersion = &v
			d.IndexCurrent = id == sn.ID
		}
		if d.IndexCurrent {
			cat.Current = append(cat.Current, name)
		} else {
			cat.Outdated = append(cat.Outdated, name)
			cat.IndexStale = true
		}
		cat.Datasets = append(cat.Datasets, d)
	}
	if children == nil {
		children = []string{}
	}
	for _, coll := range []struct{ name, title string }{
		{"default", "Every list (Tripline's default collection)"},
		{"sanctions", "Every list (as yente's sanctions collection)"},
		{"all", "Every list"},
	} {
		d := yenteDataset{Name: coll.name, Title: coll.title, Version: "current", Children: children, Load: false}
		cat.Datasets = append(cat.Datasets, d)
	}
	return writeJSON(w, http.StatusOK, cat)
}

func snapshotVersion(id int64) string { return "snapshot-" + strconv.FormatInt(id, 10) }

// yenteFeatureDoc is nomenklatura's FeatureDoc: what one explained part of
// a score means and its weight.
type yenteFeatureDoc struct {
	Description *string `json:"description"`
	Coefficient float64 `json:"coefficient"`
	URL         string  `json:"url"`
}

// yenteAlgorithmDocs is nomenklatura's AlgorithmDocs.
type yenteAlgorithmDocs struct {
	Name        string                     `json:"name"`
	Description *string                    `json:"description"`
	Config      map[string]any             `json:"config"`
	Features    map[string]yenteFeatureDoc `json:"features"`
}

// yenteAlgorithm is yente's Algorithm (features is yente's deprecated
// copy of docs.features).
type yenteAlgorithm struct {
	Name        string                     `json:"name"`
	Description *string                    `json:"description"`
	Features    map[string]yenteFeatureDoc `json:"features"`
	Docs        yenteAlgorithmDocs         `json:"docs"`
}

// yenteAlgorithms answers GET /algorithms in yente's AlgorithmResponse:
// Tripline's one matcher, default and best, with the parts of the score
// that /match's explanations name. /match accepts any algorithm
// parameter and answers with this matcher; config is accepted
// and ignored, so the matcher declares none.
func (s *Server) yenteAlgorithms(w http.ResponseWriter, r *http.Request) error {
	cfg := match.DefaultConfig()
	if sc, _, err := s.Index.Screener(); err == nil {
		if ms, ok := sc.(*match.Screener); ok {
			cfg = ms.Index().Config()
		}
	}
	const url = "docs/scoring.md"
	doc := func(d string, c float64) yenteFeatureDoc {
		return yenteFeatureDoc{Description: &d, Coefficient: c, URL: url}
	}
	features := map[string]yenteFeatureDoc{
		"name":       doc("the name score: the best pair of the query's and the listed entity's names, word by word (exact, transliterated, phonetic, edit distance), unmatched words costing", 1),
		"weak_alias": doc("the name matched is a weak alias: the name score is multiplied by the weak-alias factor (the effect shown is what it takes)", cfg.WeakAlias-1),
		"birth_date": doc("the birth dates agree (full date, or year) or every listed year differs by more than one", cfg.BirthDateMatch),
		"country":    doc("a country of the query is, or is not, among the listed entity's", cfg.CountryMatch),
		"identifier": doc("an identifier of the query is identical to a listed one (the score is raised to the coefficient), or one of the same type differs", cfg.IdentifierMatch),
	}
	desc := fmt.Sprintf("Tripline's name matcher (%s): names scored word by word after normalisation and transliteration, then adjusted by birth date, country and identifiers; recommended threshold %.2f", cfg.Version, cfg.Threshold)
	a := yenteAlgorithm{Name: cfg.Version, Description: &desc, Features: features,
		Docs: yenteAlgorithmDocs{Name: cfg.Version, Description: &desc, Config: map[string]any{}, Features: features}}
	return writeJSON(w, http.StatusOK, map[string]any{"algorithms": []yenteAlgorithm{a}, "default": cfg.Version, "best": cfg.Version})
}
