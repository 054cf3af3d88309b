package ftm

import (
	"regexp"

	"github.com/tripline/tripline"
)

// thingSchemata maps the FtM schemata that become entities to Tripline
// schemata. PublicBody is an Organization in FtM's hierarchy.
var thingSchemata = map[string]tripline.Schema{
	"Person":       tripline.SchemaPerson,
	"Company":      tripline.SchemaCompany,
	"Organization": tripline.SchemaOrganization,
	"PublicBody":   tripline.SchemaOrganization,
	"LegalEntity":  tripline.SchemaLegalEntity,
	"Vessel":       tripline.SchemaVessel,
	"Airplane":     tripline.SchemaAirplane,
}

// relation describes an FtM relationship schema: the two entity
// properties it joins and the Tripline link type seen from each end.
// Links land on the Def end unless the relationship's role names the link
// type of the other end (that is how Write keeps the side a link was on).
type relation struct {
	Schema   string
	From, To string // FtM properties holding the two ends
	FromType string // link type on the From entity, pointing at To
	ToType   string // link type on the To entity, pointing at From
	DefTo    bool   // by default the link lands on the To end
}

// relations are the relationship schemata read into links. Ownership lands
// on the asset ("owned_by", as sanctions lists say "owned or controlled
// by") and Succession on the successor; the others on their first end.
var relations = []relation{
	{Schema: "Ownership", From: "owner", To: "asset", FromType: "owns", ToType: "owned_by", DefTo: true},
	{Schema: "Directorship", From: "director", To: "organization", FromType: "director_of", ToType: "directed_by"},
	{Schema: "Family", From: "person", To: "relative", FromType: "family", ToType: "family"},
	{Schema: "Associate", From: "person", To: "associate", FromType: "associate", ToType: "associate"},
	{Schema: "UnknownLink", From: "subject", To: "object", FromType: "linked_to", ToType: "linked_to"},
	{Schema: "Succession", From: "predecessor", To: "successor", FromType: "predecessor_of", ToType: "successor_of", DefTo: true},
	{Schema: "Membership", From: "member", To: "organization", FromType: "member_of", ToType: "has_member"},
	{Schema: "Employment", From: "employee", To: "employer", FromType: "employee_of", ToType: "employer_of"},
	{Schema: "Representation", From: "agent", To: "client", FromType: "acting_for", ToType: "represented_by"},
}

func relationBySchema(s string) *relation {
	for i := range relations {
		if relations[i].Schema == s {
			return &relations[i]
		}
	}
	return nil
}

// relationForLink returns the relation that carries link type t and
// whether the entity holding the link is its From end. Unknown types are
// carried by UnknownLink with the type as its role.
func relationForLink(t string) (rel *relation, fromSide bool) {
	for i := range relations {
		r := &relations[i]
		if r.FromType == t {
			return r, true
		}
		if r.ToType == t {
			return r, false
		}
	}
	return relationBySchema("UnknownLink"), true
}

// tokenRe matches Tripline's own type tokens ("owned_by", "national_id"),
// as opposed to the free text ("Shareholder", "National ID") of FtM data.
var tokenRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// identifierProps maps FtM identifier properties to identifier types.
// Airplane's registrationNumber is its tail number and is handled apart.
var identifierProps = []struct{ Prop, Type string }{
	{"passportNumber", "passport"},
	{"idNumber", "national_id"},
	{"taxNumber", "tax"},
	{"registrationNumber", "registration"},
	{"innCode", "inn"},
	{"ogrnCode", "ogrn"},
	{"okpoCode", "okpo"},
	{"vatCode", "vat"},
	{"leiCode", "lei"},
	{"swiftBic", "swift_bic"},
	{"bikCode", "bik"},
	{"dunsCode", "duns"},
	{"imoNumber", "imo"},
	{"mmsi", "mmsi"},
	{"callSign", "call_sign"},
	{"serialNumber", "aircraft_serial"},
	{"cryptoWallet", "crypto_wallet"},
}

// identificationTypes maps the free-text type of FtM Identification
// entities to identifier types.
var identificationTypes = map[string]string{
	"passport": "passport", "national id": "national_id", "national identification number": "national_id",
	"id card": "national_id", "tax id": "tax", "tax number": "tax", "inn": "inn", "ogrn": "ogrn",
	"registration number": "registration", "imo": "imo", "lei": "lei", "swift": "swift_bic", "swift/bic": "swift_bic",
}

// partProps maps FtM name-part properties to NamePart types. fatherName
// is read as the patronymic; Tripline's matronymic is written as
// "matronymic" (FtM's motherName is the mother's own name and is kept as a
// property).
var partProps = []struct{ Prop, Type string }{
	{"firstName", "given"},
	{"middleName", "middle"},
	{"secondName", "other"},
	{"fatherName", "patronymic"},
	{"matronymic", "matronymic"},
	{"lastName", "family"},
	{"nameSuffix", "suffix"},
}

// escapedProp prefixes a Tripline property written to FtM whose key FtM
// uses for a mapped field ("notes", "country" ...), so that reading it back
// restores the property instead of the field.
const escapedProp = "tripline:property:"

// mapped are the FtM properties the reader turns into entity fields; any
// other property is kept in Properties under its FtM name.
var mapped = func() map[string]bool {
	m := map[string]bool{
		"name": true, "alias": true, "previousName": true, "weakAlias": true,
		"birthDate": true, "birthPlace": true, "nationality": true, "citizenship": true, "country": true,
		"gender": true, "address": true, "addressEntity": true, "email": true, "phone": true, "website": true,
		"notes": true, "program": true, keyLink: true, keyIdentifier: true, keyID: true, keyName: true,
	}
	for _, p := range identifierProps {
		m[p.Prop] = true
	}
	for _, p := range partProps {
		m[p.Prop] = true
	}
	return m
}()
