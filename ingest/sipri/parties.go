package sipri

import (
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
)

// stateCodes are the register's names of states that the country table
// does not know by that name, with their codes (withdrawn codes for
// former states, user-assigned XK for Kosovo as is common practice).
var stateCodes = map[string]string{
	"yemen arab republic (north yemen)": "YE", "north yemen": "YE", "south yemen": "YD",
	"south vietnam": "VN", "east germany (gdr)": "DD", "saint vincent": "VC",
	"kosovo": "XK", "northern cyprus": "CY", "biafra": "NG", "katanga": "CD",
	"bosnia-herzegovina": "BA", "dr congo": "CD", "eswatini": "SZ", "viet nam": "VN",
	"turkiye": "TR", "czechoslovakia": "CS", "czechia": "CZ", "cabo verde": "CV", "cote d'ivoire": "CI",
}

// ParseParty reads a supplier or recipient as SIPRI writes it: a state's
// name; a non-state actor marked "*", often with the country it sits in
// between brackets ("Hezbollah (Lebanon)*"); an organisation marked "**"
// ("NATO**"); or "unknown supplier(s)". A name may also be an ISO code
// (in the JSON-lines format).
func ParseParty(s string) tripline.TransferParty {
	s = strings.TrimSpace(s)
	p := tripline.TransferParty{Name: s, Kind: tripline.PartyState}
	switch {
	case strings.HasSuffix(s, "**"):
		p.Name = strings.TrimSpace(strings.TrimSuffix(s, "**"))
		p.Kind = tripline.PartyOrganisation
		return p
	case strings.HasSuffix(s, "*"):
		p.Name = strings.TrimSpace(strings.TrimSuffix(s, "*"))
		p.Kind = tripline.PartyNonState
		p.Country = bracketCountry(p.Name)
		return p
	}
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "unknown") {
		p.Kind = tripline.PartyUnknown
		return p
	}
	code := stateCodes[l]
	if code == "" {
		code = country.Code(s)
	}
	if code == "" {
		code = country.Code(bracketCountry(s))
	}
	if code == "" {
		// Not a state the tables know: a party of unknown kind, by name.
		p.Kind = tripline.PartyUnknown
		return p
	}
	if len(s) == 2 || len(s) == 3 { // given as a code: name it
		if n := country.Name(code); n != "" {
			p.Name = n
		}
	}
	p.Code, p.Country = code, code
	return p
}

// bracketCountry is the country between the brackets of a name such as
// "Hezbollah (Lebanon)" or "PLO (Israel/Palestine)" (the last one known),
// or "".
func bracketCountry(s string) string {
	i, j := strings.LastIndexByte(s, '('), strings.LastIndexByte(s, ')')
	if i < 0 || j < i {
		return ""
	}
	parts := strings.Split(s[i+1:j], "/")
	for k := len(parts) - 1; k >= 0; k-- {
		name := strings.ToLower(strings.TrimSpace(parts[k]))
		if c := stateCodes[name]; c != "" {
			return c
		}
		if c := country.Code(name); c != "" {
			return c
		}
	}
	return ""
}
