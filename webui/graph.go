package webui

import (
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"math"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// The network of an entity: its neighbourhood in the front-company graph
// (graph.Live, as GET /v1/graph/entities/{id} serves it), laid out on the
// server and drawn as SVG in the page, so it shows without the script;
// nodes can be expanded (?expand=ID, up to expandCap more neighbours each,
// the rest counted as "N more"), the paths from companies to listed
// parties are highlighted with each step's evidence, and the drawing
// exports as JSON and SVG (PNG in the browser).

const (
	graphDepth    = 2
	graphLimit    = 500
	graphMaxLimit = 2000
	expandCap     = 25
	maxExpand     = 20
	graphW        = 1000.0
	graphH        = 680.0
)

// graphKinds are the node kinds of network ids (/entities/company:c1);
// an id with another prefix is a listed entity's.
var graphKinds = map[string]bool{"company": true, "person": true, "address": true, "phone": true, "email": true, "domain": true, "identifier": true, "batch": true}

// isNetworkID reports whether id names a node of the user's records or a
// shared value rather than a listed entity.
func isNetworkID(id string) bool {
	k, _, ok := strings.Cut(id, ":")
	return ok && graphKinds[k]
}

type graphData struct {
	Center    string          `json:"center"`
	Nodes     []gnode         `json:"nodes"`
	Edges     []gedge         `json:"edges"`
	Paths     []pathView      `json:"paths"`
	Expanded  []expandedNode  `json:"expanded,omitempty"`
	Truncated bool            `json:"truncated,omitempty"`
	Depth     int             `json:"depth"`
	Limit     int             `json:"limit"`
	W         float64         `json:"width"`
	H         float64         `json:"height"`
	Kinds     []kindCount     `json:"-"`
	Params    string          `json:"-"` // the query string of this view (depth, limit, expand)
	CSS       template.CSS    `json:"-"`
	Base      string          `json:"-"` // the entity page's address
	ExpandURL map[string]bool `json:"-"`
}

type gnode struct {
	ID      string  `json:"id"`
	Kind    string  `json:"kind"`
	Label   string  `json:"label"`
	Holders int     `json:"holders,omitempty"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	R       float64 `json:"r"`
	Hop     int     `json:"hop"`
	Center  bool    `json:"center,omitempty"`
	OnPath  bool    `json:"on_path,omitempty"`
	Label1  bool    `json:"-"` // draw its label
	D       float64 `json:"-"` // diameter
	TX      float64 `json:"-"` // the label's offset
	Short   string  `json:"-"`
	URL     string  `json:"url"`
	// Expand is the address of this view with the node expanded.
	Expand string `json:"-"`
}

type gedge struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Kind   string  `json:"kind"`
	Share  float64 `json:"share,omitempty"`
	Count  int     `json:"count,omitempty"`
	Conf   float64 `json:"confidence,omitempty"`
	X1     float64 `json:"-"`
	Y1     float64 `json:"-"`
	X2     float64 `json:"-"`
	Y2     float64 `json:"-"`
	OnPath bool    `json:"on_path,omitempty"`
	// Paths are the indices of the paths through the edge, space-separated.
	Paths string `json:"-"`
}

type pathView struct {
	Index  int                    `json:"index"`
	From   string                 `json:"from"`
	Name   string                 `json:"from_name"`
	To     string                 `json:"to"`
	ToName string                 `json:"to_name"`
	Score  float64                `json:"score"`
	Steps  []tripline.NetworkStep `json:"steps"`
	// Shown says whether the path's edges are all in the drawing.
	Shown bool `json:"shown"`
}

type expandedNode struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Added int    `json:"added"`
	More  int    `json:"more"`
}

type kindCount struct {
	Kind  string
	Count int
}

// nodeURL is the page of a view node: a listed entity's own page, or the
// network page of a company, person or value.
func nodeURL(id string) string {
	if rest, ok := strings.CutPrefix(id, "listed:"); ok {
		return "/entities/" + url.PathEscape(rest)
	}
	return "/entities/" + url.PathEscape(id)
}

// graphParams reads depth, limit and the expanded nodes of a view.
func graphParams(q url.Values) (depth, limit int, expand []string, err error) {
	depth, limit = graphDepth, graphLimit
	if v := q.Get("depth"); v != "" {
		if depth, err = strconv.Atoi(v); err != nil || depth < 1 || depth > 4 {
			return 0, 0, nil, tripline.Errorf(tripline.KindInvalid, "depth must be 1 to 4")
		}
	}
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > graphMaxLimit {
			return 0, 0, nil, tripline.Errorf(tripline.KindInvalid, "limit must be 1 to %d", graphMaxLimit)
		}
	}
	for _, e := range q["expand"] {
		if e != "" && len(expand) < maxExpand {
			expand = append(expand, e)
		}
	}
	return depth, limit, expand, nil
}

// networkView builds the drawing of id's neighbourhood with the expanded
// nodes and the paths to listed parties. ok is false (with the reason)
// when the server has no network or id is not in it.
func (u *UI) networkView(ctx context.Context, id string, q url.Values) (*graphData, string, error) {
	nw := u.api.Networks
	if nw == nil {
		return nil, "This server has no network graph.", nil
	}
	depth, limit, expand, err := graphParams(q)
	if err != nil {
		return nil, "", err
	}
	v, err := nw.Neighbourhood(ctx, id, depth, limit)
	if err != nil {
		if tripline.ErrorKind(err) == tripline.KindNotFound {
			return nil, tripline.ErrorMessage(err) + ".", nil
		}
		return nil, "", err
	}
	g := &graphData{Center: v.Center, Truncated: v.Truncated, Depth: depth, Limit: limit, W: graphW, H: graphH, Base: "/entities/" + url.PathEscape(id)}
	nodes := map[string]int{}
	add := func(n tripline.NetworkNode) bool {
		if _, ok := nodes[n.ID]; ok {
			return false
		}
		nodes[n.ID] = len(g.Nodes)
		g.Nodes = append(g.Nodes, gnode{ID: n.ID, Kind: n.Kind, Label: n.Label, Holders: n.Holders, URL: nodeURL(n.ID)})
		return true
	}
	for _, n := range v.Nodes {
		add(n)
	}
	edges := map[[3]string]bool{}
	addEdge := func(e tripline.NetworkEdge) {
		k := [3]string{e.From, e.To, e.Kind}
		if edges[k] || edges[[3]string{e.To, e.From, e.Kind}] {
			return
		}
		if _, ok := nodes[e.From]; !ok {
			return
		}
		if _, ok := nodes[e.To]; !ok {
			return
		}
		edges[k] = true
		g.Edges = append(g.Edges, gedge{From: e.From, To: e.To, Kind: e.Kind, Share: e.Share, Count: e.Count, Conf: e.Confidence})
	}
	for _, e := range v.Edges {
		addEdge(e)
	}
	for _, x := range expand {
		sub, err := nw.Neighbourhood(ctx, x, 1, graphMaxLimit)
		if err != nil {
			if tripline.ErrorKind(err) == tripline.KindNotFound {
				continue
			}
			return nil, "", err
		}
		en := expandedNode{ID: sub.Center}
		for _, n := range sub.Nodes {
			if n.ID == sub.Center {
				en.Label = n.Label
				add(n)
				continue
			}
			if _, ok := nodes[n.ID]; ok {
				continue
			}
			if en.Added < expandCap {
				add(n)
				en.Added++
			} else {
				en.More++
			}
		}
		for _, e := range sub.Edges {
			addEdge(e)
		}
		g.Expanded = append(g.Expanded, en)
	}
	// the paths: to a listed centre, those of every flagged company that
	// lead to it; from a company, its own
	if err := u.addPaths(ctx, g, id); err != nil {
		return nil, "", err
	}
	g.place(expand, q)
	return g, "", nil
}

// addPaths finds the paths to show and marks their edges in the view.
func (u *UI) addPaths(ctx context.Context, g *graphData, id string) error {
	risks, err := u.api.Networks.Risk(ctx, false, 0)
	if err != nil {
		if tripline.ErrorKind(err) == tripline.KindNotFound {
			return nil
		}
		return err
	}
	company, isCompany := strings.CutPrefix(g.Center, "company:")
	listed, isListed := strings.CutPrefix(g.Center, "listed:")
	var paths []pathView
	for _, r := range risks {
		for _, p := range r.Paths {
			if (isCompany && r.ID == company) || (isListed && p.To == listed) {
				paths = append(paths, pathView{From: r.ID, Name: r.Name, To: p.To, ToName: p.ToName, Score: p.Score, Steps: p.Steps})
			}
		}
	}
	if !isCompany {
		// the strongest paths first; a company's own in its order
		sort.SliceStable(paths, func(i, j int) bool { return paths[i].Score > paths[j].Score })
	}
	if len(paths) > 30 {
		paths = paths[:30]
	}
	// the view's nodes by record key: company c1, listed ofac-sdn:1, person p1
	byKey := map[string]int{}
	for i, n := range g.Nodes {
		key := strings.TrimPrefix(n.ID, n.Kind+":")
		if _, dup := byKey[key]; !dup || n.Kind == "company" || n.Kind == "listed" {
			byKey[key] = i
		}
	}
	idx := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		idx[n.ID] = i
	}
	adj := map[int]map[int]int{} // node → neighbour → edge index
	for i, e := range g.Edges {
		a, b := idx[e.From], idx[e.To]
		if adj[a] == nil {
			adj[a] = map[int]int{}
		}
		if adj[b] == nil {
			adj[b] = map[int]int{}
		}
		adj[a][b], adj[b][a] = i, i
	}
	onPath := map[int][]string{}
	for pi := range paths {
		p := &paths[pi]
		p.Index = pi + 1
		var marks []int
		p.Shown = true
		for _, st := range p.Steps {
			a, okA := byKey[st.From]
			b, okB := byKey[st.To]
			if !okA || !okB {
				p.Shown = false
				continue
			}
			if e, ok := adj[a][b]; ok {
				marks = append(marks, e)
				continue
			}
			found := false
			for m, e1 := range adj[a] {
				e2, ok := adj[m][b]
				if ok && (st.Value == "" || g.Nodes[m].Label == st.Value) {
					marks = append(marks, e1, e2)
					found = true
					break
				}
			}
			if !found {
				p.Shown = false
			}
		}
		for _, e := range marks {
			onPath[e] = append(onPath[e], strconv.Itoa(p.Index))
		}
	}
	for e, ps := range onPath {
		g.Edges[e].OnPath = true
		g.Edges[e].Paths = strings.Join(dedupe(ps), " ")
		g.Nodes[idx[g.Edges[e].From]].OnPath = true
		g.Nodes[idx[g.Edges[e].To]].OnPath = true
	}
	g.Paths = paths
	return nil
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
	}
	return out
}

// place lays the view out and sets what the drawing needs.
func (g *graphData) place(expand []string, q url.Values) {
	idx := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		idx[n.ID] = i
	}
	adj := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		a, b := idx[e.From], idx[e.To]
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	centre := idx[g.Center]
	// labels run to the right of their node: keep room for them
	xs, ys, hop := layout(len(g.Nodes), adj, centre, g.W-110, g.H)
	counts := map[string]int{}
	few, many := len(g.Nodes) <= 80, len(g.Nodes) > 150
	params := url.Values{}
	if g.Depth != graphDepth {
		params.Set("depth", strconv.Itoa(g.Depth))
	}
	if g.Limit != graphLimit {
		params.Set("limit", strconv.Itoa(g.Limit))
	}
	for _, e := range expand {
		params.Add("expand", e)
	}
	g.Params = params.Encode()
	g.ExpandURL = map[string]bool{}
	for _, e := range expand {
		g.ExpandURL[e] = true
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		n.X, n.Y, n.Hop = xs[i], ys[i], hop[i]
		n.Center = i == centre
		counts[n.Kind]++
		switch {
		case n.Center:
			n.R = 13
		case n.Kind == "listed":
			n.R = 9
		case n.Kind == "company":
			n.R = 8
		case n.Kind == "person":
			n.R = 7
		default:
			n.R = 5
		}
		if many {
			n.R = math.Max(3, n.R*0.6)
		}
		n.D, n.TX = 2*n.R, n.R+3
		// labels where they can be read: every party's in a small
		// drawing, the user's companies and people up to 150 nodes, the
		// centre and the paths always; the rest on hover and selection
		n.Label1 = n.Center || n.OnPath || (few && n.Kind == "listed") || (!many && (n.Kind == "company" || n.Kind == "person"))
		n.Short = shorten(n.Label, 28)
		p := url.Values{}
		for k, vs := range params {
			p[k] = append([]string(nil), vs...)
		}
		if !g.ExpandURL[n.ID] && !n.Center {
			p.Add("expand", n.ID)
		}
		n.Expand = g.Base + "?" + p.Encode() + "#network"
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		a, b := g.Nodes[idx[e.From]], g.Nodes[idx[e.To]]
		e.X1, e.Y1, e.X2, e.Y2 = a.X, a.Y, b.X, b.Y
	}
	for k, c := range counts {
		g.Kinds = append(g.Kinds, kindCount{k, c})
	}
	sort.Slice(g.Kinds, func(i, j int) bool { return g.Kinds[i].Count > g.Kinds[j].Count })
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// graphExport serves the drawing as JSON (nodes with positions, edges,
// paths) or as a standalone SVG file.
func (u *UI) graphExport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id := r.PathValue("id")
	ext, ok := strings.CutPrefix(r.PathValue("file"), "graph.")
	if !ok || ext != "json" && ext != "svg" {
		return tripline.Errorf(tripline.KindNotFound, "the graph exports as graph.json or graph.svg")
	}
	g, why, err := u.networkView(r.Context(), id, r.URL.Query())
	if err != nil {
		return err
	}
	if g == nil {
		return tripline.Errorf(tripline.KindNotFound, "%s", strings.TrimSuffix(why, "."))
	}
	name := "tripline-network-" + safeFileName(id) + "." + ext
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	if ext == "json" {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		return enc.Encode(g)
	}
	css, _ := files.ReadFile("static/graph.css")
	g.CSS = template.CSS(css)
	var buf bytes.Buffer
	if err := u.pages["entity.html"].ExecuteTemplate(&buf, "graphsvg", svgData{G: g, Standalone: true}); err != nil {
		return internal(err)
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	// the file is a drawing: no script, no outside resource
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n"))
	_, err = w.Write(buf.Bytes())
	return err
}

// SVG is the drawing of g for the page.
func (g *graphData) SVG() svgData { return svgData{G: g} }

// svgData is what the graphsvg template draws.
type svgData struct {
	G          *graphData
	Standalone bool
}

func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
		if b.Len() > 60 {
			break
		}
	}
	return b.String()
}
