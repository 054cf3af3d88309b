package ftm

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
)

// csvRequired are the targets.simple.csv columns without which a file is
// not that export.
var csvRequired = []string{"id", "schema", "name", "aliases", "identifiers", "dataset"}

// DetectCSV reports whether a file's first bytes are an OpenSanctions
// targets.simple.csv: a header starting "id","schema","name","aliases".
func DetectCSV(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.ReplaceAll(bytes.TrimRight(line, "\r"), []byte(`"`), nil)
	return bytes.HasPrefix(line, []byte("id,schema,name,aliases,")) && bytes.Contains(line, []byte(",identifiers,"))
}

// ReadCSV parses files, each an OpenSanctions targets.simple.csv, into one
// dataset of source "os".
func ReadCSV(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatCSV}
	total := fileutil.TotalSize(files...)
	var base int64
	seen := map[string]bool{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, &tripline.Error{Op: "ftm.ReadCSV", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
		}
		c := &fileutil.Counter{R: f, Base: base, Total: total, Progress: opt.Progress}
		err = parseCSV(ctx, c, path, ds, seen)
		f.Close()
		if err != nil {
			return nil, err
		}
		base += c.N
	}
	ds.Files = files
	ds.PublishedAt = publishedAt(ds.Entities)
	return ds, nil
}

// ParseCSV reads one targets.simple.csv from r; file names it in errors.
func ParseCSV(ctx context.Context, r io.Reader, file string) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatCSV}
	if err := parseCSV(ctx, r, file, ds, map[string]bool{}); err != nil {
		return nil, err
	}
	ds.PublishedAt = publishedAt(ds.Entities)
	return ds, nil
}

var (
	imoRe  = regexp.MustCompile(`^IMO ?(\d{7})$`)
	mmsiRe = regexp.MustCompile(`^\d{9}$`)
)

func parseCSV(ctx context.Context, r io.Reader, file string, ds *tripline.Dataset, seen map[string]bool) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fileutil.Errf(file, 1, "empty file: expected the targets.simple.csv header")
		}
		return csvErr(file, err)
	}
	cols, missing := listutil.NewColumns(header, csvRequired...)
	if len(missing) > 0 {
		return fileutil.Errf(file, 1, "not an OpenSanctions targets.simple.csv: the header lacks %s", strings.Join(missing, ", "))
	}
	ncols := len(header)
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(file, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != ncols {
			return fileutil.Errf(file, line, "%d fields, the header has %d (truncated line?)", len(rec), ncols)
		}
		id := cols.Get(rec, "id")
		if id == "" {
			ds.Warnings = append(ds.Warnings, fileutil.Errf(file, line, "row without id skipped").Error())
			continue
		}
		if seen[id] {
			ds.Warnings = append(ds.Warnings, fileutil.Errf(file, line, "duplicate id %q skipped", id).Error())
			continue
		}
		seen[id] = true
		ds.Entities = append(ds.Entities, csvEntity(cols, rec))
	}
}

func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fileutil.Errf(file, pe.Line, "%v", pe.Err)
	}
	return &tripline.Error{Op: "ftm.ReadCSV", Kind: tripline.KindInvalid, Msg: "cannot read " + file, Err: err}
}

func splitSemi(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func csvEntity(cols listutil.Columns, rec []string) *tripline.Entity {
	id := cols.Get(rec, "id")
	e := &tripline.Entity{ID: Source + ":" + id, Source: Source, SourceID: id, Schema: tripline.SchemaLegalEntity}
	if s, ok := thingSchemata[cols.Get(rec, "schema")]; ok {
		e.Schema = s
	}
	for _, n := range splitSemi(cols.Get(rec, "name")) {
		listutil.AddName(e, tripline.Name{Full: n, Kind: tripline.NamePrimary, Script: listutil.Script(n)})
	}
	for _, n := range splitSemi(cols.Get(rec, "aliases")) {
		listutil.AddName(e, tripline.Name{Full: n, Kind: tripline.NameAlias, Qualifier: "aka", Script: listutil.Script(n)})
	}
	finish(e)
	e.BirthDates = listutil.AppendUnique(e.BirthDates, splitSemi(cols.Get(rec, "birth_date"))...)
	for _, c := range splitSemi(cols.Get(rec, "countries")) {
		e.Countries = listutil.AppendUnique(e.Countries, countryCode(c))
	}
	for _, a := range splitSemi(cols.Get(rec, "addresses")) {
		listutil.AddAddress(e, tripline.Address{Full: a})
	}
	for _, v := range splitSemi(cols.Get(rec, "identifiers")) {
		listutil.AddIdentifier(e, csvIdentifier(e.Schema, v))
	}
	e.Phones = listutil.AppendUnique(e.Phones, splitSemi(cols.Get(rec, "phones"))...)
	e.Emails = listutil.AppendUnique(e.Emails, splitSemi(cols.Get(rec, "emails"))...)
	e.Programs = listutil.AppendUnique(e.Programs, splitSemi(cols.Get(rec, "program_ids"))...)
	// "sanctions" holds the listing reasons; an empty list is written "".
	for _, s := range sanctionTexts(cols.Get(rec, "sanctions")) {
		addRemark(e, s)
	}
	listutil.AddProp(e, "datasets", cols.Get(rec, "dataset"))
	listutil.AddProp(e, "first_seen", cols.Get(rec, "first_seen"))
	listutil.AddProp(e, "last_seen", cols.Get(rec, "last_seen"))
	listutil.AddProp(e, "last_change", cols.Get(rec, "last_change"))
	return e
}

// csvIdentifier types the untyped identifiers of targets.simple.csv by
// their shape: IMO numbers, and 9-digit MMSIs on vessels.
func csvIdentifier(s tripline.Schema, v string) tripline.Identifier {
	if m := imoRe.FindStringSubmatch(v); m != nil {
		return tripline.Identifier{Type: "imo", Value: m[1]}
	}
	if s == tripline.SchemaVessel && mmsiRe.MatchString(v) {
		return tripline.Identifier{Type: "mmsi", Value: v}
	}
	return tripline.Identifier{Type: "other", Value: v}
}

// sanctionTexts splits the "sanctions" column, a ";"-separated list of
// CSV-quoted texts in which an empty list is written "".
func sanctionTexts(s string) []string {
	if s == "" || s == `""` {
		return nil
	}
	if !strings.HasPrefix(s, `"`) {
		return []string{s}
	}
	r := csv.NewReader(strings.NewReader(s))
	r.Comma = ';'
	r.LazyQuotes = true
	var out []string
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		for _, v := range rec {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	if len(out) == 0 {
		return []string{s}
	}
	return out
}
