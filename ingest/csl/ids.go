package csl

import (
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/listutil"
)

// idTypes maps the CSL ids labels that are identifiers to Tripline's
// normalised identifier types.
var idTypes = map[string]string{
	"passport":                           "passport",
	"diplomatic passport":                "passport",
	"national id no.":                    "national_id",
	"identification number":              "national_id",
	"cedula no.":                         "national_id",
	"d.n.i.":                             "national_id",
	"c.u.r.p.":                           "national_id",
	"personal id card":                   "national_id",
	"national foreign id number":         "national_id",
	"credencial electoral":               "national_id",
	"electoral registry no.":             "national_id",
	"c.u.i.":                             "national_id",
	"tax id no.":                         "tax",
	"nit #":                              "tax",
	"r.f.c.":                             "tax",
	"rfc":                                "tax",
	"ruc #":                              "tax",
	"v.a.t. number":                      "tax",
	"italian fiscal code":                "tax",
	"us fein":                            "tax",
	"rif #":                              "tax",
	"registration number":                "registration",
	"registration id":                    "registration",
	"company number":                     "registration",
	"commercial registry number":         "registration",
	"business registration number":       "registration",
	"business registration document #":   "registration",
	"public registration number":         "registration",
	"chamber of commerce number":         "registration",
	"unified social credit code (uscc)":  "registration",
	"folio mercantil no.":                "registration",
	"matricula mercantil no":             "registration",
	"c.r. no.":                           "registration",
	"trade license no.":                  "registration",
	"government gazette number":          "registration",
	"legal entity number":                "lei",
	"vessel registration identification": "imo",
	"mmsi":                               "mmsi",
	"swift/bic":                          "swift_bic",
	"aircraft manufacturer's serial number (msn)":                  "aircraft_serial",
	"aircraft construction number (also called l/n or s/n or f/n)": "aircraft_serial",
	"aircraft tail number":                                         "aircraft_tail",
	"isin":                                                         "isin",
	"d-u-n-s number":                                               "duns",
	"driver's license no.":                                         "drivers_license",
	"bik (ru)":                                                     "bik",
}

// addID files one ids item: an identifier, a contact, the gender, or a
// property named after its label.
func addID(e *tripline.Entity, item string) {
	parts := strings.Split(item, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	label := parts[len(parts)-1]
	rest := parts[:len(parts)-1]
	if label == "" || len(rest) == 0 {
		e.AddProperty("ids_text", item)
		return
	}
	value := strings.TrimSpace(strings.Join(rest, ", "))
	low := strings.ToLower(label)
	switch {
	case low == "gender":
		e.Gender = strings.ToLower(value)
		return
	case low == "website":
		e.Websites = appendUnique(e.Websites, value)
		return
	case low == "email address":
		e.Emails = appendUnique(e.Emails, value)
		return
	case low == "phone number":
		e.Phones = appendUnique(e.Phones, value)
		return
	case strings.HasPrefix(low, "digital currency address"):
		cur := strings.TrimSpace(strings.TrimPrefix(label, "Digital Currency Address -"))
		e.Identifiers = append(e.Identifiers, tripline.Identifier{Type: "crypto_wallet", Value: value, Note: cur})
		return
	}
	typ, isID := idTypes[low]
	if !isID {
		typ, isID = typeByWords(low)
	}
	// An unknown label is still an identifier when the item starts with an
	// issuing country or the label names a number.
	cc := ""
	if len(rest) >= 2 && isCode(rest[0]) {
		cc = rest[0]
	}
	if !isID && (cc != "" || numberLabel(low)) {
		typ, isID = "other", true
	}
	if !isID {
		e.AddProperty(slug(label), value)
		return
	}
	if cc != "" {
		rest = rest[1:]
	}
	// Dates before the value: expiry then issue date.
	var dates []string
	for len(rest) > 1 && listutil.IsISODate(rest[0]) {
		dates = append(dates, rest[0])
		rest = rest[1:]
	}
	id := tripline.Identifier{Type: typ, Value: strings.Join(rest, ", "), Country: cc, Note: label}
	switch len(dates) {
	case 1:
		id.Note += "; date " + dates[0]
	case 2:
		id.Note += "; expires " + dates[0] + "; issued " + dates[1]
	}
	if typ == "imo" {
		id.Value = strings.TrimSpace(strings.TrimPrefix(id.Value, "IMO"))
	}
	if id.Value == "" {
		e.AddProperty("ids_text", item)
		return
	}
	e.Identifiers = append(e.Identifiers, id)
}

// typeByWords classifies a label the table does not know by its words.
func typeByWords(low string) (string, bool) {
	switch {
	case strings.Contains(low, "passport"):
		return "passport", true
	case strings.Contains(low, "tax"), strings.Contains(low, "tributari"):
		return "tax", true
	case strings.Contains(low, "national id"), strings.Contains(low, "personal id"), strings.Contains(low, "identification number"),
		strings.Contains(low, "identification no"), strings.Contains(low, "id card"), strings.Contains(low, "personal numerical code"),
		strings.Contains(low, " id no"), strings.Contains(low, "identity"):
		return "national_id", true
	case strings.Contains(low, "chamber of comm"), strings.Contains(low, "registration number"), strings.Contains(low, "register number"),
		strings.Contains(low, "registry number"), strings.Contains(low, "credit code"):
		return "registration", true
	}
	return "", false
}

func numberLabel(low string) bool {
	low = strings.TrimRight(low, ".:# ")
	for _, suf := range []string{" no", " number", " id", " code", " nr"} {
		if strings.HasSuffix(low, suf) {
			return true
		}
	}
	return false
}

// slug turns a label into a property key: "Secondary sanctions risk:" →
// "secondary_sanctions_risk".
func slug(label string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(label) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		} else {
			under = true
		}
	}
	if b.Len() == 0 {
		return "ids_text"
	}
	return b.String()
}
