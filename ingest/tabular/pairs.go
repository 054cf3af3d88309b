package tabular

import (
	"io"
	"strings"

	"github.com/tripline/tripline"
)

// Pair is one row of a file of name pairs (`tripline compare`).
type Pair struct {
	// Row counts the data rows from 1, bad ones included, so that it is
	// the pair's number in the file whatever was refused before it.
	Row          int
	Name1, Name2 string
	// Schema is the canonical query type of the optional third column.
	Schema string
}

// PairReader reads CSV rows name1,name2[,schema]; a first row whose first
// value is "name1" is a header and skipped. Each name must be a valid
// query name (tripline.Query.Validate), the schema a known type.
type PairReader struct {
	csv   *CSV
	row   int
	first bool
}

// NewPairReader returns a reader of the pairs in r.
func NewPairReader(r io.Reader, file string) *PairReader {
	return &PairReader{csv: NewCSV(r, file), first: true}
}

// Next returns the next pair. A bad row is returned with its Row and a
// row error at its line; Next may then be called again. The end is
// io.EOF; other errors are fatal.
func (p *PairReader) Next() (Pair, error) {
	for {
		rec, n, err := p.csv.Next()
		if err == io.EOF || err != nil && !IsRowError(err) {
			return Pair{}, err
		}
		if p.first {
			p.first = false
			if err == nil && len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "name1") {
				continue
			}
		}
		p.row++
		pr := Pair{Row: p.row}
		if err != nil {
			return pr, err
		}
		for len(rec) > 2 && strings.TrimSpace(rec[len(rec)-1]) == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) < 2 || len(rec) > 3 {
			return pr, tripline.ParseErrorf(p.csv.File(), n, "%d values: want name1,name2[,schema] (quote a name that holds a comma)", len(rec))
		}
		pr.Name1, pr.Name2 = rec[0], rec[1]
		for i, name := range []string{pr.Name1, pr.Name2} {
			if strings.TrimSpace(name) == "" {
				return pr, tripline.ParseErrorf(p.csv.File(), n, "name%d is empty", i+1)
			}
			if err := (tripline.Query{Name: name}).Validate(); err != nil {
				return pr, RowError(p.csv.File(), n, tripline.Errorf(tripline.ErrorKind(err), "name%d: %s", i+1, tripline.ErrorMessage(err)))
			}
		}
		if len(rec) == 3 {
			t, err := tripline.ParseQueryType(rec[2])
			if err != nil {
				return pr, RowError(p.csv.File(), n, err)
			}
			pr.Schema = string(t)
		}
		return pr, nil
	}
}
