package webui

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/tabular"
)

// Batch screening: a pasted list or an uploaded file (CSV or JSON lines,
// the input of `tripline screen`, read by its reader) is screened in the
// background, a chunk at a time on the current index, while its page
// shows the progress; the results are written as `tripline screen`
// writes them, in both formats, to download. A run lives in the process
// that started it, for its owner only, for jobRetention after it ends.

const (
	maxUpload    = 256 << 20
	maxRunning   = 2
	jobRetention = time.Hour
	jobChunk     = 512
)

type jobs struct {
	mu sync.Mutex
	m  map[string]*job
}

func newJobs() *jobs { return &jobs{m: map[string]*job{}} }

type job struct {
	ID      string
	Owner   string
	Name    string
	Created time.Time
	dir     string

	mu       sync.Mutex
	state    string // running, done, failed
	rows     int
	bad      int
	matched  int
	read     int64
	size     int64
	err      string
	firstBad string
	finished time.Time
}

// jobStatus is the answer of /screen/{job}/status, and what the job page
// shows.
type jobStatus struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	State    string  `json:"state"`
	Rows     int     `json:"rows"`
	Matched  int     `json:"matched"`
	Bad      int     `json:"bad"`
	Percent  float64 `json:"percent"`
	Error    string  `json:"error,omitempty"`
	FirstBad string  `json:"first_bad,omitempty"`
	Seconds  float64 `json:"seconds"`
}

func (j *job) status(now time.Time) jobStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	s := jobStatus{ID: j.ID, Name: j.Name, State: j.state, Rows: j.rows, Matched: j.matched, Bad: j.bad, Error: j.err, FirstBad: j.firstBad}
	if j.size > 0 {
		s.Percent = float64(int(1000*float64(j.read)/float64(j.size))) / 10
	}
	if j.state == "done" {
		s.Percent = 100
	}
	end := now
	if !j.finished.IsZero() {
		end = j.finished
	}
	s.Seconds = float64(end.Sub(j.Created).Milliseconds()) / 1000
	return s
}

// ownerOf is who a run belongs to: the signed-in user (name and key), or
// for the anonymous user of a loopback server, the browser (its CSRF
// cookie).
func ownerOf(rq *request) string {
	if !rq.SignedIn {
		return "browser:" + rq.CSRF
	}
	return rq.Principal.Name + "#" + strconv.FormatInt(rq.Principal.KeyID, 10)
}

// get returns the job id of owner, or NotFound.
func (js *jobs) get(id, owner string) (*job, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.m[id]
	if !ok || j.Owner != owner {
		return nil, tripline.Errorf(tripline.KindNotFound, "no screening run %q (runs are kept for an hour, by the server that ran them)", id)
	}
	return j, nil
}

// add registers j unless too many runs are going; it also forgets runs
// that ended more than jobRetention ago.
func (js *jobs) add(j *job, now time.Time) error {
	js.mu.Lock()
	defer js.mu.Unlock()
	running := 0
	for id, o := range js.m {
		o.mu.Lock()
		old := o.state != "running" && now.Sub(o.finished) > jobRetention
		if o.state == "running" {
			running++
		}
		o.mu.Unlock()
		if old {
			os.RemoveAll(o.dir)
			delete(js.m, id)
		}
	}
	if running >= maxRunning {
		return tripline.Errorf(tripline.KindUnavailable, "%d screening runs are going on this server; wait for one to finish", running)
	}
	js.m[j.ID] = j
	return nil
}

// screenStart takes the pasted list or the uploaded file and starts the run.
func (u *UI) screenStart(w http.ResponseWriter, r *http.Request, rq *request) error {
	if u.index == nil {
		return tripline.Errorf(tripline.KindUnavailable, "this server has no screening index")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	dir, err := os.MkdirTemp("", "tripline-ui-screen-")
	if err != nil {
		return internal(err)
	}
	j := &job{ID: newID(12), Owner: ownerOf(rq), Created: u.now(), dir: dir, state: "running"}
	input := filepath.Join(dir, "input")
	name, n, err := saveInput(r, input)
	if err == nil && n == 0 {
		err = tripline.Errorf(tripline.KindInvalid, "nothing to screen: paste names (one a line) or choose a CSV or JSON-lines file")
	}
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	j.Name, j.size = name, n
	if err := u.jobs.add(j, u.now()); err != nil {
		os.RemoveAll(dir)
		return err
	}
	go u.runJob(j, input)
	http.Redirect(w, r, "/screen/"+j.ID, http.StatusSeeOther)
	return nil
}

// saveInput writes the upload (the form's file, else its pasted text) to
// path and returns the name to show and the size. Pasted text (or a .txt
// file) that is not already CSV with a header or JSON lines is one name a
// line.
func saveInput(r *http.Request, path string) (string, int64, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", 0, tripline.Errorf(tripline.KindInvalid, "expected a form upload (multipart/form-data)")
	}
	f, err := os.Create(path)
	if err != nil {
		return "", 0, internal(err)
	}
	defer f.Close()
	var text []byte
	name := "pasted list"
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", 0, uploadError(err)
		}
		switch {
		case p.FormName() == "file" && p.FileName() != "":
			fn := filepath.Base(p.FileName())
			switch strings.ToLower(filepath.Ext(fn)) {
			case ".csv", ".jsonl", ".json", ".ndjson":
				n, err := io.Copy(f, p)
				if err != nil {
					return "", 0, uploadError(err)
				}
				if n > 0 {
					return fn, n, nil
				}
			case ".txt":
				b, err := io.ReadAll(p)
				if err != nil {
					return "", 0, uploadError(err)
				}
				if len(b) > 0 {
					text, name = b, fn
				}
			default:
				return "", 0, tripline.Errorf(tripline.KindInvalid, "%s: choose a CSV (.csv), JSON-lines (.jsonl) or text (.txt, one name a line) file", fn)
			}
		case p.FormName() == "names" && text == nil:
			b, err := io.ReadAll(p)
			if err != nil {
				return "", 0, uploadError(err)
			}
			text = b
		}
	}
	head := strings.TrimSpace(string(text))
	if head == "" {
		return "", 0, nil
	}
	if strings.HasPrefix(head, "{") || strings.HasPrefix(strings.ToLower(head), "id,") {
		n, err := f.Write(text)
		if err != nil {
			return "", 0, internal(err)
		}
		return name, int64(n), nil
	}
	n, err := writeNames(f, text)
	return name, n, err
}

func internal(err error) error {
	return &tripline.Error{Op: "webui", Kind: tripline.KindInternal, Err: err}
}

// writeNames writes a list of names, one a line, as CSV id,name with the
// line number as the id.
func writeNames(f *os.File, text []byte) (int64, error) {
	bw := bufio.NewWriter(f)
	cw := csv.NewWriter(bw)
	cw.Write([]string{"id", "name"})
	for i, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			continue
		}
		cw.Write([]string{strconv.Itoa(i + 1), line})
	}
	cw.Flush()
	if err := bw.Flush(); err != nil {
		return 0, internal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		return 0, internal(err)
	}
	return fi.Size(), nil
}

func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return &tripline.Error{Kind: tripline.KindInvalid, Msg: "the upload could not be read", Err: err}
}

// runJob screens the input a chunk at a time, writing both result files.
func (u *UI) runJob(j *job, input string) {
	err := u.screenFile(j, input)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.finished = u.now()
	if err != nil {
		j.state, j.err = "failed", tripline.ErrorMessage(err)
		if tripline.ErrorKind(err) == tripline.KindInternal {
			u.logger.Error("screening run failed", "job", j.ID, "err", err)
			j.err = "internal error (logged with run " + j.ID + ")"
		}
		return
	}
	j.state = "done"
}

func (u *UI) screenFile(j *job, input string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &tripline.Error{Op: "webui.screen", Kind: tripline.KindInternal, Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	ctx := context.Background()
	in, err := os.Open(input)
	if err != nil {
		return internal(err)
	}
	defer in.Close()
	counter := &fileutil.Counter{R: in}
	// The name in row errors is the user's; the format comes from the
	// first bytes (a list of names was written as CSV).
	qr, err := tabular.NewQueryReader(counter, j.Name, tabular.FormatAuto)
	if err != nil {
		return err
	}
	jf, err := os.Create(filepath.Join(j.dir, "results.jsonl"))
	if err != nil {
		return internal(err)
	}
	defer jf.Close()
	cf, err := os.Create(filepath.Join(j.dir, "results.csv"))
	if err != nil {
		return internal(err)
	}
	defer cf.Close()
	jw, cbw := bufio.NewWriter(jf), bufio.NewWriter(cf)
	cw := csv.NewWriter(cbw)
	cw.Write(tabular.ResultCSVColumns)
	type row struct {
		q   tripline.Query
		err error
	}
	rows := make([]row, 0, jobChunk)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		var qs []tripline.Query
		for _, r := range rows {
			if r.err == nil {
				qs = append(qs, r.q)
			}
		}
		var res []tripline.Result
		if len(qs) > 0 {
			sc, snaps, err := u.index.Screener()
			if err != nil {
				return err
			}
			if res, err = sc.Screen(ctx, qs, tripline.ScreenOptions{}); err != nil {
				return err
			}
			for i := range res {
				if res[i].Snapshots == nil {
					res[i].Snapshots = snaps
				}
			}
		}
		k, matched := 0, 0
		for _, r := range rows {
			out, rowErr := tripline.Result{ID: r.q.ID}, ""
			if r.err != nil {
				rowErr = r.err.Error()
			} else {
				out = res[k]
				k++
				if len(out.Matches) > 0 {
					matched++
				}
			}
			if err := tabular.WriteResultJSON(jw, out, rowErr); err != nil {
				return internal(err)
			}
			if err := tabular.WriteResultCSV(cw, out, rowErr); err != nil {
				return internal(err)
			}
		}
		j.mu.Lock()
		j.rows += len(rows)
		j.matched += matched
		j.read = counter.N
		j.mu.Unlock()
		rows = rows[:0]
		return nil
	}
	for {
		q, err := qr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !tabular.IsRowError(err) {
			return err
		}
		if err != nil {
			j.mu.Lock()
			j.bad++
			if j.firstBad == "" {
				j.firstBad = tripline.ErrorMessage(err)
			}
			j.mu.Unlock()
		}
		rows = append(rows, row{q, err})
		if len(rows) == jobChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return internal(err)
	}
	if err := cbw.Flush(); err != nil {
		return internal(err)
	}
	if err := jw.Flush(); err != nil {
		return internal(err)
	}
	return nil
}

type jobData struct {
	jobStatus
	Running bool
}

func (u *UI) screenJob(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, err := u.jobs.get(r.PathValue("job"), ownerOf(rq))
	if err != nil {
		return err
	}
	st := j.status(u.now())
	u.render(w, r, rq, http.StatusOK, "screen.html", "Screening "+st.Name, jobData{jobStatus: st, Running: st.State == "running"})
	return nil
}

func (u *UI) screenStatus(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, err := u.jobs.get(r.PathValue("job"), ownerOf(rq))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(j.status(u.now()))
}

func (u *UI) screenResults(w http.ResponseWriter, r *http.Request, rq *request) error {
	j, err := u.jobs.get(r.PathValue("job"), ownerOf(rq))
	if err != nil {
		return err
	}
	ext, ok := strings.CutPrefix(r.PathValue("file"), "results.")
	if !ok || ext != "jsonl" && ext != "csv" {
		return tripline.Errorf(tripline.KindNotFound, "results come as results.jsonl or results.csv")
	}
	if st := j.status(u.now()); st.State != "done" {
		return tripline.Errorf(tripline.KindConflict, "the run is %s; the results can be downloaded once it is done", st.State)
	}
	f, err := os.Open(filepath.Join(j.dir, "results."+ext))
	if err != nil {
		return internal(err)
	}
	defer f.Close()
	ct := "application/x-ndjson"
	if ext == "csv" {
		ct = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "tripline-screen-" + j.ID + "." + ext}))
	_, err = io.Copy(w, f)
	return err
}
