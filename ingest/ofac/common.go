package ofac

import (
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
)

// countryCache memoises country.Code, which normalises its input and is
// called tens of thousands of times per SDN file. A reader owns one; it is
// not safe for concurrent use.
type countryCache map[string]string

// code returns the ISO alpha-2 code of a country name, or "".
func (c countryCache) code(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if v, ok := c[name]; ok {
		return v
	}
	v := country.Code(name)
	if v == "" {
		v = extraCountries[strings.ToLower(name)]
	}
	c[name] = v
	return v
}

// extraCountries are OFAC spellings that internal/country does not know.
// Region names that are not countries (e.g. "Region: Gaza") stay
// unresolved on purpose.
var extraCountries = map[string]string{
	"palestinian":                       "PS",
	"west bank":                         "PS",
	"gaza":                              "PS",
	"gaza strip":                        "PS",
	"burma":                             "MM",
	"korea, north":                      "KP",
	"korea, south":                      "KR",
	"north korea":                       "KP",
	"south korea":                       "KR",
	"kosovo":                            "XK",
	"russia":                            "RU",
	"iran":                              "IR",
	"syria":                             "SY",
	"bosnia-herzegovina":                "BA",
	"macedonia":                         "MK",
	"the gambia":                        "GM",
	"bahamas, the":                      "BS",
	"gambia, the":                       "GM",
	"congo, democratic republic of the": "CD",
	"congo, republic of the":            "CG",
	"cote d ivoire":                     "CI",
	"curacao":                           "CW",
	"turkey":                            "TR",
	"vietnam":                           "VN",
	"laos":                              "LA",
	"moldova":                           "MD",
	"tanzania":                          "TZ",
	"venezuela":                         "VE",
	"bolivia":                           "BO",
	"taiwan":                            "TW",
	"micronesia, federated states of":   "FM",
	"st. kitts and nevis":               "KN",
	"st. vincent and the grenadines":    "VC",
	"st. lucia":                         "LC",
	"netherlands antilles":              "AN",
	"serbia and montenegro":             "CS",
	"yugoslavia":                        "YU",
	"soviet union":                      "SU",
	"ussr":                              "SU",
	"czechoslovakia":                    "CS",
	"united states":                     "US",
	"united kingdom":                    "GB",
	"hong kong":                         "HK",
	"macau":                             "MO",
	"region: gaza":                      "PS",
	"region: west bank":                 "PS",
	"north macedonia, the republic of":  "MK",
	"man, isle of":                      "IM",
}

// countryOrText returns the ISO code of name, or name itself when it cannot
// be resolved (the model keeps the source's text then).
func (c countryCache) countryOrText(name string) string {
	if v := c.code(name); v != "" {
		return v
	}
	return strings.TrimSpace(name)
}

// appendUnique appends v to s unless it is empty or already there.
func appendUnique(s []string, v string) []string {
	if v == "" {
		return s
	}
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// schemaOf maps an OFAC SDN_Type / entityType to a schema. OFAC writes
// "-0-" (null) for entities in the CSV, so "" is an organisation.
func schemaOf(sdnType string) (tripline.Schema, bool) {
	switch strings.ToLower(strings.TrimSpace(sdnType)) {
	case "", "entity":
		return tripline.SchemaOrganization, true
	case "individual":
		return tripline.SchemaPerson, true
	case "vessel":
		return tripline.SchemaVessel, true
	case "aircraft":
		return tripline.SchemaAirplane, true
	}
	return "", false
}

// splitPrograms splits OFAC's packed programme list "SDGT] [IFSR" (the
// outer brackets are left off in the CSV) into its tags.
func splitPrograms(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "] [") {
		p = strings.Trim(p, "[] ")
		out = appendUnique(out, p)
	}
	return out
}

// personParts splits an OFAC individual name "LAST, First Middle" into
// family and given parts. It returns nil when there is no comma.
func personParts(full string) []tripline.NamePart {
	i := strings.IndexByte(full, ',')
	if i < 0 {
		return nil
	}
	family := strings.TrimSpace(full[:i])
	given := strings.TrimSpace(full[i+1:])
	var parts []tripline.NamePart
	if family != "" {
		parts = append(parts, tripline.NamePart{Type: "family", Value: family})
	}
	if given != "" {
		parts = append(parts, tripline.NamePart{Type: "given", Value: given})
	}
	return parts
}

var months = map[string]string{
	"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06",
	"jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12",
}

// isoDate converts one OFAC date — "10 Dec 1948", "Dec 1948", "1948", or
// an ISO "1948-12-10" — to an ISO date prefix. ok is false for anything
// else.
func isoDate(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	f := strings.Fields(s)
	switch len(f) {
	case 1:
		if isYear(f[0]) {
			return f[0], true
		}
		if len(s) == 10 && s[4] == '-' && s[7] == '-' && isYear(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]) {
			return s, true
		}
	case 2:
		if m, ok := months[strings.ToLower(f[0])]; ok && isYear(f[1]) {
			return f[1] + "-" + m, true
		}
	case 3:
		m, ok := months[strings.ToLower(f[1])]
		if !ok || !isYear(f[2]) || !allDigits(f[0]) || len(f[0]) > 2 {
			return "", false
		}
		d, _ := strconv.Atoi(f[0])
		if d < 1 || d > 31 {
			return "", false
		}
		return f[2] + "-" + m + "-" + twoDigits(d), true
	}
	return "", false
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func isYear(s string) bool { return len(s) == 4 && allDigits(s) }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// maxRangeYears caps how many years a birth-date range is expanded into.
const maxRangeYears = 12

// birthDates parses the value of an OFAC DOB: one date, "circa" a date,
// a range "1960 to 1962" / "01 Jan 1960 to 31 Dec 1962" / "circa
// 1979-1982". A range of whole years is expanded into its years (up to
// maxRangeYears); any other range gives its two ends. It returns nil when
// nothing can be parsed.
func birthDates(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "circa"))
	s = strings.TrimSuffix(s, ".")
	var from, to string
	if i := strings.Index(s, " to "); i >= 0 {
		from, to = s[:i], s[i+4:]
	} else if len(s) == 9 && s[4] == '-' && isYear(s[:4]) && isYear(s[5:]) {
		from, to = s[:4], s[5:]
	} else if d, ok := isoDate(s); ok {
		return []string{d}
	} else {
		return nil
	}
	a, okA := isoDate(from)
	b, okB := isoDate(to)
	if !okA || !okB {
		return nil
	}
	// A whole-year range: "1960 to 1962" or "01 Jan 1960 to 31 Dec 1962".
	ya, yb := a[:4], b[:4]
	whole := (len(a) == 4 || a[4:] == "-01-01" || a[4:] == "-01") && (len(b) == 4 || b[4:] == "-12-31" || b[4:] == "-12")
	if whole {
		y1, _ := strconv.Atoi(ya)
		y2, _ := strconv.Atoi(yb)
		if y1 <= y2 && y2-y1 < maxRangeYears {
			out := make([]string, 0, y2-y1+1)
			for y := y1; y <= y2; y++ {
				out = append(out, strconv.Itoa(y))
			}
			return out
		}
	}
	return []string{a, b}
}

// idLabel is one OFAC identifier label and the identifier type it maps to.
type idLabel struct {
	label string
	typ   string
}

// idLabels lists the identifier labels OFAC uses in Remarks and as
// Enhanced XML identity-document types. Longer labels sort before their
// prefixes (e.g. "Registration Number" after "Business Registration
// Number" does not matter, but "Identification Number IMO" must come
// before "Identification Number"), so matching takes the first hit.
var idLabels = []idLabel{
	{"Vessel Registration Identification IMO", "imo"},
	{"Vessel Registration Identification", "imo"},
	{"Identification Number IMO", "imo"},
	{"Company Number IMO", "imo"},
	{"IMO", "imo"},
	{"MMSI", "mmsi"},
	{"Aircraft Manufacturer's Serial Number (MSN)", "aircraft_serial"},
	{"Aircraft Construction Number (also called L/N or S/N or F/N)", "aircraft_serial"},
	{"Aircraft Serial Identification", "aircraft_serial"},
	{"Aircraft Tail Number", "aircraft_tail"},
	{"SWIFT/BIC", "swift_bic"},
	{"Legal Entity Number", "lei"},
	{"LE Number", "lei"},
	{"ISIN", "isin"},
	{"BIK (RU)", "bik"},
	{"D-U-N-S Number", "duns"},
	{"Global Intermediary Identification Number", "giin"},
	{"British National Overseas Passport", "passport"},
	{"Stateless Person Passport", "passport"},
	{"Diplomatic Passport", "passport"},
	{"Passport Booklet:", "passport"},
	{"Passport", "passport"},
	{"Travel Document Number", "passport"},
	{"Seafarer's Identification Document", "passport"},
	{"National Foreign ID Number", "national_id"},
	{"National ID No.", "national_id"},
	{"Tazkira National ID Card", "national_id"},
	{"Personal ID Card", "national_id"},
	{"Stateless Person ID Card", "national_id"},
	{"Refugee ID Card", "national_id"},
	{"Kenyan ID No.", "national_id"},
	{"Bosnian Personal ID No.", "national_id"},
	{"Moroccan Personal ID No.", "national_id"},
	{"Turkish Identification Number", "national_id"},
	{"UAE Identification", "national_id"},
	{"Citizen's Card Number", "national_id"},
	{"CNP (Personal Numerical Code)", "national_id"},
	{"Numero de Identidad", "national_id"},
	{"Cedula No.", "national_id"},
	{"D.N.I.", "national_id"},
	{"C.U.R.P.", "national_id"},
	{"C.U.I.P.", "national_id"},
	{"C.U.I.", "national_id"},
	{"I.F.E.", "national_id"},
	{"Credencial electoral", "national_id"},
	{"Electoral Registry No.", "national_id"},
	{"Identification Number", "national_id"},
	{"Birth Certificate Number", "other"},
	{"SSN", "national_id"},
	{"Residency Number", "residency"},
	{"Romanian Permanent Resident", "residency"},
	{"Immigration No.", "residency"},
	{"Public Security and Immigration No.", "residency"},
	{"Driver's License No.", "driver_license"},
	{"Pilot License Number", "other"},
	{"Cartilla de Servicio Militar Nacional", "other"},
	{"Military Registration Number", "other"},
	{"VisaNumberID", "other"},
	{"SRE Permit No.", "other"},
	{"Paraguayan tax identification number", "tax"},
	{"Numero Unico de Identificacao Tributaria (NUIT)", "tax"},
	{"Romanian Tax Registration", "tax"},
	{"Italian Fiscal Code", "tax"},
	{"Fiscal Code", "tax"},
	{"Tax ID No.", "tax"},
	{"V.A.T. Number", "tax"},
	{"US FEIN", "tax"},
	{"R.F.C.", "tax"},
	{"RFC", "tax"},
	{"NIT #", "tax"},
	{"RUC #", "tax"},
	{"RIF #", "tax"},
	{"RTN", "tax"},
	{"N.I.F.", "tax"},
	{"N.I.E.", "national_id"},
	{"C.I.F.", "tax"},
	{"C.U.I.T.", "tax"},
	{"RSIN", "tax"},
	{"Unified Social Credit Code (USCC)", "registration"},
	{"United Social Credit Code Certificate (USCCC)", "registration"},
	{"Russian State Individual Business Registration Number Pattern (OGRNIP)", "registration"},
	{"Business Registration Document #", "registration"},
	{"Business Registration Number", "registration"},
	{"Registration Certificate Number (Dubai)", "registration"},
	{"Public Registration Number", "registration"},
	{"MSB Registration Number", "registration"},
	{"Registration Number", "registration"},
	{"Registration ID", "registration"},
	{"Registered Charity No.", "registration"},
	{"Romanian C.R.", "registration"},
	{"C.R. No.", "registration"},
	{"UK Company Number", "registration"},
	{"Company Number", "registration"},
	{"Commercial Registry Number", "registration"},
	{"Certificate of Incorporation Number", "registration"},
	{"Chamber of Commerce Number", "registration"},
	{"Istanbul Chamber of Comm. No.", "registration"},
	{"Dubai Chamber of Commerce Membership No.", "registration"},
	{"Economic Register Number (CBLS)", "registration"},
	{"Central Registration System Number", "registration"},
	{"Government Gazette Number", "registration"},
	{"Folio Mercantil No.", "registration"},
	{"Matricula Mercantil No", "registration"},
	{"Trade License No.", "registration"},
	{"Tourism License No.", "registration"},
	{"Afghan Money Service Provider License Number", "registration"},
	{"Enterprise Number", "registration"},
	{"Business Number", "registration"},
	{"Branch Unit Number", "registration"},
	{"Organization Code", "registration"},
	{"Chinese Commercial Code", "other"},
	{"C.I.N.", "registration"},
	{"License", "registration"},
	{"Permit Number", "registration"},
	{"File Number", "other"},
	{"Trademark number", "other"},
	{"Serial No.", "other"},
}

// idLabelsByFirst indexes idLabels by their first byte, keeping their
// order.
var idLabelsByFirst = func() map[byte][]idLabel {
	m := map[byte][]idLabel{}
	for _, l := range idLabels {
		m[l.label[0]] = append(m[l.label[0]], l)
	}
	return m
}()

// identifierType returns the identifier type for an OFAC label, matched
// exactly (case-insensitively), or "" when the label is not an identifier.
func identifierType(label string) string {
	label = strings.TrimSpace(label)
	for _, l := range idLabels {
		if strings.EqualFold(l.label, label) {
			return l.typ
		}
	}
	return ""
}

// matchIDLabel finds an identifier label at the start of a Remarks item
// and returns it with the rest of the item.
func matchIDLabel(item string) (l idLabel, rest string, ok bool) {
	if item == "" {
		return idLabel{}, "", false
	}
	for _, l := range idLabelsByFirst[item[0]] {
		if len(item) > len(l.label) && strings.HasPrefix(item, l.label) && item[len(l.label)] == ' ' {
			return l, strings.TrimSpace(item[len(l.label)+1:]), true
		}
	}
	return idLabel{}, "", false
}

// identifierValue splits the text after an identifier label — "A123 (Iran)
// issued 14 May 1997 expires 13 May 2007" — into the number, the issuing
// country and a note with the remaining qualifiers.
func (c countryCache) identifierValue(typ, s string) tripline.Identifier {
	id := tripline.Identifier{Type: typ}
	var notes []string
	for _, kw := range []string{" issued ", " expires "} {
		if i := strings.Index(s, kw); i >= 0 {
			notes = append(notes, strings.TrimSpace(s[i+1:]))
			s = s[:i]
			break
		}
	}
	s = strings.TrimSpace(s)
	for strings.HasSuffix(s, ")") {
		i := strings.LastIndex(s, " (")
		if i < 0 {
			break
		}
		inner := s[i+2 : len(s)-1]
		if code := c.code(inner); code != "" && id.Country == "" {
			id.Country = code
		} else {
			notes = append([]string{inner}, notes...)
		}
		s = strings.TrimSpace(s[:i])
	}
	if typ == "imo" {
		s = strings.TrimSpace(strings.TrimPrefix(s, "IMO"))
	}
	id.Value = s
	id.Note = strings.Join(notes, "; ")
	return id
}

// propKeys maps OFAC fact labels (Remarks prefixes and Enhanced XML feature
// types, without a trailing ":" or " -") to Entity.Properties keys.
var propKeys = map[string]string{
	"secondary sanctions risk":           "secondary_sanctions_risk",
	"additional sanctions information":   "additional_sanctions_information",
	"organization established date":      "organization_established_date",
	"organization type":                  "organization_type",
	"target type":                        "target_type",
	"listing date":                       "listing_date",
	"effective date":                     "effective_date",
	"purchase/sales for divestment date": "divestment_date",
	"aircraft model":                     "aircraft_model",
	"aircraft operator":                  "aircraft_operator",
	"aircraft manufacture date":          "aircraft_manufacture_date",
	"vessel year of build":               "vessel_year_of_build",
	"former vessel flag":                 "former_vessel_flag",
	"nationality of registration":        "nationality_of_registration",
	"equity ticker":                      "equity_ticker",
	"issuer name":                        "issuer_name",
	"caatsa section 235 information":     "caatsa_section_235",
	"ifca determination":                 "ifca_determination",
	"peesa information":                  "peesa_information",
	"vessel type":                        "vessel_type",
	"other vessel type":                  "vessel_type",
	"vessel tonnage":                     "tonnage",
	"vessel gross registered tonnage":    "gross_registered_tonnage",
	"vessel flag":                        "flag",
	"vessel owner":                       "owner",
	"title":                              "title",
	"position":                           "position",
	"fax":                                "fax",
	"fax no.":                            "fax",
	"transactions prohibited for persons owned or controlled by u.s. financial institutions": "transactions_prohibited",
}

// propKey returns the Properties key for a fact label: the table entry, or
// the label in snake case with any "(qualifier)" dropped.
func propKey(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.TrimRight(l, ":- ")
	if k, ok := propKeys[l]; ok {
		return k
	}
	if i := strings.Index(l, " ("); i > 0 {
		if k, ok := propKeys[l[:i]]; ok {
			return k
		}
	}
	if strings.HasPrefix(l, "executive order") {
		return "executive_order_information"
	}
	var b strings.Builder
	us := false
	for _, r := range l {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if us && b.Len() > 0 {
				b.WriteByte('_')
			}
			us = false
			b.WriteRune(r)
		} else {
			us = true
		}
	}
	if b.Len() == 0 {
		return "notes"
	}
	return b.String()
}
