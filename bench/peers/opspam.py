#!/usr/bin/python3
"""Turns the deceptive opinion spam corpus (Ott et al. 2011, positive polarity) into one CSV and five split files
(one per published fold: the fold tests, the other four train), and runs scikit-learn's TfidfVectorizer with
LogisticRegression and LinearSVC on exactly those folds, with the settings our text classifier uses.

usage: /usr/bin/python3 bench/peers/opspam.py DATA_DIR OUT_DIR
DATA_DIR is ../shared/data; OUT_DIR receives opspam.csv, opspam-fold1..5.split.csv and opspam-peers.json.
Needs Debian's python3-sklearn.
"""
import csv
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.svm import LinearSVC

# Our tokeniser keeps every run of word characters, one letter long or more (scikit-learn's default drops
# one-letter tokens): the same pattern on both sides, so the vocabularies match.
TOKENS = r"(?u)\w+"
# name -> (vectorizer settings, model factory); ours: the same names in run.sh.
SETTINGS = {
    "words 1-2, logistic": (dict(ngram_range=(1, 2)), lambda: LogisticRegression(C=1.0, max_iter=1000)),
    "words 1-2, svm": (dict(ngram_range=(1, 2)), lambda: LinearSVC(C=1.0, max_iter=1000)),
    "words 1-2 sublinear, svm C=10": (dict(ngram_range=(1, 2), sublinear_tf=True), lambda: LinearSVC(C=10.0, max_iter=1000)),
    "words 1-2 + chars 2-5, logistic C=10": (None, lambda: LogisticRegression(C=10.0, max_iter=1000)),
}


def read_corpus(data):
    root = os.path.join(data, "reviews-opspam", "positive_polarity")
    rows = []
    for kind, label in (("deceptive_from_MTurk", 1), ("truthful_from_TripAdvisor", 0)):
        for fold in range(1, 6):
            folder = os.path.join(root, kind, f"fold{fold}")
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    rows.append({"id": name[:-4], "fold": fold, "deceptive": label, "text": f.read().strip()})
    return rows


def vectorizer(settings):
    if settings is None:  # words and characters within word boundaries, stacked as one vocabulary
        from sklearn.pipeline import FeatureUnion
        return FeatureUnion([("w", TfidfVectorizer(token_pattern=TOKENS, ngram_range=(1, 2))),
                             ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)))])
    return TfidfVectorizer(token_pattern=TOKENS, **settings)


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rows = read_corpus(data)
    with open(os.path.join(out, "opspam.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "fold", "deceptive", "text"])
        w.writeheader()
        w.writerows(rows)
    for fold in range(1, 6):
        with open(os.path.join(out, f"opspam-fold{fold}.split.csv"), "w", encoding="utf-8", newline="") as f:
            f.write("id,set\n")
            for r in rows:
                f.write(f"{r['id']},{'test' if r['fold'] == fold else 'train'}\n")
    texts = np.array([r["text"] for r in rows], dtype=object)
    labels = np.array([r["deceptive"] for r in rows])
    folds = np.array([r["fold"] for r in rows])
    results = {"sklearn": sklearn.__version__, "rows": len(rows), "settings": {}}
    for name, (settings, model) in SETTINGS.items():
        accuracy, f1, auc, seconds = [], [], [], 0.0
        for fold in range(1, 6):
            train, test = folds != fold, folds == fold
            clock = time.perf_counter()
            v = vectorizer(settings)
            m = model().fit(v.fit_transform(texts[train]), labels[train])
            margin = m.decision_function(v.transform(texts[test]))
            seconds += time.perf_counter() - clock
            predicted = (margin > 0).astype(int)
            accuracy.append(accuracy_score(labels[test], predicted))
            f1.append(f1_score(labels[test], predicted))
            auc.append(roc_auc_score(labels[test], margin))
        results["settings"][name] = {"accuracy": accuracy, "mean_accuracy": float(np.mean(accuracy)),
                                     "mean_f1": float(np.mean(f1)), "mean_roc_auc": float(np.mean(auc)), "seconds": seconds}
        print(f"scikit-learn {name:40s} accuracy {np.mean(accuracy):.4f} (folds {' '.join(f'{a:.4f}' for a in accuracy)}) "
              f"F1 {np.mean(f1):.4f} ROC-AUC {np.mean(auc):.4f}  {seconds:.1f} s")
    with open(os.path.join(out, "opspam-peers.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
