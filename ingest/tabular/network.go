package tabular

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/strictjson"
)

// Network record kinds, from a file's base name.
const (
	KindCompanies = "companies"
	KindPeople    = "people"
	KindShipments = "shipments"
)

// NetworkFileKind says which network records a file holds, from its base
// name: "companies", "people" or "shipments" (a name starting with one of
// those, e.g. companies-2025.csv), and its format from the extension:
// "jsonl" (.jsonl, .ndjson, .json: one object a line) or "csv". ok is false
// for any other file.
func NetworkFileKind(name string) (kind, format string, ok bool) {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch path.Ext(base) {
	case ".jsonl", ".ndjson", ".json":
		format = "jsonl"
	case ".csv":
		format = "csv"
	default:
		return "", "", false
	}
	for _, k := range []string{KindCompanies, KindPeople, KindShipments} {
		if strings.HasPrefix(base, k) {
			return k, format, true
		}
	}
	return "", "", false
}

// NetworkFiles expands paths into the network record files to read: a
// file is taken as it is (it must be a record file), a folder gives its
// record files by name (not its subfolders; other files are skipped, so
// a truth.jsonl beside them is not read). No file found is an error.
func NetworkFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, tripline.Errorf(tripline.KindInvalid, "%s: no such file or folder", p)
		}
		if !fi.IsDir() {
			if _, _, ok := NetworkFileKind(p); !ok {
				return nil, tripline.Errorf(tripline.KindInvalid, "%s: not a companies, people or shipments file (.jsonl or .csv)", p)
			}
			files = append(files, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, &tripline.Error{Op: "tabular.NetworkFiles", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("%s: cannot read the folder", p), Err: err}
		}
		for _, e := range ents {
			if _, _, ok := NetworkFileKind(e.Name()); ok && !e.IsDir() {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	if len(files) == 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "no companies, people or shipments files (.jsonl or .csv) in %s", strings.Join(paths, ", "))
	}
	return files, nil
}

// MaxNetworkLine is the longest JSON line one network record may take.
const MaxNetworkLine = 1 << 20

// maxRowErrors is how many bad rows a NetworkReader keeps (it counts them
// all).
const maxRowErrors = 100

// NetworkReader reads network record files into one set of records: the
// records of an import, which are stored whole or not at all. A bad row
// (malformed, failing the record's Validate, or repeating the id of an
// earlier record of its kind in any file read) is kept out of the records
// and reported with its file and line, and reading goes on; Err says
// whether any row was bad. JSON members a record does not know are
// ignored. The zero value is ready to use.
type NetworkReader struct {
	recs  tripline.NetworkRecords
	first map[string]string // kind, NUL, id → "file:line" where it came first
	errs  []*tripline.Error
	bad   int
}

// Records returns the good records read so far.
func (r *NetworkReader) Records() *tripline.NetworkRecords { return &r.recs }

// RowErrors returns the first bad rows (up to 100), each a row error
// whose Position names the file and line.
func (r *NetworkReader) RowErrors() []*tripline.Error { return r.errs }

// Err returns nil when every row read was good, else an Invalid error
// that counts the bad rows and lists the first of them.
func (r *NetworkReader) Err() error {
	if r.bad == 0 {
		return nil
	}
	var b strings.Builder
	if r.bad == 1 {
		b.WriteString("1 bad row")
	} else {
		fmt.Fprintf(&b, "%d bad rows", r.bad)
	}
	const shown = 10
	for i, err := range r.errs {
		if i == shown {
			fmt.Fprintf(&b, "\n  … and %d more", r.bad-shown)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(err.Error())
	}
	return &tripline.Error{Op: "tabular.ReadNetwork", Kind: tripline.KindInvalid, Msg: b.String()}
}

// rowError keeps err, a row error.
func (r *NetworkReader) rowError(err error) {
	r.bad++
	if len(r.errs) < maxRowErrors {
		if e := tripline.ParseErrorOf(err); e != nil {
			r.errs = append(r.errs, e)
		}
	}
}

// ReadFile reads the record file at p (see NetworkFileKind).
func (r *NetworkReader) ReadFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return &tripline.Error{Op: "tabular.ReadNetwork", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("%s: cannot open", p), Err: err}
	}
	defer f.Close()
	return r.Read(f, p)
}

// Read reads one file's records from in; name gives its kind and format
// (NetworkFileKind) and names it in errors. Bad rows are collected (see
// Err); the error returned is for the file as a whole: not a record file,
// a CSV header without an id column, or a read that failed.
func (r *NetworkReader) Read(in io.Reader, name string) error {
	kind, format, ok := NetworkFileKind(name)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "%s: not a companies, people or shipments file (.jsonl or .csv)", name)
	}
	if format == "csv" {
		return r.readCSV(in, name, kind)
	}
	return r.readJSONL(in, name, kind)
}

// add validates one record read at line and keeps it, or reports the row.
func (r *NetworkReader) add(file string, line int, kind, what string, rec any) {
	var id string
	var err error
	switch v := rec.(type) {
	case *tripline.NetworkCompany:
		id, err = v.ID, v.Validate()
	case *tripline.NetworkPerson:
		id, err = v.ID, v.Validate()
	case *tripline.NetworkShipment:
		id, err = v.ID, v.Validate()
	}
	if err != nil {
		r.rowError(tripline.ParseErrorf(file, line, "bad %s %s: %s", kind, what, tripline.ErrorMessage(err)))
		return
	}
	if id != "" {
		if r.first == nil {
			r.first = map[string]string{}
		}
		k := kind + "\x00" + id
		if at, dup := r.first[k]; dup {
			r.rowError(tripline.ParseErrorf(file, line, "bad %s %s: id %q given twice (first at %s)", kind, what, id, at))
			return
		}
		r.first[k] = fmt.Sprintf("%s:%d", file, line)
	}
	switch v := rec.(type) {
	case *tripline.NetworkCompany:
		r.recs.Companies = append(r.recs.Companies, *v)
	case *tripline.NetworkPerson:
		r.recs.People = append(r.recs.People, *v)
	case *tripline.NetworkShipment:
		r.recs.Shipments = append(r.recs.Shipments, *v)
	}
}

func (r *NetworkReader) readJSONL(in io.Reader, file, kind string) error {
	jl := NewJSONLines(in, file, MaxNetworkLine, false)
	for {
		raw, n, err := jl.Raw()
		switch {
		case err == io.EOF:
			return nil
		case IsRowError(err):
			r.rowError(err)
			continue
		case err != nil:
			return err
		}
		if raw[0] == '#' {
			continue // a comment
		}
		var rec any
		switch kind {
		case KindCompanies:
			rec = new(tripline.NetworkCompany)
		case KindPeople:
			rec = new(tripline.NetworkPerson)
		default:
			rec = new(tripline.NetworkShipment)
		}
		if err := strictjson.Decode(raw, rec, false); err != nil {
			r.rowError(tripline.ParseErrorf(file, n, "bad %s record: %s", kind, tripline.ErrorMessage(err)))
			continue
		}
		r.add(file, n, kind, "record", rec)
	}
}

// CSV layout (header row required, columns by name, any order):
//
//	companies.csv: id,name,country,address,phone,email,website,registered,
//	               directors,director_ids,owners,industry,identifiers
//	people.csv:    id,name,nationality,birth_date
//	shipments.csv: id,date,shipper,consignee,notify_party,hs_code,
//	               description,origin,destination
//
// List cells (directors, director_ids) separate items with ";". owners is
// "NAME|SHARE|ID;..." (ID may be left out; SHARE in 0..1 or a percentage
// like 60%). identifiers is "TYPE:VALUE;...".
func (r *NetworkReader) readCSV(in io.Reader, file, kind string) error {
	t, err := NewTable(in, file)
	if err != nil {
		return err
	}
	if len(t.Columns()) == 0 {
		return nil // an empty file
	}
	if !t.Has("id") {
		return tripline.ParseErrorf(file, 1, "the header has no id column")
	}
	for {
		row, err := t.Next()
		switch {
		case err == io.EOF:
			return nil
		case IsRowError(err):
			r.rowError(err)
			continue
		case err != nil:
			return err
		}
		if row.Empty() {
			continue
		}
		switch kind {
		case KindCompanies:
			c, err := csvCompany(row.Get)
			if err != nil {
				r.rowError(row.Errorf("bad companies row: %s", err))
				continue
			}
			r.add(file, row.Line, kind, "row", c)
		case KindPeople:
			r.add(file, row.Line, kind, "row", &tripline.NetworkPerson{ID: row.Get("id"), Name: row.Get("name"), Nationality: row.Get("nationality"), BirthDate: row.Get("birth_date")})
		default:
			r.add(file, row.Line, kind, "row", &tripline.NetworkShipment{ID: row.Get("id"), Date: row.Get("date"), Shipper: row.Get("shipper"), Consignee: row.Get("consignee"),
				NotifyParty: row.Get("notify_party"), HSCode: row.Get("hs_code"), Description: row.Get("description"),
				Origin: row.Get("origin"), Destination: row.Get("destination")})
		}
	}
}

func csvCompany(get func(string) string) (*tripline.NetworkCompany, error) {
	c := &tripline.NetworkCompany{ID: get("id"), Name: get("name"), Country: get("country"), Address: get("address"),
		Phone: get("phone"), Email: get("email"), Website: get("website"), Registered: get("registered"),
		Directors: splitList(get("directors")), DirectorIDs: splitList(get("director_ids")), Industry: get("industry")}
	for _, o := range splitList(get("owners")) {
		parts := strings.Split(o, "|")
		ow := tripline.Shareholder{Name: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			s := strings.TrimSpace(parts[1])
			pct := strings.HasSuffix(s, "%")
			f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
			if err != nil {
				return nil, fmt.Errorf("owner %q: share %q is not a number", ow.Name, s)
			}
			if pct || f > 1 {
				f /= 100
			}
			ow.Share = f
		}
		if len(parts) > 2 {
			ow.ID = strings.TrimSpace(parts[2])
		}
		c.Owners = append(c.Owners, ow)
	}
	for _, id := range splitList(get("identifiers")) {
		t, v, ok := strings.Cut(id, ":")
		if !ok {
			t, v = "other", id
		}
		c.Identifiers = append(c.Identifiers, tripline.Identifier{Type: strings.TrimSpace(t), Value: strings.TrimSpace(v)})
	}
	return c, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ReadNetworkFiles reads the record files of paths (NetworkFiles) and
// returns their records and the files read. Any bad row is an Invalid
// error listing the bad rows, and no records are returned then: an import
// is all or nothing.
func ReadNetworkFiles(ctx context.Context, paths []string) (*tripline.NetworkRecords, []string, error) {
	files, err := NetworkFiles(paths)
	if err != nil {
		return nil, nil, err
	}
	var r NetworkReader
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, files, &tripline.Error{Op: "tabular.ReadNetwork", Kind: tripline.KindOther, Msg: "cancelled", Err: err}
		}
		if err := r.ReadFile(f); err != nil {
			return nil, files, err
		}
	}
	if err := r.Err(); err != nil {
		return nil, files, err
	}
	return r.Records(), files, nil
}
