// Package uksl reads the FCDO UK Sanctions List in its ODS spreadsheet form
// (UK_Sanctions_List.ods).
//
// The workbook holds a sheet of all designations and one sheet each for
// individuals, entities and ships that repeat those rows. Every sheet opens
// with a "[Report for: 30-Nov-2022]" line and a header row; below it there
// is one row per name variant, address and identity document of a
// designation. Rows of all sheets are grouped by "Unique ID" into one
// tripline.Entity each, with ids "uk-sl:<Unique ID>"; repeated facts are
// merged, so the repeat sheets add nothing twice.
//
// The ODS is a zip whose content.xml is about 632 MB for the 2022-11-30
// list. It is streamed through a small purpose-built XML scanner (see
// sheetScanner) and never held in memory; cell texts are interned, so the
// statement of reasons that every row of a designation repeats is stored
// once.
package uksl

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// Source is the source id of the UK Sanctions List.
const Source = "uk-sl"

// FormatName is the name of this format in ingest's format table.
const FormatName = "uk-sl-ods"

// odsMime is the mimetype entry every ODS spreadsheet starts with.
const odsMime = "application/vnd.oasis.opendocument.spreadsheet"

// maxCols is how many columns of a row are kept; the list has 58.
const maxCols = 128

// required are the header cells without which a sheet is not the list.
var required = []string{"Unique ID", "Name 6", "Name type", "Individual, Entity, Ship", "Regime Name"}

// Detect reports whether a file's first bytes are an ODS spreadsheet: a zip
// whose first, stored entry is the ODS mimetype. Sniff confirms that it is
// the UK Sanctions List.
func Detect(name string, head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head, []byte("mimetype"+odsMime))
}

// Sniff reports whether the ODS at path has a sheet whose header row holds
// the UK Sanctions List columns. It reads only the start of content.xml.
// A file whose archive or XML cannot be read is claimed too, so that Read
// reports where it is broken (a truncated download) instead of the file
// being skipped as of no known format.
func Sniff(path string) bool {
	z, err := zip.OpenReader(path)
	if err != nil {
		return true
	}
	defer z.Close()
	f := contentFile(&z.Reader)
	if f == nil {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return true
	}
	defer rc.Close()
	s := newSheetScanner(rc, maxCols)
	for i := 0; i < 20; i++ {
		ok, err := s.Next()
		if err != nil {
			return true
		}
		if !ok {
			return false
		}
		if _, missing := listutil.NewColumns(rowStrings(s, nil), required...); len(missing) == 0 {
			return true
		}
	}
	return false
}

// Read parses files, each a UK Sanctions List ODS, into one dataset.
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	p := newParser()
	total := fileutil.TotalSize(files...)
	var base int64
	for _, path := range files {
		z, err := zip.OpenReader(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
				return nil, &tripline.Error{Op: "uksl.Read", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
			}
			return nil, fileutil.ErrAt(path, fileutil.TotalSize(path), "not a readable ODS spreadsheet (zip archive: %v); truncated file?", err)
		}
		size := fileutil.TotalSize(path)
		err = p.parseZip(ctx, &z.Reader, path, func(done, all int64) {
			if opt.Progress != nil && all > 0 {
				opt.Progress(base+done*size/all, total)
			}
		})
		z.Close()
		if err != nil {
			return nil, err
		}
		base += size
	}
	ds := p.dataset()
	ds.Files = files
	return ds, nil
}

// Parse reads one UK Sanctions List ODS held in r (size bytes); file names
// it in errors and warnings.
func Parse(ctx context.Context, r io.ReaderAt, size int64, file string) (*tripline.Dataset, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fileutil.ErrAt(file, size, "not a readable ODS spreadsheet (zip archive: %v); truncated file?", err)
	}
	p := newParser()
	if err := p.parseZip(ctx, z, file, nil); err != nil {
		return nil, err
	}
	return p.dataset(), nil
}

func contentFile(z *zip.Reader) *zip.File {
	for _, f := range z.File {
		if f.Name == "content.xml" {
			return f
		}
	}
	return nil
}

// stats counts what the reader saw, for tests and warnings.
type stats struct {
	Sheets   int
	DataRows int64
	// PrimaryRows counts rows whose "Name type" is exactly "Primary Name",
	// by "Individual, Entity, Ship".
	PrimaryRows map[string]int64
}

type parser struct {
	byID      map[string]*tripline.Entity
	order     []*tripline.Entity
	published string
	warnings  []string
	intern    map[string]string
	rec       []string
	stats     stats
}

func newParser() *parser {
	return &parser{
		byID:   map[string]*tripline.Entity{},
		intern: map[string]string{},
		stats:  stats{PrimaryRows: map[string]int64{}},
	}
}

// str returns b as a string, sharing one copy of every distinct value.
func (p *parser) str(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return ""
	}
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	p.intern[s] = s
	return s
}

// rowStrings returns the stored cells of the scanner's row as strings,
// reusing rec.
func rowStrings(s *sheetScanner, rec []string) []string {
	rec = rec[:0]
	for i := 0; i < s.maxCols; i++ {
		rec = append(rec, string(bytes.TrimSpace(s.Cell(i))))
	}
	for len(rec) > 0 && rec[len(rec)-1] == "" {
		rec = rec[:len(rec)-1]
	}
	return rec
}

// progressReader reports the bytes read from content.xml.
type progressReader struct {
	r        io.Reader
	n, last  int64
	total    int64
	progress func(done, total int64)
}

func (c *progressReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.progress != nil && (c.n-c.last >= 4<<20 || err != nil) {
		c.last = c.n
		c.progress(c.n, c.total)
	}
	return n, err
}

func (p *parser) parseZip(ctx context.Context, z *zip.Reader, file string, progress func(done, total int64)) error {
	f := contentFile(z)
	if f == nil {
		return fileutil.Errf(file, 0, "not an ODS spreadsheet: the archive has no content.xml")
	}
	rc, err := f.Open()
	if err != nil {
		return fileutil.Errf(file, 0, "cannot read content.xml: %v", err)
	}
	defer rc.Close()
	return p.parse(ctx, &progressReader{r: rc, total: int64(f.UncompressedSize64), progress: progress}, file)
}

// parse reads the rows of content.xml from r.
func (p *parser) parse(ctx context.Context, r io.Reader, file string) error {
	s := newSheetScanner(r, maxCols)
	var (
		cols      listutil.Columns
		width     int // columns up to the header's last named one
		sheet     int
		rowsSeen  int
		sheetName string
	)
	fail := func(err error) error {
		var se *syntaxError
		if errors.As(err, &se) {
			return fileutil.Errf(file, 0, "content.xml byte %d (sheet %q): %s", se.Offset, sheetName, se.Msg)
		}
		return fileutil.Errf(file, 0, "content.xml (sheet %q): %v; truncated or corrupt file?", sheetName, err)
	}
	for {
		ok, err := s.Next()
		if err != nil {
			return fail(err)
		}
		if !ok {
			break
		}
		if rowsSeen++; rowsSeen%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if s.Table != sheet {
			sheet, sheetName, cols = s.Table, s.TableName, nil
		}
		if s.Empty() {
			continue
		}
		if cols == nil {
			rec := rowStrings(s, p.rec[:0])
			p.rec = rec
			if len(rec) > 0 && strings.HasPrefix(rec[0], "[Report for:") {
				p.reportDate(rec[0])
				continue
			}
			if c, missing := listutil.NewColumns(rec, required...); len(missing) == 0 {
				cols, width = c, len(rec)
				p.stats.Sheets++
			}
			continue
		}
		rec := p.rec[:0]
		for i := 0; i < width; i++ {
			rec = append(rec, p.str(s.Cell(i)))
		}
		p.rec = rec
		p.stats.DataRows += s.Repeat
		if cols.Get(rec, "Unique ID") == "" {
			p.warnings = append(p.warnings, fmt.Sprintf("%s: sheet %q row %d: row without Unique ID skipped", file, sheetName, s.Row))
			continue
		}
		p.row(cols, rec, s.Repeat)
	}
	if p.stats.Sheets == 0 {
		return fileutil.Errf(file, 0, "no sheet with the UK Sanctions List header (%s)", strings.Join(required, ", "))
	}
	return nil
}

// reportDate reads "[Report for: 30-Nov-2022]".
func (p *parser) reportDate(s string) {
	v := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "[Report for:"), "]"))
	for _, layout := range []string{"02-Jan-2006", "2-Jan-2006", "02/01/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			d := t.Format("2006-01-02")
			if d > p.published {
				p.published = d
			}
			return
		}
	}
	p.warnings = append(p.warnings, fmt.Sprintf("unreadable report date %q", s))
}

func (p *parser) dataset() *tripline.Dataset {
	for _, e := range p.order {
		finish(e)
	}
	return &tripline.Dataset{
		Source:      Source,
		Format:      FormatName,
		PublishedAt: p.published,
		Entities:    p.order,
		Warnings:    p.warnings,
	}
}

// finish makes sure every entity with names has a primary one.
func finish(e *tripline.Entity) { listutil.EnsurePrimary(e) }

// countryOrText returns the ISO code of a country name, else the name.
func countryOrText(s string) string {
	if cc := country.Code(s); cc != "" {
		return cc
	}
	return s
}
