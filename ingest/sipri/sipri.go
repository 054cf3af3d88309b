// Package sipri reads arms-transfer registers into tripline.TransferSets:
// the trade register of the SIPRI Arms Transfers Database as SIPRI exports
// it (CSV in Windows-1252, preamble lines before the header, unnamed "?"
// columns after the values they qualify, delivery years joined with "; "),
// and a JSON-lines format of Tripline's own for transfers users enter
// themselves (ReadJSONL).
//
// Every "?" is kept: the field it follows is listed in the transfer's
// Uncertain. SIPRI's register may not be redistributed: the tests read it
// from ../shared, and testdata holds fictional rows in its format only.
package sipri

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"golang.org/x/text/encoding/charmap"
)

// Source is the source id of SIPRI's trade register.
const Source = "sipri-at"

// Format is the name of the CSV reader.
const Format = "sipri-csv"

// column names, folded by fold(), mapped to fields. Both SIPRI's export
// headers and the snake_case of extracts made from it are known.
var columns = map[string]string{
	"recipient": "recipient", "supplier": "supplier",
	"year of order": "order_year", "year_of_order": "order_year",
	"number ordered": "ordered", "number_ordered": "ordered",
	"weapon designation": "designation", "weapon_designation": "designation",
	"weapon description": "description", "weapon_description": "description",
	"number delivered": "delivered", "number_delivered": "delivered",
	"year(s) of delivery": "delivery_years", "years_of_delivery": "delivery_years",
	"status": "status", "comments": "comments",
	"sipri tiv per unit": "tiv_unit", "tiv_per_unit": "tiv_unit",
	"sipri tiv for total order": "tiv_order", "tiv_total_order": "tiv_order",
	"sipri tiv of delivered weapons": "tiv_delivered", "tiv_delivered": "tiv_delivered",
	"order_year_uncertain": "?order_year", "number_ordered_uncertain": "?ordered",
	"number_delivered_uncertain": "?delivered",
}

// uncertainField maps a column a "?" follows to the transfer field it
// qualifies.
var uncertainField = map[string]string{"order_year": "order_year", "ordered": "ordered", "delivered": "delivered",
	"delivery_years": "delivery_years", "tiv_unit": "tiv", "tiv_order": "tiv", "tiv_delivered": "tiv",
	"supplier": "supplier", "recipient": "recipient", "designation": "designation", "status": "status"}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ReadFile reads the register at path.
func ReadFile(path string) (*tripline.TransferSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &tripline.Error{Op: "sipri.ReadFile", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads a SIPRI trade register from r; file names it in errors. The
// text is Windows-1252 unless it is valid UTF-8. Lines before the header
// (the row that starts with Recipient and Supplier) are SIPRI's preamble;
// its "Data generated:" line gives the edition's date. A row that cannot
// be read, or whose values do not fit the header, is a parse error at its
// line, and nothing is returned.
func Read(r io.Reader, file string) (*tripline.TransferSet, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &tripline.Error{Op: "sipri.Read", Kind: tripline.KindInvalid, Msg: "cannot read " + file, Err: err}
	}
	sum := sha256.Sum256(data)
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, tripline.ParseErrorf(file, 0, "cannot decode the file as Windows-1252")
		}
	}
	ts := &tripline.TransferSet{Source: Source, Format: Format, Hash: hex.EncodeToString(sum[:]), Files: []string{file}}
	// The preamble: every line before the header.
	br := bufio.NewReader(bytes.NewReader(data))
	skipped := 0
	for {
		line, err := br.ReadString('\n')
		if err != nil && line == "" {
			return nil, tripline.ParseErrorf(file, skipped, "no header row (Recipient,Supplier,Year of order,…) found: is this a SIPRI trade register?")
		}
		l := strings.TrimPrefix(strings.TrimRight(line, "\r\n"), "\ufeff")
		if isHeader(l) {
			// Put the header back for the CSV reader.
			rest, _ := io.ReadAll(br)
			return readRows(ts, io.MultiReader(strings.NewReader(l+"\n"), bytes.NewReader(rest)), file, skipped)
		}
		skipped++
		if d, ok := strings.CutPrefix(l, "Data generated:"); ok {
			ts.PublishedAt = generatedDate(strings.TrimSpace(d))
		}
		if skipped > 64 {
			return nil, tripline.ParseErrorf(file, skipped, "no header row in the first 64 lines: is this a SIPRI trade register?")
		}
	}
}

func isHeader(l string) bool {
	f := strings.SplitN(strings.ToLower(l), ",", 3)
	return len(f) == 3 && strings.Trim(f[0], ` "`) == "recipient" && strings.Trim(f[1], ` "`) == "supplier"
}

// generatedDate turns "18 May 2026 2:29:20 PM" into 2026-05-18.
func generatedDate(s string) string {
	f := strings.Fields(s)
	if len(f) >= 3 {
		if t, err := time.Parse("2 January 2006", strings.Join(f[:3], " ")); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// header maps the columns of a register to fields: each named column to
// its field, each unnamed column to the "?" of the named column before it.
type header struct {
	field []string // per column: a field, "?field", or ""
	width int
}

func parseHeader(rec []string, file string, line int) (*header, error) {
	h := &header{field: make([]string, len(rec)), width: len(rec)}
	last := ""
	seen := map[string]bool{}
	for i, name := range rec {
		n := fold(name)
		if n == "" {
			if last != "" {
				h.field[i] = "?" + last
			}
			continue
		}
		f, ok := columns[n]
		if !ok {
			last = ""
			continue // an unknown column: ignored
		}
		if seen[f] {
			return nil, tripline.ParseErrorf(file, line, "column %q appears twice in the header", name)
		}
		seen[f] = true
		h.field[i] = f
		if !strings.HasPrefix(f, "?") {
			last = f
		}
	}
	for _, need := range []string{"recipient", "supplier", "designation"} {
		if !seen[need] {
			return nil, tripline.ParseErrorf(file, line, "the header has no %s column", need)
		}
	}
	return h, nil
}

func readRows(ts *tripline.TransferSet, r io.Reader, file string, skipped int) (*tripline.TransferSet, error) {
	c := tabular.NewCSV(r, file)
	rec, n, err := c.Next()
	if err != nil {
		return nil, offset(err, skipped)
	}
	h, err := parseHeader(rec, file, n+skipped)
	if err != nil {
		return nil, err
	}
	occurrences := map[string]int{}
	ts.Transfers = make([]*tripline.Transfer, 0, 1024)
	for {
		rec, n, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, offset(err, skipped)
		}
		line := n + skipped
		if len(rec) > h.width {
			return nil, tripline.ParseErrorf(file, line, "%d values, but the header has %d columns", len(rec), h.width)
		}
		t, err := h.transfer(rec, file, line)
		if err != nil {
			return nil, err
		}
		key := dealKey(t)
		occurrences[key]++
		if k := occurrences[key]; k > 1 {
			key += "-" + strconv.Itoa(k)
		}
		t.ID = ts.Source + ":" + key
		t.Source = ts.Source
		t.Reports = []tripline.Report{{Source: ts.Source, Title: "SIPRI Arms Transfers Database, trade register",
			PublishedAt: ts.PublishedAt, Confidence: confidence(t)}}
		ts.Transfers = append(ts.Transfers, t)
	}
	if len(ts.Transfers) == 0 {
		return nil, tripline.ParseErrorf(file, 0, "the register has a header but no deals")
	}
	return ts, nil
}

// offset moves a row error of the CSV reader, which counts from the
// header, to its line in the file.
func offset(err error, skipped int) error {
	if pe := tripline.ParseErrorOf(err); pe != nil && pe.Line > 0 {
		cp := *pe
		cp.Line += skipped
		return &cp
	}
	return err
}

// confidence grades a register row: high, medium when SIPRI marks a
// number or year as uncertain.
func confidence(t *tripline.Transfer) string {
	if len(t.Uncertain) > 0 {
		return tripline.ConfidenceMedium
	}
	return tripline.ConfidenceHigh
}

// dealKey identifies a deal across editions: a hash of its parties, order
// year and designation.
func dealKey(t *tripline.Transfer) string {
	s := sha256.Sum256([]byte(strings.Join([]string{t.Recipient.Name, t.Supplier.Name, strconv.Itoa(t.OrderYear), t.Designation, t.Description}, "\x1f")))
	return hex.EncodeToString(s[:8])
}

func (h *header) transfer(rec []string, file string, line int) (*tripline.Transfer, error) {
	t := &tripline.Transfer{}
	bad := func(col, v, want string) error {
		return tripline.ParseErrorf(file, line, "%s %q is not %s", col, v, want)
	}
	for i, v := range rec {
		f := h.field[i]
		v = strings.TrimSpace(v)
		if f == "" || v == "" {
			continue
		}
		if q, ok := strings.CutPrefix(f, "?"); ok {
			if v == "?" {
				if uf := uncertainField[q]; uf != "" && !t.IsUncertain(uf) {
					t.Uncertain = append(t.Uncertain, uf)
				}
				continue
			}
			return nil, bad("the uncertainty column after "+q, v, `"?" or empty`)
		}
		// A value may carry its own "?" (an estimate written inline).
		if strings.HasSuffix(v, "?") && f != "comments" {
			v = strings.TrimSpace(strings.TrimSuffix(v, "?"))
			if uf := uncertainField[f]; uf != "" && !t.IsUncertain(uf) {
				t.Uncertain = append(t.Uncertain, uf)
			}
		}
		switch f {
		case "recipient":
			t.Recipient = ParseParty(v)
		case "supplier":
			t.Supplier = ParseParty(v)
		case "designation":
			t.Designation = v
		case "description":
			t.Description = v
		case "status":
			t.Status = v
		case "comments":
			t.Comments = v
		case "order_year":
			y, err := strconv.Atoi(v)
			if err != nil || y < 1900 || y > 2200 {
				return nil, bad("year of order", v, "a year")
			}
			t.OrderYear = y
		case "ordered", "delivered":
			n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
			if err != nil || n < 0 {
				return nil, bad("number "+f, v, "a whole number")
			}
			if f == "ordered" {
				t.Ordered = &n
			} else {
				t.Delivered = &n
			}
		case "delivery_years":
			for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == ' ' }) {
				y, err := strconv.Atoi(strings.TrimSuffix(p, "?"))
				if err != nil || y < 1900 || y > 2200 {
					return nil, bad("year of delivery", p, "a year")
				}
				t.DeliveryYears = append(t.DeliveryYears, y)
			}
		case "tiv_unit", "tiv_order", "tiv_delivered":
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
				return nil, bad("TIV", v, "a number")
			}
			switch f {
			case "tiv_unit":
				t.TIVUnit = &x
			case "tiv_order":
				t.TIVOrder = &x
			default:
				t.TIVDelivered = &x
			}
		}
	}
	if t.Supplier.Name == "" || t.Recipient.Name == "" {
		return nil, tripline.ParseErrorf(file, line, "a deal needs a supplier and a recipient")
	}
	if t.Designation == "" {
		if t.Description == "" {
			return nil, tripline.ParseErrorf(file, line, "a deal needs a weapon designation")
		}
		t.Designation = t.Description
	}
	t.Deliveries = Split(t)
	return t, nil
}

// Split spreads a transfer's delivered number and delivered TIV over its
// delivery years: one Delivery a year, the remainder of an uneven split to
// the earliest years, each marked Estimated when there is more than one
// year (the register gives a total for the deal, not a figure per year).
func Split(t *tripline.Transfer) []tripline.Delivery {
	years := t.DeliveryYears
	if len(years) == 0 {
		return nil
	}
	n := 0
	if t.Delivered != nil {
		n = *t.Delivered
	}
	tiv := 0.0
	if t.TIVDelivered != nil {
		tiv = *t.TIVDelivered
	}
	k := len(years)
	out := make([]tripline.Delivery, k)
	for i, y := range years {
		q := n / k
		if i < n%k {
			q++
		}
		out[i] = tripline.Delivery{Year: y, Quantity: q, Estimated: k > 1, TIV: math.Round(tiv/float64(k)*1000) / 1000}
	}
	return out
}

// String describes a set for messages: "29916 deals of sipri-at (2026-05-18)".
func String(ts *tripline.TransferSet) string {
	s := fmt.Sprintf("%d deals of %s", len(ts.Transfers), ts.Source)
	if ts.PublishedAt != "" {
		s += " (" + ts.PublishedAt + ")"
	}
	return s
}
