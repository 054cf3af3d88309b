package ofac

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
)

// Source ids of the CSV sets.
const (
	SourceSDN  = "ofac-sdn"
	SourceCons = "ofac-cons"
)

// FormatCSV is the format name of the classic CSV sets.
const FormatCSV = "ofac-csv"

// role is what one file of a CSV set holds.
type role int

const (
	rolePrimary role = iota // sdn.csv, cons_prim.csv: one row per entry
	roleAddress             // add.csv, cons_add.csv
	roleAlias               // alt.csv, cons_alt.csv
	roleComment             // sdn_comments.csv, cons_comments.csv: Remarks overflow
	numRoles
)

// columns is the column count of each role's rows.
var columns = [numRoles]int{12, 6, 5, 2}

var roleNames = [numRoles]string{"primary (sdn.csv)", "address (add.csv)", "alias (alt.csv)", "comments (sdn_comments.csv)"}

// csvRoles maps the official file names to their role and source.
var csvRoles = map[string]struct {
	role   role
	source string
}{
	"sdn.csv":           {rolePrimary, SourceSDN},
	"add.csv":           {roleAddress, SourceSDN},
	"alt.csv":           {roleAlias, SourceSDN},
	"sdn_comments.csv":  {roleComment, SourceSDN},
	"cons_prim.csv":     {rolePrimary, SourceCons},
	"cons_add.csv":      {roleAddress, SourceCons},
	"cons_alt.csv":      {roleAlias, SourceCons},
	"cons_comments.csv": {roleComment, SourceCons},
}

// DetectCSV reports whether a file is part of an OFAC CSV set: it has one
// of the official names (sdn.csv, add.csv, alt.csv, sdn_comments.csv,
// cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv) and its
// first field is a number.
func DetectCSV(name string, head []byte) bool {
	if _, ok := csvRoles[strings.ToLower(name)]; !ok {
		return false
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	i := 0
	for i < len(head) && head[i] >= '0' && head[i] <= '9' {
		i++
	}
	return i > 0 && i < len(head) && head[i] == ','
}

// csvStats counts the rows read per role, for tests and reports.
type csvStats struct {
	rows       [numRoles]int
	emptyAddrs int // address rows whose fields are all null
}

// ReadCSV reads one OFAC CSV set: a primary file (sdn.csv or
// cons_prim.csv) and, optionally, its address, alias and comments files.
// Files are told apart by name; a file with another name (read with a
// forced format) is told by its column count. Rows of the companion files
// whose ent_num is not in the primary file become warnings. A malformed or
// truncated file gives a parse error (a KindInvalid *tripline.Error with the position) naming the file and line.
func ReadCSV(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	ds, _, err := readCSV(ctx, files, opt)
	return ds, err
}

type csvFile struct {
	path string
	role role
	data []byte
}

func readCSV(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, *csvStats, error) {
	if len(files) == 0 {
		return nil, nil, tripline.Errorf(tripline.KindInvalid, "ofac: no files to read")
	}
	total := fileutil.TotalSize(files...)
	var base int64
	var digests []string
	var byRole [numRoles]*csvFile
	source := ""
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		data, err := readAll(path, base, total, opt.Progress)
		if err != nil {
			return nil, nil, &tripline.Error{Op: "ofac.ReadCSV", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot read %s", path), Err: err}
		}
		base += int64(len(data))
		sum := sha256.Sum256(data)
		digests = append(digests, hex.EncodeToString(sum[:]))
		r, src, ok := roleOf(path, data)
		if !ok {
			return nil, nil, fileutil.Errf(path, 1, "not a file of an OFAC CSV set: expected sdn.csv, add.csv, alt.csv, sdn_comments.csv or their cons_ versions, with 12, 6, 5 or 2 columns")
		}
		if prev := byRole[r]; prev != nil {
			return nil, nil, tripline.Errorf(tripline.KindInvalid, "%s and %s both hold the %s file of an OFAC CSV set; put each set in its own directory", prev.path, path, roleNames[r])
		}
		byRole[r] = &csvFile{path: path, role: r, data: data}
		if r == rolePrimary || source == "" {
			source = src
		}
	}
	if byRole[rolePrimary] == nil {
		return nil, nil, tripline.Errorf(tripline.KindInvalid, "the OFAC CSV set in %s has no sdn.csv or cons_prim.csv", filepath.Dir(files[0]))
	}
	if opt.Source != "" {
		source = opt.Source
	}
	ds := &tripline.Dataset{Source: source, Format: FormatCSV, Hash: fileutil.CombineHashes(digests), FileHashes: digests, Files: files}
	st, err := parseSet(ctx, ds, byRole)
	if err != nil {
		return nil, nil, err
	}
	return ds, st, nil
}

// parseSet parses the files of one set, held in memory, into ds.
func parseSet(ctx context.Context, ds *tripline.Dataset, byRole [numRoles]*csvFile) (*csvStats, error) {
	r := &csvReader{
		ds:     ds,
		byNum:  map[string]*tripline.Entity{},
		stats:  &csvStats{},
		cc:     countryCache{},
		extras: map[string]string{},
	}
	// The primary file first; the others attach to its entities.
	for _, ro := range []role{rolePrimary, roleAlias, roleAddress, roleComment} {
		f := byRole[ro]
		if f == nil {
			continue
		}
		if err := r.readFile(ctx, f); err != nil {
			return nil, err
		}
	}
	r.finish()
	return r.stats, nil
}

func readAll(path string, base, total int64, progress func(done, total int64)) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	var r io.Reader = f
	if progress != nil {
		r = &fileutil.Counter{R: f, Base: base, Total: total, Progress: progress}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err = buf.ReadFrom(r)
	return buf.Bytes(), err
}

// roleOf tells a file's role by its name, else by the column count of its
// first row.
func roleOf(path string, data []byte) (role, string, bool) {
	if r, ok := csvRoles[strings.ToLower(filepath.Base(path))]; ok {
		return r.role, r.source, true
	}
	src := SourceSDN
	if strings.HasPrefix(strings.ToLower(filepath.Base(path)), "cons") {
		src = SourceCons
	}
	n := -1
	_, _ = scanRecords(data, path, func(line int, fields []string) error {
		n = len(fields)
		return errStop
	})
	for ro, c := range columns {
		if c == n {
			return role(ro), src, true
		}
	}
	return 0, "", false
}

type csvReader struct {
	ds    *tripline.Dataset
	byNum map[string]*tripline.Entity
	stats *csvStats
	cc    countryCache
	// extras keeps each entity's Remarks until the comments are attached.
	extras map[string]string
}

func (r *csvReader) warnf(file string, line int, format string, args ...any) {
	r.ds.Warnings = append(r.ds.Warnings, fmt.Sprintf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
}

func (r *csvReader) readFile(ctx context.Context, f *csvFile) error {
	want := columns[f.role]
	n := 0
	missing, err := scanRecords(f.data, f.path, func(line int, fields []string) error {
		n++
		if n%2048 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(fields) != want {
			return fileutil.Errf(f.path, line, "row has %d fields, want %d for an OFAC %s file", len(fields), want, roleNames[f.role])
		}
		num := fields[0]
		if !validEntNum(num) {
			return fileutil.Errf(f.path, line, "ent_num %q is not a positive integer", truncate(num, 40))
		}
		r.stats.rows[f.role]++
		if f.role == rolePrimary {
			return r.primary(f.path, line, fields)
		}
		e := r.byNum[num]
		if e == nil {
			r.warnf(f.path, line, "ent_num %s is not in the primary file; row skipped", num)
			return nil
		}
		switch f.role {
		case roleAlias:
			r.alias(f.path, line, e, fields)
		case roleAddress:
			r.address(e, fields)
		case roleComment:
			r.extras[num] += fields[1]
		}
		return nil
	})
	// A file without its end marker parses, but does not prove itself
	// whole: the importer refuses it unless the user overrides.
	r.ds.Incomplete = append(r.ds.Incomplete, missing...)
	return err
}

func validEntNum(s string) bool {
	if s == "" || len(s) > 12 || !allDigits(s) {
		return false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > 0
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// primary maps one sdn.csv row: ent_num, SDN_Name, SDN_Type, Program,
// Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner,
// Remarks.
func (r *csvReader) primary(path string, line int, f []string) error {
	num := f[0]
	if _, dup := r.byNum[num]; dup {
		return fileutil.Errf(path, line, "ent_num %s appears twice", num)
	}
	schema, ok := schemaOf(f[2])
	if !ok {
		r.warnf(path, line, "unknown SDN_Type %q; read as an organization", f[2])
		schema = tripline.SchemaOrganization
	}
	if f[1] == "" {
		return fileutil.Errf(path, line, "ent_num %s has no name", num)
	}
	e := &tripline.Entity{
		ID:       r.ds.Source + ":" + num,
		Source:   r.ds.Source,
		SourceID: num,
		Schema:   schema,
	}
	name := tripline.Name{Full: f[1], Kind: tripline.NamePrimary}
	if schema == tripline.SchemaPerson {
		name.Parts = personParts(f[1])
	}
	e.Names = append(e.Names, name)
	e.Programs = splitPrograms(f[3])
	e.AddProperty("title", f[4])
	if f[5] != "" {
		e.Identifiers = append(e.Identifiers, tripline.Identifier{Type: "call_sign", Value: f[5]})
		e.AddProperty("call_sign", f[5])
	}
	e.AddProperty("vessel_type", f[6])
	e.AddProperty("tonnage", f[7])
	e.AddProperty("gross_registered_tonnage", f[8])
	if f[9] != "" {
		e.AddProperty("flag", f[9])
		e.Countries = appendUnique(e.Countries, r.cc.code(f[9]))
	}
	e.AddProperty("owner", f[10])
	r.extras[num] = f[11]
	r.byNum[num] = e
	r.ds.Entities = append(r.ds.Entities, e)
	return nil
}

// alias maps one alt.csv row: ent_num, alt_num, alt_type, alt_name,
// alt_remarks.
func (r *csvReader) alias(path string, line int, e *tripline.Entity, f []string) {
	if f[3] == "" {
		r.warnf(path, line, "alias row without a name; skipped")
		return
	}
	q := strings.ToLower(strings.ReplaceAll(f[2], ".", ""))
	n := tripline.Name{Full: f[3], Kind: tripline.NameAlias, Qualifier: q}
	if e.Schema == tripline.SchemaPerson {
		n.Parts = personParts(f[3])
	}
	e.Names = append(e.Names, n)
	e.AddProperty("alias_remarks", f[4])
}

// address maps one add.csv row: ent_num, add_num, address,
// city/state/postal code, country, add_remarks.
func (r *csvReader) address(e *tripline.Entity, f []string) {
	if f[2] == "" && f[3] == "" && f[4] == "" && f[5] == "" {
		r.stats.emptyAddrs++
		return
	}
	a := tripline.Address{Street: f[2], City: f[3]}
	if f[4] != "" {
		a.Country = r.cc.countryOrText(f[4])
		if len(a.Country) == 2 && r.cc.code(f[4]) != "" {
			e.Countries = appendUnique(e.Countries, a.Country)
		}
	}
	var parts []string
	for _, p := range []string{f[2], f[3], f[4]} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	a.Full = strings.Join(parts, ", ")
	e.Addresses = append(e.Addresses, a)
	e.AddProperty("address_remarks", f[5])
}

// finish attaches the comments overflow, parses every entity's Remarks
// and resolves "Linked To:" names.
func (r *csvReader) finish() {
	for _, e := range r.ds.Entities {
		rem := strings.TrimSpace(r.extras[e.SourceID])
		if rem == "" {
			continue
		}
		e.Remarks = rem
		r.cc.parseRemarks(e, rem)
	}
	resolveLinks(r.ds.Entities)
}

// resolveLinks sets the TargetID of each "Linked To:" link whose target
// name is, ignoring case (and a final period), the primary name of exactly
// one entity of the same dataset. OFAC gives a name, not an id; an
// ambiguous or unknown name keeps only its TargetName.
func resolveLinks(entities []*tripline.Entity) {
	byName := map[string]string{} // upper-case primary name -> id, "" when ambiguous
	for _, e := range entities {
		for _, n := range e.Names {
			if n.Kind != tripline.NamePrimary {
				continue
			}
			k := strings.ToUpper(n.Full)
			if _, dup := byName[k]; dup {
				byName[k] = ""
			} else {
				byName[k] = e.ID
			}
		}
	}
	for _, e := range entities {
		for i := range e.Links {
			l := &e.Links[i]
			if l.TargetID != "" || l.TargetName == "" {
				continue
			}
			if id := byName[strings.ToUpper(l.TargetName)]; id != "" && id != e.ID {
				l.TargetID = id
				continue
			}
			// The period that ends the Remarks may have been the end of
			// the name ("Linked To: X CO., LTD.").
			if id := byName[strings.ToUpper(l.TargetName)+"."]; id != "" && id != e.ID {
				l.TargetID = id
				l.TargetName += "."
			}
		}
	}
}

// errStop ends scanRecords early without an error.
var errStop = fmt.Errorf("stop")

// scanRecords splits OFAC CSV data into rows and calls fn with each row's
// 1-based starting line and its fields: surrounding spaces trimmed, the
// null "-0-" turned into "", decoded to UTF-8 (Windows-1252 unless the data
// is UTF-8 with a BOM or valid UTF-8 with multi-byte characters). A 0x1A
// byte, OFAC's end-of-file marker, ends the data. It returns why the data
// is incomplete (the marker is missing) and the first error: a parse error
// (tripline.ParseErrorf) for malformed or truncated data, or fn's error.
func scanRecords(data []byte, path string, fn func(line int, fields []string) error) (incomplete []string, err error) {
	utf := false
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = data[3:]
		utf = true
	}
	ascii := isASCII(data)
	if !ascii && !utf && utf8.Valid(data) {
		utf = true
	}
	decode := func(b []byte) string {
		b = bytes.TrimSpace(b)
		if len(b) == 3 && b[0] == '-' && b[1] == '0' && b[2] == '-' {
			return ""
		}
		if ascii || utf {
			return string(b)
		}
		return decode1252(b)
	}
	// For ASCII and UTF-8 data, fields are substrings of one copy of the
	// data: one allocation instead of one per field.
	var sdata string
	if ascii || utf {
		sdata = string(data)
	}
	decodeAt := func(start, end int) string {
		if sdata == "" {
			return decode(data[start:end])
		}
		f := strings.TrimSpace(sdata[start:end])
		if f == "-0-" {
			return ""
		}
		return f
	}
	var (
		fields []string
		buf    []byte
		pos    int
		line   = 1
		sawEOF bool
		n      = len(data)
	)
	for pos < n {
		if data[pos] == 0x1A {
			sawEOF = true
			if rest := bytes.TrimSpace(data[pos+1:]); len(bytes.Trim(rest, "\x1a")) > 0 {
				return incomplete, fileutil.Errf(path, line, "data after the end-of-file marker (0x1A)")
			}
			break
		}
		// Blank lines separate nothing; skip them.
		if data[pos] == '\n' {
			pos++
			line++
			continue
		}
		if data[pos] == '\r' && pos+1 < n && data[pos+1] == '\n' {
			pos += 2
			line++
			continue
		}
		recLine := line
		fields = fields[:0]
		for {
			if pos < n && data[pos] == '"' {
				pos++
				buf = buf[:0]
				qstart, escaped := pos, false
				for {
					j := bytes.IndexByte(data[pos:], '"')
					if j < 0 {
						return incomplete, fileutil.Errf(path, recLine, "quoted field is not closed before the end of the file (truncated file?)")
					}
					chunk := data[pos : pos+j]
					line += bytes.Count(chunk, []byte{'\n'})
					buf = append(buf, chunk...)
					pos += j + 1
					if pos < n && data[pos] == '"' { // "" is an escaped quote
						buf = append(buf, '"')
						pos++
						escaped = true
						continue
					}
					break
				}
				qend := pos - 1
				for pos < n && (data[pos] == ' ' || data[pos] == '\t') {
					pos++
				}
				if pos < n && data[pos] != ',' && data[pos] != '\r' && data[pos] != '\n' && data[pos] != 0x1A {
					return incomplete, fileutil.Errf(path, line, "unexpected %q after a quoted field; want a comma or the end of the line", data[pos])
				}
				if escaped {
					fields = append(fields, decode(buf))
				} else {
					fields = append(fields, decodeAt(qstart, qend))
				}
			} else {
				start := pos
				for pos < n {
					c := data[pos]
					if c == ',' || c == '\r' || c == '\n' || c == 0x1A {
						break
					}
					pos++
				}
				fields = append(fields, decodeAt(start, pos))
			}
			if pos >= n {
				return incomplete, fileutil.Errf(path, recLine, "the file ends in the middle of a row (truncated file?)")
			}
			c := data[pos]
			if c == ',' {
				pos++
				continue
			}
			if c == '\r' {
				pos++
				if pos < n && data[pos] == '\n' {
					pos++
				}
				line++
			} else if c == '\n' {
				pos++
				line++
			}
			// 0x1A: the row ends at the marker, handled by the outer loop.
			break
		}
		if err := fn(recLine, fields); err != nil {
			if err == errStop {
				return incomplete, nil
			}
			return incomplete, err
		}
	}
	if !sawEOF {
		incomplete = append(incomplete, fmt.Sprintf("%s: no end-of-file marker (0x1A): every OFAC CSV file ends with one, so this one may have been cut short or edited", path))
	}
	return incomplete, nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252; the other high bytes are
// Latin-1. Unassigned bytes map to U+FFFD.
var cp1252 = [32]rune{
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
}

func decode1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(cp1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}
