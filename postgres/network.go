package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.NetworkStore = (*Store)(nil)

// netTable is one record kind's table and rows.
type netTable struct {
	name string
	// conflict is the ON CONFLICT target (shipments without an id never
	// conflict).
	conflict string
	ids      []string
	data     []string
}

// networkTables encodes recs for the three tables, in their order.
func networkTables(op string, recs *tripline.NetworkRecords) ([3]netTable, error) {
	t := [3]netTable{
		{name: "network_companies", conflict: "(id)"},
		{name: "network_people", conflict: "(id)"},
		{name: "network_shipments", conflict: "(id) WHERE id <> ''"},
	}
	var err error
	if t[0].ids, t[0].data, err = encodeRecords(op, recs.Companies, func(c *tripline.NetworkCompany) string { return c.ID }); err != nil {
		return t, err
	}
	if t[1].ids, t[1].data, err = encodeRecords(op, recs.People, func(p *tripline.NetworkPerson) string { return p.ID }); err != nil {
		return t, err
	}
	t[2].ids, t[2].data, err = encodeRecords(op, recs.Shipments, func(s *tripline.NetworkShipment) string { return s.ID })
	return t, err
}

func encodeRecords[T any](op string, recs []T, id func(*T) string) (ids, data []string, err error) {
	ids, data = make([]string, len(recs)), make([]string, len(recs))
	for i := range recs {
		// JSON is valid UTF-8 with NUL escaped, so always storable text;
		// Validate keeps the ids so.
		b, err := json.Marshal(&recs[i])
		if err != nil {
			return nil, nil, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "cannot encode a network record", Err: err}
		}
		ids[i], data[i] = id(&recs[i]), string(b)
	}
	return ids, data, nil
}

// ImportNetwork validates recs and writes them in one transaction,
// replacing every stored record or merging with them by id, and returns
// the state after it. The state row is updated first: its lock
// serialises imports across every process on the database.
func (s *Store) ImportNetwork(ctx context.Context, recs *tripline.NetworkRecords, mode tripline.NetworkMode) (st tripline.NetworkState, err error) {
	const op = "postgres.ImportNetwork"
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
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return st, fail("cannot begin the import", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	st.ChangedAt = s.Now().UTC().Truncate(time.Microsecond)
	if err = tx.QueryRow(ctx, `UPDATE network_state SET version = version + 1, changed_at = $1 WHERE one = 1 RETURNING version`, st.ChangedAt).Scan(&st.Version); err != nil {
		return st, fail("cannot lock the network records", err)
	}
	for _, t := range tables {
		if mode == tripline.NetworkReplace {
			if _, err = tx.Exec(ctx, `DELETE FROM `+t.name); err != nil {
				return st, fail("cannot replace the network records", err)
			}
		}
		if err = insertNetworkRows(ctx, tx, t); err != nil {
			return st, fail("cannot write the network records", err)
		}
	}
	if err = tx.QueryRow(ctx, `UPDATE network_state SET
		companies = (SELECT count(*) FROM network_companies),
		people = (SELECT count(*) FROM network_people),
		shipments = (SELECT count(*) FROM network_shipments)
		WHERE one = 1 RETURNING companies, people, shipments`).Scan(&st.Companies, &st.People, &st.Shipments); err != nil {
		return st, fail("cannot count the network records", err)
	}
	if err = tx.Commit(ctx); err != nil {
		return st, fail("cannot commit the import", err)
	}
	return st, nil
}

// insertNetworkRows adds t's rows after the stored ones, a batch of rows
// a statement (as arrays, unnested); a row with the id of a stored one
// replaces its data in its place.
func insertNetworkRows(ctx context.Context, tx pgx.Tx, t netTable) error {
	const batchRows = 5000
	var base int64
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM `+t.name).Scan(&base); err != nil {
		return err
	}
	q := `INSERT INTO ` + t.name + ` (seq, id, data)
		SELECT $1::bigint + r.n, r.id, r.data FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS r(id, data, n)
		ON CONFLICT ` + t.conflict + ` DO UPDATE SET data = excluded.data`
	for start := 0; start < len(t.ids); start += batchRows {
		end := min(start+batchRows, len(t.ids))
		if _, err := tx.Exec(ctx, q, base+int64(start), t.ids[start:end], t.data[start:end]); err != nil {
			return err
		}
	}
	return nil
}

// Network returns every stored record in import order and the state they
// are at, in one read-only REPEATABLE READ transaction (one snapshot;
// imports go on meanwhile).
func (s *Store) Network(ctx context.Context) (*tripline.NetworkRecords, tripline.NetworkState, error) {
	const op = "postgres.Network"
	var st tripline.NetworkState
	fail := func(err error) (*tripline.NetworkRecords, tripline.NetworkState, error) {
		return nil, st, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the network records", Err: err}
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if st, err = networkState(ctx, tx); err != nil {
		return fail(err)
	}
	recs := &tripline.NetworkRecords{}
	if recs.Companies, err = readNetworkRows[tripline.NetworkCompany](ctx, tx, "network_companies", st.Companies); err != nil {
		return fail(err)
	}
	if recs.People, err = readNetworkRows[tripline.NetworkPerson](ctx, tx, "network_people", st.People); err != nil {
		return fail(err)
	}
	if recs.Shipments, err = readNetworkRows[tripline.NetworkShipment](ctx, tx, "network_shipments", st.Shipments); err != nil {
		return fail(err)
	}
	return recs, st, nil
}

func readNetworkRows[T any](ctx context.Context, q querier, table string, n int) ([]T, error) {
	rows, err := q.Query(ctx, `SELECT data FROM `+table+` ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]T, 0, n)
	for rows.Next() {
		// The row's bytes are valid until the next row; Unmarshal copies
		// what it keeps.
		raw := rows.RawValues()
		var v T
		if err := json.Unmarshal(raw[0], &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// NetworkState returns the change counter and the counts of the records.
func (s *Store) NetworkState(ctx context.Context) (tripline.NetworkState, error) {
	st, err := networkState(ctx, s.pool)
	if err != nil {
		return st, &tripline.Error{Op: "postgres.NetworkState", Kind: tripline.KindInternal, Msg: "cannot read the network records", Err: err}
	}
	return st, nil
}

func networkState(ctx context.Context, q querier) (tripline.NetworkState, error) {
	var st tripline.NetworkState
	var at *time.Time
	var c, p, sh int32
	if err := q.QueryRow(ctx, `SELECT version, companies, people, shipments, changed_at FROM network_state WHERE one = 1`).
		Scan(&st.Version, &c, &p, &sh, &at); err != nil {
		return st, err
	}
	st.Companies, st.People, st.Shipments = int(c), int(p), int(sh)
	if at != nil {
		st.ChangedAt = at.UTC()
	}
	return st, nil
}
