package tripline

import (
	"math"
	"strings"
	"testing"
)

func TestNetworkValidate(t *testing.T) {
	long := strings.Repeat("x", MaxRecordIDBytes+1)
	cases := []struct {
		name string
		recs NetworkRecords
		kind Kind // KindOther: valid
		msg  string
	}{
		{"valid", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: "A", Owners: []Shareholder{{Name: "B", Share: 1}}}},
			People: []NetworkPerson{{ID: "p1"}}, Shipments: []NetworkShipment{{Consignee: "X"}, {Shipper: "Y"}}}, KindOther, ""},
		{"company without id", NetworkRecords{Companies: []NetworkCompany{{Name: "A"}}}, KindInvalid, `company 1 (id ""): missing "id"`},
		{"company without name", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: " "}}}, KindInvalid, `missing "name"`},
		{"share over 1", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: "A", Owners: []Shareholder{{Name: "B", Share: 1.5}}}}}, KindInvalid, "outside 0..1"},
		{"share NaN", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: "A", Owners: []Shareholder{{Name: "B", Share: math.NaN()}}}}}, KindInvalid, "outside 0..1"},
		{"long id", NetworkRecords{People: []NetworkPerson{{ID: long}}}, KindTooLarge, "the limit is 256"},
		{"long owner id", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: "A", Owners: []Shareholder{{Name: "B", ID: long}}}}}, KindTooLarge, `owner "B": id is`},
		{"long name", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: strings.Repeat("n", MaxNameBytes+1)}}}, KindTooLarge, "name is"},
		{"bad text id", NetworkRecords{People: []NetworkPerson{{ID: "p\xff"}}}, KindInvalid, "not valid text"},
		{"blank id", NetworkRecords{People: []NetworkPerson{{ID: "  "}}}, KindInvalid, "blank"},
		{"shipment without parties", NetworkRecords{Shipments: []NetworkShipment{{ID: "s1", Shipper: " "}}}, KindInvalid, "neither"},
		{"duplicate company", NetworkRecords{Companies: []NetworkCompany{{ID: "c1", Name: "A"}, {ID: "c1", Name: "B"}}}, KindInvalid, `company 2: id "c1" given twice (also company 1)`},
		{"same id, other kinds", NetworkRecords{Companies: []NetworkCompany{{ID: "x", Name: "A"}}, People: []NetworkPerson{{ID: "x"}}, Shipments: []NetworkShipment{{ID: "x", Shipper: "A"}}}, KindOther, ""},
		{"duplicate shipment", NetworkRecords{Shipments: []NetworkShipment{{ID: "s", Shipper: "A"}, {ID: "s", Shipper: "B"}}}, KindInvalid, "given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.recs.Validate()
			if ErrorKind(err) != c.kind || !strings.Contains(ErrorMessage(err), c.msg) {
				t.Errorf("Validate = %v (kind %v); want kind %v with %q", err, ErrorKind(err), c.kind, c.msg)
			}
		})
	}
}
