package webui

import (
	"math"
	"sort"
)

// layout places a neighbourhood's nodes for drawing, as a radial tree:
// the centre in the middle, each other node on the ring of its distance
// from the centre, in the angular sector of the node it was reached from,
// a sector as wide as the part of the tree below it (so a hub's many
// neighbours fan out and a chain stays narrow); rings are pushed out where
// they hold many nodes. A few passes then push apart nodes that still sit
// too close. It is deterministic — the same view is always drawn the same
// — and cheap: O(n) for the tree, O(passes·n²) for the spacing, a few
// milliseconds for 500 nodes.
//
// adj holds each node's neighbours by index; centre is the centre's
// index. The positions are in a width×height box with a margin.
func layout(n int, adj [][]int, centre int, width, height float64) (xs, ys []float64, hop []int) {
	xs, ys = make([]float64, n), make([]float64, n)
	hop = make([]int, n)
	if n == 0 {
		return
	}
	for i := range hop {
		hop[i] = -1
	}
	parent := make([]int, n)
	children := make([][]int, n)
	hop[centre], parent[centre] = 0, -1
	order := []int{centre}
	for q := 0; q < len(order); q++ {
		v := order[q]
		for _, w := range adj[v] {
			if hop[w] < 0 {
				hop[w], parent[w] = hop[v]+1, v
				children[v] = append(children[v], w)
				order = append(order, w)
			}
		}
	}
	// nodes the centre does not reach hang from the centre one ring
	// further out than the rest
	maxHop := hop[order[len(order)-1]]
	for i := range hop {
		if hop[i] < 0 {
			hop[i], parent[i] = maxHop+1, centre
			children[centre] = append(children[centre], i)
			order = append(order, i)
		}
	}
	// the weight of a subtree: its leaves
	weight := make([]float64, n)
	for k := len(order) - 1; k >= 0; k-- {
		v := order[k]
		if len(children[v]) == 0 {
			weight[v] = 1
		}
		if p := parent[v]; p >= 0 {
			weight[p] += weight[v]
		}
	}
	// sectors, from the centre outwards: each node's angle
	angle := make([]float64, n)
	lo, hi := make([]float64, n), make([]float64, n)
	lo[centre], hi[centre] = 0, 2*math.Pi
	for _, v := range order {
		at := lo[v]
		span := hi[v] - lo[v]
		kids := children[v]
		// the heaviest subtrees in the middle of the sector keep them
		// away from their neighbours' sectors
		sort.SliceStable(kids, func(i, j int) bool { return weight[kids[i]] < weight[kids[j]] })
		mid := make([]int, 0, len(kids))
		for i, k := range kids {
			if i%2 == 0 {
				mid = append(mid, k)
			} else {
				mid = append([]int{k}, mid...)
			}
		}
		for _, c := range mid {
			w := span * weight[c] / weight[v]
			lo[c], hi[c] = at, at+w
			at += w
			angle[c] = (lo[c] + hi[c]) / 2
		}
	}
	// rings one unit apart; a ring with more nodes than fit at a spacing
	// of 0.3 units becomes a band of staggered sub-rings half a unit
	// apart, the nodes dealt to them in angular order
	const spacing, band = 0.3, 0.5
	byHop := map[int][]int{}
	rings := 0
	for _, v := range order {
		byHop[hop[v]] = append(byHop[hop[v]], v)
		rings = max(rings, hop[v])
	}
	r := 0.0
	for h := 1; h <= rings; h++ {
		ring := byHop[h]
		r++
		k := int(math.Ceil(float64(len(ring)) * spacing / (2 * math.Pi * r)))
		k = max(1, min(k, 8))
		sort.SliceStable(ring, func(i, j int) bool { return angle[ring[i]] < angle[ring[j]] })
		for i, v := range ring {
			rv := r + float64(i%k)*band
			xs[v], ys[v] = rv*math.Cos(angle[v]), rv*math.Sin(angle[v])
		}
		r += float64(k-1) * band
	}
	// push apart what sits closer than minGap
	const minGap = 0.3
	for pass := 0; pass < 4 && n > 1 && n <= 2000; pass++ {
		moved := false
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := xs[j]-xs[i], ys[j]-ys[i]
				d := math.Sqrt(dx*dx + dy*dy)
				if d >= minGap {
					continue
				}
				if d < 1e-9 {
					dx, dy, d = 1, 0, 1
				}
				push := (minGap - d) / 2 / d
				if i != centre {
					xs[i] -= dx * push
					ys[i] -= dy * push
				}
				if j != centre {
					xs[j] += dx * push
					ys[j] += dy * push
				}
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	// fit the box centred on the centre; the rings may stretch into
	// ellipses up to 1.5 times to use a wide box
	var mx, my float64
	cx, cy := xs[centre], ys[centre]
	for i := range xs {
		mx, my = math.Max(mx, math.Abs(xs[i]-cx)), math.Max(my, math.Abs(ys[i]-cy))
	}
	const margin = 40
	sx, sy := (width/2-margin)/math.Max(mx, 1e-9), (height/2-margin)/math.Max(my, 1e-9)
	s := math.Min(sx, sy)
	sx, sy = math.Min(sx, 1.5*s), math.Min(sy, 1.5*s)
	for i := range xs {
		xs[i] = math.Round((width/2+sx*(xs[i]-cx))*10) / 10
		ys[i] = math.Round((height/2+sy*(ys[i]-cy))*10) / 10
	}
	return xs, ys, hop
}
