#!/usr/bin/python3
"""Writes the split files of the fraud-handbook protocols and the phishing-uci split, and runs the peers
(XGBoost and scikit-learn, Debian's python3-xgboost and python3-sklearn) on exactly those rows.

usage: /usr/bin/python3 bench/peers/peers.py DATA_DIR OUT_DIR [--threads N]
DATA_DIR is ../shared/data; OUT_DIR receives p1.split.csv, p2.split.csv, phishing.split.csv and peers.json.
"""
import argparse
import datetime
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import sklearn
import xgboost
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

FEATURES = ["TX_AMOUNT", "TX_DURING_WEEKEND", "TX_DURING_NIGHT"] + [
    f"CUSTOMER_ID_{m}_{d}DAY_WINDOW" for d in (1, 7, 30) for m in ("NB_TX", "AVG_AMOUNT")
] + [f"TERMINAL_ID_{m}_{d}DAY_WINDOW" for d in (1, 7, 30) for m in ("NB_TX", "RISK")]


def protocol1_split(df):
    """Handbook 3.4: 7 training days from 2018-07-25, a 7-day delay, 7 test days minus known compromised cards."""
    start = datetime.datetime(2018, 7, 25)
    train = df[(df.TX_DATETIME >= start) & (df.TX_DATETIME < start + datetime.timedelta(days=7))]
    known = set(train[train.TX_FRAUD == 1].CUSTOMER_ID)
    first_day = train.TX_TIME_DAYS.min()
    test = []
    for day in range(7):
        test_day = df[df.TX_TIME_DAYS == first_day + 7 + 7 + day]
        delay_day = df[df.TX_TIME_DAYS == first_day + 7 + day - 1]
        known |= set(delay_day[delay_day.TX_FRAUD == 1].CUSTOMER_ID)
        test.append(test_day[~test_day.CUSTOMER_ID.isin(known)])
    return train.sort_values("TRANSACTION_ID"), pd.concat(test).sort_values("TRANSACTION_ID")


def card_precision_top_k(test, scores, k=100):
    """The handbook's card precision@k, removing cards detected on earlier days."""
    frame = pd.DataFrame({"day": test.TX_TIME_DAYS.values, "card": test.CUSTOMER_ID.values,
                          "fraud": test.TX_FRAUD.values, "score": scores})
    detected, per_day = [], []
    for day in sorted(frame.day.unique()):
        d = frame[(frame.day == day) & (~frame.card.isin(detected))]
        top = d.groupby("card").max().sort_values("score", ascending=False).head(k)
        hits = list(top[top.fraud == 1].index)
        per_day.append(len(hits) / k)
        detected.extend(hits)
    return float(np.mean(per_day))


def write_split(path, ids_by_set):
    with open(path, "w") as f:
        f.write("id,set\n")
        for name, ids in ids_by_set.items():
            for i in ids:
                f.write(f"{i},{name}\n")


def timed_fit(model, x, y):
    """Wall seconds and CPU seconds of the fit (on a shared machine the wall clock counts other jobs too)."""
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(x, y)
    return time.perf_counter() - start, time.process_time() - cpu


def scoring_rate(model, x):
    """Rows per wall second and per CPU second, medians of 3 passes after a warm-up."""
    model.predict_proba(x)
    times, cpus = [], []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        model.predict_proba(x)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return len(x) / sorted(times)[1], len(x) / sorted(cpus)[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    results = {"xgboost": xgboost.__version__, "sklearn": sklearn.__version__, "threads": args.threads, "runs": []}

    df = pd.read_csv(os.path.join(args.data_dir, "fraud-handbook", "transactions-2018-07-25-to-08-14.csv.gz"),
                     parse_dates=["TX_DATETIME"])

    # Protocol 1
    train, test = protocol1_split(df)
    write_split(os.path.join(args.out_dir, "p1.split.csv"), {"train": train.TRANSACTION_ID, "test": test.TRANSACTION_ID})
    scaler = StandardScaler().fit(train[FEATURES])
    xtr, xte = scaler.transform(train[FEATURES]), scaler.transform(test[FEATURES])
    for name, model in [
        ("logistic regression (default)", LogisticRegression(random_state=0)),
        ("XGBoost (defaults)", xgboost.XGBClassifier(random_state=0, n_jobs=args.threads, eval_metric="logloss")),
        # Whether 256 bins cost average precision by themselves: hist bins once by row count, approx re-bins every
        # round by the rows' hessians (the weighted quantile sketch).
        ("XGBoost (hist, max_bin 256)", xgboost.XGBClassifier(
            tree_method="hist", max_bin=256, random_state=0, n_jobs=args.threads, eval_metric="logloss")),
        ("XGBoost (approx, max_bin 256)", xgboost.XGBClassifier(
            tree_method="approx", max_bin=256, random_state=0, n_jobs=args.threads, eval_metric="logloss")),
    ]:
        seconds = timed_fit(model, xtr, train.TX_FRAUD)
        p = model.predict_proba(xte)[:, 1]
        results["runs"].append({"protocol": 1, "model": name, "train_rows": len(train), "test_rows": len(test),
                                "roc_auc": roc_auc_score(test.TX_FRAUD, p), "average_precision": average_precision_score(test.TX_FRAUD, p),
                                "card_precision_100": card_precision_top_k(test, p), "training_s": seconds[0], "training_cpu_s": seconds[1]})

    # Protocol 2
    train_ids, test_ids = train_test_split(df.TRANSACTION_ID, test_size=0.2, stratify=df.TX_FRAUD, random_state=0)
    write_split(os.path.join(args.out_dir, "p2.split.csv"), {"train": train_ids, "test": test_ids})
    train, test = df[df.TRANSACTION_ID.isin(set(train_ids))], df[df.TRANSACTION_ID.isin(set(test_ids))]
    scaler = StandardScaler().fit(train[FEATURES])
    for name, model, standardise in [
        ("XGBoost (hist, 300 trees, depth 6, eta 0.1)", xgboost.XGBClassifier(
            tree_method="hist", n_estimators=300, max_depth=6, learning_rate=0.1, random_state=0, n_jobs=args.threads), False),
        ("logistic regression (standardised)", LogisticRegression(random_state=0), True),
    ]:
        xtr = scaler.transform(train[FEATURES]) if standardise else train[FEATURES].values
        xte = scaler.transform(test[FEATURES]) if standardise else test[FEATURES].values
        seconds = timed_fit(model, xtr, train.TX_FRAUD)
        p = model.predict_proba(xte)[:, 1]
        xall = scaler.transform(df[FEATURES]) if standardise else df[FEATURES].values
        results["runs"].append({"protocol": 2, "model": name, "train_rows": len(train), "test_rows": len(test),
                                "roc_auc": roc_auc_score(test.TX_FRAUD, p), "average_precision": average_precision_score(test.TX_FRAUD, p),
                                "training_s": seconds[0], "training_cpu_s": seconds[1],
                                "scoring_rows_per_s_and_per_cpu_s_all_rows": scoring_rate(model, xall)})

    # Phishing (UCI): stratified 80/20, seed 0; ids are the 0-based data row numbers.
    rows = []
    with open(os.path.join(args.data_dir, "phishing-uci", "phishing-websites.arff")) as f:
        in_data = False
        for line in f:
            line = line.strip()
            if not line or line.startswith("%"):
                continue
            if line.lower().startswith("@data"):
                in_data = True
                continue
            if in_data:
                rows.append([int(v) for v in line.split(",")])
    data = np.array(rows)
    x, y = data[:, :-1], (data[:, -1] == -1).astype(int)  # positive: phishing
    ids = np.arange(len(data))
    tr, te = train_test_split(ids, test_size=0.2, stratify=y, random_state=0)
    write_split(os.path.join(args.out_dir, "phishing.split.csv"), {"train": tr, "test": te})
    for name, model in [("XGBoost (defaults)", xgboost.XGBClassifier(random_state=0, n_jobs=args.threads)),
                        ("logistic regression (default)", LogisticRegression(random_state=0, max_iter=1000))]:
        seconds = timed_fit(model, x[tr], y[tr])
        p = model.predict_proba(x[te])[:, 1]
        results["runs"].append({"protocol": "phishing", "model": name, "train_rows": len(tr), "test_rows": len(te),
                                "roc_auc": roc_auc_score(y[te], p), "average_precision": average_precision_score(y[te], p),
                                "accuracy": accuracy_score(y[te], p >= 0.5), "training_s": seconds[0], "training_cpu_s": seconds[1]})

    with open(os.path.join(args.out_dir, "peers.json"), "w") as f:
        json.dump(results, f, indent=2)
    for r in results["runs"]:
        print(json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
