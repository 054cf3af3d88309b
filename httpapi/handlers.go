package httpapi

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	_, snaps, err := s.Index.Screener()
	if err != nil {
		return err
	}
	body := map[string]any{"status": "ready", "snapshots": snaps}
	if s.Readiness != nil {
		for k, v := range s.Readiness() {
			body[k] = v
		}
	}
	return writeJSON(w, http.StatusOK, body)
}

// ScreenRequest is the body of POST /v1/screen.
type ScreenRequest struct {
	Queries   []tripline.Query `json:"queries"`
	Threshold float64          `json:"threshold,omitempty"`
	Limit     int              `json:"limit,omitempty"`
	Sources   []string         `json:"sources,omitempty"`
}

// ScreenResponse is the answer of POST /v1/screen.
type ScreenResponse struct {
	Results []tripline.Result `json:"results"`
}

func (s *Server) screen(w http.ResponseWriter, r *http.Request) error {
	var req ScreenRequest
	if err := decode(r, &req, true); err != nil {
		return err
	}
	if len(req.Queries) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "queries: give at least one query, e.g. {\"queries\":[{\"id\":\"1\",\"name\":\"...\"}]}")
	}
	if len(req.Queries) > s.Config.MaxQueries {
		return tripline.Errorf(tripline.KindTooLarge, "queries: %d queries in one request, the limit is %d; split the batch or use 'tripline screen --remote'", len(req.Queries), s.Config.MaxQueries)
	}
	for i := range req.Queries {
		// The rules of a query and its normal form are those of the
		// readers of users' files: the CLI screens what the API does.
		if err := tabular.NormalizeQuery(&req.Queries[i]); err != nil {
			return tripline.Errorf(tripline.ErrorKind(err), "queries[%d]: %s", i, tripline.ErrorMessage(err))
		}
	}
	opt := tripline.ScreenOptions{Threshold: req.Threshold, Limit: req.Limit, Sources: req.Sources}
	if err := opt.Validate(); err != nil {
		return err
	}
	res, err := s.runScreen(r.Context(), req.Queries, opt)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ScreenResponse{Results: res})
}

// oneScreener screens a single query without the workers of a batch
// (*match.Screener).
type oneScreener interface {
	ScreenOne(q tripline.Query, opt tripline.ScreenOptions) (tripline.Result, error)
}

// runScreen screens on the current index and stamps the snapshots that
// answered into each result.
func (s *Server) runScreen(ctx context.Context, qs []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	sc, snaps, err := s.Index.Screener()
	if err != nil {
		return nil, err
	}
	var res []tripline.Result
	if one, ok := sc.(oneScreener); ok && len(qs) == 1 && opt.Validate() == nil && ctx.Err() == nil {
		// One query (most API calls) is screened on the handler's
		// goroutine, without Screen's workers; its answer is the same.
		// Yield first, as handing the query to a worker did: requests
		// that arrived earlier go before this one (without it the tail
		// of the latencies under load doubled).
		runtime.Gosched()
		var r tripline.Result
		if r, err = one.ScreenOne(qs[0], opt); err != nil {
			return nil, err
		}
		res = []tripline.Result{r}
		if ctx.Err() != nil {
			// Cancelled meanwhile: Screen's error, as Screen answers it.
			if res, err = sc.Screen(ctx, qs, opt); err != nil {
				return nil, err
			}
		}
	} else {
		res, err = sc.Screen(ctx, qs, opt)
	}
	if err != nil {
		return nil, err
	}
	for i := range res {
		if res[i].Snapshots == nil {
			res[i].Snapshots = snaps
		}
		if res[i].Matches == nil {
			res[i].Matches = []tripline.Match{}
		}
	}
	return res, nil
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	name := strings.TrimSpace(q.Get("q"))
	if name == "" {
		return tripline.Errorf(tripline.KindInvalid, "q: give a name to search for, e.g. /v1/search?q=shahed")
	}
	limit, err := intParam(q.Get("limit"), 20)
	if err != nil {
		return err
	}
	threshold, err := floatParam(q.Get("threshold"), 0.5)
	if err != nil {
		return err
	}
	var sources []string
	if v := q.Get("sources"); v != "" {
		sources = strings.Split(v, ",")
	}
	opt := tripline.ScreenOptions{Threshold: threshold, Limit: limit, Sources: sources}
	if err := opt.Validate(); err != nil {
		return err
	}
	query := tripline.Query{ID: "search", Name: name, Type: q.Get("type"), Country: q.Get("country")}
	if err := tabular.NormalizeQuery(&query); err != nil {
		return err
	}
	res, err := s.runScreen(r.Context(), []tripline.Query{query}, opt)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res[0])
}

func intParam(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, tripline.Errorf(tripline.KindInvalid, "expected an integer, got %q", v)
	}
	return n, nil
}

func floatParam(v string, def float64) (float64, error) {
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, tripline.Errorf(tripline.KindInvalid, "expected a number, got %q", v)
	}
	return f, nil
}

// EntityResponse is the answer of GET /v1/entities/{id}: the canonical
// entity, the snapshot it comes from, and the entities it links to.
type EntityResponse struct {
	Entity   *tripline.Entity   `json:"entity"`
	Snapshot *tripline.Snapshot `json:"snapshot,omitempty"`
	Linked   []LinkedEntity     `json:"linked,omitempty"`
}

// LinkedEntity is a resolved link target.
type LinkedEntity struct {
	Type   string `json:"type"`
	ID     string `json:"id,omitempty"`
	Name   string `json:"name"`
	Listed bool   `json:"listed"`
}

func (s *Server) entity(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if !strings.Contains(id, ":") {
		return tripline.Errorf(tripline.KindInvalid, "entity id must look like SOURCE:NATIVE_ID (e.g. ofac-sdn:12345), got %q", id)
	}
	e, err := s.Store.Entity(r.Context(), id, 0)
	if err != nil {
		return err
	}
	resp := EntityResponse{Entity: e}
	if snaps, err := s.Store.CurrentSnapshots(r.Context()); err == nil {
		for i := range snaps {
			if snaps[i].Source == e.Source {
				resp.Snapshot = &snaps[i]
			}
		}
	}
	for _, l := range e.Links {
		le := LinkedEntity{Type: l.Type, ID: l.TargetID, Name: l.TargetName}
		if l.TargetID != "" {
			if t, err := s.Store.Entity(r.Context(), l.TargetID, 0); err == nil {
				le.Name, le.Listed = t.Caption(), true
			}
		}
		resp.Linked = append(resp.Linked, le)
	}
	return writeJSON(w, http.StatusOK, resp)
}

// SourcesResponse is the answer of GET /v1/sources.
type SourcesResponse struct {
	Sources []tripline.Snapshot `json:"sources"`
	// Loaded names the snapshot each source's index answers from.
	Loaded map[string]int64 `json:"loaded,omitempty"`
}

func (s *Server) sources(w http.ResponseWriter, r *http.Request) error {
	snaps, err := s.Store.CurrentSnapshots(r.Context())
	if err != nil {
		return err
	}
	if snaps == nil {
		snaps = []tripline.Snapshot{}
	}
	resp := SourcesResponse{Sources: snaps}
	if _, loaded, err := s.Index.Screener(); err == nil {
		resp.Loaded = loaded
	}
	return writeJSON(w, http.StatusOK, resp)
}

// checkRequest is the body of POST /v1/check: the order, and whether to
// store it in the book of orders (default yes; the stored history is
// read either way).
type checkRequest struct {
	tripline.Transaction
	Store *bool `json:"store,omitempty"`
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) error {
	if s.Checker == nil {
		return tripline.Errorf(tripline.KindNotFound, "order checks are not enabled on this server")
	}
	var req checkRequest
	if err := decode(r, &req, true); err != nil {
		return err
	}
	tx := req.Transaction
	// The rules of an order, role names included, are those of the
	// readers of users' files: "Buyer" and "End User" mean here what
	// they mean to tripline check.
	if err := tx.Validate(); err != nil {
		return err
	}
	ctx := r.Context()
	if req.Store != nil && !*req.Store {
		ctx = tripline.WithoutOrderStore(ctx)
	}
	d, err := s.Checker.Check(ctx, &tx)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}
