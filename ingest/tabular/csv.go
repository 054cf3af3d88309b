package tabular

import (
	"bytes"
	"io"

	"github.com/tripline/tripline"
)

// CSV splits a comma-separated file into records (RFC 4180: quoted fields
// may hold commas, doubled quotes and line breaks). Blank lines are
// skipped. Unlike encoding/csv, whose records it otherwise returns
// unchanged, it recovers from quoting errors: the record is a row error
// at its first line and reading resumes at the line after it.
type CSV struct {
	lines  *Lines
	replay []line // lines read ahead by a broken record, to read again
}

// line is one line of input, or the row error that stood in its place.
type line struct {
	text []byte
	n    int
	err  error
}

// NewCSV returns a record reader over r; file names it in errors.
func NewCSV(r io.Reader, file string) *CSV {
	return &CSV{lines: NewLines(r, file, MaxRecordBytes)}
}

// File is the name of the file in errors.
func (c *CSV) File() string { return c.lines.file }

// next returns the next line, a line to read again first; kept says the
// bytes stay valid (a line read again) rather than until the next call.
func (c *CSV) next() (l line, kept bool) {
	if len(c.replay) > 0 {
		l = c.replay[0]
		c.replay = c.replay[1:]
		return l, true
	}
	text, n, err := c.lines.Next()
	return line{text, n, err}, false
}

// Next returns the next record and the line it starts on. A record that
// cannot be read is a row error at that line, returned with the fields
// read before the broken one (a record starts at the start of its line,
// so they are right: the id in a first column, say); reading may go on.
// The end is io.EOF; other errors are fatal.
func (c *CSV) Next() ([]string, int, error) {
	for {
		l, _ := c.next()
		if l.err != nil {
			return nil, l.n, l.err
		}
		if len(l.text) == 0 {
			continue
		}
		rec, err := c.parse(l)
		return rec, l.n, err
	}
}

// parse reads the record that starts on first, reading the lines of its
// quoted fields that span lines. On a quoting error the lines read after
// the first are put back to be read again.
func (c *CSV) parse(first line) ([]string, error) {
	var fields []string
	var spanned []line // lines after the first, for replay
	fail := func(err error) ([]string, error) {
		c.replay = append(spanned, c.replay...)
		return fields, err
	}
	rowErr := func(format string, args ...any) error {
		return tripline.ParseErrorf(c.lines.file, first.n, format, args...)
	}
	text, pos, size := first.text, 0, len(first.text)
	var fb []byte
	for {
		if pos >= len(text) || text[pos] != '"' {
			// An unquoted field runs to the next comma; a quote in it is
			// taken as it is.
			i := bytes.IndexByte(text[pos:], ',')
			if i < 0 {
				return append(fields, string(text[pos:])), nil
			}
			fields = append(fields, string(text[pos:pos+i]))
			pos += i + 1
			continue
		}
		pos++
		fb = fb[:0]
		for {
			i := bytes.IndexByte(text[pos:], '"')
			if i < 0 {
				// The field goes on on the next line.
				fb = append(fb, text[pos:]...)
				fb = append(fb, '\n')
				l, kept := c.next()
				if l.err == io.EOF {
					return fail(rowErr("a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: \"\")"))
				}
				if l.err != nil && !IsRowError(l.err) {
					return nil, l.err
				}
				if !kept && l.err == nil {
					l.text = bytes.Clone(l.text)
				}
				spanned = append(spanned, l)
				size += len(l.text)
				if l.err != nil || size > MaxRecordBytes || len(spanned) >= MaxRecordLines {
					return fail(rowErr("a quoted field that starts on this line is not closed within %d lines or %s", MaxRecordLines, byteSize(MaxRecordBytes)))
				}
				text, pos = l.text, 0
				continue
			}
			fb = append(fb, text[pos:pos+i]...)
			pos += i + 1
			if pos < len(text) && text[pos] == '"' {
				fb = append(fb, '"')
				pos++
				continue
			}
			break
		}
		fields = append(fields, string(fb))
		switch {
		case pos == len(text):
			return fields, nil
		case text[pos] == ',':
			pos++
		default:
			fields = fields[:len(fields)-1] // the broken one
			return fail(rowErr("field %d: text after a closing quote (a quote inside a quoted field is written twice: \"\")", len(fields)))
		}
	}
}
