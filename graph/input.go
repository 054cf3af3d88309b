package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// Company is one company of the user's book: a customer, a supplier, a
// corporate-registry extract.
type Company struct {
	ID          string                `json:"id"`
	Name        string                `json:"name"`
	Country     string                `json:"country,omitempty"`
	Address     string                `json:"address,omitempty"`
	Phone       string                `json:"phone,omitempty"`
	Email       string                `json:"email,omitempty"`
	Website     string                `json:"website,omitempty"`
	Registered  string                `json:"registered,omitempty"` // ISO date of incorporation
	Directors   []string              `json:"directors,omitempty"`
	DirectorIDs []string              `json:"director_ids,omitempty"`
	Owners      []Owner               `json:"owners,omitempty"`
	Industry    string                `json:"industry,omitempty"`
	Identifiers []tripline.Identifier `json:"identifiers,omitempty"`
}

// Owner is a shareholder of a company. ID names a Person or Company of the
// book when known; otherwise only the name is given.
type Owner struct {
	Name  string  `json:"name"`
	Share float64 `json:"share"`
	ID    string  `json:"id,omitempty"`
}

// Person is a director or owner of the user's book.
type Person struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Nationality string `json:"nationality,omitempty"`
	BirthDate   string `json:"birth_date,omitempty"` // ISO date or year
}

// Shipment is one line of a shipment manifest; parties are free text.
type Shipment struct {
	ID          string `json:"id"`
	Date        string `json:"date,omitempty"`
	Shipper     string `json:"shipper"`
	Consignee   string `json:"consignee,omitempty"`
	NotifyParty string `json:"notify_party,omitempty"`
	HSCode      string `json:"hs_code,omitempty"`
	Description string `json:"description,omitempty"`
	Origin      string `json:"origin,omitempty"`
	Destination string `json:"destination,omitempty"`
}

// Book is the user's records that the graph is built from.
type Book struct {
	Companies []Company  `json:"companies,omitempty"`
	People    []Person   `json:"people,omitempty"`
	Shipments []Shipment `json:"shipments,omitempty"`
}

// RecordKind says which records a file holds, from its base name:
// "companies", "people" or "shipments" (a name starting with one of those,
// e.g. companies-2025.csv), and its format from the extension (.jsonl,
// .ndjson, .json or .csv). ok is false for any other file.
func RecordKind(file string) (kind, format string, ok bool) {
	base := strings.ToLower(path.Base(strings.ReplaceAll(file, "\\", "/")))
	ext := path.Ext(base)
	switch ext {
	case ".jsonl", ".ndjson", ".json":
		format = "jsonl"
	case ".csv":
		format = "csv"
	default:
		return "", "", false
	}
	for _, k := range []string{"companies", "people", "shipments"} {
		if strings.HasPrefix(base, k) {
			return k, format, true
		}
	}
	return "", "", false
}

// maxLine bounds one JSON line (1 MiB).
const maxLine = 1 << 20

// Read appends the records of one file to b; file names the file for
// RecordKind and error messages. A malformed record is a parse error (a
// KindInvalid *tripline.Error) naming the file and line.
func (b *Book) Read(r io.Reader, file string) error {
	kind, format, ok := RecordKind(file)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "%s: not a companies, people or shipments file (.jsonl or .csv)", file)
	}
	if format == "csv" {
		return b.readCSV(r, file, kind)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 || raw[0] == '#' {
			continue
		}
		var err error
		switch kind {
		case "companies":
			var c Company
			if err = json.Unmarshal(raw, &c); err == nil {
				err = checkCompany(&c)
				b.Companies = append(b.Companies, c)
			}
		case "people":
			var p Person
			if err = json.Unmarshal(raw, &p); err == nil && p.ID == "" {
				err = errors.New(`missing "id"`)
			}
			b.People = append(b.People, p)
		case "shipments":
			var s Shipment
			if err = json.Unmarshal(raw, &s); err == nil && s.Shipper == "" && s.Consignee == "" {
				err = errors.New(`neither "shipper" nor "consignee" given`)
			}
			b.Shipments = append(b.Shipments, s)
		}
		if err != nil {
			return tripline.ParseErrorf(file, line, "bad %s record: %s", kind, jsonMsg(err))
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return tripline.ParseErrorf(file, line+1, "line longer than 1 MiB")
		}
		return &tripline.Error{Op: "graph.Read", Kind: tripline.KindInternal, Err: err}
	}
	return nil
}

func jsonMsg(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "not valid JSON (" + se.Error() + ")"
	case errors.As(err, &te):
		return fmt.Sprintf("field %q must be %s", te.Field, te.Type)
	}
	return err.Error()
}

func checkCompany(c *Company) error {
	if c.ID == "" {
		return errors.New(`missing "id"`)
	}
	if c.Name == "" {
		return errors.New(`missing "name"`)
	}
	for _, o := range c.Owners {
		if o.Share < 0 || o.Share > 1 {
			return fmt.Errorf("owner %q: share %v outside 0..1", o.Name, o.Share)
		}
	}
	return nil
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
func (b *Book) readCSV(r io.Reader, file, kind string) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil
		}
		return tripline.ParseErrorf(file, 1, "bad CSV header: %v", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if _, ok := col["id"]; !ok {
		return tripline.ParseErrorf(file, 1, `CSV header has no "id" column`)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return tripline.ParseErrorf(file, line, "bad CSV: %v", err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		var perr error
		switch kind {
		case "companies":
			c := Company{ID: get("id"), Name: get("name"), Country: get("country"), Address: get("address"),
				Phone: get("phone"), Email: get("email"), Website: get("website"), Registered: get("registered"),
				Directors: splitList(get("directors")), DirectorIDs: splitList(get("director_ids")), Industry: get("industry")}
			for _, o := range splitList(get("owners")) {
				parts := strings.Split(o, "|")
				ow := Owner{Name: strings.TrimSpace(parts[0])}
				if len(parts) > 1 {
					s := strings.TrimSpace(parts[1])
					pct := strings.HasSuffix(s, "%")
					f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
					if err != nil {
						perr = fmt.Errorf("owner %q: share %q is not a number", ow.Name, s)
						break
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
			if perr == nil {
				perr = checkCompany(&c)
			}
			b.Companies = append(b.Companies, c)
		case "people":
			p := Person{ID: get("id"), Name: get("name"), Nationality: get("nationality"), BirthDate: get("birth_date")}
			if p.ID == "" {
				perr = errors.New(`empty "id"`)
			}
			b.People = append(b.People, p)
		case "shipments":
			s := Shipment{ID: get("id"), Date: get("date"), Shipper: get("shipper"), Consignee: get("consignee"),
				NotifyParty: get("notify_party"), HSCode: get("hs_code"), Description: get("description"),
				Origin: get("origin"), Destination: get("destination")}
			if s.Shipper == "" && s.Consignee == "" {
				perr = errors.New("neither shipper nor consignee given")
			}
			b.Shipments = append(b.Shipments, s)
		}
		if perr != nil {
			return tripline.ParseErrorf(file, line, "bad %s row: %v", kind, perr)
		}
	}
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

// WriteJSON writes the book as one JSON document (the form `tripline graph
// import` keeps beside the database).
func (b *Book) WriteJSON(w io.Writer) error {
	if err := json.NewEncoder(w).Encode(b); err != nil {
		return &tripline.Error{Op: "graph.WriteJSON", Kind: tripline.KindInternal, Err: err}
	}
	return nil
}

// ReadBookJSON reads a book written by WriteJSON.
func ReadBookJSON(r io.Reader) (*Book, error) {
	var b Book
	if err := json.NewDecoder(r).Decode(&b); err != nil {
		return nil, &tripline.Error{Op: "graph.ReadBookJSON", Kind: tripline.KindInvalid, Msg: "the stored records are unreadable; import them again", Err: err}
	}
	return &b, nil
}
