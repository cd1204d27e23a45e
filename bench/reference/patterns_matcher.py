#!/usr/bin/env python3
"""Reference side of bench/patterns (run by it; no third-party package needed to start).

- The OASIS stix2-matcher (PyPI `stix2-matcher`), when importable: each pattern evaluated on
  each observed-data object alone, as ThreatMesh's `test(observation)` does; observations/s.
- Python's `re` (what stix2-matcher uses for MATCHES) on the catastrophic-backtracking
  expression of the bar, `(a+)+$` on n x 'a' then '!'; milliseconds per search.

Prints one JSON document on stdout.

    /usr/bin/python3 bench/reference/patterns_matcher.py \
        --observations obs.json --patterns patterns.json --runs 5 --hostile 16,18,20,22
"""
import argparse
import json
import re
import statistics
import sys
import time


def timed(runs, fn):
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def matcher_side(observations, patterns, runs):
    try:
        import stix2matcher
        from stix2matcher.matcher import Pattern
    except ImportError as e:
        return {"available": False, "reason": f"stix2matcher is not installed ({e})"}
    results = []
    for p in patterns:
        compiled = Pattern(p["pattern"])
        hits = [0]

        def run():
            hits[0] = sum(1 for sdo in observations if compiled.match([sdo]))

        secs = timed(runs, run)
        results.append({"name": p["name"], "hits": hits[0], "perSecond": len(observations) / secs})
    return {
        "available": True,
        "version": getattr(stix2matcher, "__version__", "?"),
        "results": results,
    }


def re_side(ns, runs):
    compiled = re.compile(r"(a+)+$")
    out = []
    for n in ns:
        s = "a" * n + "!"
        matched = [True]

        def run():
            matched[0] = compiled.search(s) is not None

        out.append({"n": n, "ms": timed(runs, run) * 1000, "matched": matched[0]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--observations", required=True)
    ap.add_argument("--patterns", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--hostile", default="16,18,20,22")
    args = ap.parse_args()
    with open(args.observations) as f:
        observations = json.load(f)
    with open(args.patterns) as f:
        patterns = json.load(f)
    ns = [int(x) for x in args.hostile.split(",") if x]
    print(json.dumps({
        "python": sys.version.split()[0],
        "matcher": matcher_side(observations, patterns, args.runs),
        "re": re_side(ns, max(1, min(args.runs, 3))),
    }))


if __name__ == "__main__":
    main()
