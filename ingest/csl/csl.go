// Package csl reads the US Consolidated Screening List (CSL) that trade.gov
// publishes as one CSV file (consolidated.csv): thirteen lists of the
// Departments of Commerce (BIS Entity List, Denied Persons, Unverified and
// Military End User lists), State (ITAR Debarred, Nonproliferation
// Sanctions) and the Treasury (SDN and the non-SDN lists) merged into 29
// columns.
//
// Columns are found by their header name, not their position. Multi-valued
// columns (programs, alt_names, addresses, ids, citizenships, nationalities,
// dates_of_birth, places_of_birth) are joined with "; ". An address ends in
// an ISO alpha-2 country code. An ids item reads
// "[COUNTRY, ][EXPIRES, ][ISSUED, ]VALUE, TYPE": the type comes last, the
// issuing country first when there is one; the column also carries facts
// that are not identifiers ("Male, Gender", "www.x.ru, Website", the
// secondary-sanctions flags), which go to their own fields or to
// Properties.
//
// Entity ids are "us-csl:<_id>". The CSL repeats a Treasury record on every
// list it is on (SDN, SSI, CAP ...), with the same _id (the OFAC ent_num),
// so _id alone is not unique. Among the rows sharing an _id, the row of the
// highest-ranked list (SDN first, see listRank) keeps "us-csl:<_id>"; the
// others get "us-csl:<_id>:<LIST CODE>" (e.g. "us-csl:18725:SSI") and a
// "same_as" link to it. The rule depends only on the set of rows, not on
// their order, so ids are stable across publications.
//
// The sub-list is kept in Properties["list"] (its full name) and
// Properties["list_code"] (the code in its parentheses: SDN, EL, DPL ...).
//
// A malformed row is an error naming the file and line. A file that ends
// inside a row, without a final line break, is taken for a truncated
// download and rejected too.
package csl

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/names"
)

// Source is the source id of the CSL.
const Source = "us-csl"

// FormatName is the name of this reader's format.
const FormatName = "us-csl-csv"

// required are the columns without which a file is not a CSL.
var required = []string{"_id", "source", "name"}

// Detect reports whether head, the first bytes of a file, is a CSL CSV: its
// header line names the CSL's characteristic columns.
func Detect(_ string, head []byte) bool {
	cols := listutil.HeaderColumns(head, ",")
	return cols["_id"] && cols["source"] && cols["name"] && cols["alt_names"] && cols["source_list_url"]
}

// Read parses CSL CSV files into one dataset of source "us-csl".
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, Files: files}
	err := listutil.ReadFiles(files, opt, "csl.Read", func(path string, r io.Reader) error {
		return readFile(ctx, ds, path, r)
	})
	if err != nil {
		return nil, err
	}
	assignIDs(ds)
	return ds, nil
}

// ReadReader parses one CSL CSV from r; name is used in errors. It is Read
// for one file without the file system, used by tests and the fuzzer.
func ReadReader(ctx context.Context, name string, r io.Reader) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, Files: []string{name}}
	if err := readFile(ctx, ds, name, r); err != nil {
		return nil, err
	}
	assignIDs(ds)
	return ds, nil
}

func readFile(ctx context.Context, ds *tripline.Dataset, path string, r io.Reader) error {
	tail := &listutil.TailReader{R: r}
	cr := csv.NewReader(skipBOM(tail))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fileutil.Errf(path, 1, "the file is empty; expected a CSL header line starting with _id,source,...")
		}
		return csvErr(path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, name := range required {
		if _, ok := col[name]; !ok {
			return fileutil.Errf(path, 1, "header has no %q column; not a Consolidated Screening List CSV", name)
		}
	}
	return listutil.CSVRows(ctx, cr, tail, path, col, len(header), 1000, csvErr, func(line int, get func(string) string) error {
		warn := func(w string) { ds.Warnings = append(ds.Warnings, fmt.Sprintf("%s:%d: %s", path, line, w)) }
		if e := mapRow(get, warn); e != nil {
			ds.Entities = append(ds.Entities, e)
		}
		return nil
	})
}

func csvErr(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fileutil.Errf(path, pe.Line, "malformed CSV (column %d): %v", pe.Column, pe.Err)
	}
	return &tripline.Error{Op: "csl.Read", Kind: tripline.KindInvalid, Msg: "cannot read " + path, Err: err}
}

func skipBOM(r io.Reader) io.Reader { return &bomReader{r: r} }

// bomReader drops a leading UTF-8 byte order mark.
type bomReader struct {
	r       io.Reader
	started bool
	buf     []byte
}

func (b *bomReader) Read(p []byte) (int, error) {
	if !b.started {
		b.started = true
		head := make([]byte, 3)
		n, err := io.ReadFull(b.r, head)
		head = head[:n]
		if !bytes.Equal(head, []byte("\xef\xbb\xbf")) {
			b.buf = head
		}
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return 0, err
		}
	}
	if len(b.buf) > 0 {
		n := copy(p, b.buf)
		b.buf = b.buf[n:]
		return n, nil
	}
	return b.r.Read(p)
}

// splitList splits a "; "-joined cell, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

var listCodeRE = regexp.MustCompile(`\(([^()]+)\)`)

// ListCode returns the short code of a CSL sub-list name: the text in its
// first parentheses ("SDN", "EL", "NS-MBS List"), or the name itself.
func ListCode(list string) string {
	if m := listCodeRE.FindStringSubmatch(list); m != nil {
		return strings.TrimSpace(m[1])
	}
	return list
}

// listRank orders the sub-lists for id assignment: the row of the lowest
// rank keeps the bare _id.
var listRank = map[string]int{
	"SDN": 0, "SSI": 1, "FSE": 2, "NS-MBS List": 3, "CAP": 4, "CMIC": 5, "PLC": 6,
	"EL": 7, "DPL": 8, "UVL": 9, "MEU": 10, "ISN": 11, "DTC": 12,
}

func rank(code string) int {
	if r, ok := listRank[code]; ok {
		return r
	}
	return len(listRank)
}

// assignIDs gives every entity a unique id (see the package doc).
func assignIDs(ds *tripline.Dataset) {
	groups := map[string][]int{}
	var order []string
	for i, e := range ds.Entities {
		if _, ok := groups[e.SourceID]; !ok {
			order = append(order, e.SourceID)
		}
		groups[e.SourceID] = append(groups[e.SourceID], i)
	}
	for _, id := range order {
		idx := groups[id]
		sort.SliceStable(idx, func(a, b int) bool {
			return rank(listCodeOf(ds.Entities[idx[a]])) < rank(listCodeOf(ds.Entities[idx[b]]))
		})
		first := ds.Entities[idx[0]]
		first.ID = Source + ":" + id
		seen := map[string]int{}
		for _, i := range idx[1:] {
			e := ds.Entities[i]
			code := listCodeOf(e)
			if code == "" {
				code = "dup"
			}
			sid := id + ":" + strings.ReplaceAll(code, " ", "-")
			seen[sid]++
			if seen[sid] > 1 || code == listCodeOf(first) {
				sid += ":" + strconv.Itoa(seen[sid]+1)
				ds.Warnings = append(ds.Warnings, fmt.Sprintf("_id %s appears more than once on list %s; gave it id %s:%s", id, code, Source, sid))
			}
			e.SourceID = sid
			e.ID = Source + ":" + sid
			e.Links = append(e.Links, tripline.Link{Type: "same_as", TargetID: first.ID, TargetName: first.Caption()})
		}
	}
}

func listCodeOf(e *tripline.Entity) string {
	if v := e.Properties["list_code"]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// schemaOf maps the type column; BIS and State rows leave it empty.
func schemaOf(typ, name string, hasBirth bool) tripline.Schema {
	switch strings.ToLower(typ) {
	case "individual":
		return tripline.SchemaPerson
	case "entity":
		return tripline.SchemaOrganization
	case "vessel":
		return tripline.SchemaVessel
	case "aircraft":
		return tripline.SchemaAirplane
	}
	if hasBirth {
		return tripline.SchemaPerson
	}
	if names.LooksLikeOrganization(name) {
		return tripline.SchemaOrganization
	}
	return tripline.SchemaLegalEntity
}

// mapRow turns one row into an entity, reporting problems through warn; it
// returns nil for a row without an id or a name.
func mapRow(get func(string) string, warn func(string)) *tripline.Entity {
	id := get("_id")
	name := get("name")
	if id == "" {
		warn("row without an _id skipped")
		return nil
	}
	if name == "" {
		warn(fmt.Sprintf("_id %s has no name; row skipped", id))
		return nil
	}
	list := get("source")
	e := &tripline.Entity{ID: Source + ":" + id, Source: Source, SourceID: id}
	e.AddProperty("list", list)
	if list != "" {
		e.AddProperty("list_code", ListCode(list))
	}
	births := splitList(get("dates_of_birth"))
	e.Schema = schemaOf(get("type"), name, len(births) > 0 || get("places_of_birth") != "")

	primary := tripline.Name{Full: name, Kind: tripline.NamePrimary}
	if e.Schema == tripline.SchemaPerson {
		primary.Parts = nameParts(name)
	}
	e.Names = append(e.Names, primary)
	for _, a := range splitList(get("alt_names")) {
		n := tripline.Name{Full: a, Kind: tripline.NameAlias}
		if e.Schema == tripline.SchemaPerson {
			n.Parts = nameParts(a)
		}
		e.Names = append(e.Names, n)
	}

	e.Programs = splitList(get("programs"))
	for _, a := range splitList(get("addresses")) {
		addr := parseAddress(a)
		if addr == (tripline.Address{}) {
			continue
		}
		e.Addresses = append(e.Addresses, addr)
		if addr.Country != "" {
			e.Countries = appendUnique(e.Countries, addr.Country)
		}
	}
	for _, n := range splitList(get("nationalities")) {
		addCountry(e, n, "nationality", warn)
	}
	for _, c := range splitList(get("citizenships")) {
		e.AddProperty("citizenship", c)
		addCountry(e, c, "citizenship", warn)
	}
	for _, d := range births {
		ds, ok := parseBirthDate(d)
		if !ok {
			e.AddProperty("birth_date_text", d)
			continue
		}
		for _, v := range ds {
			e.BirthDates = appendUnique(e.BirthDates, v)
		}
		if strings.HasPrefix(strings.ToLower(d), "circa") {
			e.AddProperty("birth_date_text", d)
		}
	}
	e.BirthPlaces = splitList(get("places_of_birth"))
	if d := get("start_date"); d != "" {
		if listutil.IsISODate(d) {
			e.ListedOn = d
		} else {
			warn(fmt.Sprintf("start_date %q is not a YYYY-MM-DD date", d))
			e.AddProperty("start_date", d)
		}
	}
	e.AddProperty("end_date", get("end_date"))
	e.AddProperty("entity_number", get("entity_number"))
	e.AddProperty("title", get("title"))
	e.AddProperty("federal_register_notice", get("federal_register_notice"))
	e.AddProperty("standard_order", get("standard_order"))
	e.AddProperty("license_requirement", get("license_requirement"))
	e.AddProperty("license_policy", get("license_policy"))
	if cs := get("call_sign"); cs != "" {
		e.Identifiers = append(e.Identifiers, tripline.Identifier{Type: "call_sign", Value: cs})
	}
	e.AddProperty("vessel_type", get("vessel_type"))
	e.AddProperty("gross_tonnage", get("gross_tonnage"))
	e.AddProperty("gross_registered_tonnage", get("gross_registered_tonnage"))
	e.AddProperty("flag", get("vessel_flag"))
	e.AddProperty("vessel_owner", get("vessel_owner"))
	e.AddProperty("source_list_url", get("source_list_url"))
	e.AddProperty("source_information_url", get("source_information_url"))
	if r := get("remarks"); r != "" {
		e.Remarks = r
		for _, m := range linkedToRE.FindAllStringSubmatch(r, -1) {
			e.Links = append(e.Links, tripline.Link{Type: "linked_to", TargetName: strings.TrimSpace(m[1])})
		}
	}
	for _, item := range splitList(get("ids")) {
		addID(e, item)
	}
	return e
}

var linkedToRE = regexp.MustCompile(`Linked To:\s*([^)]+)\)`)

// nameParts splits an OFAC-style "FAMILY, Given" name.
func nameParts(name string) []tripline.NamePart {
	fam, given, ok := strings.Cut(name, ",")
	fam, given = strings.TrimSpace(fam), strings.TrimSpace(given)
	if !ok || fam == "" || given == "" || strings.Contains(given, ",") {
		return nil
	}
	return []tripline.NamePart{{Type: "given", Value: given}, {Type: "family", Value: fam}}
}

// isCode reports whether s is an upper-case ISO alpha-2 code, or XK (Kosovo,
// user-assigned but used by OFAC).
func isCode(s string) bool {
	return len(s) == 2 && strings.ToUpper(s) == s && (s == "XK" || country.Valid(s))
}

// addCountry adds a nationality or citizenship to e's nationalities.
func addCountry(e *tripline.Entity, v, what string, warn func(string)) {
	if isCode(v) {
		e.Nationalities = appendUnique(e.Nationalities, v)
		return
	}
	if c := country.Code(v); c != "" {
		e.Nationalities = appendUnique(e.Nationalities, c)
		return
	}
	warn(fmt.Sprintf("unknown %s %q", what, v))
	e.AddProperty(what+"_text", v)
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// parseAddress reads "street, city, postal, CC": the country is the last
// part when it is an ISO code; Full keeps the address as written.
func parseAddress(s string) tripline.Address {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		return tripline.Address{}
	}
	var a tripline.Address
	last := parts[len(parts)-1]
	if isCode(last) {
		a.Country = last
		if len(parts) == 1 {
			return a
		}
	} else if c := country.Code(last); c != "" {
		a.Country = c
	}
	a.Full = strings.Join(parts, ", ")
	return a
}

var yearRE = regexp.MustCompile(`^\d{4}$`)

// parseBirthDate reads "1975-04-21", "1975", "circa 1975" and "1960 to
// 1962" (each year of the range) into ISO date prefixes.
func parseBirthDate(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	switch {
	case listutil.IsISODate(s), yearRE.MatchString(s):
		return []string{s}, true
	case strings.HasPrefix(low, "circa "):
		y := strings.TrimSpace(s[len("circa "):])
		if yearRE.MatchString(y) || listutil.IsISODate(y) {
			return []string{y}, true
		}
	case strings.Contains(low, " to "):
		a, b, _ := strings.Cut(low, " to ")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if yearRE.MatchString(a) && yearRE.MatchString(b) {
			from, _ := strconv.Atoi(a)
			to, _ := strconv.Atoi(b)
			if from <= to && to-from <= 20 {
				var out []string
				for y := from; y <= to; y++ {
					out = append(out, strconv.Itoa(y))
				}
				return out, true
			}
		}
	}
	return nil, false
}
