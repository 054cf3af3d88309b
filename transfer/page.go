package transfer

import (
	"context"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
)

// ListedRef is a listed entity a producer or network party is, as the
// current lists hold it.
type ListedRef struct {
	EntityID string   `json:"entity_id"`
	Name     string   `json:"name,omitempty"`
	Programs []string `json:"programs,omitempty"`
	// How is "id" for an id the catalogue stores, "name" for a match of
	// the screening index (with its Score).
	How   string  `json:"how"`
	Score float64 `json:"score,omitempty"`
	// InLists is false when the id is not in the lists loaded.
	InLists bool `json:"in_lists"`
}

// ProducerPage is a producer with the listed entities it is.
type ProducerPage struct {
	*Producer
	Entities []ListedRef `json:"entities"`
}

// HSRef is an HS code of a component with its CHPL tier.
type HSRef struct {
	Code        string `json:"code"`
	Description string `json:"description,omitempty"`
	CHPLTier    string `json:"chpl_tier,omitempty"`
	UAVCategory string `json:"uav_category,omitempty"`
}

// ComponentPage is a component with its HS codes' classifications.
type ComponentPage struct {
	Component
	HSCodes []HSRef `json:"hs_codes,omitempty"`
}

// NetworkPage is a designated network with its parties' listings.
type NetworkPage struct {
	*Network
	Listed []ListedRef `json:"listed"`
}

// SystemPage is everything known about one system: who makes it, who is
// listed for it, which components were found in it and how they are
// classified, which register rows and claims concern it.
type SystemPage struct {
	*System
	ProducerPages  []ProducerPage      `json:"producer_pages"`
	ComponentPages []ComponentPage     `json:"component_pages"`
	NetworkPages   []NetworkPage       `json:"network_pages"`
	Transfers      []tripline.Transfer `json:"transfers"`
	Claims         []tripline.Claim    `json:"claims"`
	Homonyms       []string            `json:"homonyms,omitempty"`
}

// PageSources are where a system page reads from; each may be nil.
type PageSources struct {
	Lists     tripline.Store
	Screener  tripline.Screener
	Transfers tripline.TransferStore
	Articles  tripline.ArticleStore
	Goods     *goods.Catalogue
}

// Page builds the page of s.
func (c *Catalogue) Page(ctx context.Context, s *System, src PageSources) (*SystemPage, error) {
	p := &SystemPage{System: s, ProducerPages: []ProducerPage{}, ComponentPages: []ComponentPage{}, NetworkPages: []NetworkPage{},
		Transfers: []tripline.Transfer{}, Claims: []tripline.Claim{}}
	for _, d := range append([]Designation{{Name: s.Name}}, s.Designations...) {
		for _, o := range c.Lookup(d.Name, "") {
			if o.ID != s.ID && !contains(p.Homonyms, o.ID) {
				p.Homonyms = append(p.Homonyms, o.ID)
			}
		}
	}
	for _, id := range s.Producers {
		pr, ok := c.Producer(id)
		if !ok {
			continue
		}
		pp := ProducerPage{Producer: pr, Entities: []ListedRef{}}
		pp.Entities = append(pp.Entities, listed(ctx, src, pr.Listed, append([]string{pr.Name}, pr.Aliases...))...)
		p.ProducerPages = append(p.ProducerPages, pp)
	}
	for _, comp := range s.Components {
		cp := ComponentPage{Component: comp}
		for _, hs := range comp.HS {
			ref := HSRef{Code: goods.Dotted(hs)}
			if src.Goods != nil {
				if code, ok := src.Goods.HS(hs); ok {
					ref.Description = code.Description
				}
				if e, ok := src.Goods.CHPL(hs); ok {
					ref.CHPLTier = e.Tier
				}
				if u, ok := src.Goods.UAV(hs); ok {
					ref.UAVCategory = u.Category
				}
			}
			cp.HSCodes = append(cp.HSCodes, ref)
		}
		p.ComponentPages = append(p.ComponentPages, cp)
	}
	for _, n := range c.Networks(s) {
		np := NetworkPage{Network: n, Listed: []ListedRef{}}
		for _, party := range n.Parties {
			var ids []string
			if party.Listed != "" {
				ids = []string{party.Listed}
			}
			np.Listed = append(np.Listed, listed(ctx, src, ids, []string{party.Name})...)
		}
		p.NetworkPages = append(p.NetworkPages, np)
	}
	if src.Transfers != nil {
		ts, _, err := src.Transfers.Transfers(ctx, tripline.TransferFilter{Systems: []string{s.ID}})
		if err != nil {
			return nil, err
		}
		p.Transfers = ts
	}
	if src.Articles != nil {
		cs, err := src.Articles.Claims(ctx, tripline.ClaimFilter{Systems: []string{s.ID}, Limit: 100})
		if err != nil {
			return nil, err
		}
		p.Claims = cs
	}
	return p, nil
}

// listed resolves stored ids against the lists, and, when there are none,
// names through the screening index.
func listed(ctx context.Context, src PageSources, ids, names []string) []ListedRef {
	var out []ListedRef
	for _, id := range ids {
		ref := ListedRef{EntityID: id, How: "id"}
		if src.Lists != nil {
			if e, err := src.Lists.Entity(ctx, id, 0); err == nil {
				ref.Name, ref.Programs, ref.InLists = e.Caption(), e.Programs, true
			}
		}
		out = append(out, ref)
	}
	if len(ids) > 0 || src.Screener == nil {
		return out
	}
	var qs []tripline.Query
	for _, n := range names {
		if len(n) >= 5 { // acronyms ("AIO") are no names to screen
			qs = append(qs, tripline.Query{ID: n, Name: n, Type: "organization"})
		}
	}
	if len(qs) == 0 {
		return out
	}
	res, err := src.Screener.Screen(ctx, qs, tripline.ScreenOptions{Threshold: 0.9, Limit: 3})
	if err != nil {
		return out
	}
	seen := map[string]bool{}
	for _, r := range res {
		for _, m := range r.Matches {
			if !seen[m.ID] {
				seen[m.ID] = true
				out = append(out, ListedRef{EntityID: m.ID, Name: m.Name, Programs: m.Programs, How: "name", Score: m.Score, InLists: true})
			}
		}
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
