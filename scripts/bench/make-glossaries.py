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

A glossary of size N has N fuzzy entries (mistranslations and near
phrases); the misspellings come on top of them and are written `exact`, as
a careful glossary writes them: a misspelling is within the fuzzy allowance
of its correction ("recieve", "receive") or of another real word
("sectiont", "section"), so fuzzy matching would flag correct text.

Usage: make-glossaries.py CORPUS.txt OUT_DIR [--sizes 100,1000,10000,100000]
Writes OUT_DIR/glossary-N.csv (mtlint's format: id,term,suggestion,match).
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
                # Entries with a source term fire on bilingual input only.
                if (row.get("match", "") in ("", "fuzzy", "exact") and "*" not in row["term"]
                        and not row.get("source_term")):
                    pairs.append((row["term"], (row.get("suggestion") or "").split("|")[0]))
    return pairs


def osa(a, b):
    """Damerau-Levenshtein distance (optimal string alignment)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def allowance(word):
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def flags_its_fix(term, fix):
    """Whether a fuzzy entry for `term` would match its own correction."""
    tw, fw = term.lower().split(), fix.lower().split()
    if not fix or len(tw) != len(fw):
        return False
    if any(osa(f, t) > allowance(t) for t, f in zip(tw, fw)):
        return False
    a, b = " ".join(tw), " ".join(fw)
    return 1 - osa(a, b) / max(len(a), len(b)) >= 0.85


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
    vocabulary = {w.lower() for w in words}
    phrases, seen = [], set()
    while len(phrases) < count:
        n = rng.randint(2, 4)
        i = rng.randrange(len(words) - n)
        run = [w.lower() for w in words[i:i + n]]
        if all(len(w) < 3 for w in run):
            continue
        k = max(range(n), key=lambda i: len(run[i]))
        if len(run[k]) < 7:
            continue
        # Three edits put a long word out of its allowance of two; a word of
        # the corpus would be a real match, so such a change is drawn again.
        if rng.random() < 0.02:
            edits, changed = 1, mutate(run[k], rng, 1)
        else:
            # Three letters replaced at distinct places: the word keeps its
            # length, so it cannot shrink into a short real word.
            edits = 3
            chars = list(run[k])
            for i in rng.sample(range(len(chars)), 3):
                chars[i] = rng.choice([c for c in "aeioustrnlkz" if c != chars[i]])
            changed = "".join(chars)
        if changed == run[k] or (edits == 3 and changed in vocabulary):
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
    phrases = near_phrases(args.corpus, 2 * max(sizes), rng)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        # A tenth mistranslations, then misspellings and near phrases in
        # turn, until there are `size` fuzzy entries.
        pools = [iter(mt), iter(spell), iter(phrases)]
        rows, seen, fuzzy, k = [], set(), 0, 0
        while fuzzy < size:
            pool = 0 if k % 10 == 0 else 1 + k % 2
            k += 1
            term, suggestion = next(pools[pool], (None, None))
            if term is None:
                pool = 2
                term, suggestion = next(pools[2])
            key = " ".join(term.lower().split())
            if key in seen:
                continue
            seen.add(key)
            suggestion = suggestion if suggestion.lower() != term.lower() else ""
            mode = "exact" if pool == 1 or flags_its_fix(term, suggestion) else ""
            fuzzy += mode == ""
            rows.append((term, suggestion, mode))
        rng.shuffle(rows)
        path = args.out / f"glossary-{size}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "term", "suggestion", "match"])
            for i, row in enumerate(rows):
                w.writerow([f"b{i}", *row])
        print(f"{path}: {fuzzy} fuzzy entries, {len(rows) - fuzzy} exact")

if __name__ == "__main__":
    main()
