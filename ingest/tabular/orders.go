package tabular

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/strictjson"
)

// MaxOrderLine is the longest JSON line (one transaction) an OrderReader
// accepts.
const MaxOrderLine = 4 << 20

// The CSV form of transactions, for spreadsheet users: one row per order
// line (item); rows with the same id, one after the other, make one
// transaction. The header names the columns, in any order, any subset:
//
//	id, date, end_use, notes
//	route_origin, route_transit (countries separated by ; or space), route_destination
//	payment_method, payer_country, payment_currency
//	ROLE_name, ROLE_country, ROLE_address, ROLE_email, ROLE_phone,
//	ROLE_registered, ROLE_industry, ROLE_website
//	    for ROLE in seller, buyer, consignee, end_user, freight_forwarder,
//	    payer, notify_party (one party per role)
//	item_description, item_hs_code, item_part_number, item_manufacturer,
//	item_quantity, item_unit_value, item_currency, item_eccn
//
// Order and party columns are read from the first row of a transaction;
// later rows may repeat them or leave them empty. A row whose item columns
// are all empty adds no item.
var (
	csvOrderCols   = []string{"id", "date", "end_use", "notes", "route_origin", "route_transit", "route_destination", "payment_method", "payer_country", "payment_currency"}
	csvPartyFields = []string{"name", "country", "address", "email", "phone", "registered", "industry", "website"}
	csvItemCols    = []string{"item_description", "item_hs_code", "item_part_number", "item_manufacturer", "item_quantity", "item_unit_value", "item_currency", "item_eccn"}
)

// OrderCSVColumns lists every column the CSV form of orders knows, in a
// good order.
func OrderCSVColumns() []string {
	cols := append([]string{}, csvOrderCols...)
	for _, r := range tripline.PartyRoles {
		for _, f := range csvPartyFields {
			cols = append(cols, r+"_"+f)
		}
	}
	return append(cols, csvItemCols...)
}

// OrderReader reads orders and shipments (tripline.Transaction) from JSON
// lines (one transaction object a line; a member it does not know is an
// error that names it) or from the CSV form (OrderCSVColumns).
type OrderReader struct {
	jl    *JSONLines
	table *Table
	line  int

	// CSV: the order being read, the row error that may belong to the
	// order before it or after it, and whether the input is exhausted.
	cur   *orderGroup
	taint *tripline.Error
	done  bool
}

type orderGroup struct {
	tx   *tripline.Transaction
	line int
	err  error
}

// NewOrderReader returns a reader of the orders in r, in format f
// (FormatAuto: from file, the name shown in errors, and the first bytes).
// A CSV header with an unknown or repeated column, or without an id
// column, is an error.
func NewOrderReader(r io.Reader, file string, f Format) (*OrderReader, error) {
	f, br := detect(r, f, file)
	if f == FormatJSONL {
		return &OrderReader{jl: NewJSONLines(br, file, MaxOrderLine, true)}, nil
	}
	t, err := NewTable(br, file)
	if err != nil {
		return nil, err
	}
	if len(t.Columns()) == 0 {
		return &OrderReader{table: t}, nil
	}
	known := map[string]bool{}
	for _, c := range OrderCSVColumns() {
		known[c] = true
	}
	for _, c := range t.Columns() {
		if !known[c] {
			return nil, tripline.ParseErrorf(file, 1, "unknown column %q (see tripline check --help for the columns)", c)
		}
	}
	if !t.Has("id") {
		return nil, tripline.ParseErrorf(file, 1, "no id column")
	}
	return &OrderReader{table: t}, nil
}

// Line is the line where the transaction Next returned last starts.
func (o *OrderReader) Line() int { return o.line }

// Next returns the next transaction, validated
// (tripline.Transaction.Validate, which writes the roles in canonical
// form). For a bad one it returns what it could read (its ID, when known)
// with a row error at its line; Next may then be called again. The end is
// io.EOF; other errors are fatal.
//
// In CSV, a row that cannot be read (a quoting error, a row without an
// id) cannot be told apart: it may be a row of the order before it or of
// the order after it, so neither is checked, each reported with that
// row's error.
func (o *OrderReader) Next() (*tripline.Transaction, error) {
	if o.jl != nil {
		return o.nextJSON()
	}
	return o.nextCSV()
}

func (o *OrderReader) nextJSON() (*tripline.Transaction, error) {
	b, n, err := o.jl.Raw()
	o.line = n
	if err != nil {
		return nil, err
	}
	tx := &tripline.Transaction{}
	if err := strictjson.Decode(b, tx, true); err != nil {
		var id struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(b, &id)
		return &tripline.Transaction{ID: id.ID}, RowError(o.jl.File(), n, prefix("not a transaction object: ", err))
	}
	if err := tx.Validate(); err != nil {
		return tx, RowError(o.jl.File(), n, err)
	}
	return tx, nil
}

func prefix(p string, err error) error {
	return tripline.Errorf(tripline.ErrorKind(err), "%s%s", p, tripline.ErrorMessage(err))
}

func (o *OrderReader) nextCSV() (*tripline.Transaction, error) {
	for !o.done {
		row, err := o.table.Next()
		if err == io.EOF {
			o.done = true
			break
		}
		if err != nil && !IsRowError(err) {
			return nil, err
		}
		var id string
		if row.fields != nil {
			id = row.Get("id") // a row error with its values read belongs to its order
		}
		if id == "" {
			if err == nil {
				if row.Empty() {
					continue
				}
				err = row.Errorf("row without an id")
			}
			e := tripline.ParseErrorOf(err)
			o.taint = e
			if o.cur == nil {
				// Before the first order: reported on its own (and it
				// fails the order after it).
				o.line = e.Line
				return &tripline.Transaction{}, e
			}
			if o.cur.err == nil {
				o.cur.err = tainted(e, o.cur.tx.ID)
			}
			continue
		}
		if o.cur != nil && o.cur.tx.ID == id {
			o.taint = nil // between two rows of this order: its own
			o.addRow(o.cur, row, err)
			continue
		}
		g := &orderGroup{tx: newOrder(row), line: row.Line}
		if o.taint != nil {
			g.err = tainted(o.taint, id)
			o.taint = nil
		}
		o.addRow(g, row, err)
		prev := o.cur
		o.cur = g
		if prev != nil {
			return o.finish(prev)
		}
	}
	if g := o.cur; g != nil {
		o.cur = nil
		return o.finish(g)
	}
	return nil, io.EOF
}

// tainted is the error of order id, which a bad row may belong to.
func tainted(e *tripline.Error, id string) error {
	return &tripline.Error{Kind: e.Kind, Msg: fmt.Sprintf("%s; the row may belong to order %q, which is therefore not checked", e.Msg, id), Position: e.Position}
}

func (o *OrderReader) finish(g *orderGroup) (*tripline.Transaction, error) {
	o.line = g.line
	if g.err != nil {
		return g.tx, g.err
	}
	if err := g.tx.Validate(); err != nil {
		return g.tx, RowError(o.table.File(), g.line, err)
	}
	return g.tx, nil
}

// newOrder reads the order and party columns of the first row of an order.
func newOrder(row Row) *tripline.Transaction {
	tx := &tripline.Transaction{ID: row.Get("id"), Date: row.Get("date"), EndUse: row.Get("end_use"), Notes: row.Get("notes"),
		Route: tripline.Route{Origin: row.Get("route_origin"), Destination: row.Get("route_destination"),
			Transit: strings.FieldsFunc(row.Get("route_transit"), func(r rune) bool { return r == ';' || r == ' ' || r == ',' })},
		Payment: tripline.Payment{Method: row.Get("payment_method"), PayerCountry: row.Get("payer_country"), Currency: row.Get("payment_currency")},
	}
	for _, role := range tripline.PartyRoles {
		p := tripline.Party{Role: role, Name: row.Get(role + "_name"), Country: row.Get(role + "_country"),
			Address: row.Get(role + "_address"), Email: row.Get(role + "_email"), Phone: row.Get(role + "_phone"),
			Registered: row.Get(role + "_registered"), Industry: row.Get(role + "_industry"), Website: row.Get(role + "_website")}
		if p.Name != "" {
			tx.Parties = append(tx.Parties, p)
		}
	}
	return tx
}

// addRow adds the item of row to g; a bad row (rowErr) or a bad number
// fails the order.
func (o *OrderReader) addRow(g *orderGroup, row Row, rowErr error) {
	if rowErr != nil {
		if g.err == nil {
			g.err = rowErr
		}
		return
	}
	it := tripline.Item{Description: row.Get("item_description"), HSCode: row.Get("item_hs_code"), PartNumber: row.Get("item_part_number"),
		Manufacturer: row.Get("item_manufacturer"), Currency: row.Get("item_currency"), ECCN: row.Get("item_eccn")}
	for _, f := range []struct {
		col string
		dst *float64
	}{{"item_quantity", &it.Quantity}, {"item_unit_value", &it.UnitValue}} {
		s := strings.ReplaceAll(row.Get(f.col), ",", "")
		if s == "" {
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v != v {
			if g.err == nil {
				g.err = row.Errorf("%s %q is not a number", f.col, row.Get(f.col))
			}
			return
		}
		*f.dst = v
	}
	if it.Description != "" || it.HSCode != "" || it.PartNumber != "" {
		g.tx.Items = append(g.tx.Items, it)
	}
}

// ReadOrders reads every order of r, stopping at the first error of any
// kind: for callers that want all orders or none (a small file, a test).
func ReadOrders(r io.Reader, file string, f Format) ([]*tripline.Transaction, error) {
	or, err := NewOrderReader(r, file, f)
	if err != nil {
		return nil, err
	}
	var txs []*tripline.Transaction
	for {
		tx, err := or.Next()
		if err == io.EOF {
			return txs, nil
		}
		if err != nil {
			return txs, err
		}
		txs = append(txs, tx)
	}
}
