#!/usr/bin/python3
"""scikit-learn's MLP of the anchors (MLPClassifier(hidden_layer_sizes=(64, 64),
early_stopping=True, max_iter=200), adam, batch 200) on NSL-KDD with several seeds, to show
how far KDDTest+ accuracy moves with the seed alone. The anchor script
(nslkdd_supervised.py --models MLP-64x64) runs seed 0 only.

Same data and preprocessing as the anchors (their common.py: one-hot of
protocol_type/service/flag fitted on KDDTrain+, StandardScaler on all columns).

usage: /usr/bin/python3 bench/reference/nn_mlp_seeds.py --anchors ../shared/anchors \
         --data-dir ../shared/data --seeds 0,1,2,3,4 --tasks binary,5class --out FILE.json
"""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--anchors", required=True, help="folder of the anchor scripts (common.py)")
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--seeds", default="0,1,2,3,4")
    ap.add_argument("--tasks", default="binary,5class")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.anchors))
    import common as C  # the anchors' loader and preprocessing
    C.set_threads_inproc(a.threads)
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.neural_network import MLPClassifier

    _, dfs = C.load_nslkdd(a.data_dir)
    pp = C.Preprocessor(C.NSL_CAT, C.NSL_NUM).fit(dfs["KDDTrain+"])
    xs = {name: pp.scaled(df) for name, df in dfs.items()}
    results = []
    for task in a.tasks.split(","):
        col = "y_bin" if task == "binary" else "y_5"
        labels = list(range(2 if task == "binary" else 5))
        for seed in [int(s) for s in a.seeds.split(",")]:
            model = MLPClassifier(hidden_layer_sizes=(64, 64), early_stopping=True,
                                  max_iter=200, random_state=seed)
            t0 = time.perf_counter()
            c0 = time.process_time()
            model.fit(xs["KDDTrain+"], dfs["KDDTrain+"][col].to_numpy())
            fit_s = time.perf_counter() - t0
            cpu_s = time.process_time() - c0
            r = {"task": task, "seed": seed, "fit_s": fit_s, "cpu_s": cpu_s,
                 "threads": a.threads, "n_iter": int(model.n_iter_), "eval": {}}
            for t in ("KDDTest+", "KDDTest-21"):
                y = dfs[t][col].to_numpy()
                p = model.predict(xs[t])
                r["eval"][t] = {"accuracy": float(accuracy_score(y, p)),
                                "macro_f1": float(f1_score(y, p, labels=labels, average="macro",
                                                           zero_division=0))}
            e = r["eval"]["KDDTest+"]
            print(f"[{task}] seed {seed} fit {fit_s:6.2f}s ({model.n_iter_} epochs) "
                  f"acc {e['accuracy']:.4f} mF1 {e['macro_f1']:.4f}", flush=True)
            results.append(r)
    with open(a.out, "w") as f:
        json.dump({"benchmark": "nn_mlp_seeds", "env": C.env_info(f"threads = {a.threads}"),
                   "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
