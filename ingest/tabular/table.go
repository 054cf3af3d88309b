package tabular

import (
	"io"
	"strings"

	"github.com/tripline/tripline"
)

// Table is a CSV file with a header row naming its columns.
type Table struct {
	csv    *CSV
	header []string
	col    map[string]int
	width  int // values in the header record
}

// NewTable reads the header row of a CSV file: the first record, its
// names trimmed and compared without regard to case. A name given twice,
// or a header that cannot be read, is an error (a row error at the
// header's line) and there is nothing to read. An empty input is a table
// without columns or rows.
func NewTable(r io.Reader, file string) (*Table, error) {
	c := NewCSV(r, file)
	t := &Table{csv: c, col: map[string]int{}}
	head, n, err := c.Next()
	if err == io.EOF {
		return t, nil
	}
	if err != nil {
		return nil, err
	}
	t.width = len(head)
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if _, dup := t.col[h]; dup {
			return nil, tripline.ParseErrorf(file, n, "column %q appears twice in the header", h)
		}
		t.col[h] = i
		t.header = append(t.header, h)
	}
	return t, nil
}

// File is the name of the file in errors.
func (t *Table) File() string { return t.csv.File() }

// Columns are the header's column names, lower case, in file order.
func (t *Table) Columns() []string { return t.header }

// Has reports whether the header names col (lower case).
func (t *Table) Has(col string) bool {
	_, ok := t.col[col]
	return ok
}

// Row is one record of a Table.
type Row struct {
	// Line is the line the record starts on.
	Line   int
	fields []string
	t      *Table
}

// Next returns the next row. A record with more values than the header has
// columns (a comma in an unquoted value, most often) is a row error, as is
// a record that cannot be read, whose Row then holds the values before the
// broken one; reading may go on. The end is io.EOF.
func (t *Table) Next() (Row, error) {
	if t.header == nil {
		return Row{}, io.EOF
	}
	rec, n, err := t.csv.Next()
	if err != nil {
		return Row{Line: n, fields: rec, t: t}, err // the values before a broken one
	}
	r := Row{Line: n, fields: rec, t: t}
	for i := t.width; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			return r, r.Errorf("%d values, but the header has %d columns (quote a value that holds a comma)", len(rec), t.width)
		}
	}
	return r, nil
}

// Get returns the value of column col (lower case), trimmed; "" when the
// header has no such column or the row is short.
func (r Row) Get(col string) string {
	if r.t == nil {
		return ""
	}
	if i, ok := r.t.col[col]; ok && i < len(r.fields) {
		return strings.TrimSpace(r.fields[i])
	}
	return ""
}

// Empty reports whether every value of the row is blank.
func (r Row) Empty() bool {
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// Errorf returns a row error at r.
func (r Row) Errorf(format string, args ...any) *tripline.Error {
	file := ""
	if r.t != nil {
		file = r.t.File()
	}
	return tripline.ParseErrorf(file, r.Line, format, args...)
}
