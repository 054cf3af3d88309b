package listutil

import (
	"io"
	"os"

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
