package tabular

import (
	"bytes"
	"io"

	"github.com/tripline/tripline/internal/strictjson"
)

// JSONLines reads a file of one JSON value a line; blank lines are
// skipped.
type JSONLines struct {
	lines  *Lines
	strict bool
}

// NewJSONLines returns a reader of r's JSON lines, each at most maxLine
// bytes; with strict set, a member no field of the target takes is an
// error that names it.
func NewJSONLines(r io.Reader, file string, maxLine int, strict bool) *JSONLines {
	return &JSONLines{lines: NewLines(r, file, maxLine), strict: strict}
}

// File is the name of the file in errors.
func (j *JSONLines) File() string { return j.lines.file }

// Next decodes the next line that is not blank into v (pass a fresh
// value each time) and returns its line number. A line that is not one
// JSON value of v's shape is a row error, and reading may go on; the end
// is io.EOF.
func (j *JSONLines) Next(v any) (int, error) {
	for {
		b, n, err := j.lines.Next()
		if err != nil {
			return n, err
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		if err := strictjson.Decode(b, v, j.strict); err != nil {
			return n, RowError(j.lines.file, n, err)
		}
		return n, nil
	}
}

// Raw returns the next line that is not blank, trimmed, and its number,
// for a reader that decodes in its own way. The bytes are valid until the
// next call.
func (j *JSONLines) Raw() ([]byte, int, error) {
	for {
		b, n, err := j.lines.Next()
		if err != nil {
			return nil, n, err
		}
		if b = bytes.TrimSpace(b); len(b) > 0 {
			return b, n, nil
		}
	}
}
