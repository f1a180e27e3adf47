#!/usr/bin/env python3
"""Turns a JMH JSON result file of the Switchback benchmarks into the tables of README.md.

Usage: python3 summarize.py results.json

For every benchmark and parameter set: the score with JMH's 99.9% error, the p50 of sample-time
benchmarks (over all forks, and the lowest and highest p50 of a single fork), and the bytes
allocated per operation (-prof gc). Then the ratios against the goals:

- throughput ratios Switchback / raw, bounded by the two scores' error intervals
  ((S - eS) / (R + eR) .. (S + eS) / (R - eR));
- p50 ratios, bounded by the per-fork p50s (lowest of one over highest of the other and back).
"""
import json
import sys


def p50(histograms):
    """The median of histograms given as lists of [value, count] pairs."""
    pairs = sorted((v, c) for h in histograms for v, c in h)
    total = sum(c for _, c in pairs)
    seen = 0
    for value, count in pairs:
        seen += count
        if seen * 2 >= total:
            return value
    return float("nan")


def alloc(result):
    for name, metric in result.get("secondaryMetrics", {}).items():
        if name.lstrip("\u00b7").endswith("gc.alloc.rate.norm"):
            return metric["score"]
    return None


def load(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2] + "." + name[-1], r.get("params", {}).get("path")
               or r.get("params", {}).get("stage"))
        m = r["primaryMetric"]
        row = {"mode": r["mode"], "score": m["score"], "error": m["scoreError"],
               "unit": m["scoreUnit"], "alloc": alloc(r), "threads": r["threads"]}
        raw = m.get("rawDataHistogram")
        if raw:
            forks = [p50(iterations) for iterations in raw]
            row["p50"] = p50([h for iterations in raw for h in iterations])
            row["p50_forks"] = (min(forks), max(forks))
        rows[key] = row
    return rows


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def table(rows):
    print("| benchmark | path | threads | score | p50 (forks' range) | B/op |")
    print("|---|---|---:|---:|---:|---:|")
    for (bench, path), r in sorted(rows.items()):
        score = f"{fmt(r['score'])} ± {fmt(r['error'])} {r['unit']}"
        if "p50" in r:
            lo, hi = r["p50_forks"]
            median = f"{fmt(r['p50'])} ({fmt(lo)}–{fmt(hi)})"
        else:
            median = ""
        print(f"| {bench} | {path} | {r['threads']} | {score} | {median} | {fmt(r['alloc'], 0)} |")


def throughput_ratio(rows, bench, ours, raw):
    a, b = rows.get((bench, ours)), rows.get((bench, raw))
    if not a or not b:
        return None
    s, es, r, er = a["score"], a["error"], b["score"], b["error"]
    low = (s - es) / (r + er)
    high = (s + es) / (r - er) if r > er else float("inf")
    return s / r, low, high


def p50_ratio(rows, bench, ours, raws):
    a = rows.get((bench, ours))
    bs = [rows.get((bench, raw)) for raw in raws]
    if not a or not all(bs) or "p50" not in a:
        return None
    slowest = max(bs, key=lambda x: x["p50"])
    return (a["p50"] / slowest["p50"],
            a["p50_forks"][0] / max(b["p50_forks"][1] for b in bs),
            a["p50_forks"][1] / max(b["p50_forks"][0] for b in bs))


def ratios(rows):
    print()
    print("| comparison | ratio | bounds | goal |")
    print("|---|---:|---:|---|")
    checks = [
        ("cache get throughput, Switchback / Lettuce",
         throughput_ratio(rows, "RedisCacheBenchmark.get", "switchback", "lettuce"), "≥ 0.98"),
        ("cache put throughput, Switchback / Lettuce",
         throughput_ratio(rows, "RedisCacheBenchmark.put", "switchback", "lettuce"), "≥ 0.98"),
        ("dual-write put p50 / slower single put p50",
         p50_ratio(rows, "CacheMigrationBenchmark.put", "dualwrite", ["old", "new"]), "≤ 1.1"),
        ("shadow get p50 / single get p50 (old)",
         p50_ratio(rows, "CacheMigrationBenchmark.get", "shadow", ["old"]), "≤ 1.05"),
        ("two-stores put p50 / slower single put p50 (floor)",
         p50_ratio(rows, "CacheMigrationBenchmark.put", "two-stores", ["old", "new"]),
         "(diagnostic)"),
        ("dual-write put p50 / two-stores put p50 (router's own part)",
         p50_ratio(rows, "CacheMigrationBenchmark.put", "dualwrite", ["two-stores"]),
         "(diagnostic)"),
        ("two-stores get p50 / single get p50 (floor)",
         p50_ratio(rows, "CacheMigrationBenchmark.get", "two-stores", ["old"]), "(diagnostic)"),
        ("shadow get p50 / two-stores get p50 (router's own part)",
         p50_ratio(rows, "CacheMigrationBenchmark.get", "shadow", ["two-stores"]),
         "(diagnostic)"),
        ("sessions get throughput, Switchback / SDK async",
         throughput_ratio(rows, "DynamoDbSessionsBenchmark.throughput", "switchback",
                          "sdk-async"), "≥ 0.95"),
        ("sessions get throughput, Switchback / SDK sync",
         throughput_ratio(rows, "DynamoDbSessionsBenchmark.throughput", "switchback",
                          "sdk-sync"), "(diagnostic)"),
        ("sessions get p50, Switchback / SDK async",
         p50_ratio(rows, "DynamoDbSessionsBenchmark.latency", "switchback", ["sdk-async"]),
         "(≈ 1/0.95 ≈ 1.05)"),
        ("sessions get p50, Switchback / SDK sync",
         p50_ratio(rows, "DynamoDbSessionsBenchmark.latency", "switchback", ["sdk-sync"]),
         "(diagnostic)"),
        ("sessions get p50, SDK sync on a pool / SDK sync (the hand-over)",
         p50_ratio(rows, "DynamoDbSessionsBenchmark.latency", "sdk-sync-pool", ["sdk-sync"]),
         "(diagnostic)"),
        ("sessions get p50, Switchback / SDK sync on a pool",
         p50_ratio(rows, "DynamoDbSessionsBenchmark.latency", "switchback", ["sdk-sync-pool"]),
         "(diagnostic)"),
    ]
    for label, value, goal in checks:
        if value is None:
            continue
        ratio, low, high = value
        print(f"| {label} | {ratio:.3f} | {low:.3f} – {high:.3f} | {goal} |")


def main():
    rows = load(sys.argv[1])
    table(rows)
    ratios(rows)


if __name__ == "__main__":
    main()
