package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/transferdb"
)

var _ tripline.TransferStore = (*Store)(nil)

func pgPH(n int) string { return "$" + strconv.Itoa(n) }

// ImportTransfers writes ts as a new snapshot of its register and makes it
// current, with the delta against the previous snapshot and the events
// that announce it, in one transaction; imports of one register take
// turns (advisory lock).
func (s *Store) ImportTransfers(ctx context.Context, ts *tripline.TransferSet) (snap tripline.TransferSnapshot, created bool, err error) {
	const op = "postgres.ImportTransfers"
	if err := ts.Validate(); err != nil {
		return snap, false, &tripline.Error{Op: op, Kind: tripline.ErrorKind(err), Msg: tripline.ErrorMessage(err), Err: err}
	}
	internal := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return snap, false, internal("cannot begin the import", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tripline.register:' || COALESCE(current_schema(), '') || ':' || $1, 0))`, ts.Source); err != nil {
		return snap, false, internal("cannot lock the register", err)
	}
	var prev tripline.TransferSnapshot
	cur, err := currentTransferSnapshot(ctx, tx, ts.Source)
	switch {
	case err == nil:
		prev = cur
		if ts.Hash != "" && cur.Hash == ts.Hash {
			return cur, false, nil
		}
	case tripline.ErrorKind(err) != tripline.KindNotFound:
		return snap, false, err
	}
	datas := make([][]byte, len(ts.Transfers))
	hashes := make([]string, len(ts.Transfers))
	for i, t := range ts.Transfers {
		if datas[i], hashes[i], err = transferdb.Encode(t); err != nil {
			return snap, false, err
		}
	}
	oldHash := map[string]string{}
	if prev.ID != 0 {
		rows, err := tx.Query(ctx, `SELECT id, hash FROM transfers WHERE snapshot_id = $1`, prev.ID)
		if err != nil {
			return snap, false, internal("cannot read the previous snapshot", err)
		}
		for rows.Next() {
			var id, h string
			if err := rows.Scan(&id, &h); err != nil {
				rows.Close()
				return snap, false, internal("cannot read the previous snapshot", err)
			}
			oldHash[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return snap, false, internal("cannot read the previous snapshot", err)
		}
	}
	var readErr error
	changes := transferdb.Delta(ts.Transfers, hashes, oldHash, func(id string) []byte {
		var data string
		if err := tx.QueryRow(ctx, `SELECT data FROM transfers WHERE snapshot_id = $1 AND id = $2`, prev.ID, id).Scan(&data); err != nil {
			readErr = err
		}
		return []byte(data)
	})
	if readErr != nil {
		return snap, false, internal("cannot read a removed transfer", readErr)
	}
	now := s.Now().UTC().Truncate(1e9)
	snap = tripline.TransferSnapshot{Source: ts.Source, Format: ts.Format, PublishedAt: ts.PublishedAt, ImportedAt: now, Hash: ts.Hash,
		Files: ts.Files, Count: len(ts.Transfers), Current: true, Previous: prev.ID}
	snap.Added, snap.Removed, snap.Changed = transferdb.Count(changes)
	files, _ := json.Marshal(nonNil(ts.Files))
	if err := tx.QueryRow(ctx, `INSERT INTO transfer_snapshots (source, format, published_at, imported_at, hash, files, count, previous, added, removed, changed)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, snap.Source, snap.Format, snap.PublishedAt, now, snap.Hash, string(files),
		snap.Count, snap.Previous, snap.Added, snap.Removed, snap.Changed).Scan(&snap.ID); err != nil {
		return snap, false, internal("cannot write the snapshot", err)
	}
	i := 0
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"transfers"}, []string{"snapshot_id", "seq", "id", "supplier_code", "supplier_name", "recipient_code",
		"recipient_name", "system", "designation", "order_year", "first_year", "last_year", "hash", "data"},
		pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(ts.Transfers) {
				return nil, nil
			}
			t := ts.Transfers[i]
			first, last := t.Years()
			row := []any{snap.ID, i, t.ID, t.Supplier.Code, t.Supplier.Name, t.Recipient.Code, t.Recipient.Name, t.System, t.Designation,
				t.OrderYear, first, last, hashes[i], string(datas[i])}
			i++
			return row, nil
		})); err != nil {
		return snap, false, internal("cannot write the transfers", err)
	}
	var dels [][]any
	for i, t := range ts.Transfers {
		if len(t.Deliveries) == 0 {
			continue
		}
		sup, _ := json.Marshal(t.Supplier)
		rec, _ := json.Marshal(t.Recipient)
		for _, d := range t.Deliveries {
			dels = append(dels, []any{snap.ID, i, d.Year, t.Supplier.Code, t.Supplier.Name, string(sup), t.Recipient.Code, t.Recipient.Name, string(rec),
				t.System, t.Designation, d.Quantity, d.TIV})
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"transfer_deliveries"}, []string{"snapshot_id", "seq", "year", "supplier_code", "supplier_name", "supplier",
		"recipient_code", "recipient_name", "recipient", "system", "designation", "quantity", "tiv"}, pgx.CopyFromRows(dels)); err != nil {
		return snap, false, internal("cannot write the deliveries", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO transfer_sources (source, current_snapshot) VALUES ($1, $2)
		ON CONFLICT (source) DO UPDATE SET current_snapshot = excluded.current_snapshot`, ts.Source, snap.ID); err != nil {
		return snap, false, internal("cannot switch the current snapshot", err)
	}
	evs, err := transferdb.Events(snap, changes)
	if err != nil {
		return snap, false, err
	}
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return snap, false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return snap, false, internal("cannot commit the import", err)
	}
	return snap, true, nil
}

const transferSnapCols = `s.id, s.source, s.format, s.published_at, s.imported_at, s.hash, s.files, s.count, s.previous, s.added, s.removed, s.changed, COALESCE(c.current_snapshot = s.id, false)`

func scanTransferSnapshot(r pgx.Row) (tripline.TransferSnapshot, error) {
	var snap tripline.TransferSnapshot
	var files string
	var count, added, removed, changed int32
	if err := r.Scan(&snap.ID, &snap.Source, &snap.Format, &snap.PublishedAt, &snap.ImportedAt, &snap.Hash, &files, &count, &snap.Previous,
		&added, &removed, &changed, &snap.Current); err != nil {
		return snap, err
	}
	snap.Count, snap.Added, snap.Removed, snap.Changed = int(count), int(added), int(removed), int(changed)
	snap.ImportedAt = snap.ImportedAt.UTC()
	if files != "" && files != "[]" {
		_ = json.Unmarshal([]byte(files), &snap.Files)
	}
	return snap, nil
}

func currentTransferSnapshot(ctx context.Context, q querier, source string) (tripline.TransferSnapshot, error) {
	row := q.QueryRow(ctx, `SELECT `+transferSnapCols+` FROM transfer_snapshots s JOIN transfer_sources c ON c.current_snapshot = s.id WHERE s.source = $1`, source)
	snap, err := scanTransferSnapshot(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return snap, &tripline.Error{Op: "postgres.TransferSnapshot", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot of register %q", source)}
	}
	if err != nil {
		return snap, &tripline.Error{Op: "postgres.TransferSnapshot", Kind: tripline.KindInternal, Msg: "cannot read the register snapshots", Err: err}
	}
	return snap, nil
}

// TransferSnapshots lists the snapshots of source (every source when
// ""), newest first.
func (s *Store) TransferSnapshots(ctx context.Context, source string) ([]tripline.TransferSnapshot, error) {
	const op = "postgres.TransferSnapshots"
	rows, err := s.pool.Query(ctx, `SELECT `+transferSnapCols+` FROM transfer_snapshots s LEFT JOIN transfer_sources c ON c.source = s.source
		WHERE $1 = '' OR s.source = $1 ORDER BY s.id DESC`, source)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the register snapshots", Err: err}
	}
	defer rows.Close()
	var out []tripline.TransferSnapshot
	for rows.Next() {
		snap, err := scanTransferSnapshot(rows)
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the register snapshots", Err: err}
		}
		out = append(out, snap)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the register snapshots", Err: err}
	}
	return out, nil
}

// currentIn is the condition that a row's snapshot is current (of source
// when given), as argument 1.
func currentIn(source string) (string, []any) {
	if source == "" {
		return `snapshot_id IN (SELECT current_snapshot FROM transfer_sources)`, nil
	}
	return `snapshot_id IN (SELECT current_snapshot FROM transfer_sources WHERE source = $1)`, []any{source}
}

// shifted returns a placeholder function counting after n arguments.
func shifted(n int) func(int) string { return func(k int) string { return pgPH(n + k) } }

// Transfers returns the transfers of the current snapshots that f selects.
func (s *Store) Transfers(ctx context.Context, f tripline.TransferFilter) ([]tripline.Transfer, int, error) {
	const op = "postgres.Transfers"
	cur, args := currentIn(f.Source)
	where, fargs := transferdb.Filter(f, "first_year", "last_year", shifted(len(args)))
	args = append(args, fargs...)
	q := ` FROM transfers WHERE ` + cur + ` AND ` + where
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*)`+q, args...).Scan(&total); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
	}
	page := ` ORDER BY supplier_name, recipient_name, order_year, id`
	if f.Limit > 0 {
		page += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		page += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	rows, err := s.pool.Query(ctx, `SELECT snapshot_id, data`+q+page, args...)
	if err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
	}
	defer rows.Close()
	out := []tripline.Transfer{}
	for rows.Next() {
		var t tripline.Transfer
		var snapID int64
		var data string
		if err := rows.Scan(&snapID, &data); err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
		}
		if err := json.Unmarshal([]byte(data), &t); err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode a transfer", Err: err}
		}
		t.SnapshotID = snapID
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
	}
	return out, total, nil
}

// Transfer returns one transfer of a current snapshot.
func (s *Store) Transfer(ctx context.Context, id string) (*tripline.Transfer, error) {
	const op = "postgres.Transfer"
	var snapID int64
	var data string
	err := s.pool.QueryRow(ctx, `SELECT snapshot_id, data FROM transfers WHERE id = $1 AND snapshot_id IN (SELECT current_snapshot FROM transfer_sources)`, id).Scan(&snapID, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no transfer %q in the current registers", id)}
	}
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the transfer", Err: err}
	}
	t := new(tripline.Transfer)
	if err := json.Unmarshal([]byte(data), t); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the transfer", Err: err}
	}
	t.SnapshotID = snapID
	return t, nil
}

// Deliveries sums the deliveries of the selected transfers by supplier,
// recipient and year.
func (s *Store) Deliveries(ctx context.Context, f tripline.TransferFilter) ([]tripline.DyadYear, error) {
	const op = "postgres.Deliveries"
	cur, args := currentIn(f.Source)
	where, fargs := transferdb.Filter(f, "year", "year", shifted(len(args)))
	args = append(args, fargs...)
	rows, err := s.pool.Query(ctx, `SELECT MIN(supplier), MIN(recipient), year, count(*), SUM(quantity), SUM(tiv)
		FROM transfer_deliveries WHERE `+cur+` AND `+where+`
		GROUP BY supplier_code, lower(supplier_name), recipient_code, lower(recipient_name), year
		ORDER BY MIN(supplier_name), MIN(recipient_name), year`, args...)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read deliveries", Err: err}
	}
	defer rows.Close()
	out := []tripline.DyadYear{}
	for rows.Next() {
		var d tripline.DyadYear
		var sup, rec string
		var deals int64
		var qty int64
		var year int32
		if err := rows.Scan(&sup, &rec, &year, &deals, &qty, &d.TIV); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read deliveries", Err: err}
		}
		d.Year, d.Deals, d.Quantity = int(year), int(deals), int(qty)
		_ = json.Unmarshal([]byte(sup), &d.Supplier)
		_ = json.Unmarshal([]byte(rec), &d.Recipient)
		d.TIV = float64(int64(d.TIV*1000+0.5)) / 1000
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read deliveries", Err: err}
	}
	return out, nil
}
