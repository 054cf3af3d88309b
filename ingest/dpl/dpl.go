// Package dpl reads the Denied Persons List of the US Bureau of Industry and
// Security (BIS) in its tab-separated form, dpl.txt: a header line, then one
// quoted row per denied party and address, with the columns Name,
// Street_Address, City, State, Country, Postal_Code, Effective_Date,
// Expiration_Date, Standard_Order, Last_Update, Action and FR_Citation.
// Columns are found by header name.
//
// The list mixes people and firms without saying which, so every entity is
// a LegalEntity. Dates in MM/DD/YYYY become ISO dates; Effective_Date is the
// listing date. An "(A.K.A. X)" inside a name and a "D/B/A X" suffix become
// aliases. A malformed row, a bad date, and a file that ends inside a row
// without a final line break (a truncated download) are errors naming the
// file and line.
//
// # Ids
//
// The file has no id column, so the id is derived: "us-bis-dpl:" followed by
// the first 12 hex digits of the SHA-256 of the normalised (trimmed,
// upper-cased, inner spaces collapsed) fields Name, Effective_Date,
// FR_Citation, Street_Address, City, State, Country and Postal_Code, joined
// by a 0x1F byte. Name, date and citation alone are not enough: one denial
// order often lists the same party at several addresses (73 such groups in
// the 2023-11 file), and each row is one entity. Two rows that are identical
// in all of these fields (the 2023-11 file has two such pairs) get "-2",
// "-3" ... appended to the later ones, and a warning. An id therefore
// changes when BIS edits the name, address or citation of a row, which a
// delta then shows as one removal and one addition.
package dpl

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// Source is the source id of the BIS Denied Persons List.
const Source = "us-bis-dpl"

// FormatName is the name of this reader's format.
const FormatName = "us-bis-dpl"

// required are the header names the reader needs.
var required = []string{"Name", "Effective_Date", "FR_Citation"}

// Detect reports whether head, the first bytes of a file, is a DPL: a
// tab-separated header naming Name, Effective_Date and FR_Citation.
func Detect(_ string, head []byte) bool {
	cols := listutil.HeaderColumns(head, "\t")
	for _, r := range required {
		if !cols[r] {
			return false
		}
	}
	return true
}

// Read parses dpl.txt files into one dataset of source "us-bis-dpl".
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, Files: files}
	seen := map[string]int{}
	err := listutil.ReadFiles(files, opt, "dpl.Read", func(path string, r io.Reader) error {
		return readFile(ctx, ds, path, r, seen)
	})
	if err != nil {
		return nil, err
	}
	return ds, nil
}

// ReadReader parses one dpl.txt from r; name is used in errors and
// warnings.
func ReadReader(ctx context.Context, name string, r io.Reader) (*tripline.Dataset, error) {
	ds := &tripline.Dataset{Source: Source, Format: FormatName, Files: []string{name}}
	if err := readFile(ctx, ds, name, r, map[string]int{}); err != nil {
		return nil, err
	}
	return ds, nil
}

func readFile(ctx context.Context, ds *tripline.Dataset, path string, r io.Reader, seen map[string]int) error {
	tail := &listutil.TailReader{R: r}
	cr := csv.NewReader(tail)
	cr.Comma = '\t'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fileutil.Errf(path, 1, "the file is empty; expected a tab-separated header starting with \"Name\"")
		}
		return csvErr(path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, name := range required {
		if _, ok := col[name]; !ok {
			return fileutil.Errf(path, 1, "header has no %q column; not a BIS Denied Persons List (dpl.txt)", name)
		}
	}
	return listutil.CSVRows(ctx, cr, tail, path, col, len(header), 500, csvErr, func(line int, get func(string) string) error {
		e, err := mapRow(get)
		if err != nil {
			return fileutil.Errf(path, line, "%v", err)
		}
		if e == nil {
			ds.Warnings = append(ds.Warnings, fmt.Sprintf("%s:%d: row without a name skipped", path, line))
			return nil
		}
		seen[e.SourceID]++
		if k := seen[e.SourceID]; k > 1 {
			ds.Warnings = append(ds.Warnings, fmt.Sprintf("%s:%d: row repeats an earlier row of %s; kept as %s-%d", path, line, e.Caption(), e.SourceID, k))
			e.SourceID += "-" + strconv.Itoa(k)
			e.ID = Source + ":" + e.SourceID
		}
		ds.Entities = append(ds.Entities, e)
		return nil
	})
}

func csvErr(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fileutil.Errf(path, pe.Line, "malformed tab-separated row (column %d): %v", pe.Column, pe.Err)
	}
	return &tripline.Error{Op: "dpl.Read", Kind: tripline.KindInvalid, Msg: "cannot read " + path, Err: err}
}

// normalise trims, upper-cases and collapses inner spaces.
func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToUpper(s)), " ")
}

// ID derives the native id of a row from its fields (see the package doc).
func ID(name, effective, citation, street, city, state, countryCode, postal string) string {
	h := sha256.New()
	for i, f := range []string{name, effective, citation, street, city, state, countryCode, postal} {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		h.Write([]byte(normalise(f)))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// mapRow turns one row into an entity; nil for a row without a name, an
// error for a malformed date.
func mapRow(get func(string) string) (*tripline.Entity, error) {
	name := get("Name")
	if name == "" {
		return nil, nil
	}
	eff, err := usDate(get("Effective_Date"))
	if err != nil {
		return nil, fmt.Errorf("Effective_Date: %v", err)
	}
	exp, err := usDate(get("Expiration_Date"))
	if err != nil {
		return nil, fmt.Errorf("Expiration_Date: %v", err)
	}
	street, city, state, cc, postal := get("Street_Address"), get("City"), get("State"), get("Country"), get("Postal_Code")
	sid := ID(name, eff, get("FR_Citation"), street, city, state, cc, postal)
	e := &tripline.Entity{
		ID:       Source + ":" + sid,
		Source:   Source,
		SourceID: sid,
		Schema:   tripline.SchemaLegalEntity,
		ListedOn: eff,
	}
	primary, aliases := splitNames(name)
	e.Names = append(e.Names, tripline.Name{Full: primary, Kind: tripline.NamePrimary})
	for _, a := range aliases {
		e.Names = append(e.Names, tripline.Name{Full: a, Kind: tripline.NameAlias, Qualifier: "aka"})
	}
	if primary != name {
		e.AddProperty("name_as_listed", name)
	}
	addr := tripline.Address{Street: street, City: city, Region: state, PostalCode: postal}
	if cc != "" {
		if c := country.Code(cc); c != "" {
			addr.Country = c
		} else {
			addr.Country = cc
		}
	}
	var full []string
	for _, p := range []string{street, city, state, postal, cc} {
		if p != "" {
			full = append(full, p)
		}
	}
	addr.Full = strings.Join(full, ", ")
	if addr != (tripline.Address{}) {
		e.Addresses = append(e.Addresses, addr)
		if addr.Country != "" && len(addr.Country) == 2 {
			e.Countries = []string{addr.Country}
		}
	}
	e.AddProperty("end_date", exp)
	e.AddProperty("standard_order", strings.ToUpper(get("Standard_Order")))
	e.AddProperty("last_update", get("Last_Update"))
	e.AddProperty("action", get("Action"))
	e.AddProperty("federal_register_notice", get("FR_Citation"))
	return e, nil
}

var (
	akaRE = regexp.MustCompile(`(?i)\s*\(\s*(?:A\.?K\.?A\.?|ALSO KNOWN AS)\s+([^()]+)\)\s*`)
	dbaRE = regexp.MustCompile(`(?i)\s+D/B/A\s+`)
)

// splitNames takes the aliases out of a listed name: "PEARL (A.K.A.
// NEI-CHIEN CHU) LI" gives "PEARL LI" and "NEI-CHIEN CHU"; "SIBERIAN
// AIRLINES D/B/A S7 AIRLINES" gives both names.
func splitNames(name string) (string, []string) {
	var aliases []string
	primary := akaRE.ReplaceAllStringFunc(name, func(m string) string {
		aliases = append(aliases, strings.TrimSpace(akaRE.FindStringSubmatch(m)[1]))
		return " "
	})
	parts := dbaRE.Split(primary, -1)
	primary = strings.Join(strings.Fields(parts[0]), " ")
	for _, p := range parts[1:] {
		if p = strings.TrimSpace(p); p != "" {
			aliases = append(aliases, p)
		}
	}
	if primary == "" {
		return strings.TrimSpace(name), nil
	}
	return primary, aliases
}

// usDate converts MM/DD/YYYY to YYYY-MM-DD; "" stays "".
func usDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	m, rest, ok1 := strings.Cut(s, "/")
	d, y, ok2 := strings.Cut(rest, "/")
	mi, err1 := strconv.Atoi(m)
	di, err2 := strconv.Atoi(d)
	yi, err3 := strconv.Atoi(y)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || err3 != nil || len(y) != 4 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return "", fmt.Errorf("%q is not a MM/DD/YYYY date", s)
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di), nil
}
