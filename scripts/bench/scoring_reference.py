# scikit-learn on the very tables our scoring models see, for bench:scoring only (Debian's python3-sklearn;
# never a dependency of the app). bench:scoring writes train.csv and test.csv (label first, then the
# features as our reader typed them) and a job on stdin naming the numeric and categorical columns.
# Design as in ../shared/data/bank_marketing/README.md: one-hot categoricals with values seen fewer than 10
# times pooled, standardised numerics (mean-imputed, with a missing indicator where values are missing).
# Prints JSON: per model the test ROC AUC, log-loss, Brier score, fit seconds and iterations.
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

job = json.load(sys.stdin)
num, cat = job["numeric"], job["categorical"]
dtypes = {c: str for c in cat}
train = pd.read_csv(job["train"], dtype=dtypes, keep_default_na=False, na_values={c: [""] for c in num})
test = pd.read_csv(job["test"], dtype=dtypes, keep_default_na=False, na_values={c: [""] for c in num})
y_train, y_test = train.pop("label").to_numpy(), test.pop("label").to_numpy()

design = ColumnTransformer(
    [
        ("num", make_pipeline(SimpleImputer(strategy="mean", add_indicator=True), StandardScaler()), num),
        ("cat", OneHotEncoder(min_frequency=10, handle_unknown="infrequent_if_exist"), cat),
    ],
    sparse_threshold=1.0,
)


def run(name, model, dense=False):
    t = time.perf_counter()
    X_train = design.fit_transform(train)
    X_test = design.transform(test)
    if dense and hasattr(X_train, "toarray"):
        X_train, X_test = X_train.toarray(), X_test.toarray()
    encode = time.perf_counter() - t
    t = time.perf_counter()
    model.fit(X_train, y_train)
    fit = time.perf_counter() - t
    t = time.perf_counter()
    p = model.predict_proba(X_test)[:, 1]
    predict = time.perf_counter() - t
    iterations = getattr(model, "n_iter_", None)
    return {
        "name": name,
        "auc": float(roc_auc_score(y_test, p)),
        "logLoss": float(log_loss(y_test, p)),
        "brier": float(brier_score_loss(y_test, p)),
        "encodeSeconds": encode,
        "fitSeconds": fit,
        "predictSeconds": predict,
        "iterations": int(np.max(iterations)) if iterations is not None else None,
    }


out = [run("logistic", LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000))]
hgb = {"random_state": 42}
if job.get("gbtIterations"):
    hgb.update(max_iter=job["gbtIterations"], early_stopping=False)
out.append(run("gbt", HistGradientBoostingClassifier(**hgb), dense=True))
if job.get("forest", True):
    # Our forest's defaults: 100 trees of depth 12, leaves of at least 5 rows, sqrt(features) per split.
    out.append(run("forest", RandomForestClassifier(n_estimators=100, max_depth=12, min_samples_leaf=5, max_features="sqrt", n_jobs=1, random_state=42), dense=True))
print(json.dumps(out))
