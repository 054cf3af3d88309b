package ukofsi

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// row merges one CSV record into its group's entity.
func (p *parser) row(c listutil.Columns, rec []string, file string, line int) error {
	id := c.Get(rec, "Group ID")
	if id == "" {
		p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: row without Group ID skipped", file, line))
		return nil
	}
	e := p.byID[id]
	if e == nil {
		e = &tripline.Entity{ID: Source + ":" + id, Source: Source, SourceID: id}
		p.byID[id] = e
		p.order = append(p.order, e)
		switch gt := c.Get(rec, "Group Type"); gt {
		case "Individual":
			e.Schema = tripline.SchemaPerson
		case "Entity":
			e.Schema = tripline.SchemaOrganization
		case "Ship":
			e.Schema = tripline.SchemaVessel
		default:
			p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: group %s: unknown Group Type %q, read as LegalEntity", file, line, id, gt))
			e.Schema = tripline.SchemaLegalEntity
		}
	}
	nameRow(e, c, rec)
	e.BirthDates = listutil.AppendUnique(e.BirthDates, listutil.DMY(c.Get(rec, "DOB")))
	e.BirthPlaces = listutil.AppendUnique(e.BirthPlaces, listutil.Join(", ", c.Get(rec, "Town of Birth"), c.Get(rec, "Country of Birth")))
	for _, n := range splitNumbered(c.Get(rec, "Nationality")) {
		e.Nationalities = listutil.AppendUnique(e.Nationalities, countryOrText(n))
	}
	documents(e, "passport", c.Get(rec, "Passport Number"), c.Get(rec, "Passport Details"))
	documents(e, "national_id", c.Get(rec, "National Identification Number"), c.Get(rec, "National Identification Details"))
	listutil.AddProp(e, "position", c.Get(rec, "Position"))
	addressRow(e, c, rec)
	if info := c.Get(rec, "Other Information"); info != "" && !strings.Contains(e.Remarks, info) {
		e.Remarks = listutil.Join("\n", e.Remarks, info)
		otherInfo(e, info)
	}
	e.Programs = listutil.AppendUnique(e.Programs, strings.Join(strings.Fields(c.Get(rec, "Regime")), " "))
	if d := listutil.DMY(c.Get(rec, "Listed On")); d != "" && (e.ListedOn == "" || d < e.ListedOn) {
		e.ListedOn = d
	}
	listutil.AddProp(e, "uk_designated_on", listutil.DMY(c.Get(rec, "UK Sanctions List Date Designated")))
	return nil
}

// scriptTypes maps the "Non-Latin Script Type" values (typos included) to
// ISO 15924 codes.
var scriptTypes = map[string]string{
	"cyrillic": "Cyrl", "cryillic": "Cyrl", "cyrilic": "Cyrl", "russian": "Cyrl",
	"arabic": "Arab", "persian": "Arab", "chinese": "Hani", "greek": "Grek",
	"korean": "Hang", "hebrew": "Hebr", "georgian": "Geor", "armenian": "Armn",
}

func nameRow(e *tripline.Entity, c listutil.Columns, rec []string) {
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
	switch strings.ToLower(c.Get(rec, "Alias Type")) {
	case "primary name":
		n.Kind = tripline.NamePrimary
	case "aka":
		n.Qualifier = "aka"
	case "fka":
		n.Qualifier = "fka"
	}
	if n.Kind != tripline.NamePrimary && strings.EqualFold(c.Get(rec, "Alias Quality"), "Low quality") {
		n.Kind = tripline.NameWeak
	}
	n.Script = listutil.Script(full)
	if e.Schema == tripline.SchemaPerson {
		n.Parts = append(n.Parts, listutil.PersonNameParts(title, given, middle, family)...)
	}
	listutil.AddName(e, n)
	listutil.AddProp(e, "title", title)
	if nl := c.Get(rec, "Name Non-Latin Script"); nl != "" {
		script := scriptTypes[strings.ToLower(c.Get(rec, "Non-Latin Script Type"))]
		if s := listutil.Script(nl); s != "" {
			script = s
		}
		listutil.AddName(e, tripline.Name{Full: nl, Kind: tripline.NameAlias, Script: script, Lang: c.Get(rec, "Non-Latin Script Language")})
	}
}

var numberedRe = regexp.MustCompile(`\(\d{1,2}\)`)

// splitNumbered splits "(1) a (2) b" into its items; text without numbers
// is one item. Trailing dots and commas are trimmed.
func splitNumbered(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, part := range numberedRe.Split(s, -1) {
		part = strings.Trim(strings.TrimSpace(part), ".,;")
		part = strings.TrimSpace(part)
		if part != "" && part != "-" {
			out = append(out, part)
		}
	}
	return out
}

// variants are country spellings of the ConList that the country table
// does not know.
var variants = map[string]string{
	"congo (democratic republic)":      "CD",
	"occupied palestinian territories": "PS",
	"palestinian territories":          "PS",
	"bosnia-herzegovina":               "BA",
	"britain":                          "GB",
	"repubic of moldova":               "MD",
	"belrus":                           "BY",
	"russian":                          "RU",
	"german":                           "DE",
}

// countryOrText returns the ISO code of a country name, else the name.
func countryOrText(s string) string {
	if cc := country.Code(s); cc != "" {
		return cc
	}
	if cc := variants[strings.ToLower(s)]; cc != "" {
		return cc
	}
	return s
}

// documents adds identity documents from a number column and a details
// column, pairing numbered items when both have the same count.
func documents(e *tripline.Entity, typ, numbers, details string) {
	nums := splitNumbered(numbers)
	if len(nums) == 0 {
		return
	}
	dets := splitNumbered(details)
	for i, n := range nums {
		id := tripline.Identifier{Type: typ, Value: n}
		switch {
		case len(dets) == len(nums):
			id.Note = dets[i]
		case details != "":
			id.Note = details
		}
		listutil.AddIdentifier(e, id)
	}
}

func addressRow(e *tripline.Entity, c listutil.Columns, rec []string) {
	listutil.AddAddressRow(e, c, rec, []string{"Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6"}, "Post/Zip Code", "Country", countryOrText)
}

var tagRe = regexp.MustCompile(`\(([A-Z][A-Za-z /]{1,80})\):`)

// otherInfo picks the tagged facts "(Tag):value" out of Other Information.
func otherInfo(e *tripline.Entity, info string) {
	idx := tagRe.FindAllStringSubmatchIndex(info, -1)
	for i, m := range idx {
		tag := info[m[2]:m[3]]
		end := len(info)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		val := strings.TrimSpace(info[m[1]:end])
		if val == "" {
			continue
		}
		switch tag {
		case "UK Sanctions List Ref":
			ref, _, _ := strings.Cut(val, ".")
			listutil.AddProp(e, "uk_sanctions_list_ref", strings.TrimSpace(ref))
		case "UN Ref":
			ref := strings.TrimSpace(strings.TrimSuffix(strings.Fields(val + " ")[0], "."))
			if ref != "" {
				listutil.AddProp(e, "un_reference_number", ref)
				listutil.AddIdentifier(e, tripline.Identifier{Type: "un_reference", Value: ref})
			}
		case "Gender":
			if e.Gender == "" {
				switch strings.ToLower(strings.Trim(val, ". ")) {
				case "male":
					e.Gender = "male"
				case "female":
					e.Gender = "female"
				}
			}
		case "Phone number", "Tel", "Fax":
			e.Phones = listutil.AppendUnique(e.Phones, splitNumbered(val)...)
		case "Email address":
			e.Emails = listutil.AppendUnique(e.Emails, splitNumbered(val)...)
		case "Website":
			e.Websites = listutil.AppendUnique(e.Websites, splitNumbered(val)...)
		case "Business Reg No":
			for _, v := range splitNumbered(val) {
				listutil.AddIdentifier(e, tripline.Identifier{Type: "registration", Value: v})
			}
		case "IMO number":
			listutil.AddIdentifier(e, tripline.Identifier{Type: "imo", Value: strings.Trim(val, ". ")})
		case "Parent company":
			for _, v := range splitNumbered(val) {
				addLink(e, tripline.Link{Type: "owned_by", TargetName: v})
			}
		case "Subsidiaries":
			for _, v := range splitNumbered(val) {
				addLink(e, tripline.Link{Type: "owns", TargetName: v})
			}
		case "Current owners":
			for _, v := range splitNumbered(val) {
				addLink(e, tripline.Link{Type: "owned_by", TargetName: v})
			}
		case "Type of entity":
			listutil.AddProp(e, "legal_form", val)
		case "Flag of ship":
			listutil.AddProp(e, "flag", countryOrText(val))
		case "Previous flags":
			listutil.AddProp(e, "past_flags", val)
		case "Type of ship":
			listutil.AddProp(e, "vessel_type", val)
		case "Tonnage of ship":
			listutil.AddProp(e, "tonnage", val)
		case "Length of ship":
			listutil.AddProp(e, "length", val)
		case "Year built":
			listutil.AddProp(e, "build_date", val)
		}
	}
}

func addLink(e *tripline.Entity, l tripline.Link) {
	if l.TargetName != "" && !slices.Contains(e.Links, l) {
		e.Links = append(e.Links, l)
	}
}

// finish makes sure every entity with names has a primary one.
func finish(e *tripline.Entity) { listutil.EnsurePrimary(e) }
