// Package eu reads the European Commission's Financial Sanctions Files
// (FSF) consolidated list in its CSV form: a ";"-separated file with a
// UTF-8 byte order mark and 118 named columns, holding one row per entity
// and item (a name alias, an address, a birth date, an identity document
// or a citizenship). Rows are grouped by Entity_LogicalId into one
// tripline.Entity each, with ids "eu-fsf:<Entity_LogicalId>".
package eu

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

// Source is the source id of the EU consolidated list.
const Source = "eu-fsf"

// FormatName is the name of this format in ingest's format table.
const FormatName = "eu-fsf-csv"

// required are the columns without which a file is not an FSF CSV.
var required = []string{"fileGenerationDate", "Entity_LogicalId", "Entity_SubjectType", "NameAlias_WholeName"}

// Detect reports whether a file's first bytes are an FSF CSV header.
func Detect(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	return bytes.HasPrefix(head, []byte("fileGenerationDate;Entity_LogicalId;"))
}

// Read parses files, each an FSF CSV, into one dataset. Rows of the same
// Entity_LogicalId are merged even when they are not adjacent or sit in
// different files.
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	p := newParser()
	err := listutil.ReadFiles(files, opt, "eu.Read", func(path string, r io.Reader) error {
		return p.parse(ctx, r, path)
	})
	if err != nil {
		return nil, err
	}
	ds := p.dataset()
	ds.Files = files
	return ds, nil
}

// Parse reads one FSF CSV from r; file names it in errors and warnings.
func Parse(ctx context.Context, r io.Reader, file string) (*tripline.Dataset, error) {
	p := newParser()
	if err := p.parse(ctx, r, file); err != nil {
		return nil, err
	}
	return p.dataset(), nil
}

type parser struct {
	byID      map[string]*entity
	order     []*entity
	published string
	warnings  []string
	rows      int // data rows read
}

// entity is an entity under construction with what is only known once all
// its rows are in.
type entity struct {
	e         *tripline.Entity
	firstName bool     // the primary name has been chosen
	regDates  []string // regulation publication dates, for ListedOn
}

func newParser() *parser { return &parser{byID: map[string]*entity{}} }

func (p *parser) dataset() *tripline.Dataset {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, PublishedAt: p.published, Warnings: p.warnings}
	ds.Entities = make([]*tripline.Entity, 0, len(p.order))
	for _, pe := range p.order {
		finish(pe)
		ds.Entities = append(ds.Entities, pe.e)
	}
	return ds
}

func (p *parser) parse(ctx context.Context, r io.Reader, file string) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = ';'
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fileutil.Errf(file, 1, "the file is empty; expected an EU FSF CSV header")
		}
		return csvErr(file, err)
	}
	header = append([]string(nil), header...)
	cols, missing := listutil.NewColumns(header, required...)
	if len(missing) > 0 {
		return fileutil.Errf(file, 1, "not an EU FSF CSV: header lacks %s", strings.Join(missing, ", "))
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
			return csvErr(file, err)
		}
		p.rows++
		line, _ := cr.FieldPos(0)
		if err := p.row(cols, rec, file, line); err != nil {
			return err
		}
	}
	return nil
}

// csvErr turns an encoding/csv error into a parse error.
func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "row has the wrong number of fields (is the file truncated?)"
		}
		return fileutil.Errf(file, pe.Line, "%s (column %d)", msg, pe.Column)
	}
	return &tripline.Error{Op: "eu.Read", Kind: tripline.KindInvalid, Msg: "cannot read " + file, Err: err}
}
