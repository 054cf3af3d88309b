package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/review"
)

// Case management (issue 11): the queue's next alert, dispositions and
// their four-eyes answers, the case view. Every call acts as the user the
// API key belongs to (tripline users add); a key of no user may read but
// not work alerts. The four-eyes rules are the store's: no request path
// escapes them.

var errNoCases = tripline.Errorf(tripline.KindNotFound, "this store keeps no cases")

func (s *Server) caseStore() (review.Store, error) {
	cs, ok := s.Store.(review.Store)
	if !ok {
		return nil, errNoCases
	}
	return cs, nil
}

func principal(r *http.Request) tripline.Principal {
	p, _ := tripline.PrincipalFrom(r.Context())
	return p
}

func alertID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tripline.Errorf(tripline.KindNotFound, "no alert %q", r.PathValue("id"))
	}
	return id, nil
}

// decisionInput is the body of POST /v1/alerts/{id}/decision.
type decisionInput struct {
	Disposition string `json:"disposition"`
	Rationale   string `json:"rationale"`
	// Until ends a false positive's suppression (RFC 3339).
	Until string `json:"until,omitempty"`
}

// reviewInput is the body of POST /v1/alerts/{id}/approve and /reject.
type reviewInput struct {
	Note string `json:"note,omitempty"`
}

// decide records a disposition of an alert.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.caseStore()
	if err != nil {
		return err
	}
	id, err := alertID(r)
	if err != nil {
		return err
	}
	var in decisionInput
	if err := decode(r, &in, true); err != nil {
		return err
	}
	spec := tripline.DecisionSpec{AlertID: id, Disposition: in.Disposition, Rationale: in.Rationale}
	if in.Until != "" {
		t, err := time.Parse(time.RFC3339, in.Until)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "until must be an RFC 3339 time, got %q", in.Until)
		}
		spec.SuppressUntil = &t
	}
	ds, err := cs.DecideAlerts(r.Context(), []tripline.DecisionSpec{spec}, principal(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, ds[0])
}

func (s *Server) approve(w http.ResponseWriter, r *http.Request) error { return s.review(w, r, true) }
func (s *Server) reject(w http.ResponseWriter, r *http.Request) error  { return s.review(w, r, false) }

// review answers the pending decision of an alert.
func (s *Server) review(w http.ResponseWriter, r *http.Request, approve bool) error {
	cs, err := s.caseStore()
	if err != nil {
		return err
	}
	id, err := alertID(r)
	if err != nil {
		return err
	}
	var in reviewInput
	if r.ContentLength != 0 {
		if err := decode(r, &in, true); err != nil {
			return err
		}
	}
	d, err := cs.ReviewDecision(r.Context(), id, approve, in.Note, principal(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

// nextAlert assigns the next alert of the queue to the caller: ?book=
// &source= &reason= narrow the queue.
func (s *Server) nextAlert(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.caseStore()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	a, err := review.Next(r.Context(), cs, tripline.AlertFilter{Book: q.Get("book"), Source: q.Get("source"), Reason: q.Get("reason")}, principal(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// alertCase is the case view of an alert.
func (s *Server) alertCase(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.caseStore()
	if err != nil {
		return err
	}
	id, err := alertID(r)
	if err != nil {
		return err
	}
	c, err := review.CaseOf(r.Context(), cs, id, nil)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}
