package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/tripline/tripline"
)

// The kinds of the pins the monitor's records write (tripline.SnapshotPin).
const (
	// pinAlert: an alert pins the snapshot that raised or last updated it
	// and the one before (ref: the alert's id).
	pinAlert = "alert"
	// pinBook: a book pins the snapshots it was last screened against, the
	// starting point of its next delta pass (ref: the book's name).
	pinBook = "book"
)

// pinCited pins, inside tx, the snapshots ids for kind/ref, so that Prune
// never removes a snapshot a record cites; with replace, the earlier pins
// of kind/ref are removed first (the record now cites these). An id of 0,
// or of a snapshot that does not exist, pins nothing.
func (s *Store) pinCited(ctx context.Context, tx *sql.Tx, kind, ref string, replace bool, ids ...int64) error {
	const op = "sqlite.ApplyScreening"
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM snapshot_pins WHERE kind = ? AND ref = ?`, kind, ref); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
	}
	now := s.Now().UTC().Format(time.RFC3339Nano)
	for _, id := range ids {
		if id <= 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO snapshot_pins (snapshot_id, kind, ref, created_at) SELECT id, ?, ?, ? FROM snapshots WHERE id = ? ON CONFLICT DO NOTHING`,
			kind, ref, now, id); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
	}
	return nil
}

// pinAlerts pins the snapshots each of as cites; replace: see pinCited.
func (s *Store) pinAlerts(ctx context.Context, tx *sql.Tx, as []tripline.Alert, replace bool) error {
	for _, a := range as {
		if err := s.pinCited(ctx, tx, pinAlert, strconv.FormatInt(a.ID, 10), replace, a.SnapshotID, a.PrevSnapshotID); err != nil {
			return err
		}
	}
	return nil
}

// pinBook pins the snapshots book was screened against, in place of those
// it pinned before.
func (s *Store) pinBook(ctx context.Context, tx *sql.Tx, book string, snaps map[string]int64) error {
	ids := make([]int64, 0, len(snaps))
	for _, id := range snaps {
		ids = append(ids, id)
	}
	return s.pinCited(ctx, tx, pinBook, book, true, ids...)
}
