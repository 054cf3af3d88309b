package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/transferdb"
)

var _ tripline.TransferStore = (*Store)(nil)

// ImportTransfers writes ts as a new snapshot of its register and makes it
// current, with the delta against the previous snapshot and the events
// that announce it, in one transaction.
func (s *Store) ImportTransfers(ctx context.Context, ts *tripline.TransferSet) (snap tripline.TransferSnapshot, created bool, err error) {
	const op = "sqlite.ImportTransfers"
	if err := ts.Validate(); err != nil {
		return snap, false, &tripline.Error{Op: op, Kind: tripline.ErrorKind(err), Msg: tripline.ErrorMessage(err), Err: err}
	}
	internal := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return snap, false, internal("cannot begin the import", err)
	}
	defer tx.Rollback()

	var prev tripline.TransferSnapshot
	cur, err := s.currentTransferSnapshot(ctx, tx, ts.Source)
	switch {
	case err == nil:
		prev = cur
		if ts.Hash != "" && cur.Hash == ts.Hash {
			return cur, false, nil
		}
	case tripline.ErrorKind(err) != tripline.KindNotFound:
		return snap, false, err
	}

	// The new deals, encoded once.
	datas := make([][]byte, len(ts.Transfers))
	hashes := make([]string, len(ts.Transfers))
	for i, t := range ts.Transfers {
		if datas[i], hashes[i], err = transferdb.Encode(t); err != nil {
			return snap, false, err
		}
	}
	oldHash := map[string]string{}
	if prev.ID != 0 {
		rows, err := tx.QueryContext(ctx, `SELECT id, hash FROM transfers WHERE snapshot_id = ?`, prev.ID)
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
		var data []byte
		if err := tx.QueryRowContext(ctx, `SELECT data FROM transfers WHERE snapshot_id = ? AND id = ?`, prev.ID, id).Scan(&data); err != nil {
			readErr = err
		}
		return data
	})
	if readErr != nil {
		return snap, false, internal("cannot read a removed transfer", readErr)
	}

	now := s.Now().UTC().Truncate(time.Second)
	snap = tripline.TransferSnapshot{Source: ts.Source, Format: ts.Format, PublishedAt: ts.PublishedAt, ImportedAt: now, Hash: ts.Hash,
		Files: ts.Files, Count: len(ts.Transfers), Current: true, Previous: prev.ID}
	snap.Added, snap.Removed, snap.Changed = transferdb.Count(changes)
	files, _ := json.Marshal(nonNil(ts.Files))
	res, err := tx.ExecContext(ctx, `INSERT INTO transfer_snapshots (source, format, published_at, imported_at, hash, files, count, previous, added, removed, changed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, snap.Source, snap.Format, snap.PublishedAt, now.Format(time.RFC3339), snap.Hash, string(files),
		snap.Count, snap.Previous, snap.Added, snap.Removed, snap.Changed)
	if err != nil {
		return snap, false, internal("cannot write the snapshot", err)
	}
	if snap.ID, err = res.LastInsertId(); err != nil {
		return snap, false, internal("cannot write the snapshot", err)
	}
	if err := insertTransfers(ctx, tx, snap.ID, ts.Transfers, datas, hashes); err != nil {
		return snap, false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO transfer_sources (source, current_snapshot) VALUES (?, ?)
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
	if err := tx.Commit(); err != nil {
		return snap, false, internal("cannot commit the import", err)
	}
	return snap, true, nil
}

// insertTransfers writes the deals and their deliveries in batches.
func insertTransfers(ctx context.Context, tx *sql.Tx, snapID int64, ts []*tripline.Transfer, datas [][]byte, hashes []string) error {
	const op = "sqlite.ImportTransfers"
	deals := newBatcher(tx, `INSERT INTO transfers (snapshot_id, seq, id, supplier_code, supplier_name, recipient_code, recipient_name, system, designation, order_year, first_year, last_year, hash, data) VALUES `, 14, 100)
	dels := newBatcher(tx, `INSERT INTO transfer_deliveries (snapshot_id, seq, year, supplier_code, supplier_name, supplier, recipient_code, recipient_name, recipient, system, designation, quantity, tiv) VALUES `, 13, 150)
	defer deals.close()
	defer dels.close()
	for i, t := range ts {
		first, last := t.Years()
		if err := deals.add(ctx, snapID, i, t.ID, t.Supplier.Code, t.Supplier.Name, t.Recipient.Code, t.Recipient.Name, t.System, t.Designation,
			t.OrderYear, first, last, hashes[i], string(datas[i])); err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write the transfers", Err: err}
		}
		if len(t.Deliveries) > 0 {
			sup, _ := json.Marshal(t.Supplier)
			rec, _ := json.Marshal(t.Recipient)
			for _, d := range t.Deliveries {
				if err := dels.add(ctx, snapID, i, d.Year, t.Supplier.Code, t.Supplier.Name, string(sup), t.Recipient.Code, t.Recipient.Name, string(rec),
					t.System, t.Designation, d.Quantity, d.TIV); err != nil {
					return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write the deliveries", Err: err}
				}
			}
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "import cancelled", Err: err}
			}
		}
	}
	if err := deals.flush(ctx); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write the transfers", Err: err}
	}
	if err := dels.flush(ctx); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot write the deliveries", Err: err}
	}
	return nil
}

// batcher inserts rows of cols values, rows at a time, with one prepared
// statement for full batches.
type batcher struct {
	tx         *sql.Tx
	head       string
	cols, rows int
	full       *sql.Stmt
	args       []any
}

func newBatcher(tx *sql.Tx, head string, cols, rows int) *batcher {
	return &batcher{tx: tx, head: head, cols: cols, rows: rows}
}

func (b *batcher) query(n int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + "),"
	return b.head + strings.TrimSuffix(strings.Repeat(one, n), ",")
}

func (b *batcher) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < b.cols*b.rows {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.tx.PrepareContext(ctx, b.query(b.rows)); err != nil {
			return err
		}
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

func (b *batcher) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.query(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *batcher) close() {
	if b.full != nil {
		b.full.Close()
	}
}

const transferSnapCols = `s.id, s.source, s.format, s.published_at, s.imported_at, s.hash, s.files, s.count, s.previous, s.added, s.removed, s.changed, COALESCE(c.current_snapshot = s.id, 0)`

func scanTransferSnapshot(r scanner) (tripline.TransferSnapshot, error) {
	var snap tripline.TransferSnapshot
	var at, files string
	var current bool
	if err := r.Scan(&snap.ID, &snap.Source, &snap.Format, &snap.PublishedAt, &at, &snap.Hash, &files, &snap.Count, &snap.Previous,
		&snap.Added, &snap.Removed, &snap.Changed, &current); err != nil {
		return snap, err
	}
	snap.Current = current
	snap.ImportedAt, _ = time.Parse(time.RFC3339, at)
	if files != "" && files != "[]" {
		_ = json.Unmarshal([]byte(files), &snap.Files)
	}
	return snap, nil
}

func (s *Store) currentTransferSnapshot(ctx context.Context, q querier, source string) (tripline.TransferSnapshot, error) {
	row := q.QueryRowContext(ctx, `SELECT `+transferSnapCols+` FROM transfer_snapshots s JOIN transfer_sources c ON c.current_snapshot = s.id WHERE s.source = ?`, source)
	snap, err := scanTransferSnapshot(row)
	if errors.Is(err, sql.ErrNoRows) {
		return snap, &tripline.Error{Op: "sqlite.TransferSnapshot", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no snapshot of register %q", source)}
	}
	if err != nil {
		return snap, &tripline.Error{Op: "sqlite.TransferSnapshot", Kind: tripline.KindInternal, Msg: "cannot read the register snapshots", Err: err}
	}
	return snap, nil
}

// TransferSnapshots lists the snapshots of source (every source when
// ""), newest first.
func (s *Store) TransferSnapshots(ctx context.Context, source string) ([]tripline.TransferSnapshot, error) {
	const op = "sqlite.TransferSnapshots"
	rows, err := s.db.QueryContext(ctx, `SELECT `+transferSnapCols+` FROM transfer_snapshots s LEFT JOIN transfer_sources c ON c.source = s.source
		WHERE ? = '' OR s.source = ? ORDER BY s.id DESC`, source, source)
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
// when given), and its argument.
func currentIn(source string) (string, []any) {
	if source == "" {
		return `snapshot_id IN (SELECT current_snapshot FROM transfer_sources)`, nil
	}
	return `snapshot_id IN (SELECT current_snapshot FROM transfer_sources WHERE source = ?)`, []any{source}
}

func sqlitePH(int) string { return "?" }

// Transfers returns the transfers of the current snapshots that f selects.
func (s *Store) Transfers(ctx context.Context, f tripline.TransferFilter) ([]tripline.Transfer, int, error) {
	const op = "sqlite.Transfers"
	cur, args := currentIn(f.Source)
	where, fargs := transferdb.Filter(f, "first_year", "last_year", sqlitePH)
	args = append(args, fargs...)
	q := ` FROM transfers WHERE ` + cur + ` AND ` + where
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+q, args...).Scan(&total); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
	}
	page := ` ORDER BY supplier_name, recipient_name, order_year, id`
	if f.Limit > 0 {
		page += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	} else if f.Offset > 0 {
		page += fmt.Sprintf(" LIMIT -1 OFFSET %d", f.Offset)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT snapshot_id, data`+q+page, args...)
	if err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
	}
	defer rows.Close()
	out := []tripline.Transfer{}
	for rows.Next() {
		var t tripline.Transfer
		var snapID int64
		var data []byte
		if err := rows.Scan(&snapID, &data); err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read transfers", Err: err}
		}
		if err := json.Unmarshal(data, &t); err != nil {
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
	const op = "sqlite.Transfer"
	var snapID int64
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT snapshot_id, data FROM transfers WHERE id = ? AND snapshot_id IN (SELECT current_snapshot FROM transfer_sources)`, id).Scan(&snapID, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no transfer %q in the current registers", id)}
	}
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the transfer", Err: err}
	}
	t := new(tripline.Transfer)
	if err := json.Unmarshal(data, t); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the transfer", Err: err}
	}
	t.SnapshotID = snapID
	return t, nil
}

// Deliveries sums the deliveries of the selected transfers by supplier,
// recipient and year.
func (s *Store) Deliveries(ctx context.Context, f tripline.TransferFilter) ([]tripline.DyadYear, error) {
	const op = "sqlite.Deliveries"
	cur, args := currentIn(f.Source)
	where, fargs := transferdb.Filter(f, "year", "year", sqlitePH)
	args = append(args, fargs...)
	rows, err := s.db.QueryContext(ctx, `SELECT MIN(supplier), MIN(recipient), year, count(*), SUM(quantity), SUM(tiv)
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
		if err := rows.Scan(&sup, &rec, &d.Year, &d.Deals, &d.Quantity, &d.TIV); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read deliveries", Err: err}
		}
		_ = json.Unmarshal([]byte(sup), &d.Supplier)
		_ = json.Unmarshal([]byte(rec), &d.Recipient)
		d.TIV = roundTIV(d.TIV)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read deliveries", Err: err}
	}
	return out, nil
}

func roundTIV(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}
