// Package dfat reads the Australian Department of Foreign Affairs and
// Trade's Consolidated List (regulation8_consolidated.xlsx): one worksheet
// with a header row (Reference, Name of Individual or Entity, Type, Name
// Type, Date of Birth, Place of Birth, Citizenship, Address, Additional
// Information, Listing Information, Committees, Control Date) and one row
// per name. Alias rows carry references such as "1a", "1b" and belong to
// reference "1"; each reference becomes one tripline.Entity with id
// "au-dfat:<reference>".
package dfat

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/ingest/internal/xlsx"
)

// Source is the source id of the DFAT consolidated list.
const Source = "au-dfat"

// FormatName is the name of this format in ingest's format table.
const FormatName = "au-dfat-xlsx"

// Column names of the DFAT sheet.
const (
	colRef       = "Reference"
	colName      = "Name of Individual or Entity"
	colType      = "Type"
	colNameType  = "Name Type"
	colDOB       = "Date of Birth"
	colPOB       = "Place of Birth"
	colCitizen   = "Citizenship"
	colAddress   = "Address"
	colInfo      = "Additional Information"
	colListing   = "Listing Information"
	colCommittee = "Committees"
	colControl   = "Control Date"
)

// required are the columns without which a sheet is not the DFAT list.
var required = []string{colRef, colName, colType, colNameType, colCommittee, colControl}

// Detect reports whether a file's first bytes are those of an xlsx
// workbook (a zip archive with parts under xl/). Sniff confirms that the
// first sheet has the DFAT header.
func Detect(name string, head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head, []byte("xl/"))
}

// Sniff reports whether the xlsx file at path has the DFAT header row in
// its first sheet. A workbook that cannot be read at all (a truncated or
// damaged archive) is claimed too, so that Read reports where it is broken
// instead of the file being skipped as of unknown format.
func Sniff(path string) bool {
	w, err := xlsx.Open(path)
	if err != nil {
		return tripline.ParseErrorOf(err) != nil
	}
	defer w.Close()
	ok := false
	err = w.Rows(context.Background(), 0, func(_ int, cells []string) error {
		_, missing := listutil.NewColumns(cells, required...)
		ok = len(missing) == 0
		return xlsx.ErrStop
	})
	return ok || tripline.ParseErrorOf(err) != nil
}

// Read parses files, each a DFAT consolidated list workbook, into one
// dataset.
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	p := newParser()
	total := fileutil.TotalSize(files...)
	var done int64
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, &tripline.Error{Op: "dfat.Read", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
		}
		fi, err := f.Stat()
		if err == nil {
			err = p.parse(ctx, f, fi.Size(), path)
			done += fi.Size()
		}
		f.Close()
		if err != nil {
			return nil, err
		}
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	ds := p.dataset()
	ds.Files = files
	return ds, nil
}

// Parse reads one DFAT workbook of size bytes from r; file names it in
// errors and warnings.
func Parse(ctx context.Context, r io.ReaderAt, size int64, file string) (*tripline.Dataset, error) {
	p := newParser()
	if err := p.parse(ctx, r, size, file); err != nil {
		return nil, err
	}
	return p.dataset(), nil
}

type parser struct {
	byRef     map[string]*tripline.Entity
	order     []*tripline.Entity
	published string
	warnings  []string
	rows      int // data rows read
}

func newParser() *parser { return &parser{byRef: map[string]*tripline.Entity{}} }

func (p *parser) dataset() *tripline.Dataset {
	for _, e := range p.order {
		finish(e)
	}
	return &tripline.Dataset{Source: Source, Format: FormatName, PublishedAt: p.published, Warnings: p.warnings, Entities: p.order}
}

func (p *parser) parse(ctx context.Context, r io.ReaderAt, size int64, file string) error {
	w, err := xlsx.New(r, size, file)
	if err != nil {
		return err
	}
	var cols listutil.Columns
	err = w.Rows(ctx, 0, func(row int, cells []string) error {
		if cols == nil {
			var missing []string
			cols, missing = listutil.NewColumns(cells, required...)
			if len(missing) > 0 {
				return tripline.ParseErrorf(file, row, "not the DFAT consolidated list: the first row of sheet %q lacks %s", w.Sheets[0].Name, strings.Join(missing, ", "))
			}
			return nil
		}
		if !hasText(cells) {
			return nil
		}
		p.rows++
		p.row(cols, cells, file, row)
		return nil
	})
	if err != nil {
		return err
	}
	if cols == nil {
		return tripline.ParseErrorf(file, 0, "the first sheet is empty; expected the DFAT header row")
	}
	return nil
}

func hasText(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

var refRe = regexp.MustCompile(`^\d+`)

// row merges one sheet row into its reference's entity.
func (p *parser) row(c listutil.Columns, cells []string, file string, line int) {
	rawRef := c.Get(cells, colRef)
	ref := refRe.FindString(rawRef)
	if ref == "" {
		p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: row without a numeric Reference (%q) skipped", file, line, rawRef))
		return
	}
	e := p.byRef[ref]
	if e == nil {
		e = &tripline.Entity{ID: Source + ":" + ref, Source: Source, SourceID: ref}
		p.byRef[ref] = e
		p.order = append(p.order, e)
	}
	if e.Schema == "" {
		switch t := strings.ToLower(c.Get(cells, colType)); t {
		case "individual":
			e.Schema = tripline.SchemaPerson
		case "entity":
			e.Schema = tripline.SchemaOrganization
		case "":
		default:
			p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: reference %s: unknown Type %q, read as LegalEntity", file, line, ref, t))
			e.Schema = tripline.SchemaLegalEntity
		}
	}
	nameRow(e, c.Get(cells, colName), c.Get(cells, colNameType))
	e.BirthDates = listutil.AppendUnique(e.BirthDates, BirthDates(c.Get(cells, colDOB))...)
	for _, pob := range splitLettered(c.Get(cells, colPOB)) {
		e.BirthPlaces = listutil.AppendUnique(e.BirthPlaces, pob)
	}
	e.Nationalities = listutil.AppendUnique(e.Nationalities, citizenships(c.Get(cells, colCitizen))...)
	for _, a := range splitLettered(c.Get(cells, colAddress)) {
		listutil.AddAddress(e, address(a))
	}
	if info := c.Get(cells, colInfo); !isNA(info) && !strings.Contains(e.Remarks, info) {
		e.Remarks = listutil.Join("\n", e.Remarks, info)
		documents(e, info)
	}
	if li := c.Get(cells, colListing); !isNA(li) {
		listutil.AddProp(e, "listing_info", li)
	}
	e.Programs = listutil.AppendUnique(e.Programs, Committees(c.Get(cells, colCommittee))...)
	cd := c.Get(cells, colControl)
	d, ok := xlsx.SerialDate(cd)
	if !ok {
		d = listutil.DMY(cd)
	}
	if d == "" && cd != "" {
		p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: cannot read Control Date %q", file, line, cd))
	}
	if d != "" {
		if d > p.published {
			p.published = d
		}
		if e.ListedOn == "" || d < e.ListedOn {
			e.ListedOn = d
		}
	}
}
