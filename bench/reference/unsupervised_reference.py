#!/usr/bin/python3
"""scikit-learn side of bench/unsupervised: the anchors' configurations on NSL-KDD, timed as
the median of --runs fits in one process, written as JSON.

  * LinearSVC(C=1, dual=False, max_iter=200): the anchors' (nslkdd_supervised.py) binary
    model; accuracy / macro-F1 / ROC-AUC (decision function) on KDDTest+ and KDDTest-21.
  * KMeans(n_clusters=k, n_init=3, random_state=0) on KDDTrain+ standardised with a scaler fitted
    on all of it (nslkdd_unsupervised.py): inertia, iterations, purity / ARI / NMI against the
    23 attack labels.
  * PCA(n_components=2, random_state=0): explained-variance ratios.
  * TSNE(perplexity=30, init='pca', learning_rate='auto', barnes_hut, random_state=0) on the
    anchors' 5,000-row sample numpy default_rng(0).choice(125973, 5000, replace=False); the
    sample's row indices go to --sample-out so that our side embeds the same rows.

The anchors in ../shared/anchors report these figures once (RESULTS.md) but not as the median
of repeated runs on the machine of the comparison; this script reuses their data loading and
preprocessing (common.py) so both sides see the same matrix.

usage: /usr/bin/python3 bench/reference/unsupervised_reference.py --anchors ../shared/anchors \
          --data-dir ../shared/data --out sklearn.json --sample-out tsne-rows.json \
          [--runs 3] [--threads 2] [--k 5,23] [--only svm,kmeans,pca,tsne]
(bench/unsupervised/run.ts calls it once per method with --only.)
"""
import argparse
import json
import os
import statistics
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anchors", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sample-out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--k", default="5,23")
    ap.add_argument("--only", default="svm,kmeans,pca,tsne")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.anchors))
    import numpy as np
    import common as C  # the anchors' loading and preprocessing

    C.set_threads_inproc(a.threads)
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE
    from sklearn.metrics import (accuracy_score, adjusted_rand_score, f1_score,
                                 normalized_mutual_info_score, roc_auc_score)
    from sklearn.svm import LinearSVC

    only = set(a.only.split(","))
    _, dfs = C.load_nslkdd(a.data_dir)
    tr = dfs["KDDTrain+"]
    pp = C.Preprocessor(C.NSL_CAT, C.NSL_NUM).fit(tr)
    out = {"env": C.env_info(f"threads = {a.threads} (BLAS/OpenMP)"), "runs": a.runs}
    # One scaler fitted on all of KDDTrain+: the SVM's training matrix is the clustering's.
    Xs = pp.scaled(tr)

    def timed(fit):
        times, result = [], None
        for _ in range(a.runs):
            t0 = time.perf_counter()
            result = fit()
            times.append(time.perf_counter() - t0)
        return result, {"median_s": statistics.median(times), "times_s": times}

    if "svm" in only:
        y = tr["y_bin"].to_numpy()
        model, t = timed(lambda: LinearSVC(C=1.0, dual=False, max_iter=200, random_state=0).fit(Xs, y))
        ev = {}
        for name in ("KDDTest+", "KDDTest-21"):
            Xt = pp.scaled(dfs[name])
            yt = dfs[name]["y_bin"].to_numpy()
            pred = model.predict(Xt)
            ev[name] = {"accuracy": float(accuracy_score(yt, pred)),
                        "macro_f1": float(f1_score(yt, pred, average="macro")),
                        "roc_auc": float(roc_auc_score(yt, model.decision_function(Xt)))}
        out["svm"] = {"model": "LinearSVC(C=1, dual=False, max_iter=200)", "fit": t,
                      "n_iter": int(model.n_iter_), "eval": ev}
        print(f"LinearSVC fit {t['median_s']:.2f}s acc {ev['KDDTest+']['accuracy']:.4f}", file=sys.stderr)

    fine = tr["label"].to_numpy()
    if "kmeans" in only:
        _, codes = np.unique(fine, return_inverse=True)
        out["kmeans"] = []
        for k in [int(v) for v in a.k.split(",")]:
            km, t = timed(lambda: KMeans(n_clusters=k, n_init=3, random_state=0).fit(Xs))
            cont = np.zeros((k, codes.max() + 1), dtype=np.int64)
            np.add.at(cont, (km.labels_, codes), 1)
            out["kmeans"].append({
                "k": k, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_), "fit": t,
                "purity": float(cont.max(1).sum() / len(codes)),
                "ari": float(adjusted_rand_score(fine, km.labels_)),
                "nmi": float(normalized_mutual_info_score(fine, km.labels_))})
            print(f"KMeans k={k} inertia {km.inertia_:.6g} fit {t['median_s']:.2f}s", file=sys.stderr)
    if "pca" in only:
        pca, t = timed(lambda: PCA(n_components=2, random_state=0).fit(Xs))
        out["pca"] = {"explained_variance_ratio": pca.explained_variance_ratio_.tolist(), "fit": t,
                      "svd_solver": pca._fit_svd_solver}
        print(f"PCA {pca.explained_variance_ratio_} fit {t['median_s']:.2f}s", file=sys.stderr)
    rows = np.random.default_rng(0).choice(len(Xs), size=5000, replace=False)
    with open(a.sample_out, "w") as f:
        json.dump({"sample": "numpy default_rng(0).choice(125973, 5000, replace=False)",
                   "rows": [int(r) for r in rows]}, f)
    if "tsne" in only:
        ts, t = timed(lambda: TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto",
                                   random_state=0, n_jobs=a.threads).fit(Xs[rows]))
        out["tsne"] = {"rows": 5000, "fit": t, "kl_divergence": float(ts.kl_divergence_),
                       "n_iter": int(ts.n_iter_)}
        print(f"t-SNE {t['median_s']:.1f}s KL {ts.kl_divergence_:.4f}", file=sys.stderr)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
