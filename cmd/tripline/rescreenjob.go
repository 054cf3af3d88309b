package main

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/jobs"
	"github.com/tripline/tripline/monitor"
)

// Book rescreens as shared jobs: every replica that swaps in new
// snapshots enqueues one books.rescreen job for that set of snapshots,
// unique by it, so that of all the replicas hearing of a new snapshot one
// brings the books up to date (monitor's CatchUp, resumable and
// idempotent). This covers snapshots imported by a process that did not
// rescreen (import --no-rescreen, one killed mid-rescreen); the importing
// command still rescreens itself when it can.

const kindBooksRescreen = "books.rescreen"

// booksRescreenArgs name the snapshots the books are brought up to.
type booksRescreenArgs struct {
	Snapshots string `json:"snapshots"`
}

func (booksRescreenArgs) Kind() string { return kindBooksRescreen }

// registerRescreen registers the rescreen worker of "serve" with q.
func (m *Main) registerRescreen(q *jobs.Queue, st tripline.Store, logger *slog.Logger) error {
	if _, ok := st.(monitor.Store); !ok {
		return nil
	}
	return jobs.Handle(q, func(ctx context.Context, j *jobs.Job[booksRescreenArgs]) error {
		mon, err := m.newMonitor(ctx)
		if err != nil {
			return err
		}
		reps, err := mon.CatchUp(ctx)
		for _, r := range reps {
			if !r.AlreadyDone {
				logger.Info("rescreen", "book", r.Book, "pass", r.Pass, "summary", r.String(), "snapshots", j.Args.Snapshots)
			}
		}
		return err
	}, jobs.WorkerOptions{Timeout: 50 * time.Minute, MaxAttempts: 10, Backoff: func(a int) time.Duration { return time.Duration(a) * 10 * time.Second }})
}

// enqueueRescreen enqueues the rescreen of the books up to served (once
// per set of snapshots across the deployment).
func enqueueRescreen(ctx context.Context, q *jobs.Queue, st tripline.Store, served []tripline.Snapshot, logger *slog.Logger) {
	ms, ok := st.(monitor.Store)
	if q == nil || !ok || len(served) == 0 {
		return
	}
	if books, err := ms.Books(ctx); err != nil || len(books) == 0 {
		return
	}
	ids := make([]string, 0, len(served))
	for _, s := range served {
		ids = append(ids, s.Source+"="+strconv.FormatInt(s.ID, 10))
	}
	sort.Strings(ids)
	if _, err := q.Enqueue(ctx, booksRescreenArgs{Snapshots: strings.Join(ids, ";")}, &jobs.EnqueueOptions{Unique: true}); err != nil {
		logger.Warn("cannot enqueue the books' rescreen (the next import or restart does it)", "err", err)
	}
}
