package ftm

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
)

// Encoder writes entities as FtM JSON lines.
//
// Each entity becomes one line under its full Tripline id, with datasets
// [source, ...] and caption, followed by the entities FtM keeps apart:
// an Address per address with more than a full text, a Passport or
// Identification per identifier with a country or note (or of a type no
// FtM property holds), a Sanction carrying the programmes and listing date,
// and a relationship entity per link with a TargetID (Ownership,
// Directorship, ... or UnknownLink; "role" records the link type when the
// link sits on the end FtM would not put it on, or has no FtM schema).
//
// Fields FtM has no place for are written so that ReadJSON restores them:
// Properties under their own keys, links known only by name as
// "tripline:link" values "type|share|name". Name scripts are recomputed on
// reading; name languages, alias qualifiers other than fka, and the name a
// part belongs to are not carried (parts are entity-level in FtM).
type Encoder struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewEncoder returns an encoder writing to w. Call Flush when done.
func NewEncoder(w io.Writer) *Encoder {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &Encoder{w: bw, enc: enc}
}

// Flush writes buffered output.
func (c *Encoder) Flush() error { return c.w.Flush() }

// Write writes entities to w as FtM JSON lines.
func Write(w io.Writer, entities []*tripline.Entity) error {
	c := NewEncoder(w)
	for _, e := range entities {
		if err := c.Encode(e); err != nil {
			return err
		}
	}
	return c.Flush()
}

// Encode writes e and the entities that describe it.
func (c *Encoder) Encode(e *tripline.Entity) error {
	for _, fe := range ToFtM(e) {
		if err := c.enc.Encode(fe); err != nil {
			return err
		}
	}
	return nil
}

// ToFtM converts e into FtM entities: e itself first, then its addresses,
// documents, sanction and relationships.
func ToFtM(e *tripline.Entity) []*Entity {
	props := map[string][]string{}
	add := func(key string, vs ...string) {
		for _, v := range vs {
			if v != "" && !slices.Contains(props[key], v) {
				props[key] = append(props[key], v)
			}
		}
	}
	main := &Entity{ID: e.ID, Schema: string(e.Schema), Properties: props, Caption: e.Caption()}
	if main.Schema == "" {
		main.Schema = string(tripline.SchemaLegalEntity)
	}
	main.Datasets = append([]string{e.Source}, e.Properties["datasets"]...)
	out := []*Entity{main}

	for _, n := range e.Names {
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

	for i, a := range e.Addresses {
		if a.Street == "" && a.City == "" && a.Region == "" && a.PostalCode == "" && a.Country == "" {
			add("address", a.Full)
			continue
		}
		ap := map[string][]string{}
		set(ap, "full", a.Full)
		set(ap, "street", a.Street)
		set(ap, "city", a.City)
		set(ap, "region", a.Region)
		set(ap, "postalCode", a.PostalCode)
		set(ap, "country", ftmCountry(a.Country))
		aid := e.ID + "-address-" + strconv.Itoa(i+1)
		add("addressEntity", aid)
		out = append(out, &Entity{ID: aid, Schema: "Address", Properties: ap, Caption: a.Full, Datasets: main.Datasets[:1]})
	}

	for i, id := range e.Identifiers {
		prop := identifierProp(id.Type, e.Schema)
		if prop != "" && id.Country == "" && id.Note == "" {
			add(prop, id.Value)
			continue
		}
		schema := "Identification"
		ip := map[string][]string{"holder": {e.ID}}
		if id.Type == "passport" {
			schema = "Passport"
		} else {
			set(ip, "type", id.Type)
		}
		set(ip, "number", id.Value)
		set(ip, "country", ftmCountry(id.Country))
		set(ip, "summary", id.Note)
		out = append(out, &Entity{ID: e.ID + "-id-" + strconv.Itoa(i+1), Schema: schema, Properties: ip, Datasets: main.Datasets[:1]})
	}

	if len(e.Programs) > 0 || e.ListedOn != "" {
		sp := map[string][]string{"entity": {e.ID}}
		if len(e.Programs) > 0 {
			sp["program"] = slices.Clone(e.Programs)
		}
		set(sp, "listingDate", e.ListedOn)
		out = append(out, &Entity{ID: e.ID + "-sanction", Schema: "Sanction", Properties: sp, Datasets: main.Datasets[:1]})
	}

	for i, l := range e.Links {
		if l.TargetID == "" {
			share := ""
			if l.Share > 0 {
				share = strconv.FormatFloat(l.Share, 'f', -1, 64)
			}
			add("tripline:link", l.Type+"|"+share+"|"+l.TargetName)
			continue
		}
		rel, fromSide := relationForLink(l.Type)
		rp := map[string][]string{}
		if fromSide {
			rp[rel.From], rp[rel.To] = []string{e.ID}, []string{l.TargetID}
		} else {
			rp[rel.From], rp[rel.To] = []string{l.TargetID}, []string{e.ID}
		}
		custom := rel.FromType != l.Type && rel.ToType != l.Type
		if custom || (rel.FromType != rel.ToType && fromSide == rel.DefTo) {
			rp["role"] = []string{l.Type}
		}
		if l.Share > 0 {
			rp["percentage"] = []string{strconv.FormatFloat(l.Share*100, 'f', -1, 64)}
		}
		out = append(out, &Entity{ID: e.ID + "-link-" + strconv.Itoa(i+1), Schema: rel.Schema, Properties: rp, Datasets: main.Datasets[:1]})
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
			if mapped[k] {
				// A property whose key FtM uses for a field: keep it apart.
				k = escapedProp + k
			}
			add(k, vs...)
		}
	}
	return out
}

func set(p map[string][]string, key, v string) {
	if v != "" {
		p[key] = []string{v}
	}
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
