package graph

import (
	"fmt"

	"github.com/tripline/tripline"
)

// viewID is the external id of node n: kind and key.
func (g *Graph) viewID(n int32) string { return g.kind[n].String() + ":" + g.key[n] }

// Lookup finds a node by a user-facing id: a company id, a person id, a
// listed entity id ("ofac-sdn:123"), or a view id ("phone:…").
func (g *Graph) Lookup(id string) (int32, bool) {
	for _, pre := range []string{"c:", "l:", "p:"} {
		if n, ok := g.byKey[pre+id]; ok {
			return n, true
		}
	}
	for k := NodeAddress; k <= NodeBatch; k++ {
		pre := k.String() + ":"
		if len(id) > len(pre) && id[:len(pre)] == pre {
			if n, ok := g.byKey[id]; ok {
				return n, true
			}
		}
	}
	for _, pre := range []string{"company:", "listed:", "person:"} {
		if len(id) > len(pre) && id[:len(pre)] == pre {
			return g.Lookup(id[len(pre):])
		}
	}
	return -1, false
}

// Neighbourhood returns the nodes within depth steps of id (at most limit
// nodes; value nodes held by more than 50 are shown but not expanded, so a
// registered-agent address does not pull in its hundreds of tenants).
// Unknown ids are a NotFound error.
func (g *Graph) Neighbourhood(id string, depth, limit int) (*tripline.NetworkView, error) {
	start, ok := g.Lookup(id)
	if !ok {
		return nil, tripline.Errorf(tripline.KindNotFound, "no node %q in the graph", id)
	}
	if limit <= 0 {
		limit = 200
	}
	v := &tripline.NetworkView{Center: g.viewID(start)}
	in := map[int32]bool{start: true}
	order := []int32{start}
	frontier := []int32{start}
	for d := 0; d < depth && len(frontier) > 0 && !v.Truncated; d++ {
		var next []int32
		for _, n := range frontier {
			if g.kind[n].isValue() && g.holders[n] > 50 && n != start {
				continue
			}
			for _, e := range g.neighbours(n) {
				if in[e.to] {
					continue
				}
				if len(order) >= limit {
					v.Truncated = true
					break
				}
				in[e.to] = true
				order = append(order, e.to)
				next = append(next, e.to)
			}
		}
		frontier = next
	}
	for _, n := range order {
		vn := tripline.NetworkNode{ID: g.viewID(n), Kind: g.kind[n].String(), Label: g.label[n]}
		if g.kind[n].isValue() {
			vn.Holders = int(g.holders[n])
		}
		v.Nodes = append(v.Nodes, vn)
		for _, e := range g.neighbours(n) {
			if e.out && in[e.to] {
				v.Edges = append(v.Edges, g.viewEdge(n, e))
			}
		}
	}
	return v, nil
}

func (g *Graph) viewEdge(from int32, e edge) tripline.NetworkEdge {
	ve := tripline.NetworkEdge{From: g.viewID(from), To: g.viewID(e.to), Kind: e.kind.String()}
	switch e.kind {
	case EdgeOwns:
		ve.Share = round4(float64(e.w))
	case EdgeShipment, EdgeNotify:
		ve.Count = int(e.w)
	}
	if e.c != 1 {
		ve.Confidence = round4(float64(e.c))
	}
	return ve
}

// ShortestPath returns the edges of a shortest path between two nodes
// (ids as for Lookup), not passing through values held by more than
// maxHolders (0: 50). No path is a NotFound error.
func (g *Graph) ShortestPath(a, b string, maxHolders int) ([]tripline.NetworkEdge, []tripline.NetworkNode, error) {
	na, ok := g.Lookup(a)
	if !ok {
		return nil, nil, tripline.Errorf(tripline.KindNotFound, "no node %q in the graph", a)
	}
	nb, ok := g.Lookup(b)
	if !ok {
		return nil, nil, tripline.Errorf(tripline.KindNotFound, "no node %q in the graph", b)
	}
	if maxHolders <= 0 {
		maxHolders = 50
	}
	prev := map[int32]int32{na: -1}
	prevEdge := map[int32]edge{}
	queue := []int32{na}
	for len(queue) > 0 && !has(prev, nb) {
		n := queue[0]
		queue = queue[1:]
		if n != na && g.kind[n].isValue() && int(g.holders[n]) > maxHolders {
			continue
		}
		for _, e := range g.neighbours(n) {
			if _, seen := prev[e.to]; seen {
				continue
			}
			prev[e.to] = n
			prevEdge[e.to] = e
			queue = append(queue, e.to)
		}
	}
	if !has(prev, nb) {
		return nil, nil, tripline.Errorf(tripline.KindNotFound, "no path from %s to %s (through values held by at most %d)", a, b, maxHolders)
	}
	var nodes []tripline.NetworkNode
	var edges []tripline.NetworkEdge
	for n := nb; n >= 0; n = prev[n] {
		vn := tripline.NetworkNode{ID: g.viewID(n), Kind: g.kind[n].String(), Label: g.label[n]}
		if g.kind[n].isValue() {
			vn.Holders = int(g.holders[n])
		}
		nodes = append([]tripline.NetworkNode{vn}, nodes...)
		if p := prev[n]; p >= 0 {
			e := prevEdge[n]
			var ve tripline.NetworkEdge
			if e.out {
				ve = g.viewEdge(p, e)
			} else {
				ve = g.viewEdge(n, edge{to: p, kind: e.kind, out: true, w: e.w, c: e.c})
			}
			edges = append([]tripline.NetworkEdge{ve}, edges...)
		}
	}
	return edges, nodes, nil
}

func has(m map[int32]int32, k int32) bool { _, ok := m[k]; return ok }

// Stats counts nodes by kind and edges by kind.
func (g *Graph) Stats() map[string]int {
	st := map[string]int{}
	for _, k := range g.kind {
		st["nodes_"+k.String()]++
	}
	for _, e := range g.adj {
		if e.out {
			st["edges_"+e.kind.String()]++
		}
	}
	return st
}

// String describes the graph's size.
func (g *Graph) String() string {
	return fmt.Sprintf("graph: %d nodes, %d edges", g.Nodes(), g.Edges())
}
