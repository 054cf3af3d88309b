package decide

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/names"
)

// screenedRole reports whether parties in a role are screened: everyone
// but the seller, who is the user of the tool.
func screenedRole(role string) bool { return role != tripline.RoleSeller }

// partyQueries is the first half of the screening phase: one query per
// distinct name and country among the screened parties of txs (as
// Normalize returns them), and for each transaction and party the index
// of its query, or -1.
func partyQueries(txs []*tripline.Transaction) (queries []tripline.Query, keys []string, queryOf [][]int) {
	byKey := map[string]int{}
	queryOf = make([][]int, len(txs))
	for i, tx := range txs {
		queryOf[i] = make([]int, len(tx.Parties))
		for j, p := range tx.Parties {
			queryOf[i][j] = -1
			if !screenedRole(p.Role) || strings.TrimSpace(p.Name) == "" {
				continue
			}
			key := strings.TrimSpace(p.Name) + "\x00" + p.Country
			k, ok := byKey[key]
			if !ok {
				k = len(queries)
				byKey[key] = k
				queries = append(queries, tripline.Query{ID: strconv.Itoa(k), Name: p.Name, Country: p.Country, Type: partyType(p)})
				keys = append(keys, key)
			}
			queryOf[i][j] = k
		}
	}
	return queries, keys, queryOf
}

// screenQueries asks the screener for the queries the cache cannot answer,
// in one call, and returns every result by query index (nil where the
// screener gave none) with the screening versions: the algorithm and the
// snapshot of each list that answered.
func (c *Checker) screenQueries(ctx context.Context, queries []tripline.Query, keys []string) ([]*tripline.Result, map[string]string, error) {
	results := make([]*tripline.Result, len(queries))
	var todo []tripline.Query
	for k, q := range queries {
		if r, ok := c.cached(keys[k]); ok {
			r.ID = q.ID
			results[k] = &r
		} else {
			todo = append(todo, q)
		}
	}
	if len(todo) > 0 {
		fresh, err := c.Screener.Screen(ctx, todo, c.ScreenOptions)
		if err != nil {
			return nil, nil, err
		}
		for i := range fresh {
			k, err := strconv.Atoi(fresh[i].ID)
			if err != nil || k < 0 || k >= len(queries) {
				continue
			}
			c.remember(keys[k], fresh[i])
			results[k] = &fresh[i]
		}
	}
	versions := map[string]string{}
	for _, r := range results {
		if r == nil {
			continue
		}
		if r.Algorithm != "" {
			versions["screening"] = r.Algorithm
		}
		for src, id := range r.Snapshots {
			versions["list:"+src] = strconv.FormatInt(id, 10)
		}
	}
	return results, versions, nil
}

// partyHits is the second half of the screening phase: for each
// transaction, in the order of its parties, the best match of each source
// for every party (a party is one listed entity or none, but it may be on
// several lists).
func partyHits(txs []*tripline.Transaction, queryOf [][]int, results []*tripline.Result) [][]tripline.PartyHit {
	hits := make([][]tripline.PartyHit, len(txs))
	for i, tx := range txs {
		for j, p := range tx.Parties {
			k := queryOf[i][j]
			if k < 0 || results[k] == nil {
				continue
			}
			seen := map[string]bool{}
			for _, m := range results[k].Matches {
				if seen[m.Source] {
					continue
				}
				seen[m.Source] = true
				hits[i] = append(hits[i], tripline.PartyHit{
					Role: p.Role, Party: p.Name, ID: m.ID, Name: m.Name, Score: round(m.Score), Programs: m.Programs,
				})
			}
		}
	}
	return hits
}

// screenParties is the screening phase: every screened party of the batch
// screened once per name and country, the hits per transaction, and the
// versions of the screening ("none" without a screener).
func (c *Checker) screenParties(ctx context.Context, txs []*tripline.Transaction) ([][]tripline.PartyHit, map[string]string, error) {
	if c.Screener == nil {
		return make([][]tripline.PartyHit, len(txs)), map[string]string{"screening": "none"}, nil
	}
	queries, keys, queryOf := partyQueries(txs)
	if len(queries) == 0 {
		return make([][]tripline.PartyHit, len(txs)), map[string]string{}, nil
	}
	results, versions, err := c.screenQueries(ctx, queries, keys)
	if err != nil {
		return nil, nil, err
	}
	return partyHits(txs, queryOf, results), versions, nil
}

func (c *Checker) cached(key string) (tripline.Result, bool) {
	if c.CacheSize <= 0 {
		return tripline.Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.cache[key]
	return r, ok
}

func (c *Checker) remember(key string, r tripline.Result) {
	if c.CacheSize <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cache == nil || len(c.cache) >= c.CacheSize {
		c.cache = make(map[string]tripline.Result)
	}
	c.cache[key] = r
}

// partyType guesses "organization" from the name (a legal form or a word
// no person's name carries: names.LooksLikeOrganization), else "". A name
// without either is screened with no type, so a person and a company
// named like one are both found.
func partyType(p tripline.Party) string {
	if names.LooksLikeOrganization(p.Name) {
		return "organization"
	}
	return ""
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }
