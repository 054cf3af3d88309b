package sipri

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
)

// JSONLFormat is the name of the JSON-lines reader.
const JSONLFormat = "transfers-jsonl"

// MaxJSONLine is the longest line of a transfers file.
const MaxJSONLine = 64 << 10

// Row is one line of the JSON-lines format for transfers users enter
// themselves. Supplier and recipient are names or ISO codes, with SIPRI's
// marks for non-state actors ("*") and organisations ("**"); Uncertain
// names the fields (tripline.TransferFields) the user is unsure of. The
// report fields say where the user read it.
type Row struct {
	ID            string   `json:"id"`
	Supplier      string   `json:"supplier"`
	Recipient     string   `json:"recipient"`
	System        string   `json:"system"`
	Designation   string   `json:"designation"`
	Description   string   `json:"description"`
	OrderYear     int      `json:"order_year"`
	Ordered       *int     `json:"ordered"`
	Delivered     *int     `json:"delivered"`
	DeliveryYears []int    `json:"delivery_years"`
	Status        string   `json:"status"`
	Comments      string   `json:"comments"`
	TIVUnit       *float64 `json:"tiv_unit"`
	TIVOrder      *float64 `json:"tiv_order"`
	TIVDelivered  *float64 `json:"tiv_delivered"`
	Uncertain     []string `json:"uncertain"`

	SourceURL   string `json:"source_url"`
	Publisher   string `json:"publisher"`
	PublishedAt string `json:"published_at"`
	EventDate   string `json:"event_date"`
	Excerpt     string `json:"excerpt"`
	Confidence  string `json:"confidence"`
}

// ReadJSONLFile reads the transfers file at path as source.
func ReadJSONLFile(path, source string) (*tripline.TransferSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &tripline.Error{Op: "sipri.ReadJSONLFile", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
	}
	defer f.Close()
	return ReadJSONL(f, path, source)
}

// ReadJSONL reads transfers, one JSON object a line (Row), as a set of
// source ("user" when empty). Every bad line is reported at its line (a
// member Row does not know, a missing party or designation, a bad year);
// when there is any, the set is not returned, so that an import stores
// the whole file or nothing.
func ReadJSONL(r io.Reader, file, source string) (*tripline.TransferSet, error) {
	if source == "" {
		source = "user"
	}
	h := sha256.New()
	jl := tabular.NewJSONLines(io.TeeReader(r, h), file, MaxJSONLine, true)
	ts := &tripline.TransferSet{Source: source, Format: JSONLFormat, Files: []string{file}}
	var errs []error
	seen := map[string]int{}
	for {
		var row Row
		n, err := jl.Next(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			if !tabular.IsRowError(err) {
				return nil, err
			}
			errs = append(errs, err)
			continue
		}
		t, err := row.transfer(source)
		if err != nil {
			errs = append(errs, tabular.RowError(file, n, err))
			continue
		}
		if first, dup := seen[t.ID]; dup {
			errs = append(errs, tripline.ParseErrorf(file, n, "id %q was given on line %d already", row.ID, first))
			continue
		}
		seen[t.ID] = n
		ts.Transfers = append(ts.Transfers, t)
		if len(errs) >= 20 {
			break
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	ts.Hash = hex.EncodeToString(h.Sum(nil))
	return ts, nil
}

func (row *Row) transfer(source string) (*tripline.Transfer, error) {
	if strings.TrimSpace(row.Supplier) == "" || strings.TrimSpace(row.Recipient) == "" {
		return nil, tripline.Errorf(tripline.KindInvalid, "supplier and recipient are needed")
	}
	t := &tripline.Transfer{
		Source: source, Supplier: ParseParty(row.Supplier), Recipient: ParseParty(row.Recipient),
		System: strings.TrimSpace(row.System), Designation: strings.TrimSpace(row.Designation), Description: strings.TrimSpace(row.Description),
		OrderYear: row.OrderYear, Ordered: row.Ordered, Delivered: row.Delivered, DeliveryYears: row.DeliveryYears,
		Status: row.Status, Comments: row.Comments, TIVUnit: row.TIVUnit, TIVOrder: row.TIVOrder, TIVDelivered: row.TIVDelivered,
		Uncertain: row.Uncertain,
	}
	if t.Designation == "" {
		t.Designation = t.System
	}
	key := strings.TrimSpace(row.ID)
	if key == "" {
		key = dealKey(t)
	}
	t.ID = source + ":" + key
	conf := strings.ToLower(strings.TrimSpace(row.Confidence))
	if conf == "" {
		conf = tripline.ConfidenceMedium
	}
	if tripline.ConfidenceRank(conf) == 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "confidence %q is not high, medium or low", row.Confidence)
	}
	t.Reports = []tripline.Report{{Source: nonEmpty(row.Publisher, row.SourceURL, source), URL: row.SourceURL,
		PublishedAt: row.PublishedAt, EventDate: row.EventDate, Excerpt: row.Excerpt, Confidence: conf}}
	t.Deliveries = Split(t)
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}

func nonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
