package tripline

import (
	"context"
	"strings"
	"time"
)

// Arms transfers: who sent which weapon system to whom, read from
// registers (SIPRI's trade register, users' own files) and from articles,
// each record with the reports that support it.

// PartyKind says what a party to an arms transfer is. SIPRI marks
// non-state actors with "*" and international organisations with "**";
// Tripline keeps them apart from states rather than forcing a country code
// on them.
type PartyKind string

// The party kinds.
const (
	PartyState        PartyKind = "state"
	PartyNonState     PartyKind = "non_state"    // SIPRI "*": Hezbollah (Lebanon)*, Houthi rebels (Yemen)*
	PartyOrganisation PartyKind = "organisation" // SIPRI "**": NATO**, United Nations**
	PartyUnknown      PartyKind = "unknown"      // "unknown supplier(s)"
)

// TransferParty is a supplier or recipient of an arms transfer.
type TransferParty struct {
	// Name is the party as the source writes it, without SIPRI's marks.
	Name string `json:"name"`
	// Code is the ISO 3166-1 alpha-2 code of a state (a withdrawn code for
	// a former state: SU, CS, DD, YU); empty for other kinds.
	Code string    `json:"code,omitempty"`
	Kind PartyKind `json:"kind"`
	// Country is where the party sits: a state's own code, or the country a
	// non-state party is placed in ("Hezbollah (Lebanon)" → LB), or "".
	Country string `json:"country,omitempty"`
}

// Key identifies the party in filters and aggregates: the code of a state,
// else its name in lower case.
func (p TransferParty) Key() string {
	if p.Code != "" {
		return p.Code
	}
	return strings.ToLower(p.Name)
}

// Is reports whether the party is the one s names: an ISO code or a name,
// in any case.
func (p TransferParty) Is(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && (strings.EqualFold(p.Code, s) || strings.EqualFold(p.Name, s))
}

// Delivery is what was delivered in one year of a transfer.
type Delivery struct {
	Year int `json:"year"`
	// Quantity is the number delivered that year. A register that gives
	// one total for several years (SIPRI) has it split evenly, and
	// Estimated set.
	Quantity  int     `json:"quantity"`
	Estimated bool    `json:"estimated,omitempty"`
	TIV       float64 `json:"tiv,omitempty"`
}

// The fields of a transfer that a source may mark uncertain (SIPRI's "?"
// columns are order_year, ordered and delivered).
var TransferFields = []string{"supplier", "recipient", "system", "designation", "order_year", "ordered", "delivered", "delivery_years", "status", "tiv"}

// Transfer is one deal of an arms-transfer register: a weapon system
// ordered by a recipient from a supplier, and its deliveries, one per
// delivery year.
type Transfer struct {
	// ID is "SOURCE:KEY", stable across editions of the register as long
	// as the deal's parties, order year and designation are.
	ID         string `json:"id"`
	Source     string `json:"source"`
	SnapshotID int64  `json:"snapshot_id,omitempty"`

	Supplier  TransferParty `json:"supplier"`
	Recipient TransferParty `json:"recipient"`
	// System is the canonical id of the weapon system in the catalogue,
	// "" when the designation is not in it.
	System string `json:"system,omitempty"`
	// SystemType is the kind of system (uav, ballistic_missile,
	// anti_ship_missile, fast_attack_craft …), from the catalogue or the
	// description.
	SystemType string `json:"system_type,omitempty"`
	// Designation and Description are the source's words for the system.
	Designation string `json:"designation"`
	Description string `json:"description,omitempty"`
	// Producers are the catalogue ids of the system's makers.
	Producers []string `json:"producers,omitempty"`

	OrderYear int `json:"order_year,omitempty"`
	// Ordered and Delivered are nil when the source gives no number.
	Ordered       *int       `json:"ordered,omitempty"`
	Delivered     *int       `json:"delivered,omitempty"`
	DeliveryYears []int      `json:"delivery_years,omitempty"`
	Deliveries    []Delivery `json:"deliveries,omitempty"`
	// Status is New, Second hand, Second hand but modernized … as written.
	Status   string `json:"status,omitempty"`
	Comments string `json:"comments,omitempty"`
	// TIVs are SIPRI trend-indicator values in millions (a measure of
	// capability, not a price); nil when not given.
	TIVUnit      *float64 `json:"tiv_unit,omitempty"`
	TIVOrder     *float64 `json:"tiv_order,omitempty"`
	TIVDelivered *float64 `json:"tiv_delivered,omitempty"`
	// Uncertain lists the fields (TransferFields) the source marks as
	// uncertain or estimated.
	Uncertain []string `json:"uncertain,omitempty"`
	// Reports are the evidence for the record: for a register row, the
	// register itself.
	Reports []Report `json:"reports,omitempty"`
}

// IsUncertain reports whether the source marks field as uncertain.
func (t *Transfer) IsUncertain(field string) bool {
	for _, f := range t.Uncertain {
		if f == field {
			return true
		}
	}
	return false
}

// Years returns the first and last year the transfer concerns (its order
// year and delivery years); 0, 0 when it has none.
func (t *Transfer) Years() (first, last int) {
	add := func(y int) {
		if y == 0 {
			return
		}
		if first == 0 || y < first {
			first = y
		}
		if y > last {
			last = y
		}
	}
	add(t.OrderYear)
	for _, y := range t.DeliveryYears {
		add(y)
	}
	return first, last
}

// Validate reports whether t can be stored: an id, a source, a supplier
// and a recipient with names, a designation, years in a sane range,
// quantities that are not negative, and only known field names in
// Uncertain.
func (t *Transfer) Validate() error {
	if t == nil || strings.TrimSpace(t.ID) == "" {
		return Errorf(KindInvalid, "a transfer needs an id")
	}
	if strings.TrimSpace(t.Supplier.Name) == "" || strings.TrimSpace(t.Recipient.Name) == "" {
		return Errorf(KindInvalid, "transfer %s: supplier and recipient need names", t.ID)
	}
	if strings.TrimSpace(t.Designation) == "" && t.System == "" {
		return Errorf(KindInvalid, "transfer %s: a designation or a system is needed", t.ID)
	}
	years := append([]int{t.OrderYear}, t.DeliveryYears...)
	for _, y := range years {
		if y != 0 && (y < 1900 || y > 2200) {
			return Errorf(KindInvalid, "transfer %s: year %d is out of range", t.ID, y)
		}
	}
	for _, n := range []*int{t.Ordered, t.Delivered} {
		if n != nil && *n < 0 {
			return Errorf(KindInvalid, "transfer %s: a quantity is negative", t.ID)
		}
	}
	for _, f := range t.Uncertain {
		if !knownField(f) {
			return Errorf(KindInvalid, "transfer %s: %q is not a transfer field (want one of %s)", t.ID, f, strings.Join(TransferFields, ", "))
		}
	}
	return nil
}

func knownField(f string) bool {
	for _, k := range TransferFields {
		if k == f {
			return true
		}
	}
	return false
}

// TransferSet is one parsed edition of a register, ready to be stored as a
// snapshot.
type TransferSet struct {
	// Source is the register's id ("sipri-at", or a user's name).
	Source string
	// Format names the reader ("sipri-csv", "transfers-jsonl").
	Format string
	// PublishedAt is the edition's date (ISO), "" when not known.
	PublishedAt string
	// Hash is the hex SHA-256 of the input; an identical re-import writes
	// nothing.
	Hash      string
	Files     []string
	Transfers []*Transfer
	Warnings  []string
}

// Validate reports whether ts can be stored: a source and transfers that
// validate, with ids no other transfer of ts has.
func (ts *TransferSet) Validate() error {
	if ts == nil || strings.TrimSpace(ts.Source) == "" {
		return Errorf(KindInvalid, "a transfer set needs a source id")
	}
	seen := make(map[string]bool, len(ts.Transfers))
	for i, t := range ts.Transfers {
		if t == nil {
			return Errorf(KindInvalid, "%s: transfer %d is empty", ts.Source, i+1)
		}
		if err := t.Validate(); err != nil {
			return err
		}
		if seen[t.ID] {
			return Errorf(KindInvalid, "%s: duplicate transfer id %s", ts.Source, t.ID)
		}
		seen[t.ID] = true
	}
	return nil
}

// TransferSnapshot is one stored edition of a register, with its delta
// against the edition before.
type TransferSnapshot struct {
	ID          int64     `json:"id"`
	Source      string    `json:"source"`
	Format      string    `json:"format"`
	PublishedAt string    `json:"published_at,omitempty"`
	ImportedAt  time.Time `json:"imported_at"`
	Hash        string    `json:"hash"`
	Files       []string  `json:"files,omitempty"`
	Count       int       `json:"count"`
	Current     bool      `json:"current"`
	// Previous is the snapshot this one replaced, 0 for the first.
	Previous int64 `json:"previous,omitempty"`
	// Added, Removed and Changed count the deals against Previous.
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
}

// TransferFilter selects transfers; the zero value selects every transfer
// of the current snapshots.
type TransferFilter struct {
	// Supplier and Recipient are an ISO code or a party name, any case.
	Supplier  string `json:"supplier,omitempty"`
	Recipient string `json:"recipient,omitempty"`
	// Systems are catalogue ids or designations (any case); a transfer
	// matches one of them.
	Systems []string `json:"systems,omitempty"`
	// Since and Until are years: a transfer matches when a year it
	// concerns (order or delivery) falls within them.
	Since int `json:"since,omitempty"`
	Until int `json:"until,omitempty"`
	// Source restricts to one register.
	Source string `json:"source,omitempty"`
	// Limit caps the transfers returned (0: all); Offset skips as many.
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
}

// DyadYear is what one supplier delivered to one recipient in one year.
type DyadYear struct {
	Supplier  TransferParty `json:"supplier"`
	Recipient TransferParty `json:"recipient"`
	Year      int           `json:"year"`
	// Deals counts the transfers with a delivery that year; Quantity sums
	// the units delivered and TIV their trend-indicator value.
	Deals    int     `json:"deals"`
	Quantity int     `json:"quantity"`
	TIV      float64 `json:"tiv"`
}

// TransferStore keeps registers of arms transfers as snapshots, as lists
// are kept.
//
// Errors are *Error values: Invalid for a set that does not validate,
// NotFound for an unknown transfer id, Internal otherwise.
type TransferStore interface {
	// ImportTransfers writes ts as a new snapshot of ts.Source and makes
	// it current, in one transaction with the events that announce it
	// ("transfer.added", "transfer.changed", "transfer.removed" for each
	// deal that differs from the previous snapshot; a first snapshot of
	// more than BaselineEvents deals is announced by its
	// "transfers.imported" event alone). An identical hash to the current
	// snapshot's writes nothing and returns created false.
	ImportTransfers(ctx context.Context, ts *TransferSet) (snap TransferSnapshot, created bool, err error)
	// TransferSnapshots lists the snapshots of source (all sources when
	// ""), newest first.
	TransferSnapshots(ctx context.Context, source string) ([]TransferSnapshot, error)
	// Transfers returns the transfers of the current snapshots that f
	// selects, ordered by supplier, recipient, order year and id, and the
	// number selected before Limit and Offset.
	Transfers(ctx context.Context, f TransferFilter) ([]Transfer, int, error)
	// Transfer returns one transfer of a current snapshot.
	Transfer(ctx context.Context, id string) (*Transfer, error)
	// Deliveries sums the deliveries of the selected transfers by
	// supplier, recipient and year (Limit and Offset are ignored).
	Deliveries(ctx context.Context, f TransferFilter) ([]DyadYear, error)
}

// BaselineEvents is the largest first snapshot of a register whose deals
// are each announced by an event; a larger first import (a whole SIPRI
// register) is a baseline, announced by one "transfers.imported" event, so
// that watches fire on what changes after it rather than on decades of
// history.
const BaselineEvents = 1000
