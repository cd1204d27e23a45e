"""Reference side of bench/explain: XGBoost's built-in TreeSHAP (pred_contribs=True, C++).

The Python `shap` package is not installed here (Debian has no package for it), so the
reference is XGBoost 1.7's own path-dependent TreeSHAP, the same algorithm (Lundberg et al.
2020, Algorithm 2).

Two kinds of model:
  --model FILE       an XGBoost JSON model (bench/explain writes our trees in that format):
                     the same trees on both sides;
  --train-x/--train-y + --native-params
                     an XGBoost `hist` model trained here with matched hyper-parameters.

Rows are a raw little-endian float32 matrix (--rows FILE, --n-features F). For each thread
count, one warm-up call on the first rows, then --runs timed calls over all rows (wall and process
CPU seconds); prints one JSON document with the medians, every run and the largest additivity
error |sum of contributions incl. bias - margin|, and writes the contributions of the first model
(without the bias column) to --contribs-out as float64 for a value-by-value comparison.

  /usr/bin/python3 bench/reference/explain_xgboost.py --model rf.json --rows x.f32 \
      --n-features 122 --threads 1,2 --runs 5 --contribs-out phi.f64
"""
import argparse
import json
import platform
import statistics
import sys
import time

import numpy as np
import xgboost as xgb


def timed_contribs(booster, dm, warm, threads, runs):
    booster.set_param({"nthread": threads})
    booster.predict(warm, pred_contribs=True)
    seconds = []
    cpu = []
    out = None
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = booster.predict(dm, pred_contribs=True)
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return out, seconds, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    ap.add_argument("--rows", required=True)
    ap.add_argument("--n-features", type=int, required=True)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--contribs-out")
    ap.add_argument("--train-x")
    ap.add_argument("--train-y")
    ap.add_argument("--native-params", help="JSON of xgb.train params plus num_boost_round")
    args = ap.parse_args()

    x = np.fromfile(args.rows, dtype="<f4").reshape(-1, args.n_features)
    dm = xgb.DMatrix(x, missing=np.nan)
    warm = xgb.DMatrix(x[:20], missing=np.nan)
    result = {
        "env": {
            "python": platform.python_version(),
            "xgboost": xgb.__version__,
            "numpy": np.__version__,
        },
        "rows": int(x.shape[0]),
        "models": [],
    }
    boosters = []
    if args.model:
        b = xgb.Booster(model_file=args.model)
        boosters.append(("exported", b, None))
    if args.train_x:
        xt = np.fromfile(args.train_x, dtype="<f4").reshape(-1, args.n_features)
        yt = np.fromfile(args.train_y, dtype="<i4")
        params = json.loads(args.native_params)
        rounds = int(params.pop("num_boost_round"))
        t0 = time.perf_counter()
        b = xgb.train(params, xgb.DMatrix(xt, label=yt), num_boost_round=rounds)
        fit = time.perf_counter() - t0
        boosters.append(("native", b, {"params": params, "rounds": rounds, "fit_s": fit}))

    for i, (name, b, info) in enumerate(boosters):
        dump = b.get_dump(with_stats=False)
        leaves = sum(t.count("leaf=") for t in dump)
        entry = {"model": name, "trees": len(dump), "leaves": leaves, "runs": {}}
        if info:
            entry.update(info)
        for threads in [int(t) for t in args.threads.split(",")]:
            out, seconds, cpu = timed_contribs(b, dm, warm, threads, args.runs)
            entry["runs"][str(threads)] = {
                "median_s": statistics.median(seconds),
                "median_cpu_s": statistics.median(cpu),
                "seconds": seconds,
                "cpu_seconds": cpu,
            }
            margin = b.predict(dm, output_margin=True)
            entry["additivity_max_err"] = float(np.abs(out.sum(axis=1) - margin).max())
            if i == 0 and args.contribs_out and threads == 1:
                np.asarray(out[:, :-1], dtype="<f8").tofile(args.contribs_out)
                entry["bias_first_row"] = float(out[0, -1])
        result["models"].append(entry)
        print(f"xgboost {name}: {entry['runs']}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
