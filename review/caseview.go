package review

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
)

// Store is what case management reads and writes: the lists, books and
// alerts, cases and the audit log.
type Store interface {
	tripline.Store
	tripline.MonitorStore
	tripline.CaseStore
	tripline.AuditStore
}

// Case is the view of one alert that a person decides on (the CLI's
// "alerts show", the API's GET /v1/alerts/{id}/case, the web UI's case
// page): the party and the listed record side by side with their
// differences marked, the explanation, the listed record's history
// across snapshots, the pair's earlier alerts and decisions, its
// suppression, the four-eyes state, the network paths where the party is
// in the graph, and the alert's audit trail.
type Case struct {
	Alert tripline.Alert `json:"alert"`
	// Party is the party as screened when the alert was raised or last
	// updated (else as the book holds it now); PartyNow is the book's
	// current record when it has changed since.
	Party    *tripline.BookParty `json:"party,omitempty"`
	PartyNow *tripline.BookParty `json:"party_now,omitempty"`
	// Entity is the listed record in the alert's snapshot.
	Entity      *tripline.Entity      `json:"entity,omitempty"`
	Comparison  []FieldPair           `json:"comparison"`
	Explanation *tripline.Explanation `json:"explanation,omitempty"`
	// History lists the listed record in each snapshot of its source,
	// oldest first, with what changed from the version before.
	History []EntityVersion `json:"history"`
	// PairAlerts are every alert of the pair (this one included), oldest
	// first; Decisions every decision on them.
	PairAlerts  []tripline.Alert         `json:"pair_alerts"`
	Decisions   []tripline.AlertDecision `json:"decisions"`
	Suppression *tripline.Suppression    `json:"suppression,omitempty"`
	FourEyes    FourEyes                 `json:"four_eyes"`
	Network     *Network                 `json:"network,omitempty"`
	Audit       []tripline.AuditEntry    `json:"audit"`
}

// Marks of a FieldPair: how the party's values compare with the listed
// record's.
const (
	MarkSame       = "same"        // a value agrees
	MarkMatched    = "matched"     // the names matched, not letter for letter
	MarkDifferent  = "different"   // both give values and none agree
	MarkPartyOnly  = "party_only"  // only the party gives one
	MarkListedOnly = "listed_only" // only the listed record gives one
	MarkNone       = "none"        // neither gives one
)

// FieldPair is one row of the side-by-side view.
type FieldPair struct {
	Field  string   `json:"field"`
	Party  []string `json:"party"`
	Listed []string `json:"listed"`
	Mark   string   `json:"mark"`
}

// EntityVersion is the listed record in one snapshot of its source.
type EntityVersion struct {
	SnapshotID  int64  `json:"snapshot_id"`
	PublishedAt string `json:"published_at,omitempty"`
	ImportedAt  string `json:"imported_at"`
	// Present is false for a snapshot that does not hold the record.
	Present      bool   `json:"present"`
	MaterialHash string `json:"material_hash,omitempty"`
	// Changes are the fields that changed from the previous version
	// (added, when it was absent before); Material whether any of them
	// is material (delta's definition).
	Changes  []FieldChange `json:"changes,omitempty"`
	Material bool          `json:"material"`
	// Alerted is set on the version the alert was raised or last
	// updated from.
	Alerted bool `json:"alerted,omitempty"`
}

// FieldChange is one changed field of a listed record.
type FieldChange struct {
	Field    string   `json:"field"`
	Material bool     `json:"material"`
	Old      []string `json:"old"`
	New      []string `json:"new"`
}

// FourEyes is the approval state of an alert.
type FourEyes struct {
	// State is none (never decided), final, pending, approved, rejected
	// or superseded: the state of the alert's latest decision.
	State    string                  `json:"state"`
	Decision *tripline.AlertDecision `json:"decision,omitempty"`
	// WaitingFor says who may answer a pending decision.
	WaitingFor string `json:"waiting_for,omitempty"`
}

// Network is where the party stands in the front-company graph.
type Network struct {
	// Node is the party's node ("company:c0665"), "" when the party is
	// not in the graph.
	Node  string        `json:"node,omitempty"`
	Paths []NetworkPath `json:"paths,omitempty"`
	Note  string        `json:"note,omitempty"`
}

// NetworkPath is a shortest path from the party to a listed entity.
type NetworkPath struct {
	To    string                 `json:"to"`
	Edges []tripline.NetworkEdge `json:"edges"`
	Nodes []tripline.NetworkNode `json:"nodes"`
}

// PathFinder finds the network paths of a party: the CLI builds the
// graph for it; nil leaves the network out.
type PathFinder func(ctx context.Context, partyID, entityID string) (*Network, error)

// CaseOf assembles the case view of alert id.
func CaseOf(ctx context.Context, st Store, id int64, paths PathFinder) (*Case, error) {
	a, err := st.Alert(ctx, id)
	if err != nil {
		return nil, err
	}
	c := &Case{Alert: a, Explanation: a.Explanation, Comparison: []FieldPair{}, History: []EntityVersion{}}
	c.Party = a.Party
	if now, err := st.Party(ctx, a.Book, a.PartyID); err == nil {
		if c.Party == nil {
			c.Party = &now
		} else if now.Hash != a.PartyHash {
			c.PartyNow = &now
		}
	}
	if c.Party == nil {
		c.Party = &tripline.BookParty{ID: a.PartyID, Name: a.PartyName}
	}
	if a.SnapshotID != 0 {
		if e, err := st.Entity(ctx, a.EntityID, a.SnapshotID); err == nil {
			c.Entity = e
		}
	}
	if c.Entity == nil {
		if e, err := st.Entity(ctx, a.EntityID, 0); err == nil {
			c.Entity = e
		}
	}
	c.Comparison = Compare(*c.Party, c.Entity)
	if c.History, err = History(ctx, st, a.Source, a.EntityID, 20); err != nil {
		return nil, err
	}
	for i := range c.History {
		c.History[i].Alerted = c.History[i].SnapshotID == a.SnapshotID
	}
	if c.PairAlerts, err = st.Alerts(ctx, tripline.AlertFilter{Book: a.Book, PartyID: a.PartyID, EntityID: a.EntityID, Limit: 1000}); err != nil {
		return nil, err
	}
	if c.Decisions, err = st.Decisions(ctx, tripline.DecisionFilter{Book: a.Book, PartyID: a.PartyID, EntityID: a.EntityID}); err != nil {
		return nil, err
	}
	c.FourEyes = FourEyes{State: "none"}
	for i := range c.Decisions {
		d := &c.Decisions[i]
		if d.ID == a.DecisionID {
			c.FourEyes = FourEyes{State: d.State, Decision: d}
			if d.State == tripline.DecisionPending {
				c.FourEyes.WaitingFor = "a reviewer other than " + d.DecidedBy + " (" + d.ApprovalReason + ")"
			}
		}
	}
	sups, err := st.Suppressions(ctx, tripline.SuppressionFilter{Book: a.Book, PartyIDs: []string{a.PartyID}})
	if err != nil {
		return nil, err
	}
	for i := len(sups) - 1; i >= 0; i-- {
		if sups[i].EntityID == a.EntityID {
			s := sups[i]
			c.Suppression = &s
			break
		}
	}
	if c.Audit, err = st.AuditEntries(ctx, tripline.AuditFilter{Subject: tripline.AuditSubject("alert", a.ID), Limit: 1000}); err != nil {
		return nil, err
	}
	if paths != nil {
		if c.Network, err = paths(ctx, a.PartyID, a.EntityID); err != nil {
			c.Network = &Network{Note: "the network graph could not be read: " + tripline.ErrorMessage(err)}
		}
	}
	return c, nil
}

// History returns the listed record id in the newest limit snapshots of
// source, oldest first, with the changes between consecutive versions.
func History(ctx context.Context, st tripline.Store, source, id string, limit int) ([]EntityVersion, error) {
	snaps, err := st.Snapshots(ctx, source)
	if err != nil {
		return nil, err
	}
	sort.Slice(snaps, func(i, j int) bool { return snaps[i].ID < snaps[j].ID })
	if limit > 0 && len(snaps) > limit {
		snaps = snaps[len(snaps)-limit:]
	}
	out := []EntityVersion{}
	var prev *tripline.Entity
	for _, sn := range snaps {
		v := EntityVersion{SnapshotID: sn.ID, PublishedAt: sn.PublishedAt, ImportedAt: sn.ImportedAt.UTC().Format("2006-01-02T15:04:05Z")}
		e, err := st.Entity(ctx, id, sn.ID)
		if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
			return nil, err
		}
		if e != nil {
			v.Present, v.MaterialHash = true, delta.MaterialHash(e)
			v.Changes, v.Material = changes(prev, e)
		} else if prev != nil {
			v.Material = true
		}
		out = append(out, v)
		prev = e
	}
	return out, nil
}

// changes lists the fields that differ between two versions of a record
// (every field of new when old is nil).
func changes(old, new *tripline.Entity) ([]FieldChange, bool) {
	var out []FieldChange
	material := false
	for _, f := range delta.Fields() {
		ov, nv := delta.Values(old, f), delta.Values(new, f)
		if slices.Equal(ov, nv) {
			continue
		}
		m := delta.IsMaterial(f)
		material = material || m
		out = append(out, FieldChange{Field: f, Material: m, Old: ov, New: nv})
	}
	return out, material
}

// fold is a comparison key: letters and digits, lower case, single
// spaces.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// Compare puts the party's screening fields next to the listed record's
// and marks how they compare.
func Compare(p tripline.BookParty, e *tripline.Entity) []FieldPair {
	if e == nil {
		e = &tripline.Entity{}
	}
	one := func(s string) []string {
		if s = strings.TrimSpace(s); s == "" {
			return []string{}
		}
		return []string{s}
	}
	var names []string
	for _, n := range e.Names {
		names = append(names, n.Full)
	}
	out := []FieldPair{}
	add := func(field string, party, listed []string, same func(a, b string) bool) {
		fp := FieldPair{Field: field, Party: party, Listed: listed}
		switch {
		case len(party) == 0 && len(listed) == 0:
			fp.Mark = MarkNone
		case len(party) == 0:
			fp.Mark = MarkListedOnly
		case len(listed) == 0:
			fp.Mark = MarkPartyOnly
		default:
			fp.Mark = MarkDifferent
			for _, a := range party {
				for _, b := range listed {
					if same(a, b) {
						fp.Mark = MarkSame
					}
				}
			}
		}
		if fp.Listed == nil {
			fp.Listed = []string{}
		}
		out = append(out, fp)
	}
	eq := func(a, b string) bool { return fold(a) == fold(b) }
	add("name", one(p.Name), names, eq)
	if out[0].Mark == MarkDifferent {
		out[0].Mark = MarkMatched // the alert exists: the names matched, not letter for letter
	}
	add("type", one(p.Type), one(string(e.Schema)), func(a, b string) bool { return schemaOf(a) == schemaOf(b) })
	var ctry []string
	ctry = append(ctry, e.Countries...)
	ctry = append(ctry, e.Nationalities...)
	for _, a := range e.Addresses {
		if a.Country != "" {
			ctry = append(ctry, a.Country)
		}
	}
	slices.Sort(ctry)
	add("country", one(p.Country), slices.Compact(ctry), func(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) })
	add("birth_date", one(p.BirthDate), nonNil(e.BirthDates), func(a, b string) bool {
		return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
	})
	var pid, lid []string
	for _, id := range p.Identifiers {
		pid = append(pid, delta.IdentifierText(id))
	}
	for _, id := range e.Identifiers {
		lid = append(lid, delta.IdentifierText(id))
	}
	idKey := map[string]string{}
	for _, id := range append(append([]tripline.Identifier{}, p.Identifiers...), e.Identifiers...) {
		idKey[delta.IdentifierText(id)] = strings.ToUpper(fold(id.Value))
	}
	add("identifiers", nonNil(pid), nonNil(lid), func(a, b string) bool { return idKey[a] != "" && idKey[a] == idKey[b] })
	var addr []string
	for _, a := range e.Addresses {
		addr = append(addr, delta.AddressText(a))
	}
	add("addresses", []string{}, nonNil(addr), eq)
	add("programs", []string{}, nonNil(e.Programs), eq)
	return out
}

func schemaOf(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "individual":
		return "person"
	case "organization", "organisation", "company", "legalentity", "entity":
		return "organization"
	case "vessel":
		return "vessel"
	case "aircraft", "airplane":
		return "aircraft"
	}
	return strings.ToLower(s)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
