package tripline

import (
	"math"
	"strings"
	"unicode"
)

// The rules of valid input, one place for every caller: the readers of
// users' files, the HTTP API, the client of a remote server, the matcher
// and the stores all call these, so that a query, an order or an option
// the CLI accepts is accepted by the API and the other way round. Errors
// are *Error values of kind Invalid, or TooLarge for input over a limit
// (limits.go); their messages say what was wrong and what is expected.

// MaxLimit is the most matches one query may ask for (ScreenOptions.Limit).
const MaxLimit = 500

// QueryType is the kind of party a query asks for. It restricts which
// listed schemata a query can match; TypeAny matches every one.
type QueryType string

// The query types. TypeParty is FollowTheMoney's LegalEntity: a person or
// an organisation, not an asset.
const (
	TypeAny          QueryType = ""
	TypePerson       QueryType = "person"
	TypeOrganization QueryType = "organization"
	TypeParty        QueryType = "party"
	TypeVessel       QueryType = "vessel"
	TypeAircraft     QueryType = "aircraft"
)

// queryTypes maps every accepted spelling, folded by typeKey, to its type:
// the words users' files use (OFAC writes individual and entity), the
// FollowTheMoney schema names yente clients send, and plain synonyms.
var queryTypes = map[string]QueryType{
	"": TypeAny, "any": TypeAny, "thing": TypeAny,
	"person": TypePerson, "individual": TypePerson,
	"organization": TypeOrganization, "organisation": TypeOrganization, "org": TypeOrganization,
	"company": TypeOrganization, "entity": TypeOrganization, "publicbody": TypeOrganization,
	"party": TypeParty, "legalentity": TypeParty,
	"vessel": TypeVessel, "ship": TypeVessel,
	"aircraft": TypeAircraft, "airplane": TypeAircraft, "aeroplane": TypeAircraft, "plane": TypeAircraft,
}

// typeKey folds a type or role name for lookup: lower case, without
// spaces, hyphens and underscores ("Legal Entity", "legal_entity" and
// "LegalEntity" are one key).
func typeKey(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch r {
		case ' ', '\t', '-', '_':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ParseQueryType parses a query type, case-insensitively and with its
// synonyms: person (individual); organization (organisation, company,
// entity, org, PublicBody); party (LegalEntity: a person or an
// organisation); vessel (ship); aircraft (airplane, plane); "" or Thing
// for any. An unknown type is an Invalid error that lists the valid ones.
func ParseQueryType(s string) (QueryType, error) {
	if t, ok := queryTypes[typeKey(s)]; ok {
		return t, nil
	}
	return "", Errorf(KindInvalid, "unknown type %q (want person, organization, vessel or aircraft)", s)
}

// Accepts reports whether an entity of schema s may answer a query of
// type t. An entity whose schema the source does not give is accepted by
// the party types.
func (t QueryType) Accepts(s Schema) bool {
	switch t {
	case TypeAny:
		return true
	case TypePerson:
		return s == SchemaPerson || s == SchemaLegalEntity || s == ""
	case TypeOrganization:
		return s.IsOrganization() || s == SchemaLegalEntity || s == ""
	case TypeParty:
		return s.IsParty() || s == ""
	case TypeVessel:
		return s == SchemaVessel
	case TypeAircraft:
		return s == SchemaAirplane
	}
	return false
}

// Validate reports whether q can be screened: it needs a name or an
// identifier (an identifier alone is enough), a name within MaxNameBytes
// and MaxNameTokens, at most MaxIdentifiers identifiers each with a value,
// and a known type (ParseQueryType).
func (q Query) Validate() error {
	name := strings.TrimSpace(q.Name)
	if name == "" && len(q.Identifiers) == 0 {
		return Errorf(KindInvalid, "name is empty: a query needs a name or an identifier")
	}
	if len(q.Name) > MaxNameBytes {
		return Errorf(KindTooLarge, "name is %d bytes long, the limit is %d", len(q.Name), MaxNameBytes)
	}
	if n := nameTokens(name); n > MaxNameTokens {
		return Errorf(KindTooLarge, "name has %d words, the limit is %d", n, MaxNameTokens)
	}
	if len(q.Identifiers) > MaxIdentifiers {
		return Errorf(KindTooLarge, "%d identifiers, the limit is %d", len(q.Identifiers), MaxIdentifiers)
	}
	for i, id := range q.Identifiers {
		if strings.TrimSpace(id.Value) == "" {
			return Errorf(KindInvalid, "identifiers[%d]: value is empty", i)
		}
		if len(id.Value) > MaxNameBytes {
			return Errorf(KindTooLarge, "identifiers[%d]: value is %d bytes long, the limit is %d", i, len(id.Value), MaxNameBytes)
		}
	}
	if _, err := ParseQueryType(q.Type); err != nil {
		return err
	}
	return nil
}

// nameTokens counts the words of a name: runs of letters, marks and digits.
func nameTokens(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// Validate reports whether o is usable: a threshold in [0,1] (0 means the
// algorithm's) and a limit in [0, MaxLimit] (0 means the default).
func (o ScreenOptions) Validate() error {
	if !(o.Threshold >= 0 && o.Threshold <= 1) {
		return Errorf(KindInvalid, "threshold must be between 0 and 1, got %g", o.Threshold)
	}
	if o.Limit < 0 || o.Limit > MaxLimit {
		return Errorf(KindInvalid, "limit must be between 0 and %d, got %d", MaxLimit, o.Limit)
	}
	return nil
}

// PartyRoles are the roles a party to a transaction may have, in their
// canonical spelling.
var PartyRoles = []string{RoleSeller, RoleBuyer, RoleConsignee, RoleEndUser, RoleFreightForwarder, RolePayer, RoleNotifyParty}

// ParsePartyRole returns the canonical name (one of PartyRoles) of a party
// role written in any case, with spaces, hyphens or underscores between
// its words or none ("Buyer", "End User", "end-user", "EndUser" →
// end_user). An unknown role is an Invalid error that lists the valid
// ones. (ParseRole is for the roles of users, not of parties.)
func ParsePartyRole(s string) (string, error) {
	k := typeKey(s)
	for _, r := range PartyRoles {
		if k == strings.ReplaceAll(r, "_", "") {
			return r, nil
		}
	}
	return "", Errorf(KindInvalid, "role %q is not one of %s", s, strings.Join(PartyRoles, ", "))
}

// Validate reports whether tx can be checked, and writes each party's role
// in its canonical form (ParsePartyRole), so that the API and the readers
// of users' files hand the checker the same transaction. A transaction
// needs parties or items; every party a known role and a name within the
// limits of a query; every item a quantity and a unit value that are
// finite and not negative.
func (tx *Transaction) Validate() error {
	if tx == nil {
		return Errorf(KindInvalid, "the transaction is empty")
	}
	if len(tx.Parties) == 0 && len(tx.Items) == 0 {
		return Errorf(KindInvalid, "a transaction needs parties or items")
	}
	for i := range tx.Parties {
		p := &tx.Parties[i]
		role, err := ParsePartyRole(p.Role)
		if err != nil {
			return Errorf(KindInvalid, "party %d: %s", i+1, ErrorMessage(err))
		}
		p.Role = role
		if strings.TrimSpace(p.Name) == "" {
			continue // nothing to screen; the rules still see the party
		}
		if err := (Query{Name: p.Name}).Validate(); err != nil {
			return Errorf(ErrorKind(err), "party %d: %s", i+1, ErrorMessage(err))
		}
	}
	for i, it := range tx.Items {
		for _, v := range []struct {
			what string
			x    float64
		}{{"quantity", it.Quantity}, {"unit value", it.UnitValue}} {
			if v.x < 0 || math.IsNaN(v.x) || math.IsInf(v.x, 0) {
				return Errorf(KindInvalid, "item %d: %s %v is not a number of zero or more", i+1, v.what, v.x)
			}
		}
	}
	return nil
}

// Validate reports whether ds can be stored as a snapshot: it names a
// valid source (ValidateSourceID), and every entity has an id that no
// other entity of ds has. Both stores call it before they write anything.
func (ds *Dataset) Validate() error {
	if ds == nil || ds.Source == "" {
		return Errorf(KindInvalid, "dataset has no source id")
	}
	if err := ValidateSourceID(ds.Source); err != nil {
		return err
	}
	seen := make(map[string]struct{}, len(ds.Entities))
	for i, e := range ds.Entities {
		if e == nil || e.ID == "" {
			return Errorf(KindInvalid, "%s: entity %d has no id", ds.Source, i+1)
		}
		if _, dup := seen[e.ID]; dup {
			return Errorf(KindInvalid, "%s: duplicate entity id %s", ds.Source, e.ID)
		}
		seen[e.ID] = struct{}{}
	}
	return nil
}
