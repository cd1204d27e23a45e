"""The reference models of bench:trees, matched to ThreatMesh's configurations
(bench/trees/configs.ts, same names). Seeds 0."""

CONFIGS = [
    # XGBoost hist as the anchors run it (../shared/anchors/common.py XGB-hist-200).
    {"name": "GB-xgb", "tasks": ["binary", "5class"], "kind": "xgboost",
     "params": {"n_estimators": 200, "tree_method": "hist", "max_depth": 6, "learning_rate": 0.3,
                "reg_lambda": 1.0, "min_child_weight": 1.0, "max_bin": 256}},
    # The serving bar's model: 100 trees of depth 8.
    {"name": "GB-d8", "tasks": ["binary"], "kind": "xgboost",
     "params": {"n_estimators": 100, "tree_method": "hist", "max_depth": 8, "learning_rate": 0.3,
                "reg_lambda": 1.0, "min_child_weight": 1.0, "max_bin": 256}},
    # scikit-learn HistGradientBoosting with its defaults (early stopping on: n > 10,000).
    {"name": "GB-hgb", "tasks": ["binary", "5class"], "kind": "hgb", "params": {}},
    {"name": "RF-100", "tasks": ["binary", "5class"], "kind": "rf", "params": {"n_estimators": 100}},
    {"name": "ET-100", "tasks": ["binary", "5class"], "kind": "et", "params": {"n_estimators": 100}},
    {"name": "IF-100", "tasks": ["binary"], "kind": "iforest",
     "params": {"n_estimators": 100, "max_samples": 256}},
]
