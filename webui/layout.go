package webui

import (
	"math"
	"sort"
)

// layout places a neighbourhood's nodes for drawing: the centre in the
// middle, the others first on rings by their distance from it (each near
// the node it was reached from), then relaxed by a force-directed pass
// (Fruchterman–Reingold: edges pull, all nodes push apart). It is
// deterministic — the same view is always drawn the same — and costs
// O(iterations·n²), a few tens of milliseconds for 500 nodes.
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
	hop[centre], parent[centre] = 0, -1
	queue := []int{centre}
	var rings [][]int
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if hop[v] >= len(rings) {
			rings = append(rings, nil)
		}
		rings[hop[v]] = append(rings[hop[v]], v)
		for _, w := range adj[v] {
			if hop[w] < 0 {
				hop[w], parent[w] = hop[v]+1, v
				queue = append(queue, w)
			}
		}
	}
	// nodes the centre does not reach go on an outer ring
	var stray []int
	for i := range hop {
		if hop[i] < 0 {
			hop[i] = len(rings)
			parent[i] = -1
			stray = append(stray, i)
		}
	}
	if len(stray) > 0 {
		rings = append(rings, stray)
	}
	angle := make([]float64, n)
	const ringGap = 1.0
	for h, ring := range rings {
		if h == 0 {
			continue
		}
		// order a ring by the angle of each node's parent, so that
		// children sit near their parent
		sort.SliceStable(ring, func(i, j int) bool {
			pi, pj := parent[ring[i]], parent[ring[j]]
			ai, aj := -1.0, -1.0
			if pi >= 0 {
				ai = angle[pi]
			}
			if pj >= 0 {
				aj = angle[pj]
			}
			return ai < aj
		})
		for k, v := range ring {
			angle[v] = 2 * math.Pi * (float64(k) + 0.5*float64(h%2)) / float64(len(ring))
			r := ringGap * float64(h)
			xs[v], ys[v] = r*math.Cos(angle[v]), r*math.Sin(angle[v])
		}
	}
	// force-directed relaxation in the unit of the rings
	area := math.Pi * math.Pow(float64(len(rings)), 2)
	k := math.Sqrt(area / float64(n))
	iters := 120
	if n > 300 {
		iters = 60
	}
	dx, dy := make([]float64, n), make([]float64, n)
	temp := 0.25 * float64(len(rings))
	for it := 0; it < iters && n > 1; it++ {
		for i := range dx {
			dx[i], dy[i] = 0, 0
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				ex, ey := xs[i]-xs[j], ys[i]-ys[j]
				d2 := ex*ex + ey*ey
				if d2 < 1e-6 {
					ex, ey, d2 = 0.01*float64(i-j), 0.01, 1e-4
				}
				f := k * k / d2
				dx[i] += ex * f
				dy[i] += ey * f
				dx[j] -= ex * f
				dy[j] -= ey * f
			}
		}
		for i := 0; i < n; i++ {
			for _, j := range adj[i] {
				if j <= i {
					continue
				}
				ex, ey := xs[i]-xs[j], ys[i]-ys[j]
				d := math.Sqrt(ex*ex + ey*ey)
				if d < 1e-9 {
					continue
				}
				f := d / k
				dx[i] -= ex * f
				dy[i] -= ey * f
				dx[j] += ex * f
				dy[j] += ey * f
			}
		}
		for i := 0; i < n; i++ {
			if i == centre {
				continue
			}
			d := math.Sqrt(dx[i]*dx[i] + dy[i]*dy[i])
			if d > 0 {
				m := math.Min(d, temp)
				xs[i] += dx[i] / d * m
				ys[i] += dy[i] / d * m
			}
		}
		temp *= 0.96
	}
	// fit the box, keeping the aspect
	minX, maxX, minY, maxY := xs[0], xs[0], ys[0], ys[0]
	for i := range xs {
		minX, maxX = math.Min(minX, xs[i]), math.Max(maxX, xs[i])
		minY, maxY = math.Min(minY, ys[i]), math.Max(maxY, ys[i])
	}
	const margin = 40
	sx := (width - 2*margin) / math.Max(maxX-minX, 1e-9)
	sy := (height - 2*margin) / math.Max(maxY-minY, 1e-9)
	s := math.Min(sx, sy)
	if n == 1 {
		s = 0
	}
	ox := (width - s*(maxX-minX)) / 2
	oy := (height - s*(maxY-minY)) / 2
	for i := range xs {
		xs[i] = math.Round((ox+s*(xs[i]-minX))*10) / 10
		ys[i] = math.Round((oy+s*(ys[i]-minY))*10) / 10
	}
	return xs, ys, hop
}
