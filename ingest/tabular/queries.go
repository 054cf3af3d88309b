package tabular

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/internal/strictjson"
)

// MaxQueryLine is the longest JSON line a query may take; a valid query
// (a name within tripline.MaxNameBytes, at most tripline.MaxIdentifiers
// identifiers) is far shorter.
const MaxQueryLine = 1 << 20

// QueryColumns are the CSV columns of a file of queries, besides the
// identifier columns (IdentifierColumns): id and name, and the optional
// type, country and birth_date. A header needs id and a name or an
// identifier column; other columns are ignored.
var QueryColumns = []string{"id", "name", "type", "country", "birth_date"}

// IdentifierColumns are the CSV columns read as identifiers, in order,
// each with the identifier type it gives ("" for a value of unknown type).
var IdentifierColumns = []struct{ Column, Type string }{
	{"passport", "passport"}, {"national_id", "national_id"}, {"tax", "tax"}, {"tax_id", "tax"},
	{"registration", "registration"}, {"registration_number", "registration"}, {"imo", "imo"},
	{"mmsi", "mmsi"}, {"lei", "lei"}, {"swift_bic", "swift_bic"}, {"bic", "swift_bic"},
	{"identifier", ""}, {"id_number", ""},
}

// QueryReader reads parties to screen — the input of `tripline screen`,
// and the rows of a monitored book, which has the same columns — from CSV
// (QueryColumns, IdentifierColumns) or JSON lines (tripline.Query
// objects; members Query does not know are ignored).
type QueryReader struct {
	// RequireID makes a row without an id a row error (a book's parties
	// are known by their ids).
	RequireID bool

	table *Table
	jl    *JSONLines
	line  int
}

// NewQueryReader returns a reader of the queries in r, in format f
// (FormatAuto: from file, the name shown in errors, and the first bytes).
// A CSV header without an id column, or without a name or identifier
// column, is an error.
func NewQueryReader(r io.Reader, file string, f Format) (*QueryReader, error) {
	f, br := detect(r, f, file)
	if f == FormatJSONL {
		return &QueryReader{jl: NewJSONLines(br, file, MaxQueryLine, false)}, nil
	}
	t, err := NewTable(br, file)
	if err != nil {
		return nil, err
	}
	if len(t.Columns()) > 0 {
		if !t.Has("id") {
			return nil, tripline.ParseErrorf(file, 1, "the header has no id column (want id,name[,type,country,birth_date,...])")
		}
		ok := t.Has("name")
		for _, c := range IdentifierColumns {
			ok = ok || t.Has(c.Column)
		}
		if !ok {
			return nil, tripline.ParseErrorf(file, 1, "the header has no name column (want id,name[,type,country,birth_date,...])")
		}
	}
	return &QueryReader{table: t}, nil
}

// Line is the line of the query Next returned last.
func (qr *QueryReader) Line() int { return qr.line }

// Next returns the next query, valid and normalised (NormalizeQuery). For
// a bad row it returns what it could read of the query (its ID, when
// known) with a row error at the row's line; Next may then be called
// again. The end is io.EOF; other errors are fatal.
func (qr *QueryReader) Next() (tripline.Query, error) {
	var q tripline.Query
	var file string
	if qr.jl != nil {
		file = qr.jl.File()
		b, n, err := qr.jl.Raw()
		qr.line = n
		if err != nil {
			return q, err
		}
		if err := decodeQuery(b, &q); err != nil {
			return q, RowError(file, n, err)
		}
	} else {
		file = qr.table.File()
		row, err := qr.table.Next()
		qr.line = row.Line
		q.ID = row.Get("id")
		if err != nil {
			return q, err
		}
		q.Name, q.Type, q.Country, q.BirthDate = row.Get("name"), row.Get("type"), row.Get("country"), row.Get("birth_date")
		for _, c := range IdentifierColumns {
			if v := row.Get(c.Column); v != "" {
				q.Identifiers = append(q.Identifiers, tripline.Identifier{Type: c.Type, Value: v})
			}
		}
	}
	if qr.RequireID && strings.TrimSpace(q.ID) == "" {
		return q, tripline.ParseErrorf(file, qr.line, "the row has no id")
	}
	if err := NormalizeQuery(&q); err != nil {
		return q, RowError(file, qr.line, err)
	}
	return q, nil
}

// decodeQuery decodes one JSON query; on failure q keeps only its id,
// when the line is an object with one.
func decodeQuery(b []byte, q *tripline.Query) error {
	err := strictjson.Decode(b, q, false)
	if err != nil {
		var id struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(b, &id)
		*q = tripline.Query{ID: id.ID}
	}
	return err
}

// NormalizeQuery validates q (tripline.Query.Validate) and writes it the
// way every path screens it: its type in canonical form
// (tripline.ParseQueryType) and its country as an ISO 3166-1 alpha-2 code
// where the name or code is known. The readers, the HTTP API and
// `tripline explain` all call it, so that a query is screened alike
// whichever way it comes.
func NormalizeQuery(q *tripline.Query) error {
	if err := q.Validate(); err != nil {
		return err
	}
	t, err := tripline.ParseQueryType(q.Type)
	if err != nil {
		return err
	}
	q.Type = string(t)
	if c := country.Code(q.Country); c != "" {
		q.Country = c
	}
	return nil
}
