package main

import (
	"context"
	"io"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/httpapi"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/notify"
)

// serveMetrics are the metrics "tripline serve" adds to the server's
// registry beyond request latency: batch throughput (this replica's),
// the queue's depth by kind and state, snapshot age per source served,
// alerts by book and status, and webhook lag (both from the database, so every replica reports the
// same deployment-wide figures).
type serveMetrics struct {
	batchRows   prometheus.Counter
	batchShards prometheus.Counter
	shardTime   prometheus.Histogram
}

func newServeMetrics(reg *prometheus.Registry, st tripline.Store, fr *fresh, q func() *jobs.Queue) *serveMetrics {
	m := &serveMetrics{
		batchRows:   prometheus.NewCounter(prometheus.CounterOpts{Name: "tripline_batch_rows_total", Help: "Batch job rows screened and stored by this replica."}),
		batchShards: prometheus.NewCounter(prometheus.CounterOpts{Name: "tripline_batch_shards_total", Help: "Batch job shards screened and stored by this replica."}),
		shardTime: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tripline_batch_shard_duration_seconds", Help: "Time to take, screen and store one batch shard.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 12)}),
	}
	reg.MustRegister(m.batchRows, m.batchShards, m.shardTime, &dbCollector{st: st, fr: fr, q: q})
	return m
}

func (m *serveMetrics) onShard(rows int, took time.Duration) {
	m.batchRows.Add(float64(rows))
	m.batchShards.Inc()
	m.shardTime.Observe(took.Seconds())
}

var (
	descJobs       = prometheus.NewDesc("tripline_jobs", "Jobs kept in the durable queue, by kind, queue and state (finished ones are kept a day).", []string{"kind", "queue", "state"}, nil)
	descSnapAge    = prometheus.NewDesc("tripline_snapshot_age_seconds", "Seconds since the snapshot this replica serves of a source was imported.", []string{"source"}, nil)
	descListening  = prometheus.NewDesc("tripline_snapshot_listening", "1 while this replica hears of new snapshots at once (LISTEN), 0 while it polls.", nil, nil)
	descWebhookLag = prometheus.NewDesc("tripline_webhook_lag_seconds", "Age of the oldest event not yet delivered to every webhook that wants it (0 when none waits).", nil, nil)
	descAlerts     = prometheus.NewDesc("tripline_alerts", "Alerts of the monitored books, by book and status.", []string{"book", "status"}, nil)
	descScrapeErr  = prometheus.NewDesc("tripline_metrics_scrape_errors", "1 when a figure read from the database at this scrape could not be read (the database is down).", []string{"figure"}, nil)
)

// dbCollector reads its figures at scrape time, each bounded by 2 s so
// that a scrape answers while the database is away.
type dbCollector struct {
	st tripline.Store
	fr *fresh
	q  func() *jobs.Queue
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descJobs, descSnapAge, descListening, descWebhookLag, descAlerts, descScrapeErr} {
		ch <- d
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	failed := func(figure string, err error) {
		v := 0.0
		if err != nil {
			v = 1
		}
		ch <- prometheus.MustNewConstMetric(descScrapeErr, prometheus.GaugeValue, v, figure)
	}
	if c.fr != nil {
		for src, age := range c.fr.snapshotAges() {
			ch <- prometheus.MustNewConstMetric(descSnapAge, prometheus.GaugeValue, age, src)
		}
		l := 0.0
		if c.fr.listening.Load() {
			l = 1
		}
		ch <- prometheus.MustNewConstMetric(descListening, prometheus.GaugeValue, l)
	}
	if ac, ok := c.st.(interface {
		AlertCounts(context.Context) ([]tripline.AlertCount, error)
	}); ok {
		cs, err := ac.AlertCounts(ctx)
		failed("alerts", err)
		for _, a := range cs {
			ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.GaugeValue, float64(a.N), a.Book, a.Status)
		}
	}
	q := c.q()
	if q == nil {
		return
	}
	ds, err := q.Depths(ctx)
	failed("jobs", err)
	for _, d := range ds {
		ch <- prometheus.MustNewConstMetric(descJobs, prometheus.GaugeValue, float64(d.N), d.Kind, d.Queue, string(d.State))
	}
	lag, err := webhookLag(ctx, c.st, q)
	failed("webhook_lag", err)
	if err == nil {
		ch <- prometheus.MustNewConstMetric(descWebhookLag, prometheus.GaugeValue, lag.Seconds())
	}
}

// webhookLag is the age of the oldest event still on its way: not yet
// dispatched from the outbox, or dispatched and not yet delivered.
func webhookLag(ctx context.Context, st tripline.Store, q *jobs.Queue) (time.Duration, error) {
	ns, ok := st.(notify.Store)
	if !ok {
		return 0, nil
	}
	var oldest time.Time
	hooks, err := ns.Webhooks(ctx)
	if err != nil {
		return 0, err
	}
	if len(hooks) > 0 {
		cur, err := ns.EventCursor(ctx, notify.Cursor)
		if err != nil {
			return 0, err
		}
		evs, err := ns.EventsAfter(ctx, cur, 1)
		if err != nil {
			return 0, err
		}
		if len(evs) > 0 {
			oldest = evs[0].CreatedAt
		}
	}
	pend, err := q.List(ctx, jobs.Filter{Kinds: []string{notify.KindDeliver}, States: jobs.Unfinished, Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(pend) > 0 && (oldest.IsZero() || pend[0].CreatedAt.Before(oldest)) {
		oldest = pend[0].CreatedAt
	}
	if oldest.IsZero() {
		return 0, nil
	}
	return time.Since(oldest), nil
}

// serverJobs is the /v1/jobs wiring of a server on st: submissions are
// enqueued through a queue of their own that works nothing.
func serverJobs(st tripline.Store) (*httpapi.Jobs, error) {
	bs, ok := st.(tripline.BatchStore)
	if !ok {
		return nil, nil
	}
	q, err := jobs.Open(st, jobs.Config{})
	if err != nil {
		return nil, err
	}
	return &httpapi.Jobs{
		Store: bs,
		Submit: func(ctx context.Context, in io.Reader, name, format string, opt tripline.ScreenOptions, by string) (tripline.BatchJob, error) {
			f, err := tabular.ParseFormat(format)
			if err != nil {
				return tripline.BatchJob{}, err
			}
			if err := checkJobSources(ctx, st, opt.Sources); err != nil {
				return tripline.BatchJob{}, err
			}
			return batch.Submit(ctx, bs, q, batch.Submission{Input: in, Name: name, Format: f, Options: opt, By: by}, batch.Config{})
		},
		SubmitCheck: func(ctx context.Context, in io.Reader, name, format string, store bool, by string) (tripline.BatchJob, error) {
			f, err := tabular.ParseFormat(format)
			if err != nil {
				return tripline.BatchJob{}, err
			}
			return batch.Submit(ctx, bs, q, batch.Submission{Kind: batch.KindCheck, Input: in, Name: name, Format: f, NoStore: !store, By: by}, batch.Config{})
		},
		Results: func(ctx context.Context, id int64, w io.Writer) error { return batch.Results(ctx, bs, id, w) },
	}, nil
}
