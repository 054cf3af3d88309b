package graph_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/ofac"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/internal/country"
)

// graphML is a GraphML document as the GraphML primer
// (graphml.graphdrawing.org) defines it: keys declaring typed attributes
// for nodes or edges, a graph of nodes and edges with <data> values.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string   `xml:"id,attr"`
			Data []gmData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string   `xml:"id,attr"`
			Source string   `xml:"source,attr"`
			Target string   `xml:"target,attr"`
			Data   []gmData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gmData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// parseGraphML parses a GraphML document and checks what the format
// requires of it: a key for every data element, of the element's kind
// and with a value of its declared type, unique node ids, and edges
// between declared nodes. It returns each node's and edge's attributes by
// attribute name.
func parseGraphML(t *testing.T, raw []byte) (nodes map[string]map[string]string, edges []map[string]string) {
	t.Helper()
	var doc graphML
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("not GraphML: %v", err)
	}
	type key struct{ forWhat, name, typ string }
	keys := map[string]key{}
	for _, k := range doc.Keys {
		switch k.Type {
		case "boolean", "int", "long", "float", "double", "string":
		default:
			t.Errorf("key %s: attr.type %q is not a GraphML type", k.ID, k.Type)
		}
		keys[k.ID] = key{k.For, k.Name, k.Type}
	}
	typed := func(what string, d gmData) (string, string) {
		k, ok := keys[d.Key]
		if !ok || k.forWhat != what {
			t.Errorf("data with key %q on a %s: no such key for %ss", d.Key, what, what)
			return "", ""
		}
		var err error
		switch k.typ {
		case "double", "float":
			_, err = strconv.ParseFloat(d.Value, 64)
		case "int", "long":
			_, err = strconv.ParseInt(d.Value, 10, 64)
		case "boolean":
			_, err = strconv.ParseBool(d.Value)
		}
		if err != nil {
			t.Errorf("%s value %q of %s is not a %s", what, d.Value, k.name, k.typ)
		}
		return k.name, d.Value
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	nodes = map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		if _, dup := nodes[n.ID]; dup || n.ID == "" {
			t.Errorf("node id %q twice or empty", n.ID)
		}
		attrs := map[string]string{}
		for _, d := range n.Data {
			k, v := typed("node", d)
			attrs[k] = v
		}
		nodes[n.ID] = attrs
	}
	for _, e := range doc.Graph.Edges {
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %s joins %q and %q, not both nodes of the graph", e.ID, e.Source, e.Target)
		}
		attrs := map[string]string{"source": e.Source, "target": e.Target}
		for _, d := range e.Data {
			k, v := typed("edge", d)
			attrs[k] = v
		}
		edges = append(edges, attrs)
	}
	return nodes, edges
}

// TestGraphMLNetworkDev opens the GraphML export of the network-dev graph
// (with the real OFAC SDN list) in a GraphML parser and finds every node's
// risk and every edge's evidence; the companies' risk is their score.
func TestGraphMLNetworkDev(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the full SDN list")
	}
	ctx := context.Background()
	d := shared(t, "data", "lists", "ofac_sdn")
	ds, err := ofac.ReadCSV(ctx, []string{filepath.Join(d, "sdn.csv"), filepath.Join(d, "add.csv"), filepath.Join(d, "alt.csv"), filepath.Join(d, "sdn_comments.csv")}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := shared(t, "eval", "network-dev")
	var r tabular.NetworkReader
	for _, f := range []string{"companies.jsonl", "people.jsonl", "shipments.jsonl"} {
		if err := r.ReadFile(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	recs := r.Records()
	g, err := graph.Build(ctx, recs, ds.Entities, graph.Options{CountryName: country.Name, CountryCode: country.Code})
	if err != nil {
		t.Fatal(err)
	}
	scores := g.Score("2025-11-30")
	var buf bytes.Buffer
	if err := g.WriteGraphML(&buf, scores, graph.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	nodes, edges := parseGraphML(t, buf.Bytes())
	kinds := map[string]int{}
	for id, a := range nodes {
		kinds[a["kind"]]++
		risk, err := strconv.ParseFloat(a["risk"], 64)
		if err != nil || risk < 0 || risk > 1 {
			t.Errorf("node %s: risk %q", id, a["risk"])
		}
		if a["label"] == "" || a["kind"] == "" {
			t.Errorf("node %s without label or kind: %v", id, a)
		}
	}
	for _, e := range edges {
		if e["evidence"] == "" || e["kind"] == "" {
			t.Errorf("edge %s → %s without evidence: %v", e["source"], e["target"], e)
		}
	}
	if kinds["company"] != len(recs.Companies) || kinds["listed"] == 0 || len(edges) == 0 {
		t.Errorf("%d nodes by kind %v, %d edges; the records have %d companies", len(nodes), kinds, len(edges), len(recs.Companies))
	}
	flagged := 0
	for _, res := range scores.Results {
		a := nodes["company:"+res.ID]
		if a == nil {
			t.Errorf("company %s not in the export", res.ID)
			continue
		}
		if got, _ := strconv.ParseFloat(a["risk"], 64); got != res.Risk || a["flagged"] != strconv.FormatBool(res.Flagged) {
			t.Errorf("company %s: risk %s flagged %s, scored %v %v", res.ID, a["risk"], a["flagged"], res.Risk, res.Flagged)
		}
		if res.Flagged {
			flagged++
			if a["evidence"] == "" {
				t.Errorf("flagged company %s without evidence", res.ID)
			}
		}
	}
	if flagged == 0 {
		t.Errorf("no flagged company in network-dev")
	}
	checkNetworkX(t, "graphml", readWithNetworkX(t, "graphml", buf.Bytes()), nodes, len(edges))
	var gx bytes.Buffer
	if err := g.WriteGEXF(&gx, scores, graph.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	checkNetworkX(t, "gexf", readWithNetworkX(t, "gexf", gx.Bytes()), nodes, len(edges))
	t.Logf("network-dev as GraphML: %d nodes %v, %d edges, %d bytes", len(nodes), kinds, len(edges), buf.Len())
}

// gexf is a GEXF 1.3 document: declared attributes, nodes and edges with
// attribute values.
type gexf struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string      `xml:"id,attr"`
			Label  string      `xml:"label,attr"`
			Values []gexfValue `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			Source string      `xml:"source,attr"`
			Target string      `xml:"target,attr"`
			Weight string      `xml:"weight,attr"`
			Values []gexfValue `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// TestExportFormats writes a small graph with awkward labels in both
// formats and reads them back.
func TestExportFormats(t *testing.T) {
	recs := &tripline.NetworkRecords{
		Companies: []tripline.NetworkCompany{
			{ID: "c1", Name: `Front & "Partners" <Ltd>`, Country: "AE", Phone: "+971 4 000 0001", Owners: []tripline.Shareholder{{Name: "Holding", ID: "c2", Share: 0.6}}},
			{ID: "c2", Name: "Holding\x01 Co", Country: "AE", Phone: "+971 4 000 0001", Directors: []string{"Ivan Petrov"}, DirectorIDs: []string{"p1"}},
		},
		People:    []tripline.NetworkPerson{{ID: "p1", Name: "Ivan Petrov"}},
		Shipments: []tripline.NetworkShipment{{Shipper: `Front & "Partners" <Ltd>`, Consignee: "Zagros Trading"}},
	}
	listed := []*tripline.Entity{{ID: "t:1", Source: "t", SourceID: "1", Schema: tripline.SchemaOrganization,
		Names: []tripline.Name{{Full: "ZAGROS TRADING", Kind: tripline.NamePrimary}}, Phones: []string{"+971 4 000 0001"}}}
	g, err := graph.Build(context.Background(), recs, listed, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scores := g.Score("")
	var gm bytes.Buffer
	if err := g.WriteGraphML(&gm, scores, graph.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	nodes, edges := parseGraphML(t, gm.Bytes())
	if a := nodes["company:c1"]; a == nil || a["label"] != `Front & "Partners" <Ltd>` || a["risk"] == "0" {
		t.Errorf("company c1 = %v", a)
	}
	if a := nodes["listed:t:1"]; a == nil || a["risk"] != "1" || a["flagged"] != "true" {
		t.Errorf("listed t:1 = %v", a)
	}
	var owns bool
	for _, e := range edges {
		if e["kind"] == "owns" && e["source"] == "company:c2" && e["target"] == "company:c1" && strings.Contains(e["evidence"], "owns 60% of") {
			owns = true
		}
	}
	if !owns {
		t.Errorf("no owns edge c2 → c1 with its evidence: %v", edges)
	}

	var gx bytes.Buffer
	if err := g.WriteGEXF(&gx, scores, graph.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	var doc gexf
	if err := xml.Unmarshal(gx.Bytes(), &doc); err != nil {
		t.Fatalf("not GEXF: %v\n%s", err, gx.Bytes())
	}
	if doc.Version != "1.3" || len(doc.Graph.Nodes) != len(nodes) || len(doc.Graph.Edges) != len(edges) || len(doc.Graph.Attributes) != 2 {
		t.Fatalf("GEXF: version %q, %d nodes, %d edges, %d attribute classes; GraphML %d nodes, %d edges", doc.Version, len(doc.Graph.Nodes), len(doc.Graph.Edges), len(doc.Graph.Attributes), len(nodes), len(edges))
	}
	title := map[string]map[string]string{}
	for _, c := range doc.Graph.Attributes {
		title[c.Class] = map[string]string{}
		for _, a := range c.Attrs {
			title[c.Class][a.ID] = a.Title
		}
	}
	for _, n := range doc.Graph.Nodes {
		vals := map[string]string{}
		for _, v := range n.Values {
			vals[title["node"][v.For]] = v.Value
		}
		if nodes[n.ID] == nil || vals["risk"] != nodes[n.ID]["risk"] || n.Label != nodes[n.ID]["label"] {
			t.Errorf("GEXF node %s: %v, GraphML %v", n.ID, vals, nodes[n.ID])
		}
	}
	for _, e := range doc.Graph.Edges {
		vals := map[string]string{}
		for _, v := range e.Values {
			vals[title["edge"][v.For]] = v.Value
		}
		if w, err := strconv.ParseFloat(e.Weight, 64); err != nil || w <= 0 || vals["evidence"] == "" {
			t.Errorf("GEXF edge %s → %s: weight %q, %v", e.Source, e.Target, e.Weight, vals)
		}
	}
	checkNetworkX(t, "graphml", readWithNetworkX(t, "graphml", gm.Bytes()), nodes, len(edges))
	checkNetworkX(t, "gexf", readWithNetworkX(t, "gexf", gx.Bytes()), nodes, len(edges))
}
