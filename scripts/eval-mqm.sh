#!/usr/bin/env bash
# Reproduces the "Learning glossaries" table of docs/import.md on the MQM
# evaluation sets: for each set, learn a glossary from the raw annotations
# of its TRAIN documents (split.json), check its test/texts/, score with the
# shared scorer, and do the same with the set's given glossary.mtlint.csv
# (fuzzy matching, no learning). Prints a Markdown table, then examples of
# gold errors that fuzzy matching caught and the exact-match baseline missed.
#
# Exits 1 when a result falls short of what docs/import.md claims: on every
# set, the imported glossary beats the baseline's span F1 at no less than
# its precision, and the given glossary with fuzzy matching beats its F1.
#
# Usage: scripts/eval-mqm.sh [OUT_DIR]      (default target/eval-mqm)
# Env:   MQM_DEV   the mqm-dev folder   (default ../shared/data/mqm-dev)
#        EVAL      the eval kit folder  (default ../shared/eval)
#        MTLINT    the binary           (default: cargo build --release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${MQM_DEV:-$root/../shared/data/mqm-dev}
eval_kit=${EVAL:-$root/../shared/eval}
out=$(mkdir -p "${1:-$root/target/eval-mqm}" && cd "${1:-$root/target/eval-mqm}" && pwd)
rm -f "$out/results.txt"
if [ -z "${MTLINT:-}" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
  MTLINT=$root/target/release/mtlint
fi
declare -A raw=([wmt23-ende]=mqm_wmt23_ende.tsv.gz [ted-ende]=mqm_ted_ende.tsv [ted-zhen]=mqm_ted_zhen.tsv)
# Each set's language pair, written into the glossaries it learns or takes,
# so that their words are matched by the target language's rules.
declare -A pair=([wmt23-ende]=en-de [ted-ende]=en-de [ted-zhen]=zh-en)

span() { # the span-level P R F1 of a score report
  python3 "$eval_kit/score.py" "$1" "$2" > "$3"
  sed -n 's/^span level: P=\([0-9.]*\) R=\([0-9.]*\) F1=\([0-9.]*\).*/\1 | \2 | \3/p' "$3" | head -n 1
}

echo "| set | baseline P | baseline R | baseline F1 | imported P | imported R | imported F1 | given, fuzzy P | given, fuzzy R | given, fuzzy F1 |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for set in wmt23-ende ted-ende ted-zhen; do
  d=$data/$set
  o=$out/$set
  mkdir -p "$o"
  python3 -c "import json,sys; print('\n'.join(json.load(open(sys.argv[1]))['train_docs']))" "$d/split.json" > "$o/train-docs.txt"
  "$MTLINT" glossary import --from mqm "$data/raw/${raw[$set]}" --docs-file "$o/train-docs.txt" --lang "${pair[$set]}" \
    -o "$o/imported.csv" 2> "$o/import.log"
  "$MTLINT" glossary check "$o/imported.csv" > /dev/null
  "$MTLINT" glossary import --from csv "$d/glossary.mtlint.csv" --lang "${pair[$set]}" -o "$o/given.csv" 2> "$o/given.log"
  # The glossaries are compared, so the detectors stay off.
  off=$("$MTLINT" rules --no-default-glossary -g "$o/given.csv" \
    | awk '$1 ~ /^heuristic:/ && $5 == "on" { printf "--disable %s ", $1 }')
  for g in imported given; do
    # Run from test/texts so that the `file` column is relative to it.
    # shellcheck disable=SC2086 # $off is a list of flags.
    (cd "$d/test/texts" && "$MTLINT" check --no-default-glossary -g "$o/$g.csv" $off \
      --fail-on never --max-penalty 1e9 -f csv $(ls)) > "$o/findings-$g.csv"
  done
  base=$(sed -n 's/^span level: P=\([0-9.]*\) R=\([0-9.]*\) F1=\([0-9.]*\).*/\1 | \2 | \3/p' "$d/score_baseline_exact.txt" | head -n 1)
  imp=$(span "$d/test/gold.csv" "$o/findings-imported.csv" "$o/score-imported.txt")
  giv=$(span "$d/test/gold.csv" "$o/findings-given.csv" "$o/score-given.txt")
  echo "| $set | $base | $imp | $giv |"
  echo "$set $base $imp $giv" | tr -d '|' >> "$out/results.txt"
done

echo
echo "Gold errors that the given glossary caught by fuzzy matching and the exact baseline missed (the 4 most similar per set):"
for set in wmt23-ende ted-ende ted-zhen; do
  python3 - "$data/$set" "$out/$set/findings-given.csv" <<'PY'
import csv, sys, os
d, found = sys.argv[1], sys.argv[2]
gold = {}
for g in csv.DictReader(open(os.path.join(d, "test", "gold.csv"), encoding="utf-8")):
    gold.setdefault(g["file"], []).append((int(g["start"]), int(g["end"])))
base = {}
for p in csv.DictReader(open(os.path.join(d, "pred_baseline_exact.csv"), encoding="utf-8")):
    base.setdefault(p["file"], []).append((int(p["start"]), int(p["end"])))
over = lambda s, e, spans: any(a < e and s < b for a, b in spans)
caught, seen = [], set()
for f in csv.DictReader(open(found, encoding="utf-8")):
    s, e = int(f["start"]), int(f["end"])
    if float(f["confidence"]) < 1 and over(s, e, gold.get(f["file"], [])) and not over(s, e, base.get(f["file"], [])):
        caught.append(f)
caught.sort(key=lambda f: -float(f["confidence"]))
for f in caught:
    if f["text"].lower() in seen or len(seen) == 4:
        continue
    seen.add(f["text"].lower())
    print(f"  {os.path.basename(d)}: {f['file']}:{f['line']}: \"{f['text']}\" (rule {f['rule']}, similarity {f['confidence']})")
print(f"  {os.path.basename(d)}: {len(caught)} such catches in all")
PY
done

# The claims, checked.
python3 - "$out/results.txt" <<'PY'
import sys
bad = []
for line in open(sys.argv[1]):
    s, bp, br, bf, ip, ir, if1, gp, gr, gf = line.split()
    bp, bf, ip, if1, gf = map(float, (bp, bf, ip, if1, gf))
    if not (if1 > bf and ip >= bp):
        bad.append(f"{s}: imported P={ip} F1={if1} vs baseline P={bp} F1={bf}")
    if not gf > bf:
        bad.append(f"{s}: given glossary, fuzzy F1={gf} vs baseline F1={bf}")
if bad:
    print("\n".join(["FAILED:"] + bad))
    sys.exit(1)
print("\nok: on every set the imported glossary beats the baseline's F1 at no less precision, and fuzzy matching of the given glossary beats its F1")
PY
