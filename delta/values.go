package delta

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tripline/tripline"
)

// Values renders one field of a record (a name of Fields) for people:
// its values trimmed, distinct and sorted; none for an absent record. The
// case view and the watches' old → new diffs show fields this way.
func Values(e *tripline.Entity, field string) []string {
	if e == nil {
		return []string{}
	}
	var vs []string
	switch field {
	case "schema":
		vs = []string{string(e.Schema)}
	case "names":
		for _, n := range e.Names {
			vs = append(vs, fmt.Sprintf("%s (%s)", n.Full, n.Kind))
		}
	case "addresses":
		for _, a := range e.Addresses {
			vs = append(vs, AddressText(a))
		}
	case "countries":
		vs = e.Countries
	case "nationalities":
		vs = e.Nationalities
	case "birth_dates":
		vs = e.BirthDates
	case "birth_places":
		vs = e.BirthPlaces
	case "gender":
		vs = []string{e.Gender}
	case "identifiers":
		for _, id := range e.Identifiers {
			vs = append(vs, IdentifierText(id))
		}
	case "emails":
		vs = e.Emails
	case "phones":
		vs = e.Phones
	case "websites":
		vs = e.Websites
	case "programs":
		vs = e.Programs
	case "listed_on":
		vs = []string{e.ListedOn}
	case "links":
		for _, l := range e.Links {
			t := l.TargetName
			if t == "" {
				t = l.TargetID
			}
			vs = append(vs, l.Type+" "+t)
		}
	case "remarks":
		vs = []string{e.Remarks}
	case "properties":
		for k, ps := range e.Properties {
			for _, p := range ps {
				vs = append(vs, k+": "+p)
			}
		}
	}
	out := []string{}
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// AddressText is an address as people read it: its full form, else its
// parts joined by commas.
func AddressText(a tripline.Address) string {
	if a.Full != "" {
		return a.Full
	}
	var parts []string
	for _, p := range []string{a.Street, a.City, a.Region, a.PostalCode, a.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// IdentifierText is an identifier as people read it: type, value and
// issuing country.
func IdentifierText(id tripline.Identifier) string {
	s := strings.TrimSpace(id.Type + " " + id.Value)
	if id.Country != "" {
		s += " (" + id.Country + ")"
	}
	return s
}
