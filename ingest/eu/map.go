package eu

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// row merges one CSV record into its entity.
func (p *parser) row(c listutil.Columns, rec []string, file string, line int) error {
	if d := listutil.DMY(c.Get(rec, "fileGenerationDate")); d > p.published {
		p.published = d
	}
	id := c.Get(rec, "Entity_LogicalId")
	if id == "" {
		p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: row without Entity_LogicalId skipped", file, line))
		return nil
	}
	pe := p.byID[id]
	if pe == nil {
		pe = &entity{e: &tripline.Entity{ID: Source + ":" + id, Source: Source, SourceID: id}}
		p.byID[id] = pe
		p.order = append(p.order, pe)
	}
	e := pe.e
	if e.Schema == "" {
		switch c.Get(rec, "Entity_SubjectType") {
		case "P":
			e.Schema = tripline.SchemaPerson
		case "E":
			e.Schema = tripline.SchemaOrganization
		default:
			p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: entity %s: unknown Entity_SubjectType %q, read as LegalEntity", file, line, id, c.Get(rec, "Entity_SubjectType")))
			e.Schema = tripline.SchemaLegalEntity
		}
	}
	if e.ListedOn == "" {
		e.ListedOn = isoDate(c.Get(rec, "Entity_DesignationDate"))
	}
	e.Programs = listutil.AppendUnique(e.Programs, c.Get(rec, "Entity_Regulation_Programme"))
	if r := unescape(c.Get(rec, "Entity_Remark")); r != "" && !strings.Contains(e.Remarks, r) {
		e.Remarks = listutil.Join("\n", e.Remarks, r)
	}
	listutil.AddProp(e, "eu_reference_number", c.Get(rec, "Entity_EU_ReferenceNumber"))
	if un := c.Get(rec, "Entity_UnitedNationId"); un != "" {
		listutil.AddProp(e, "un_reference_number", un)
		listutil.AddIdentifier(e, tripline.Identifier{Type: "un_reference", Value: un})
	}
	listutil.AddProp(e, "designation_details", unescape(c.Get(rec, "Entity_DesignationDetails")))
	listutil.AddProp(e, "regulation", c.Get(rec, "Entity_Regulation_NumberTitle"))
	listutil.AddProp(e, "regulation_url", c.Get(rec, "Entity_Regulation_PublicationUrl"))
	for _, sec := range sections {
		if d := isoDate(c.Get(rec, sec+"_Regulation_PublicationDate")); d != "" {
			pe.regDates = listutil.AppendUnique(pe.regDates, d)
		}
	}

	nameRow(pe, c, rec)
	addressRow(e, c, rec)
	birthRow(e, c, rec)
	idRow(e, c, rec)
	if cc := countryOf(c.Get(rec, "Citizenship_CountryIso2Code"), c.Get(rec, "Citizenship_CountryDescription")); cc != "" {
		e.Nationalities = listutil.AppendUnique(e.Nationalities, cc)
	}
	return nil
}

// unescape turns the file's literal "\n" sequences into line breaks.
func unescape(s string) string {
	if !strings.Contains(s, `\n`) {
		return s
	}
	return strings.TrimSpace(strings.ReplaceAll(s, `\n`, "\n"))
}

// sections are the column prefixes that carry their own regulation.
var sections = []string{"Entity", "NameAlias", "Address", "BirthDate", "Identification", "Citizenship"}

var isoRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// isoDate returns s when it is an ISO date, else "".
func isoDate(s string) string {
	if isoRe.MatchString(s) {
		return s
	}
	return ""
}

// countryOf returns an ISO alpha-2 code from a code column ("00" is
// unknown) or, failing that, a description column; else the description.
func countryOf(code, desc string) string {
	if code != "" && code != "00" && country.Valid(code) {
		return strings.ToUpper(code)
	}
	if desc == "" || strings.EqualFold(desc, "UNKNOWN") {
		return ""
	}
	if cc := country.Code(desc); cc != "" {
		return cc
	}
	return desc
}

func nameRow(pe *entity, c listutil.Columns, rec []string) {
	e := pe.e
	first, middle, last := c.Get(rec, "NameAlias_FirstName"), c.Get(rec, "NameAlias_MiddleName"), c.Get(rec, "NameAlias_LastName")
	full := c.Get(rec, "NameAlias_WholeName")
	if full == "" {
		full = listutil.Join(" ", first, middle, last)
	}
	if full == "" {
		return
	}
	title := c.Get(rec, "NameAlias_Title")
	n := tripline.Name{
		Full:   full,
		Kind:   tripline.NameAlias,
		Script: listutil.Script(full),
		Lang:   strings.ToLower(c.Get(rec, "NameAlias_NameLanguage")),
	}
	for _, pt := range []tripline.NamePart{{Type: "title", Value: title}, {Type: "given", Value: first}, {Type: "middle", Value: middle}, {Type: "family", Value: last}} {
		if pt.Value != "" {
			n.Parts = append(n.Parts, pt)
		}
	}
	remark := c.Get(rec, "NameAlias_Remark")
	lr := strings.ToLower(remark)
	switch {
	case strings.Contains(lr, "low quality"):
		n.Kind = tripline.NameWeak
	case strings.Contains(lr, "formerly known") || strings.Contains(lr, "former name") || strings.Contains(lr, "maiden name"):
		n.Qualifier = "fka"
	case strings.Contains(lr, "good quality") || strings.Contains(lr, "high quality") || strings.Contains(lr, "original script") || remark == "":
	default:
		listutil.AddProp(e, "name_remark", remark)
	}
	// The first Latin-script name without a weak or former flag is the
	// primary name; original-script spellings stay aliases.
	if !pe.firstName && n.Kind == tripline.NameAlias && n.Qualifier == "" && n.Script == "" {
		n.Kind = tripline.NamePrimary
		pe.firstName = true
	}
	listutil.AddName(e, n)
	switch c.Get(rec, "NameAlias_Gender") {
	case "M":
		setGender(e, "male")
	case "F":
		setGender(e, "female")
	}
	listutil.AddProp(e, "title", title)
	listutil.AddProp(e, "position", c.Get(rec, "NameAlias_Function"))
}

func setGender(e *tripline.Entity, g string) {
	if e.Gender == "" {
		e.Gender = g
	}
}

var contactRe = regexp.MustCompile(`(PHONE|FAX|EMAIL|WEB)\[([^\]]*)\]`)

func addressRow(e *tripline.Entity, c listutil.Columns, rec []string) {
	if c.Get(rec, "Address_LogicalId") == "" && c.Get(rec, "Address_CountryDescription") == "" && c.Get(rec, "Address_Street") == "" && c.Get(rec, "Address_City") == "" {
		return
	}
	street, pobox, place := c.Get(rec, "Address_Street"), c.Get(rec, "Address_PoBox"), c.Get(rec, "Address_Place")
	city, region, zip := c.Get(rec, "Address_City"), c.Get(rec, "Address_Region"), c.Get(rec, "Address_ZipCode")
	desc := c.Get(rec, "Address_CountryDescription")
	if strings.EqualFold(desc, "UNKNOWN") {
		desc = ""
	}
	if pobox != "" {
		pobox = "P.O. Box " + pobox
	}
	a := tripline.Address{
		Street:     listutil.Join(", ", street, pobox),
		City:       city,
		Region:     region,
		PostalCode: zip,
		Country:    countryOf(c.Get(rec, "Address_CountryIso2Code"), desc),
	}
	if street != "" || pobox != "" || place != "" || city != "" || region != "" || zip != "" {
		a.Full = listutil.Join(", ", street, pobox, place, city, region, zip, desc)
	}
	listutil.AddAddress(e, a)
	info := c.Get(rec, "Address_ContactInfo")
	for _, m := range contactRe.FindAllStringSubmatch(info, -1) {
		for _, v := range strings.Split(m[2], ";") {
			v = strings.TrimSpace(v)
			switch m[1] {
			case "PHONE", "FAX":
				e.Phones = listutil.AppendUnique(e.Phones, v)
			case "EMAIL":
				e.Emails = listutil.AppendUnique(e.Emails, v)
			case "WEB":
				e.Websites = listutil.AppendUnique(e.Websites, v)
			}
		}
	}
	if rest := strings.TrimSpace(contactRe.ReplaceAllString(strings.ReplaceAll(info, `\n`, " "), "")); rest != "" {
		listutil.AddProp(e, "address_note", rest)
	}
}

func birthRow(e *tripline.Entity, c listutil.Columns, rec []string) {
	d := c.Get(rec, "BirthDate_BirthDate")
	if len(d) < 4 || listutil.Date(d[:4], "", "") == "" {
		d = listutil.Date(c.Get(rec, "BirthDate_Year"), c.Get(rec, "BirthDate_Month"), c.Get(rec, "BirthDate_Day"))
	}
	e.BirthDates = listutil.AppendUnique(e.BirthDates, d)
	if from, to := listutil.Date(c.Get(rec, "BirthDate_YearRangeFrom"), "", ""), listutil.Date(c.Get(rec, "BirthDate_YearRangeTo"), "", ""); from != "" || to != "" {
		e.BirthDates = listutil.AppendUnique(e.BirthDates, yearRange(from, to)...)
	}
	if c.Get(rec, "BirthDate_Circa") == "YES" && d != "" {
		listutil.AddProp(e, "birth_date_circa", d)
	}
	desc := c.Get(rec, "BirthDate_CountryDescription")
	if strings.EqualFold(desc, "UNKNOWN") {
		desc = ""
	}
	place := listutil.Join(", ", c.Get(rec, "BirthDate_Place"), c.Get(rec, "BirthDate_City"), c.Get(rec, "BirthDate_Region"), desc)
	e.BirthPlaces = listutil.AppendUnique(e.BirthPlaces, place)
}

// yearRange lists the years from..to when the span is at most 15 years,
// else only its ends.
func yearRange(from, to string) []string {
	if from == "" || to == "" || to < from || len(from) != 4 || len(to) != 4 {
		return []string{from, to}
	}
	var ys []string
	var a, b int
	fmt.Sscan(from, &a)
	fmt.Sscan(to, &b)
	if b-a > 15 {
		return []string{from, to}
	}
	for y := a; y <= b; y++ {
		ys = append(ys, fmt.Sprint(y))
	}
	return ys
}

// idTypes maps FSF Identification_TypeCode values to Tripline's types.
var idTypes = map[string]string{
	"passport":       "passport",
	"id":             "national_id",
	"fiscalcode":     "tax",
	"regnumber":      "registration",
	"imo":            "imo",
	"swiftbic":       "swift_bic",
	"drivinglicence": "driving_licence",
	"ssn":            "social_security",
	"travelcardid":   "travel_document",
	"birthcert":      "birth_certificate",
	"nationcert":     "nationality_certificate",
	"tradelic":       "trade_licence",
	"electionid":     "voter_id",
	"residentperm":   "residence_permit",
	"other":          "other",
}

// idFlags are the yes/no columns that qualify an identity document.
var idFlags = []struct{ col, note string }{
	{"Identification_Diplomatic", "Diplomatic"},
	{"Identification_KnownExpired", "KnownExpired"},
	{"Identification_KnownFalse", "KnownFalse"},
	{"Identification_ReportedLost", "ReportedLost"},
	{"Identification_RevokedByIssuer", "RevokedByIssuer"},
}

func idRow(e *tripline.Entity, c listutil.Columns, rec []string) {
	num, latin := c.Get(rec, "Identification_Number"), c.Get(rec, "Identification_LatinNumber")
	if num == "" {
		num, latin = latin, ""
	}
	if num == "" {
		return
	}
	code := c.Get(rec, "Identification_TypeCode")
	typ, ok := idTypes[strings.ToLower(code)]
	if !ok {
		typ = "other"
	}
	var notes []string
	for _, f := range idFlags {
		if c.Get(rec, f.col) == "YES" {
			notes = append(notes, f.note)
		}
	}
	if typ == "other" || !ok {
		notes = append(notes, c.Get(rec, "Identification_TypeDescription"))
	}
	if v := c.Get(rec, "Identification_IssuedBy"); v != "" {
		notes = append(notes, "issued by "+v)
	}
	if v := c.Get(rec, "Identification_Region"); v != "" {
		notes = append(notes, "issued in "+v)
	}
	if v := c.Get(rec, "Identification_IssuedDate"); v != "" {
		notes = append(notes, "issued "+v)
	}
	if v := c.Get(rec, "Identification_ValidFrom"); v != "" {
		notes = append(notes, "valid from "+v)
	}
	if v := c.Get(rec, "Identification_ValidTo"); v != "" {
		notes = append(notes, "valid to "+v)
	}
	if v := c.Get(rec, "Identification_NameOnDocument"); v != "" {
		notes = append(notes, "name on document: "+v)
	}
	notes = append(notes, c.Get(rec, "Identification_Remark"))
	id := tripline.Identifier{
		Type:    typ,
		Value:   num,
		Country: countryCode(c.Get(rec, "Identification_CountryIso2Code"), c.Get(rec, "Identification_CountryDescription")),
		Note:    listutil.Join("; ", notes...),
	}
	listutil.AddIdentifier(e, id)
	if latin != "" && latin != num {
		id.Value = latin
		listutil.AddIdentifier(e, id)
	}
}

// countryCode is countryOf limited to resolved codes.
func countryCode(code, desc string) string {
	cc := countryOf(code, desc)
	if len(cc) != 2 {
		return ""
	}
	return cc
}

// finish fills what needs all of an entity's rows.
func finish(pe *entity) {
	e := pe.e
	if e.ListedOn == "" && len(pe.regDates) > 0 {
		e.ListedOn = slices.Min(pe.regDates)
	}
	if !pe.firstName && len(e.Names) > 0 {
		// No Latin-script strong name: the first name is primary.
		i := slices.IndexFunc(e.Names, func(n tripline.Name) bool { return n.Kind == tripline.NameAlias && n.Qualifier == "" })
		if i < 0 {
			i = 0
		}
		e.Names[i].Kind = tripline.NamePrimary
		pe.firstName = true
	}
}
