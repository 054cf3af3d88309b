package uksl

import (
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// row merges one sheet row, which has a Unique ID, into its designation's
// entity. repeat is how many identical rows it stands for.
func (p *parser) row(c listutil.Columns, rec []string, repeat int64) {
	id := c.Get(rec, "Unique ID")
	kind := c.Get(rec, "Individual, Entity, Ship")
	nameType := c.Get(rec, "Name type")
	if nameType == "Primary Name" {
		p.stats.PrimaryRows[kind] += repeat
	}
	e := p.byID[id]
	if e == nil {
		e = &tripline.Entity{ID: Source + ":" + id, Source: Source, SourceID: id}
		p.byID[id] = e
		p.order = append(p.order, e)
		switch strings.ToLower(kind) {
		case "individual":
			e.Schema = tripline.SchemaPerson
		case "entity":
			e.Schema = tripline.SchemaOrganization
		case "ship":
			e.Schema = tripline.SchemaVessel
		default:
			p.warnings = append(p.warnings, "uk-sl "+id+": unknown type "+quote(kind)+", read as LegalEntity")
			e.Schema = tripline.SchemaLegalEntity
		}
	}
	nameRow(e, c, rec, nameType)

	if d := isoDate(c.Get(rec, "Date Designated")); d != "" && (e.ListedOn == "" || d < e.ListedOn) {
		e.ListedOn = d
	}
	if d := isoDate(c.Get(rec, "Last Updated")); d != "" {
		if old := e.Properties["last_updated"]; len(old) == 0 {
			e.AddProperty("last_updated", d)
		} else if d > old[0] {
			old[0] = d
		}
	}
	e.Programs = listutil.AppendUnique(e.Programs, strings.Join(strings.Fields(c.Get(rec, "Regime Name")), " "))
	listutil.AddProp(e, "designation_source", splitBar(c.Get(rec, "Designation source"))...)
	listutil.AddProp(e, "sanctions_imposed", splitBar(c.Get(rec, "Sanctions Imposed"))...)
	addRemark(e, c.Get(rec, "UK Statement of Reasons"))
	addRemark(e, c.Get(rec, "Other Information"))

	if v := c.Get(rec, "OFSI Group ID"); v != "" {
		listutil.AddProp(e, "ofsi_group_id", v)
	}
	if v := c.Get(rec, "UN Reference Number"); v != "" {
		listutil.AddProp(e, "un_reference_number", v)
		listutil.AddIdentifier(e, tripline.Identifier{Type: "un_reference", Value: v})
	}

	addressRow(e, c, rec)
	e.Phones = listutil.AppendUnique(e.Phones, splitBar(c.Get(rec, "Phone number"))...)
	e.Websites = listutil.AppendUnique(e.Websites, splitBar(c.Get(rec, "Website"))...)
	e.Emails = listutil.AppendUnique(e.Emails, splitBar(c.Get(rec, "Email address"))...)

	if v := c.Get(rec, "D.O.B"); v != "" {
		if d := dob(v); d != "" {
			e.BirthDates = listutil.AppendUnique(e.BirthDates, d)
		} else {
			listutil.AddProp(e, "birth_date_text", v)
		}
	}
	for _, n := range splitBar(c.Get(rec, "Nationality(/ies)")) {
		e.Nationalities = listutil.AppendUnique(e.Nationalities, countryOrText(n))
	}
	e.BirthPlaces = listutil.AppendUnique(e.BirthPlaces, listutil.Join(", ", c.Get(rec, "Town of birth"), c.Get(rec, "Country of birth")))
	switch g := strings.ToLower(c.Get(rec, "Gender")); g {
	case "male", "female":
		e.Gender = g
	}
	document(e, "national_id", c.Get(rec, "National Identifier number"), c.Get(rec, "National Identifier additional information"))
	document(e, "passport", c.Get(rec, "Passport number"), c.Get(rec, "Passport additional information"))
	listutil.AddProp(e, "position", splitBar(c.Get(rec, "Position"))...)

	listutil.AddProp(e, "legal_form", splitBar(c.Get(rec, "Type of entity"))...)
	for _, v := range splitBar(c.Get(rec, "Subsidiaries")) {
		addLink(e, tripline.Link{Type: "owns", TargetName: v})
	}
	for _, v := range splitBar(c.Get(rec, "Parent company")) {
		addLink(e, tripline.Link{Type: "owned_by", TargetName: v})
	}
	if v := c.Get(rec, "Business registration number (s)"); v != "" {
		listutil.AddIdentifier(e, tripline.Identifier{Type: "registration", Value: v})
	}

	// Ship details.
	if v := c.Get(rec, "IMO number"); v != "" {
		listutil.AddIdentifier(e, tripline.Identifier{Type: "imo", Value: strings.TrimPrefix(strings.Trim(v, ". "), "IMO ")})
	}
	if v := c.Get(rec, "Hull identification number (HIN)"); v != "" {
		listutil.AddIdentifier(e, tripline.Identifier{Type: "hull_id", Value: v})
	}
	for _, v := range splitBar(c.Get(rec, "Current owner/operator (s)")) {
		addLink(e, tripline.Link{Type: "owned_by", TargetName: v})
	}
	listutil.AddProp(e, "past_owners", splitBar(c.Get(rec, "Previous owner/operator (s)"))...)
	if v := c.Get(rec, "Current believed flag of ship"); v != "" {
		listutil.AddProp(e, "flag", countryOrText(v))
	}
	listutil.AddProp(e, "past_flags", splitBar(c.Get(rec, "Previous flags"))...)
	listutil.AddProp(e, "vessel_type", c.Get(rec, "Type of ship"))
	listutil.AddProp(e, "tonnage", c.Get(rec, "Tonnage of ship"))
	listutil.AddProp(e, "length", c.Get(rec, "Length of ship"))
	listutil.AddProp(e, "build_date", c.Get(rec, "Year Built"))
}

func quote(s string) string { return "\"" + s + "\"" }

func addRemark(e *tripline.Entity, s string) {
	if s != "" && !strings.Contains(e.Remarks, s) {
		e.Remarks = listutil.Join("\n", e.Remarks, s)
	}
}

func addLink(e *tripline.Entity, l tripline.Link) {
	if l.TargetName != "" && !slices.Contains(e.Links, l) {
		e.Links = append(e.Links, l)
	}
}

// splitBar splits the list's "a|b" multi-values.
func splitBar(s string) []string {
	if s == "" {
		return nil
	}
	if !strings.Contains(s, "|") {
		return []string{s}
	}
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// isoDate returns the ISO date of a date cell (the scanner turns date
// cells into YYYY-MM-DD) or of "dd/mm/yyyy" text, else "".
func isoDate(s string) string {
	if len(s) == 10 && validISODate([]byte(s)) {
		return s
	}
	return listutil.DMY(s)
}

// dob reads a date of birth: an ISO date, "dd/mm/yyyy", or the list's
// partial forms "dd/mm/1964" and "dd/08/1961" (unknown day or month).
func dob(s string) string {
	if d := isoDate(s); d != "" {
		return d
	}
	d, rest, ok1 := strings.Cut(s, "/")
	m, y, ok2 := strings.Cut(rest, "/")
	if !ok1 || !ok2 {
		return ""
	}
	if strings.EqualFold(d, "dd") {
		d = "00"
	}
	if strings.EqualFold(m, "mm") {
		m = "00"
	}
	return listutil.DMY(d + "/" + m + "/" + y)
}

// scriptTypes maps "Non-latin script type" values to ISO 15924 codes.
var scriptTypes = map[string]string{
	"cyrillic": "Cyrl", "arabic": "Arab", "persian": "Arab", "chinese": "Hani", "greek": "Grek",
	"korean": "Hang", "hebrew": "Hebr", "georgian": "Geor", "armenian": "Armn",
}

// languages maps "Non-latin script language" values to ISO 639-1 codes.
var languages = map[string]string{
	"russian": "ru", "ukrainian": "uk", "belarusian": "be", "persian": "fa", "arabic": "ar",
	"korean": "ko", "chinese": "zh", "bosnian": "bs", "serbian": "sr", "bulgarian": "bg",
}

func nameRow(e *tripline.Entity, c listutil.Columns, rec []string, nameType string) {
	given := c.Get(rec, "Name 1")
	var middle []string
	for _, col := range []string{"Name 2", "Name 3", "Name 4", "Name 5"} {
		if v := c.Get(rec, col); v != "" {
			middle = append(middle, v)
		}
	}
	family := c.Get(rec, "Name 6")
	title := c.Get(rec, "Title")
	full := listutil.Join(" ", given, strings.Join(middle, " "), family)
	n := tripline.Name{Full: full, Kind: tripline.NameAlias}
	switch strings.ToLower(nameType) {
	case "primary name":
		n.Kind = tripline.NamePrimary
	case "alias":
		n.Qualifier = "aka"
	}
	if n.Kind != tripline.NamePrimary && strings.HasPrefix(strings.ToLower(c.Get(rec, "Alias strength")), "low") {
		n.Kind = tripline.NameWeak
	}
	n.Script = listutil.Script(full)
	if e.Schema == tripline.SchemaPerson && full != "" {
		n.Parts = append(n.Parts, listutil.PersonNameParts(title, given, middle, family)...)
	}
	listutil.AddName(e, n)
	listutil.AddProp(e, "title", title)
	if nl := c.Get(rec, "Name non-latin script"); nl != "" {
		script := scriptTypes[strings.ToLower(c.Get(rec, "Non-latin script type"))]
		if s := listutil.Script(nl); s != "" {
			script = s
		}
		lang := c.Get(rec, "Non-latin script language")
		if l, ok := languages[strings.ToLower(lang)]; ok {
			lang = l
		}
		listutil.AddName(e, tripline.Name{Full: nl, Kind: tripline.NameAlias, Script: script, Lang: lang})
	}
}

// document adds an identity document; the additional information becomes
// its note, or its issuing country when it names just a country.
func document(e *tripline.Entity, typ, number, info string) {
	if number == "" {
		return
	}
	id := tripline.Identifier{Type: typ, Value: number, Note: info}
	if cc := country.Code(info); cc != "" {
		id.Country, id.Note = cc, ""
	}
	listutil.AddIdentifier(e, id)
}

// addressRow adds the row's address: six lines, a postal code and a
// country.
func addressRow(e *tripline.Entity, c listutil.Columns, rec []string) {
	listutil.AddAddressRow(e, c, rec, []string{"Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5", "Address Line 6"}, "Address Postal Code", "Address Country", countryOrText)
}
