package graph_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// nxGraph is a graph as NetworkX read it (testdata/networkx-read.py).
type nxGraph struct {
	Directed bool                      `json:"directed"`
	Nodes    map[string]map[string]any `json:"nodes"`
	Edges    []map[string]any          `json:"edges"`
}

// readWithNetworkX opens an export with NetworkX's GraphML or GEXF reader
// (format "graphml" or "gexf"), a parser Tripline shares no code with, or
// skips where python3 or NetworkX is not installed.
func readWithNetworkX(t *testing.T, format string, raw []byte) nxGraph {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: it runs NetworkX's GraphML and GEXF readers")
	}
	if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
		t.Skip("NetworkX is not installed (pip install networkx): its readers open the exports")
	}
	path := filepath.Join(t.TempDir(), "export."+format)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, filepath.Join("testdata", "networkx-read.py"), format, path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("NetworkX cannot read the %s export: %v\n%s", format, err, stderr.Bytes())
	}
	var g nxGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("networkx-read.py answered %.200q: %v", out, err)
	}
	return g
}

// checkNetworkX compares what NetworkX read from an export with what the
// test's own reading of the GraphML found: the same nodes with the same
// label and the same risk (a number), the same number of edges, each
// with its evidence.
func checkNetworkX(t *testing.T, format string, g nxGraph, nodes map[string]map[string]string, edges int) {
	t.Helper()
	if !g.Directed || len(g.Nodes) != len(nodes) || len(g.Edges) != edges {
		t.Fatalf("NetworkX read the %s export as directed=%v, %d nodes, %d edges; want directed, %d nodes, %d edges", format, g.Directed, len(g.Nodes), len(g.Edges), len(nodes), edges)
	}
	bad := 0
	for id, want := range nodes {
		a := g.Nodes[id]
		risk, ok := a["risk"].(float64)
		if a == nil || !ok || a["label"] != want["label"] || formatRisk(risk) != want["risk"] {
			if bad++; bad <= 5 {
				t.Errorf("%s node %s: NetworkX read %v, want %v", format, id, a, want)
			}
		}
	}
	for _, e := range g.Edges {
		if ev, _ := e["evidence"].(string); ev == "" {
			if bad++; bad <= 5 {
				t.Errorf("%s edge %v → %v without evidence: %v", format, e["source"], e["target"], e)
			}
		}
	}
}

func formatRisk(r float64) string { return strconv.FormatFloat(r, 'f', -1, 64) }
