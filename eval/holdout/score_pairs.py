#!/usr/bin/env python3
"""Scores `tripline compare` output against pairs.csv.

Usage: score_pairs.py PAIRS.csv COMPARE_OUT.jsonl [--json]
COMPARE_OUT.jsonl: what `tripline compare --input PAIRS.csv` prints, one {"row", "score", "match"}
a line; "row" is the pair's 1-based row number (header excluded), in file order otherwise.
"""
import csv, json, sys
from collections import defaultdict

pairs = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
got = {}
for i, line in enumerate(l for l in open(sys.argv[2], encoding="utf-8") if l.strip()):
    o = json.loads(line)
    got[int(o.get("row", i + 1))] = bool(o.get("match"))
tp = fp = fn = tn = 0
cross = [0, 0]
per = defaultdict(lambda: [0, 0, 0, 0])
for i, p in enumerate(pairs, 1):
    want = p["match"] == "1"
    have = got.get(i, False)
    k = (0 if have else 2) if want else (1 if have else 3)
    per[p["kind"]][k] += 1
    tp += k == 0; fp += k == 1; fn += k == 2; tn += k == 3
    if want and p["kind"].startswith("cross_"):
        cross[0] += 1; cross[1] += have
prec = tp / (tp + fp) if tp + fp else 1.0
rec = tp / (tp + fn) if tp + fn else 1.0
f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
res = {"pairs": len(pairs), "precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
       "cross_script_recall": round(cross[1] / cross[0], 4) if cross[0] else None,
       "per_kind": {k: {"tp": v[0], "fp": v[1], "fn": v[2], "tn": v[3]} for k, v in sorted(per.items())}}
if "--json" in sys.argv:
    print(json.dumps(res))
else:
    print(f"pairs {len(pairs)}: precision {prec:.4f} recall {rec:.4f} F1 {f1:.4f}; cross-script matches found {res['cross_script_recall']}")
    for k, v in res["per_kind"].items():
        print(f"  {k:18s} tp {v['tp']:3d} fp {v['fp']:3d} fn {v['fn']:3d} tn {v['tn']:3d}")
