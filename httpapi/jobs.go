package httpapi

import (
	"cmp"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// Jobs enables /v1/jobs: batch screening jobs shared by the replicas.
type Jobs struct {
	Store tripline.BatchStore
	// Submit stores a batch screening job of the file in (CSV or JSON
	// lines; format "" detects it) and returns it once its input is
	// stored (package batch does it).
	Submit func(ctx context.Context, in io.Reader, name, format string, opt tripline.ScreenOptions, by string) (tripline.BatchJob, error)
	// SubmitCheck, when set, stores a batch check job of the orders in in
	// (as tripline check reads them), decided with the stored book of
	// orders and stored in it unless store is false.
	SubmitCheck func(ctx context.Context, in io.Reader, name, format string, store bool, by string) (tripline.BatchJob, error)
	// Results writes a completed job's result lines to w (batch.Results).
	Results func(ctx context.Context, id int64, w io.Writer) error
}

// JobList is the answer of GET /v1/jobs.
type JobList struct {
	Jobs []tripline.BatchJob `json:"jobs"`
}

// longRequest reports whether r may take as long and send as much as an
// import: a job's input, a job's results.
func longRequest(r *http.Request) bool {
	p := r.URL.Path
	return (r.Method == http.MethodPost && p == "/v1/jobs") || (r.Method == http.MethodGet && strings.HasPrefix(p, "/v1/jobs/") && strings.HasSuffix(p, "/results"))
}

func (s *Server) jobsEnabled() error {
	if s.Jobs == nil || s.Jobs.Store == nil {
		return tripline.Errorf(tripline.KindNotFound, "batch jobs are not enabled on this server")
	}
	return nil
}

func jobID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tripline.Errorf(tripline.KindInvalid, "%q is not a job id", r.PathValue("id"))
	}
	return id, nil
}

// jobsSubmit: POST /v1/jobs?kind=screen[&sources=a,b][&threshold=T][&limit=N][&format=csv|jsonl][&filename=NAME]
// or ?kind=check[&store=false][&format=csv|jsonl][&filename=NAME] with the
// file as the body.
func (s *Server) jobsSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobsEnabled(); err != nil {
		return err
	}
	q := r.URL.Query()
	if q.Get("kind") == "check" {
		return s.jobsSubmitCheck(w, r)
	}
	if k := q.Get("kind"); k != "" && k != "screen" {
		return tripline.Errorf(tripline.KindInvalid, "unknown job kind %q (want screen or check)", k)
	}
	if q.Has("store") {
		return tripline.Errorf(tripline.KindInvalid, "store is a parameter of check jobs")
	}
	var opt tripline.ScreenOptions
	if v := q.Get("threshold"); v != "" {
		t, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "threshold %q is not a number", v)
		}
		opt.Threshold = t
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "limit %q is not a number", v)
		}
		opt.Limit = n
	}
	for _, src := range strings.Split(q.Get("sources"), ",") {
		if src = strings.TrimSpace(src); src != "" {
			opt.Sources = append(opt.Sources, src)
		}
	}
	if err := opt.Validate(); err != nil {
		return err
	}
	name := cmp.Or(q.Get("filename"), "upload")
	by := requester(r)
	j, err := s.Jobs.Submit(r.Context(), r.Body, name, q.Get("format"), opt, by)
	if err != nil {
		return err
	}
	return jobCreated(w, j)
}

// jobsSubmitCheck: POST /v1/jobs?kind=check: the orders of the body
// checked as tripline check checks them, with the stored book of orders.
func (s *Server) jobsSubmitCheck(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if s.Jobs.SubmitCheck == nil || s.Checker == nil {
		return tripline.Errorf(tripline.KindNotFound, "check jobs are not enabled on this server")
	}
	for _, p := range []string{"sources", "threshold", "limit"} {
		if q.Has(p) {
			return tripline.Errorf(tripline.KindInvalid, "%s is a parameter of screen jobs (check jobs screen with the server's settings)", p)
		}
	}
	store := true
	switch v := q.Get("store"); v {
	case "", "true":
	case "false":
		store = false
	default:
		return tripline.Errorf(tripline.KindInvalid, "store must be true or false, got %q", v)
	}
	name := cmp.Or(q.Get("filename"), "upload")
	by := requester(r)
	j, err := s.Jobs.SubmitCheck(r.Context(), r.Body, name, q.Get("format"), store, by)
	if err != nil {
		return err
	}
	return jobCreated(w, j)
}

// jobsList: GET /v1/jobs[?limit=N][&before=ID], newest first.
func (s *Server) jobsList(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobsEnabled(); err != nil {
		return err
	}
	var f tripline.BatchFilter
	for name, dst := range map[string]*int64{"before": &f.BeforeID} {
		if v := r.URL.Query().Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return tripline.Errorf(tripline.KindInvalid, "%s %q is not a number", name, v)
			}
			*dst = n
		}
	}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return tripline.Errorf(tripline.KindInvalid, "limit must be 1 to 1000, got %q", v)
		}
		f.Limit = n
	}
	js, err := s.Jobs.Store.BatchJobs(r.Context(), f)
	if err != nil {
		return err
	}
	if js == nil {
		js = []tripline.BatchJob{}
	}
	return writeJSON(w, http.StatusOK, JobList{Jobs: js})
}

// jobsGet: GET /v1/jobs/{id}.
func (s *Server) jobsGet(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobsEnabled(); err != nil {
		return err
	}
	id, err := jobID(r)
	if err != nil {
		return err
	}
	j, err := s.Jobs.Store.BatchJob(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// jobsResults: GET /v1/jobs/{id}/results, JSON lines streamed in input
// order; 409 until the job has completed.
func (s *Server) jobsResults(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobsEnabled(); err != nil {
		return err
	}
	id, err := jobID(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	return s.Jobs.Results(r.Context(), id, w)
}

// jobsCancel: POST /v1/jobs/{id}/cancel.
func (s *Server) jobsCancel(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobsEnabled(); err != nil {
		return err
	}
	id, err := jobID(r)
	if err != nil {
		return err
	}
	by := requester(r)
	j, err := s.Jobs.Store.CancelBatch(r.Context(), id, "cancelled by "+by)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// jobsDelete: DELETE /v1/jobs/{id}, a finished job with its results.
func (s *Server) jobsDelete(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobsEnabled(); err != nil {
		return err
	}
	id, err := jobID(r)
	if err != nil {
		return err
	}
	if err := s.Jobs.Store.DeleteBatch(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// requester names who asks for r, for a job's record: the principal's
// name, else "anonymous".
func requester(r *http.Request) string {
	if p, ok := tripline.PrincipalFrom(r.Context()); ok && p.Name != "" {
		return p.Name
	}
	return "anonymous"
}

// jobCreated answers a submission: 201 with the job and its address.
func jobCreated(w http.ResponseWriter, j tripline.BatchJob) error {
	w.Header().Set("Location", "/v1/jobs/"+strconv.FormatInt(j.ID, 10))
	return writeJSON(w, http.StatusCreated, j)
}
