#!/usr/bin/env bash
# Cross-validates the whole sentiment scorer on the finance-news tweets' development part: for each
# of its five folds, trains the learned layer without the fold (train-sentiment --without-fold K)
# and measures the scorer with that model on the fold (eval-sentiment --learned --fold K). Prints
# each fold's accuracy and macro-F1, their mean and spread. The held-out quarter is never read.
# With MIN_ACCURACY, exits 1 when the mean accuracy is below it (integration_eval_sentiment_folds).
#
#   bench/eval-sentiment/cross_validate.sh [BUILD_DIR [MIN_ACCURACY]]     (default: build)
set -euo pipefail
build=${1:-build}
floor=${2:-0}
if [[ ! -f ${SHARED_DATA:-$(dirname "$0")/../../../shared/data}/tfns-train.tsv ]]; then
  echo "skipped: the shared tweets (../shared/data/tfns-train.tsv) are not there"
  exit 0
fi
train=$build/bench/train-sentiment/train-sentiment
eval=$build/bench/eval-sentiment/eval-sentiment
for tool in "$train" "$eval"; do
  if [[ ! -x $tool ]]; then
    echo "$tool: not built; run cmake --build $build --target train-sentiment eval-sentiment" >&2
    exit 2
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for k in 0 1 2 3 4; do
  "$train" --without-fold "$k" --out "$work/fold$k.tsv" 2>/dev/null
  "$eval" --learned "$work/fold$k.tsv" --sets tweets-val --fold "$k" >"$work/fold$k.txt"
  awk -v k="$k" '$1 ~ /^(negative|neutral|positive)$/ && NF == 4 && $2 ~ /^[0-9]+$/ {
                   n += $2 + $3 + $4; r += (row == 0 ? $2 : row == 1 ? $3 : $4); ++row }
                 /accuracy/ {f = $4}
                 END {printf "fold %s: accuracy %.4f  macro-F1 %s  (%d right of %d)\n", k, r / n, f, r, n}' "$work/fold$k.txt"
done | tee "$work/all.txt"
awk -v floor="$floor" '{a[NR] = $4; f[NR] = $6}
     END {
       for (i = 1; i <= NR; ++i) { sa += a[i]; sf += f[i] }
       ma = sa / NR; mf = sf / NR
       for (i = 1; i <= NR; ++i) { va += (a[i] - ma) ^ 2; vf += (f[i] - mf) ^ 2 }
       mina = maxa = a[1]; minf = maxf = f[1]
       for (i = 2; i <= NR; ++i) {
         if (a[i] < mina) mina = a[i]; if (a[i] > maxa) maxa = a[i]
         if (f[i] < minf) minf = f[i]; if (f[i] > maxf) maxf = f[i]
       }
       printf "mean: accuracy %.4f (sd %.4f, %.3f-%.3f)  macro-F1 %.4f (sd %.4f, %.3f-%.3f)\n",
              ma, sqrt(va / (NR - 1)), mina, maxa, mf, sqrt(vf / (NR - 1)), minf, maxf
       if (NR != 5) { print "expected 5 folds, got " NR; exit 1 }
       if (ma < floor) { printf "MISS: mean accuracy %.4f below the floor %s\n", ma, floor; exit 1 }
     }' "$work/all.txt"
