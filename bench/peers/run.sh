#!/usr/bin/env bash
# Runs the peers (XGBoost, scikit-learn) and our `ensuresec ml` on the same split files, in one run, and prints
# both sides. By hand, not in CI: several minutes on 2 cores.
#   bench/peers/run.sh [OUT_DIR]        (default /tmp/ensuresec-peers)
# Needs /usr/bin/python3 with Debian's python3-xgboost, python3-sklearn and python3-pandas.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/ensuresec-peers}"
data="${ENSURESEC_SHARED_DATA:-../shared/data}"
if ! /usr/bin/python3 -c 'import pandas, sklearn, xgboost' 2>/dev/null; then
  echo "error: the peers need Debian's packages: apt-get install -y python3-pandas python3-sklearn python3-xgboost" >&2
  exit 2
fi
mkdir -p "$out"
dotnet build src/Ensuresec.Cli -c Release --nologo -v q >/dev/null
ml() { dotnet src/Ensuresec.Cli/bin/Release/net10.0/ensuresec.dll ml "$@"; }

echo "== peers (XGBoost, scikit-learn): writes the split files"
/usr/bin/python3 bench/peers/peers.py "$data" "$out" --threads 2

fraud="$data/fraud-handbook/transactions-2018-07-25-to-08-14.csv.gz"
features=TX_AMOUNT,TX_DURING_WEEKEND,TX_DURING_NIGHT
for d in 1 7 30; do features+=,CUSTOMER_ID_NB_TX_${d}DAY_WINDOW,CUSTOMER_ID_AVG_AMOUNT_${d}DAY_WINDOW; done
for d in 1 7 30; do features+=,TERMINAL_ID_NB_TX_${d}DAY_WINDOW,TERMINAL_ID_RISK_${d}DAY_WINDOW; done
common=(--label TX_FRAUD --features "$features" --id TRANSACTION_ID --threads 2)
card=(--card-precision TX_TIME_DAYS,CUSTOMER_ID)

echo "== ours, protocol 1: logistic regression (defaults, standardised)"
ml train --algorithm logistic "${common[@]}" --split "$out/p1.split.csv" --out "$out/p1-logistic.json" --json "$out/p1-logistic.train.json" "$fraud" | head -1
ml eval --model "$out/p1-logistic.json" --split "$out/p1.split.csv" "${card[@]}" --json "$out/p1-logistic.eval.json" "$fraud"
echo "== ours, protocol 1: gbdt with XGBoost's defaults (100 trees, depth 6, eta 0.3): our defaults (256 bins placed by"
echo "   a 10-round first model's hessians), 256 and 4096 bins of equal row count (--sketch-rounds 0, as XGBoost's hist)"
for variant in default 256 4096; do
  settings=(); [ $variant = default ] || settings=(--max-bins $variant --sketch-rounds 0)
  name=p1-gbdt-$variant
  ml train --algorithm gbdt "${common[@]}" "${settings[@]}" --split "$out/p1.split.csv" --out "$out/$name.json" --json "$out/$name.train.json" "$fraud" | head -1
  ml eval --model "$out/$name.json" --split "$out/p1.split.csv" "${card[@]}" --json "$out/$name.eval.json" "$fraud" | sed -n 2,6p
done

echo "== ours, protocol 2: gbdt (300 trees, depth 6, eta 0.1; defaults, then bins of equal row count) and logistic regression"
ml train --algorithm gbdt "${common[@]}" --trees 300 --max-depth 6 --learning-rate 0.1 --split "$out/p2.split.csv" --out "$out/p2-gbdt.json" --json "$out/p2-gbdt.train.json" "$fraud" | sed -n '1,4p'
ml train --algorithm gbdt "${common[@]}" --trees 300 --max-depth 6 --learning-rate 0.1 --sketch-rounds 0 --split "$out/p2.split.csv" --out "$out/p2-gbdt-hist.json" --json "$out/p2-gbdt-hist.train.json" "$fraud" | sed -n '1,4p'
ml train --algorithm logistic "${common[@]}" --split "$out/p2.split.csv" --out "$out/p2-logistic.json" --json "$out/p2-logistic.train.json" "$fraud" | sed -n '1,4p'
echo "== ours, scoring all 201,295 rows with the 300-tree depth-6 model, 2 threads, explanations off"
ml eval --model "$out/p2-gbdt.json" --threads 2 "$fraud" | grep scoring
ml eval --model "$out/p2-logistic.json" --threads 2 "$fraud" | grep scoring

echo "== ours, phishing-uci (stratified 80/20, seed 0; positive = phishing, Result -1)"
arff="$data/phishing-uci/phishing-websites.arff"
ml train --algorithm gbdt --task phishing --label Result --positive -1 --threads 2 --split "$out/phishing.split.csv" --out "$out/phishing-gbdt.json" "$arff" | sed -n '1,4p;8p'
ml train --algorithm logistic --task phishing --label Result --positive -1 --threads 2 --split "$out/phishing.split.csv" --out "$out/phishing-logistic.json" "$arff" | sed -n '1,4p;8p'
