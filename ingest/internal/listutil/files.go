package listutil

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
)

// ReadFiles opens each of files in turn and passes it to read, counting
// the bytes read so that opt.Progress hears of progress over all the files
// together. op names the reader in errors ("dpl.Read"). It stops at the
// first error.
func ReadFiles(files []string, opt fileutil.Options, op string, read func(path string, r io.Reader) error) error {
	total := fileutil.TotalSize(files...)
	var base int64
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
		}
		c := &fileutil.Counter{R: f, Base: base, Total: total, Progress: opt.Progress}
		err = read(path, c)
		f.Close()
		if err != nil {
			return err
		}
		base += c.N
	}
	return nil
}

// TailReader passes reads through from R and remembers how many bytes it
// has read and the last of them, to tell a file cut inside its last row
// from a complete one.
type TailReader struct {
	R    io.Reader
	N    int64 // bytes read so far
	Last byte  // the last byte read
}

// Read reads from R.
func (t *TailReader) Read(p []byte) (int, error) {
	n, err := t.R.Read(p)
	if n > 0 {
		t.N += int64(n)
		t.Last = p[n-1]
	}
	return n, err
}

// EndsInsideRow reports whether something was read and the last byte was
// not a line feed.
func (t *TailReader) EndsInsideRow() bool { return t.N > 0 && t.Last != '\n' }

// IsISODate reports whether s is a full ISO date, YYYY-MM-DD (digits only;
// the values are not checked).
func IsISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, r := range s {
		if i != 4 && i != 7 && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// CSVRows reads the data rows that follow the header row of cr, whose
// columns col indexes (ncol of them), and passes each to row with its line
// number and a getter of trimmed cells by column name. tail must be the
// reader under cr. Every `every` rows it checks ctx. It stops with a
// parse error at a row whose field count is not the header's, or when the
// input ends inside a row; csvErr turns a read error into the caller's
// error, and an error from row is returned as it is.
func CSVRows(ctx context.Context, cr *csv.Reader, tail *TailReader, path string, col map[string]int, ncol, every int,
	csvErr func(path string, err error) error, row func(line int, get func(name string) string) error) error {
	lastLine := 1
	for n := 0; ; n++ {
		if n%every == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			if tail.EndsInsideRow() {
				return fileutil.Errf(path, lastLine, "the file ends inside a row, without a line break (truncated?)")
			}
			return nil
		}
		if err != nil {
			return csvErr(path, err)
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if len(rec) != ncol {
			return fileutil.Errf(path, line, "row has %d fields, the header %d (truncated or malformed row)", len(rec), ncol)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := row(line, get); err != nil {
			return err
		}
	}
}

// HeaderColumns returns the column names of the first line of head (a
// byte-order mark and a CR are dropped, names trimmed of spaces and
// quotes), split at sep. Detect functions use it to recognise a header.
func HeaderColumns(head []byte, sep string) map[string]bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	cols := map[string]bool{}
	for _, c := range strings.Split(string(line), sep) {
		cols[strings.Trim(strings.TrimSpace(c), `"`)] = true
	}
	return cols
}
