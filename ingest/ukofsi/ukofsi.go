// Package ukofsi reads HM Treasury OFSI's Consolidated List of Financial
// Sanctions Targets in its CSV form (ConList.csv): a "Last Updated,dd/mm/yyyy"
// line, a header line, then one row per name variant and address of a
// target. Rows are grouped by "Group ID" into one tripline.Entity each,
// with ids "uk-ofsi:<Group ID>".
package ukofsi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
)

// Source is the source id of the OFSI consolidated list.
const Source = "uk-ofsi"

// FormatName is the name of this format in ingest's format table.
const FormatName = "uk-ofsi-csv"

// required are the columns without which a file is not a ConList CSV.
var required = []string{"Name 6", "Group Type", "Alias Type", "Regime", "Group ID"}

// Detect reports whether a file's first bytes are a ConList CSV: the
// "Last Updated," line followed by a header naming "Name 6" and "Group ID",
// or that header alone.
func Detect(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	if bytes.HasPrefix(head, []byte("Last Updated,")) {
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			head = head[i+1:]
		}
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return bytes.HasPrefix(line, []byte("Name 6,")) && bytes.Contains(line, []byte(",Group ID"))
}

// Read parses files, each a ConList CSV, into one dataset. Rows of the same
// Group ID are merged even when they are not adjacent.
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	p := newParser()
	err := listutil.ReadFiles(files, opt, "ukofsi.Read", func(path string, r io.Reader) error {
		return p.parse(ctx, r, path)
	})
	if err != nil {
		return nil, err
	}
	ds := p.dataset()
	ds.Files = files
	return ds, nil
}

// Parse reads one ConList CSV from r; file names it in errors and warnings.
func Parse(ctx context.Context, r io.Reader, file string) (*tripline.Dataset, error) {
	p := newParser()
	if err := p.parse(ctx, r, file); err != nil {
		return nil, err
	}
	return p.dataset(), nil
}

type parser struct {
	byID      map[string]*tripline.Entity
	order     []*tripline.Entity
	published string
	warnings  []string
	rows      int // data rows read
}

func newParser() *parser { return &parser{byID: map[string]*tripline.Entity{}} }

func (p *parser) dataset() *tripline.Dataset {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, PublishedAt: p.published, Warnings: p.warnings}
	ds.Entities = p.order
	for _, e := range ds.Entities {
		finish(e)
	}
	return ds
}

func (p *parser) parse(ctx context.Context, r io.Reader, file string) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	lineBase := 0 // lines before the header
	if b, _ := br.Peek(len("Last Updated,")); string(b) == "Last Updated," {
		first, err := br.ReadString('\n')
		if err != nil {
			return fileutil.Errf(file, 1, "the file ends after its first line; expected a ConList header on line 2")
		}
		_, date, _ := strings.Cut(strings.TrimSpace(first), ",")
		if d := listutil.DMY(date); d != "" {
			if d > p.published {
				p.published = d
			}
		} else {
			p.warnings = append(p.warnings, file+":1: cannot read the Last Updated date "+date)
		}
		lineBase = 1
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fileutil.Errf(file, lineBase+1, "no header; expected a ConList CSV header")
		}
		return csvErr(file, lineBase, err)
	}
	header = append([]string(nil), header...)
	cols, missing := listutil.NewColumns(header, required...)
	if len(missing) > 0 {
		return fileutil.Errf(file, lineBase+1, "not an OFSI ConList CSV: header lacks %s", strings.Join(missing, ", "))
	}
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvErr(file, lineBase, err)
		}
		p.rows++
		line, _ := cr.FieldPos(0)
		if err := p.row(cols, rec, file, line+lineBase); err != nil {
			return err
		}
	}
	return nil
}

// csvErr turns an encoding/csv error into a parse error; lineBase is the
// number of lines before the CSV part.
func csvErr(file string, lineBase int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "row has the wrong number of fields (is the file truncated?)"
		}
		return fileutil.Errf(file, pe.Line+lineBase, "%s (column %d)", msg, pe.Column)
	}
	return &tripline.Error{Op: "ukofsi.Read", Kind: tripline.KindInvalid, Msg: "cannot read " + file, Err: err}
}
