#!/usr/bin/env python3
"""Turns a JMH JSON result file of the Switchback benchmarks into the tables of README.md.

Usage: python3 summarize.py results.json [more.json ...]

With several files (runs of the same benchmarks), rows of the same benchmark and parameters are
pooled: their forks are taken together, and score and error are computed again from all
iterations as JMH computes them (the mean, and Student's t at 99.9% times the standard error).

For every benchmark and parameter set: the score with JMH's 99.9% error, the p50 and p99 of
sample-time benchmarks (over all forks, and the lowest and highest of a single fork), and the
bytes allocated per operation (-prof gc). A row is named by its `path` (or `stage`) parameter,
followed by any other parameter that takes more than one value in the file. Then the ratios
against the goals:

- throughput ratios Switchback / raw, bounded by the two scores' error intervals
  ((S - eS) / (R + eR) .. (S + eS) / (R - eR));
- percentile ratios, bounded by the per-fork percentiles (lowest of one over highest of the
  other and back).
"""
import json
import math
import statistics
import sys


def percentile(histograms, q):
    """The q-quantile (0 < q < 1) of histograms given as lists of [value, count] pairs."""
    pairs = sorted((v, c) for h in histograms for v, c in h)
    total = sum(c for _, c in pairs)
    seen = 0
    for value, count in pairs:
        seen += count
        if seen >= q * total:
            return value
    return float("nan")


def t_quantile(p, df):
    """Student's t quantile (Cornish-Fisher expansion; within 0.5% for df >= 10)."""
    z = statistics.NormalDist().inv_cdf(p)
    return (z + (z ** 3 + z) / (4 * df)
            + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
            + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3))


def mean_and_error(values):
    """JMH's score and 99.9% error of iteration scores."""
    if len(values) < 2:
        return statistics.fmean(values), float("nan")
    sd = statistics.stdev(values)
    return (statistics.fmean(values),
            t_quantile(1 - 0.001 / 2, len(values) - 1) * sd / math.sqrt(len(values)))


def histogram_mean_and_error(histograms):
    """JMH's score and 99.9% error of samples given as lists of [value, count] pairs."""
    pairs = [(v, c) for h in histograms for v, c in h]
    n = sum(c for _, c in pairs)
    mean = sum(v * c for v, c in pairs) / n
    if n < 2:
        return mean, float("nan")
    variance = sum(c * (v - mean) ** 2 for v, c in pairs) / (n - 1)
    return mean, t_quantile(1 - 0.001 / 2, n - 1) * math.sqrt(variance / n)


def p50(histograms):
    """The median of histograms given as lists of [value, count] pairs."""
    return percentile(histograms, 0.5)


def alloc(result):
    for name, metric in result.get("secondaryMetrics", {}).items():
        if name.lstrip("\u00b7").endswith("gc.alloc.rate.norm"):
            return metric["score"]
    return None


def label(params, varying):
    """A row's name: its path (or stage), then the parameters that vary in the file."""
    main = params.get("path") or params.get("stage")
    extra = [f"{k}={params[k]}" for k in sorted(params) if k in varying
             and k not in ("path", "stage")]
    return " ".join([main] + extra)


def load(path):
    results = json.load(open(path))
    values = {}
    for r in results:
        for k, v in r.get("params", {}).items():
            values.setdefault((r["benchmark"], k), set()).add(v)
    rows = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        varying = {k for (b, k), vs in values.items() if b == r["benchmark"] and len(vs) > 1}
        key = (name[-2] + "." + name[-1], label(r.get("params", {}), varying))
        m = r["primaryMetric"]
        row = {"mode": r["mode"], "score": m["score"], "error": m["scoreError"],
               "unit": m["scoreUnit"], "alloc": alloc(r), "threads": r["threads"],
               "secondary": {k: v for k, v in r.get("secondaryMetrics", {}).items()
                             if not k.lstrip("\u00b7").startswith("gc.")
                             and isinstance(v["scoreError"], (int, float))}}
        raw = m.get("rawDataHistogram")
        if raw:
            for q, name_q in ((0.5, "p50"), (0.99, "p99")):
                forks = [percentile(iterations, q) for iterations in raw]
                row[name_q] = percentile([h for iterations in raw for h in iterations], q)
                row[name_q + "_forks"] = (min(forks), max(forks))
        row["raw"] = m.get("rawData")
        row["histograms"] = raw
        row["secondary_raw"] = {k: v.get("rawData") for k, v in row["secondary"].items()}
        rows[key] = row
    return rows


def pool(runs):
    """One table of rows from several runs: forks of the same row taken together."""
    if len(runs) == 1:
        return runs[0]
    pooled = {}
    for key in sorted(set().union(*runs)):
        parts = [run[key] for run in runs if key in run]
        row = dict(parts[0])
        row["runs"] = len(parts)
        if all(p["raw"] for p in parts):
            forks = [fork for p in parts for fork in p["raw"]]
            row["raw"] = forks
            row["score"], row["error"] = mean_and_error([v for fork in forks for v in fork])
        allocs = [p["alloc"] for p in parts if p["alloc"] is not None]
        row["alloc"] = statistics.fmean(allocs) if allocs else None
        if all(p["histograms"] for p in parts):
            raw = [fork for p in parts for fork in p["histograms"]]
            row["score"], row["error"] = histogram_mean_and_error(
                [h for iterations in raw for h in iterations])
            for q, name_q in ((0.5, "p50"), (0.99, "p99")):
                per_fork = [percentile(iterations, q) for iterations in raw]
                row[name_q] = percentile([h for iterations in raw for h in iterations], q)
                row[name_q + "_forks"] = (min(per_fork), max(per_fork))
        secondary = {}
        for name, m in row["secondary"].items():
            raws = [p["secondary_raw"].get(name) for p in parts]
            m = dict(m)
            if all(raws):
                values = [v for r in raws for fork in r for v in fork]
                m["score"], m["scoreError"] = mean_and_error(values)
            secondary[name] = m
        row["secondary"] = secondary
        pooled[key] = row
    return pooled


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def quantile_cell(r, name):
    if name not in r:
        return ""
    lo, hi = r[name + "_forks"]
    return f"{fmt(r[name])} ({fmt(lo)}–{fmt(hi)})"


def table(rows):
    print("| benchmark | path | threads | score | p50 (forks' range) | p99 (forks' range) | B/op |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (bench, path), r in sorted(rows.items()):
        score = f"{fmt(r['score'])} ± {fmt(r['error'])} {r['unit']}"
        print(f"| {bench} | {path} | {r['threads']} | {score} | {quantile_cell(r, 'p50')} | "
              f"{quantile_cell(r, 'p99')} | {fmt(r['alloc'], 0)} |")
        for name, m in sorted(r["secondary"].items()):
            print(f"| {bench}:{name.lstrip(chr(0xb7))} | {path} | | "
                  f"{fmt(m['score'])} ± {fmt(m['scoreError'])} {m['scoreUnit']} | | | |")


def throughput_ratio(rows, bench, ours, raw):
    a, b = rows.get((bench, ours)), rows.get((bench, raw))
    if not a or not b:
        return None
    s, es, r, er = a["score"], a["error"], b["score"], b["error"]
    low = (s - es) / (r + er)
    high = (s + es) / (r - er) if r > er else float("inf")
    return s / r, low, high


def quantile_ratio(rows, bench, ours, raws, name):
    a = rows.get((bench, ours))
    bs = [rows.get((bench, raw)) for raw in raws]
    if not a or not all(bs) or name not in a:
        return None
    slowest = max(bs, key=lambda x: x[name])
    forks = name + "_forks"
    return (a[name] / slowest[name],
            a[forks][0] / max(b[forks][1] for b in bs),
            a[forks][1] / max(b[forks][0] for b in bs))


def p50_ratio(rows, bench, ours, raws):
    return quantile_ratio(rows, bench, ours, raws, "p50")


def p99_ratio(rows, bench, ours, raws):
    return quantile_ratio(rows, bench, ours, raws, "p99")


def secondary_ratio(rows, bench, path, secondary):
    """A secondary metric's score over the primary score of the same row, error-bounded."""
    r = rows.get((bench, path))
    if not r:
        return None
    m = next((v for k, v in r["secondary"].items() if k.lstrip(chr(0xb7)) == secondary), None)
    if not m:
        return None
    s, es, p, ep = m["score"], m["scoreError"], r["score"], r["error"]
    return s / p, (s - es) / (p + ep), (s + es) / (p - ep) if p > ep else float("inf")


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
        ("kafka publish throughput, Switchback / KafkaProducer",
         throughput_ratio(rows, "KafkaPublishBenchmark.publish", "switchback", "kafka"),
         "≥ 0.98"),
    ]
    for linger in ("0", "5"):
        bench = "KafkaLatencyBenchmark.publishToHandler"
        ours, raw = f"switchback lingerMs={linger}", f"kafka lingerMs={linger}"
        checks += [
            (f"kafka end-to-end p50, Switchback / raw clients, linger {linger} ms",
             p50_ratio(rows, bench, ours, [raw]), "≤ 1.1"),
            (f"kafka end-to-end p99, Switchback / raw clients, linger {linger} ms",
             p99_ratio(rows, bench, ours, [raw]), "(reported)"),
        ]
    bench = "KafkaDualPublishBenchmark.publish"
    checks += [
        ("kafka dual publish throughput, dualwrite / off",
         throughput_ratio(rows, bench, "dualwrite", "off"), "≥ 0.9"),
        ("kafka publish throughput, router in off / no router",
         throughput_ratio(rows, bench, "off", "single"), "(diagnostic)"),
        ("kafka two-clusters by hand / router in off (the floor)",
         throughput_ratio(rows, bench, "two-clusters", "off"), "(diagnostic)"),
        ("kafka dualwrite / two-clusters by hand (the router's own part)",
         throughput_ratio(rows, bench, "dualwrite", "two-clusters"), "(diagnostic)"),
        ("kafka dualwrite: copies acknowledged by new / publishes answered",
         secondary_ratio(rows, bench, "dualwrite", "mirrored"), "(keeps pace at 1)"),
    ]
    bench = "KafkaConsumeBenchmark.handleChunk"
    for bound in ("256", "65536"):
        checks += [
            (f"kafka consume, live (both, de-duplicated) / off, max-in-flight {bound}",
             throughput_ratio(rows, bench, f"live maxInFlight={bound}",
                              f"off maxInFlight={bound}"), "(no goal)"),
            (f"kafka consume, router in off / no router, max-in-flight {bound}",
             throughput_ratio(rows, bench, f"off maxInFlight={bound}",
                              f"direct maxInFlight={bound}"), "(diagnostic)"),
        ]
    checks.append(("kafka consume without router, max-in-flight 256 / 65536",
                   throughput_ratio(rows, bench, "direct maxInFlight=256",
                                    "direct maxInFlight=65536"), "(the pause)"))
    for label, value, goal in checks:
        if value is None:
            continue
        ratio, low, high = value
        print(f"| {label} | {ratio:.3f} | {low:.3f} – {high:.3f} | {goal} |")


def main():
    rows = pool([load(path) for path in sys.argv[1:]])
    table(rows)
    ratios(rows)


if __name__ == "__main__":
    main()
