#!/usr/bin/env python3
"""Build benchmark glossaries of 100, 1,000, 10,000 and 100,000 entries.

Entries are terms of one to four words, of three kinds, mixed in fixed
proportions and shuffled with a fixed seed:

- real misspellings, from codespell's dictionary (PyPI package `codespell`,
  downloaded with `pip download`, read from its wheel);
- real mistranslations, from mtlint's own glossaries (`glossary/*.csv`);
- phrases near real text: word runs of two to four words taken from the
  corpus, with one word changed by one edit more than its fuzzy allowance,
  so that the other words are candidates wherever the phrase occurs and
  the matcher must try windows all the time, yet few of them match; one
  phrase in fifty is changed within the allowance and matches the text.

Usage: make-glossaries.py CORPUS.txt OUT_DIR [--sizes 100,1000,10000,100000]
Writes OUT_DIR/glossary-N.csv (mtlint's format: id,term,suggestion).
"""

import argparse
import csv
import glob
import pathlib
import random
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORD = re.compile(r"[A-Za-z]+")


def codespell_pairs():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                        "-d", tmp, "codespell==2.4.3"], check=True)
        wheel = glob.glob(f"{tmp}/*.whl")[0]
        with zipfile.ZipFile(wheel) as z:
            text = z.read("codespell_lib/data/dictionary.txt").decode("utf-8")
    pairs = []
    for line in text.splitlines():
        wrong, _, right = line.partition("->")
        right = right.split(",")[0].strip()
        if wrong and right and WORD.fullmatch(wrong.replace(" ", "")):
            pairs.append((wrong.strip(), right))
    return pairs


def mistranslations():
    pairs = []
    for path in sorted((ROOT / "glossary").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("match", "") in ("", "fuzzy", "exact") and "*" not in row["term"]:
                    pairs.append((row["term"], (row.get("suggestion") or "").split("|")[0]))
    return pairs


def mutate(word, rng, edits):
    chars = list(word)
    for _ in range(edits):
        if len(chars) < 2:
            break
        i = rng.randrange(len(chars))
        op = rng.randrange(3)
        if op == 0:
            chars[i] = rng.choice("aeioustrnl")
        elif op == 1 and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            del chars[i]
    return "".join(chars)


def near_phrases(corpus, count, rng):
    text = corpus.read_text(encoding="utf-8")[:50_000_000]
    words = WORD.findall(text)
    phrases, seen = [], set()
    while len(phrases) < count:
        n = rng.randint(2, 4)
        i = rng.randrange(len(words) - n)
        run = [w.lower() for w in words[i:i + n]]
        if all(len(w) < 3 for w in run):
            continue
        k = max(range(n), key=lambda i: len(run[i]))
        if len(run[k]) < 4:
            continue
        allowance = 1 if len(run[k]) <= 5 else 2
        edits = 1 if rng.random() < 0.02 else allowance + 1
        changed = mutate(run[k], rng, edits)
        if changed == run[k]:
            continue
        run[k] = changed
        term = " ".join(run)
        if term not in seen:
            seen.add(term)
            phrases.append((term, " ".join(words[i:i + n]).lower()))
    return phrases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=pathlib.Path)
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--sizes", default="100,1000,10000,100000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(20261126)
    spell = codespell_pairs()
    rng.shuffle(spell)
    mt = mistranslations()
    phrases = near_phrases(args.corpus, max(sizes), rng)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        n_mt = min(len(mt), size // 10)
        n_spell = min(len(spell), (size - n_mt) // 2)
        n_near = size - n_mt - n_spell
        rows = mt[:n_mt] + spell[:n_spell] + phrases[:n_near]
        seen, unique = set(), []
        for term, suggestion in rows:
            key = " ".join(term.lower().split())
            if key not in seen:
                seen.add(key)
                unique.append((term, suggestion))
        rng.shuffle(unique)
        path = args.out / f"glossary-{size}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "term", "suggestion"])
            for i, (term, suggestion) in enumerate(unique):
                w.writerow([f"b{i}", term, suggestion if suggestion.lower() != term.lower() else ""])
        print(f"{path}: {len(unique)} entries ({n_mt} mistranslations, {n_spell} misspellings, {n_near} near phrases)")


if __name__ == "__main__":
    main()
