package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tripline/tripline"
)

var _ tripline.Retention = (*Store)(nil)

// PinSnapshot records that pin.Kind/pin.Ref cites pin.SnapshotID, so that
// Prune never removes it. Pinning twice is harmless.
func (s *Store) PinSnapshot(ctx context.Context, pin tripline.SnapshotPin) error {
	const op = "sqlite.PinSnapshot"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer tx.Rollback()
	if err := s.insertPins(ctx, tx, []tripline.SnapshotPin{pin}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot pin the snapshot", Err: err}
	}
	return nil
}

// insertPins writes pins inside tx: a change that cites snapshots (an
// alert, a decision) pins them in its own transaction with it.
func (s *Store) insertPins(ctx context.Context, tx *sql.Tx, pins []tripline.SnapshotPin) error {
	const op = "sqlite.PinSnapshot"
	now := s.Now().UTC().Format(time.RFC3339Nano)
	for _, p := range pins {
		if err := checkPin(op, p); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM snapshots WHERE id = ?`, p.SnapshotID).Scan(&n); err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
		}
		if n == 0 {
			return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot %d to pin", p.SnapshotID)}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO snapshot_pins (snapshot_id, kind, ref, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			p.SnapshotID, p.Kind, p.Ref, now); err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot pin the snapshot", Err: err}
		}
	}
	return nil
}

func checkPin(op string, p tripline.SnapshotPin) error {
	if p.SnapshotID <= 0 || p.Kind == "" || p.Ref == "" {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("a pin needs a snapshot id, a kind and a ref, got %d/%q/%q", p.SnapshotID, p.Kind, p.Ref)}
	}
	return nil
}

// UnpinSnapshot removes the pin (SnapshotID, Kind, Ref); removing a pin
// that does not exist is harmless.
func (s *Store) UnpinSnapshot(ctx context.Context, pin tripline.SnapshotPin) error {
	const op = "sqlite.UnpinSnapshot"
	if err := checkPin(op, pin); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM snapshot_pins WHERE snapshot_id = ? AND kind = ? AND ref = ?`, pin.SnapshotID, pin.Kind, pin.Ref); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot unpin the snapshot", Err: err}
	}
	return nil
}

// SnapshotPins lists the pins of snapshotID, or every pin when it is 0,
// oldest first.
func (s *Store) SnapshotPins(ctx context.Context, snapshotID int64) ([]tripline.SnapshotPin, error) {
	const op = "sqlite.SnapshotPins"
	rows, err := s.db.QueryContext(ctx, `SELECT snapshot_id, kind, ref, created_at FROM snapshot_pins WHERE ? = 0 OR snapshot_id = ? ORDER BY created_at, snapshot_id, kind, ref`, snapshotID, snapshotID)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the pins", Err: err}
	}
	defer rows.Close()
	var out []tripline.SnapshotPin
	for rows.Next() {
		var p tripline.SnapshotPin
		var at string
		if err := rows.Scan(&p.SnapshotID, &p.Kind, &p.Ref, &at); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the pins", Err: err}
		}
		p.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the pins", Err: err}
	}
	return out, nil
}

// Prune applies p to every source's history, removes the snapshots it
// selects with their entities, one transaction each, and then gives the
// space back to the file system (VACUUM), which rewrites the database and
// needs as much free disk space as the database takes.
func (s *Store) Prune(ctx context.Context, p tripline.PrunePolicy) (tripline.PruneReport, error) {
	const op = "sqlite.Prune"
	rep := tripline.PruneReport{Removed: []tripline.Snapshot{}, DryRun: p.DryRun}
	if err := p.Validate(); err != nil {
		return rep, err
	}
	internal := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	rep.BytesBefore = s.size(ctx)
	sources := p.Sources
	if len(sources) == 0 {
		var err error
		if sources, err = s.strings(ctx, `SELECT DISTINCT source FROM snapshots ORDER BY source`); err != nil {
			return rep, internal("cannot read the sources", err)
		}
	}
	pins, err := s.SnapshotPins(ctx, 0)
	if err != nil {
		return rep, err
	}
	pinnedIDs := map[int64]bool{}
	for _, pin := range pins {
		pinnedIDs[pin.SnapshotID] = true
	}
	pinned := func(id int64) bool { return pinnedIDs[id] }
	for _, src := range sources {
		hist, err := s.Snapshots(ctx, src)
		if err != nil {
			return rep, err
		}
		remove, held := p.Plan(hist, pinned)
		rep.Kept += len(hist) - len(remove)
		rep.Pinned += held
		for _, sn := range remove {
			if err := ctx.Err(); err != nil {
				return rep, &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "prune cancelled", Err: err}
			}
			if p.DryRun {
				rep.Removed = append(rep.Removed, sn)
				rep.Entities += int64(sn.EntityCount)
				continue
			}
			n, ok, err := s.removeSnapshot(ctx, sn.ID)
			if err != nil {
				return rep, err
			}
			if !ok { // pinned or made current meanwhile
				rep.Kept++
				continue
			}
			rep.Removed = append(rep.Removed, sn)
			rep.Entities += n
		}
	}
	if !p.DryRun && len(rep.Removed) > 0 {
		if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
			return rep, internal("the snapshots were removed but VACUUM failed (is the disk full?)", err)
		}
		_, _ = s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	rep.BytesAfter = s.size(ctx)
	return rep, nil
}

// removeSnapshot deletes snapshot id and its entities in one transaction,
// unless it is current or pinned by then (ok false).
func (s *Store) removeSnapshot(ctx context.Context, id int64) (entities int64, ok bool, err error) {
	const op = "sqlite.Prune"
	internal := func(err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: fmt.Sprintf("cannot remove snapshot %d", id), Err: err}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, internal(err)
	}
	defer tx.Rollback()
	var held int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sources WHERE current_snapshot = ?) + (SELECT count(*) FROM snapshot_pins WHERE snapshot_id = ?)`, id, id).Scan(&held); err != nil {
		return 0, false, internal(err)
	}
	if held > 0 {
		return 0, false, nil
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE snapshot_id = ?`, id)
	if err != nil {
		return 0, false, internal(err)
	}
	entities, _ = res.RowsAffected()
	if _, err := tx.ExecContext(ctx, `DELETE FROM snapshots WHERE id = ?`, id); err != nil {
		return 0, false, internal(err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, internal(err)
	}
	return entities, true, nil
}

// size is the database's size in bytes, 0 when it cannot be read.
func (s *Store) size(ctx context.Context) int64 {
	var n int64
	_ = s.db.QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&n)
	return n
}

func (s *Store) strings(ctx context.Context, q string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
