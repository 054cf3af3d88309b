package webui

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/decide"
	"github.com/tripline/tripline/demo"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/internal/country"
	jobqueue "github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/monitor"
	"github.com/tripline/tripline/osint"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/transfer"
)

// fixture is a real server on loopback port 0 — SQLite store, matching
// index, checker, network graph, API and web interface wired as `tripline
// serve` wires them — over the bundled fictional demo lists and the
// fictional network records of testdata/network.
type fixture struct {
	srv   *httpapi.Server
	ui    *UI
	store *sqlite.Store
	url   string
}

type fixtureOptions struct {
	// lists are list folders to import instead of the demo lists.
	lists []string
	// network is a folder of network records (default testdata/network).
	network string
	// requireKeys makes the server require keys, as beyond loopback.
	requireKeys bool
	// noBook leaves out the book of customers the fixture screens.
	noBook bool
	// noWatches leaves out the watches fired by the demo SDN's second
	// snapshot.
	noWatches bool
	// jobs enables /v1/jobs and the batch page, with this process's
	// workers screening the shards (as tripline serve runs them).
	jobs bool
}

// batchShardRows is the fixture's shard size: small, so that a short
// file makes several shards.
const batchShardRows = 3

// startJobs wires srv's /v1/jobs over st with a queue whose workers
// screen with live, as tripline serve does, and stops them at cleanup.
func startJobs(t testing.TB, srv *httpapi.Server, st *sqlite.Store, live *match.Live) {
	t.Helper()
	q, err := jobqueue.Open(st, jobqueue.Config{PollInterval: 50 * time.Millisecond, Queues: map[string]int{jobqueue.QueueDefault: 1, batch.Queue: 2}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := batch.Config{ShardRows: batchShardRows}
	if _, err := batch.Register(q, st, func(context.Context) (tripline.Screener, error) {
		sc, _, err := live.Screener()
		return sc, err
	}, cfg); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		sctx, c := context.WithTimeout(context.Background(), 10*time.Second)
		defer c()
		q.Stop(sctx)
	})
	srv.Jobs = &httpapi.Jobs{
		Store: st,
		Submit: func(ctx context.Context, in io.Reader, name, format string, opt tripline.ScreenOptions, by string) (tripline.BatchJob, error) {
			f, err := tabular.ParseFormat(format)
			if err != nil {
				return tripline.BatchJob{}, err
			}
			return batch.Submit(ctx, st, q, batch.Submission{Input: in, Name: name, Format: f, Options: opt, By: by}, cfg)
		},
		Results: func(ctx context.Context, id int64, w io.Writer) error { return batch.Results(ctx, st, id, w) },
	}
}

// watchDemo adds four watches and fires the three of listed records on
// the change from the demo SDN list's first snapshot to its second, as an
// import would (the country pair fires on the register's events, after).
func watchDemo(t testing.TB, st *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	for _, w := range []tripline.Watch{
		{Kind: tripline.WatchEntity, Value: "demo-ofac-sdn:90005", Label: "Moradi's record"},
		{Kind: tripline.WatchName, Value: "Nova Spectrum Electronics"},
		{Kind: tripline.WatchCountry, Value: "KP", Sources: []string{"demo-ofac-sdn"}},
		{Kind: tripline.WatchCountryPair, Value: "IR:VE", Label: "Iran to Venezuela"},
	} {
		if _, err := st.AddWatch(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	snaps, err := st.Snapshots(ctx, "demo-ofac-sdn")
	if err != nil || len(snaps) < 2 {
		t.Fatalf("demo-ofac-sdn snapshots: %v %v", snaps, err)
	}
	sort.Slice(snaps, func(i, j int) bool { return snaps[i].ID < snaps[j].ID })
	m := monitor.New(st, monitor.Config{})
	if _, err := m.Fire(ctx, st, "demo-ofac-sdn", snaps[len(snaps)-2].ID, snaps[len(snaps)-1].ID); err != nil {
		t.Fatal(err)
	}
}

func newFixture(t testing.TB, opt fixtureOptions) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if len(opt.lists) == 0 {
		if err := demo.Extract(filepath.Join(dir, "demo")); err != nil {
			t.Fatal(err)
		}
		for _, d := range demo.Datasets {
			importList(t, st, filepath.Join(dir, "demo", d.Dir), d.Source)
		}
	} else {
		for _, l := range opt.lists {
			importList(t, st, l, "")
		}
	}
	net := opt.network
	if net == "" {
		net = filepath.Join("testdata", "network")
	}
	paths, err := tabular.NetworkFiles([]string{net})
	if err != nil {
		t.Fatal(err)
	}
	recs, _, err := tabular.ReadNetworkFiles(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportNetwork(ctx, recs, tripline.NetworkReplace); err != nil {
		t.Fatal(err)
	}
	if !opt.noBook {
		parties := []tripline.BookParty{
			{ID: "cust-1", Name: "Kaveh Sanat Arya Co", Type: "organization", Country: "IR"},
			{ID: "cust-2", Name: "Farhad MORADI", Type: "person", Country: "IR", BirthDate: "1971-03-14", Identifiers: []tripline.Identifier{{Type: "passport", Value: "K48213977"}}},
			{ID: "cust-3", Name: "Golden Crescent Gen. Trading", Country: "AE"},
			{ID: "cust-4", Name: "Westlake Automation GmbH", Country: "DE"},
		}
		if _, err := monitor.New(st, monitor.Config{}).ImportBook(ctx, "customers", parties); err != nil {
			t.Fatal(err)
		}
	}
	watching := !opt.noWatches && len(opt.lists) == 0
	if watching {
		watchDemo(t, st)
	}
	importTransfers(t, st)
	if watching {
		// the country-pair watch fires on the register's and the
		// article's events
		if _, err := (&monitor.Evaluator{Store: st}).Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	live := match.NewLive(st, nil, logger)
	srv := httpapi.NewServer(httpapi.Config{Addr: "127.0.0.1:0", ReloadInterval: -1, RequireKeys: opt.requireKeys}, st, live, logger)
	cat, err := goods.Default()
	if err != nil {
		t.Fatal(err)
	}
	env, err := decide.NewEnv(cat)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := env.Rules()
	if err != nil {
		t.Fatal(err)
	}
	srv.Checker = decide.New(live, env, rs)
	srv.Networks = &graph.Live{Source: graph.Source{Lists: st, Records: st, Options: graph.Options{CountryName: country.Name, CountryCode: country.Code}}}
	srv.Keys = st
	if opt.jobs {
		startJobs(t, srv, st, live)
	}
	if err := Mount(srv); err != nil {
		t.Fatal(err)
	}
	if _, err := live.Reload(ctx, true); err != nil {
		t.Fatal(err)
	}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Close(ctx)
	})
	return &fixture{srv: srv, ui: srv.UI.(*UI), store: st, url: srv.URL()}
}

func importList(t testing.TB, st tripline.Store, path, source string) {
	t.Helper()
	ctx := context.Background()
	jobs, _, err := ingest.Plan([]string{path}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) == 0 {
		t.Fatalf("%s: no list found", path)
	}
	for _, j := range jobs {
		ds, err := ingest.Read(ctx, j, ingest.Options{Source: source})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.Import(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
}

// importTransfers imports the fictional demo register (as tripline
// transfers demo does) and ingests the fictional articles of
// testdata/articles with the screening index of the lists imported.
func importTransfers(t testing.TB, st *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	ts, err := sipri.Read(bytes.NewReader(transfer.DemoRegister()), "demo-register.csv")
	if err != nil {
		t.Fatal(err)
	}
	ts.Source = "demo"
	for _, tr := range ts.Transfers {
		tr.ID = "demo" + strings.TrimPrefix(tr.ID, sipri.Source)
		tr.Source = "demo"
	}
	transfer.MustDefault().Link(ts)
	if _, _, err := st.ImportTransfers(ctx, ts); err != nil {
		t.Fatal(err)
	}
	register, _, err := st.Transfers(ctx, tripline.TransferFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sc, _, err := match.Load(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	nm, err := osint.NewNames(func(fn func(*tripline.Entity) error) error { return st.EachEntity(ctx, tripline.EntityFilter{}, fn) })
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	var docs []*osint.Doc
	for _, p := range paths {
		d, err := osint.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	x := osint.NewExtractor(transfer.MustDefault(), sc, nm, register)
	if _, err := x.Ingest(ctx, st, docs, func(r osint.Result) {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Source, r.Err)
		}
	}); err != nil {
		t.Fatal(err)
	}
}

// client is a browser-like HTTP client: cookies kept, redirects not
// followed (so tests see them).
func (f *fixture) client(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// get fetches path and returns the status and body.
func get(t testing.TB, c *http.Client, u string) (int, string, http.Header) {
	t.Helper()
	// as a browser asks (GET /entities/{id} is also yente's JSON endpoint,
	// answered as HTML to a client that asks for it)
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// csrfOf returns the CSRF cookie the client holds for the fixture.
func (f *fixture) csrfOf(t testing.TB, c *http.Client) string {
	u, _ := url.Parse(f.url)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == csrfCookie {
			return ck.Value
		}
	}
	t.Fatal("no CSRF cookie")
	return ""
}

func postForm(t testing.TB, c *http.Client, u string, v url.Values, origin string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("POST", u, strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}
