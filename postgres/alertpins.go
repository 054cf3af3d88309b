package postgres

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

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
// or of a snapshot that does not exist, pins nothing. The foreign key of
// snapshot_pins locks the snapshot row, so a Prune running meanwhile
// either finds the pin or makes this write fail; it never deletes a
// snapshot that is pinned once both have committed.
func (s *Store) pinCited(ctx context.Context, tx pgx.Tx, kind, ref string, replace bool, ids ...int64) error {
	const op = "postgres.ApplyScreening"
	if replace {
		if _, err := tx.Exec(ctx, `DELETE FROM snapshot_pins WHERE kind = $1 AND ref = $2`, kind, validText(ref)); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
	}
	now := s.now()
	for _, id := range ids {
		if id <= 0 {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO snapshot_pins (snapshot_id, kind, ref, created_at) SELECT id, $1, $2, $3 FROM snapshots WHERE id = $4 ON CONFLICT DO NOTHING`,
			kind, validText(ref), now, id); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
	}
	return nil
}

// pinAlerts pins the snapshots each of as cites; replace: see pinCited.
// It writes a batch's pins in two statements over arrays: a pass raises or
// updates thousands of alerts per transaction. The join with snapshots
// pins only snapshots that exist, as pinCited does.
func (s *Store) pinAlerts(ctx context.Context, tx pgx.Tx, as []tripline.Alert, replace bool) error {
	const op = "postgres.ApplyScreening"
	if len(as) == 0 {
		return nil
	}
	refs := make([]string, 0, len(as))
	var pinRefs []string
	var pinIDs []int64
	for _, a := range as {
		ref := strconv.FormatInt(a.ID, 10)
		refs = append(refs, ref)
		for i, id := range []int64{a.SnapshotID, a.PrevSnapshotID} {
			if id <= 0 || (i == 1 && id == a.SnapshotID) {
				continue
			}
			pinRefs, pinIDs = append(pinRefs, ref), append(pinIDs, id)
		}
	}
	if replace {
		if _, err := tx.Exec(ctx, `DELETE FROM snapshot_pins WHERE kind = $1 AND ref = ANY($2)`, pinAlert, refs); err != nil {
			return internalErr(op, "cannot pin the cited snapshots", err)
		}
	}
	if len(pinIDs) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO snapshot_pins (snapshot_id, kind, ref, created_at)
		SELECT s.id, $1, u.ref, $2 FROM unnest($3::text[], $4::bigint[]) AS u(ref, sid) JOIN snapshots s ON s.id = u.sid
		ON CONFLICT DO NOTHING`, pinAlert, s.now(), pinRefs, pinIDs); err != nil {
		return internalErr(op, "cannot pin the cited snapshots", err)
	}
	return nil
}

// pinBook pins the snapshots book was screened against, in place of those
// it pinned before.
func (s *Store) pinBook(ctx context.Context, tx pgx.Tx, book string, snaps map[string]int64) error {
	ids := make([]int64, 0, len(snaps))
	for _, id := range snaps {
		ids = append(ids, id)
	}
	return s.pinCited(ctx, tx, pinBook, book, true, ids...)
}
