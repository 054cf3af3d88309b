package httpapi

import (
	"net/http"
	"strconv"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/monitor"
)

var errNoWatches = tripline.Errorf(tripline.KindNotFound, "this store keeps no watches")

func (s *Server) watchStore() (tripline.WatchStore, error) {
	ws, ok := s.Store.(tripline.WatchStore)
	if !ok {
		return nil, errNoWatches
	}
	return ws, nil
}

func (s *Server) watches(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.watchStore()
	if err != nil {
		return err
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"watches": list})
}

// watchInput is the body of POST /v1/watches.
type watchInput struct {
	Kind      string   `json:"kind"`
	Value     string   `json:"value"`
	Sources   []string `json:"sources,omitempty"`
	Threshold float64  `json:"threshold,omitempty"`
	Label     string   `json:"label,omitempty"`
}

func (s *Server) addWatch(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.watchStore()
	if err != nil {
		return err
	}
	var in watchInput
	if err := decode(r, &in, true); err != nil {
		return err
	}
	wt := tripline.Watch{Kind: in.Kind, Value: in.Value, Sources: in.Sources, Threshold: in.Threshold, Label: in.Label}
	if _, err := monitor.CheckWatch(&wt, nil); err != nil {
		return err
	}
	if wt, err = ws.AddWatch(r.Context(), wt); err != nil {
		return err
	}
	if wt.Kind == tripline.WatchNetworkCompany {
		// The watch starts from the company's current risk and paths.
		es, ok1 := ws.(tripline.WatchEvalStore)
		ns, ok2 := s.Store.(tripline.NetworkStore)
		if ok1 && ok2 && s.Networks != nil {
			e := &monitor.Evaluator{Store: es, Lists: s.Store, Records: ns, Network: s.Networks}
			if err := e.Baseline(r.Context(), wt); err != nil {
				return err
			}
		}
	}
	return writeJSON(w, http.StatusCreated, wt)
}

func watchID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, tripline.Errorf(tripline.KindNotFound, "no watch %q", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) deleteWatch(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.watchStore()
	if err != nil {
		return err
	}
	id, err := watchID(r)
	if err != nil {
		return err
	}
	if err := ws.DeleteWatch(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// watchFires lists the firings of a watch, newest first (?limit= 1-1000).
func (s *Server) watchFires(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.watchStore()
	if err != nil {
		return err
	}
	id, err := watchID(r)
	if err != nil {
		return err
	}
	limit, err := intParam(r.URL.Query().Get("limit"), 100)
	if err != nil {
		return err
	}
	if limit < 1 || limit > 1000 {
		return tripline.Errorf(tripline.KindInvalid, "limit must be 1-1000")
	}
	fires, err := ws.WatchFires(r.Context(), id, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"fires": fires})
}
