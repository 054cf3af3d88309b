package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/tripline/tripline"
)

// MaxRecordBytes is the longest CSV record (a row, with the lines of its
// quoted fields) the readers accept; a longer one is a TooLarge row error.
// No valid row of a user's file comes near it: a name is at most
// tripline.MaxNameBytes.
const MaxRecordBytes = 1 << 20

// MaxRecordLines is the most lines a CSV record may span through quoted
// fields holding line breaks.
const MaxRecordLines = 256

// IsRowError reports whether err is a row error (a bad row, after which
// reading goes on) rather than io.EOF or a fatal error.
func IsRowError(err error) bool { return tripline.ParseErrorOf(err) != nil }

// RowError places err (a validation error, say) at line of file: the
// result is a row error of err's kind with err's user message.
func RowError(file string, line int, err error) *tripline.Error {
	k := tripline.ErrorKind(err)
	if k != tripline.KindTooLarge {
		k = tripline.KindInvalid
	}
	return &tripline.Error{Kind: k, Msg: tripline.ErrorMessage(err), Position: tripline.Position{File: file, Line: line}}
}

// Lines reads a file a line at a time, numbering the lines from 1.
type Lines struct {
	br   *bufio.Reader
	file string
	max  int
	n    int
	buf  []byte
	eof  bool
	err  error // sticky: io.EOF or a fatal error
}

// NewLines returns a reader of r's lines; file names it in errors. A
// line longer than max bytes is a TooLarge row error. A UTF-8 byte order
// mark at the start is dropped.
func NewLines(r io.Reader, file string, max int) *Lines {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &Lines{br: br, file: file, max: max}
}

// File is the name of the file in errors.
func (l *Lines) File() string { return l.file }

// Line is the number of the line Next returned last.
func (l *Lines) Line() int { return l.n }

// Next returns the next line without its line end ("\n", "\r\n", or a
// "\r" just before the end of the input) and its number. The bytes are
// valid until the next call. A line over the limit is read to its end
// without being kept and returned as a row error; reading may go on. At
// the end Next returns io.EOF; a read error is fatal.
func (l *Lines) Next() ([]byte, int, error) {
	if l.err != nil {
		return nil, l.n, l.err
	}
	if l.eof {
		l.err = io.EOF
		return nil, l.n, io.EOF
	}
	l.buf = l.buf[:0]
	size, long := 0, false
	for {
		chunk, err := l.br.ReadSlice('\n')
		size += len(chunk)
		if !long && size > l.max+2 { // room for "\r\n"
			long, l.buf = true, l.buf[:0]
		}
		if !long {
			l.buf = append(l.buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF {
			l.eof = true
			if size == 0 {
				l.err = io.EOF
				return nil, l.n, io.EOF
			}
		} else if err != nil {
			l.err = &tripline.Error{Kind: tripline.KindInvalid, Msg: "cannot read " + l.file, Err: err}
			return nil, l.n, l.err
		}
		break
	}
	l.n++
	b := l.buf
	if bytes.HasSuffix(b, []byte("\n")) {
		b = b[:len(b)-1]
	}
	if bytes.HasSuffix(b, []byte("\r")) {
		b = b[:len(b)-1]
	}
	if l.n == 1 {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	if long || len(b) > l.max {
		return nil, l.n, &tripline.Error{Kind: tripline.KindTooLarge, Msg: "the line is longer than " + byteSize(l.max),
			Position: tripline.Position{File: l.file, Line: l.n}}
	}
	return b, l.n, nil
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}
