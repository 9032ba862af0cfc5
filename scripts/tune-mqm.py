#!/usr/bin/env python3
"""Choose `glossary import --from mqm` thresholds by cross-validation over
the TRAIN documents of the evaluation sets (never their test side).

For each set and each fold (TRAIN documents split into K groups), learn a
glossary from the other TRAIN documents, check the held-out documents'
translations (train/texts) and score them against train/gold.csv with the
shared scorer; print pooled span-level P/R/F1 for each threshold setting.

Usage: scripts/tune-mqm.py [--data DIR] [--mtlint BIN] [--folds K]
"""
import argparse, csv, itertools, json, os, subprocess, sys, tempfile

RAW = {"wmt23-ende": "mqm_wmt23_ende.tsv.gz", "ted-ende": "mqm_ted_ende.tsv",
       "ted-zhen": "mqm_ted_zhen.tsv"}


def doc_file(doc):
    return doc.replace(":", "_") + ".txt"


def run_fold(a, s, train, held, params, tmp):
    d = os.path.join(a.data, s)
    docs = os.path.join(tmp, "docs")
    with open(docs, "w") as f:
        f.write("\n".join(sorted(set(train) - set(held))) + "\n")
    gl = os.path.join(tmp, "g.csv")
    subprocess.run([a.mtlint, "glossary", "import", "--from", "mqm",
                    os.path.join(a.data, "raw", RAW[s]), "--docs-file", docs, "-o", gl]
                   + params, check=True, stderr=subprocess.DEVNULL)
    texts = os.path.join(d, "train", "texts")
    names = {doc_file(h) for h in held}
    files = sorted(os.path.join(sy, n) for sy in os.listdir(texts)
                   for n in os.listdir(os.path.join(texts, sy)) if n in names)
    out = subprocess.run([a.mtlint, "check", "--no-default-glossary", "-g", gl,
                          "--fail-on", "never", "-f", "csv"] + files,
                         cwd=texts, capture_output=True, text=True)
    rows = list(csv.DictReader(out.stdout.splitlines()))
    return rows, files


def score(gold_rows, pred_rows):
    by = {}
    for g in gold_rows:
        by.setdefault(g["file"], []).append((int(g["start"]), int(g["end"])))
    hit = 0
    found = set()
    preds = {(p["file"], int(p["start"]), int(p["end"])) for p in pred_rows}
    for f, s, e in preds:
        ok = False
        for i, (gs, ge) in enumerate(by.get(f, [])):
            if gs < e and s < ge:
                ok = True
                found.add((f, i))
        hit += ok
    n_gold = len(gold_rows)
    p = hit / len(preds) if preds else 0.0
    r = len(found) / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, len(preds)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("MQM_DEV", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "mqm-dev")))
    ap.add_argument("--mtlint", default="target/release/mtlint")
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--sets", default="wmt23-ende,ted-ende,ted-zhen")
    a = ap.parse_args()
    a.mtlint = os.path.abspath(a.mtlint)
    grid = list(itertools.product([2, 3], [1, 2], [0.4, 0.5, 0.6, 0.7]))
    for s in a.sets.split(","):
        d = os.path.join(a.data, s)
        train = json.load(open(os.path.join(d, "split.json")))["train_docs"]
        gold = list(csv.DictReader(open(os.path.join(d, "train", "gold.csv"), encoding="utf-8")))
        k = min(a.folds, len(train))
        folds = [train[i::k] for i in range(k)]
        print(f"== {s}: {len(train)} TRAIN documents, {k} folds by document", flush=True)
        results = []
        for mc, md, mp in grid:
            params = ["--min-count", str(mc), "--min-docs", str(md), "--min-precision", str(mp)]
            preds, golds = [], []
            with tempfile.TemporaryDirectory() as tmp:
                for held in folds:
                    rows, files = run_fold(a, s, train, held, params, tmp)
                    fs = set(files)
                    preds += rows
                    golds += [g for g in gold if g["file"] in fs]
            p, r, f1, n = score(golds, preds)
            results.append((f1, p, r, n, " ".join(params)))
            print(f"  {' '.join(params):55s} P={p:.3f} R={r:.3f} F1={f1:.3f} predicted={n}", flush=True)
        best = max(results)
        print(f"  best: {best[4]} F1={best[0]:.3f}")


if __name__ == "__main__":
    main()
