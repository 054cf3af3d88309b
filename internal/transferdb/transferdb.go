// Package transferdb holds what the sqlite and postgres stores share about
// arms transfers and articles: the content hash that tells a changed deal
// from an unchanged one, the delta between two editions of a register, the
// events that announce a change, and the SQL of a filter (each store
// gives its own placeholders), so that both stores behave the same.
package transferdb

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tripline/tripline"
)

// Encode returns the stored JSON of t (without its snapshot id, which
// the row holds) and its content hash.
func Encode(t *tripline.Transfer) (data []byte, hash string, err error) {
	cp := *t
	cp.SnapshotID = 0
	data, err = json.Marshal(&cp)
	if err != nil {
		return nil, "", &tripline.Error{Op: "transferdb.Encode", Kind: tripline.KindInvalid, Msg: "cannot encode transfer " + t.ID, Err: err}
	}
	// The hash leaves out the reports: a new edition's date is no change
	// of the deal.
	cp.Reports = nil
	h, _ := json.Marshal(&cp)
	s := sha256.Sum256(h)
	return data, hex.EncodeToString(s[:16]), nil
}

// Change is one deal that differs between two editions.
type Change struct {
	Kind string // added, changed, removed
	ID   string
	// New is the deal in the new edition (nil when removed); OldData the
	// stored JSON of the old one (nil when added).
	New     *tripline.Transfer
	OldData []byte
}

// Delta compares the new edition's deals (with their hashes) against the
// old edition's hashes by id; old gives the stored JSON of an old deal
// for a removal. It returns the changes in the new edition's order, the
// removals last.
func Delta(news []*tripline.Transfer, newHash []string, oldHash map[string]string, old func(id string) []byte) []Change {
	var out []Change
	seen := make(map[string]bool, len(news))
	for i, t := range news {
		seen[t.ID] = true
		h, ok := oldHash[t.ID]
		switch {
		case !ok:
			out = append(out, Change{Kind: "added", ID: t.ID, New: t})
		case h != newHash[i]:
			out = append(out, Change{Kind: "changed", ID: t.ID, New: t})
		}
	}
	var removed []string
	for id := range oldHash {
		if !seen[id] {
			removed = append(removed, id)
		}
	}
	sortStrings(removed)
	for _, id := range removed {
		out = append(out, Change{Kind: "removed", ID: id, OldData: old(id)})
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Count counts the changes of each kind.
func Count(cs []Change) (added, removed, changed int) {
	for _, c := range cs {
		switch c.Kind {
		case "added":
			added++
		case "removed":
			removed++
		default:
			changed++
		}
	}
	return
}

// transferPayload is the body of a "transfer.added|changed|removed"
// event: enough for a watch on a country pair, a system or a producer to
// decide without reading the deal.
type transferPayload struct {
	Change        string                 `json:"change"`
	Source        string                 `json:"source"`
	SnapshotID    int64                  `json:"snapshot_id"`
	TransferID    string                 `json:"transfer_id"`
	Supplier      tripline.TransferParty `json:"supplier"`
	Recipient     tripline.TransferParty `json:"recipient"`
	System        string                 `json:"system,omitempty"`
	SystemType    string                 `json:"system_type,omitempty"`
	Designation   string                 `json:"designation"`
	Producers     []string               `json:"producers,omitempty"`
	OrderYear     int                    `json:"order_year,omitempty"`
	Delivered     *int                   `json:"delivered,omitempty"`
	DeliveryYears []int                  `json:"delivery_years,omitempty"`
}

// Events returns the events that announce the snapshot's changes: one
// per change unless the snapshot is a large first edition (a baseline,
// tripline.BaselineEvents), and "transfers.imported" last.
func Events(snap tripline.TransferSnapshot, cs []Change) ([]tripline.Event, error) {
	baseline := snap.Previous == 0 && len(cs) > tripline.BaselineEvents
	var evs []tripline.Event
	if !baseline {
		for _, c := range cs {
			t := c.New
			if t == nil {
				t = new(tripline.Transfer)
				if err := json.Unmarshal(c.OldData, t); err != nil {
					return nil, &tripline.Error{Op: "transferdb.Events", Kind: tripline.KindInternal, Msg: "cannot read a removed transfer", Err: err}
				}
			}
			p := transferPayload{Change: c.Kind, Source: snap.Source, SnapshotID: snap.ID, TransferID: c.ID, Supplier: t.Supplier, Recipient: t.Recipient,
				System: t.System, SystemType: t.SystemType, Designation: t.Designation, Producers: t.Producers,
				OrderYear: t.OrderYear, Delivered: t.Delivered, DeliveryYears: t.DeliveryYears}
			b, _ := json.Marshal(p)
			evs = append(evs, tripline.Event{Type: "transfer." + c.Kind, Payload: b})
		}
	}
	b, _ := json.Marshal(map[string]any{"source": snap.Source, "snapshot_id": snap.ID, "previous": snap.Previous, "count": snap.Count,
		"added": snap.Added, "removed": snap.Removed, "changed": snap.Changed, "baseline": baseline})
	evs = append(evs, tripline.Event{Type: "transfers.imported", Payload: b})
	return evs, nil
}

// claimPayload is the body of an "article.claim" event.
type claimPayload struct {
	ClaimID     string                 `json:"claim_id"`
	ArticleID   string                 `json:"article_id"`
	URL         string                 `json:"url,omitempty"`
	New         bool                   `json:"new_claim"`
	Supplier    tripline.TransferParty `json:"supplier"`
	Recipient   tripline.TransferParty `json:"recipient"`
	System      string                 `json:"system,omitempty"`
	SystemType  string                 `json:"system_type,omitempty"`
	Designation string                 `json:"designation,omitempty"`
	Producers   []string               `json:"producers,omitempty"`
	Date        string                 `json:"date,omitempty"`
	Precision   string                 `json:"precision,omitempty"`
	Confidence  string                 `json:"confidence"`
	Excerpt     string                 `json:"excerpt"`
	Reports     int                    `json:"reports"`
}

// ClaimEvent announces a new report of a claim (newClaim: the claim
// itself is new).
func ClaimEvent(c *tripline.Claim, a *tripline.Article, t tripline.ArticleTransfer, newClaim bool) tripline.Event {
	b, _ := json.Marshal(claimPayload{ClaimID: c.ID, ArticleID: a.ID, URL: a.URL, New: newClaim, Supplier: t.Supplier, Recipient: t.Recipient,
		System: t.System, SystemType: t.SystemType, Designation: t.Designation, Producers: c.Producers, Date: t.Date, Precision: string(t.Precision),
		Confidence: t.Confidence, Excerpt: t.Sentence, Reports: len(c.Reports)})
	return tripline.Event{Type: "article.claim", Payload: b}
}

// ClaimID is the id of the claim with key (tripline.ClaimKey).
func ClaimID(key string) string {
	s := sha256.Sum256([]byte(key))
	return "clm_" + hex.EncodeToString(s[:8])
}

// NewClaim is the claim an article's transfer starts.
func NewClaim(t tripline.ArticleTransfer, producers []string) *tripline.Claim {
	return &tripline.Claim{ID: ClaimID(tripline.ClaimKey(t)), Supplier: t.Supplier, Recipient: t.Recipient, System: t.System,
		SystemType: t.SystemType, Designation: t.Designation, Producers: producers, EventDate: t.Date, EventPrecision: t.Precision}
}

// AddReport adds a report to c, keeping the best confidence, the most
// precise event date and the union of corroborating transfers; false when
// the article already reported it.
func AddReport(c *tripline.Claim, r tripline.Report, transfers []string) bool {
	for _, old := range c.Reports {
		if old.ArticleID != "" && old.ArticleID == r.ArticleID {
			return false
		}
	}
	c.Reports = append(c.Reports, r)
	if tripline.ConfidenceRank(r.Confidence) > tripline.ConfidenceRank(c.Confidence) {
		c.Confidence = r.Confidence
	}
	if finer(r.EventPrecision, c.EventPrecision) {
		c.EventDate, c.EventPrecision = r.EventDate, r.EventPrecision
	}
	for _, id := range transfers {
		if !contains(c.Transfers, id) {
			c.Transfers = append(c.Transfers, id)
		}
	}
	return true
}

func finer(a, b tripline.DatePrecision) bool {
	rank := map[tripline.DatePrecision]int{tripline.PrecisionDay: 3, tripline.PrecisionMonth: 2, tripline.PrecisionYear: 1}
	return rank[a] > rank[b]
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Filter builds the WHERE clause (after "WHERE ", joined by AND, "TRUE"
// when empty) and the arguments of a transfer filter over a table with
// the columns supplier_code, supplier_name, recipient_code,
// recipient_name, system and designation, and for years the columns
// named first and last (the same column for deliveries); ph returns the
// placeholder of the n-th argument (1-based).
func Filter(f tripline.TransferFilter, first, last string, ph func(n int) string) (string, []any) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return ph(len(args))
	}
	party := func(prefix, v string) {
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		where = append(where, fmt.Sprintf("(%s_code = %s OR lower(%s_name) = %s)", prefix, arg(strings.ToUpper(v)), prefix, arg(strings.ToLower(v))))
	}
	party("supplier", f.Supplier)
	party("recipient", f.Recipient)
	if len(f.Systems) > 0 {
		var ors []string
		for _, s := range f.Systems {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			ors = append(ors, "system = "+arg(s), "lower(designation) = "+arg(strings.ToLower(s)))
		}
		if len(ors) > 0 {
			where = append(where, "("+strings.Join(ors, " OR ")+")")
		}
	}
	if f.Since != 0 {
		where = append(where, last+" >= "+arg(f.Since))
	}
	if f.Until != 0 {
		where = append(where, fmt.Sprintf("%s <= %s AND %s > 0", first, arg(f.Until), first))
	}
	if len(where) == 0 {
		return "TRUE", nil
	}
	return strings.Join(where, " AND "), args
}

// ReportOf is the report an article makes of one of its transfer claims.
func ReportOf(a *tripline.Article, t tripline.ArticleTransfer) tripline.Report {
	src := a.URL
	if src == "" {
		src = a.File
	}
	if src == "" {
		src = a.ID
	}
	r := tripline.Report{Source: src, ArticleID: a.ID, URL: a.URL, Title: a.Title, Author: a.Author, PublishedAt: a.PublishedAt,
		EventDate: t.Date, EventPrecision: t.Precision, Excerpt: t.Sentence, Start: t.Start, End: t.End, Confidence: t.Confidence}
	if !a.RetrievedAt.IsZero() {
		r.RetrievedAt = a.RetrievedAt.UTC().Format("2006-01-02")
	}
	return r
}

// ArticleData is the stored JSON of an article: everything but its text
// and signature, which have columns of their own.
func ArticleData(a *tripline.Article) ([]byte, error) {
	cp := *a
	cp.Text, cp.Signature = "", nil
	b, err := json.Marshal(&cp)
	if err != nil {
		return nil, &tripline.Error{Op: "transferdb.ArticleData", Kind: tripline.KindInvalid, Msg: "cannot encode article " + a.ID, Err: err}
	}
	return b, nil
}

// Refs are what an article mentions, as (kind, value) pairs for the
// filters: system, entity and country.
func Refs(a *tripline.Article) [][2]string {
	seen := map[[2]string]bool{}
	var out [][2]string
	add := func(kind, v string) {
		if v == "" {
			return
		}
		k := [2]string{kind, v}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, m := range a.Systems {
		add("system", m.System)
		add("system", strings.ToLower(m.Designation))
	}
	for _, m := range a.Mentions {
		add("entity", m.EntityID)
	}
	for _, m := range a.Countries {
		add("country", m.Code)
	}
	return out
}

// Merge folds one transfer claim of article a into claim c (nil: none
// stored yet) and reports whether a report was added; a near duplicate
// of a story that already reported the claim adds none.
func Merge(c *tripline.Claim, a *tripline.Article, t tripline.ArticleTransfer) (*tripline.Claim, bool) {
	if c == nil {
		c = NewClaim(t, t.Producers)
	}
	if a.DuplicateOf != "" {
		for _, r := range c.Reports {
			if r.ArticleID == a.DuplicateOf {
				return c, false
			}
		}
	}
	return c, AddReport(c, ReportOf(a, t), t.Transfers)
}
