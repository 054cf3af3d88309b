package ofac

import (
	"strings"

	"github.com/tripline/tripline"
)

// ParseRemarks reads an OFAC Remarks text — a ";"-separated bag of typed
// facts — into e: birth dates and places, nationalities, gender,
// identifiers, contact details, weak aliases, "Linked To:" links and the
// remaining facts as Properties. It does not set e.Remarks. Facts it cannot
// classify are kept under Properties["notes"].
func ParseRemarks(e *tripline.Entity, remarks string) {
	c := countryCache{}
	c.parseRemarks(e, remarks)
}

func (c countryCache) parseRemarks(e *tripline.Entity, remarks string) {
	remarks = strings.TrimSpace(remarks)
	// The whole text ends with one period; the items in it do not.
	remarks = strings.TrimSuffix(remarks, ".")
	for len(remarks) > 0 {
		item := remarks
		if i := strings.IndexByte(remarks, ';'); i >= 0 {
			item, remarks = remarks[:i], remarks[i+1:]
		} else {
			remarks = ""
		}
		c.remarkItem(e, strings.TrimSpace(item))
	}
}

// cutLabel is strings.CutPrefix with a required separator: label must be
// followed by a space (or end the item) so that "DOB" does not match
// "DOBRO".
func cutLabel(item, label string) (string, bool) {
	if !strings.HasPrefix(item, label) {
		return "", false
	}
	rest := item[len(label):]
	if rest == "" {
		return "", true
	}
	if label[len(label)-1] != ' ' && rest[0] != ' ' && rest[0] != ':' {
		return "", false
	}
	return strings.TrimSpace(strings.TrimPrefix(rest, ":")), true
}

// weakAliasQualifier maps the Remarks alias markers to Name.Qualifier.
var weakAliasQualifier = []struct{ prefix, qual string }{
	{"a.k.a.", "aka"},
	{"f.k.a.", "fka"},
	{"n.k.a.", "nka"},
}

func (c countryCache) remarkItem(e *tripline.Entity, item string) {
	if item == "" {
		return
	}
	// "alt. DOB ...", "Alt. Fax: ..." are further values of the same fact.
	for _, p := range []string{"alt. ", "Alt. "} {
		if strings.HasPrefix(item, p) {
			item = strings.TrimSpace(item[len(p):])
			break
		}
	}
	for _, w := range weakAliasQualifier {
		if rest, ok := cutLabel(item, w.prefix); ok {
			name := strings.TrimSpace(rest)
			if len(name) >= 2 && name[0] == '\'' && name[len(name)-1] == '\'' {
				name = strings.TrimSpace(name[1 : len(name)-1])
				// Some names are quoted twice: a.k.a. ''FOOPIE''.
				if len(name) >= 2 && name[0] == '\'' && name[len(name)-1] == '\'' {
					name = strings.TrimSpace(name[1 : len(name)-1])
				}
				if name != "" {
					e.Names = append(e.Names, tripline.Name{Full: name, Kind: tripline.NameWeak, Qualifier: w.qual})
					return
				}
			}
		}
	}
	if rest, ok := cutLabel(item, "DOB"); ok {
		if d := birthDates(rest); d != nil {
			for _, v := range d {
				e.BirthDates = appendUnique(e.BirthDates, v)
			}
		} else {
			e.AddProperty("birth_date_text", rest)
		}
		return
	}
	if rest, ok := cutLabel(item, "POB"); ok {
		e.BirthPlaces = appendUnique(e.BirthPlaces, rest)
		return
	}
	if rest, ok := cutLabel(item, "nationality"); ok {
		c.addNationality(e, rest)
		return
	}
	if rest, ok := cutLabel(item, "citizen"); ok {
		c.addNationality(e, rest)
		e.AddProperty("citizenship", c.countryOrText(strings.TrimPrefix(rest, "possibly ")))
		return
	}
	if rest, ok := cutLabel(item, "Gender"); ok {
		e.Gender = strings.ToLower(rest)
		return
	}
	if rest, ok := cutLabel(item, "Linked To:"); ok {
		if rest != "" {
			e.Links = append(e.Links, tripline.Link{Type: "linked_to", TargetName: rest})
		}
		return
	}
	if rest, ok := cutLabel(item, "Website"); ok {
		e.Websites = appendUnique(e.Websites, rest)
		return
	}
	if rest, ok := cutLabel(item, "Email Address"); ok {
		e.Emails = appendUnique(e.Emails, rest)
		return
	}
	for _, p := range []string{"Phone Number", "Telephone Number", "Telephone", "Phone", "PHONE"} {
		if rest, ok := cutLabel(item, p); ok {
			e.Phones = appendUnique(e.Phones, rest)
			return
		}
	}
	if rest, ok := cutLabel(item, "Digital Currency Address -"); ok {
		// "XBT 1Abc..." — currency code, then the address.
		cur, addr, _ := strings.Cut(rest, " ")
		e.Identifiers = append(e.Identifiers, tripline.Identifier{Type: "crypto_wallet", Value: strings.TrimSpace(addr), Note: cur})
		return
	}
	if l, rest, ok := matchIDLabel(item); ok {
		id := c.identifierValue(l.typ, rest)
		if l.typ == "other" {
			id.Note = strings.TrimSuffix(l.label+"; "+id.Note, "; ")
		}
		e.Identifiers = append(e.Identifiers, id)
		return
	}
	c.remarkFact(e, item)
}

// factLabels are the Remarks prefixes kept as Properties; the text after
// the label is the value.
var factLabels = []string{
	"Secondary sanctions risk:",
	"Additional Sanctions Information -",
	"Organization Established Date",
	"Organization Type:",
	"Target Type",
	"Aircraft Model",
	"Aircraft Operator",
	"Aircraft Manufacture Date",
	"Vessel Year of Build",
	"Former Vessel Flag",
	"Other Vessel Type",
	"Nationality of Registration",
	"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
	"CAATSA Section 235 Information:",
	"IFCA Determination -",
	"PEESA Information:",
	"Equity Ticker",
	"Issuer Name",
	"Purchase/Sales For Divestment Date",
	"Fax No.",
	"Fax",
	"Position:",
}

// remarkFact stores an item that is not a name, date, place, nationality,
// identifier or contact as a property.
func (c countryCache) remarkFact(e *tripline.Entity, item string) {
	// Qualified dates: "Listing Date (EO 14024 Directive 2): 24 Feb 2022",
	// "Listing Date (CMIC) 03 Jun 2021", "Effective Date (CMIC) ...".
	for _, p := range []string{"Listing Date", "Effective Date"} {
		if !strings.HasPrefix(item, p+" ") && !strings.HasPrefix(item, p+":") {
			continue
		}
		rest := strings.TrimSpace(item[len(p):])
		e.AddProperty(propKey(p), rest)
		if p == "Listing Date" {
			if j := strings.LastIndexAny(rest, "):"); j >= 0 {
				rest = rest[j+1:]
			}
			if d, ok := isoDate(rest); ok && len(d) == 10 && (e.ListedOn == "" || d < e.ListedOn) {
				e.ListedOn = d
			}
		}
		return
	}
	if strings.HasPrefix(item, "Executive Order ") {
		e.AddProperty("executive_order_information", item)
		return
	}
	for _, l := range factLabels {
		if rest, ok := cutLabel(item, l); ok {
			key := propKey(l)
			switch key {
			case "organization_established_date":
				if d, ok := isoDate(strings.TrimPrefix(rest, "circa ")); ok {
					rest = d
				}
			case "nationality_of_registration", "former_vessel_flag":
				if key == "nationality_of_registration" {
					e.Countries = appendUnique(e.Countries, c.code(rest))
				}
			}
			e.AddProperty(key, rest)
			return
		}
	}
	e.AddProperty("notes", item)
}

func (c countryCache) addNationality(e *tripline.Entity, s string) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "possibly "))
	v := c.countryOrText(s)
	e.Nationalities = appendUnique(e.Nationalities, v)
	if len(v) == 2 {
		e.Countries = appendUnique(e.Countries, v)
	}
}
