package httpapi

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tripline/tripline"
)

// Networks answers the network (front-company graph) endpoints
// (graph.Live implements it over a store).
//
// Errors are *tripline.Error values: NotFound for an unknown node or
// before any records are imported, Internal otherwise.
type Networks interface {
	// Neighbourhood returns the nodes and edges within depth steps of id
	// (at most limit nodes).
	Neighbourhood(ctx context.Context, id string, depth, limit int) (*tripline.NetworkView, error)
	// Risk returns the companies by falling risk (only flagged ones when
	// flaggedOnly), at most limit of them (0: all).
	Risk(ctx context.Context, flaggedOnly bool, limit int) ([]tripline.NetworkRisk, error)
}

// GraphRiskResponse is the body of GET /v1/graph/risk.
type GraphRiskResponse struct {
	Results []tripline.NetworkRisk `json:"results"`
}

func (s *Server) graphEntity(w http.ResponseWriter, r *http.Request) error {
	if s.Networks == nil {
		return errNoNetworks
	}
	q := r.URL.Query()
	depth, err := intParam(q.Get("depth"), 1)
	if err != nil {
		return err
	}
	limit, err := intParam(q.Get("limit"), 200)
	if err != nil {
		return err
	}
	if depth < 1 || depth > 4 || limit < 1 || limit > 5000 {
		return errBadView
	}
	v, err := s.Networks.Neighbourhood(r.Context(), r.PathValue("id"), depth, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

func (s *Server) graphRisk(w http.ResponseWriter, r *http.Request) error {
	if s.Networks == nil {
		return errNoNetworks
	}
	q := r.URL.Query()
	limit, err := intParam(q.Get("limit"), 100)
	if err != nil {
		return err
	}
	flagged := true
	if v := q.Get("flagged"); v != "" {
		if flagged, err = strconv.ParseBool(v); err != nil {
			return errBadFlagged
		}
	}
	if limit < 0 {
		return errBadView
	}
	res, err := s.Networks.Risk(r.Context(), flagged, limit)
	if err != nil {
		return err
	}
	if res == nil {
		res = []tripline.NetworkRisk{}
	}
	return writeJSON(w, http.StatusOK, GraphRiskResponse{Results: res})
}

var (
	errNoNetworks = tripline.Errorf(tripline.KindNotFound, "no network records: import them with \"tripline graph import\"")
	errBadView    = tripline.Errorf(tripline.KindInvalid, "depth must be 1-4 and limit 1-5000")
	errBadFlagged = tripline.Errorf(tripline.KindInvalid, "flagged must be true or false")
)
