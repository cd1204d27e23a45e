"""One reference (model, task, threads) measurement in a fresh process; see trees_reference.py.
Writes one JSON result. Not meant to be run by hand."""
import argparse
import json
import os
import pickle
import sys
import time

import numpy as np


def build(cfg, threads):
    p = dict(cfg["params"])
    if cfg["kind"] == "xgboost":
        import xgboost as xgb
        return xgb.XGBClassifier(n_jobs=threads, random_state=0, verbosity=0, **p)
    from sklearn.ensemble import (ExtraTreesClassifier, HistGradientBoostingClassifier,
                                  IsolationForest, RandomForestClassifier)
    if cfg["kind"] == "hgb":
        return HistGradientBoostingClassifier(random_state=0, **p)
    if cfg["kind"] == "rf":
        return RandomForestClassifier(n_jobs=threads, random_state=0, **p)
    if cfg["kind"] == "et":
        return ExtraTreesClassifier(n_jobs=threads, random_state=0, **p)
    if cfg["kind"] == "iforest":
        return IsolationForest(n_jobs=threads, random_state=0, **p)
    raise KeyError(cfg["kind"])


def model_bytes(cfg, model):
    """What a user would store: XGBoost's own binary format, a pickle for scikit-learn."""
    if cfg["kind"] == "xgboost":
        return len(model.get_booster().save_raw("ubj")), "xgboost ubj"
    return len(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)), "pickle"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--anchors", required=True)
    ap.add_argument("--spec", required=True)
    ap.add_argument("--result", required=True)
    a = ap.parse_args()
    sys.path.insert(0, a.anchors)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import common as C
    from trees_configs import CONFIGS
    from sklearn.metrics import accuracy_score, average_precision_score, f1_score, roc_auc_score

    spec = json.loads(a.spec)
    threads, task = int(spec["threads"]), spec["task"]
    cfg = next(c for c in CONFIGS if c["name"] == spec["config"])
    C.set_threads_inproc(threads)
    load = lambda k: np.load(os.path.join(a.store, k + ".npy"))
    X, y = load("X_KDDTrain+"), load(f"y_KDDTrain+_{task}")
    Xt, yt = load("X_KDDTest+"), load(f"y_KDDTest+_{task}")
    anomaly = cfg["kind"] == "iforest"
    if anomaly:
        X = X[y == 0]  # normal rows only
    rss_data = C.peak_rss_mb()
    model = build(cfg, threads)
    t0 = time.perf_counter()
    model.fit(X) if anomaly else model.fit(X, y)
    fit_s = time.perf_counter() - t0
    rss_fit = C.peak_rss_mb()

    predict = (lambda m: -model.score_samples(m)) if anomaly else model.predict
    predict(Xt[:1000])
    t0 = time.perf_counter()
    pred = predict(Xt)
    batch_s = time.perf_counter() - t0

    # Single rows: the call a detector makes per event. XGBoost's fastest path is
    # inplace_predict on the booster; scikit-learn's is predict_proba / score_samples.
    if cfg["kind"] == "xgboost":
        booster = model.get_booster()
        one = lambda row: booster.inplace_predict(row)
    elif anomaly:
        one = model.score_samples
    else:
        one = model.predict_proba
    rows = [Xt[i:i + 1] for i in range(2200)]
    for r in rows[:200]:
        one(r)
    times = []
    for r in rows[200:]:
        t0 = time.perf_counter_ns()
        one(r)
        times.append(time.perf_counter_ns() - t0)
    times = np.array(times) / 1000.0
    size, size_format = model_bytes(cfg, model)

    out = {"config": cfg["name"], "task": task, "threads": threads, "n_train": int(len(X)),
           "fit_s": fit_s, "batch_rows_per_s": len(Xt) / batch_s,
           "row_p50_us": float(np.percentile(times, 50)), "row_p99_us": float(np.percentile(times, 99)),
           "model_bytes": size, "model_format": size_format,
           "rss_after_data_mb": rss_data, "rss_after_fit_mb": rss_fit, "peak_rss_mb": C.peak_rss_mb()}
    if anomaly:
        out.update({"accuracy": None, "macro_f1": None,
                    "roc_auc": float(roc_auc_score(yt, pred)), "pr_auc": float(average_precision_score(yt, pred))})
    else:
        k = 2 if task == "binary" else 5
        out.update({"accuracy": float(accuracy_score(yt, pred)),
                    "macro_f1": float(f1_score(yt, pred, labels=list(range(k)), average="macro", zero_division=0))})
        if hasattr(model, "n_iter_"):
            out["rounds"] = int(model.n_iter_)
    with open(a.result, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
