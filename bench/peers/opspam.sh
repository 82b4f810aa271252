#!/usr/bin/env bash
# The text classifier against scikit-learn on the deceptive opinion spam corpus (Ott et al. 2011, positive
# polarity, 1,600 reviews, the corpus's own 5 folds): same folds, same settings, one run. By hand, not in CI.
#   bench/peers/opspam.sh [OUT_DIR]        (default /tmp/ensuresec-opspam)
# Needs /usr/bin/python3 with Debian's python3-sklearn (apt-get install -y python3-sklearn).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/ensuresec-opspam}"
data="${ENSURESEC_SHARED_DATA:-../shared/data}"
if ! /usr/bin/python3 -c 'import numpy, sklearn' 2>/dev/null; then
  echo "error: the peers need Debian's packages: apt-get install -y python3-sklearn" >&2
  exit 2
fi
mkdir -p "$out"
dotnet build src/Ensuresec.Cli -c Release --nologo -v q >/dev/null
ml() { dotnet src/Ensuresec.Cli/bin/Release/net10.0/ensuresec.dll ml "$@"; }

echo "== scikit-learn (writes opspam.csv and the five split files)"
/usr/bin/python3 bench/peers/opspam.py "$data" "$out"

run() {
  local name="$1"; shift
  local start=$SECONDS
  for fold in 1 2 3 4 5; do
    ml train --task text --text text --label deceptive --id id --threads 2 --split "$out/opspam-fold$fold.split.csv" \
      --out "$out/model.json" --json "$out/ours-$name-$fold.json" "$@" "$out/opspam.csv" >/dev/null
  done
  /usr/bin/python3 - "$out" "$name" $((SECONDS - start)) <<'PY'
import json, sys
out, name, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
runs = [json.load(open(f"{out}/ours-{name}-{k}.json"))["evaluation"] for k in range(1, 6)]
mean = lambda key: sum(r[key] for r in runs) / len(runs)
folds = " ".join("%.4f" % r["accuracy"] for r in runs)
print(f"ours {name:44s} accuracy {mean('accuracy'):.4f} (folds {folds}) "
      f"F1 {mean('f1'):.4f} ROC-AUC {mean('roc_auc'):.4f}  {seconds} s with 5 process starts")
PY
}

echo "== ours, same folds and settings"
run "words-1-2-logistic" --algorithm text-logistic --word-ngrams 1-2
run "words-1-2-svm" --algorithm text-svm --word-ngrams 1-2
run "words-1-2-sublinear-svm-C10" --algorithm text-svm --word-ngrams 1-2 --sublinear-tf --c 10
run "words-1-2-chars-2-5-logistic-C10" --algorithm text-logistic --word-ngrams 1-2 --char-ngrams 2-5 --c 10
