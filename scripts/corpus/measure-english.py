#!/usr/bin/env python3
"""Findings per 10,000 words of the default rules on the corpus that
fetch-english.py writes, per layout, genre and rule, from the real binary.

    scripts/corpus/measure-english.py OUT_DIR [MTLINT] [--list FILE]

MTLINT defaults to target/release/mtlint. Prints a Markdown table per
layout (glossary entries together in one column) (the README's false-positive section is this output); with --list,
writes every finding (file:line, rule, text) to FILE for reading.
"""

import collections
import json
import os
import subprocess
import sys


def main():
    args = [a for a in sys.argv[1:]]
    listing = None
    if "--list" in args:
        i = args.index("--list")
        listing = open(args[i + 1], "w", encoding="utf-8")
        del args[i:i + 2]
    root = args[0]
    mtlint = args[1] if len(args) > 1 else "target/release/mtlint"
    for layout in sorted(os.listdir(root)):
        genres = sorted(os.listdir(os.path.join(root, layout)))
        words, found = {}, {}
        rules = collections.Counter()
        for genre in genres:
            d = os.path.join(root, layout, genre)
            totals = json.loads(subprocess.run(
                [mtlint, "check", "-f", "json", d], capture_output=True, check=False).stdout)["totals"]
            words[genre] = totals["words"]
            found[genre] = collections.Counter()
            out = subprocess.run([mtlint, "check", "-f", "jsonl", d], capture_output=True, check=False).stdout
            for line in out.decode("utf-8").splitlines():
                f = json.loads(line)
                if "rule" not in f:
                    continue
                # Glossary entries in one column: each fires rarely.
                rule = "glossary:*" if f["rule"].startswith("glossary:") else f["rule"]
                found[genre][rule] += 1
                rules[rule] += 1
                if listing:
                    listing.write(f'{layout} {f["file"]}:{f["line"]} {f["rule"]} {f["text"]!r}\n')
        total_words = sum(words.values())
        per = lambda n, w: f"{n * 10_000 / w:.2f}" if w else "-"
        print(f"\n### Layout `{layout}`\n")
        cols = sorted(rules)
        print("| genre | words | findings | per 10,000 | " + " | ".join("glossary" if c == "glossary:*" else c.split(":", 1)[1] for c in cols) + " |")
        print("|---|---:|---:|---:|" + "---:|" * len(cols))
        for genre in genres:
            n = sum(found[genre].values())
            print(f"| {genre} | {words[genre]:,} | {n} | {per(n, words[genre])} | "
                  + " | ".join(per(found[genre][c], words[genre]) for c in cols) + " |")
        n = sum(rules.values())
        print(f"| **all** | {total_words:,} | {n} | {per(n, total_words)} | "
              + " | ".join(per(rules[c], total_words) for c in cols) + " |")


if __name__ == "__main__":
    main()
