package graph

import (
	"context"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// dateAgree compares a user's birth date with a listed person's dates:
// 2 when one full date is equal, 1 when they agree only as far as the less
// precise one goes (a year, a month), 0 otherwise.
func dateAgree(dob string, listed []string) int {
	best := 0
	for _, d := range listed {
		switch {
		case d == dob && len(d) >= 10:
			return 2
		case d == dob, len(d) < len(dob) && strings.HasPrefix(dob, d), len(dob) < len(d) && strings.HasPrefix(d, dob):
			best = 1
		}
	}
	return best
}

// resolvePerson links a book person to the listed person it is. A name
// alone is not enough: the birth dates must agree (then conf is high), or,
// without a birth date, a near-exact name and an agreeing nationality give
// a low confidence that never blocks on its own.
func (b *builder) resolvePerson(name, dob, nat string) (int32, float64) {
	toks := nameWords(name, false)
	if len(toks) < 2 {
		return -1, 0
	}
	g := b.g
	var best int32 = -1
	bestConf := 0.0
	try := func(l int32, agree int) {
		sim := personMatch(toks, b.ltoks[g.ref[l]])
		var conf float64
		switch agree {
		case 2:
			conf = 0.55 + 0.4*sim
		case 1:
			conf = 0.4 + 0.4*sim
		default:
			if sim < 0.95 {
				return
			}
			conf = 0.35 + 0.25*sim
		}
		if sim < b.p.MinPersonNameSim {
			return
		}
		switch b.natAgree(nat, b.lfacts[g.ref[l]].nationalities) {
		case 1:
			conf += 0.03
		case -1:
			conf -= 0.2
		case 0:
			if agree == 0 {
				return // name only needs an agreeing nationality
			}
		}
		if conf > bestConf {
			best, bestConf = l, conf
		}
	}
	seen := map[int32]bool{}
	if dob != "" {
		var cands []int32
		if len(dob) >= 10 {
			cands = append(cands, b.dobIdx[dob[:10]]...)
		}
		if len(dob) >= 4 {
			// listed people with a partial date in that year sharing a word
			for _, t := range toks {
				cands = append(cands, b.dobIdx["p"+dob[:4]+"|"+t.key]...)
			}
			if len(dob) < 10 {
				cands = append(cands, b.byYear[dob[:4]]...)
			}
		}
		for _, l := range cands {
			if seen[l] {
				continue
			}
			seen[l] = true
			if a := dateAgree(dob, b.lfacts[g.ref[l]].birthDates); a > 0 {
				try(l, a)
			}
		}
	} else {
		b.perIdx.candidates(toks, func(id int32) {
			l := b.perIdx.owner[id]
			if !seen[l] {
				seen[l] = true
				try(l, 0)
			}
		})
	}
	if best >= 0 && bestConf >= b.p.MinSameAs {
		return best, min(bestConf, 1)
	}
	return -1, 0
}

// parallel calls fn(i) for i in [0, n) on GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/256))
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// personName is one name of a listed person: its words and, where the
// source gives name parts, the words of the family name.
type personName struct {
	toks, family []word
}

func personNames(e *tripline.Entity) []personName {
	var out []personName
	for _, n := range e.Names {
		pn := personName{toks: nameWords(n.Full, false)}
		for _, p := range n.Parts {
			if p.Type == "family" {
				pn.family = append(pn.family, nameWords(p.Value, false)...)
			}
		}
		out = append(out, pn)
	}
	return out
}

// personMatch is the best similarity of toks with any name of a listed
// person; a name whose family name is known must have it matched.
func personMatch(toks []word, names []personName) float64 {
	best := 0.0
	for _, n := range names {
		short, long := min(len(toks), len(n.toks)), max(len(toks), len(n.toks))
		ex := exactShared(toks, n.toks)
		if short == 0 || (float64(ex)+0.95*float64(short-ex))/float64(short)-0.05*float64(long-short) <= max(best, 0.79) {
			continue
		}
		s := personSimilarity(toks, n.toks)
		if s <= best || (len(n.family) > 0 && !anyTokenMatch(toks, n.family)) {
			continue
		}
		best = s
	}
	return best
}

func anyTokenMatch(a, b []word) bool {
	for i := range a {
		for j := range b {
			if wordScore(&a[i], &b[j]) >= 0.8 {
				return true
			}
		}
	}
	// "JASHN SAZ" written as one word
	one := joined(b)
	whole := word{key: one, phon: names.Phonetic(one), plain: true, h: keyHash(one)}
	for i := range a {
		if wordScore(&a[i], &whole) >= 0.8 {
			return true
		}
	}
	return false
}

// natAgree: 1 when nat is among listed, -1 when both are known and differ,
// 0 when either is unknown.
func (b *builder) natAgree(nat string, listed []string) int {
	if nat == "" || len(listed) == 0 {
		return 0
	}
	u := b.opt.CountryCode(nat)
	for _, l := range listed {
		if b.opt.CountryCode(l) == u {
			return 1
		}
	}
	return -1
}

// countryAgree compares a country code with a listed entity's countries
// and address countries: 1, -1 or 0 (unknown).
func (b *builder) countryAgree(country string, e *tripline.Entity) int {
	if country == "" {
		return 0
	}
	u := b.opt.CountryCode(country)
	known := false
	for _, c := range e.Countries {
		known = true
		if b.opt.CountryCode(c) == u {
			return 1
		}
	}
	for _, a := range e.Addresses {
		if a.Country != "" {
			known = true
			if b.opt.CountryCode(a.Country) == u {
				return 1
			}
		}
	}
	if known {
		return -1
	}
	return 0
}

// orgMatch finds the listed organisation a company name is, with a
// confidence from the name similarity and the country.
func (b *builder) orgMatch(name, country string) (int32, float64) {
	return b.orgMatchWords(nameWords(name, true), country)
}

// orgMatchWords is orgMatch for a name already in words.
func (b *builder) orgMatchWords(toks []word, country string) (int32, float64) {
	if len(toks) == 0 {
		return -1, 0
	}
	g := b.g
	var best int32 = -1
	bestConf := 0.0
	qh := hasHani(toks)
	b.orgIdx.candidates(toks, func(id int32) {
		cand, hani := b.orgIdx.names[id], qh || b.orgIdx.hani[id]
		if simBound(toks, cand, hani) < b.p.MinOrgNameSim {
			return
		}
		sim := similarity(toks, cand, hani)
		if sim < b.p.MinOrgNameSim {
			return
		}
		if s2 := similarity(cand, toks, hani); s2 < sim {
			sim = s2
			if sim < b.p.MinOrgNameSim {
				return
			}
		}
		l := b.orgIdx.owner[id]
		e := g.listed[g.ref[l]]
		ca := b.countryAgree(country, e)
		if len(toks) == 1 || len(cand) == 1 {
			// one-word names are common words too often
			if sim < 1 || ca < 0 {
				return
			}
		}
		conf := sim + 0.05*float64(ca)
		if ca < 0 {
			conf -= 0.1
		}
		if conf > bestConf {
			best, bestConf = l, conf
		}
	})
	return best, min(bestConf, 1)
}

// alignment is the word alignment of a company's words with the name a
// screener matched (or, when it does not say, the best of the entity's
// names), the smaller of both directions as in orgMatch.
func (b *builder) alignment(ws []word, matched string, e *tripline.Entity) float64 {
	best := 0.0
	try := func(name string) {
		cand := nameWords(name, true)
		best = max(best, min(nameSimilarity(ws, cand), nameSimilarity(cand, ws)))
	}
	if matched != "" {
		try(matched)
		return best
	}
	for _, n := range e.Names {
		try(n.Full)
	}
	return best
}

// resolveParty resolves a name as written in an owner list or a shipment
// manifest: a book company (by its exact or truncated name), else a listed
// party. It returns -1 when nothing fits.
func (b *builder) resolveParty(ctx context.Context, name, country string, allowPerson bool) (int32, float64) {
	f := names.Normalize(name)
	if f == "" {
		return -1, 0
	}
	if n := b.oneCompany(b.compByName[f], country); n >= 0 {
		return n, 1
	}
	if n := b.oneCompany(b.compByName[nameKey(nameWords(name, true))], country); n >= 0 {
		return n, 0.95
	}
	if len(f) >= 15 {
		// a manifest cuts long names: "UNITYPATH SOLUTIONS DIS TICARE"
		i := sort.SearchStrings(b.compNames, f)
		if i < len(b.compNames) && strings.HasPrefix(b.compNames[i], f) &&
			(i+1 == len(b.compNames) || !strings.HasPrefix(b.compNames[i+1], f)) {
			if n := b.oneCompany(b.compByName[b.compNames[i]], country); n >= 0 {
				return n, 0.9
			}
		}
	}
	if l, ok := b.listedByKey[f]; ok {
		return l, 1
	}
	l, conf := b.orgMatch(name, country)
	if l >= 0 && conf >= b.p.MinSameAs {
		return l, conf
	}
	if allowPerson {
		toks := nameWords(name, false)
		var best int32 = -1
		bestSim := 0.0
		b.perIdx.candidates(toks, func(id int32) {
			if s := personMatch(toks, b.ltoks[b.g.ref[b.perIdx.owner[id]]]); s > bestSim {
				best, bestSim = b.perIdx.owner[id], s
			}
		})
		if best >= 0 && bestSim >= 0.95 {
			// a name alone: two people may share it
			return best, b.p.NameOnlyPersonConf
		}
	}
	return -1, 0
}

// resolveCompanies links book companies to the listed entity each is, from
// the name (built-in matcher and the injected screener), raised by shared
// identifiers, addresses, phones or e-mails with that entity.
func (b *builder) resolveCompanies(ctx context.Context) error {
	g := b.g
	vals := map[int32]map[int32]bool{} // holder → value nodes
	for i, e := range b.edges {
		if e.kind == EdgeHas && g.kind[e.to] != NodeBatch {
			h := b.from[i]
			if vals[h] == nil {
				vals[h] = map[int32]bool{}
			}
			vals[h][e.to] = true
		}
	}
	type cand struct {
		l    int32
		conf float64
	}
	found := make([]cand, len(g.companies))
	parallel(len(g.companies), func(i int) {
		c := g.companies[i]
		l, conf := b.orgMatchWords(b.compWords[i], c.Country)
		found[i] = cand{l, conf}
	})
	best := make(map[int32]cand)
	for i, c := range g.companies {
		if found[i].l >= 0 {
			best[g.byKey["c:"+c.ID]] = found[i]
		}
	}
	if b.opt.Screener != nil {
		const chunk = 500
		for i := 0; i < len(g.companies); i += chunk {
			var qs []tripline.Query
			for _, c := range g.companies[i:min(i+chunk, len(g.companies))] {
				qs = append(qs, tripline.Query{ID: c.ID, Name: c.Name, Type: "organization", Country: c.Country})
			}
			res, err := b.opt.Screener.Screen(ctx, qs, tripline.ScreenOptions{Limit: 3})
			if err != nil {
				return &tripline.Error{Op: "graph.Build", Kind: tripline.ErrorKind(err), Msg: "screening company names", Err: err}
			}
			for _, r := range res {
				n, ok := g.byKey["c:"+r.ID]
				if !ok {
					continue
				}
				c := g.companies[g.ref[n]]
				ws := b.compWords[g.ref[n]]
				for _, m := range r.Matches {
					l, ok := g.byKey["l:"+m.ID]
					if !ok {
						continue
					}
					// a fuzzy engine's name score needs corroboration: the
					// words must align, the score counts 0.1 less, and the
					// country as for our own
					if b.alignment(ws, m.MatchedName, g.listed[g.ref[l]]) < b.p.MinScreenerNameSim {
						continue
					}
					ca := b.countryAgree(c.Country, g.listed[g.ref[l]])
					conf := m.Score - 0.1 + 0.05*float64(ca)
					if ca < 0 {
						conf -= 0.1
					}
					if conf > best[n].conf {
						best[n] = cand{l, conf}
					}
				}
			}
		}
	}
	for n, cd := range best {
		conf := cd.conf
		shared := 0
		for v := range vals[n] {
			if vals[cd.l][v] {
				shared++
			}
		}
		conf += 0.1 * float64(min(shared, 2))
		if conf >= b.p.MinSameAs {
			b.link(n, cd.l, EdgeSameAs, 1, float32(min(conf, 1)))
		}
	}
	return nil
}

// addShipments adds one Shipment (and Notify) edge per shipper and party
// pair, counting the shipments.
func (b *builder) addShipments(ctx context.Context, ships []tripline.NetworkShipment) {
	type key struct {
		from, to int32
		kind     EdgeKind
	}
	type agg struct {
		n    int
		conf float64
	}
	type rk struct{ name, country string }
	cache := map[rk]struct {
		n    int32
		conf float64
	}{}
	resolve := func(name, country string) (int32, float64) {
		k := rk{names.Normalize(name), country}
		if r, ok := cache[k]; ok {
			return r.n, r.conf
		}
		n, c := b.resolveParty(ctx, name, country, false)
		cache[k] = struct {
			n    int32
			conf float64
		}{n, c}
		return n, c
	}
	counts := map[key]*agg{}
	var order []key
	for _, s := range ships {
		from, fc := resolve(s.Shipper, s.Origin)
		if from < 0 {
			continue
		}
		for _, p := range []struct {
			name string
			kind EdgeKind
		}{{s.Consignee, EdgeShipment}, {s.NotifyParty, EdgeNotify}} {
			if p.name == "" {
				continue
			}
			to, tc := resolve(p.name, s.Destination)
			if to < 0 || to == from {
				continue
			}
			if b.g.kind[from] != NodeCompany && b.g.kind[to] != NodeCompany {
				continue
			}
			k := key{from, to, p.kind}
			a := counts[k]
			if a == nil {
				a = &agg{conf: 1}
				counts[k] = a
				order = append(order, k)
			}
			a.n++
			a.conf = min(a.conf, fc*tc)
		}
	}
	for _, k := range order {
		a := counts[k]
		b.link(k.from, k.to, k.kind, float32(a.n), float32(a.conf))
	}
}

// oneCompany picks the one book company among ns, using the country when
// several share a name; -1 when none or still several.
func (b *builder) oneCompany(ns []int32, country string) int32 {
	if len(ns) == 1 {
		return ns[0]
	}
	if country == "" || len(ns) == 0 {
		return -1
	}
	found := int32(-1)
	for _, n := range ns {
		if strings.EqualFold(b.g.companies[b.g.ref[n]].Country, country) {
			if found >= 0 {
				return -1
			}
			found = n
		}
	}
	return found
}
