package graph

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
)

// Export formats: GraphML (yEd, Cytoscape, NetworkX, Maltego imports) and
// GEXF 1.3 (Gephi). Both carry every node of the export with its kind,
// label, risk, whether it is flagged and the evidence for its risk, and
// every edge with its relation, weight, confidence and evidence in words.
const (
	FormatGraphML = "graphml"
	FormatGEXF    = "gexf"
)

// ExportOptions choose what an export holds.
type ExportOptions struct {
	// All exports every node, the listed entities that touch no record
	// included; by default the export holds the connected parts of the
	// graph that contain the user's companies and people.
	All bool
}

// exportNode is one node of an export with its attributes.
type exportNode struct {
	n        int32
	id       string
	risk     float64
	flagged  bool
	evidence string
}

// exportEdge is one edge of an export.
type exportEdge struct {
	from, to   int32
	e          edge
	evidence   string
	weight     float64
	confidence float64
}

// export collects the nodes and edges of an export with their risk and
// evidence. A company's risk is its score (Scores), a listed entity's 1, a
// person's the confidence that it is a listed person, and a shared value's
// the highest risk of its holders, so that a value that ties a company to
// a listed party stands out.
func (g *Graph) export(s *Scores, opt ExportOptions) ([]exportNode, []exportEdge) {
	keep := make([]bool, len(g.kind))
	if opt.All {
		for i := range keep {
			keep[i] = true
		}
	} else {
		var queue []int32
		for n, k := range g.kind {
			if k == NodeCompany || k == NodePerson {
				keep[n] = true
				queue = append(queue, int32(n))
			}
		}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, e := range g.neighbours(n) {
				if !keep[e.to] {
					keep[e.to] = true
					queue = append(queue, e.to)
				}
			}
		}
	}
	risk := make([]float64, len(g.kind))
	flagged := make([]bool, len(g.kind))
	evidence := make([]string, len(g.kind))
	for n, k := range g.kind {
		switch k {
		case NodeListed:
			risk[n], flagged[n] = 1, true
			evidence[n] = "listed: " + g.name(int32(n))
		case NodePerson:
			for _, e := range g.neighbours(int32(n)) {
				if e.kind == EdgeSameAs && e.out && float64(e.c) > risk[n] {
					risk[n] = float64(e.c)
					evidence[n] = fmt.Sprintf("%s is %s (confidence %.2f)", g.label[n], g.name(e.to), e.c)
				}
			}
		case NodeCompany:
			if s == nil {
				continue
			}
			if r, ok := s.Get(g.key[n]); ok {
				risk[n], flagged[n] = r.Risk, r.Flagged
				var ev []string
				for _, p := range r.Paths {
					for _, st := range p.Steps {
						ev = append(ev, st.Evidence)
					}
				}
				for _, f := range r.Factors {
					ev = append(ev, f.Detail)
				}
				evidence[n] = strings.Join(ev, "; ")
			}
		}
	}
	for n, k := range g.kind {
		if !k.isValue() || k == NodePerson {
			continue
		}
		var top int32 = -1
		for _, e := range g.neighbours(int32(n)) {
			if risk[e.to] > risk[n] {
				risk[n], top = risk[e.to], e.to
			}
		}
		evidence[n] = fmt.Sprintf("%s held by %d", k, g.holders[n])
		if top >= 0 {
			evidence[n] += "; the riskiest holder is " + g.name(top)
		}
	}
	var nodes []exportNode
	var edges []exportEdge
	for n := range g.kind {
		if !keep[n] {
			continue
		}
		nodes = append(nodes, exportNode{n: int32(n), id: g.viewID(int32(n)), risk: round4(risk[n]), flagged: flagged[n], evidence: evidence[n]})
		for _, e := range g.neighbours(int32(n)) {
			if e.out && keep[e.to] {
				edges = append(edges, exportEdge{from: int32(n), to: e.to, e: e, evidence: g.edgeEvidence(int32(n), e),
					weight: round4(float64(e.w)), confidence: round4(float64(e.c))})
			}
		}
	}
	return nodes, edges
}

// edgeEvidence says in words what edge e from node n records.
func (g *Graph) edgeEvidence(n int32, e edge) string {
	from, to := g.name(n), g.name(e.to)
	switch e.kind {
	case EdgeHas:
		return fmt.Sprintf("%s has %s %s (held by %d)", from, g.kind[e.to], g.label[e.to], g.holders[e.to])
	case EdgeDirector:
		return fmt.Sprintf("%s is a director of %s", from, to)
	case EdgeOwns:
		s := fmt.Sprintf("%s owns %s of %s", from, percent(e.w), to)
		if e.c != 1 {
			s += fmt.Sprintf(" (owner resolved by name, confidence %.2f)", e.c)
		}
		return s
	case EdgeSameAs:
		return fmt.Sprintf("%s is %s (confidence %.2f)", from, to, e.c)
	case EdgeShipment:
		return fmt.Sprintf("%s shipped %s to %s", from, times(int(e.w)), to)
	case EdgeNotify:
		return fmt.Sprintf("%s shipped %s with %s as notify party", from, times(int(e.w)), to)
	case EdgeLinked:
		return fmt.Sprintf("%s is linked to %s on its list", from, to)
	case EdgeBatch:
		return fmt.Sprintf("%s was registered in %s", from, g.label[e.to])
	}
	return fmt.Sprintf("%s %s %s", from, e.kind, to)
}

func percent(w float32) string {
	if w <= 0 {
		return "a share"
	}
	return strconv.FormatFloat(math.Round(float64(w)*10000)/100, 'f', -1, 64) + "%"
}

// nodeAttrs and edgeAttrs are the attributes of both formats: name, XML
// type, GraphML type.
var (
	nodeAttrs = []struct{ name, gexf, graphml string }{
		{"kind", "string", "string"}, {"label", "string", "string"}, {"key", "string", "string"},
		{"risk", "double", "double"}, {"flagged", "boolean", "boolean"}, {"holders", "integer", "int"},
		{"evidence", "string", "string"},
	}
	edgeAttrs = []struct{ name, gexf, graphml string }{
		{"kind", "string", "string"}, {"weight", "double", "double"}, {"confidence", "double", "double"},
		{"evidence", "string", "string"},
	}
)

func (g *Graph) nodeValues(x exportNode) []string {
	holders := ""
	if g.kind[x.n].isValue() && g.kind[x.n] != NodePerson {
		holders = strconv.Itoa(int(g.holders[x.n]))
	}
	return []string{g.kind[x.n].String(), g.label[x.n], g.key[x.n], strconv.FormatFloat(x.risk, 'f', -1, 64), strconv.FormatBool(x.flagged), holders, x.evidence}
}

func edgeValues(x exportEdge) []string {
	return []string{x.e.kind.String(), strconv.FormatFloat(x.weight, 'f', -1, 64), strconv.FormatFloat(x.confidence, 'f', -1, 64), x.evidence}
}

// xmlText escapes s for XML text and attributes; characters XML does not
// allow become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// WriteGraphML writes the graph as GraphML (graphml.graphdrawing.org) to
// w: node ids are the view ids ("company:c0001", "listed:ofac-sdn:123"),
// and every node and edge carries the attributes above as <data>. s gives
// the companies' risk; nil leaves it 0.
func (g *Graph) WriteGraphML(w io.Writer, s *Scores, opt ExportOptions) error {
	nodes, edges := g.export(s, opt)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, a := range nodeAttrs {
		fmt.Fprintf(bw, "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, a.graphml)
	}
	for _, a := range edgeAttrs {
		fmt.Fprintf(bw, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, a.graphml)
	}
	fmt.Fprintf(bw, "  <graph id=\"tripline\" edgedefault=\"directed\">\n    <desc>%s</desc>\n", xmlText(fmt.Sprintf("Tripline network graph (%s), params %s", g, g.params.Version)))
	for _, x := range nodes {
		fmt.Fprintf(bw, "    <node id=\"%s\">", xmlText(x.id))
		for i, v := range g.nodeValues(x) {
			if v != "" {
				fmt.Fprintf(bw, "<data key=\"n_%s\">%s</data>", nodeAttrs[i].name, xmlText(v))
			}
		}
		bw.WriteString("</node>\n")
	}
	for i, x := range edges {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">", i+1, xmlText(g.viewID(x.from)), xmlText(g.viewID(x.to)))
		for j, v := range edgeValues(x) {
			fmt.Fprintf(bw, "<data key=\"e_%s\">%s</data>", edgeAttrs[j].name, xmlText(v))
		}
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// WriteGEXF writes the graph as GEXF 1.3 (gexf.net), Gephi's format, to w,
// with the same nodes, edges and attributes as WriteGraphML; an edge's
// weight is its share or count (1 where it has none), as Gephi wants a
// positive weight.
func (g *Graph) WriteGEXF(w io.Writer, s *Scores, opt ExportOptions) error {
	nodes, edges := g.export(s, opt)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	fmt.Fprintf(bw, "  <meta><creator>Tripline</creator><description>%s</description></meta>\n", xmlText(fmt.Sprintf("Tripline network graph (%s), params %s", g, g.params.Version)))
	bw.WriteString("  <graph defaultedgetype=\"directed\" mode=\"static\">\n    <attributes class=\"node\">\n")
	for i, a := range nodeAttrs {
		fmt.Fprintf(bw, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", i, a.name, a.gexf)
	}
	bw.WriteString("    </attributes>\n    <attributes class=\"edge\">\n")
	for i, a := range edgeAttrs {
		fmt.Fprintf(bw, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", i, a.name, a.gexf)
	}
	bw.WriteString("    </attributes>\n    <nodes>\n")
	for _, x := range nodes {
		fmt.Fprintf(bw, "      <node id=\"%s\" label=\"%s\"><attvalues>", xmlText(x.id), xmlText(g.label[x.n]))
		for i, v := range g.nodeValues(x) {
			if v != "" {
				fmt.Fprintf(bw, "<attvalue for=\"%d\" value=\"%s\"/>", i, xmlText(v))
			}
		}
		bw.WriteString("</attvalues></node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	for i, x := range edges {
		weight := x.weight
		if weight <= 0 {
			weight = 1
		}
		fmt.Fprintf(bw, "      <edge id=\"e%d\" source=\"%s\" target=\"%s\" label=\"%s\" weight=\"%s\"><attvalues>", i+1,
			xmlText(g.viewID(x.from)), xmlText(g.viewID(x.to)), x.e.kind, strconv.FormatFloat(weight, 'f', -1, 64))
		for j, v := range edgeValues(x) {
			fmt.Fprintf(bw, "<attvalue for=\"%d\" value=\"%s\"/>", j, xmlText(v))
		}
		bw.WriteString("</attvalues></edge>\n")
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

// Export writes the current graph with its scores to w in format
// (FormatGraphML or FormatGEXF), for the server's GET /v1/graph/export.
func (l *Live) Export(ctx context.Context, w io.Writer, format string, all bool) error {
	g, s, err := l.current(ctx)
	if err != nil {
		return err
	}
	return g.Write(w, format, s, ExportOptions{All: all})
}

// Write writes the graph in format (FormatGraphML or FormatGEXF); another
// format is an Invalid error.
func (g *Graph) Write(w io.Writer, format string, s *Scores, opt ExportOptions) error {
	switch format {
	case FormatGraphML:
		return g.WriteGraphML(w, s, opt)
	case FormatGEXF:
		return g.WriteGEXF(w, s, opt)
	}
	return tripline.Errorf(tripline.KindInvalid, "unknown graph format %q (known: graphml, gexf)", format)
}
