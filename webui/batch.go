package webui

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest/tabular"
)

// The batch page: the server's stored batch screening jobs (/v1/jobs),
// which any replica's workers work a shard at a time and which outlive
// the process that took them. A file uploaded here goes to the same
// submission as POST /v1/jobs (httpapi.Jobs.Submit), under the same role;
// a job's page shows its progress and, once it has completed, its
// results to download as JSON lines (GET /v1/jobs/{id}/results, byte
// for byte) or as CSV (`tripline screen`'s columns). The search page's
// "screen a list" is the quick, in-process run of a pasted list.

const batchPage = 50

func (u *UI) batchJobs() (*httpapi.Jobs, error) {
	js := u.api.Jobs
	if js == nil || js.Store == nil {
		return nil, tripline.Errorf(tripline.KindNotFound, "batch jobs are not enabled on this server (tripline serve stores them when its store keeps a job queue); the search page screens a list in this process")
	}
	return js, nil
}

type batchListData struct {
	Jobs  []tripline.BatchJob
	Error string
	// Threshold is the form's value shown again with Error.
	Threshold string
}

func (u *UI) batchList(w http.ResponseWriter, r *http.Request, rq *request) error {
	return u.renderBatchList(w, r, rq, http.StatusOK, batchListData{})
}

func (u *UI) renderBatchList(w http.ResponseWriter, r *http.Request, rq *request, status int, d batchListData) error {
	js, err := u.batchJobs()
	if err != nil {
		return err
	}
	if d.Jobs, err = js.Store.BatchJobs(r.Context(), tripline.BatchFilter{Limit: batchPage}); err != nil {
		return err
	}
	u.render(w, r, rq, status, "batches.html", "Batch screening", d)
	return nil
}

// batchSubmit takes an upload: POST /batch (multipart: threshold, then
// the file), streamed into the job's stored shards as POST /v1/jobs does.
func (u *UI) batchSubmit(w http.ResponseWriter, r *http.Request, rq *request) error {
	js, err := u.batchJobs()
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "send the file as a form upload (multipart/form-data)")
	}
	refused := func(msg, threshold string) error {
		return u.renderBatchList(w, r, rq, http.StatusBadRequest, batchListData{Error: msg, Threshold: threshold})
	}
	var opt tripline.ScreenOptions
	threshold := ""
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return refused("choose a file to screen (CSV with id,name[,type,country,…] or JSON lines)", threshold)
		}
		if err != nil {
			return uploadError(err)
		}
		switch p.FormName() {
		case "threshold":
			b, _ := io.ReadAll(io.LimitReader(p, 64))
			threshold = strings.TrimSpace(string(b))
			if threshold != "" {
				t, err := strconv.ParseFloat(threshold, 64)
				if err != nil {
					return refused("the threshold must be a number between 0 and 1", threshold)
				}
				opt.Threshold = t
			}
			if err := opt.Validate(); err != nil {
				return refused(tripline.ErrorMessage(err), threshold)
			}
		case "file":
			name := p.FileName()
			if name == "" {
				return refused("choose a file to screen (CSV with id,name[,type,country,…] or JSON lines)", threshold)
			}
			by := rq.Principal.Name
			if by == "" {
				by = anonymous
			}
			j, err := js.Submit(r.Context(), p, name, "", opt, by)
			if err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					return err
				}
				if k := tripline.ErrorKind(err); k == tripline.KindInvalid || k == tripline.KindTooLarge {
					return refused(tripline.ErrorMessage(err), threshold)
				}
				return err
			}
			http.Redirect(w, r, "/batch/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
			return nil
		}
	}
}

func batchID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tripline.Errorf(tripline.KindNotFound, "no batch job %q", r.PathValue("id"))
	}
	return id, nil
}

// batchStatus is a job's progress as the page shows it and polls it.
type batchStatus struct {
	tripline.BatchJob
	Percent float64 `json:"percent"`
	Done    bool    `json:"done"`
}

func statusOfBatch(j tripline.BatchJob) batchStatus {
	s := batchStatus{BatchJob: j, Done: j.State.Finished()}
	if j.RowsTotal > 0 {
		s.Percent = float64(int(1000*float64(j.RowsDone)/float64(j.RowsTotal))) / 10
	}
	if j.State == tripline.BatchCompleted {
		s.Percent = 100
	}
	return s
}

func (u *UI) batchJob(ctx context.Context, r *http.Request) (tripline.BatchJob, *httpapi.Jobs, error) {
	js, err := u.batchJobs()
	if err != nil {
		return tripline.BatchJob{}, nil, err
	}
	id, err := batchID(r)
	if err != nil {
		return tripline.BatchJob{}, nil, err
	}
	j, err := js.Store.BatchJob(ctx, id)
	return j, js, err
}

func (u *UI) batchShow(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, _, err := u.batchJob(r.Context(), r)
	if err != nil {
		return err
	}
	u.render(w, r, rq, http.StatusOK, "batch.html", "Batch job "+strconv.FormatInt(j.ID, 10)+": "+j.Input, statusOfBatch(j))
	return nil
}

// batchStatusJSON answers the page's polling: GET /batch/{id}/status.
func (u *UI) batchStatusJSON(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, _, err := u.batchJob(r.Context(), r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(statusOfBatch(j))
}

// batchCancel stops a job: POST /batch/{id}/cancel, as POST
// /v1/jobs/{id}/cancel.
func (u *UI) batchCancel(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, js, err := u.batchJob(r.Context(), r)
	if err != nil {
		return err
	}
	if _, err := js.Store.CancelBatch(r.Context(), j.ID, "cancelled by "+rq.Principal.Name); err != nil {
		return err
	}
	http.Redirect(w, r, "/batch/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
	return nil
}

// batchResults downloads a completed job's results: GET
// /batch/{id}/results.jsonl (the API's lines) or results.csv.
func (u *UI) batchResults(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, js, err := u.batchJob(r.Context(), r)
	if err != nil {
		return err
	}
	file := r.PathValue("file")
	if file != "results.jsonl" && file != "results.csv" {
		return tripline.Errorf(tripline.KindNotFound, "results come as results.jsonl or results.csv")
	}
	if j.State != tripline.BatchCompleted {
		return tripline.Errorf(tripline.KindConflict, "batch job %d is %s: its results are given once it has completed", j.ID, j.State)
	}
	base := "batch-" + strconv.FormatInt(j.ID, 10)
	if file == "results.jsonl" {
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Header().Set("Content-Disposition", `attachment; filename="`+base+`.jsonl"`)
		return js.Results(r.Context(), j.ID, w)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+base+`.csv"`)
	return resultsCSV(r.Context(), js, j.ID, w)
}

// resultsCSV writes the job's result lines as `tripline screen` writes
// CSV.
func resultsCSV(ctx context.Context, js *httpapi.Jobs, id int64, w io.Writer) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(js.Results(ctx, id, pw)) }()
	defer pr.Close()
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write(tabular.ResultCSVColumns)
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for sc.Scan() {
		var line tabular.ResultLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return internal(err)
		}
		if err := tabular.WriteResultCSV(cw, line.Result, line.Error); err != nil {
			return internal(err)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return internal(err)
	}
	return bw.Flush()
}
