package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/decide"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/webui"
)

func init() {
	register(&command{Name: "serve", Summary: "serve the JSON HTTP API (screening, search, imports, yente /match)", Run: runServe})
}

const serveUsage = `
Usage:
  tripline serve [--addr 127.0.0.1:8080] [flags]

Serves the JSON API over the current snapshots of every imported list:
  POST /v1/screen        screen one or many parties
  GET  /v1/search?q=     interactive search
  GET  /v1/entities/ID   a listed entity with its source record and links
  GET  /v1/sources       sources, snapshots, counts
  POST /v1/imports       import a list file (with the guards of "tripline
                         import") and swap the index atomically
  POST /match/default    OpenSanctions yente-compatible matching; yente's
                         GET /search/default?q=, /entities/ID, /catalog,
                         /algorithms too (docs/interop.md)
  GET|POST /reconcile    reconciliation service for OpenRefine (docs/reconcile.md)
  POST /v1/check         check an order or shipment (parties, goods, red flags)
  GET  /v1/graph/risk    companies of "tripline graph import" ranked by risk
  GET  /v1/graph/entities/ID  a network neighbourhood as nodes and edges
  GET  /v1/graph/export  the network as GraphML or GEXF (?format=gexf)
  GET  /v1/alerts        alerts of the monitored books (cursor pages)
  GET  /v1/alerts/ID     one alert
  GET|POST /v1/watches   watches; DELETE /v1/watches/ID, GET /v1/watches/ID/fires
  POST /v1/jobs          submit a batch screening job (see "tripline jobs")
  GET  /v1/jobs/ID[/results]  a job's progress; its result lines
  GET  /healthz /readyz /openapi.json /metrics
  GET  /                 the web interface (search, entities and networks,
                         alerts and their cases, batch jobs, books,
                         watches, order check, transfers, systems,
                         articles, sources), same keys as the API

New snapshots imported by "tripline import" (or through another replica) into
the same database are picked up at once on PostgreSQL (LISTEN/NOTIFY), else
within --reload. The server's workers screen batch jobs' shards
(--batch-workers), shared with every replica on the database, deliver
webhooks (see "tripline webhooks") and, with --update-every, download and
import the official lists on a schedule, once per period across all
replicas. A list imported through
the API rescreens the books (see "tripline book") before the request
returns; on start the server resumes a rescreen that an earlier process
left unfinished. Binding beyond loopback requires API keys (see "tripline
keys"). Once any key exists, writes (POST /v1/imports, watches) need a key
with their role, on loopback too. Names are limited to 1024 bytes and 40
words, a request to 1000 queries; slow request bodies are cut off at the
request timeout. SIGINT/SIGTERM shut down gracefully, finishing requests
and jobs in flight.

Examples:
  tripline serve --update-every 6h
  tripline serve --addr 127.0.0.1:8080 &
  curl -s localhost:8080/v1/screen -d '{"queries":[{"name":"Qods Aviation Industries"}]}'
`

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", serveUsage)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	reload := fs.Duration("reload", 10*time.Second, "how often to look for new snapshots (0 disables)")
	requireKeys := fs.Bool("require-keys", false, "require API keys even on loopback")
	maxBody := fs.Int64("max-body", 4<<20, "request body limit in bytes (imports: --max-import)")
	maxImport := fs.Int64("max-import", 1<<30, "import body limit in bytes")
	verbose := fs.Bool("v", false, "log every request")
	logFormat := fs.String("log-format", "text", "log lines as text or json (one JSON object a line, for log collectors)")
	var jo serveJobs
	fs.DurationVar(&jo.UpdateEvery, "update-every", 0, "download and import the official lists (\"lists update\") this often, e.g. 6h; one replica runs each (0: never)")
	fs.StringVar(&jo.UpdateOnly, "update-only", "", "with --update-every: only these comma-separated sources")
	fs.StringVar(&jo.UpdateBaseURL, "update-base-url", "", "with --update-every: download from this mirror (as lists update --base-url)")
	batchWorkers := fs.Int("batch-workers", 2, "batch shards (tripline jobs) this replica screens at once (0: none)")
	shardLease := fs.Duration("shard-lease", 30*time.Second, "how long a batch shard stays with a replica that stopped renewing it before another takes it over")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return tripline.Errorf(tripline.KindInvalid, "serve takes no arguments (got %q)", fs.Arg(0))
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	var logger *slog.Logger
	switch *logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: level}))
	case "json":
		logger = slog.New(slog.NewJSONHandler(m.Stderr, &slog.HandlerOptions{Level: level}))
	default:
		return tripline.Errorf(tripline.KindInvalid, "--log-format must be text or json, not %q", *logFormat)
	}
	srv, err := m.newServer(ctx, httpapi.Config{Addr: *addr, ReloadInterval: *reload, RequireKeys: *requireKeys, MaxBodyBytes: *maxBody, MaxImportBytes: *maxImport}, logger)
	if err != nil {
		return err
	}
	fr := newFresh(srv.Store, srv.Index, srv.Config.ReloadInterval, logger)
	srv.Readiness = fr.readiness
	srv.Metrics = httpapi.NewMetrics()
	if srv.Jobs, err = serverJobs(srv.Store); err != nil {
		return err
	}
	var queue atomic.Pointer[jobs.Queue]
	met := newServeMetrics(srv.Metrics.Registry, srv.Store, fr, queue.Load)
	jo.OnStart = queue.Store
	fr.onSwap = func(ctx context.Context, served []tripline.Snapshot) {
		enqueueRescreen(ctx, queue.Load(), srv.Store, served, logger)
	}
	if err := srv.Open(); err != nil {
		return err
	}
	logger.Info("listening", "url", srv.URL(), "db", m.dbName(), "keys_required", srv.Config.RequireKeys)
	go func() {
		if _, err := srv.Index.Reload(ctx, true); err != nil {
			logger.Error("cannot load the screening index", "err", err)
		}
		m.resumeRescreens(ctx, logger)
		fr.run(ctx) // new snapshots: LISTEN/NOTIFY on PostgreSQL, polling every --reload
	}()
	if *batchWorkers > 0 {
		jo.Batch = &serveBatch{Workers: *batchWorkers, Lease: *shardLease, OnShard: met.onShard, Screener: liveScreener(func() (tripline.Screener, error) {
			sc, _, err := srv.Index.Screener()
			return sc, err
		})}
		if c, ok := srv.Checker.(batch.Checker); ok {
			jo.Batch.Checker = c
		}
	}
	stopJobs, err := m.startJobs(ctx, srv.Store, jo, logger)
	if err != nil {
		srv.Close(context.Background())
		return err
	}
	if m.ServeReady != nil {
		m.ServeReady(srv)
	}
	<-ctx.Done()
	logger.Info("shutting down; finishing requests and jobs in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = errors.Join(srv.Close(sctx), stopJobs(sctx))
	// An index file still being written is finished, not left for the
	// next start to rebuild.
	m.indexWrites()
	return err
}

// newServer wires the HTTP API to the store, the matching engine and the
// importer.
func (m *Main) newServer(ctx context.Context, cfg httpapi.Config, logger *slog.Logger) (*httpapi.Server, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ec := newEntityCache(st) // reloads read only the snapshots that changed (fresh.go)
	ec.dir, ec.logger = m.indexDir(), logger
	m.indexWrites = ec.wait
	live := match.NewLive(st, ec.load, logger)
	srv := httpapi.NewServer(cfg, st, live, logger)
	env, rs, err := loadDecide("", "")
	if err != nil {
		return nil, err
	}
	// The checker screens parties on whatever index is current when the
	// request arrives, so checks follow list swaps like screening does.
	chk := decide.New(live, env, rs)
	// Checks read and extend the stored book of orders, as tripline
	// check does: history rules look across the orders of the API, the
	// jobs and the CLI alike.
	if ob, ok := st.(tripline.OrderBook); ok {
		chk.History = decide.NewHistory()
		chk.History.Book = ob
	}
	srv.Checker = chk
	srv.Networks = networksFor(st)
	srv.SourceInfo = func(id string) (tripline.SourceInfo, bool) {
		src, ok := ingest.OfficialSource(id)
		return src.Info(), ok
	}
	if ks, ok := st.(tripline.KeyStore); ok {
		srv.Keys = ks
	}
	// POST /v1/imports takes the guarded import path of the CLI, with the
	// monitoring rescreen on its after-commit hook.
	if srv.Importer, err = m.importerOn(st, true, false); err != nil {
		return nil, err
	}
	if host, _, err := net.SplitHostPort(cfg.Addr); err == nil && host != "" && host != "localhost" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			if srv.Keys == nil {
				return nil, tripline.Errorf(tripline.KindInvalid, "binding %s beyond loopback requires API keys, and this store keeps none", cfg.Addr)
			}
		}
	}
	if err := webui.Mount(srv); err != nil {
		return nil, err
	}
	return srv, nil
}
