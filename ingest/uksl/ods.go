package uksl

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// sheetScanner streams the rows of every table (sheet) of an ODS content.xml.
//
// It is a hand-rolled scanner for the few elements a spreadsheet needs
// (table:table, table:table-row, table:table-cell, table:covered-table-cell,
// text:p, text:h, text:s, text:tab, text:line-break, office:annotation);
// every other element is skipped and its text kept when it sits inside a
// paragraph (text:span, text:a). encoding/xml allocates per token and reads
// the UK list's 632 MB content.xml several times slower; this scanner works
// on a sliding buffer and allocates nothing per row.
//
// Repeated rows and cells (table:number-rows-repeated,
// table:number-columns-repeated) are not expanded: a row is returned once
// with Repeat set, and only the first maxCols columns are stored, so the
// 1,048,344-fold empty trailing row of a LibreOffice sheet costs nothing.
type sheetScanner struct {
	r       io.Reader
	buf     []byte
	pos     int   // next unread byte in buf
	end     int   // end of valid data in buf
	base    int64 // offset of buf[0] in the stream
	eof     bool
	readErr error

	maxCols int
	// text holds the current row's cell texts back to back; cellStart and
	// cellEnd index into it, one pair per stored column.
	text      []byte
	cellStart []int
	cellEnd   []int

	// Row is the 1-based sheet row number of the row last returned by Next.
	Row int64
	// Repeat is how many identical rows the row last returned stands for.
	Repeat int64
	// Offset is the byte offset in the stream of the row last returned.
	Offset int64

	// Table is the 1-based index of the sheet the row belongs to, and
	// TableName its name.
	Table     int
	TableName string

	nextRow int64
	inTable bool
	docOpen bool // inside office:document-content
	done    bool
}

// maxToken bounds the bytes one text run plus one tag may take; a longer
// run means the input is not a spreadsheet.
const maxToken = 64 << 20

// maxRepeat bounds a repeat count so that arithmetic on it cannot overflow.
const maxRepeat = 1 << 40

// errSyntax marks malformed XML; the reader wraps it with the offset.
type syntaxError struct {
	Offset int64
	Msg    string
}

func (e *syntaxError) Error() string { return e.Msg }

func newSheetScanner(r io.Reader, maxCols int) *sheetScanner {
	return &sheetScanner{
		r:         r,
		buf:       make([]byte, 256<<10),
		maxCols:   maxCols,
		cellStart: make([]int, maxCols),
		cellEnd:   make([]int, maxCols),
		nextRow:   1,
	}
}

// Cell returns the text of column i (0-based) of the current row. The bytes
// are valid until the next call to Next.
func (s *sheetScanner) Cell(i int) []byte {
	if i < 0 || i >= s.maxCols {
		return nil
	}
	return s.text[s.cellStart[i]:s.cellEnd[i]]
}

// Empty reports whether every stored cell of the current row is empty.
func (s *sheetScanner) Empty() bool {
	for i := 0; i < s.maxCols; i++ {
		if s.cellEnd[i] > s.cellStart[i] {
			return false
		}
	}
	return true
}

// fill makes room in the buffer and reads more input. It returns false at
// the end of the input.
func (s *sheetScanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.readErr = &syntaxError{s.base + int64(s.end), "element or text run too long"}
			s.eof = true
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.readErr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

func (s *sheetScanner) errf(off int, msg string) error {
	return &syntaxError{s.base + int64(off), msg}
}

// token finds the next markup from s.pos: it returns the index of '<' and
// of the byte after the markup's end. It refills the buffer as needed.
func (s *sheetScanner) token() (lt, gt int, err error) {
	scanned := 0 // bytes after pos known to hold no '<'
	for {
		i := bytes.IndexByte(s.buf[s.pos+scanned:s.end], '<')
		if i >= 0 {
			lt = s.pos + scanned + i
			if gt, ok := s.markupEnd(lt); ok {
				return lt, gt, nil
			}
			// The markup is cut by the buffer end: read more and retry.
			scanned = lt - s.pos
		} else {
			scanned = s.end - s.pos
		}
		if !s.fill() {
			if s.readErr != nil {
				return 0, 0, s.readErr
			}
			if s.end > s.pos && bytes.IndexByte(s.buf[s.pos:s.end], '<') >= 0 {
				return 0, 0, s.errf(s.end, "unexpected end of input inside an element")
			}
			return 0, 0, io.EOF
		}
	}
}

// markupEnd returns the index after the markup starting at buf[lt] ('<'),
// or false if the buffer ends first.
func (s *sheetScanner) markupEnd(lt int) (int, bool) {
	b := s.buf[lt:s.end]
	var term []byte
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		term = []byte("-->")
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		term = []byte("]]>")
	case bytes.HasPrefix(b, []byte("<?")):
		term = []byte("?>")
	case len(b) < 9 && (bytes.HasPrefix([]byte("<![CDATA["), b) || bytes.HasPrefix([]byte("<!--"), b)):
		return 0, false // too short to tell
	}
	if term != nil {
		i := bytes.Index(b[2:], term)
		if i < 0 {
			return 0, false
		}
		return lt + 2 + i + len(term), true
	}
	// Fast path: the first '>' ends the tag unless it sits inside a quoted
	// attribute value.
	if i := bytes.IndexByte(b, '>'); i < 0 {
		return 0, false
	} else if seg := b[:i]; bytes.IndexByte(seg, '\'') < 0 && bytes.Count(seg, []byte{'"'})%2 == 0 {
		return lt + i + 1, true
	}
	var quote byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return lt + i + 1, true
		}
	}
	return 0, false
}

// Next advances to the next row, across all tables. It returns false at
// the end of the input, and an error for malformed or truncated XML.
func (s *sheetScanner) Next() (bool, error) {
	if s.done {
		return false, nil
	}
	var (
		inRow      bool
		rowRepeat  int64
		rowOffset  int64
		col        int64 // next column index in the current row
		cellCol    int64 // column of the open cell, -1 when none
		cellRepeat int64
		cellDate   []byte
		cellValue  []byte
		paras      int // paragraphs seen in the open cell
		pDepth     int // open text:p/text:h elements
		annDepth   int // open office:annotation elements
	)
	cellCol = -1
	storeCol := func() bool { return cellCol >= 0 && cellCol < int64(s.maxCols) }
	for {
		lt, gt, err := s.token()
		if err == io.EOF {
			s.done = true
			if s.inTable || inRow {
				return false, s.errf(s.end, "unexpected end of content.xml inside a table (truncated file?)")
			}
			if s.Table == 0 {
				return false, s.errf(s.end, "no table found")
			}
			if s.docOpen {
				return false, s.errf(s.end, "unexpected end of content.xml before </office:document-content> (truncated file?)")
			}
			return false, nil
		}
		if err != nil {
			s.done = true
			var se *syntaxError
			if errors.As(err, &se) {
				return false, se
			}
			return false, err
		}
		// Text before the markup.
		if lt > s.pos && pDepth > 0 && annDepth == 0 && storeCol() {
			if err := s.appendText(s.buf[s.pos:lt], s.pos); err != nil {
				s.done = true
				return false, err
			}
			s.cellEnd[cellCol] = len(s.text)
		}
		tag := s.buf[lt:gt]
		s.pos = gt
		if len(tag) < 3 {
			s.done = true
			return false, s.errf(lt, "malformed element")
		}
		switch tag[1] {
		case '!':
			if bytes.HasPrefix(tag, []byte("<![CDATA[")) && pDepth > 0 && annDepth == 0 && storeCol() {
				s.text = append(s.text, tag[9:len(tag)-3]...)
				s.cellEnd[cellCol] = len(s.text)
			}
			continue
		case '?':
			continue
		}
		closing := tag[1] == '/'
		selfClosing := tag[len(tag)-2] == '/'
		name := tagName(tag)
		if !s.inTable {
			if bytes.Equal(name, []byte("office:document-content")) && !selfClosing {
				s.docOpen = !closing
			}
			if !closing && bytes.Equal(name, []byte("table:table")) {
				s.Table++
				s.TableName = string(attr(tag, "table:name"))
				s.nextRow = 1
				if !selfClosing {
					s.inTable = true
				}
			}
			continue
		}
		switch string(name) {
		case "table:table":
			if closing {
				s.inTable = false
				if inRow {
					s.done = true
					return false, s.errf(lt, "table ends inside a row")
				}
			} else {
				s.done = true
				return false, s.errf(lt, "nested table")
			}
		case "table:table-row":
			if closing {
				if !inRow {
					s.done = true
					return false, s.errf(lt, "end of a row that was not started")
				}
				s.Row = s.nextRow
				s.Repeat = rowRepeat
				s.Offset = rowOffset
				s.nextRow += rowRepeat
				return true, nil
			}
			if inRow {
				s.done = true
				return false, s.errf(lt, "row inside a row")
			}
			rowRepeat = repeatAttr(tag, "table:number-rows-repeated")
			rowOffset = s.base + int64(lt)
			if selfClosing {
				s.nextRow += rowRepeat
				continue
			}
			inRow = true
			col = 0
			s.text = s.text[:0]
			for i := range s.cellStart {
				s.cellStart[i], s.cellEnd[i] = 0, 0
			}
		case "table:table-cell", "table:covered-table-cell":
			if !inRow {
				continue
			}
			if closing {
				if cellCol >= 0 {
					s.closeCell(cellCol, cellRepeat, cellValue, cellDate)
					col = cellCol + cellRepeat
					cellCol = -1
				}
				continue
			}
			cellRepeat, cellValue, cellDate = 1, nil, nil
			if bytes.IndexByte(tag, '=') >= 0 {
				cellRepeat = repeatAttr(tag, "table:number-columns-repeated")
				if bytes.Contains(tag, []byte(`office:value-type="date"`)) {
					cellDate = attr(tag, "office:date-value")
				} else if !bytes.Contains(tag, []byte(`office:value-type="string"`)) {
					cellValue = attr(tag, "office:value")
				}
			}
			cellCol = col
			if cellCol < int64(s.maxCols) {
				s.cellStart[cellCol] = len(s.text)
				s.cellEnd[cellCol] = len(s.text)
			}
			paras, pDepth = 0, 0
			if selfClosing {
				s.closeCell(cellCol, cellRepeat, cellValue, cellDate)
				col = cellCol + cellRepeat
				cellCol = -1
			}
			if col > maxRepeat {
				col = maxRepeat
			}
		case "text:p", "text:h":
			if cellCol < 0 || annDepth > 0 {
				continue
			}
			if closing {
				if pDepth > 0 {
					pDepth--
				}
				continue
			}
			if paras > 0 && storeCol() {
				s.text = append(s.text, '\n')
			}
			paras++
			if !selfClosing {
				pDepth++
			}
		case "office:annotation":
			if closing {
				if annDepth > 0 {
					annDepth--
				}
			} else if !selfClosing {
				annDepth++
			}
		case "text:s":
			if pDepth > 0 && annDepth == 0 && storeCol() && !closing {
				n := repeatAttr(tag, "text:c")
				if n > 1024 {
					n = 1024
				}
				for ; n > 0; n-- {
					s.text = append(s.text, ' ')
				}
			}
		case "text:tab":
			if pDepth > 0 && annDepth == 0 && storeCol() && !closing {
				s.text = append(s.text, '\t')
			}
		case "text:line-break":
			if pDepth > 0 && annDepth == 0 && storeCol() && !closing {
				s.text = append(s.text, '\n')
			}
		}
		if cellCol >= 0 && cellCol < int64(s.maxCols) {
			s.cellEnd[cellCol] = len(s.text)
		}
	}
}

// closeCell records the value of the cell at col and copies it to the
// stored columns its repeat count covers. A date cell's value is the ISO
// date of office:date-value; a cell without text falls back to office:value.
func (s *sheetScanner) closeCell(col, repeat int64, value, date []byte) {
	if col >= int64(s.maxCols) {
		return
	}
	if len(date) >= 10 && validISODate(date[:10]) {
		s.text = s.text[:s.cellStart[col]]
		s.text = append(s.text, date[:10]...)
	} else if len(s.text) == s.cellStart[col] && len(value) > 0 {
		s.text = append(s.text, value...)
	}
	s.cellEnd[col] = len(s.text)
	if s.cellEnd[col] == s.cellStart[col] {
		return
	}
	for c := col + 1; c < col+repeat && c < int64(s.maxCols); c++ {
		s.cellStart[c], s.cellEnd[c] = s.cellStart[col], s.cellEnd[col]
	}
}

func validISODate(b []byte) bool {
	for i, c := range b {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// appendText appends character data, decoding entity and character
// references.
func (s *sheetScanner) appendText(b []byte, off int) error {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			s.text = append(s.text, b...)
			return nil
		}
		s.text = append(s.text, b[:i]...)
		b = b[i:]
		j := bytes.IndexByte(b, ';')
		if j < 0 || j > 12 {
			return s.errf(off+i, "unterminated entity reference")
		}
		ref := b[1:j]
		switch string(ref) {
		case "amp":
			s.text = append(s.text, '&')
		case "lt":
			s.text = append(s.text, '<')
		case "gt":
			s.text = append(s.text, '>')
		case "quot":
			s.text = append(s.text, '"')
		case "apos":
			s.text = append(s.text, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return s.errf(off+i, "unknown entity reference &"+string(ref)+";")
			}
			var n uint64
			var err error
			if ref[1] == 'x' || ref[1] == 'X' {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return s.errf(off+i, "bad character reference &"+string(ref)+";")
			}
			s.text = utf8.AppendRune(s.text, rune(n))
		}
		off += i + j + 1
		b = b[j+1:]
	}
}

// tagName returns the element name of a start or end tag.
func tagName(tag []byte) []byte {
	b := tag[1:]
	if len(b) > 0 && b[0] == '/' {
		b = b[1:]
	}
	for i, c := range b {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>' {
			return b[:i]
		}
	}
	return b
}

// attr returns the raw value of attribute name in tag, or nil. Values of
// the attributes read here never hold entity references.
func attr(tag []byte, name string) []byte {
	b := tag
	for {
		i := bytes.Index(b, []byte(name))
		if i < 0 {
			return nil
		}
		rest := b[i+len(name):]
		before := byte(' ')
		if i > 0 {
			before = b[i-1]
		}
		if (before == ' ' || before == '\t' || before == '\n' || before == '\r') && len(rest) >= 2 && rest[0] == '=' && (rest[1] == '"' || rest[1] == '\'') {
			q := rest[1]
			end := bytes.IndexByte(rest[2:], q)
			if end < 0 {
				return nil
			}
			return rest[2 : 2+end]
		}
		b = b[i+len(name):]
	}
}

// repeatAttr reads a positive repeat count, 1 when absent or malformed,
// capped at maxRepeat.
func repeatAttr(tag []byte, name string) int64 {
	v := attr(tag, name)
	if len(v) == 0 {
		return 1
	}
	var n int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 1
		}
		n = n*10 + int64(c-'0')
		if n > maxRepeat {
			return maxRepeat
		}
	}
	if n < 1 {
		return 1
	}
	return n
}
