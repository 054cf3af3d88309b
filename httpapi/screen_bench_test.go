package httpapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/match/indexfile"
	"github.com/tripline/tripline/sqlite"
)

// benchServer is a server on the lists of the database named by
// TRIPLINE_BENCH_DB (all ten lists: tripline --db FILE import
// ../shared/data/lists; its index file is read from FILE.index/ when
// there), else on the fictional test dataset, and the names to screen:
// the dev set's when ../shared is there.
func benchServer(b *testing.B) (*httpapi.Server, []string) {
	b.Helper()
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	var st *sqlite.Store
	var err error
	dir := ""
	if p := os.Getenv("TRIPLINE_BENCH_DB"); p != "" {
		st, err = sqlite.Open(ctx, p)
		dir = p + ".index"
	} else {
		st, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "api.db"))
		if err == nil {
			_, _, err = st.Import(ctx, testDataset())
		}
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	live := match.NewLive(st, func(ctx context.Context) (tripline.Screener, []tripline.Snapshot, error) {
		s, held, _, err := indexfile.Load(ctx, st, nil, match.DefaultConfig(), dir)
		return s, held, err
	}, logger)
	if _, err := live.Reload(ctx, true); err != nil {
		b.Fatal(err)
	}
	srv := httpapi.NewServer(httpapi.Config{}, st, live, logger)
	srv.Metrics = httpapi.NewMetrics()
	names := []string{"Zagros Avionics Trading", "Kaveh Mohammadi", "Sea Sparrow", "Golden Crescent General Trading FZCO", "Schmidt Bakery Supplies GmbH"}
	if f, err := os.Open(filepath.Join("..", "..", "shared", "eval", "screening-dev", "queries.csv")); err == nil {
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err == nil && len(recs) > 1 {
			names = names[:0]
			for _, r := range recs[1:] {
				names = append(names, r[1])
			}
		}
	}
	return srv, names
}

// discardWriter is a ResponseWriter that keeps the status and drops the
// body, so that the benchmark measures the server's work only.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.status = code }
func (w *discardWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// The deadlines a server's connection takes (http.ResponseController).
func (w *discardWriter) SetReadDeadline(time.Time) error  { return nil }
func (w *discardWriter) SetWriteDeadline(time.Time) error { return nil }

// BenchmarkScreenRequest: one single-query POST /v1/screen through the
// server's handler (routing, the request wrapper, decoding, screening,
// encoding, metrics), a dev-set name a request; BenchmarkScreenMatcher
// screens the same names with the matcher alone, so that the difference
// is what the API adds around it. With TRIPLINE_BENCH_DB the index is
// that of all lists:
//
//	TRIPLINE_BENCH_DB=/tmp/all.db go test ./httpapi -run '^$' -bench 'Screen(Request|Matcher)' -benchmem -cpu 1
func BenchmarkScreenRequest(b *testing.B) {
	srv, names := benchServer(b)
	h := srv.Handler()
	bodies := make([][]byte, len(names))
	for i, n := range names {
		bodies[i], _ = json.Marshal(httpapi.ScreenRequest{Queries: []tripline.Query{{ID: "q", Name: n}}})
	}
	w := &discardWriter{h: http.Header{}}
	rd := bytes.NewReader(nil)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		rd.Reset(bodies[i%len(bodies)])
		r, _ := http.NewRequest("POST", "/v1/screen", io.NopCloser(rd))
		r.RemoteAddr = "127.0.0.1:1234"
		r.Header.Set("Content-Type", "application/json")
		clear(w.h)
		w.status = 0
		h.ServeHTTP(w, r)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
	reportCPU(b, c0)
}

func BenchmarkScreenMatcher(b *testing.B) {
	srv, names := benchServer(b)
	sc, _, err := srv.Index.Screener()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := sc.Screen(ctx, []tripline.Query{{ID: "q", Name: names[i%len(names)]}}, tripline.ScreenOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0)
}

// cpuTime is the process's CPU time (user+sys), steadier than wall time
// on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, c0 time.Duration) {
	b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/1e3/float64(b.N), "cpu-µs/op")
}

// TestScreenResponseLength: a screening answer larger than net/http's
// buffer comes with its Content-Length, not chunked.
func TestScreenResponseLength(t *testing.T) {
	f := newFixture(t, true)
	var qs []tripline.Query
	for i := 0; i < 50; i++ {
		qs = append(qs, tripline.Query{ID: strconv.Itoa(i), Name: "Zagros Avionics Trading"})
	}
	body, _ := json.Marshal(httpapi.ScreenRequest{Queries: qs})
	resp, err := http.Post(f.ts.URL+"/v1/screen", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	var sr httpapi.ScreenResponse
	if resp.StatusCode != 200 || json.Unmarshal(got, &sr) != nil || len(sr.Results) != 50 || len(sr.Results[49].Matches) == 0 {
		t.Fatalf("%d %.300s", resp.StatusCode, got)
	}
	if len(got) < 8<<10 || resp.ContentLength != int64(len(got)) || len(resp.TransferEncoding) != 0 {
		t.Errorf("%d bytes, Content-Length %d, Transfer-Encoding %v", len(got), resp.ContentLength, resp.TransferEncoding)
	}
}

// TestSingleQueryAsBatch: a request of one query (screened on the
// handler's goroutine) answers each name as the same query does inside a
// batch (Screen's workers), options and all.
func TestSingleQueryAsBatch(t *testing.T) {
	f := newFixture(t, true)
	post := func(req httpapi.ScreenRequest) []json.RawMessage {
		t.Helper()
		body, _ := json.Marshal(req)
		resp, err := http.Post(f.ts.URL+"/v1/screen", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct{ Results []json.RawMessage }
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%d %v", resp.StatusCode, err)
		}
		return out.Results
	}
	qs := []tripline.Query{
		{ID: "a", Name: "Zagros Avionics Trading"},
		{ID: "b", Name: "Kaveh Mohammadi", Type: "person", BirthDate: "1971"},
		{ID: "c", Name: "SEA SPARROW", Identifiers: []tripline.Identifier{{Type: "imo", Value: "9100001"}}},
		{ID: "d", Name: "Schmidt Bakery Supplies"},
		{ID: "e", Name: "ZATCO"},
	}
	matched := 0
	for _, opt := range []httpapi.ScreenRequest{{}, {Threshold: 0.5, Limit: 1}, {Sources: []string{"test"}}} {
		req := opt
		req.Queries = qs
		batch := post(req)
		for i, q := range qs {
			req.Queries = []tripline.Query{q}
			one := post(req)
			if len(one) != 1 || string(one[0]) != string(batch[i]) {
				t.Errorf("%+v %s alone:\n%s\nin a batch:\n%s", opt, q.Name, one, batch[i])
			}
			if bytes.Contains(one[0], []byte(`"score"`)) {
				matched++
			}
		}
	}
	if matched < 6 {
		t.Errorf("only %d answers with a match", matched)
	}
}
