package tabular

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"

	"github.com/tripline/tripline"
)

// The results of a screening run are written in one of two shapes, the
// same whoever writes them (`tripline screen`, the web interface's batch
// screening): JSON lines, one result a line, or CSV, one row a match.

// ResultCSVColumns is the header of a CSV file of screening results.
var ResultCSVColumns = []string{"id", "match_id", "source", "source_id", "name", "matched_name", "score", "error"}

// ResultLine is one JSON output line: a result, or the reason its row
// could not be screened.
type ResultLine struct {
	tripline.Result
	Error string `json:"error,omitempty"`
}

// WriteResultJSON writes r as one JSON line, with "matches" always an
// array; rowErr, when not empty, is the reason the row could not be
// screened, written as "error".
func WriteResultJSON(w io.Writer, r tripline.Result, rowErr string) error {
	if r.Matches == nil {
		r.Matches = []tripline.Match{}
	}
	b, err := json.Marshal(ResultLine{r, rowErr})
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// WriteResultCSV writes r as one CSV row a match (ResultCSVColumns), or
// one row with only the id (and rowErr) for a result without matches.
func WriteResultCSV(w *csv.Writer, r tripline.Result, rowErr string) error {
	if len(r.Matches) == 0 {
		return w.Write([]string{r.ID, "", "", "", "", "", "", rowErr})
	}
	for _, mt := range r.Matches {
		if err := w.Write([]string{r.ID, mt.ID, mt.Source, mt.SourceID, mt.Name, mt.MatchedName, strconv.FormatFloat(mt.Score, 'f', 3, 64), ""}); err != nil {
			return err
		}
	}
	return nil
}
