#!/usr/bin/python3
"""Reference side of `npm run bench:trees`: scikit-learn HistGradientBoosting, RandomForest,
ExtraTrees, IsolationForest and XGBoost `hist` on NSL-KDD (KDDTrain+ -> KDDTest+), with the
hyper-parameters matched to ThreatMesh's configurations (bench/trees/configs.ts) and the figures
the anchors in ../shared/anchors lack: single-row latency and model size.

Each (model, task, threads) runs in a fresh worker process (trees_worker.py) forked from the
anchors' small launcher, so peak RSS is per model, as in ../shared/anchors/NOTES.md.

usage: /usr/bin/python3 bench/reference/trees_reference.py --data-dir ../shared/data \
         --anchors ../shared/anchors --out bench/results/trees-reference.json \
         [--models GB-xgb,RF-100] [--tasks binary,5class] [--threads 2] [--repeats 3]
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--anchors", required=True, help="../shared/anchors (common.py, launcher.py)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--models", default="")
    ap.add_argument("--tasks", default="binary,5class")
    ap.add_argument("--threads", default="2", help="comma-separated thread counts")
    ap.add_argument("--repeats", type=int, default=1, help="fresh processes per configuration")
    a = ap.parse_args()
    sys.path.insert(0, a.anchors)
    import common as C  # the anchors' data loading, preprocessing, launcher

    C.start_launcher()  # before any data is loaded: keeps the workers' ru_maxrss clean
    sys.path.insert(0, HERE)
    from trees_configs import CONFIGS

    import numpy as np

    d, dfs = C.load_nslkdd(a.data_dir)
    pp = C.Preprocessor(C.NSL_CAT, C.NSL_NUM).fit(dfs["KDDTrain+"])
    store = C.DataStore()
    results = []
    wanted = set(filter(None, a.models.split(",")))
    try:
        for name in ("KDDTrain+", "KDDTest+"):
            df = dfs[name]
            store.put(f"X_{name}", pp.raw(df))
            store.put(f"y_{name}_binary", df["y_bin"].to_numpy())
            store.put(f"y_{name}_5class", df["y_5"].to_numpy())
        for task, rep in [(t, r) for r in range(a.repeats) for t in a.tasks.split(",")]:
            for cfg in CONFIGS:
                if (wanted and cfg["name"] not in wanted) or task not in cfg["tasks"]:
                    continue
                for th in [int(t) for t in a.threads.split(",")]:
                    spec = {"config": cfg["name"], "task": task, "threads": th}
                    res_path = os.path.join(store.dir, f"res_{cfg['name']}_{task}_{th}_{rep}.json")
                    cmd = [C.PY, os.path.join(HERE, "trees_worker.py"), "--store", store.dir,
                           "--anchors", a.anchors, "--spec", json.dumps(spec), "--result", res_path]
                    t0 = time.perf_counter()
                    p = C.launch(cmd, C.thread_env(th), 3600)
                    if p["rc"] != 0:
                        print(f"[{task}] {cfg['name']} t={th}: ERROR\n{p['stderr'][-2000:]}", flush=True)
                        results.append({**spec, "error": p["stderr"][-2000:]})
                        continue
                    with open(res_path) as f:
                        r = json.load(f)
                    r["subprocess_wall_s"] = time.perf_counter() - t0
                    r["repeat"] = rep
                    results.append(r)
                    print(f"[{task}] {cfg['name']:8s} t={th} fit {r['fit_s']:7.2f}s  "
                          f"acc {r['accuracy'] or 0:.4f} auc {r.get('roc_auc') or 0:.4f}  {r['batch_rows_per_s']:,.0f} rows/s  "
                          f"p99 {r['row_p99_us']:.0f} us  peak {r['peak_rss_mb']:.0f} MB", flush=True)
    finally:
        store.cleanup()
    out = {"benchmark": "trees_reference", "env": C.env_info("reference side of bench:trees"),
           "configs": CONFIGS, "results": results}
    C.write_json(a.out, out)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
