// Package ftm reads and writes FollowTheMoney (FtM) entities, the data
// model of OpenSanctions and Aleph, and reads OpenSanctions'
// targets.simple.csv export.
//
// FtM JSON lines hold one entity per line: {id, schema, properties:
// {prop: [values]}, caption, datasets, referents, target, first_seen,
// last_seen}. Person, Company, Organization, PublicBody, LegalEntity,
// Vessel and Airplane entities become tripline.Entity values; the entities
// that only describe them are folded in: Address, Identification and
// Passport into their holder, Sanction into its entity's programmes and
// listing date, Occupancy into its holder's "position" property, and the
// relationship schemata (Ownership, Directorship, Family, Associate,
// UnknownLink, Succession, Membership, Employment, Representation) into
// Links. Any other property is kept in Properties under its FtM name.
//
// Ids. Read with a fixed source (the default "os"), an FtM entity with id
// X becomes "os:X". Write emits each entity under an FtM id made from its
// full Tripline id (FtMID: "ofac-sdn:306" is "ofac-sdn.306"; source ids
// of different sources collide, full ids do not) with datasets [source,
// ...]; ReadJSON with an empty Source reads such a file back into the
// original sources and ids, and Read (the import) does so for an export of
// a single source.
//
// Validity. Write emits only what the FtM model accepts (model.json, the
// facts of the reference model) and keeps the rest in the entities' notes,
// which the reader puts back (notes.go): import, export and import again
// gives the same entities.
package ftm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/internal/country"
)

// Source is the default source id of FtM and OpenSanctions data.
const Source = "os"

// Format names in ingest's format table.
const (
	FormatJSON = "ftm-json"
	FormatCSV  = "os-targets-csv"
)

// maxLine bounds one JSON line.
const maxLine = 64 << 20

// Entity is one FtM entity as it appears in JSON lines.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Caption    string              `json:"caption,omitempty"`
	Datasets   []string            `json:"datasets,omitempty"`
	Referents  []string            `json:"referents,omitempty"`
	Target     *bool               `json:"target,omitempty"`
	FirstSeen  string              `json:"first_seen,omitempty"`
	LastSeen   string              `json:"last_seen,omitempty"`
	LastChange string              `json:"last_change,omitempty"`
}

// DetectJSON reports whether a file's first bytes are FtM JSON lines: a
// JSON object with "id", "schema" and "properties" keys.
func DetectJSON(name string, head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return bytes.Contains(line, []byte(`"schema"`)) && bytes.Contains(line, []byte(`"properties"`)) && bytes.Contains(line, []byte(`"id"`))
}

// Options tune ReadJSON.
type Options struct {
	// Source is the source of every entity read. Empty means: take it from
	// each entity's first dataset and its id from the FtM id, as Write
	// emits them (round trip).
	Source string
}

// Read parses files, each FtM JSON lines, into one dataset of source "os",
// except that a Tripline export of a single source (see Write) is read
// back into that source with its original ids.
func Read(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error) {
	r := newReader(Options{Source: Source})
	total := fileutil.TotalSize(files...)
	var base int64
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, &tripline.Error{Op: "ftm.Read", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
		}
		c := &fileutil.Counter{R: f, Base: base, Total: total, Progress: opt.Progress}
		err = r.parse(ctx, c, path)
		f.Close()
		if err != nil {
			return nil, err
		}
		base += c.N
	}
	if src := r.exportSource(); src != "" {
		// A Tripline export of one source is read back into that source.
		r.opt.Source = ""
	}
	ds := r.dataset()
	ds.Files = files
	return ds, nil
}

// exportSource returns the source of a Tripline FtM export of a single
// source: every entity's id is "SOURCE:..." with SOURCE its first dataset,
// the same for all. It returns "" for any other FtM data.
func (r *reader) exportSource() string {
	src := ""
	for _, e := range r.things {
		id := e.ID
		if orig, ok := r.ids[id]; ok {
			id = orig
		} else if dec, ok := DecodeID(id); ok {
			id = dec
		}
		if len(e.Datasets) == 0 || !strings.HasPrefix(id, e.Datasets[0]+":") || (src != "" && e.Datasets[0] != src) {
			return ""
		}
		src = e.Datasets[0]
	}
	return src
}

// ReadJSON reads FtM JSON lines from r; file names it in errors and
// warnings.
func ReadJSON(ctx context.Context, r io.Reader, file string, opt Options) (*tripline.Dataset, error) {
	rd := newReader(opt)
	if err := rd.parse(ctx, r, file); err != nil {
		return nil, err
	}
	return rd.dataset(), nil
}

type reader struct {
	opt     Options
	things  []*Entity
	others  []*Entity // relationship, sanction, address ... entities
	byID    map[string]*Entity
	skipped map[string]int
	// addrHolders maps Address entity ids to the things that refer to them.
	addrHolders map[string][]*tripline.Entity
	// ids are the Tripline ids of things whose FtM id is a hash (FtMID).
	ids   map[string]string
	file  string
	warns []string
}

func newReader(opt Options) *reader {
	return &reader{opt: opt, byID: map[string]*Entity{}, skipped: map[string]int{}, ids: map[string]string{}}
}

func (r *reader) parse(ctx context.Context, in io.Reader, file string) error {
	r.file = file
	br := bufio.NewReaderSize(in, 1<<20)
	var line []byte
	for n := 1; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var err error
		line, err = readLine(br, line[:0])
		if err != nil && err != io.EOF {
			if errors.Is(err, errLineTooLong) {
				return fileutil.Errf(file, n, "line longer than 64 MiB")
			}
			return &tripline.Error{Op: "ftm.Read", Kind: tripline.KindInvalid, Msg: "cannot read " + file, Err: err}
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			e, jerr := decodeEntity(t)
			if jerr != nil {
				return fileutil.Errf(file, n, "not an FtM JSON entity: %v (truncated line?)", jerr)
			}
			if e.ID == "" || e.Schema == "" {
				return fileutil.Errf(file, n, "FtM entity without id or schema")
			}
			restore(e)
			if _, dup := r.byID[e.ID]; dup {
				r.warns = append(r.warns, fmt.Sprintf("%s:%d: duplicate id %q, later entity ignored", file, n, e.ID))
			} else {
				r.byID[e.ID] = e
				if _, ok := thingSchemata[e.Schema]; ok {
					if orig := first(e.Properties[keyID]); orig != "" {
						r.ids[e.ID] = orig
					}
					r.things = append(r.things, e)
				} else {
					r.others = append(r.others, e)
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// decodeEntity decodes one FtM JSON object leniently: FtM data in the
// wild writes single property values as bare strings, and some exports put
// objects where strings belong; those are kept as compact JSON text.
func decodeEntity(b []byte) (*Entity, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	e := &Entity{
		ID:         text(raw["id"]),
		Schema:     text(raw["schema"]),
		Caption:    text(raw["caption"]),
		Datasets:   values(raw["datasets"]),
		Referents:  values(raw["referents"]),
		FirstSeen:  text(raw["first_seen"]),
		LastSeen:   text(raw["last_seen"]),
		LastChange: text(raw["last_change"]),
		Properties: map[string][]string{},
	}
	if t, ok := raw["target"]; ok {
		var v bool
		if json.Unmarshal(t, &v) == nil {
			e.Target = &v
		}
	}
	if p, ok := raw["properties"]; ok {
		var props map[string]json.RawMessage
		if err := json.Unmarshal(p, &props); err != nil {
			return nil, fmt.Errorf("properties: %v", err)
		}
		for k, v := range props {
			if vs := values(v); len(vs) > 0 {
				e.Properties[k] = vs
			}
		}
	}
	return e, nil
}

// text returns a JSON string's value, other scalars as written, objects
// and arrays as compact JSON, and "" for null or absent.
func text(m json.RawMessage) string {
	m = bytes.TrimSpace(m)
	if len(m) == 0 || string(m) == "null" {
		return ""
	}
	if m[0] == '"' {
		var s string
		if json.Unmarshal(m, &s) == nil {
			return s
		}
	}
	var buf bytes.Buffer
	if json.Compact(&buf, m) == nil {
		return buf.String()
	}
	return string(m)
}

// values returns the values of a JSON array (or of a single value), each
// as text, without empty ones.
func values(m json.RawMessage) []string {
	m = bytes.TrimSpace(m)
	if len(m) == 0 {
		return nil
	}
	if m[0] != '[' {
		if s := strings.TrimSpace(text(m)); s != "" {
			return []string{s}
		}
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(m, &items) != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		if s := strings.TrimSpace(text(it)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// errLineTooLong is readLine's error for a line over maxLine.
var errLineTooLong = errors.New("line too long")

// readLine reads one line without its newline, bounded by maxLine.
func readLine(br *bufio.Reader, buf []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxLine {
			return nil, errLineTooLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

// tid returns the Tripline id and source of an FtM entity id.
func (r *reader) tid(ftmID string, datasets []string) (id, source, sourceID string) {
	if r.opt.Source != "" {
		return r.opt.Source + ":" + ftmID, r.opt.Source, ftmID
	}
	if orig, ok := r.ids[ftmID]; ok {
		ftmID = orig // a hashed FtM id: the Tripline id from its note
	} else if dec, ok := DecodeID(ftmID); ok {
		ftmID = dec
	}
	if len(datasets) > 0 && strings.HasPrefix(ftmID, datasets[0]+":") {
		return ftmID, datasets[0], ftmID[len(datasets[0])+1:]
	}
	if src, sid, ok := strings.Cut(ftmID, ":"); ok && tokenRe.MatchString(strings.ReplaceAll(src, "-", "_")) {
		return ftmID, src, sid
	}
	return Source + ":" + ftmID, Source, ftmID
}

// refID returns the Tripline id an FtM reference points at.
func (r *reader) refID(ref string) string {
	if e, ok := r.byID[ref]; ok {
		id, _, _ := r.tid(e.ID, e.Datasets)
		return id
	}
	if r.opt.Source == "" {
		if dec, ok := DecodeID(ref); ok {
			ref = dec
		}
	}
	id, _, _ := r.tid(ref, nil)
	return id
}

func (r *reader) dataset() *tripline.Dataset {
	out := make([]*tripline.Entity, 0, len(r.things))
	index := map[string]*tripline.Entity{}
	sources := map[string]int{}
	for _, fe := range r.things {
		e := r.entity(fe)
		out = append(out, e)
		index[fe.ID] = e
		sources[e.Source]++
	}
	r.addrHolders = map[string][]*tripline.Entity{}
	for _, fe := range r.things {
		for _, ref := range fe.Properties["addressEntity"] {
			r.addrHolders[ref] = append(r.addrHolders[ref], index[fe.ID])
		}
	}
	for _, fe := range r.others {
		r.fold(fe, index)
	}
	for _, e := range out {
		finish(e)
	}
	var skipped []string
	for s, n := range r.skipped {
		skipped = append(skipped, fmt.Sprintf("%s %d", s, n))
	}
	sort.Strings(skipped)
	if len(skipped) > 0 {
		r.warns = append(r.warns, fmt.Sprintf("%s: entities of schemata Tripline does not keep were skipped: %s", r.file, strings.Join(skipped, ", ")))
	}
	src := r.opt.Source
	if src == "" {
		// The dataset's source is the most frequent one.
		best := 0
		for s, n := range sources {
			if n > best || (n == best && s < src) {
				src, best = s, n
			}
		}
		if src == "" {
			src = Source
		}
	}
	return &tripline.Dataset{Source: src, Format: FormatJSON, PublishedAt: publishedAt(out), Entities: out, Warnings: r.warns}
}

// entity maps one FtM thing.
func (r *reader) entity(fe *Entity) *tripline.Entity {
	id, src, sid := r.tid(fe.ID, fe.Datasets)
	e := &tripline.Entity{ID: id, Source: src, SourceID: sid, Schema: thingSchemata[fe.Schema]}
	p := fe.Properties
	// Names: every "name" is primary, the caption first.
	names := slices.Clone(p["name"])
	if i := slices.Index(names, fe.Caption); i > 0 {
		names[0], names[i] = names[i], names[0]
	}
	for i, n := range names {
		nm := tripline.Name{Full: n, Kind: tripline.NamePrimary, Script: listutil.Script(n)}
		if i == 0 && e.Schema == tripline.SchemaPerson {
			for _, pp := range partProps {
				for _, v := range p[pp.Prop] {
					if v = strings.TrimSpace(v); v != "" {
						nm.Parts = append(nm.Parts, tripline.NamePart{Type: pp.Type, Value: v})
					}
				}
			}
		}
		listutil.AddName(e, nm)
	}
	for _, n := range p["alias"] {
		listutil.AddName(e, tripline.Name{Full: n, Kind: tripline.NameAlias, Qualifier: "aka", Script: listutil.Script(n)})
	}
	for _, n := range p["previousName"] {
		listutil.AddName(e, tripline.Name{Full: n, Kind: tripline.NameAlias, Qualifier: "fka", Script: listutil.Script(n)})
	}
	for _, n := range p["weakAlias"] {
		listutil.AddName(e, tripline.Name{Full: n, Kind: tripline.NameWeak, Script: listutil.Script(n)})
	}
	for _, v := range p[keyName] {
		// [KIND, QUALIFIER, LANG, NAME]: what FtM's name properties do
		// not say of a name (see notes.go)
		var parts []string
		if json.Unmarshal([]byte(v), &parts) != nil || len(parts) != 4 {
			continue
		}
		for i := range e.Names {
			if n := &e.Names[i]; string(n.Kind) == parts[0] && n.Full == parts[3] {
				n.Qualifier, n.Lang = parts[1], parts[2]
			}
		}
	}
	if len(e.Names) > 0 && e.Names[0].Kind != tripline.NamePrimary && len(p["name"]) == 0 && fe.Caption != "" {
		listutil.AddName(e, tripline.Name{Full: fe.Caption, Kind: tripline.NamePrimary, Script: listutil.Script(fe.Caption)})
	}
	e.BirthDates = listutil.AppendUnique(e.BirthDates, trimAll(p["birthDate"])...)
	e.BirthPlaces = listutil.AppendUnique(e.BirthPlaces, trimAll(p["birthPlace"])...)
	for _, c := range append(slices.Clone(p["nationality"]), p["citizenship"]...) {
		e.Nationalities = listutil.AppendUnique(e.Nationalities, countryCode(c))
	}
	for _, c := range p["country"] {
		e.Countries = listutil.AppendUnique(e.Countries, countryCode(c))
	}
	for _, g := range p["gender"] {
		if e.Gender == "" {
			e.Gender = strings.ToLower(strings.TrimSpace(g))
		}
	}
	for _, a := range p["address"] {
		listutil.AddAddress(e, tripline.Address{Full: strings.TrimSpace(a)})
	}
	for _, ip := range identifierProps {
		typ := ip.Type
		if ip.Prop == "registrationNumber" && e.Schema == tripline.SchemaAirplane {
			typ = "aircraft_tail"
		}
		for _, v := range p[ip.Prop] {
			listutil.AddIdentifier(e, tripline.Identifier{Type: typ, Value: strings.TrimSpace(v)})
		}
	}
	e.Emails = listutil.AppendUnique(e.Emails, trimAll(p["email"])...)
	e.Phones = listutil.AppendUnique(e.Phones, trimAll(p["phone"])...)
	e.Websites = listutil.AppendUnique(e.Websites, trimAll(p["website"])...)
	e.Programs = listutil.AppendUnique(e.Programs, trimAll(p["program"])...)
	for _, n := range p["notes"] {
		addRemark(e, n)
	}
	for _, l := range p[keyLink] {
		if lk, ok := parseNameLink(l); ok && !slices.Contains(e.Links, lk) {
			e.Links = append(e.Links, lk)
		}
	}
	for _, v := range p[keyIdentifier] {
		var parts []string
		if json.Unmarshal([]byte(v), &parts) == nil && len(parts) == 4 && parts[3] != "" {
			listutil.AddIdentifier(e, tripline.Identifier{Type: parts[0], Country: parts[1], Note: parts[2], Value: parts[3]})
		}
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		if !mapped[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		listutil.AddProp(e, strings.TrimPrefix(k, escapedProp), p[k]...)
	}
	ds := fe.Datasets
	if r.opt.Source == "" && len(ds) > 0 {
		ds = ds[1:]
	}
	for _, d := range ds {
		if d != r.opt.Source {
			listutil.AddProp(e, "datasets", d)
		}
	}
	listutil.AddProp(e, "first_seen", fe.FirstSeen)
	listutil.AddProp(e, "last_seen", fe.LastSeen)
	listutil.AddProp(e, "last_change", fe.LastChange)
	if fe.Target != nil {
		listutil.AddProp(e, "target", strconv.FormatBool(*fe.Target))
	}
	listutil.AddProp(e, "referents", fe.Referents...)
	return e
}

// fold merges a non-thing entity into the things it refers to.
func (r *reader) fold(fe *Entity, index map[string]*tripline.Entity) {
	p := fe.Properties
	holders := func(prop string) []*tripline.Entity {
		var out []*tripline.Entity
		for _, ref := range p[prop] {
			if e := index[ref]; e != nil {
				out = append(out, e)
			}
		}
		return out
	}
	if rel := relationBySchema(fe.Schema); rel != nil {
		r.relation(fe, rel, index)
		return
	}
	switch fe.Schema {
	case "Sanction":
		for _, e := range holders("entity") {
			progs := trimAll(p["program"])
			if len(progs) == 0 {
				progs = trimAll(p["programId"])
			}
			e.Programs = listutil.AppendUnique(e.Programs, progs...)
			for _, d := range append(trimAll(p["listingDate"]), trimAll(p["startDate"])...) {
				if d != "" && (e.ListedOn == "" || d < e.ListedOn) {
					e.ListedOn = d
				}
			}
			for _, reason := range p["reason"] {
				addRemark(e, reason)
			}
		}
	case "Address":
		a := tripline.Address{
			Full:       first(p["full"]),
			Street:     first(p["street"]),
			City:       first(p["city"]),
			Region:     first(p["region"]),
			PostalCode: first(p["postalCode"]),
			Country:    countryCode(first(p["country"])),
		}
		for _, e := range r.addrHolders[fe.ID] {
			listutil.AddAddress(e, a)
		}
	case "Identification", "Passport":
		typ := "passport"
		if fe.Schema == "Identification" {
			typ = identificationType(first(p["type"]))
		}
		for _, e := range holders("holder") {
			for _, num := range trimAll(p["number"]) {
				listutil.AddIdentifier(e, tripline.Identifier{Type: typ, Value: num, Country: countryCode(first(p["country"])), Note: first(p["summary"])})
			}
		}
	case "Occupancy":
		// The post is a Position entity; some exports list it under holder.
		var posts []string
		for _, ref := range append(slices.Clone(p["post"]), p["holder"]...) {
			if pe := r.byID[ref]; pe != nil && pe.Schema == "Position" {
				posts = append(posts, pe.Properties["name"]...)
			}
		}
		for _, e := range holders("holder") {
			listutil.AddProp(e, "position", posts...)
		}
	default:
		r.skipped[fe.Schema]++
	}
}

func identificationType(t string) string {
	t = strings.TrimSpace(t)
	if t == "" {
		return "other"
	}
	if tokenRe.MatchString(t) {
		return t
	}
	if v, ok := identificationTypes[strings.ToLower(t)]; ok {
		return v
	}
	return "other"
}

// relation turns a relationship entity into links.
func (r *reader) relation(fe *Entity, rel *relation, index map[string]*tripline.Entity) {
	p := fe.Properties
	role := first(p["role"])
	share := 0.0
	if pct := strings.TrimSpace(strings.TrimSuffix(first(p["percentage"]), "%")); pct != "" {
		if v, err := strconv.ParseFloat(pct, 64); err == nil && v > 0 && v <= 100 {
			share = v / 100
		}
	}
	onTo := rel.DefTo
	typeFrom, typeTo := rel.FromType, rel.ToType
	switch {
	case role == "" || !tokenRe.MatchString(role):
	case role == rel.FromType:
		onTo = false
	case role == rel.ToType:
		onTo = true
	case rel.Schema == "UnknownLink":
		// A Tripline link type that no FtM schema carries.
		typeFrom, onTo = role, false
	}
	for _, a := range p[rel.From] {
		for _, b := range p[rel.To] {
			holder, target, typ := a, b, typeFrom
			if onTo {
				holder, target, typ = b, a, typeTo
			}
			e := index[holder]
			if e == nil {
				continue
			}
			l := tripline.Link{Type: typ, TargetID: r.refID(target), Share: share}
			if t := index[target]; t != nil {
				l.TargetName = t.Caption()
			}
			if !slices.Contains(e.Links, l) {
				e.Links = append(e.Links, l)
			}
		}
	}
}

// parseNameLink reads a link the writer kept in a note: the JSON list
// [type, share, target id, target name]; or, as exports before notes wrote
// it, "type|share|target name".
func parseNameLink(s string) (tripline.Link, bool) {
	if strings.HasPrefix(s, "[") {
		var parts []string
		if json.Unmarshal([]byte(s), &parts) != nil || len(parts) != 4 || parts[0] == "" || parts[2] == "" && parts[3] == "" {
			return tripline.Link{}, false
		}
		l := tripline.Link{Type: parts[0], TargetID: parts[2], TargetName: parts[3]}
		if parts[1] != "" {
			v, err := strconv.ParseFloat(parts[1], 64)
			if err != nil || v < 0 || v > 1 {
				return tripline.Link{}, false
			}
			l.Share = v
		}
		return l, true
	}
	parts := strings.SplitN(s, "|", 3)
	if len(parts) != 3 || parts[0] == "" || parts[2] == "" {
		return tripline.Link{}, false
	}
	l := tripline.Link{Type: parts[0], TargetName: parts[2]}
	if parts[1] != "" {
		v, err := strconv.ParseFloat(parts[1], 64)
		if err != nil || v < 0 || v > 1 {
			return tripline.Link{}, false
		}
		l.Share = v
	}
	return l, true
}

func finish(e *tripline.Entity) {
	if len(e.Names) == 0 || slices.ContainsFunc(e.Names, func(n tripline.Name) bool { return n.Kind == tripline.NamePrimary }) {
		return
	}
	e.Names[0].Kind = tripline.NamePrimary
}

func addRemark(e *tripline.Entity, s string) {
	if s = strings.TrimSpace(s); s != "" && !strings.Contains(e.Remarks, s) {
		e.Remarks = listutil.Join("\n", e.Remarks, s)
	}
}

func first(vs []string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func trimAll(vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// countryCode upper-cases an FtM country code ("ru" → "RU"); names are
// resolved, anything else is kept as given.
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) == 2 && country.Valid(s) {
		return strings.ToUpper(s)
	}
	if len(s) > 3 {
		if cc := country.Code(s); cc != "" {
			return cc
		}
	}
	return s
}

// publishedAt is the export date of OpenSanctions data: the latest
// last_seen date of its entities, or "" when they carry none.
func publishedAt(entities []*tripline.Entity) string {
	latest := ""
	for _, e := range entities {
		for _, v := range e.Properties["last_seen"] {
			if len(v) >= 10 && v[:10] > latest && isDate(v[:10]) {
				latest = v[:10]
			}
		}
	}
	return latest
}

func isDate(s string) bool {
	for i, c := range []byte(s) {
		if (i == 4 || i == 7) != (c == '-') || (c != '-' && (c < '0' || c > '9')) {
			return false
		}
	}
	return len(s) == 10
}
