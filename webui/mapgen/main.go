// Command mapgen makes the world map the web interface draws transfers
// on (webui/mapdata/world.json) from Natural Earth's 1:110m countries as
// the npm package world-atlas packages them (TopoJSON): every country but
// Antarctica, projected with the Natural Earth projection, simplified
// (Douglas–Peucker, 0.35 px), rounded to a tenth of a pixel, keyed by ISO
// 3166-1 alpha-2 code, with a point inside each country for the flows.
//
// Run by scripts/gen-worldmap, which fetches world-atlas from the npm
// registry into a cache outside the repository:
//
//	go run ./webui/mapgen -in ~/.cache/tripline-ui/node_modules/world-atlas/countries-110m.json -out webui/mapdata/world.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/tripline/tripline/internal/country"
)

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// Country is one shape of the map.
type Country struct {
	Code string  `json:"code"`
	Name string  `json:"name"`
	Path string  `json:"d"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
}

// World is the file written.
type World struct {
	Source string  `json:"source"`
	Width  float64 `json:"width"`
	// Sphere is the outline of the projected world between the latitudes
	// drawn (the sea).
	Sphere    string    `json:"sphere"`
	Height    float64   `json:"height"`
	Countries []Country `json:"countries"`
}

// codes are the world-atlas names iso-codes does not know.
var codes = map[string]string{
	"W. Sahara": "EH", "Dem. Rep. Congo": "CD", "Central African Rep.": "CF", "Bosnia and Herz.": "BA", "Dominican Rep.": "DO",
	"Eq. Guinea": "GQ", "S. Sudan": "SS", "Solomon Is.": "SB", "Falkland Is.": "FK", "Fr. S. Antarctic Lands": "TF",
	"N. Cyprus": "CY", "Somaliland": "SO", "Kosovo": "XK", "eSwatini": "SZ", "Côte d'Ivoire": "CI", "Macedonia": "MK",
	"Taiwan": "TW", "Palestine": "PS", "Timor-Leste": "TL", "Brunei": "BN", "Laos": "LA", "Vietnam": "VN", "Syria": "SY",
	"Iran": "IR", "Russia": "RU", "Moldova": "MD", "Tanzania": "TZ", "Bolivia": "BO", "Venezuela": "VE", "North Korea": "KP",
	"South Korea": "KR", "Czechia": "CZ", "United States of America": "US", "Turkey": "TR",
}

func main() {
	in := flag.String("in", "", "world-atlas countries-110m.json")
	out := flag.String("out", "webui/mapdata/world.json", "file to write")
	width := flag.Float64("width", 1000, "map width in pixels")
	tol := flag.Float64("tolerance", 0.35, "simplification tolerance in pixels")
	flag.Parse()
	b, err := os.ReadFile(*in)
	if err != nil {
		fail(err)
	}
	var topo topology
	if err := json.Unmarshal(b, &topo); err != nil {
		fail(err)
	}
	// decode the arcs (delta-encoded, quantised) into projected points
	arcs := make([][][2]float64, len(topo.Arcs))
	for i, a := range topo.Arcs {
		var x, y float64
		for _, p := range a {
			x += p[0]
			y += p[1]
			lon := x*topo.Transform.Scale[0] + topo.Transform.Translate[0]
			lat := y*topo.Transform.Scale[1] + topo.Transform.Translate[1]
			arcs[i] = append(arcs[i], [2]float64{lon, lat})
		}
	}
	ring := func(idx []int) [][2]float64 {
		var pts [][2]float64
		for _, a := range idx {
			var seg [][2]float64
			if a < 0 {
				seg = reverse(arcs[^a])
			} else {
				seg = arcs[a]
			}
			if len(pts) > 0 {
				seg = seg[1:]
			}
			pts = append(pts, seg...)
		}
		// a ring across the antimeridian (Russia's Chukotka, Fiji) is
		// moved east of it and cut at the map's edge
		lo, hi := 180.0, -180.0
		for _, p := range pts {
			lo, hi = math.Min(lo, p[0]), math.Max(hi, p[0])
		}
		out := make([][2]float64, len(pts))
		for i, p := range pts {
			lon := p[0]
			if hi-lo > 180 && lon < 0 {
				lon = math.Min(lon+360, 180)
			}
			out[i] = project(lon, p[1])
		}
		return out
	}
	type shape struct {
		code, name string
		rings      [][][2]float64
	}
	var shapes []shape
	var unknown []string
	for _, g := range topo.Objects.Countries.Geometries {
		name := g.Properties.Name
		if g.ID == "010" || name == "Antarctica" {
			continue
		}
		code := codes[name]
		if code == "" {
			code = country.Code(name)
		}
		if code == "" {
			unknown = append(unknown, name)
			continue
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				fail(err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				fail(err)
			}
		default:
			continue
		}
		s := shape{code: code, name: name}
		for _, p := range polys {
			for _, r := range p {
				s.rings = append(s.rings, ring(r))
			}
		}
		shapes = append(shapes, s)
	}
	if len(unknown) > 0 {
		fail(fmt.Errorf("no ISO code for %s: add them to codes", strings.Join(unknown, ", ")))
	}
	// fit the width
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range shapes {
		for _, r := range s.rings {
			for _, p := range r {
				minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
				minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
			}
		}
	}
	k := *width / (maxX - minX)
	w := World{Source: "Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries (public domain), as packaged by world-atlas 2.0.2 (countries-110m.json); Natural Earth projection; made by webui/mapgen",
		Width: *width, Height: math.Ceil((maxY - minY) * k)}
	// the outline of the world: the meridians ±180° (the box cuts it
	// where no land is)
	var sph strings.Builder
	for i := 0; i <= 180; i++ {
		p := project(-180, 90-float64(i))
		fmt.Fprintf(&sph, "%s%s %s", map[bool]string{true: "M", false: "L"}[i == 0], num((p[0]-minX)*k), num((maxY-p[1])*k))
	}
	for i := 0; i <= 180; i++ {
		p := project(180, -90+float64(i))
		fmt.Fprintf(&sph, "L%s %s", num((p[0]-minX)*k), num((maxY-p[1])*k))
	}
	sph.WriteString("Z")
	w.Sphere = sph.String()
	for _, s := range shapes {
		var d strings.Builder
		best, bestArea := -1, 0.0
		var px [][][2]float64
		for _, r := range s.rings {
			pr := make([][2]float64, len(r))
			for i, p := range r {
				// screen coordinates: y grows downwards
				pr[i] = [2]float64{(p[0] - minX) * k, (maxY - p[1]) * k}
			}
			pr = simplify(pr, *tol)
			if len(pr) < 4 {
				continue
			}
			px = append(px, pr)
			if a := math.Abs(area(pr)); a > bestArea {
				best, bestArea = len(px)-1, a
			}
			for i, p := range pr {
				if i == 0 {
					fmt.Fprintf(&d, "M%s %s", num(p[0]), num(p[1]))
				} else if i < len(pr)-1 {
					fmt.Fprintf(&d, "L%s %s", num(p[0]), num(p[1]))
				}
			}
			d.WriteString("Z")
		}
		if best < 0 {
			continue
		}
		cx, cy := centroid(px[best])
		w.Countries = append(w.Countries, Country{Code: s.code, Name: s.name, Path: d.String(), X: round1(cx), Y: round1(cy)})
	}
	sort.SliceStable(w.Countries, func(i, j int) bool { return w.Countries[i].Code < w.Countries[j].Code })
	outB, err := json.Marshal(w)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, append(outB, '\n'), 0o644); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "mapgen: %d countries, %.0f×%.0f px, %d bytes → %s\n", len(w.Countries), w.Width, w.Height, len(outB)+1, *out)
}

// project is the Natural Earth projection (Šavrič, Jenny, Patterson,
// Petrovič, Hurni 2011) of a longitude and latitude in degrees.
func project(lon, lat float64) [2]float64 {
	l, p := lon*math.Pi/180, lat*math.Pi/180
	p2 := p * p
	p4 := p2 * p2
	x := l * (0.8707 - 0.131979*p2 + p4*(-0.013791+p4*(0.003971*p2-0.001529*p4)))
	y := p * (1.007226 + p2*(0.015085+p4*(-0.044475+0.028874*p2-0.005916*p4)))
	return [2]float64{x, y}
}

func reverse(a [][2]float64) [][2]float64 {
	out := make([][2]float64, len(a))
	for i, p := range a {
		out[len(a)-1-i] = p
	}
	return out
}

// simplify is Douglas–Peucker on a closed ring.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 4 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	// split the ring at its farthest point from the start, so that both
	// halves are open lines
	far, fd := 0, 0.0
	for i, p := range pts {
		if d := math.Hypot(p[0]-pts[0][0], p[1]-pts[0][1]); d > fd {
			far, fd = i, d
		}
	}
	keep[far] = true
	var dp func(a, b int)
	dp = func(a, b int) {
		if b <= a+1 {
			return
		}
		idx, md := -1, tol
		for i := a + 1; i < b; i++ {
			if d := segDist(pts[i], pts[a], pts[b]); d > md {
				idx, md = i, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			dp(a, idx)
			dp(idx, b)
		}
	}
	dp(0, far)
	dp(far, len(pts)-1)
	var out [][2]float64
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

func area(r [][2]float64) float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i][0]*r[j][1] - r[j][0]*r[i][1]
	}
	return s / 2
}

func centroid(r [][2]float64) (float64, float64) {
	a := area(r)
	var cx, cy float64
	for i := range r {
		j := (i + 1) % len(r)
		f := r[i][0]*r[j][1] - r[j][0]*r[i][1]
		cx += (r[i][0] + r[j][0]) * f
		cy += (r[i][1] + r[j][1]) * f
	}
	return cx / (6 * a), cy / (6 * a)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mapgen:", err)
	os.Exit(1)
}
