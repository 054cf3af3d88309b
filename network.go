package tripline

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Network records are the user's own companies, the people who direct and
// own them, and shipment manifests: what the front-company graph (package
// graph) joins with the listed entities. They are imported from the user's
// files (`tripline graph import`) into the store, so that every server on
// one database builds the same graph.

// NetworkCompany is one company of the user's records: a customer, a
// supplier, a corporate-registry extract.
type NetworkCompany struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
	Website string `json:"website,omitempty"`
	// Registered is the date of incorporation (ISO 8601).
	Registered string `json:"registered,omitempty"`
	// Directors are the directors' names; DirectorIDs, where given, the
	// ids of the same directors among the records' people, in the same
	// order.
	Directors   []string      `json:"directors,omitempty"`
	DirectorIDs []string      `json:"director_ids,omitempty"`
	Owners      []Shareholder `json:"owners,omitempty"`
	Industry    string        `json:"industry,omitempty"`
	Identifiers []Identifier  `json:"identifiers,omitempty"`
}

// Shareholder is an owner of a company. ID names a person or company of
// the records when known; otherwise only the name is given.
type Shareholder struct {
	Name string `json:"name"`
	// Share is the part held, in [0,1].
	Share float64 `json:"share"`
	ID    string  `json:"id,omitempty"`
}

// NetworkPerson is a director or owner of the user's records.
type NetworkPerson struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Nationality string `json:"nationality,omitempty"`
	// BirthDate is an ISO date or a year.
	BirthDate string `json:"birth_date,omitempty"`
}

// NetworkShipment is one line of a shipment manifest; the parties are free
// text as the manifest writes them. ID may be empty.
type NetworkShipment struct {
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

// NetworkRecords are the records a graph is built from, each kind in
// import order.
type NetworkRecords struct {
	Companies []NetworkCompany  `json:"companies,omitempty"`
	People    []NetworkPerson   `json:"people,omitempty"`
	Shipments []NetworkShipment `json:"shipments,omitempty"`
}

// MaxRecordIDBytes is the longest id a network record may have.
const MaxRecordIDBytes = 256

// Validate reports whether c can be stored: an id and a name (within
// MaxRecordIDBytes and MaxNameBytes), and every owner's share in [0,1].
// The error is an Invalid *Error (TooLarge for a limit) whose Msg says
// what is wrong.
func (c *NetworkCompany) Validate() error {
	if err := checkRecordID(c.ID, true); err != nil {
		return err
	}
	if strings.TrimSpace(c.Name) == "" {
		return invalidRecord(`missing "name"`)
	}
	if len(c.Name) > MaxNameBytes {
		return Errorf(KindTooLarge, "name is %d bytes long, the limit is %d", len(c.Name), MaxNameBytes)
	}
	for _, o := range c.Owners {
		if math.IsNaN(o.Share) || o.Share < 0 || o.Share > 1 {
			return invalidRecord(fmt.Sprintf("owner %q: share %v outside 0..1", o.Name, o.Share))
		}
		if err := checkRecordID(o.ID, false); err != nil {
			return Errorf(ErrorKind(err), "owner %q: %s", o.Name, ErrorMessage(err))
		}
	}
	for _, id := range c.DirectorIDs {
		if err := checkRecordID(id, false); err != nil {
			return Errorf(ErrorKind(err), "director_ids: %s", ErrorMessage(err))
		}
	}
	return nil
}

// Validate reports whether p can be stored: it needs an id.
func (p *NetworkPerson) Validate() error {
	if err := checkRecordID(p.ID, true); err != nil {
		return err
	}
	if len(p.Name) > MaxNameBytes {
		return Errorf(KindTooLarge, "name is %d bytes long, the limit is %d", len(p.Name), MaxNameBytes)
	}
	return nil
}

// Validate reports whether s can be stored: it needs a shipper or a
// consignee; its id may be empty.
func (s *NetworkShipment) Validate() error {
	if err := checkRecordID(s.ID, false); err != nil {
		return err
	}
	if strings.TrimSpace(s.Shipper) == "" && strings.TrimSpace(s.Consignee) == "" {
		return invalidRecord(`neither "shipper" nor "consignee" given`)
	}
	return nil
}

// Validate checks every record and that no two records of one kind share
// an id (shipments without an id aside). The message names the record by
// kind, position and id.
func (r *NetworkRecords) Validate() error {
	seen := map[string]int{}
	check := func(kind string, i int, id string, err error) error {
		if err != nil {
			return Errorf(ErrorKind(err), "%s %d (id %q): %s", kind, i+1, id, ErrorMessage(err))
		}
		if id == "" {
			return nil
		}
		if j, dup := seen[kind+"\x00"+id]; dup {
			return Errorf(KindInvalid, "%s %d: id %q given twice (also %s %d)", kind, i+1, id, kind, j+1)
		}
		seen[kind+"\x00"+id] = i
		return nil
	}
	for i := range r.Companies {
		if err := check("company", i, r.Companies[i].ID, r.Companies[i].Validate()); err != nil {
			return err
		}
	}
	for i := range r.People {
		if err := check("person", i, r.People[i].ID, r.People[i].Validate()); err != nil {
			return err
		}
	}
	for i := range r.Shipments {
		if err := check("shipment", i, r.Shipments[i].ID, r.Shipments[i].Validate()); err != nil {
			return err
		}
	}
	return nil
}

func checkRecordID(id string, required bool) error {
	switch {
	case id == "" && required:
		return invalidRecord(`missing "id"`)
	case len(id) > MaxRecordIDBytes:
		return Errorf(KindTooLarge, "id is %d bytes long, the limit is %d", len(id), MaxRecordIDBytes)
	case !utf8.ValidString(id) || strings.ContainsRune(id, 0):
		return invalidRecord("id is not valid text")
	case id != "" && strings.TrimSpace(id) == "":
		return invalidRecord("id is blank")
	}
	return nil
}

func invalidRecord(msg string) error { return Errorf(KindInvalid, "%s", msg) }

// NetworkMode says what an import does with the records already stored.
type NetworkMode int

const (
	// NetworkReplace replaces every stored record, of all three kinds,
	// with the imported ones.
	NetworkReplace NetworkMode = iota
	// NetworkMerge adds the imported records: one with the id of a stored
	// record of its kind replaces that record in its place; the others,
	// and shipments without an id, are added after the stored ones.
	NetworkMerge
)

// NetworkState says what a store holds of the network records.
type NetworkState struct {
	// Version is the change counter: 0 before the first import, one more
	// with every import committed. Servers rebuild their graph when it
	// changes.
	Version   int64 `json:"version"`
	Companies int   `json:"companies"`
	People    int   `json:"people"`
	Shipments int   `json:"shipments"`
	// ChangedAt is when the last import committed (UTC); zero before the
	// first.
	ChangedAt time.Time `json:"changed_at,omitzero"`
}

// NetworkStore is implemented by stores that hold the network records
// (sqlite, postgres).
//
// Errors are *Error values: Invalid (TooLarge for a record over a limit)
// for records that fail Validate, and then nothing is written; Internal
// otherwise.
type NetworkStore interface {
	// ImportNetwork validates recs and writes them in one transaction,
	// replacing or merging with the stored records as mode says, and
	// returns the state after it. Imports are serialised: each sees the
	// records of every import committed before it.
	ImportNetwork(ctx context.Context, recs *NetworkRecords, mode NetworkMode) (NetworkState, error)
	// Network returns every stored record, each kind in import order (a
	// record replaced by a merge keeps its place), and the state they are
	// at, read consistently whatever is imported meanwhile.
	Network(ctx context.Context) (*NetworkRecords, NetworkState, error)
	// NetworkState returns the state alone: a cheap read for servers that
	// watch Version.
	NetworkState(ctx context.Context) (NetworkState, error)
}

// NetworkRisk is the network risk of one company of the records, with the
// paths to listed parties that explain it: one line of `tripline graph
// risk --json` and one result of GET /v1/graph/risk.
type NetworkRisk struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Risk is in [0,1]; Flagged says it reaches the parameters' flag.
	Risk    float64 `json:"risk"`
	Flagged bool    `json:"flagged"`
	// LinkedTo are the listed entities the company's paths lead to, and
	// the listed holders of the values its top paths go through.
	LinkedTo []string        `json:"linked_to"`
	Paths    []NetworkPath   `json:"paths"`
	Factors  []NetworkFactor `json:"factors,omitempty"`
	// Params is the version of the weights that produced the result.
	Params string `json:"params_version"`
}

// NetworkPath is a chain of steps from a company to a listed entity.
type NetworkPath struct {
	To     string        `json:"to"`
	ToName string        `json:"to_name"`
	Score  float64       `json:"score"`
	Steps  []NetworkStep `json:"steps"`
}

// NetworkStep is one edge of a path with its evidence in words.
type NetworkStep struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Relation string `json:"relation"`
	// Value is the shared value (an address, a phone …) a step goes
	// through, in its normal form where it has one (E.164, lower-case
	// e-mail or domain), and Holders how many hold it.
	Value string `json:"value,omitempty"`
	// FromValue and ToValue are the shared value as each side wrote it.
	FromValue string  `json:"from_value,omitempty"`
	ToValue   string  `json:"to_value,omitempty"`
	Holders   int     `json:"holders,omitempty"`
	Weight    float64 `json:"weight"`
	Evidence  string  `json:"evidence"`
}

// NetworkFactor is a context fact that raised a company's risk.
type NetworkFactor struct {
	// Kind is young_company, hub_jurisdiction or
	// registered_after_designation.
	Kind   string  `json:"kind"`
	Detail string  `json:"detail"`
	Effect float64 `json:"effect"`
}

// NetworkView is a neighbourhood of the graph, ready for a graph view:
// nodes and the edges among them (GET /v1/graph/entities/{id}).
type NetworkView struct {
	Center    string        `json:"center"`
	Nodes     []NetworkNode `json:"nodes"`
	Edges     []NetworkEdge `json:"edges"`
	Truncated bool          `json:"truncated,omitempty"`
}

// NetworkNode is a node of a view.
type NetworkNode struct {
	// ID is kind and key: "company:c0001", "listed:ofac-sdn:123",
	// "phone:…".
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// Holders is how many companies and listed entities hold a value node.
	Holders int `json:"holders,omitempty"`
}

// NetworkEdge is an edge of a view or a path.
type NetworkEdge struct {
	From string `json:"from"`
	To   string `json:"to"`
	Kind string `json:"kind"`
	// Share is an ownership share; Count a number of shipments;
	// Confidence the confidence of a resolved link.
	Share      float64 `json:"share,omitempty"`
	Count      int     `json:"count,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}
