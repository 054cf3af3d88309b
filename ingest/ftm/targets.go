package ftm

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/tripline/tripline"
)

// TargetsColumns are the columns of OpenSanctions' targets.simple.csv, the
// flat table for spreadsheets and simple matching.
var TargetsColumns = []string{"id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers",
	"sanctions", "phones", "emails", "program_ids", "dataset", "first_seen", "last_seen", "last_change"}

// TargetsWriter writes entities as rows of OpenSanctions' targets.simple.csv:
// every field quoted, several values in one cell joined by ";" (a ";"
// inside a value becomes ","), the id the entity's FtM id (FtMID, as in
// the FtM export), countries as lower-case ISO codes (of the entity, its
// nationalities and its addresses), identifiers as their values (IMO
// numbers as "IMO1234567", as OpenSanctions writes them), the remarks as
// the "sanctions" texts (each CSV-quoted, "" for none), the programmes as
// program_ids and the source as dataset. ReadCSV reads the file back.
type TargetsWriter struct {
	w      *bufio.Writer
	header bool
}

// NewTargetsWriter returns a writer of targets.simple.csv rows to w; the
// header is written before the first row (or by Flush if there is none).
// Call Flush when done.
func NewTargetsWriter(w io.Writer) *TargetsWriter {
	return &TargetsWriter{w: bufio.NewWriter(w)}
}

// writeQuoted writes a record with every field quoted, as OpenSanctions
// does.
func (t *TargetsWriter) writeQuoted(rec []string) error {
	for i, f := range rec {
		if i > 0 {
			t.w.WriteByte(',')
		}
		t.w.WriteString(csvQuote(f))
	}
	_, err := t.w.WriteString("\n")
	return err
}

func (t *TargetsWriter) writeHeader() error {
	if t.header {
		return nil
	}
	t.header = true
	return t.writeQuoted(TargetsColumns)
}

func csvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Write writes one entity's row.
func (t *TargetsWriter) Write(e *tripline.Entity) error {
	if err := t.writeHeader(); err != nil {
		return err
	}
	return t.writeQuoted(TargetsRow(e))
}

// Flush writes the header if no row was written, and buffered data.
func (t *TargetsWriter) Flush() error {
	if err := t.writeHeader(); err != nil {
		return err
	}
	return t.w.Flush()
}

// TargetsRow is an entity's row of targets.simple.csv, in TargetsColumns'
// order.
func TargetsRow(e *tripline.Entity) []string {
	id, _ := FtMID(e.ID)
	caption := e.Caption()
	var aliases []string
	for _, n := range e.Names {
		if n.Full != caption {
			aliases = appendCell(aliases, n.Full)
		}
	}
	var countries []string
	country := model.schema("Thing").Props["country"]
	addCountry := func(c string) {
		for _, v := range model.clean(country, ftmCountry(c)) {
			countries = appendCell(countries, v)
		}
	}
	for _, c := range e.Countries {
		addCountry(c)
	}
	for _, c := range e.Nationalities {
		addCountry(c)
	}
	var addresses []string
	for _, a := range e.Addresses {
		if a.Country != "" {
			addCountry(a.Country)
		}
		full := a.Full
		if full == "" {
			var parts []string
			for _, p := range []string{a.Street, a.City, a.Region, a.PostalCode} {
				if p != "" {
					parts = append(parts, p)
				}
			}
			full = strings.Join(parts, ", ")
		}
		addresses = appendCell(addresses, full)
	}
	var ids []string
	for _, idn := range e.Identifiers {
		v := idn.Value
		if idn.Type == "imo" && !strings.HasPrefix(strings.ToUpper(v), "IMO") {
			v = "IMO" + v
		}
		ids = appendCell(ids, v)
	}
	sanctions := `""`
	if r := strings.TrimSpace(e.Remarks); r != "" {
		var qs []string
		for _, line := range strings.Split(r, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				qs = append(qs, csvQuote(line))
			}
		}
		sanctions = strings.Join(qs, ";")
	}
	var programs []string
	for _, p := range e.Programs {
		programs = appendCell(programs, p)
	}
	dataset := []string{e.Source}
	for _, d := range e.Properties["datasets"] {
		dataset = appendCell(dataset, d)
	}
	firstOf := func(k string) string {
		if vs := e.Properties[k]; len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	return []string{
		id, ftmSchemaName(e.Schema), cell(caption), strings.Join(aliases, ";"), strings.Join(cells(e.BirthDates), ";"),
		strings.Join(countries, ";"), strings.Join(addresses, ";"), strings.Join(ids, ";"), sanctions,
		strings.Join(cells(e.Phones), ";"), strings.Join(cells(e.Emails), ";"), strings.Join(programs, ";"),
		strings.Join(dataset, ";"), firstOf("first_seen"), firstOf("last_seen"), firstOf("last_change"),
	}
}

// cell is a value fit for a ";"-joined cell.
func cell(v string) string {
	return strings.TrimSpace(strings.NewReplacer(";", ",", "\n", " ", "\r", " ").Replace(v))
}

func cells(vs []string) []string {
	var out []string
	for _, v := range vs {
		out = appendCell(out, v)
	}
	return out
}

func appendCell(list []string, v string) []string {
	if v = cell(v); v != "" && !slices.Contains(list, v) {
		list = append(list, v)
	}
	return list
}
