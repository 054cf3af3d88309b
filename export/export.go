// Package export writes tables of records, alerts today and cases when
// they come, as CSV or as an XLSX workbook for the people who report
// upwards. A table is a list of columns over a record type; the writer is
// generic over it, so that a new record type brings only its columns.
//
// XLSX is written with excelize (github.com/xuri/excelize/v2), a
// maintained implementation of the Office Open XML spreadsheet format, in
// streaming mode: one sheet, a bold frozen header row, typed
// cells (numbers, dates) and text cells that a spreadsheet never reads as
// formulas, laid out as a table with filter buttons. CSV cells that a spreadsheet would take for a formula ("=",
// "+", "-", "@" first) get a leading apostrophe.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/xuri/excelize/v2"
)

// Formats of an export.
const (
	CSV  = "csv"
	XLSX = "xlsx"
)

// Column is one column of a table of T: its heading and the cell of a
// row, a string, a number (int, int64, float64), a bool, a time.Time (the
// zero time is an empty cell) or nil.
type Column[T any] struct {
	Name  string
	Width float64 // XLSX column width in characters; 0: 14
	Value func(T) any
}

// Writer writes the rows of a table in one format.
type Writer[T any] struct {
	cols  []Column[T]
	csv   *csv.Writer
	out   io.Writer
	xl    *excelize.File
	sw    *excelize.StreamWriter
	row   int
	date  int    // the XLSX date style
	table string // the XLSX table's name
	err   error
}

// NewWriter returns a writer of rows of cols to w in format (CSV or XLSX);
// sheet names the XLSX sheet. Close finishes the file: an XLSX workbook is
// written to w only then.
func NewWriter[T any](w io.Writer, format, sheet string, cols []Column[T]) (*Writer[T], error) {
	x := &Writer[T]{cols: cols, out: w}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = c.Name
	}
	switch format {
	case CSV:
		x.csv = csv.NewWriter(w)
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		if err := x.csv.Write(names); err != nil {
			return nil, err
		}
	case XLSX:
		x.xl = excelize.NewFile()
		x.table = tableName(sheet)
		if err := x.xl.SetSheetName("Sheet1", sheet); err != nil {
			return nil, xlsxErr(err)
		}
		sw, err := x.xl.NewStreamWriter(sheet)
		if err != nil {
			return nil, xlsxErr(err)
		}
		x.sw = sw
		bold, err := x.xl.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err != nil {
			return nil, xlsxErr(err)
		}
		if x.date, err = x.xl.NewStyle(&excelize.Style{NumFmt: 22}); err != nil { // m/d/yy h:mm, shown in the reader's locale
			return nil, xlsxErr(err)
		}
		for i, c := range cols {
			width := c.Width
			if width == 0 {
				width = 14
			}
			if err := sw.SetColWidth(i+1, i+1, width); err != nil {
				return nil, xlsxErr(err)
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, xlsxErr(err)
		}
		cells := make([]any, len(cols))
		for i := range head {
			cells[i] = excelize.Cell{StyleID: bold, Value: head[i]}
		}
		if err := sw.SetRow("A1", cells); err != nil {
			return nil, xlsxErr(err)
		}
		x.row = 1
	default:
		return nil, tripline.Errorf(tripline.KindInvalid, "unknown format %q (known: csv, xlsx)", format)
	}
	return x, nil
}

// tableName is a valid XLSX table name for a sheet: letters, digits and
// "_", starting with a letter.
func tableName(sheet string) string {
	var b strings.Builder
	for _, r := range sheet {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && b.Len() > 0 || r == '_' && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Table1"
	}
	return b.String()
}

func xlsxErr(err error) error {
	return &tripline.Error{Op: "export.xlsx", Kind: tripline.KindInternal, Msg: "cannot write the workbook", Err: err}
}

// Write writes one row.
func (x *Writer[T]) Write(v T) error {
	if x.err != nil {
		return x.err
	}
	if x.csv != nil {
		rec := make([]string, len(x.cols))
		for i, c := range x.cols {
			rec[i] = csvCell(c.Value(v))
		}
		x.err = x.csv.Write(rec)
		return x.err
	}
	x.row++
	cells := make([]any, len(x.cols))
	for i, c := range x.cols {
		cells[i] = x.xlsxCell(c.Value(v))
	}
	cell, _ := excelize.CoordinatesToCellName(1, x.row)
	if err := x.sw.SetRow(cell, cells); err != nil {
		x.err = xlsxErr(err)
	}
	return x.err
}

// Close finishes the file.
func (x *Writer[T]) Close() error {
	if x.err != nil {
		return x.err
	}
	if x.csv != nil {
		x.csv.Flush()
		return x.csv.Error()
	}
	defer x.xl.Close()
	if x.row > 1 {
		// The rows as a table: filter buttons on the header, banded rows.
		last, _ := excelize.CoordinatesToCellName(len(x.cols), x.row)
		if err := x.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: x.table, StyleName: "TableStyleLight9"}); err != nil {
			return xlsxErr(err)
		}
	}
	if err := x.sw.Flush(); err != nil {
		return xlsxErr(err)
	}
	if _, err := x.xl.WriteTo(x.out); err != nil {
		return &tripline.Error{Op: "export.xlsx", Kind: tripline.KindInvalid, Msg: "cannot write the workbook", Err: err}
	}
	return nil
}

func (x *Writer[T]) xlsxCell(v any) any {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: x.date, Value: t.UTC()}
	case string:
		if t == "" {
			return nil
		}
		return t
	}
	return v
}

// csvCell is a value as CSV text: times in RFC 3339, numbers in full, and
// text that would start a formula behind an apostrophe.
func csvCell(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		if t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0])) {
			return "'" + t
		}
		return t
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case bool:
		return strconv.FormatBool(t)
	}
	return fmt.Sprint(v)
}

// AlertColumns are the columns of an alerts export: who and what matched,
// how well, why and in what state, and everything an auditor needs to
// trace the alert (snapshots, matcher version, material hashes).
var AlertColumns = []Column[tripline.Alert]{
	{Name: "id", Width: 8, Value: func(a tripline.Alert) any { return a.ID }},
	{Name: "book", Value: func(a tripline.Alert) any { return a.Book }},
	{Name: "party_id", Value: func(a tripline.Alert) any { return a.PartyID }},
	{Name: "party_name", Width: 30, Value: func(a tripline.Alert) any { return a.PartyName }},
	{Name: "entity_id", Width: 18, Value: func(a tripline.Alert) any { return a.EntityID }},
	{Name: "entity_name", Width: 30, Value: func(a tripline.Alert) any { return a.EntityName }},
	{Name: "source", Value: func(a tripline.Alert) any { return a.Source }},
	{Name: "programs", Width: 20, Value: func(a tripline.Alert) any { return strings.Join(a.Programs, "; ") }},
	{Name: "score", Width: 8, Value: func(a tripline.Alert) any { return a.Score }},
	{Name: "reason", Value: func(a tripline.Alert) any { return a.Reason }},
	{Name: "status", Value: func(a tripline.Alert) any { return a.Status }},
	{Name: "resolution", Value: func(a tripline.Alert) any { return a.Resolution }},
	{Name: "priority", Width: 8, Value: func(a tripline.Alert) any { return a.Priority }},
	{Name: "explanation", Width: 50, Value: func(a tripline.Alert) any {
		if a.Explanation == nil {
			return ""
		}
		return a.Explanation.Summary
	}},
	{Name: "created_at", Width: 18, Value: func(a tripline.Alert) any { return a.CreatedAt }},
	{Name: "updated_at", Width: 18, Value: func(a tripline.Alert) any { return a.UpdatedAt }},
	{Name: "closed_at", Width: 18, Value: func(a tripline.Alert) any {
		if a.ClosedAt == nil {
			return time.Time{}
		}
		return *a.ClosedAt
	}},
	{Name: "snapshot_id", Value: func(a tripline.Alert) any { return a.SnapshotID }},
	{Name: "prev_snapshot_id", Value: func(a tripline.Alert) any { return a.PrevSnapshotID }},
	{Name: "matcher_version", Value: func(a tripline.Alert) any { return a.MatcherVersion }},
	{Name: "party_hash", Value: func(a tripline.Alert) any { return a.PartyHash }},
	{Name: "entity_hash", Value: func(a tripline.Alert) any { return a.EntityHash }},
}
