package tripline_test

import (
	"math"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

func TestQueryValidate(t *testing.T) {
	ids := func(n int) []tripline.Identifier {
		out := make([]tripline.Identifier, n)
		for i := range out {
			out[i] = tripline.Identifier{Type: "passport", Value: "P1"}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		q    tripline.Query
		want tripline.Kind // KindOther: valid
		msg  string
	}{
		{"a name", tripline.Query{Name: "Qasem Soleimani"}, tripline.KindOther, ""},
		{"an identifier alone", tripline.Query{Identifiers: ids(1)}, tripline.KindOther, ""},
		{"a type synonym", tripline.Query{Name: "x", Type: "Individual"}, tripline.KindOther, ""},
		{"neither", tripline.Query{Name: "  "}, tripline.KindInvalid, "name or an identifier"},
		{"an empty identifier", tripline.Query{Identifiers: []tripline.Identifier{{Type: "imo"}}}, tripline.KindInvalid, "identifiers[0]"},
		{"an unknown type", tripline.Query{Name: "x", Type: "spaceship"}, tripline.KindInvalid, `"spaceship"`},
		{"a name at the byte limit", tripline.Query{Name: strings.Repeat("a", tripline.MaxNameBytes)}, tripline.KindOther, ""},
		{"a name over the byte limit", tripline.Query{Name: strings.Repeat("a", tripline.MaxNameBytes+1)}, tripline.KindTooLarge, "bytes"},
		{"too many words", tripline.Query{Name: strings.Repeat("ab-", tripline.MaxNameTokens+1)}, tripline.KindTooLarge, "words"},
		{"words at the limit", tripline.Query{Name: strings.Repeat("ab ", tripline.MaxNameTokens)}, tripline.KindOther, ""},
		{"too many identifiers", tripline.Query{Name: "x", Identifiers: ids(tripline.MaxIdentifiers + 1)}, tripline.KindTooLarge, "identifiers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.q.Validate()
			if got := tripline.ErrorKind(err); got != tc.want {
				t.Fatalf("Validate() = %v (kind %v), want kind %v", err, got, tc.want)
			}
			if err != nil && !strings.Contains(tripline.ErrorMessage(err), tc.msg) {
				t.Errorf("message %q does not say %q", tripline.ErrorMessage(err), tc.msg)
			}
		})
	}
}

func TestParseQueryType(t *testing.T) {
	for in, want := range map[string]tripline.QueryType{
		"": tripline.TypeAny, "Thing": tripline.TypeAny,
		"person": tripline.TypePerson, "INDIVIDUAL": tripline.TypePerson, " Person ": tripline.TypePerson,
		"organisation": tripline.TypeOrganization, "Company": tripline.TypeOrganization, "entity": tripline.TypeOrganization, "PublicBody": tripline.TypeOrganization,
		"LegalEntity": tripline.TypeParty, "legal entity": tripline.TypeParty,
		"ship": tripline.TypeVessel, "Vessel": tripline.TypeVessel,
		"Airplane": tripline.TypeAircraft, "aircraft": tripline.TypeAircraft, "plane": tripline.TypeAircraft,
	} {
		got, err := tripline.ParseQueryType(in)
		if err != nil || got != want {
			t.Errorf("ParseQueryType(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := tripline.ParseQueryType("spaceship"); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("unknown type: %v, want Invalid", err)
	}
	for _, tc := range []struct {
		t      tripline.QueryType
		s      tripline.Schema
		accept bool
	}{
		{tripline.TypePerson, tripline.SchemaPerson, true},
		{tripline.TypePerson, tripline.SchemaCompany, false},
		{tripline.TypeOrganization, tripline.SchemaCompany, true},
		{tripline.TypeOrganization, tripline.SchemaVessel, false},
		{tripline.TypeParty, tripline.SchemaPerson, true},
		{tripline.TypeParty, tripline.SchemaOrganization, true},
		{tripline.TypeParty, tripline.SchemaAirplane, false},
		{tripline.TypeVessel, tripline.SchemaVessel, true},
		{tripline.TypeVessel, "", false},
		{tripline.TypeAircraft, tripline.SchemaAirplane, true},
		{tripline.TypeAny, tripline.SchemaAirplane, true},
	} {
		if got := tc.t.Accepts(tc.s); got != tc.accept {
			t.Errorf("%q.Accepts(%q) = %v", tc.t, tc.s, got)
		}
	}
}

func TestScreenOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		o  tripline.ScreenOptions
		ok bool
	}{
		{tripline.ScreenOptions{}, true},
		{tripline.ScreenOptions{Threshold: 1, Limit: tripline.MaxLimit}, true},
		{tripline.ScreenOptions{Threshold: -0.1}, false},
		{tripline.ScreenOptions{Threshold: 1.01}, false},
		{tripline.ScreenOptions{Threshold: math.NaN()}, false},
		{tripline.ScreenOptions{Limit: -1}, false},
		{tripline.ScreenOptions{Limit: tripline.MaxLimit + 1}, false},
	} {
		err := tc.o.Validate()
		if (err == nil) != tc.ok || err != nil && tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("%+v.Validate() = %v, want ok %v", tc.o, err, tc.ok)
		}
	}
}

func TestParsePartyRole(t *testing.T) {
	for in, want := range map[string]string{
		"buyer": "buyer", "Buyer": "buyer", " BUYER ": "buyer",
		"End User": "end_user", "end-user": "end_user", "EndUser": "end_user", "end_user": "end_user",
		"Freight Forwarder": "freight_forwarder", "notify party": "notify_party", "Seller": "seller",
		"consignee": "consignee", "Payer": "payer",
	} {
		if got, err := tripline.ParsePartyRole(in); err != nil || got != want {
			t.Errorf("ParsePartyRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "customer", "end", "buyers"} {
		_, err := tripline.ParsePartyRole(in)
		if tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(tripline.ErrorMessage(err), "notify_party") {
			t.Errorf("ParsePartyRole(%q) = %v, want Invalid listing the roles", in, err)
		}
	}
}

func TestTransactionValidate(t *testing.T) {
	tx := &tripline.Transaction{ID: "t", Parties: []tripline.Party{{Role: "Buyer", Name: "A"}, {Role: "End User", Name: "B"}}}
	if err := tx.Validate(); err != nil {
		t.Fatal(err)
	}
	if tx.Parties[0].Role != tripline.RoleBuyer || tx.Parties[1].Role != tripline.RoleEndUser {
		t.Errorf("roles not canonical: %+v", tx.Parties)
	}
	for _, tc := range []struct {
		name string
		tx   *tripline.Transaction
		kind tripline.Kind
		msg  string
	}{
		{"nil", nil, tripline.KindInvalid, "empty"},
		{"nothing in it", &tripline.Transaction{ID: "x"}, tripline.KindInvalid, "parties or items"},
		{"an unknown role", &tripline.Transaction{Parties: []tripline.Party{{Role: "seller"}, {Role: "customer", Name: "x"}}}, tripline.KindInvalid, `party 2: role "customer"`},
		{"a negative quantity", &tripline.Transaction{Items: []tripline.Item{{Quantity: -1}}}, tripline.KindInvalid, "item 1: quantity"},
		{"an infinite value", &tripline.Transaction{Items: []tripline.Item{{UnitValue: math.Inf(1)}}}, tripline.KindInvalid, "unit value"},
		{"a party name over the limit", &tripline.Transaction{Parties: []tripline.Party{{Role: "buyer", Name: strings.Repeat("x", tripline.MaxNameBytes+1)}}}, tripline.KindTooLarge, "party 1: name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.tx.Validate()
			if tripline.ErrorKind(err) != tc.kind || !strings.Contains(tripline.ErrorMessage(err), tc.msg) {
				t.Errorf("Validate() = %v, want kind %v saying %q", err, tc.kind, tc.msg)
			}
		})
	}
}

func TestDatasetValidate(t *testing.T) {
	e := func(id string) *tripline.Entity { return &tripline.Entity{ID: id} }
	for _, tc := range []struct {
		ds  *tripline.Dataset
		msg string
	}{
		{&tripline.Dataset{Source: "s", Entities: []*tripline.Entity{e("s:1"), e("s:2")}}, ""},
		{nil, "no source id"},
		{&tripline.Dataset{Entities: []*tripline.Entity{e("s:1")}}, "no source id"},
		{&tripline.Dataset{Source: "s", Entities: []*tripline.Entity{e("s:1"), nil}}, "entity 2 has no id"},
		{&tripline.Dataset{Source: "s", Entities: []*tripline.Entity{e("s:1"), e("")}}, "entity 2 has no id"},
		{&tripline.Dataset{Source: "s", Entities: []*tripline.Entity{e("s:1"), e("s:1")}}, "duplicate entity id s:1"},
	} {
		err := tc.ds.Validate()
		if tc.msg == "" && err != nil || tc.msg != "" && (tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(err.Error(), tc.msg)) {
			t.Errorf("Validate(%+v) = %v, want %q", tc.ds, err, tc.msg)
		}
	}
}
