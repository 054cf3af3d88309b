"""Reads a GraphML or GEXF file with NetworkX, a GraphML and GEXF
implementation Tripline does not share code with, and prints what it
read as JSON: {"directed", "nodes": {id: {attr: value}}, "edges":
[{"source", "target", attr: value}]}. Values keep the types NetworkX gave
them from the file's declarations (numbers, booleans, strings).

Tripline's own test helper, used by graph/export_networkx_test.go:

    python3 networkx-read.py graphml|gexf FILE
"""
import json
import sys

import networkx as nx


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "graphml":
        g = nx.read_graphml(path)
    elif fmt == "gexf":
        g = nx.read_gexf(path, version="1.3")
    else:
        sys.exit("format is graphml or gexf")
    out = {"directed": g.is_directed(), "nodes": {}, "edges": []}
    for n, attrs in g.nodes(data=True):
        out["nodes"][n] = attrs
    for s, t, attrs in g.edges(data=True):
        e = dict(attrs)
        e["source"], e["target"] = s, t
        out["edges"].append(e)
    json.dump(out, sys.stdout)


main()
