// Package xlsx is a small streaming reader for Office Open XML
// spreadsheets (.xlsx): it finds the worksheets through the workbook and
// its relationships, loads the shared-string table, and streams a sheet's
// rows as string cells, expanding cell references such as "AB12" and
// filling the gaps that the format leaves for empty cells.
//
// It reads values only: numbers and dates come back as the raw numeric text
// of the cell (dates are Excel serial numbers, see SerialDate), formulas
// as their cached value, and styles are ignored.
package xlsx

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

// Limits that keep a hostile file from exhausting memory.
const (
	maxColumns = 16384   // XFD, the widest sheet Excel allows
	maxRows    = 1048576 // Excel's row limit
	maxStrings = 1 << 28 // bytes of shared strings held in memory
)

// Sheet is one worksheet of a workbook.
type Sheet struct {
	// Name is the sheet's tab name.
	Name string
	// Part is its path inside the zip archive ("xl/worksheets/sheet1.xml").
	Part string
}

// Workbook is an open .xlsx file.
type Workbook struct {
	// Sheets are the worksheets in workbook order.
	Sheets []Sheet

	file    string // path or name, for errors
	zr      *zip.Reader
	closer  io.Closer
	sstPart string
	sst     []string
	sstRead bool
}

// Open opens the .xlsx file at path. Errors are parse errors (tripline.ParseErrorf)
// values for a file that is not a complete xlsx workbook.
func Open(path string) (*Workbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &tripline.Error{Op: "xlsx.Open", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &tripline.Error{Op: "xlsx.Open", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
	}
	w, err := New(f, fi.Size(), path)
	if err != nil {
		f.Close()
		return nil, err
	}
	w.closer = f
	return w, nil
}

// New reads a workbook from r, which holds size bytes; name identifies it
// in errors.
func New(r io.ReaderAt, size int64, name string) (*Workbook, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, tripline.ParseErrorAt(name, size, "not a complete XLSX (zip) file: %s; the file may be truncated", zipProblem(err))
	}
	w := &Workbook{file: name, zr: zr, sstPart: "xl/sharedStrings.xml"}
	if err := w.readWorkbook(); err != nil {
		return nil, err
	}
	return w, nil
}

// Close closes the file opened by Open.
func (w *Workbook) Close() error {
	if w.closer != nil {
		return w.closer.Close()
	}
	return nil
}

// zipProblem says in words what is wrong with a zip archive.
func zipProblem(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "not a valid zip file"
	case errors.Is(err, zip.ErrChecksum):
		return "checksum error"
	case errors.Is(err, zip.ErrAlgorithm):
		return "unsupported compression algorithm"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of data"
	}
	return err.Error()
}

func (w *Workbook) errf(part string, format string, args ...any) error {
	return tripline.ParseErrorf(w.file, 0, "%s: %s", part, fmt.Sprintf(format, args...))
}

func (w *Workbook) open(part string) (io.ReadCloser, error) {
	for _, f := range w.zr.File {
		if f.Name == part {
			rc, err := f.Open()
			if err != nil {
				return nil, w.errf(part, "cannot read: %v", err)
			}
			return rc, nil
		}
	}
	return nil, nil
}

// xmlErr describes a decoding error inside part at the decoder's offset.
// It always returns a parse error (tripline.ParseErrorf).
func (w *Workbook) xmlErr(part string, d *xml.Decoder, err error) error {
	return w.xmlRowErr(part, 0, d, err)
}

// xmlRowErr is xmlErr in row row of a sheet (0: not in a row).
func (w *Workbook) xmlRowErr(part string, row int, d *xml.Decoder, err error) error {
	where := part
	if row > 0 {
		where = fmt.Sprintf("%s row %d", part, row)
	}
	var msg string
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
		msg = fmt.Sprintf("unexpected end of data at byte %d (the file may be truncated)", d.InputOffset())
	case errors.As(err, &se):
		msg = fmt.Sprintf("XML syntax error at byte %d: %s", d.InputOffset(), se.Msg)
	default:
		msg = fmt.Sprintf("cannot read at byte %d: %v", d.InputOffset(), err)
	}
	return tripline.ParseErrorf(w.file, row, "%s: %s", where, msg)
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type workbookXML struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// readWorkbook lists the sheets from xl/workbook.xml and its relationships.
func (w *Workbook) readWorkbook() error {
	var wb workbookXML
	if err := w.decodePart("xl/workbook.xml", &wb); err != nil {
		return err
	}
	var rels relationships
	if err := w.decodePart("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			w.sstPart = t
		}
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.RID]; ok {
			w.Sheets = append(w.Sheets, Sheet{Name: s.Name, Part: t})
		}
	}
	if len(w.Sheets) == 0 {
		return w.errf("xl/workbook.xml", "the workbook has no worksheets")
	}
	return nil
}

func (w *Workbook) decodePart(part string, v any) error {
	rc, err := w.open(part)
	if err != nil {
		return err
	}
	if rc == nil {
		return w.errf(part, "missing: not an XLSX workbook")
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	if err := d.Decode(v); err != nil {
		return w.xmlErr(part, d, err)
	}
	return nil
}

// loadStrings reads the shared-string table once.
func (w *Workbook) loadStrings() error {
	if w.sstRead {
		return nil
	}
	w.sstRead = true
	rc, err := w.open(w.sstPart)
	if err != nil || rc == nil {
		return err // no table: a workbook without text cells
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	tz := &tokenizer{d: d}
	var (
		b     strings.Builder
		inSI  bool
		inT   bool
		skip  int // depth inside <rPh> phonetic runs, which are not text
		total int
		// stated is the count the table states of itself (uniqueCount),
		// -1 when it states none.
		stated = -1
	)
	for {
		tok, err := tz.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return w.xmlErr(w.sstPart, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sst":
				if n, err := strconv.Atoi(attr(t, "uniqueCount")); err == nil {
					stated = n
				}
			case "si":
				inSI = true
				b.Reset()
			case "t":
				inT = inSI && skip == 0
			case "rPh":
				skip++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				w.sst = append(w.sst, b.String())
			case "t":
				inT = false
			case "rPh":
				skip--
			}
		case xml.CharData:
			if inT {
				total += len(t)
				if total > maxStrings {
					return w.errf(w.sstPart, "shared strings exceed %d bytes", maxStrings)
				}
				b.Write(t)
			}
		}
	}
	if stated >= 0 && stated != len(w.sst) {
		return w.errf(w.sstPart, "the shared-string table states %d strings but holds %d (truncated or edited file?)", stated, len(w.sst))
	}
	return nil
}

// ErrStop may be returned by a Rows callback to end the scan early; Rows
// then returns nil.
var ErrStop = errors.New("xlsx: stop")

// Rows streams the rows of sheet i (0-based, in workbook order), calling fn
// with each row's 1-based number and its cells, where cells[0] is column A
// and missing cells are "". Rows without cells are not reported. The cells
// slice is reused between calls. Trailing spaces are kept.
func (w *Workbook) Rows(ctx context.Context, i int, fn func(row int, cells []string) error) error {
	if i < 0 || i >= len(w.Sheets) {
		return w.errf("xl/workbook.xml", "no sheet %d", i+1)
	}
	if err := w.loadStrings(); err != nil {
		return err
	}
	part := w.Sheets[i].Part
	rc, err := w.open(part)
	if err != nil {
		return err
	}
	if rc == nil {
		return w.errf(part, "missing worksheet")
	}
	defer rc.Close()
	err = w.scan(ctx, part, rc, fn)
	if err == ErrStop {
		return nil
	}
	return err
}

// cell is the state of the cell being read.
type cell struct {
	col   int
	typ   string
	value strings.Builder
	inV   bool // inside <v>
	inIS  bool // inside <is>
	inT   bool // inside <is>…<t>
	skip  int  // inside <rPh>
}

func (w *Workbook) scan(ctx context.Context, part string, r io.Reader, fn func(int, []string) error) error {
	d := xml.NewDecoder(r)
	tz := &tokenizer{d: d}
	var (
		cells  []string
		rowNum int
		inRow  bool
		inCell bool
		nextC  int
		c      cell
		n      int
	)
	for {
		tok, err := tz.next()
		if err == io.EOF {
			if inRow {
				return w.errf(part, "unexpected end of data in row %d (the file may be truncated)", rowNum)
			}
			return nil
		}
		if err != nil {
			return w.xmlRowErr(part, rowNum, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				n++
				if n%4096 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				rowNum++
				if v := attr(t, "r"); v != "" {
					r, err := strconv.Atoi(v)
					if err != nil || r < 1 || r > maxRows {
						return w.errf(part, "bad row number %q at byte %d", v, d.InputOffset())
					}
					rowNum = r
				}
				inRow, nextC = true, 0
				cells = cells[:0]
			case "c":
				if !inRow {
					return w.errf(part, "cell outside a row at byte %d", d.InputOffset())
				}
				col := nextC
				if ref := attr(t, "r"); ref != "" {
					col, err = column(ref)
					if err != nil {
						return w.rowErr(part, rowNum, "bad cell reference %q", ref)
					}
				}
				if col >= maxColumns {
					return w.rowErr(part, rowNum, "column %d beyond the sheet limit", col+1)
				}
				c = cell{col: col, typ: attr(t, "t")}
				inCell, nextC = true, col+1
			case "v":
				c.inV = inCell
			case "is":
				c.inIS = inCell
			case "t":
				c.inT = c.inIS && c.skip == 0
			case "rPh":
				c.skip++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				if inRow && len(cells) > 0 {
					if err := fn(rowNum, cells); err != nil {
						return err
					}
				}
				inRow = false
			case "c":
				if !inCell {
					break
				}
				inCell = false
				v, err := w.value(&c)
				if err != nil {
					return w.rowErr(part, rowNum, "%v", err)
				}
				if v == "" {
					break
				}
				for len(cells) <= c.col {
					cells = append(cells, "")
				}
				cells[c.col] = v
			case "v":
				c.inV = false
			case "is":
				c.inIS = false
			case "t":
				c.inT = false
			case "rPh":
				c.skip--
			}
		case xml.CharData:
			if c.inV || c.inT {
				c.value.Write(t)
			}
		}
	}
}

// tokenizer reads raw tokens, which skips the namespace bookkeeping that
// costs Token a third of its time, and still checks that end tags match
// and that the data does not end inside an open element.
type tokenizer struct {
	d     *xml.Decoder
	stack []xml.Name
}

func (z *tokenizer) next() (xml.Token, error) {
	tok, err := z.d.RawToken()
	if err == io.EOF && len(z.stack) > 0 {
		return nil, io.ErrUnexpectedEOF
	}
	switch t := tok.(type) {
	case xml.StartElement:
		z.stack = append(z.stack, t.Name)
	case xml.EndElement:
		n := len(z.stack)
		if n == 0 || z.stack[n-1] != t.Name {
			return nil, &xml.SyntaxError{Msg: "unexpected end element </" + t.Name.Local + ">"}
		}
		z.stack = z.stack[:n-1]
	}
	return tok, err
}

func (w *Workbook) rowErr(part string, row int, format string, args ...any) error {
	return tripline.ParseErrorf(w.file, row, "%s row %d: %s", part, row, fmt.Sprintf(format, args...))
}

// value resolves a finished cell to its text.
func (w *Workbook) value(c *cell) (string, error) {
	v := c.value.String()
	switch c.typ {
	case "s":
		if v == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(w.sst) {
			return "", fmt.Errorf("shared string %q out of range (table has %d)", v, len(w.sst))
		}
		return w.sst[i], nil
	case "b":
		switch v {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
	}
	return v, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// column returns the 0-based column of a cell reference such as "AB12".
func column(ref string) (int, error) {
	col := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > maxColumns {
			return 0, errors.New("column out of range")
		}
	}
	if i == 0 {
		return 0, errors.New("no column letters")
	}
	for j := i; j < len(ref); j++ {
		if ref[j] < '0' || ref[j] > '9' {
			return 0, errors.New("bad row digits")
		}
	}
	return col - 1, nil
}

// SerialDate converts an Excel serial day number (1900 date system, as
// written by Excel on Windows: 45607 is 2024-11-11) to an ISO date. ok is
// false when s is not a number in the range of plausible dates.
func SerialDate(s string) (date string, ok bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || f < 1 || f > 2958465 { // 9999-12-31
		return "", false
	}
	days := int(f)
	// Serial 60 is the fictitious 1900-02-29; day 1 is 1900-01-01.
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if days < 61 {
		epoch = epoch.AddDate(0, 0, 1)
	}
	return epoch.AddDate(0, 0, days).Format("2006-01-02"), true
}
