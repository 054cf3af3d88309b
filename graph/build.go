package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// NodeKind is what a node stands for.
type NodeKind uint8

// Node kinds. Companies and people are the user's; listed nodes are list
// entities; the rest are attribute values shared by their holders.
const (
	NodeCompany NodeKind = iota + 1
	NodePerson
	NodeListed
	NodeAddress
	NodePhone
	NodeEmail
	NodeDomain
	NodeIdentifier
	NodeBatch // companies registered on one day at one address
)

var nodeKindNames = [...]string{"", "company", "person", "listed", "address", "phone", "email", "domain", "identifier", "batch"}

// String is the kind's name: company, person, listed, address, phone ...
func (k NodeKind) String() string {
	if int(k) < len(nodeKindNames) {
		return nodeKindNames[k]
	}
	return "unknown"
}

// EdgeKind is the relation an edge records.
type EdgeKind uint8

// Edge kinds. Has links a holder (company, listed entity) to an attribute
// value; Director and Owns run from a person or company to a company;
// SameAs from a user record to the listed entity it is; Shipment and
// Notify from a shipper to a consignee or notify party (W counts
// shipments); Linked between listed entities; Batch from a company to its
// registration batch.
const (
	EdgeHas EdgeKind = iota + 1
	EdgeDirector
	EdgeOwns
	EdgeSameAs
	EdgeShipment
	EdgeNotify
	EdgeLinked
	EdgeBatch
)

var edgeKindNames = [...]string{"", "has", "director", "owns", "same_as", "shipment", "notify_party", "linked_to", "batch"}

// String is the relation's name: has, director, owns, same_as ...
func (k EdgeKind) String() string {
	if int(k) < len(edgeKindNames) {
		return edgeKindNames[k]
	}
	return "unknown"
}

// edge is one half of a stored edge. out is true on the source's side.
// w is the share (Owns), the count (Shipment, Notify) or 1; c is the
// confidence of a resolved link (SameAs, name-resolved owners and
// shipment parties) or 1.
type edge struct {
	to   int32
	kind EdgeKind
	out  bool
	w, c float32
}

// Graph is the entity graph: nodes with int32 ids, adjacency in one flat
// array (CSR). It is read-only once built and safe for concurrent reads.
type Graph struct {
	params  Params
	kind    []NodeKind
	key     []string // record id, or the normalised value
	label   []string // display name or value
	ref     []int32  // index into companies / people / listed, -1 for values
	byKey   map[string]int32
	off     []int32
	adj     []edge
	holders []int32 // per value node: distinct holders (companies, listed)

	companies []*tripline.NetworkCompany
	people    []*tripline.NetworkPerson
	listed    []*tripline.Entity
	listedBy  []string // per listed entity: date by which it was listed
	birth     []string // per person: birth date
	warnings  []string
	// written holds how a holder writes a value it shares, where that
	// differs from the value node's label (the first holder's writing),
	// by holder<<32 | value node: each side of a shared value is shown
	// as it wrote it.
	written map[uint64]string
}

// Options configure Build. Zero values are defaults.
type Options struct {
	// Params are the weights and thresholds; zero means DefaultParams.
	Params *Params
	// Screener, when set, screens company and party names against the
	// listed entities in addition to the built-in matcher; its candidates
	// are verified like the built-in ones.
	Screener tripline.Screener
	// CountryName returns a country's English name for an ISO code, so
	// that "..., Hong Kong" and an address with country HK join.
	CountryName func(code string) string
	// CountryCode turns a country name or code into an ISO alpha-2 code
	// (to compare nationalities); nil compares as written.
	CountryCode func(name string) string
	// ListedBy returns the date (ISO) by which a listed entity was listed,
	// or "" when unknown; nil uses Entity.ListedOn.
	ListedBy func(e *tripline.Entity) string
	// AsOf is the reference date (ISO) for company age; "" leaves age out.
	AsOf string
}

type builder struct {
	g      *Graph
	opt    Options
	p      *Params
	from   []int32
	edges  []edge
	orgIdx *nameIndex // listed organisations and all listed names
	perIdx *nameIndex // listed people
	dobIdx map[string][]int32
	byYear map[string][]int32 // listed people by birth year
	// the records' companies by folded full name, and the sorted names
	// for truncated look-ups
	compByName  map[string][]int32
	compNames   []string
	listedByKey map[string]int32 // folded caption/alias → listed node
	lfacts      []facts          // per listed entity
	ltoks       [][]personName   // per listed person: its names
	compWords   [][]word         // per book company: the words of its name
}

// Build builds the graph of the user's records and the listed entities
// and resolves the records' companies, people, owners and shipment parties
// to listed entities. ctx bounds calls to opt.Screener.
func Build(ctx context.Context, recs *tripline.NetworkRecords, listed []*tripline.Entity, opt Options) (*Graph, error) {
	p := DefaultParams()
	if opt.Params != nil {
		p = *opt.Params
	}
	g := &Graph{params: p, byKey: map[string]int32{}}
	b := &builder{g: g, opt: opt, p: &g.params, orgIdx: newNameIndex(), perIdx: newNameIndex(),
		dobIdx: map[string][]int32{}, byYear: map[string][]int32{}, compByName: map[string][]int32{}, listedByKey: map[string]int32{}}
	if b.opt.CountryName == nil {
		b.opt.CountryName = func(string) string { return "" }
	}
	if b.opt.CountryCode == nil {
		b.opt.CountryCode = strings.ToUpper
	}
	for _, e := range listed {
		if e != nil {
			b.addListed(e)
		}
	}
	b.addListedLinks()
	people := map[string]int32{}
	for i := range recs.People {
		pr := &recs.People[i]
		if _, dup := people[pr.ID]; dup {
			g.warnings = append(g.warnings, fmt.Sprintf("person %s given twice; first kept", pr.ID))
			continue
		}
		n := b.node(NodePerson, "p:"+pr.ID, pr.ID, pr.Name, int32(len(g.people)))
		g.people = append(g.people, pr)
		g.birth = append(g.birth, pr.BirthDate)
		people[pr.ID] = n
	}
	type res struct {
		l    int32
		conf float64
	}
	pres := make([]res, len(g.people))
	parallel(len(g.people), func(i int) {
		pr := g.people[i]
		l, conf := b.resolvePerson(pr.Name, pr.BirthDate, pr.Nationality)
		pres[i] = res{l, conf}
	})
	for i, r := range pres {
		if r.l >= 0 {
			b.link(g.byKey["p:"+g.people[i].ID], r.l, EdgeSameAs, 1, float32(r.conf))
		}
	}
	comps := map[string]int32{}
	for i := range recs.Companies {
		c := &recs.Companies[i]
		if _, dup := comps[c.ID]; dup {
			g.warnings = append(g.warnings, fmt.Sprintf("company %s given twice; first kept", c.ID))
			continue
		}
		n := b.node(NodeCompany, "c:"+c.ID, c.ID, c.Name, int32(len(g.companies)))
		g.companies = append(g.companies, c)
		comps[c.ID] = n
		full := names.Normalize(c.Name)
		b.compByName[full] = append(b.compByName[full], n)
		ws := nameWords(c.Name, true)
		b.compWords = append(b.compWords, ws)
		if k := nameKey(ws); k != full {
			b.compByName[k] = append(b.compByName[k], n)
		}
	}
	for k := range b.compByName {
		b.compNames = append(b.compNames, k)
	}
	sort.Strings(b.compNames)
	for _, c := range g.companies {
		b.addCompanyAttrs(comps[c.ID], c)
	}
	// directors and owners, now that every company has a node
	for i := range g.companies {
		c := g.companies[i]
		n := comps[c.ID]
		seen := map[int32]bool{}
		for j, name := range c.Directors {
			var pn int32 = -1
			if j < len(c.DirectorIDs) {
				if x, ok := people[c.DirectorIDs[j]]; ok {
					pn = x
				}
			}
			if pn < 0 {
				pn = b.namedPerson(name)
			}
			if !seen[pn] {
				seen[pn] = true
				b.link(pn, n, EdgeDirector, 1, 1)
			}
		}
		for j := len(c.Directors); j < len(c.DirectorIDs); j++ {
			if x, ok := people[c.DirectorIDs[j]]; ok && !seen[x] {
				seen[x] = true
				b.link(x, n, EdgeDirector, 1, 1)
			}
		}
		for _, o := range c.Owners {
			if o.ID != "" {
				if x, ok := people[o.ID]; ok {
					b.link(x, n, EdgeOwns, float32(o.Share), 1)
					continue
				}
				if x, ok := comps[o.ID]; ok && x != n {
					b.link(x, n, EdgeOwns, float32(o.Share), 1)
					continue
				}
			}
			if x, conf := b.resolveParty(ctx, o.Name, c.Country, true); x >= 0 && x != n {
				b.link(x, n, EdgeOwns, float32(o.Share), float32(conf))
			} else if x < 0 && o.Name != "" {
				b.link(b.namedPerson(o.Name), n, EdgeOwns, float32(o.Share), 1)
			}
		}
	}
	if err := b.resolveCompanies(ctx); err != nil {
		return nil, err
	}
	b.addShipments(ctx, recs.Shipments)
	b.finish()
	return g, nil
}

// node returns the node with key k, adding it when new.
func (b *builder) node(kind NodeKind, k, id, label string, ref int32) int32 {
	if n, ok := b.g.byKey[k]; ok {
		return n
	}
	g := b.g
	n := int32(len(g.kind))
	g.kind = append(g.kind, kind)
	g.key = append(g.key, id)
	g.label = append(g.label, label)
	g.ref = append(g.ref, ref)
	g.byKey[k] = n
	return n
}

func (b *builder) link(from, to int32, kind EdgeKind, w, c float32) {
	b.from = append(b.from, from)
	b.edges = append(b.edges, edge{to: to, kind: kind, out: true, w: w, c: c})
}

// value adds a Has edge from holder to the attribute node of kind and key;
// label is the value as the holder writes it.
func (b *builder) value(holder int32, kind NodeKind, key, label string) {
	if key == "" {
		return
	}
	n := b.node(kind, kind.String()+":"+key, key, label, -1)
	if label != b.g.label[n] {
		if b.g.written == nil {
			b.g.written = map[uint64]string{}
		}
		b.g.written[uint64(holder)<<32|uint64(uint32(n))] = label
	}
	b.link(holder, n, EdgeHas, 1, 1)
}

// writtenBy returns value node v as holder h writes it.
func (g *Graph) writtenBy(h, v int32) string {
	if s, ok := g.written[uint64(h)<<32|uint64(uint32(v))]; ok {
		return s
	}
	return g.label[v]
}

func (b *builder) namedPerson(name string) int32 {
	k := nameKey(nameWords(name, false))
	return b.node(NodePerson, "pn:"+k, "name:"+k, name, -1)
}

func identKey(id tripline.Identifier) string {
	v := strings.ToUpper(names.Fold(id.Value))
	v = strings.ReplaceAll(v, " ", "")
	if len(v) < 4 {
		return ""
	}
	return strings.ToLower(id.Type) + ":" + v
}

func (b *builder) addListed(e *tripline.Entity) {
	g := b.g
	if _, dup := g.byKey["l:"+e.ID]; dup {
		return
	}
	ref := int32(len(g.listed))
	n := b.node(NodeListed, "l:"+e.ID, e.ID, e.Caption(), ref)
	g.listed = append(g.listed, e)
	by := e.ListedOn
	if b.opt.ListedBy != nil {
		by = b.opt.ListedBy(e)
	}
	g.listedBy = append(g.listedBy, by)
	person := e.Schema == tripline.SchemaPerson
	for _, nm := range e.Names {
		toks := nameWords(nm.Full, !person)
		if person {
			b.perIdx.add(n, toks)
		} else if e.Schema.IsParty() {
			b.orgIdx.add(n, toks)
		}
		if k := names.Normalize(nm.Full); k != "" {
			if _, ok := b.listedByKey[k]; !ok {
				b.listedByKey[k] = n
			}
		}
	}
	f := entityFacts(e)
	b.lfacts = append(b.lfacts, f)
	var pn []personName
	if person {
		pn = personNames(e)
	}
	b.ltoks = append(b.ltoks, pn)
	if person {
		// by full date; partial dates by year and name word ("p1957|ali")
		for _, d := range f.birthDates {
			if len(d) < 4 {
				continue
			}
			b.dobIdx[d] = append(b.dobIdx[d], n)
			if ys := b.byYear[d[:4]]; len(ys) == 0 || ys[len(ys)-1] != n {
				b.byYear[d[:4]] = append(ys, n)
			}
			if len(d) < 10 {
				// a partial date: by year and each word of each name
				seen := map[string]bool{}
				for _, nm := range e.Names {
					for _, t := range nameWords(nm.Full, false) {
						k := "p" + d[:4] + "|" + t.key
						if !seen[k] {
							seen[k] = true
							b.dobIdx[k] = append(b.dobIdx[k], n)
						}
					}
				}
			}
		}
	}
	for _, a := range e.Addresses {
		s := strings.Join(nonEmpty(a.Street, a.City, a.Region, a.PostalCode), ", ")
		if s == "" || (a.Street == "" && a.Full != "") {
			s = a.Full
		}
		b.value(n, NodeAddress, NormAddress(b.stripCountry(s, a.Country), ""), s)
	}
	region := b.listedRegion(e)
	for _, ph := range append(f.phones, e.Properties["fax"]...) {
		b.value(n, NodePhone, NormPhone(ph, region), strings.TrimSpace(ph))
	}
	for _, em := range f.emails {
		addr, dom := NormEmail(em)
		b.value(n, NodeEmail, addr, addr)
		if dom != "" && !names.IsFreeMail(dom) {
			b.value(n, NodeDomain, dom, dom)
		}
	}
	for _, d := range f.domains {
		if !names.IsFreeMail(d) {
			b.value(n, NodeDomain, d, d)
		}
	}
	for _, id := range e.Identifiers {
		b.value(n, NodeIdentifier, identKey(id), id.Type+" "+id.Value)
	}
}

// listedRegion is the country in which a listed entity's national phone
// numbers are read: its first country, else its first address's.
func (b *builder) listedRegion(e *tripline.Entity) string {
	for _, c := range e.Countries {
		if cc := b.opt.CountryCode(c); cc != "" {
			return cc
		}
	}
	for _, a := range e.Addresses {
		if cc := b.opt.CountryCode(a.Country); a.Country != "" && cc != "" {
			return cc
		}
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && s != "-0-" {
			out = append(out, s)
		}
	}
	return out
}

// addListedLinks adds the links between listed entities (by id, else by
// exact name).
func (b *builder) addListedLinks() {
	g := b.g
	for _, e := range g.listed {
		from := g.byKey["l:"+e.ID]
		for _, l := range e.Links {
			to, ok := g.byKey["l:"+l.TargetID]
			if !ok && l.TargetName != "" {
				to, ok = b.listedByKey[names.Normalize(l.TargetName)]
			}
			if ok && to != from {
				if l.Type == "owned_by" && l.Share > 0 {
					b.link(to, from, EdgeOwns, float32(l.Share), 1)
				} else {
					b.link(from, to, EdgeLinked, 1, 1)
				}
			}
		}
	}
}

func (b *builder) addCompanyAttrs(n int32, c *tripline.NetworkCompany) {
	addr := NormAddress(b.stripCountry(c.Address, c.Country), "")
	b.value(n, NodeAddress, addr, c.Address)
	b.value(n, NodePhone, NormPhone(c.Phone, b.opt.CountryCode(c.Country)), strings.TrimSpace(c.Phone))
	em, dom := NormEmail(c.Email)
	b.value(n, NodeEmail, em, em)
	if dom != "" && !names.IsFreeMail(dom) {
		b.value(n, NodeDomain, dom, dom)
	}
	if d := NormDomain(c.Website); d != "" && d != dom && !names.IsFreeMail(d) {
		b.value(n, NodeDomain, d, d)
	}
	for _, id := range c.Identifiers {
		b.value(n, NodeIdentifier, identKey(id), id.Type+" "+id.Value)
	}
	if addr != "" && len(c.Registered) >= 10 {
		b.value(n, NodeBatch, c.Registered[:10]+"|"+addr, "registered "+c.Registered[:10]+" at "+c.Address)
	}
}

// finish turns the edge list into the CSR arrays (both directions) and
// counts the holders of every value node.
func (b *builder) finish() {
	g := b.g
	nn := len(g.kind)
	deg := make([]int32, nn+1)
	for i, e := range b.edges {
		deg[b.from[i]]++
		deg[e.to]++
	}
	g.off = make([]int32, nn+1)
	for i := 0; i < nn; i++ {
		g.off[i+1] = g.off[i] + deg[i]
	}
	g.adj = make([]edge, g.off[nn])
	pos := make([]int32, nn)
	copy(pos, g.off[:nn])
	for i, e := range b.edges {
		f := b.from[i]
		g.adj[pos[f]] = e
		pos[f]++
		g.adj[pos[e.to]] = edge{to: f, kind: e.kind, out: false, w: e.w, c: e.c}
		pos[e.to]++
	}
	b.from, b.edges = nil, nil
	g.holders = make([]int32, nn)
	for v := 0; v < nn; v++ {
		if !g.kind[v].isValue() {
			continue
		}
		var cnt int32
		listed := false
		for _, e := range g.neighbours(int32(v)) {
			if g.isHolderEdge(int32(v), e) {
				if g.kind[e.to] == NodeListed || g.isListedRecord(e.to) {
					listed = true
				} else {
					cnt++
				}
			}
		}
		if listed {
			// the listed holders and the user's records of them count as
			// one: they are one party or one network
			cnt++
		}
		g.holders[v] = cnt
	}
}

func (k NodeKind) isValue() bool { return k >= NodeAddress || k == NodePerson }

// isHolderEdge reports whether e, seen from value node v, leads to a holder
// of v: a company or listed entity that has the attribute, or, for a
// person, a company the person directs or owns or the listed person the
// person is.
func (g *Graph) isHolderEdge(v int32, e edge) bool {
	if g.kind[v] == NodePerson {
		return (e.out && (e.kind == EdgeDirector || e.kind == EdgeOwns) && g.kind[e.to] == NodeCompany) ||
			(e.out && e.kind == EdgeSameAs)
	}
	return !e.out && (e.kind == EdgeHas || e.kind == EdgeBatch)
}

func (g *Graph) neighbours(n int32) []edge { return g.adj[g.off[n]:g.off[n+1]] }

// Nodes returns the number of nodes; Edges the number of stored edges.
func (g *Graph) Nodes() int { return len(g.kind) }

// Edges returns the number of edges (each stored once per direction).
func (g *Graph) Edges() int { return len(g.adj) / 2 }

// Warnings are non-fatal problems met while building.
func (g *Graph) Warnings() []string { return g.warnings }

// stripCountry drops a last comma-separated part of addr that names the
// country cc ("…, Kowloon, Hong Kong"; "…, Moscow, Russia").
func (b *builder) stripCountry(addr, cc string) string {
	if cc == "" {
		return addr
	}
	i := strings.LastIndexByte(addr, ',')
	if i < 0 {
		if b.opt.CountryCode(addr) == strings.ToUpper(cc) {
			return ""
		}
		return addr
	}
	last := strings.TrimSpace(addr[i+1:])
	if strings.EqualFold(last, cc) || names.Fold(last) == names.Fold(b.opt.CountryName(cc)) || b.opt.CountryCode(last) == strings.ToUpper(cc) {
		return addr[:i]
	}
	return addr
}

// isListedRecord reports whether company n is resolved to a listed entity.
func (g *Graph) isListedRecord(n int32) bool {
	if g.kind[n] != NodeCompany {
		return false
	}
	for _, e := range g.neighbours(n) {
		if e.kind == EdgeSameAs && e.out {
			return true
		}
	}
	return false
}
