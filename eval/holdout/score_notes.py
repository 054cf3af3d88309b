#!/usr/bin/env python3
"""Scores text-indicator output against notes.jsonl.

Usage: score_notes.py NOTES.jsonl OUT.jsonl [--json]
OUT.jsonl: one object a line, {"id": ..., "indicators": [...]} (or "flags": [{"category": ...}]).
"""
import json, sys
from collections import defaultdict

truth = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        o = json.loads(line)
        truth[o["id"]] = o
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if not line.strip():
        continue
    o = json.loads(line)
    labels = set(o.get("indicators") or [])
    for f in o.get("flags") or []:
        labels.add(f if isinstance(f, str) else f.get("category", ""))
    got[str(o.get("id"))] = labels

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r
overall = [0, 0, 0]
per_ind = defaultdict(lambda: [0, 0, 0])
per_lang = defaultdict(lambda: [0, 0, 0])
vocab = {"end_use_missing", "evasive_customer", "unfamiliar_product", "declined_services", "vague_delivery",
         "overpricing", "unusual_payment", "payment_reroute", "shipping_change", "split_shipment"}
missing = 0
for nid, t in truth.items():
    want = set(t["indicators"])
    if nid not in got:
        missing += 1
    have = got.get(nid, set()) & vocab
    for lab in vocab:
        cell = (lab in have, lab in want)
        k = {(True, True): 0, (True, False): 1, (False, True): 2}.get(cell)
        if k is None:
            continue
        for acc in (overall, per_ind[lab], per_lang[t["lang"]]):
            acc[k] += 1
p, r = prf(*overall)
res = {"notes": len(truth), "missing": missing, "precision": round(p, 4), "recall": round(r, 4),
       "per_indicator": {k: dict(zip(("precision", "recall"), map(lambda x: round(x, 4), prf(*v)))) for k, v in sorted(per_ind.items())},
       "per_language": {k: dict(zip(("precision", "recall"), map(lambda x: round(x, 4), prf(*v)))) for k, v in sorted(per_lang.items())}}
if "--json" in sys.argv:
    print(json.dumps(res))
else:
    print(f"notes {res['notes']} (missing {missing}): precision {res['precision']:.4f} recall {res['recall']:.4f}")
    for name in ("per_indicator", "per_language"):
        for k, v in res[name].items():
            print(f"  {k:20s} precision {v['precision']:.4f} recall {v['recall']:.4f}")
