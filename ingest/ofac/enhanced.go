package ofac

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
)

// Source ids and format name of the Enhanced XML publications.
const (
	SourceConsEnhanced = "ofac-cons-enhanced"
	SourceSDNEnhanced  = "ofac-sdn-enhanced"
	FormatEnhanced     = "ofac-enhanced-xml"
)

// DetectEnhanced reports whether a file is an OFAC Enhanced XML
// publication: an XML file whose root is <sanctionsData>, or a ZIP named
// like SDN_ENHANCED.ZIP / CONS_ENHANCED.ZIP or whose first member is such
// an XML file.
func DetectEnhanced(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		if strings.Contains(lower, "enhanced") && strings.HasSuffix(lower, ".zip") {
			return true
		}
		// The first local file header: name length at 26, name at 30.
		if len(head) >= 30 {
			n := int(head[26]) | int(head[27])<<8
			if 30+n <= len(head) {
				member := strings.ToLower(string(head[30 : 30+n]))
				return strings.Contains(member, "enhanced") && strings.HasSuffix(member, ".xml")
			}
		}
		return false
	}
	return rootIsSanctionsData(head)
}

// rootIsSanctionsData reports whether the first element in head is
// <sanctionsData> (in any namespace prefix).
func rootIsSanctionsData(head []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "sanctionsData"
		}
	}
}

// ReadEnhanced reads one OFAC Enhanced XML publication, as .XML or as the
// .ZIP that holds it. The source is ofac-cons-enhanced or
// ofac-sdn-enhanced, told by the file name (CONS_ENHANCED, SDN_ENHANCED)
// or else by the publication's list filter. Entity ids are
// "<source>:<entity id>"; the entity id is the CSV ent_num. A malformed
// or truncated file gives a parse error (a KindInvalid *tripline.Error with the position).
func ReadEnhanced(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	if len(files) != 1 {
		return nil, tripline.Errorf(tripline.KindInvalid, "one OFAC Enhanced XML publication per directory, found %d files: %s", len(files), strings.Join(files, ", "))
	}
	path := files[0]
	f, err := os.Open(path)
	if err != nil {
		return nil, &tripline.Error{Op: "ofac.ReadEnhanced", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot read %s", path), Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &tripline.Error{Op: "ofac.ReadEnhanced", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot read %s", path), Err: err}
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, &tripline.Error{Op: "ofac.ReadEnhanced", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot read %s", path), Err: err}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, &tripline.Error{Op: "ofac.ReadEnhanced", Kind: tripline.KindInternal, Err: err}
	}
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, &tripline.Error{Op: "ofac.ReadEnhanced", Kind: tripline.KindInternal, Err: err}
	}
	var (
		r       io.Reader = f
		xmlName           = path
	)
	if opt.Progress != nil {
		r = &fileutil.Counter{R: f, Total: fi.Size(), Progress: opt.Progress}
	}
	if bytes.Equal(head[:n], []byte("PK\x03\x04")) {
		zr, err := zip.NewReader(f, fi.Size())
		if err != nil {
			return nil, fileutil.Errf(path, 0, "not a readable ZIP archive (truncated?): %v", err)
		}
		var member *zip.File
		for _, zf := range zr.File {
			if strings.HasSuffix(strings.ToLower(zf.Name), ".xml") {
				member = zf
				break
			}
		}
		if member == nil {
			return nil, fileutil.Errf(path, 0, "the ZIP archive holds no .xml file")
		}
		rc, err := member.Open()
		if err != nil {
			return nil, fileutil.Errf(path, 0, "cannot open %s in the ZIP archive: %v", member.Name, err)
		}
		defer rc.Close()
		r = rc
		if opt.Progress != nil {
			r = &fileutil.Counter{R: rc, Total: int64(member.UncompressedSize64), Progress: opt.Progress}
		}
		xmlName = path + "!" + member.Name
	}
	sum := hex.EncodeToString(h.Sum(nil))
	ds := &tripline.Dataset{Format: FormatEnhanced, Hash: sum, FileHashes: []string{sum}, Files: files}
	base := strings.ToUpper(filepath.Base(xmlName))
	switch {
	case strings.Contains(base, "SDN_ENHANCED"):
		ds.Source = SourceSDNEnhanced
	case strings.Contains(base, "CONS_ENHANCED"):
		ds.Source = SourceConsEnhanced
	}
	if err := parseEnhanced(ctx, r, xmlName, ds); err != nil {
		return nil, err
	}
	if opt.Source != "" {
		ds.Source = opt.Source
		for _, e := range ds.Entities {
			e.Source = opt.Source
			e.ID = opt.Source + ":" + e.SourceID
		}
	}
	return ds, nil
}

// The Enhanced XML elements, as far as they are read. Tags name local
// elements only, so they match in OFAC's default namespace.
type (
	xRef struct {
		RefID string `xml:"refId,attr"`
		Date  string `xml:"datePublished,attr"`
		Value string `xml:",chardata"`
	}
	xRefValue struct {
		RefID   string `xml:"refId,attr"`
		Type    string `xml:"type"`
		Value   string `xml:"value"`
		ISOCode string `xml:"isoCode"`
	}
	xNamePart struct {
		Type  xRef   `xml:"type"`
		Value string `xml:"value"`
	}
	xTranslation struct {
		IsPrimary bool        `xml:"isPrimary"`
		Script    xRef        `xml:"script"`
		FullName  string      `xml:"formattedFullName"`
		NameParts []xNamePart `xml:"nameParts>namePart"`
		// Address translations.
		AddressParts []xNamePart `xml:"addressParts>addressPart"`
	}
	xName struct {
		IsPrimary    bool           `xml:"isPrimary"`
		AliasType    xRef           `xml:"aliasType"`
		IsLowQuality bool           `xml:"isLowQuality"`
		Translations []xTranslation `xml:"translations>translation"`
	}
	xAddress struct {
		Country      xRef           `xml:"country"`
		Translations []xTranslation `xml:"translations>translation"`
	}
	xFeature struct {
		Type       xRef   `xml:"type"`
		Value      string `xml:"value"`
		ValueRefID string `xml:"valueRefId"`
		ValueDate  *struct {
			FromBegin string `xml:"fromDateBegin"`
			ToEnd     string `xml:"toDateEnd"`
		} `xml:"valueDate"`
		Comments    string `xml:"comments"`
		Reliability xRef   `xml:"reliability"`
	}
	xDocument struct {
		Type      xRef   `xml:"type"`
		Number    string `xml:"documentNumber"`
		IsValid   string `xml:"isValid"`
		Authority string `xml:"issuingAuthority"`
		Location  string `xml:"issuingLocation"`
		Country   xRef   `xml:"issuingCountry"`
	}
	xRelationship struct {
		Type    xRef `xml:"type"`
		Quality xRef `xml:"quality"`
		Related struct {
			EntityID string `xml:"entityId,attr"`
			Name     string `xml:",chardata"`
		} `xml:"relatedEntity"`
	}
	xEntity struct {
		ID      string `xml:"id,attr"`
		General struct {
			EntityType xRef   `xml:"entityType"`
			Remarks    string `xml:"remarks"`
			Title      string `xml:"title"`
		} `xml:"generalInfo"`
		Lists         []xRef          `xml:"sanctionsLists>sanctionsList"`
		Programs      []xRef          `xml:"sanctionsPrograms>sanctionsProgram"`
		Types         []xRef          `xml:"sanctionsTypes>sanctionsType"`
		Authorities   []xRef          `xml:"legalAuthorities>legalAuthority"`
		Names         []xName         `xml:"names>name"`
		Addresses     []xAddress      `xml:"addresses>address"`
		Features      []xFeature      `xml:"features>feature"`
		Documents     []xDocument     `xml:"identityDocuments>identityDocument"`
		Relationships []xRelationship `xml:"relationships>relationship"`
	}
)

// enhancedReader holds the state of one Enhanced XML parse.
type enhancedReader struct {
	ds   *tripline.Dataset
	name string
	// iso maps COUNTRY reference ids to ISO codes.
	iso  map[string]string
	cc   countryCache
	seen map[string]bool
}

// parseEnhanced streams the XML in r into ds, one <entity> at a time.
func parseEnhanced(ctx context.Context, r io.Reader, name string, ds *tripline.Dataset) error {
	er := &enhancedReader{ds: ds, name: name, iso: map[string]string{}, cc: countryCache{}, seen: map[string]bool{}}
	d := xml.NewDecoder(r)
	rootSeen, closed := false, false
	depth := 0
	var filterLists []string
	path := make([]string, 0, 8)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return er.syntaxErr(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if t.Name.Local != "sanctionsData" {
					return fileutil.Errf(name, lineOf(d), "root element is <%s>, want <sanctionsData> (OFAC Enhanced XML)", t.Name.Local)
				}
				rootSeen = true
			}
			path = append(path, t.Name.Local)
			switch {
			case t.Name.Local == "entity" && depth == 3:
				var x xEntity
				line := lineOf(d)
				if err := d.DecodeElement(&x, &t); err != nil {
					return er.syntaxErr(d, err)
				}
				depth--
				path = path[:len(path)-1]
				if err := er.entity(&x, line); err != nil {
					return err
				}
				if len(ds.Entities)%256 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
			case t.Name.Local == "referenceValue" && depth == 3:
				var x xRefValue
				if err := d.DecodeElement(&x, &t); err != nil {
					return er.syntaxErr(d, err)
				}
				depth--
				path = path[:len(path)-1]
				if x.ISOCode != "" && strings.EqualFold(strings.TrimSpace(x.Type), "COUNTRY") {
					er.iso[x.RefID] = strings.ToUpper(strings.TrimSpace(x.ISOCode))
				}
			case t.Name.Local == "dataAsOf" && depth == 3:
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return er.syntaxErr(d, err)
				}
				depth--
				path = path[:len(path)-1]
				s = strings.TrimSpace(s)
				if len(s) >= 10 {
					if d, ok := isoDate(s[:10]); ok {
						ds.PublishedAt = d
					}
				}
			case t.Name.Local == "sanctionsList" && depth == 5 && len(path) >= 3 && path[1] == "publicationInfo":
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return er.syntaxErr(d, err)
				}
				depth--
				path = path[:len(path)-1]
				filterLists = append(filterLists, strings.TrimSpace(s))
			}
		case xml.EndElement:
			depth--
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if depth == 0 {
				closed = true
			}
		}
	}
	if !rootSeen {
		return fileutil.Errf(name, 0, "no <sanctionsData> element: not an OFAC Enhanced XML file")
	}
	if !closed {
		return fileutil.Errf(name, lineOf(d), "the file ends before </sanctionsData> (truncated file?)")
	}
	if ds.Source == "" {
		ds.Source = SourceConsEnhanced
		for _, l := range filterLists {
			if strings.EqualFold(l, "SDN List") {
				ds.Source = SourceSDNEnhanced
			}
		}
	}
	for _, e := range ds.Entities {
		e.Source = ds.Source
		e.ID = ds.Source + ":" + e.SourceID
		for i := range e.Links {
			if e.Links[i].TargetID != "" {
				e.Links[i].TargetID = ds.Source + ":" + e.Links[i].TargetID
			}
		}
	}
	return nil
}

func lineOf(d *xml.Decoder) int {
	line, _ := d.InputPos()
	return line
}

// syntaxErr turns a decoder error into a parse error at the current line.
func (er *enhancedReader) syntaxErr(d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if strings.Contains(msg, "unexpected EOF") {
			msg += " (truncated file?)"
		}
		return fileutil.Errf(er.name, se.Line, "malformed XML: %s", msg)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) {
		return fileutil.Errf(er.name, lineOf(d), "the file ends early or is corrupt (truncated file?): %v", err)
	}
	if tripline.ParseErrorOf(err) != nil {
		return err
	}
	return fileutil.Errf(er.name, lineOf(d), "cannot read the XML: %v", err)
}

// scriptCodes maps OFAC script names to ISO 15924 codes; Latin is "".
var scriptCodes = map[string]string{
	"latin": "", "arabic": "Arab", "armenian": "Armn", "chinese simplified": "Hans",
	"chinese traditional": "Hant", "cyrillic": "Cyrl", "georgian": "Geor", "greek": "Grek",
	"hangul": "Hang", "hebrew": "Hebr", "japanese": "Jpan", "korean": "Kore",
}

// namePartTypes maps OFAC name-part types to tripline part types; entity,
// vessel and aircraft names give no parts.
var namePartTypes = map[string]string{
	"last name": "family", "first name": "given", "middle name": "middle",
	"maiden name": "other", "nickname": "other", "patronymic": "patronymic",
	"matronymic": "matronymic",
}

// relationTypes maps OFAC relationship types to tripline link types.
var relationTypes = map[string]string{
	"owned or controlled by":        "owned_by",
	"owns, controls, or operates":   "owns",
	"acting for or on behalf of":    "acting_for",
	"associate of":                  "associate",
	"family member of":              "family",
	"providing support to":          "supports",
	"leader or official of":         "leader_of",
	"principal executive officer":   "principal_executive_officer_of",
	"playing a significant role in": "significant_role_in",
	"property in the interest of":   "property_of",
}

func (er *enhancedReader) countryRef(ref xRef) string {
	if c := er.iso[ref.RefID]; c != "" {
		return c
	}
	return er.cc.countryOrText(ref.Value)
}

func (er *enhancedReader) entity(x *xEntity, line int) error {
	id := strings.TrimSpace(x.ID)
	if !validEntNum(id) {
		return fileutil.Errf(er.name, line, "entity id %q is not a positive integer", truncate(id, 40))
	}
	if er.seen[id] {
		return fileutil.Errf(er.name, line, "entity id %s appears twice", id)
	}
	er.seen[id] = true
	schema, ok := schemaOf(x.General.EntityType.Value)
	if !ok {
		er.ds.Warnings = append(er.ds.Warnings, fmt.Sprintf("%s:%d: unknown entity type %q; read as an organization", er.name, line, x.General.EntityType.Value))
		schema = tripline.SchemaOrganization
	}
	e := &tripline.Entity{SourceID: id, Schema: schema}
	e.Remarks = strings.TrimSpace(x.General.Remarks)
	e.AddProperty("title", strings.TrimSpace(x.General.Title))
	for _, p := range x.Programs {
		e.Programs = appendUnique(e.Programs, strings.TrimSpace(p.Value))
	}
	for _, l := range x.Lists {
		name := strings.TrimSpace(l.Value)
		e.AddProperty("sanctions_list", name)
		if d, ok := isoDate(strings.TrimSpace(l.Date)); ok && !strings.EqualFold(name, "Consolidated List") {
			if e.ListedOn == "" || d < e.ListedOn {
				e.ListedOn = d
			}
		}
	}
	for _, t := range x.Types {
		e.AddProperty("sanctions_type", strings.TrimSpace(t.Value))
	}
	for _, a := range x.Authorities {
		e.AddProperty("legal_authority", strings.TrimSpace(a.Value))
	}
	er.names(e, x.Names)
	er.addresses(e, x.Addresses)
	for i := range x.Features {
		er.feature(e, &x.Features[i])
	}
	for _, doc := range x.Documents {
		er.document(e, doc)
	}
	for _, r := range x.Relationships {
		t := strings.ToLower(strings.TrimSpace(r.Type.Value))
		typ, ok := relationTypes[t]
		if !ok {
			typ = propKey(t)
		}
		e.Links = append(e.Links, tripline.Link{Type: typ, TargetID: strings.TrimSpace(r.Related.EntityID), TargetName: strings.TrimSpace(r.Related.Name)})
	}
	if len(e.Names) == 0 {
		return fileutil.Errf(er.name, line, "entity %s has no name", id)
	}
	er.ds.Entities = append(er.ds.Entities, e)
	return nil
}

func (er *enhancedReader) names(e *tripline.Entity, names []xName) {
	// Primary names first, so that the caption is the primary Latin name.
	sorted := make([]xName, len(names))
	copy(sorted, names)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].IsPrimary && !sorted[j].IsPrimary })
	for _, n := range sorted {
		kind := tripline.NameAlias
		if n.IsPrimary {
			kind = tripline.NamePrimary
		}
		if n.IsLowQuality {
			kind = tripline.NameWeak
		}
		qual := ""
		if !n.IsPrimary {
			qual = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(n.AliasType.Value), ".", ""))
		}
		tr := make([]xTranslation, len(n.Translations))
		copy(tr, n.Translations)
		sort.SliceStable(tr, func(i, j int) bool { return tr[i].IsPrimary && !tr[j].IsPrimary })
		for _, t := range tr {
			full := strings.TrimSpace(t.FullName)
			if full == "" {
				var parts []string
				for _, p := range t.NameParts {
					if v := strings.TrimSpace(p.Value); v != "" {
						parts = append(parts, v)
					}
				}
				full = strings.Join(parts, " ")
			}
			if full == "" {
				continue
			}
			name := tripline.Name{Full: full, Kind: kind, Qualifier: qual}
			if sc, ok := scriptCodes[strings.ToLower(strings.TrimSpace(t.Script.Value))]; ok {
				name.Script = sc
			} else if s := strings.TrimSpace(t.Script.Value); s != "" {
				name.Script = s
			}
			for _, p := range t.NameParts {
				typ, ok := namePartTypes[strings.ToLower(strings.TrimSpace(p.Type.Value))]
				if v := strings.TrimSpace(p.Value); ok && v != "" {
					name.Parts = append(name.Parts, tripline.NamePart{Type: typ, Value: v})
				}
			}
			e.Names = append(e.Names, name)
		}
	}
}

func (er *enhancedReader) addresses(e *tripline.Entity, addrs []xAddress) {
	for _, a := range addrs {
		var addr tripline.Address
		if a.Country.Value != "" || a.Country.RefID != "" {
			addr.Country = er.countryRef(a.Country)
		}
		var t *xTranslation
		for i := range a.Translations {
			if a.Translations[i].IsPrimary || t == nil {
				t = &a.Translations[i]
				if t.IsPrimary {
					break
				}
			}
		}
		var street []string
		if t != nil {
			for _, p := range t.AddressParts {
				v := strings.TrimSpace(p.Value)
				if v == "" {
					continue
				}
				switch strings.ToUpper(strings.TrimSpace(p.Type.Value)) {
				case "ADDRESS1", "ADDRESS2", "ADDRESS3":
					street = append(street, v)
				case "CITY":
					addr.City = v
				case "STATE/PROVINCE":
					addr.Region = v
				case "REGION":
					if addr.Region == "" {
						addr.Region = v
					}
				case "POSTAL CODE":
					addr.PostalCode = v
				default:
					street = append(street, v)
				}
			}
		}
		addr.Street = strings.Join(street, ", ")
		var full []string
		for _, p := range []string{addr.Street, addr.City, addr.Region, addr.PostalCode, strings.TrimSpace(a.Country.Value)} {
			if p != "" {
				full = append(full, p)
			}
		}
		addr.Full = strings.Join(full, ", ")
		if addr.Full == "" {
			continue
		}
		if len(addr.Country) == 2 {
			e.Countries = appendUnique(e.Countries, addr.Country)
		}
		e.Addresses = append(e.Addresses, addr)
	}
}

func (er *enhancedReader) feature(e *tripline.Entity, f *xFeature) {
	label := strings.TrimSpace(f.Type.Value)
	value := strings.TrimSpace(f.Value)
	lower := strings.ToLower(strings.TrimRight(label, ":- "))
	country := func() string {
		if c := er.iso[f.ValueRefID]; c != "" {
			return c
		}
		return er.cc.countryOrText(value)
	}
	switch {
	case value == "" && f.ValueDate == nil:
		return
	case lower == "birthdate":
		ds := birthDates(value)
		if ds == nil && f.ValueDate != nil {
			if d, ok := isoDate(f.ValueDate.FromBegin); ok {
				ds = []string{d}
			}
		}
		for _, d := range ds {
			e.BirthDates = appendUnique(e.BirthDates, d)
		}
	case lower == "place of birth":
		e.BirthPlaces = appendUnique(e.BirthPlaces, value)
	case lower == "nationality country":
		c := country()
		e.Nationalities = appendUnique(e.Nationalities, c)
		if len(c) == 2 {
			e.Countries = appendUnique(e.Countries, c)
		}
	case lower == "citizenship country":
		c := country()
		e.Nationalities = appendUnique(e.Nationalities, c)
		e.AddProperty("citizenship", c)
		if len(c) == 2 {
			e.Countries = appendUnique(e.Countries, c)
		}
	case lower == "gender":
		e.Gender = strings.ToLower(value)
	case lower == "website":
		e.Websites = appendUnique(e.Websites, value)
	case lower == "email address":
		e.Emails = appendUnique(e.Emails, value)
	case lower == "phone number" || lower == "telephone" || lower == "phone":
		e.Phones = appendUnique(e.Phones, value)
	case lower == "vessel call sign" || lower == "call sign":
		e.Identifiers = append(e.Identifiers, tripline.Identifier{Type: "call_sign", Value: value})
	case lower == "vessel flag" || lower == "nationality of registration":
		c := country()
		e.AddProperty(propKey(label), value)
		if len(c) == 2 {
			e.Countries = appendUnique(e.Countries, c)
		}
	case strings.HasPrefix(lower, "digital currency address"):
		cur := strings.TrimSpace(strings.TrimPrefix(label[len("digital currency address"):], " -"))
		e.Identifiers = append(e.Identifiers, tripline.Identifier{Type: "crypto_wallet", Value: value, Note: strings.TrimSpace(cur)})
	case identifierType(label) != "" || lower == "vessel imo" || lower == "imo":
		typ := identifierType(label)
		if typ == "" {
			typ = "imo"
		}
		id := er.cc.identifierValue(typ, value)
		if f.Comments != "" {
			id.Note = strings.TrimSpace(strings.TrimSpace(id.Note + " " + f.Comments))
		}
		e.Identifiers = append(e.Identifiers, id)
	default:
		key := propKey(label)
		v := value
		// Keep a qualifier such as "(CMIC)" or "(EO 14024 Directive 2)".
		if i := strings.Index(label, "("); i >= 0 {
			v = strings.TrimRight(label[i:], ": ") + " " + value
		}
		if f.Comments != "" {
			v += " " + strings.TrimSpace(f.Comments)
		}
		if key == "organization_established_date" {
			if d, ok := isoDate(value); ok {
				v = d
			}
		}
		e.AddProperty(key, v)
		if key == "listing_date" {
			if d, ok := isoDate(value); ok && len(d) == 10 && (e.ListedOn == "" || d < e.ListedOn) {
				e.ListedOn = d
			}
		}
	}
}

func (er *enhancedReader) document(e *tripline.Entity, doc xDocument) {
	label := strings.TrimSpace(doc.Type.Value)
	typ := identifierType(label)
	if typ == "" {
		typ = "other"
	}
	num := strings.TrimSpace(doc.Number)
	if num == "" {
		return
	}
	if typ == "imo" {
		num = strings.TrimSpace(strings.TrimPrefix(num, "IMO"))
	}
	id := tripline.Identifier{Type: typ, Value: num}
	if doc.Country.RefID != "" || doc.Country.Value != "" {
		id.Country = er.countryRef(doc.Country)
		if len(id.Country) != 2 {
			id.Country = ""
		}
	}
	var notes []string
	if typ == "other" {
		notes = append(notes, label)
	}
	if strings.EqualFold(strings.TrimSpace(doc.IsValid), "false") {
		notes = append(notes, "not valid")
	}
	if a := strings.TrimSpace(doc.Authority); a != "" {
		notes = append(notes, "issued by "+a)
	}
	if l := strings.TrimSpace(doc.Location); l != "" && er.cc.code(l) != id.Country {
		notes = append(notes, "issued in "+l)
	}
	id.Note = strings.Join(notes, "; ")
	e.Identifiers = append(e.Identifiers, id)
}
