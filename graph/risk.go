package graph

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

// Params are the weights and thresholds of resolution and risk
// propagation. They are versioned: change Version with any value, and
// every Result records it.
type Params struct {
	Version string `json:"version"`
	// FlagAt is the risk at which a company is flagged.
	FlagAt float64 `json:"flag_at"`
	// Strength of one shared value of each kind, before rarity damping.
	Address, Phone, Email, Domain, Identifier, Director, Batch float64
	// RarityK damps a value held by n companies by K/(K+n-2) (1 for two
	// holders): a registered-agent address with 100 tenants or a nominee
	// on 130 boards counts for ~4% of a rare one.
	RarityK float64 `json:"rarity_k"`
	// MinSameAs is the least confidence for a resolution link;
	// MinOrgNameSim and MinPersonNameSim the least name similarity looked
	// at; NameOnlyPersonConf the confidence given to a person known only by
	// name.
	MinSameAs, MinOrgNameSim, MinPersonNameSim, NameOnlyPersonConf float64
	// MinScreenerNameSim is the least word alignment (the built-in name
	// similarity) with which a candidate of Options.Screener counts: an
	// engine's score can pass over a distinctive extra word ("Shams *Gold*
	// Trading").
	MinScreenerNameSim float64 `json:"min_screener_name_sim"`
	// BlockConf is the least confidence with which a resolved owner counts
	// as blocked for the 50 % rule; BlockedRisk the risk of a company
	// blocked by it.
	BlockConf, BlockedRisk float64
	// Owner is the strength of a stake of 50 % or more (smaller stakes in
	// proportion) held by a risky owner.
	Owner float64
	// ShipmentStep and NotifyStep are the evidence of one shipment to a
	// risky consignee or notify party (repeated shipments combine);
	// Inbound scales shipments received from a risky shipper.
	ShipmentStep, NotifyStep, Inbound float64
	// Context factors raise an existing risk r by r(1-r)·boost: a company
	// younger than YoungYears at AsOf, in a hub jurisdiction, or
	// registered after its listed neighbour was designated.
	YoungYears                                  float64
	YoungBoost, HubBoost, AfterDesignationBoost float64
	Hubs                                        []string
	// HopDecay scales risk that a company has only by propagation (not by
	// being listed or blocked) when it passes it on: a front's neighbour is
	// less suspect than the front.
	HopDecay float64 `json:"hop_decay"`
	// Rounds is the number of propagation rounds (hops); MaxPaths the
	// paths reported per company.
	Rounds, MaxPaths int
}

// DefaultParams returns the current parameter set.
func DefaultParams() Params {
	return Params{
		Version: "graph-2", FlagAt: 0.5,
		Address: 0.7, Phone: 0.9, Email: 0.95, Domain: 0.85, Identifier: 0.95, Director: 0.8, Batch: 0.6,
		RarityK: 4, MinSameAs: 0.8, MinOrgNameSim: 0.85, MinPersonNameSim: 0.8, NameOnlyPersonConf: 0.6, MinScreenerNameSim: 0.8,
		BlockConf: 0.8, BlockedRisk: 0.95, Owner: 0.8,
		ShipmentStep: 0.25, NotifyStep: 0.2, Inbound: 0.5,
		YoungYears: 2, YoungBoost: 0.1, HubBoost: 0.05, AfterDesignationBoost: 0.3,
		Hubs:     []string{"AE", "HK", "MO", "TR", "CN", "AM", "GE", "KZ", "KG", "UZ", "TJ", "MY", "SG", "ID", "RS", "IN", "TH"},
		HopDecay: 0.7, Rounds: 4, MaxPaths: 3,
	}
}

func (p *Params) strength(k NodeKind) float64 {
	switch k {
	case NodeAddress:
		return p.Address
	case NodePhone:
		return p.Phone
	case NodeEmail:
		return p.Email
	case NodeDomain:
		return p.Domain
	case NodeIdentifier:
		return p.Identifier
	case NodePerson:
		return p.Director
	case NodeBatch:
		return p.Batch
	}
	return 0
}

func (p *Params) damp(n int32) float64 {
	if n <= 2 {
		return 1
	}
	return p.RarityK / (p.RarityK + float64(n-2))
}

// ev is one piece of evidence for a company: a first step towards a
// listed party.
type ev struct {
	w     float64
	kind  EdgeKind // SameAs, Has (shared value), Director (shared person), Owns, Shipment, Notify
	via   int32    // the shared value or person, -1 for direct edges
	other int32    // the node on the far side
	n     int32    // holders of via
	x     float64  // extra: share, count
	in    bool     // shipment received
}

// Result is the risk of one company with its explanation; Path, Step and
// Factor are its parts. They are the vocabulary's types, named here as the
// graph has always named them.
type (
	Result = tripline.NetworkRisk
	Path   = tripline.NetworkPath
	Step   = tripline.NetworkStep
	Factor = tripline.NetworkFactor
)

// Scores are the results of Score, by company id and in the records' order.
type Scores struct {
	Results []Result
	byID    map[string]int
}

// Ranked returns the results by falling risk (the records' order among equals),
// the risk list of the API; flaggedOnly keeps the flagged.
func (s *Scores) Ranked(flaggedOnly bool) []Result {
	out := make([]Result, 0, len(s.Results))
	for _, r := range s.Results {
		if r.Flagged || !flaggedOnly {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Risk > out[j].Risk })
	return out
}

// Get returns the result of company id.
func (s *Scores) Get(id string) (Result, bool) {
	i, ok := s.byID[id]
	if !ok {
		return Result{}, false
	}
	return s.Results[i], true
}

type scorer struct {
	g       *Graph
	p       *Params
	r       []float64 // identity or propagated risk per node
	ident   []float64 // risk by identity: listed or resolved to a listed entity
	blocked []bool
	evs     [][]ev // per company (by ref)
	top     map[int32][2]holderRisk
}

// Score propagates risk from the listed entities and explains every
// company's score. asOf (ISO date, may be "") dates company age.
func (g *Graph) Score(asOf string) *Scores {
	s := &scorer{g: g, p: &g.params, r: make([]float64, len(g.kind)), blocked: make([]bool, len(g.kind)),
		evs: make([][]ev, len(g.companies))}
	for n, k := range g.kind {
		switch k {
		case NodeListed:
			s.r[n], s.blocked[n] = 1, true
		case NodePerson, NodeCompany:
			for _, e := range g.neighbours(int32(n)) {
				if e.kind == EdgeSameAs && e.out {
					s.r[n] = max(s.r[n], float64(e.c))
				}
			}
			s.blocked[n] = s.r[n] >= s.p.BlockConf
		}
	}
	s.fixpoint()
	// identity risk passes on undamped; a company blocked by the 50 % rule
	// is one hop from its owners, so its neighbours get that risk damped
	s.ident = append([]float64(nil), s.r...)
	comp := s.companyNodes()
	for round := 0; round < s.p.Rounds; round++ {
		s.top = map[int32][2]holderRisk{}
		next := make([][]ev, len(g.companies))
		for i, n := range comp {
			next[i] = s.evidence(n)
		}
		s.evs = next
		for i, n := range comp {
			s.r[n] = noisyOr(s.evs[i])
		}
	}
	out := &Scores{byID: make(map[string]int, len(comp))}
	for i, n := range comp {
		out.byID[g.key[n]] = i
		out.Results = append(out.Results, s.result(i, n, asOf))
	}
	return out
}

func (s *scorer) companyNodes() []int32 {
	out := make([]int32, len(s.g.companies))
	for n, k := range s.g.kind {
		if k == NodeCompany {
			out[s.g.ref[n]] = int32(n)
		}
	}
	return out
}

// fixpoint applies the 50 % rule: a company is blocked when blocked owners
// hold 50 % or more of it in aggregate, to a fixpoint.
func (s *scorer) fixpoint() {
	g := s.g
	for changed := true; changed; {
		changed = false
		for n, k := range g.kind {
			if k != NodeCompany || s.blocked[n] {
				continue
			}
			var share float64
			for _, e := range g.neighbours(int32(n)) {
				if e.kind == EdgeOwns && !e.out && s.blocked[e.to] && float64(e.c) >= s.p.BlockConf {
					share += float64(e.w)
				}
			}
			if share >= 0.5-1e-9 {
				s.blocked[n] = true
				changed = true
			}
		}
	}
}

func noisyOr(evs []ev) float64 {
	q := 1.0
	for _, e := range evs {
		q *= 1 - e.w
	}
	return 1 - q
}

// riskExcept is x's risk leaving out evidence that came from c or through
// the value via: what x tells c without echoing c back.
func (s *scorer) riskExcept(x, c, via int32) float64 {
	g := s.g
	if g.kind[x] != NodeCompany {
		return s.r[x]
	}
	id := s.ident[x]
	q := 1.0
	for _, e := range s.evs[g.ref[x]] {
		if e.other == c || (via >= 0 && e.via == via) || e.kind == EdgeSameAs {
			continue
		}
		q *= 1 - e.w
	}
	return 1 - (1-id)*(1-s.p.HopDecay*(1-q))
}

// evidence lists the first steps from company c towards listed parties.
func (s *scorer) evidence(c int32) []ev {
	g, p := s.g, s.p
	var out []ev
	add := func(e ev) {
		if e.w >= 0.005 {
			out = append(out, e)
		}
	}
	seenPerson := map[int32]bool{}
	for _, e := range g.neighbours(c) {
		switch {
		case e.kind == EdgeSameAs && e.out:
			add(ev{w: float64(e.c), kind: EdgeSameAs, via: -1, other: e.to})
		case e.kind == EdgeHas && e.out:
			add(s.shared(c, e.to, p.strength(g.kind[e.to])))
		case (e.kind == EdgeDirector || e.kind == EdgeOwns) && !e.out && g.kind[e.to] == NodePerson:
			if !seenPerson[e.to] {
				seenPerson[e.to] = true
				x := s.shared(c, e.to, p.Director)
				x.kind = EdgeDirector
				add(x)
			}
			if e.kind == EdgeOwns {
				add(s.owner(c, e))
			}
		case e.kind == EdgeOwns && !e.out:
			add(s.owner(c, e))
		case (e.kind == EdgeShipment || e.kind == EdgeNotify) && g.kind[e.to] != NodePerson:
			step := p.ShipmentStep
			if e.kind == EdgeNotify {
				step = p.NotifyStep
			}
			w := (1 - math.Pow(1-step, float64(e.w))) * float64(e.c) * s.riskExcept(e.to, c, -1)
			if !e.out {
				w *= p.Inbound
			}
			add(ev{w: w, kind: e.kind, via: -1, other: e.to, x: float64(e.w), in: !e.out})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].w > out[j].w })
	return out
}

// shared is the evidence c draws from value v: the riskiest other holder,
// damped by how many hold v.
func (s *scorer) shared(c, v int32, strength float64) ev {
	g := s.g
	n := g.holders[v]
	if n < 2 || strength == 0 {
		return ev{}
	}
	d := s.p.damp(n)
	if strength*d < 0.005 {
		return ev{}
	}
	best, bx := 0.0, int32(-1)
	if n > 50 {
		// a hub value: its two riskiest holders, once per round
		t := s.topHolders(v)
		for _, h := range t {
			if h.n >= 0 && h.n != c {
				best, bx = h.r, h.n
				break
			}
		}
	} else {
		for _, e := range g.neighbours(v) {
			if e.to == c || !g.isHolderEdge(v, e) {
				continue
			}
			if r := s.riskExcept(e.to, c, v) * float64(e.c); r > best {
				best, bx = r, e.to
			}
		}
	}
	if bx < 0 {
		return ev{}
	}
	return ev{w: strength * d * best, kind: EdgeHas, via: v, other: bx, n: n}
}

type holderRisk struct {
	n int32
	r float64
}

// topHolders returns the two riskiest holders of value v this round.
func (s *scorer) topHolders(v int32) [2]holderRisk {
	if t, ok := s.top[v]; ok {
		return t
	}
	t := [2]holderRisk{{-1, 0}, {-1, 0}}
	for _, e := range s.g.neighbours(v) {
		if !s.g.isHolderEdge(v, e) {
			continue
		}
		r := s.r[e.to] * float64(e.c)
		switch {
		case r > t[0].r:
			t[1], t[0] = t[0], holderRisk{e.to, r}
		case r > t[1].r:
			t[1] = holderRisk{e.to, r}
		}
	}
	s.top[v] = t
	return t
}

// owner is the evidence of owner edge e into c: blocked under the 50 %
// rule, or a risky owner's stake.
func (s *scorer) owner(c int32, e edge) ev {
	share := float64(e.w)
	o := e.to
	r := s.r[o]
	if s.g.kind[o] == NodeCompany {
		r = s.riskExcept(o, c, -1)
	}
	w := s.p.Owner * min(1, share/0.5) * r * float64(e.c)
	if s.blocked[c] && s.blocked[o] && float64(e.c) >= s.p.BlockConf {
		w = max(w, s.p.BlockedRisk)
	}
	return ev{w: w, kind: EdgeOwns, via: -1, other: o, x: share}
}

// result turns company i's evidence into its explained Result.
func (s *scorer) result(i int, c int32, asOf string) Result {
	g, p := s.g, s.p
	co := g.companies[i]
	res := Result{ID: co.ID, Name: co.Name, LinkedTo: []string{}, Paths: []Path{}, Params: p.Version}
	risk := noisyOr(s.evs[i])
	seen := map[string]bool{}
	for _, e := range s.evs[i] {
		if len(res.Paths) >= p.MaxPaths {
			break
		}
		path, ok := s.path(c, e, map[int32]bool{c: true}, 0)
		if !ok {
			continue
		}
		res.Paths = append(res.Paths, path)
		if !seen[path.To] {
			seen[path.To] = true
			res.LinkedTo = append(res.LinkedTo, path.To)
		}
		if e.via >= 0 {
			// a value several listed parties hold links to each of them
			for _, h := range g.neighbours(e.via) {
				if g.kind[h.to] == NodeListed && g.isHolderEdge(e.via, h) && !seen[g.key[h.to]] && len(res.LinkedTo) < 20 {
					seen[g.key[h.to]] = true
					res.LinkedTo = append(res.LinkedTo, g.key[h.to])
				}
			}
		}
	}
	if risk > 0 && len(res.Paths) > 0 {
		var boost float64
		if asOf != "" && co.Registered != "" {
			if age, ok := years(co.Registered, asOf); ok && age >= 0 && age < p.YoungYears {
				boost += p.YoungBoost
				res.Factors = append(res.Factors, Factor{Kind: "young_company", Detail: fmt.Sprintf("registered %s, %.1f years before %s", co.Registered, age, asOf), Effect: p.YoungBoost})
			}
		}
		if co.Country != "" && contains(p.Hubs, strings.ToUpper(co.Country)) {
			boost += p.HubBoost
			res.Factors = append(res.Factors, Factor{Kind: "hub_jurisdiction", Detail: "registered in " + strings.ToUpper(co.Country) + ", a transshipment hub", Effect: p.HubBoost})
		}
		if l, ok := g.byKey["l:"+res.Paths[0].To]; ok && co.Registered != "" {
			if by := g.listedBy[g.ref[l]]; by != "" && co.Registered > by {
				boost += p.AfterDesignationBoost
				res.Factors = append(res.Factors, Factor{Kind: "registered_after_designation",
					Detail: fmt.Sprintf("registered %s, after %s (%s) was listed (by %s)", co.Registered, g.label[l], g.key[l], by), Effect: p.AfterDesignationBoost})
			}
		}
		risk = min(1, risk+risk*(1-risk)*boost)
	}
	res.Risk = math.Round(risk*10000) / 10000
	res.Flagged = res.Risk >= p.FlagAt
	return res
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func years(from, to string) (float64, bool) {
	a, err1 := time.Parse("2006-01-02", from[:min(10, len(from))])
	b, err2 := time.Parse("2006-01-02", to[:min(10, len(to))])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return b.Sub(a).Hours() / 24 / 365.25, true
}

// path follows evidence e from node c until a listed entity, through each
// company's best evidence not yet visited.
func (s *scorer) path(c int32, e ev, visited map[int32]bool, depth int) (Path, bool) {
	g := s.g
	if depth > 6 || e.other < 0 || visited[e.other] {
		return Path{}, false
	}
	st := s.step(c, e)
	x := e.other
	if g.kind[x] == NodeListed {
		return Path{To: g.key[x], ToName: g.label[x], Score: round4(e.w), Steps: []Step{st}}, true
	}
	if g.kind[x] == NodePerson {
		// an owner known by name only, resolved to a listed person
		for _, pe := range g.neighbours(x) {
			if pe.kind == EdgeSameAs && pe.out {
				st2 := s.step(x, ev{w: float64(pe.c), kind: EdgeSameAs, via: -1, other: pe.to})
				return Path{To: g.key[pe.to], ToName: g.label[pe.to], Score: round4(e.w), Steps: []Step{st, st2}}, true
			}
		}
		return Path{}, false
	}
	visited[x] = true
	defer delete(visited, x)
	for _, next := range s.evs[g.ref[x]] {
		if visited[next.other] || next.other == c {
			continue
		}
		if rest, ok := s.path(x, next, visited, depth+1); ok {
			return Path{To: rest.To, ToName: rest.ToName, Score: round4(e.w), Steps: append([]Step{st}, rest.Steps...)}, true
		}
	}
	return Path{}, false
}

func round4(f float64) float64 { return math.Round(f*10000) / 10000 }

// name is "CAPTION (id)".
func (g *Graph) name(n int32) string {
	return fmt.Sprintf("%s (%s)", g.label[n], g.key[n])
}

// step describes evidence e of node c in words.
func (s *scorer) step(c int32, e ev) Step {
	g := s.g
	st := Step{From: g.key[c], To: g.key[e.other], Weight: round4(e.w)}
	switch e.kind {
	case EdgeSameAs:
		st.Relation = "same_as"
		st.Evidence = fmt.Sprintf("%s is %s (confidence %.2f)", g.label[c], g.name(e.other), e.w)
	case EdgeHas:
		k := g.kind[e.via]
		st.Relation = "shares_" + k.String()
		st.FromValue, st.ToValue = g.writtenBy(c, e.via), g.writtenBy(e.other, e.via)
		st.Value = st.FromValue
		if k == NodePhone || k == NodeEmail || k == NodeDomain {
			st.Value = g.key[e.via] // its normal form: E.164, lower case
		}
		st.Holders = int(e.n)
		st.Evidence = fmt.Sprintf("shares %s %s (%d holders) with %s", k, st.Value, e.n, g.name(e.other))
		switch {
		case st.FromValue != st.ToValue:
			st.Evidence += fmt.Sprintf(": written %q here, %q there", st.FromValue, st.ToValue)
		case st.FromValue != st.Value:
			st.Evidence += fmt.Sprintf(", written %q by both", st.FromValue)
		}
	case EdgeDirector:
		st.Relation = "shares_person"
		st.Value = g.label[e.via]
		st.Holders = int(e.n)
		if g.kind[e.other] == NodeListed {
			var conf float32
			for _, pe := range g.neighbours(e.via) {
				if pe.kind == EdgeSameAs && pe.to == e.other {
					conf = pe.c
				}
			}
			detail := "name and nationality"
			if r := g.ref[e.via]; r >= 0 && g.birth[r] != "" {
				detail = "name and birth date " + g.birth[r]
			}
			st.Relation = "director_is_listed"
			st.Evidence = fmt.Sprintf("director/owner %s (%s) is %s: %s agree (confidence %.2f)", g.label[e.via], g.key[e.via], g.name(e.other), detail, conf)
		} else {
			st.Evidence = fmt.Sprintf("shares director/owner %s (%s, %d roles) with %s", g.label[e.via], g.key[e.via], e.n, g.name(e.other))
		}
	case EdgeOwns:
		st.Relation = "owned_by"
		st.Evidence = fmt.Sprintf("owned %.0f%% by %s", e.x*100, g.name(e.other))
		if s.blocked[c] && s.blocked[e.other] {
			st.Evidence += "; blocked under the 50% rule"
		}
	case EdgeShipment, EdgeNotify:
		role := "consignee"
		if e.kind == EdgeNotify {
			role = "notify party"
		}
		st.Relation = e.kind.String()
		if e.in {
			st.Evidence = fmt.Sprintf("received %s from %s (as %s)", shipments(int(e.x)), g.name(e.other), role)
		} else {
			st.Evidence = fmt.Sprintf("shipped %s to %s as %s", times(int(e.x)), g.name(e.other), role)
		}
	}
	return st
}
