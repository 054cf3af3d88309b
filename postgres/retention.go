package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.Retention = (*Store)(nil)

// PinSnapshot records that pin.Kind/pin.Ref cites pin.SnapshotID, so that
// Prune never removes it. Pinning twice is harmless.
func (s *Store) PinSnapshot(ctx context.Context, pin tripline.SnapshotPin) error {
	const op = "postgres.PinSnapshot"
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := s.insertPins(ctx, tx, []tripline.SnapshotPin{pin}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot pin the snapshot", Err: err}
	}
	return nil
}

// insertPins writes pins inside tx: a change that cites snapshots (an
// alert, a decision) pins them in its own transaction with it.
func (s *Store) insertPins(ctx context.Context, tx pgx.Tx, pins []tripline.SnapshotPin) error {
	const op = "postgres.PinSnapshot"
	now := s.Now().UTC()
	for _, p := range pins {
		if err := checkPin(op, p); err != nil {
			return err
		}
		// The row lock keeps a concurrent Prune from deleting the
		// snapshot between this check and the insert.
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM snapshots WHERE id = $1 FOR KEY SHARE`, p.SnapshotID).Scan(&id)
		if err == pgx.ErrNoRows {
			return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot %d to pin", p.SnapshotID)}
		}
		if err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read snapshots", Err: err}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO snapshot_pins (snapshot_id, kind, ref, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
			p.SnapshotID, validText(p.Kind), validText(p.Ref), now); err != nil {
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
	const op = "postgres.UnpinSnapshot"
	if err := checkPin(op, pin); err != nil {
		return err
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM snapshot_pins WHERE snapshot_id = $1 AND kind = $2 AND ref = $3`, pin.SnapshotID, validText(pin.Kind), validText(pin.Ref)); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot unpin the snapshot", Err: err}
	}
	return nil
}

// SnapshotPins lists the pins of snapshotID, or every pin when it is 0,
// oldest first.
func (s *Store) SnapshotPins(ctx context.Context, snapshotID int64) ([]tripline.SnapshotPin, error) {
	const op = "postgres.SnapshotPins"
	rows, err := s.pool.Query(ctx, `SELECT snapshot_id, kind, ref, created_at FROM snapshot_pins WHERE $1 = 0 OR snapshot_id = $1 ORDER BY created_at, snapshot_id, kind, ref`, snapshotID)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the pins", Err: err}
	}
	defer rows.Close()
	var out []tripline.SnapshotPin
	for rows.Next() {
		var p tripline.SnapshotPin
		if err := rows.Scan(&p.SnapshotID, &p.Kind, &p.Ref, &p.CreatedAt); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the pins", Err: err}
		}
		p.CreatedAt = p.CreatedAt.UTC()
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the pins", Err: err}
	}
	return out, nil
}

// Prune applies p to every source's history and removes the snapshots it
// selects with their entities, one transaction each. PostgreSQL reuses the
// space of deleted rows after VACUUM, which Prune runs on the entities
// table (autovacuum would do it later); the table's files shrink only with
// VACUUM FULL, which locks the table and is left to the operator. The
// database user needs DELETE on snapshots and entities.
func (s *Store) Prune(ctx context.Context, p tripline.PrunePolicy) (tripline.PruneReport, error) {
	const op = "postgres.Prune"
	rep := tripline.PruneReport{Removed: []tripline.Snapshot{}, DryRun: p.DryRun}
	if err := p.Validate(); err != nil {
		return rep, err
	}
	rep.BytesBefore = s.entitiesSize(ctx)
	sources := p.Sources
	if len(sources) == 0 {
		rows, err := s.pool.Query(ctx, `SELECT DISTINCT source FROM snapshots ORDER BY source`)
		if err != nil {
			return rep, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the sources", Err: err}
		}
		sources, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return rep, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the sources", Err: err}
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
		// A user who does not own the table gets a warning, not an error;
		// autovacuum reclaims the space then.
		_, _ = s.pool.Exec(ctx, `VACUUM entities`)
	}
	rep.BytesAfter = s.entitiesSize(ctx)
	return rep, nil
}

// removeSnapshot deletes snapshot id and its entities in one transaction,
// unless it is current or pinned by then (ok false).
func (s *Store) removeSnapshot(ctx context.Context, id int64) (entities int64, ok bool, err error) {
	const op = "postgres.Prune"
	internal := func(err error) error {
		if ctx.Err() != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "prune cancelled", Err: ctx.Err()}
		}
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: fmt.Sprintf("cannot remove snapshot %d (does the database user have DELETE on snapshots and entities?)", id), Err: err}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, false, internal(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	// The row lock waits for, and then excludes, a pin being written.
	var locked int64
	if err := tx.QueryRow(ctx, `SELECT id FROM snapshots WHERE id = $1 FOR UPDATE`, id).Scan(&locked); err != nil {
		if err == pgx.ErrNoRows {
			return 0, false, nil
		}
		return 0, false, internal(err)
	}
	var held int
	if err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM sources WHERE current_snapshot = $1) + (SELECT count(*) FROM snapshot_pins WHERE snapshot_id = $1)`, id).Scan(&held); err != nil {
		return 0, false, internal(err)
	}
	if held > 0 {
		return 0, false, nil
	}
	tag, err := tx.Exec(ctx, `DELETE FROM entities WHERE snapshot_id = $1`, id)
	if err != nil {
		return 0, false, internal(err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM snapshots WHERE id = $1`, id); err != nil {
		return 0, false, internal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, false, internal(err)
	}
	return tag.RowsAffected(), true, nil
}

// entitiesSize is the entities table's size with its indexes, 0 when it
// cannot be read.
func (s *Store) entitiesSize(ctx context.Context) int64 {
	var n int64
	_ = s.pool.QueryRow(ctx, `SELECT COALESCE(pg_total_relation_size(to_regclass('entities')), 0)`).Scan(&n)
	return n
}
