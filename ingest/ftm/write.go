package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
)

// Encoder writes entities as FtM JSON lines that a consumer validating
// against the FollowTheMoney model accepts.
//
// Each entity becomes one line under an FtM id made from its Tripline id
// (FtMID: "ofac-sdn:306" is "ofac-sdn.306"), with datasets [source, ...]
// and caption, followed by the entities FtM keeps apart: an Address per
// address with more than a full text, a Passport or Identification per
// identifier with a country or note (or of a type no FtM property of the
// schema holds), a Sanction carrying the programmes and listing date, and
// a relationship entity per link to an entity of the same export whose
// schema the relationship's range admits (Ownership, Directorship, ... or
// UnknownLink; "role" records the link type when the link sits on the end
// FtM would not put it on, or has no FtM schema).
//
// Only properties of the FtM schema are written, each value valid for its
// type: countries as lower-case ISO codes, dates as ISO prefixes, one
// e-mail address or URL a value, phone numbers in E.164, no value over its
// property's length limit, references only to entities of the export of
// the property's range. Everything else (the lists' own fields, a value
// that is not valid as it stands, a link to an entity outside the export)
// is written to the entity's notes in a form that ReadJSON puts back (see
// notes.go), with the valid values it stands for, where it has any, in
// the property ("Iraq (previous address)" adds country "iq"); a name's
// qualifier and language, where FtM's name properties do not say them,
// are noted too. Name scripts are recomputed on reading; the name a part
// belongs to is not carried (parts are entity-level in FtM).
type Encoder struct {
	w       *bufio.Writer
	enc     *json.Encoder
	targets map[string]tripline.Schema
}

// NewEncoder returns an encoder writing to w. targets are the entities the
// export holds, by Tripline id with their schema: a link to any other id
// is written as a note, not as a reference that would dangle. Call Flush
// when done.
func NewEncoder(w io.Writer, targets map[string]tripline.Schema) *Encoder {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &Encoder{w: bw, enc: enc, targets: targets}
}

// Flush writes buffered output.
func (c *Encoder) Flush() error { return c.w.Flush() }

// Write writes entities to w as FtM JSON lines; links may point at any of
// them.
func Write(w io.Writer, entities []*tripline.Entity) error {
	targets := make(map[string]tripline.Schema, len(entities))
	for _, e := range entities {
		targets[e.ID] = e.Schema
	}
	c := NewEncoder(w, targets)
	for _, e := range entities {
		if err := c.Encode(e); err != nil {
			return err
		}
	}
	return c.Flush()
}

// Encode writes e and the entities that describe it.
func (c *Encoder) Encode(e *tripline.Entity) error {
	for _, fe := range ToFtM(e, c.targets) {
		if err := c.enc.Encode(fe); err != nil {
			return err
		}
	}
	return nil
}

// draft is an FtM entity before validation: any key, any value, and the
// keys whose values are references the writer made.
type draft struct {
	*Entity
	refs map[string]bool
	// also maps keys to the FtM property that also says their values.
	also map[string]string
}

func newDraft(id, schema string, datasets []string) *draft {
	return &draft{Entity: &Entity{ID: id, Schema: schema, Properties: map[string][]string{}, Datasets: datasets}, refs: map[string]bool{}, also: map[string]string{}}
}

func (d *draft) add(key string, vs ...string) {
	for _, v := range vs {
		if v != "" && !slices.Contains(d.Properties[key], v) {
			d.Properties[key] = append(d.Properties[key], v)
		}
	}
}

func (d *draft) ref(key string, ids ...string) {
	d.refs[key] = true
	d.add(key, ids...)
}

// ftmSchemaName is the FtM schema an entity of schema s is written as.
func ftmSchemaName(s tripline.Schema) string {
	if s == "" || model.schema(string(s)) == nil {
		return string(tripline.SchemaLegalEntity)
	}
	return string(s)
}

// ToFtM converts e into valid FtM entities: e itself first, then its
// addresses, documents, sanction and relationships. targets are the
// entities a link may reference (see NewEncoder).
func ToFtM(e *tripline.Entity, targets map[string]tripline.Schema) []*Entity {
	fid, decodable := FtMID(e.ID)
	schema := ftmSchemaName(e.Schema)
	datasets := append([]string{e.Source}, e.Properties["datasets"]...)
	main := newDraft(fid, schema, datasets)
	main.Caption = e.Caption()
	if !decodable {
		main.add(keyID, e.ID)
	}
	drafts := []*draft{main}
	add := main.add

	noted := map[[2]string]bool{}
	for _, n := range e.Names {
		// What the reader would not give back of a name is noted: its
		// language, and a qualifier other than the reader's ("aka" for an
		// alias, "fka" for a previous name, none for the others). A name
		// given twice with one kind is one FtM value: its first
		// occurrence says.
		var plain bool
		switch n.Kind {
		case tripline.NameAlias:
			plain = n.Qualifier == "aka" || n.Qualifier == "fka"
		default:
			plain = n.Qualifier == ""
		}
		if k := [2]string{string(n.Kind), n.Full}; !noted[k] {
			noted[k] = true
			if !plain || n.Lang != "" {
				add(keyName, jsonList(string(n.Kind), n.Qualifier, n.Lang, n.Full))
			}
		}
		switch {
		case n.Kind == tripline.NamePrimary:
			add("name", n.Full)
		case n.Kind == tripline.NameWeak:
			add("weakAlias", n.Full)
		case n.Qualifier == "fka":
			add("previousName", n.Full)
		default:
			add("alias", n.Full)
		}
		for _, pt := range n.Parts {
			if pt.Type == "title" {
				add("title", pt.Value)
				continue
			}
			for _, pp := range partProps {
				if pp.Type == pt.Type {
					add(pp.Prop, pt.Value)
				}
			}
		}
	}
	add("birthDate", e.BirthDates...)
	add("birthPlace", e.BirthPlaces...)
	for _, n := range e.Nationalities {
		add("nationality", ftmCountry(n))
	}
	for _, n := range e.Countries {
		add("country", ftmCountry(n))
	}
	add("gender", e.Gender)
	add("email", e.Emails...)
	add("phone", e.Phones...)
	add("website", e.Websites...)
	add("notes", e.Remarks)

	sub := func(kind string, i int) string {
		if i == 0 {
			return fid + ".." + kind
		}
		return fid + ".." + kind + "-" + strconv.Itoa(i)
	}
	for i, a := range e.Addresses {
		if a.Street == "" && a.City == "" && a.Region == "" && a.PostalCode == "" && a.Country == "" {
			add("address", a.Full)
			continue
		}
		ad := newDraft(sub("address", i+1), "Address", datasets[:1])
		ad.Caption = a.Full
		ad.add("full", a.Full)
		ad.add("street", a.Street)
		ad.add("city", a.City)
		ad.add("region", a.Region)
		ad.add("postalCode", a.PostalCode)
		ad.add("country", ftmCountry(a.Country))
		main.ref("addressEntity", ad.ID)
		drafts = append(drafts, ad)
	}

	holder := model.isA(schema, "LegalEntity")
	for i, id := range e.Identifiers {
		prop := identifierProp(id.Type, e.Schema)
		if p := model.schema(schema).Props[prop]; p != nil && id.Country == "" && id.Note == "" && model.valid(p, id.Value) {
			add(prop, id.Value)
			continue
		}
		idSchema := "Identification"
		if id.Type == "passport" {
			idSchema = "Passport"
		}
		if !holder || !model.valid(model.schema(idSchema).Props["number"], id.Value) {
			// FtM has no place for it: a vessel's document, an over-long number.
			add(keyIdentifier, jsonList(id.Type, id.Country, id.Note, id.Value))
			continue
		}
		idd := newDraft(sub("id", i+1), idSchema, datasets[:1])
		idd.ref("holder", fid)
		if idSchema == "Identification" {
			idd.add("type", id.Type)
		}
		idd.add("number", id.Value)
		idd.add("country", ftmCountry(id.Country))
		idd.add("summary", id.Note)
		drafts = append(drafts, idd)
	}

	if len(e.Programs) > 0 || e.ListedOn != "" {
		sd := newDraft(sub("sanction", 0), "Sanction", datasets[:1])
		sd.ref("entity", fid)
		sd.add("program", e.Programs...)
		sd.add("listingDate", e.ListedOn)
		drafts = append(drafts, sd)
	}

	for i, l := range e.Links {
		share := ""
		if l.Share > 0 {
			share = strconv.FormatFloat(l.Share, 'f', -1, 64)
		}
		tschema, known := targets[l.TargetID]
		if l.TargetID == "" || !known {
			add(keyLink, jsonList(l.Type, share, l.TargetID, l.TargetName))
			continue
		}
		tid, _ := FtMID(l.TargetID)
		rel, fromSide := relationForLink(l.Type)
		custom := rel.FromType != l.Type && rel.ToType != l.Type
		if !rel.admits(schema, ftmSchemaName(tschema), fromSide) {
			// The relationship's range excludes one end (an Ownership of an
			// Organization, a Family of a company): FtM's untyped link.
			rel, fromSide, custom = relationBySchema("UnknownLink"), true, l.Type != "linked_to"
		}
		ld := newDraft(sub("link", i+1), rel.Schema, datasets[:1])
		if fromSide {
			ld.ref(rel.From, fid)
			ld.ref(rel.To, tid)
		} else {
			ld.ref(rel.From, tid)
			ld.ref(rel.To, fid)
		}
		if custom || (rel.FromType != rel.ToType && fromSide == rel.DefTo) {
			ld.add("role", l.Type)
		}
		if l.Share > 0 {
			ld.add("percentage", strconv.FormatFloat(l.Share*100, 'f', -1, 64))
		}
		drafts = append(drafts, ld)
	}

	for k, vs := range e.Properties {
		switch k {
		case "datasets":
		case "first_seen", "last_seen", "last_change":
			// FtM has room for one value; others stay properties.
			if len(vs) == 0 {
				continue
			}
			switch k {
			case "first_seen":
				main.FirstSeen = vs[0]
			case "last_seen":
				main.LastSeen = vs[0]
			default:
				main.LastChange = vs[0]
			}
			add(escapedProp+k, vs[1:]...)
		case "referents":
			main.Referents = slices.Clone(vs)
		case "target":
			if len(vs) == 1 && (vs[0] == "true" || vs[0] == "false") {
				t := vs[0] == "true"
				main.Target = &t
			} else {
				add(escapedProp+k, vs...)
			}
		default:
			also := propertyAliases[k]
			if model.schema(schema).Props[also] == nil {
				also = ""
			}
			if mapped[k] || strings.HasPrefix(k, "tripline:") || strings.HasPrefix(k, "property:") || k == "link" || k == "identifier" || k == "id" {
				// A property whose key FtM or the notes use for a field:
				// keep it apart.
				k = escapedProp + k
			}
			add(k, vs...)
			if also != "" {
				main.also[k] = also
			}
		}
	}
	out := make([]*Entity, len(drafts))
	for i, d := range drafts {
		out[i] = d.valid()
	}
	return out
}

// isNoteText reports whether v of property k would read as one of
// Tripline's notes.
func isNoteText(k, v string) bool {
	return (k == "notes" || k == "summary") && strings.HasPrefix(v, notePrefix)
}

// propertyAliases are the lists' fields (as the readers name them) that an
// FtM property also says: the writer puts their valid values in that
// property, where the entity's schema has it, and each value whole in the
// notes.
var propertyAliases = map[string]string{
	"organization_established_date": "incorporationDate",
	"legal_form":                    "legalForm",
	"equity_ticker":                 "ticker",
	"nationality_of_registration":   "jurisdiction",
	"registration_country":          "jurisdiction",
	"citizenship":                   "citizenship",
	"ssn":                           "socialSecurityNumber",
	"vessel_type":                   "type",
	"other_vessel_type":             "pastTypes",
	"gross_tonnage":                 "tonnage",
	"gross_registered_tonnage":      "grossRegisteredTonnage",
	"call_sign":                     "callSign",
	"former_vessel_flag":            "pastFlags",
	"other_vessel_flag":             "pastFlags",
	"past_flags":                    "pastFlags",
	"vessel_year_of_build":          "buildDate",
	"build_date":                    "buildDate",
	"aircraft_manufacture_date":     "buildDate",
	"aircraft_model":                "model",
	"source_list_url":               "sourceUrl",
	"source_information_url":        "sourceUrl",
	"last_updated":                  "modifiedAt",
	"last_update":                   "modifiedAt",
}

// admits reports whether the relationship can join an entity of schema a
// (its From end when fromSide, else its To end) and one of schema b
// within its properties' ranges.
func (r *relation) admits(a, b string, fromSide bool) bool {
	rs := model.schema(r.Schema)
	from, to := a, b
	if !fromSide {
		from, to = b, a
	}
	return model.isA(from, rs.Props[r.From].Range) && model.isA(to, rs.Props[r.To].Range)
}

// valid turns the draft into a valid FtM entity: the values of the
// schema's properties that are valid stay; every other value goes to the
// notes with the valid values it cleans to (see notes.go).
func (d *draft) valid() *Entity {
	s := model.schema(d.Schema)
	noteField := "notes"
	if s.Props[noteField] == nil {
		noteField = "summary"
	}
	keys := make([]string, 0, len(d.Properties))
	for k := range d.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := map[string][]string{}
	var notes []string
	for _, k := range keys {
		if d.also[k] != "" {
			continue
		}
		p := s.Props[k]
		if p != nil && p.Type == "entity" && !d.refs[k] {
			p = nil // a Tripline property named like an FtM reference
		}
		var bad []string
		for _, v := range d.Properties[k] {
			if p != nil && model.valid(p, v) && !isNoteText(k, v) {
				out[k] = append(out[k], v)
			} else {
				bad = append(bad, v)
			}
		}
		for _, v := range bad {
			var added []string
			if p != nil && !isNoteText(k, v) {
				for _, c := range model.clean(p, v) {
					if !slices.Contains(out[k], c) {
						out[k] = append(out[k], c)
						added = append(added, c)
					}
				}
			}
			notes = append(notes, encodeNotes(k, "", added, v)...)
		}
	}
	for _, k := range keys {
		// A list's field that an FtM property also says: its values in the
		// property, each value whole in the notes.
		prop := d.also[k]
		if prop == "" {
			continue
		}
		for _, v := range d.Properties[k] {
			var added []string
			for _, c := range model.clean(s.Props[prop], v) {
				if !slices.Contains(out[prop], c) {
					out[prop] = append(out[prop], c)
					added = append(added, c)
				}
			}
			p := prop
			if len(added) == 0 {
				p = ""
			}
			notes = append(notes, encodeNotes(k, p, added, v)...)
		}
	}
	for _, req := range s.Required {
		if len(out[req]) == 0 && req == "name" {
			// FtM needs a name: the caption stands in, marked as made up.
			if c := model.clean(s.Props["name"], d.Caption); len(c) > 0 {
				out["name"] = c[:1]
				notes = append(notes, encodeNotes("name", "", c[:1], "")...)
			} else if c := model.clean(s.Props["name"], d.ID); len(c) > 0 {
				out["name"] = c[:1]
				notes = append(notes, encodeNotes("name", "", c[:1], "")...)
			}
		}
	}
	if len(notes) > 0 {
		out[noteField] = append(out[noteField], notes...)
	}
	d.Properties = out
	return d.Entity
}

// jsonList writes the parts of a link or identifier kept in a note.
func jsonList(parts ...string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(parts)
	return strings.TrimSpace(buf.String())
}

// identifierProp returns the FtM property that holds identifiers of type t
// on an entity of schema s, or "".
func identifierProp(t string, s tripline.Schema) string {
	if t == "aircraft_tail" {
		if s == tripline.SchemaAirplane {
			return "registrationNumber"
		}
		return ""
	}
	if t == "registration" && s == tripline.SchemaAirplane {
		return ""
	}
	for _, ip := range identifierProps {
		if ip.Type == t {
			return ip.Prop
		}
	}
	return ""
}

// ftmCountry writes ISO codes in FtM's lower case; other text is kept.
func ftmCountry(c string) string {
	if len(c) == 2 && country.Valid(c) {
		return strings.ToLower(c)
	}
	return c
}
