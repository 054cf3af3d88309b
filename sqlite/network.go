package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

var _ tripline.NetworkStore = (*Store)(nil)

// netRow is one network record ready for its table.
type netRow struct {
	id   string
	data []byte
}

// netTable is one record kind's table and rows.
type netTable struct {
	name string
	// conflict is the ON CONFLICT target (shipments without an id never
	// conflict).
	conflict string
	rows     []netRow
}

// networkTables encodes recs for the three tables, in their order.
func networkTables(op string, recs *tripline.NetworkRecords) ([3]netTable, error) {
	t := [3]netTable{
		{name: "network_companies", conflict: "(id)"},
		{name: "network_people", conflict: "(id)"},
		{name: "network_shipments", conflict: "(id) WHERE id <> ''"},
	}
	var err error
	if t[0].rows, err = encodeRecords(op, recs.Companies, func(c *tripline.NetworkCompany) string { return c.ID }); err != nil {
		return t, err
	}
	if t[1].rows, err = encodeRecords(op, recs.People, func(p *tripline.NetworkPerson) string { return p.ID }); err != nil {
		return t, err
	}
	t[2].rows, err = encodeRecords(op, recs.Shipments, func(s *tripline.NetworkShipment) string { return s.ID })
	return t, err
}

func encodeRecords[T any](op string, recs []T, id func(*T) string) ([]netRow, error) {
	out := make([]netRow, len(recs))
	for i := range recs {
		data, err := json.Marshal(&recs[i])
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "cannot encode a network record", Err: err}
		}
		out[i] = netRow{id: id(&recs[i]), data: data}
	}
	return out, nil
}

// ImportNetwork validates recs and writes them in one transaction,
// replacing every stored record or merging with them by id, and returns
// the state after it.
func (s *Store) ImportNetwork(ctx context.Context, recs *tripline.NetworkRecords, mode tripline.NetworkMode) (st tripline.NetworkState, err error) {
	const op = "sqlite.ImportNetwork"
	if recs == nil {
		recs = &tripline.NetworkRecords{}
	}
	if mode != tripline.NetworkReplace && mode != tripline.NetworkMerge {
		return st, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "unknown network import mode"}
	}
	if err := recs.Validate(); err != nil {
		return st, err
	}
	tables, err := networkTables(op, recs)
	if err != nil {
		return st, err
	}
	fail := func(msg string, err error) error {
		if ctx.Err() != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindOther, Msg: "import cancelled", Err: ctx.Err()}
		}
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	// BEGIN IMMEDIATE (the store's _txlock): imports are serialised.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return st, fail("cannot begin the import", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	for _, t := range tables {
		if mode == tripline.NetworkReplace {
			if _, err = tx.ExecContext(ctx, `DELETE FROM `+t.name); err != nil {
				return st, fail("cannot replace the network records", err)
			}
		}
		if err = insertNetworkRows(ctx, tx, t); err != nil {
			return st, fail("cannot write the network records", err)
		}
	}
	st.ChangedAt = s.Now().UTC().Truncate(time.Microsecond)
	if err = tx.QueryRowContext(ctx, `UPDATE network_state SET version = version + 1,
		companies = (SELECT count(*) FROM network_companies),
		people = (SELECT count(*) FROM network_people),
		shipments = (SELECT count(*) FROM network_shipments),
		changed_at = ? WHERE one = 1
		RETURNING version, companies, people, shipments`, st.ChangedAt.Format(time.RFC3339Nano)).Scan(&st.Version, &st.Companies, &st.People, &st.Shipments); err != nil {
		return st, fail("cannot count the network records", err)
	}
	if err = tx.Commit(); err != nil {
		return st, fail("cannot commit the import", err)
	}
	return st, nil
}

// insertNetworkRows adds t's rows after the stored ones, a batch of rows
// a statement; a row with the id of a stored one replaces its data in its
// place.
func insertNetworkRows(ctx context.Context, tx *sql.Tx, t netTable) error {
	const batchRows = 300 // 3 parameters each, well under SQLite's limit
	var base int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM `+t.name).Scan(&base); err != nil {
		return err
	}
	args := make([]any, 0, 3*batchRows)
	for start := 0; start < len(t.rows); start += batchRows {
		batch := t.rows[start:min(start+batchRows, len(t.rows))]
		args = args[:0]
		for i, r := range batch {
			args = append(args, base+int64(start+i)+1, r.id, string(r.data))
		}
		q := `INSERT INTO ` + t.name + ` (seq, id, data) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?),", len(batch)), ",") +
			` ON CONFLICT ` + t.conflict + ` DO UPDATE SET data = excluded.data`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// Network returns every stored record in import order and the state they
// are at, in one read transaction (a consistent snapshot of the database
// in WAL mode; imports go on meanwhile).
func (s *Store) Network(ctx context.Context) (*tripline.NetworkRecords, tripline.NetworkState, error) {
	const op = "sqlite.Network"
	var st tripline.NetworkState
	fail := func(err error) (*tripline.NetworkRecords, tripline.NetworkState, error) {
		return nil, st, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the network records", Err: err}
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	// A deferred transaction, not the store's BEGIN IMMEDIATE: a reader
	// must not hold up imports.
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	if st, err = networkState(ctx, conn); err != nil {
		return fail(err)
	}
	recs := &tripline.NetworkRecords{}
	if recs.Companies, err = readNetworkRows[tripline.NetworkCompany](ctx, conn, "network_companies", st.Companies); err != nil {
		return fail(err)
	}
	if recs.People, err = readNetworkRows[tripline.NetworkPerson](ctx, conn, "network_people", st.People); err != nil {
		return fail(err)
	}
	if recs.Shipments, err = readNetworkRows[tripline.NetworkShipment](ctx, conn, "network_shipments", st.Shipments); err != nil {
		return fail(err)
	}
	return recs, st, nil
}

func readNetworkRows[T any](ctx context.Context, q querier, table string, n int) ([]T, error) {
	rows, err := q.QueryContext(ctx, `SELECT data FROM `+table+` ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]T, 0, n)
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// NetworkState returns the change counter and the counts of the records.
func (s *Store) NetworkState(ctx context.Context) (tripline.NetworkState, error) {
	st, err := networkState(ctx, s.db)
	if err != nil {
		return st, &tripline.Error{Op: "sqlite.NetworkState", Kind: tripline.KindInternal, Msg: "cannot read the network records", Err: err}
	}
	return st, nil
}

func networkState(ctx context.Context, q querier) (tripline.NetworkState, error) {
	var st tripline.NetworkState
	var at string
	if err := q.QueryRowContext(ctx, `SELECT version, companies, people, shipments, changed_at FROM network_state WHERE one = 1`).
		Scan(&st.Version, &st.Companies, &st.People, &st.Shipments, &at); err != nil {
		return st, err
	}
	if at != "" {
		st.ChangedAt, _ = time.Parse(time.RFC3339Nano, at)
	}
	return st, nil
}
