package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

const (
	testWorkbook = `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Lists" sheetId="1" r:id="rId7"/><sheet name="Notes" sheetId="2" r:id="rId8"/></sheets></workbook>`
	relsXML = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/notes.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
</Relationships>`
	sstXML = `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>Name</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
<si><t>Ünïcödé &amp; more </t></si>
</sst>`
	sheetXML = `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>inline</t></is></c></row>
<row r="3"><c r="B3"><v>45607</v></c><c t="s"><v>1</v></c><c r="AB3" t="b"><v>1</v></c></row>
<row r="4"><c r="A4" s="3"/></row>
<row><c t="str"><f>A1</f><v>cached</v></c><c r="B5" t="s"><v>2</v></c></row>
</sheetData></worksheet>`
	notesXML = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>second sheet</t></is></c></row></sheetData></worksheet>`
)

// build returns an xlsx archive of parts.
func build(tb testing.TB, parts map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(parts[n]))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func goodParts() map[string]string {
	return map[string]string{
		"xl/workbook.xml":            testWorkbook,
		"xl/_rels/workbook.xml.rels": relsXML,
		"xl/strings.xml":             sstXML,
		"xl/worksheets/sheet1.xml":   sheetXML,
		"xl/worksheets/notes.xml":    notesXML,
	}
}

type row struct {
	n     int
	cells []string
}

func readAll(tb testing.TB, data []byte, sheet int) ([]row, error) {
	tb.Helper()
	w, err := New(bytes.NewReader(data), int64(len(data)), "test.xlsx")
	if err != nil {
		return nil, err
	}
	var rows []row
	err = w.Rows(context.Background(), sheet, func(n int, cells []string) error {
		rows = append(rows, row{n, slices.Clone(cells)})
		return nil
	})
	return rows, err
}

func TestRows(t *testing.T) {
	data := build(t, goodParts())
	w, err := New(bytes.NewReader(data), int64(len(data)), "test.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Sheets) != 2 || w.Sheets[0] != (Sheet{"Lists", "xl/worksheets/sheet1.xml"}) || w.Sheets[1] != (Sheet{"Notes", "xl/worksheets/notes.xml"}) {
		t.Fatalf("sheets = %+v", w.Sheets)
	}
	rows, err := readAll(t, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	abc := make([]string, 28)
	abc[1], abc[2], abc[27] = "45607", "Rich text", "TRUE"
	want := []row{
		{1, []string{"Name", "", "inline"}},
		{3, abc},
		{5, []string{"cached", "Ünïcödé & more "}},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %+v", rows)
	}
	for i := range want {
		if rows[i].n != want[i].n || !slices.Equal(rows[i].cells, want[i].cells) {
			t.Errorf("row %d = %d %q, want %d %q", i, rows[i].n, rows[i].cells, want[i].n, want[i].cells)
		}
	}
	notes, err := readAll(t, data, 1)
	if err != nil || len(notes) != 1 || notes[0].cells[0] != "second sheet" {
		t.Errorf("sheet 2 = %+v, %v", notes, err)
	}
}

func TestStop(t *testing.T) {
	data := build(t, goodParts())
	w, err := New(bytes.NewReader(data), int64(len(data)), "test.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = w.Rows(context.Background(), 0, func(int, []string) error { n++; return ErrStop })
	if err != nil || n != 1 {
		t.Errorf("Rows with ErrStop: %d rows, err %v; want 1, nil", n, err)
	}
}

func TestMalformed(t *testing.T) {
	good := build(t, goodParts())
	with := func(part, content string) []byte {
		p := goodParts()
		p[part] = content
		return build(t, p)
	}
	without := func(part string) []byte {
		p := goodParts()
		delete(p, part)
		return build(t, p)
	}
	cases := []struct {
		name     string
		data     []byte
		wantLine int
		wantMsg  string
	}{
		{"truncated zip", good[:len(good)-40], 0, "truncated"},
		{"not a zip", []byte("Reference,Name\n1,X\n"), 0, "not a complete XLSX"},
		{"no workbook", without("xl/workbook.xml"), 0, "xl/workbook.xml: missing"},
		{"truncated sheet XML", with("xl/worksheets/sheet1.xml", sheetXML[:strings.Index(sheetXML, `<row r="4">`)+30]), 4, "row 4"},
		{"bad shared string index", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="7"><c r="A7" t="s"><v>99</v></c></row></sheetData></worksheet>`), 7, "out of range"},
		{"bad cell reference", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="2"><c r="7A"><v>1</v></c></row></sheetData></worksheet>`), 2, "bad cell reference"},
		{"column beyond the limit", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="2"><c r="ZZZZ2"><v>1</v></c></row></sheetData></worksheet>`), 2, "bad cell reference"},
		{"bad shared strings XML", with("xl/strings.xml", `<sst><si><t>x</si></sst>`), 0, "xl/strings.xml: XML syntax error"},
		{"fewer shared strings than stated", with("xl/strings.xml", `<sst uniqueCount="3"><si><t>a</t></si><si><t>b</t></si></sst>`), 0, "states 3 strings but holds 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(t, tc.data, 0)
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != "test.xlsx" || pe.Line != tc.wantLine || !strings.Contains(pe.Error(), tc.wantMsg) {
				t.Errorf("err = %q (line %d), want line %d and %q", err, pe.Line, tc.wantLine, tc.wantMsg)
			}
		})
	}
}

func TestColumn(t *testing.T) {
	for ref, want := range map[string]int{"A1": 0, "Z9": 25, "AA10": 26, "AB12": 27, "XFD1048576": 16383} {
		if got, err := column(ref); err != nil || got != want {
			t.Errorf("column(%q) = %d, %v; want %d", ref, got, err, want)
		}
	}
	for _, ref := range []string{"", "12", "a1", "A1B"} {
		if _, err := column(ref); err == nil {
			t.Errorf("column(%q) succeeded, want an error", ref)
		}
	}
}

func TestSerialDate(t *testing.T) {
	for s, want := range map[string]string{"45607": "2024-11-11", "41988": "2014-12-15", "1": "1900-01-01", "59": "1900-02-28", "61": "1900-03-01", "18798": "1951-06-19", "45607.75": "2024-11-11"} {
		if got, ok := SerialDate(s); !ok || got != want {
			t.Errorf("SerialDate(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "x", "0", "-5", "1e9", "NaN"} {
		if got, ok := SerialDate(s); ok {
			t.Errorf("SerialDate(%q) = %q, want not ok", s, got)
		}
	}
}

// FuzzSheet feeds arbitrary worksheet XML through the row scanner.
func FuzzSheet(f *testing.F) {
	f.Add([]byte(sheetXML))
	f.Add([]byte(notesXML))
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c></row>`))
	// The first rows of a real workbook (the DFAT list's sheet).
	if real, ok := readertest.ZipHead("data/lists/au_dfat/regulation8_consolidated.xlsx", "xl/worksheets/sheet1.xml", 24<<10, "</row>", "</sheetData></worksheet>"); ok {
		f.Add(real)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := goodParts()
		p["xl/worksheets/sheet1.xml"] = string(data)
		_, err := readAll(t, build(t, p), 0)
		readertest.IsParseError(t, err)
	})
}
