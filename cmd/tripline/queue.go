package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/batch"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/download"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/notify"
)

// The job queue of this binary: every kind it works, registered in one
// place so that "serve" and the commands that drain deliveries agree.

// kindListsUpdate is the job of a scheduled "lists update".
const kindListsUpdate = "lists.update"

// listsUpdateArgs are a scheduled update's flags.
type listsUpdateArgs struct {
	Only    string `json:"only,omitempty"`
	BaseURL string `json:"base_url,omitempty"`
}

func (listsUpdateArgs) Kind() string { return kindListsUpdate }

// listsUpdateTimeout bounds one scheduled update (every list downloaded
// and imported); the queue's rescue delay (1 h) stays above it.
const listsUpdateTimeout = 50 * time.Minute

// queueConfig is the queue of every process: list updates (and later
// rescreens) one at a time, deliveries four at a time.
func queueConfig(logger *slog.Logger) jobs.Config {
	return jobs.Config{Logger: logger, Queues: map[string]int{jobs.QueueDefault: 1, notify.QueueName: 4}}
}

// openQueue opens the store's job queue with this binary's workers.
func (m *Main) openQueue(st tripline.Store, logger *slog.Logger) (*jobs.Queue, *notify.Notifier, error) {
	return m.openQueueConfig(st, queueConfig(logger), logger)
}

// openQueueConfig is openQueue with the queue's configuration given.
func (m *Main) openQueueConfig(st tripline.Store, cfg jobs.Config, logger *slog.Logger) (*jobs.Queue, *notify.Notifier, error) {
	ns, ok := st.(notify.Store)
	if !ok {
		return nil, nil, tripline.Errorf(tripline.KindInvalid, "this store keeps no webhooks")
	}
	q, err := jobs.Open(st, cfg)
	if err != nil {
		return nil, nil, err
	}
	n, err := notify.New(ns, q, notify.Config{Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	err = jobs.Handle(q, func(ctx context.Context, j *jobs.Job[listsUpdateArgs]) error {
		return m.scheduledUpdate(ctx, st, j.Args, logger)
	}, jobs.WorkerOptions{MaxAttempts: 3, Timeout: listsUpdateTimeout, Backoff: func(int) time.Duration { return 10 * time.Minute }})
	if err != nil {
		return nil, nil, err
	}
	return q, n, nil
}

// scheduledUpdate is "lists update" as a job: the library's downloader
// and the guarded import path (ingest.Importer.Update) on st, with the
// monitoring rescreen on its after-commit hook like every import. Each
// source's outcome goes to the log, and the whole report is kept as the
// job's output.
func (m *Main) scheduledUpdate(ctx context.Context, st tripline.Store, a listsUpdateArgs, logger *slog.Logger) error {
	sources, err := selectLists(a.Only)
	if err != nil {
		return err
	}
	client, err := download.New(a.BaseURL)
	if err != nil {
		return err
	}
	im, err := m.importerOn(st, true, false)
	if err != nil {
		return err
	}
	logger.Info("scheduled list update started", "only", a.Only)
	report, err := im.Update(ctx, client, sources, "", ingest.ImportOptions{}, func(r ingest.UpdateResult) {
		attrs := []any{"source", r.Source, "downloaded_bytes", r.Downloaded}
		if r.Import != nil {
			attrs = append(attrs, "snapshot", r.Import.SnapshotID, "created", r.Import.Created, "entities", r.Import.Entities)
			for _, n := range r.Import.Observed {
				logger.Info("scheduled list update: after the import", "source", r.Source, "note", n)
			}
			for _, e := range r.Import.ObserverErrors {
				logger.Warn("scheduled list update: an after-commit step failed", "source", r.Source, "err", e)
			}
		}
		if r.Error != "" {
			logger.Warn("scheduled list update: source failed", append(attrs, "err", r.Error)...)
		} else {
			logger.Info("scheduled list update", attrs...)
		}
	})
	if report != nil {
		jobs.RecordOutput(ctx, report)
	}
	if err == nil {
		err = updateFailure(report)
	}
	if err != nil {
		logger.Warn("scheduled list update finished with failures", "err", err)
		return err
	}
	logger.Info("scheduled list update finished", "sources", len(report))
	return nil
}

// serveJobs is the job machinery of "tripline serve".
type serveJobs struct {
	UpdateEvery   time.Duration
	UpdateOnly    string
	UpdateBaseURL string
	// Batch, when set, makes this process work batch shards (jobs.go).
	Batch *serveBatch
	// OnStart, when set, is given the queue once its workers run.
	OnStart func(*jobs.Queue)
}

// startJobs starts this process's workers, the webhook dispatcher and, if
// asked, the scheduled list updates; the returned function stops them
// gracefully.
func (m *Main) startJobs(ctx context.Context, st tripline.Store, o serveJobs, logger *slog.Logger) (stop func(context.Context) error, err error) {
	if _, ok := st.(jobs.SQLDB); !ok {
		if _, ok := st.(jobs.PgxPool); !ok {
			return func(context.Context) error { return nil }, nil
		}
	}
	if o.UpdateEvery < 0 || (o.UpdateEvery > 0 && o.UpdateEvery < time.Minute) {
		return nil, tripline.Errorf(tripline.KindInvalid, "--update-every must be at least 1m (got %s)", o.UpdateEvery)
	}
	if o.UpdateOnly != "" {
		if _, err := selectLists(o.UpdateOnly); err != nil {
			return nil, err
		}
	}
	cfg := queueConfig(logger)
	if o.Batch != nil {
		cfg.Queues[batch.Queue] = o.Batch.Workers
	}
	q, n, err := m.openQueueConfig(st, cfg, logger)
	if err != nil {
		return nil, err
	}
	if err := m.registerRescreen(q, st, logger); err != nil {
		return nil, err
	}
	var bw *batch.Worker
	if o.Batch != nil {
		if bw, err = o.Batch.register(q, st, logger); err != nil {
			return nil, err
		}
	}
	if o.UpdateEvery > 0 {
		a := listsUpdateArgs{Only: o.UpdateOnly, BaseURL: o.UpdateBaseURL}
		// One replica (the elected leader) enqueues it, once per period;
		// the first when the leader starts.
		q.Every("lists-update", o.UpdateEvery, func() jobs.Args { return a }, true)
	}
	if err := q.Start(ctx); err != nil {
		return nil, err
	}
	if o.OnStart != nil {
		o.OnStart(q)
	}
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if bw != nil {
			go bw.Reclaim(dctx)
		}
		n.Run(dctx, time.Second)
	}()
	logger.Info("job workers started", "update_every", o.UpdateEvery)
	return func(ctx context.Context) error {
		cancel()
		<-done
		return q.Stop(ctx)
	}, nil
}

// deliverWait is how long a command that wrote events waits for their
// webhook deliveries (Main.DeliverWait, default 10 s).
func (m *Main) deliverWait() time.Duration {
	if m.DeliverWait != 0 {
		return m.DeliverWait
	}
	return 10 * time.Second
}

// deliverPending is run after every command but serve: when the command
// wrote events that webhooks want, it delivers what it can itself, for a
// bounded time, and says what is left for a server's workers.
func (m *Main) deliverPending(ctx context.Context) {
	if m.store == nil || ctx.Err() != nil || m.deliverWait() < 0 {
		return
	}
	ns, ok := m.store.(notify.Store)
	if !ok {
		return
	}
	if hooks, err := ns.Webhooks(ctx); err != nil || len(hooks) == 0 {
		return
	}
	cur, err := ns.EventCursor(ctx, notify.Cursor)
	if err != nil {
		return
	}
	if evs, err := ns.EventsAfter(ctx, cur, 1); err != nil || len(evs) == 0 {
		return
	}
	rep, err := m.drain(ctx)
	if err != nil {
		fmt.Fprintf(m.Stderr, "webhooks: cannot deliver: %s\n", userMessage(err))
		return
	}
	if msg := rep.summary(); msg != "" {
		fmt.Fprintln(m.Stderr, msg)
	}
}

// drain delivers what the store has due, with this process's workers.
func (m *Main) drain(ctx context.Context) (drainReport, error) {
	_, n, err := m.openQueue(m.store, slog.New(slog.DiscardHandler))
	if err != nil {
		return drainReport{}, err
	}
	rep, err := n.Drain(ctx, m.deliverWait())
	return drainReport(rep), err
}

type drainReport notify.DrainReport

func (r drainReport) summary() string {
	var parts []string
	if r.Delivered > 0 {
		parts = append(parts, fmt.Sprintf("%d delivered", r.Delivered))
	}
	if r.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed for good", r.Failed))
	}
	if r.Left > 0 {
		parts = append(parts, fmt.Sprintf("%d left for the server to retry (tripline serve delivers them)", r.Left))
	}
	if len(parts) == 0 {
		return ""
	}
	msg := "webhooks: " + strings.Join(parts, ", ")
	if r.LastError != "" && (r.Left > 0 || r.Failed > 0) {
		msg += "; last error: " + r.LastError
	}
	return msg + " (see tripline webhooks deliveries)"
}
