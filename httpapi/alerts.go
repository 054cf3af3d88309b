package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

var errNoAlerts = tripline.Errorf(tripline.KindNotFound, "this store keeps no books or alerts")

// alertPage is the answer of GET /v1/alerts: a page of alerts, oldest
// first, and the cursor of the next page ("" on the last).
type alertPage struct {
	Alerts []tripline.Alert `json:"alerts"`
	Next   string           `json:"next"`
}

func (s *Server) alertStore() (tripline.AlertStore, error) {
	as, ok := s.Store.(tripline.AlertStore)
	if !ok {
		return nil, errNoAlerts
	}
	return as, nil
}

// alerts lists alerts: ?book= &status= &reason= &since= (RFC 3339)
// &source= &assignee= ("-": unassigned) &order=queue (the review queue's
// order: priority, then oldest) &cursor= (the "next" of the previous
// page) &limit= (1-1000, default 100).
func (s *Server) alerts(w http.ResponseWriter, r *http.Request) error {
	st, err := s.alertStore()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := tripline.AlertFilter{Book: q.Get("book"), Status: q.Get("status"), Reason: q.Get("reason"), Source: q.Get("source"), Assignee: q.Get("assignee")}
	if f.Assignee == "-" {
		f.Assignee, f.Unassigned = "", true
	}
	switch q.Get("order") {
	case "", "id":
	case "queue":
		f.Queue = true
	default:
		return tripline.Errorf(tripline.KindInvalid, "order must be id or queue, got %q", q.Get("order"))
	}
	if v := q.Get("since"); v != "" {
		if f.Since, err = time.Parse(time.RFC3339, v); err != nil {
			return tripline.Errorf(tripline.KindInvalid, "since must be an RFC 3339 time (2025-01-31T00:00:00Z), got %q", v)
		}
	}
	if v := q.Get("cursor"); v != "" {
		if f.Queue {
			// PRIORITY.ID of the last alert of the previous page.
			p, id, _ := strings.Cut(v, ".")
			if f.AfterPriority, err = strconv.Atoi(p); err == nil {
				f.After, err = strconv.ParseInt(id, 10, 64)
			}
			if err != nil || f.After <= 0 {
				return tripline.Errorf(tripline.KindInvalid, "cursor %q is not one this server gave", v)
			}
		} else if f.After, err = strconv.ParseInt(v, 10, 64); err != nil || f.After < 0 {
			return tripline.Errorf(tripline.KindInvalid, "cursor %q is not one this server gave", v)
		}
	}
	if f.Limit, err = intParam(q.Get("limit"), 100); err != nil {
		return err
	}
	if f.Limit < 1 || f.Limit > 1000 {
		return tripline.Errorf(tripline.KindInvalid, "limit must be 1-1000")
	}
	as, err := st.Alerts(r.Context(), f)
	if err != nil {
		return err
	}
	page := alertPage{Alerts: as}
	if len(as) == f.Limit {
		last := as[len(as)-1]
		page.Next = strconv.FormatInt(last.ID, 10)
		if f.Queue {
			page.Next = strconv.Itoa(last.Priority) + "." + page.Next
		}
	}
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) alert(w http.ResponseWriter, r *http.Request) error {
	st, err := s.alertStore()
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return tripline.Errorf(tripline.KindNotFound, "no alert %q", r.PathValue("id"))
	}
	a, err := st.Alert(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}
