package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
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
// It writes a batch's pins in a few multi-row statements: a pass raises
// or updates thousands of alerts per transaction.
func (s *Store) pinAlerts(ctx context.Context, tx *sql.Tx, as []tripline.Alert, replace bool) error {
	const op = "sqlite.ApplyScreening"
	if len(as) == 0 {
		return nil
	}
	// The snapshots cited that exist (the transaction is IMMEDIATE: none
	// goes away before it commits).
	want := map[int64]bool{}
	for _, a := range as {
		for _, id := range []int64{a.SnapshotID, a.PrevSnapshotID} {
			if id > 0 {
				want[id] = false
			}
		}
	}
	for id := range want {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM snapshots WHERE id = ?`, id).Scan(&n); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
		want[id] = n > 0
	}
	now := s.Now().UTC().Format(time.RFC3339Nano)
	const per = 250
	for len(as) > 0 {
		chunk := as[:min(per, len(as))]
		as = as[len(chunk):]
		if replace {
			args := make([]any, 0, len(chunk)+1)
			args = append(args, pinAlert)
			for _, a := range chunk {
				args = append(args, strconv.FormatInt(a.ID, 10))
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM snapshot_pins WHERE kind = ? AND ref IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
				return internalErr(op, "cannot pin the cited snapshots", err)
			}
		}
		var rows []string
		var args []any
		for _, a := range chunk {
			ref := strconv.FormatInt(a.ID, 10)
			for i, id := range []int64{a.SnapshotID, a.PrevSnapshotID} {
				if !want[id] || (i == 1 && id == a.SnapshotID) {
					continue
				}
				rows = append(rows, "(?, ?, ?, ?)")
				args = append(args, id, pinAlert, ref, now)
			}
		}
		if len(rows) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO snapshot_pins (snapshot_id, kind, ref, created_at) VALUES `+strings.Join(rows, ", ")+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
	}
	return nil
}

// placeholders returns n question marks separated by commas.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
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
