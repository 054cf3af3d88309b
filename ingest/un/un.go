// Package un reads the United Nations Security Council Consolidated List
// in its XML form (consolidated.xml, root element CONSOLIDATED_LIST): one
// INDIVIDUAL under INDIVIDUALS per person and one ENTITY under ENTITIES per
// organisation. The file is streamed one record at a time.
//
// Mapping:
//
//   - id "un-sc:<REFERENCE_NUMBER>" (e.g. "un-sc:IRi.001"); INDIVIDUAL →
//     Person, ENTITY → Organization;
//   - FIRST_NAME..FOURTH_NAME → the primary name and its parts (an entity's
//     name is in FIRST_NAME). The UN does not say which part is the family
//     name: FIRST_NAME is taken as the given name, the last of the others as
//     the family name and those between as middle names;
//   - NAME_ORIGINAL_SCRIPT → a strong alias with its ISO 15924 script;
//   - INDIVIDUAL_ALIAS / ENTITY_ALIAS → aliases: QUALITY "Good" → alias,
//     "Low" → weak; the field sometimes holds "a.k.a." or "f.k.a." instead,
//     which gives an alias with that qualifier;
//   - INDIVIDUAL_DATE_OF_BIRTH by TYPE_OF_DATE: EXACT → the DATE or YEAR,
//     APPROXIMATELY → the YEAR (noted in Properties["birth_date_note"]),
//     BETWEEN → every year from FROM_YEAR to TO_YEAR;
//   - INDIVIDUAL_PLACE_OF_BIRTH → birth places; NATIONALITY → nationalities
//     (ISO codes; unknown names in Properties["nationality_text"]);
//   - INDIVIDUAL_DOCUMENT → identifiers (passport, national_id or other, the
//     source's type and dates in Note); addresses → addresses and countries;
//   - UN_LIST_TYPE → Programs; LISTED_ON → ListedOn; COMMENTS1 → Remarks;
//     TITLE, DESIGNATION, GENDER, DATAID, LAST_DAY_UPDATED → their fields or
//     Properties; the root's dateGenerated → the dataset's PublishedAt.
package un

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// Source is the source id of the UN Security Council Consolidated List.
const Source = "un-sc"

// FormatName is the name of this reader's format.
const FormatName = "un-sc-xml"

const rootName = "CONSOLIDATED_LIST"

// Detect reports whether head, the first bytes of a file, is UN
// consolidated list XML: its root element is CONSOLIDATED_LIST (also when
// head ends inside the root's start tag).
func Detect(_ string, head []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(head))
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			if off < 0 || off > int64(len(head)) {
				return false
			}
			rest := bytes.TrimSpace(head[off:])
			return bytes.HasPrefix(rest, []byte("<"+rootName))
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == rootName
		}
	}
}

// Read parses UN consolidated list XML files into one dataset of source
// "un-sc". With several files, PublishedAt is the newest dateGenerated.
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, Files: files}
	seen := map[string]bool{}
	err := listutil.ReadFiles(files, opt, "un.Read", func(path string, r io.Reader) error {
		return readFile(ctx, ds, path, r, seen)
	})
	if err != nil {
		return nil, err
	}
	return ds, nil
}

// ReadReader parses one UN XML document from r; name is used in errors.
func ReadReader(ctx context.Context, name string, r io.Reader) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, Files: []string{name}}
	if err := readFile(ctx, ds, name, r, map[string]bool{}); err != nil {
		return nil, err
	}
	return ds, nil
}

func readFile(ctx context.Context, ds *tripline.Dataset, path string, r io.Reader, seen map[string]bool) error {
	d := xml.NewDecoder(r)
	xmlErr := func(err error) error {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return &tripline.Error{Kind: tripline.KindInvalid, Msg: "malformed XML: " + se.Msg,
				Position: tripline.Position{File: path, Line: se.Line, Offset: d.InputOffset()}}
		}
		return fileutil.ErrAt(path, d.InputOffset(), "malformed XML: %v", err)
	}
	rootSeen, rootClosed := false, false
	n := 0
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return xmlErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !rootSeen {
				if t.Name.Local != rootName {
					return fileutil.ErrAt(path, start, "root element is <%s>, want <%s>; not a UN Security Council consolidated list", t.Name.Local, rootName)
				}
				rootSeen = true
				for _, a := range t.Attr {
					if a.Name.Local == "dateGenerated" && len(a.Value) >= 10 && listutil.IsISODate(a.Value[:10]) && a.Value[:10] > ds.PublishedAt {
						ds.PublishedAt = a.Value[:10]
					}
				}
				continue
			}
			var schema tripline.Schema
			switch t.Name.Local {
			case "INDIVIDUAL":
				schema = tripline.SchemaPerson
			case "ENTITY":
				schema = tripline.SchemaOrganization
			default:
				continue // INDIVIDUALS, ENTITIES: descend
			}
			if n++; n%200 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var rec record
			if err := d.DecodeElement(&rec, &t); err != nil {
				return xmlErr(err)
			}
			e, warns := mapRecord(&rec, schema)
			for _, w := range warns {
				ds.Warnings = append(ds.Warnings, fmt.Sprintf("%s (byte %d): %s", path, start, w))
			}
			if e == nil {
				continue
			}
			if seen[e.ID] {
				ds.Warnings = append(ds.Warnings, fmt.Sprintf("%s (byte %d): reference number %s repeats an earlier record; skipped", path, start, e.SourceID))
				continue
			}
			seen[e.ID] = true
			ds.Entities = append(ds.Entities, e)
		case xml.EndElement:
			if t.Name.Local == rootName {
				rootClosed = true
			}
		}
	}
	if !rootSeen {
		return fileutil.ErrAt(path, d.InputOffset(), "no <%s> element; not a UN Security Council consolidated list", rootName)
	}
	if !rootClosed {
		return fileutil.ErrAt(path, d.InputOffset(), "the file ends before </%s> (truncated)", rootName)
	}
	return nil
}

// record is one INDIVIDUAL or ENTITY element.
type record struct {
	DataID        string     `xml:"DATAID"`
	First         string     `xml:"FIRST_NAME"`
	Second        string     `xml:"SECOND_NAME"`
	Third         string     `xml:"THIRD_NAME"`
	Fourth        string     `xml:"FOURTH_NAME"`
	ListType      string     `xml:"UN_LIST_TYPE"`
	Reference     string     `xml:"REFERENCE_NUMBER"`
	ListedOn      string     `xml:"LISTED_ON"`
	Gender        string     `xml:"GENDER"`
	Original      []string   `xml:"NAME_ORIGINAL_SCRIPT"`
	Comments      string     `xml:"COMMENTS1"`
	Titles        []string   `xml:"TITLE>VALUE"`
	Designations  []string   `xml:"DESIGNATION>VALUE"`
	Nationalities []string   `xml:"NATIONALITY>VALUE"`
	LastUpdated   []string   `xml:"LAST_DAY_UPDATED>VALUE"`
	IndAliases    []alias    `xml:"INDIVIDUAL_ALIAS"`
	EntAliases    []alias    `xml:"ENTITY_ALIAS"`
	IndAddresses  []place    `xml:"INDIVIDUAL_ADDRESS"`
	EntAddresses  []place    `xml:"ENTITY_ADDRESS"`
	BirthDates    []dob      `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces   []place    `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents     []document `xml:"INDIVIDUAL_DOCUMENT"`
}

type alias struct {
	Quality      string `xml:"QUALITY"`
	Name         string `xml:"ALIAS_NAME"`
	DateOfBirth  string `xml:"DATE_OF_BIRTH"`
	CityOfBirth  string `xml:"CITY_OF_BIRTH"`
	CountryBirth string `xml:"COUNTRY_OF_BIRTH"`
	Note         string `xml:"NOTE"`
}

type place struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Zip     string `xml:"ZIP_CODE"`
	Country string `xml:"COUNTRY"`
	Note    string `xml:"NOTE"`
}

type dob struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
	Note     string `xml:"NOTE"`
}

type document struct {
	Type           string `xml:"TYPE_OF_DOCUMENT"`
	Type2          string `xml:"TYPE_OF_DOCUMENT2"`
	Number         string `xml:"NUMBER"`
	IssuingCountry string `xml:"ISSUING_COUNTRY"`
	DateOfIssue    string `xml:"DATE_OF_ISSUE"`
	CityOfIssue    string `xml:"CITY_OF_ISSUE"`
	CountryOfIssue string `xml:"COUNTRY_OF_ISSUE"`
	Note           string `xml:"NOTE"`
}

// countryCode resolves a UN country name, covering names the shared table
// lacks.
func countryCode(name string) string {
	if c := country.Code(name); c != "" {
		return c
	}
	switch strings.ToLower(name) {
	case "state of palestine":
		return "PS"
	}
	return ""
}

// clean trims s and collapses runs of white space (the file wraps some
// values over several lines).
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// mapRecord turns a record into an entity; nil with a warning when it has
// no reference number or no name.
func mapRecord(r *record, schema tripline.Schema) (*tripline.Entity, []string) {
	var warns []string
	ref := clean(r.Reference)
	if ref == "" {
		return nil, []string{"record without REFERENCE_NUMBER skipped"}
	}
	e := &tripline.Entity{ID: Source + ":" + ref, Source: Source, SourceID: ref, Schema: schema}

	// Primary name.
	var parts []tripline.NamePart
	var words []string
	raw := []string{clean(r.First), clean(r.Second), clean(r.Third), clean(r.Fourth)}
	var present []string
	for _, p := range raw {
		if p != "" {
			present = append(present, p)
		}
	}
	for i, p := range present {
		words = append(words, p)
		if schema != tripline.SchemaPerson || len(present) == 1 {
			continue
		}
		typ := "middle"
		switch i {
		case 0:
			typ = "given"
		case len(present) - 1:
			typ = "family"
		}
		parts = append(parts, tripline.NamePart{Type: typ, Value: p})
	}
	if len(words) == 0 {
		return nil, []string{fmt.Sprintf("%s has no name; skipped", ref)}
	}
	e.Names = append(e.Names, tripline.Name{Full: strings.Join(words, " "), Kind: tripline.NamePrimary, Parts: parts})
	for _, o := range r.Original {
		if o = clean(o); o != "" {
			e.Names = append(e.Names, tripline.Name{Full: o, Kind: tripline.NameAlias, Script: Script(o)})
		}
	}
	for _, a := range append(r.IndAliases, r.EntAliases...) {
		name := clean(a.Name)
		if name != "" {
			n := tripline.Name{Full: name, Kind: tripline.NameAlias, Script: Script(name)}
			switch strings.ToLower(strings.Trim(clean(a.Quality), ".")) {
			case "low":
				n.Kind = tripline.NameWeak
			case "a.k.a", "aka":
				n.Qualifier = "aka"
			case "f.k.a", "fka":
				n.Qualifier = "fka"
			case "n.k.a", "nka":
				n.Qualifier = "nka"
			}
			e.Names = append(e.Names, n)
		}
		if d := clean(a.DateOfBirth); d != "" {
			if len(d) >= 10 && listutil.IsISODate(d[:10]) {
				e.BirthDates = appendUnique(e.BirthDates, d[:10])
			} else {
				e.AddProperty("birth_date_note", d)
			}
		}
		if pl := joinNonEmpty(clean(a.CityOfBirth), clean(a.CountryBirth)); pl != "" {
			e.BirthPlaces = appendUnique(e.BirthPlaces, pl)
		}
	}

	for _, d := range r.BirthDates {
		addBirthDate(e, d)
	}
	for _, p := range r.BirthPlaces {
		if pl := joinNonEmpty(clean(p.Street), clean(p.City), clean(p.State), clean(p.Country)); pl != "" {
			e.BirthPlaces = appendUnique(e.BirthPlaces, pl)
		}
		e.AddProperty("birth_place_note", clean(p.Note))
	}
	for _, v := range r.Nationalities {
		v = clean(v)
		if v == "" {
			continue
		}
		if c := countryCode(v); c != "" {
			e.Nationalities = appendUnique(e.Nationalities, c)
		} else {
			e.AddProperty("nationality_text", v)
		}
	}
	for _, p := range append(r.IndAddresses, r.EntAddresses...) {
		addAddress(e, p)
	}
	for _, doc := range r.Documents {
		addDocument(e, doc)
	}

	e.Programs = nonEmpty(clean(r.ListType))
	if l := clean(r.ListedOn); l != "" {
		if len(l) >= 10 && listutil.IsISODate(l[:10]) {
			e.ListedOn = l[:10]
		} else {
			warns = append(warns, fmt.Sprintf("%s: LISTED_ON %q is not a date", ref, l))
			e.AddProperty("listed_on_text", l)
		}
	}
	e.Remarks = strings.TrimSpace(r.Comments)
	e.Gender = strings.ToLower(clean(r.Gender))
	for _, t := range r.Titles {
		e.AddProperty("title", clean(t))
	}
	for _, t := range r.Designations {
		e.AddProperty("position", clean(t))
	}
	e.AddProperty("dataid", clean(r.DataID))
	for _, u := range r.LastUpdated {
		e.AddProperty("last_updated", clean(u))
	}
	return e, warns
}

func addBirthDate(e *tripline.Entity, d dob) {
	typ := strings.ToUpper(clean(d.Type))
	date, year := clean(d.Date), clean(d.Year)
	note := clean(d.Note)
	switch {
	case typ == "BETWEEN":
		from, err1 := strconv.Atoi(clean(d.FromYear))
		to, err2 := strconv.Atoi(clean(d.ToYear))
		if err1 == nil && err2 == nil && from <= to && to-from <= 30 {
			for y := from; y <= to; y++ {
				e.BirthDates = appendUnique(e.BirthDates, fmt.Sprintf("%04d", y))
			}
			e.AddProperty("birth_date_note", fmt.Sprintf("between %d and %d", from, to))
		} else if f := joinNonEmpty(clean(d.FromYear), clean(d.ToYear)); f != "" {
			e.AddProperty("birth_date_note", "between "+f)
		}
	case date != "" && len(date) >= 10 && listutil.IsISODate(date[:10]):
		e.BirthDates = appendUnique(e.BirthDates, date[:10])
	case isYear(year):
		e.BirthDates = appendUnique(e.BirthDates, year)
		if typ == "APPROXIMATELY" {
			e.AddProperty("birth_date_note", "approximately "+year)
		}
	case date != "" || year != "":
		e.AddProperty("birth_date_note", joinNonEmpty(date, year))
	}
	e.AddProperty("birth_date_note", note)
}

func addAddress(e *tripline.Entity, p place) {
	a := tripline.Address{
		Street:     clean(p.Street),
		City:       clean(p.City),
		Region:     clean(p.State),
		PostalCode: clean(p.Zip),
	}
	cname := clean(p.Country)
	if cname != "" {
		if c := countryCode(cname); c != "" {
			a.Country = c
			e.Countries = appendUnique(e.Countries, c)
		} else {
			a.Country = cname
		}
	}
	if a != (tripline.Address{}) {
		a.Full = joinNonEmpty(a.Street, a.City, a.Region, a.PostalCode, cname)
		e.Addresses = append(e.Addresses, a)
	}
	e.AddProperty("address_note", clean(p.Note))
}

func addDocument(e *tripline.Entity, d document) {
	label := joinNonEmpty(clean(d.Type), clean(d.Type2))
	number := clean(d.Number)
	if number == "" {
		if note := joinNonEmpty(label, clean(d.Note)); note != "" {
			e.AddProperty("document_note", note)
		}
		return
	}
	id := tripline.Identifier{Type: docType(label), Value: number}
	for _, c := range []string{clean(d.IssuingCountry), clean(d.CountryOfIssue)} {
		if cc := countryCode(c); cc != "" {
			id.Country = cc
			break
		}
	}
	var note []string
	if label != "" {
		note = append(note, label)
	}
	if v := clean(d.DateOfIssue); v != "" {
		note = append(note, "issued "+v)
	}
	if v := clean(d.CityOfIssue); v != "" {
		note = append(note, "issued in "+v)
	}
	if v := clean(d.CountryOfIssue); v != "" && countryCode(v) == "" {
		note = append(note, "country of issue "+v)
	}
	if v := clean(d.Note); v != "" {
		note = append(note, v)
	}
	id.Note = strings.Join(note, "; ")
	e.Identifiers = append(e.Identifiers, id)
}

// docType normalises the UN's free-text document type.
func docType(label string) string {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "passport"), strings.Contains(l, "pasaporte"), strings.Contains(l, "passeport"):
		return "passport"
	case strings.Contains(l, "national identi"), strings.Contains(l, "identity card"), strings.Contains(l, "identification card"),
		strings.Contains(l, "civil identification"), strings.Contains(l, "national number"), strings.Contains(l, "tazkira"),
		strings.Contains(l, "personal identification"), strings.Contains(l, "identity number"), strings.Contains(l, "identity document"):
		return "national_id"
	case strings.Contains(l, "fiscal code"), strings.Contains(l, "tax"):
		return "tax"
	case strings.Contains(l, "social security"):
		return "social_security"
	}
	return "other"
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
