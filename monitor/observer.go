package monitor

import (
	"context"
	"fmt"

	"github.com/tripline/tripline"
)

// Observer returns the monitor as an after-commit observer of the guarded
// import path (ingest.Importer.Observers): on every snapshot an import
// commits, the watches in ws (nil: none) fire on the change from the
// snapshot before, and every book catches up (AfterImport), before the
// importer stores its next dataset. So each new snapshot rescreens each
// book once, whichever way it was imported (tripline import, lists update,
// the scheduled update, demo, POST /v1/imports). Its notes are the passes'
// one-line reports and the number of watch firings; a pass that fails
// leaves the committed snapshot in place and resumes at the next new
// snapshot, "tripline book rescreen" or a server's start.
func (m *Monitor) Observer(ws tripline.WatchStore) tripline.SnapshotObserver {
	return tripline.SnapshotObserverFunc(func(ctx context.Context, prev *tripline.Snapshot, cur tripline.Snapshot) ([]string, error) {
		var from int64
		if prev != nil {
			from = prev.ID
		}
		reps, fires, err := m.AfterImport(ctx, ws, cur.Source, from, cur.ID)
		var notes []string
		for _, r := range reps {
			if !r.AlreadyDone {
				notes = append(notes, r.String())
			}
		}
		if len(fires) > 0 {
			notes = append(notes, fmt.Sprintf("%d watch firings on %s", len(fires), cur.Source))
		}
		if err != nil {
			return notes, fmt.Errorf("rescreening the books: %w", err)
		}
		return notes, nil
	})
}
