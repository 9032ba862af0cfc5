#!/usr/bin/env python3
"""Measures mtlint's bilingual rules on key-value resource files: the
i18next JSON locales of Jitsi Meet, each language's file checked against
the English one by key, as shipped (human translations: false positives).

    scripts/corpus/jitsi-keyvalue.py [--work target/corpus/jitsi]
        [--mtlint target/release/mtlint]

Corpus: `lang/main.json` (English, the source) and `lang/main-LANG.json`
(about 60 languages) of the npm package @jitsi/react-native-sdk 13.2.0,
fetched with `npm pack`. Licence: Apache-2.0 (the package's `package.json`
says so; its LICENSE terms are those of jitsi-meet); the files are not
committed here.

The files are checked as `mtlint check --source-locale en lang/main-LANG.json`
lays them out (`main-de.json` -> `main.json`). A key counts as flagged by a
rule when a finding of the rule is on the line of its value (each value of
these files is on one line). Printed per language: keys with a source,
keys missing from the target or empty there (untranslated work), and per rule the keys
flagged per 1,000; then the same over all languages, and the CPU time.
"""

import argparse
import collections
import json
import pathlib
import resource
import subprocess
import sys
import tarfile

PACKAGE = "@jitsi/react-native-sdk@13.2.0"
RULES = [
    "placeholder-mismatch",
    "tag-mismatch",
    "url-mismatch",
    "end-punctuation-mismatch",
    "whitespace-mismatch",
    "bracket-mismatch",
    "number-mismatch",
    "missing-segment",
]


def fetch(work: pathlib.Path) -> pathlib.Path:
    lang = work / "package" / "lang"
    if lang.is_dir():
        return lang
    work.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"],
        cwd=work, check=True, capture_output=True, text=True,
    ).stdout.split()[-1]
    with tarfile.open(work / out) as tar:
        members = [m for m in tar.getmembers()
                   if m.name.startswith("package/lang/") or m.name == "package/package.json"]
        tar.extractall(work, members=members, filter="data")
    return lang


def leaves(value, prefix=""):
    """The key paths and values of the strings, as mtlint reads them."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, f"{prefix}.{i}" if prefix else str(i))
    elif isinstance(value, str):
        yield prefix, value


PLURALS = ("zero", "one", "two", "few", "many", "other")


def plural_base(key):
    """The key without its i18next plural suffix, or None."""
    base, _, suffix = key.rpartition("_")
    return base.removesuffix("_ordinal") if base and suffix in PLURALS else None


def untranslated(source, target):
    """Keys of the source the target lacks (a plural form only when the
    target has no form of its key) or leaves empty, as mtlint counts them."""
    bases = {plural_base(k) for k in target if plural_base(k)}
    missing = sum(1 for k, v in source.items() if v and k not in target
                  and not (plural_base(k) and plural_base(k) in bases))
    empty = sum(1 for k, v in target.items() if not v and source.get(k))
    return missing + empty


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="target/corpus/jitsi")
    ap.add_argument("--mtlint", default="target/release/mtlint")
    args = ap.parse_args()
    lang_dir = fetch(pathlib.Path(args.work))
    source = dict(leaves(json.loads((lang_dir / "main.json").read_text())))
    source_keys = set(source)
    targets = sorted(p for p in lang_dir.glob("main-*.json"))
    totals = collections.Counter()
    rows = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for path in targets:
        lang = path.stem[len("main-"):]
        target = dict(leaves(json.loads(path.read_text())))
        target_keys = set(target)
        paired = len(target_keys & source_keys)
        out = subprocess.run(
            [args.mtlint, "check", "-f", "jsonl", "--jobs", "1", "--source-locale", "en",
             path.name],
            cwd=lang_dir, capture_output=True, text=True,
        )
        if out.returncode not in (0, 1):
            print(out.stderr, file=sys.stderr)
            return 1
        flagged = collections.defaultdict(set)
        missing = untranslated(source, target)
        for line in out.stdout.splitlines():
            r = json.loads(line)
            rule = (r.get("rule") or "").removeprefix("heuristic:")
            if rule in RULES:
                flagged[rule].add(r["line"])
        counts = {rule: len(flagged[rule]) for rule in RULES}
        totals.update(counts)
        totals["keys"] += paired
        totals["missing"] += missing
        rows.append((lang, paired, missing, counts))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("| language | keys | missing | " + " | ".join(r.replace("-mismatch", "") for r in RULES) + " |")
    print("|---|---|---|" + "---|" * len(RULES))
    for lang, keys, missing, counts in rows + [("**all**", totals["keys"], totals["missing"], totals)]:
        rates = " | ".join(f"{1000 * counts[r] / keys:.1f}" if keys else "-" for r in RULES)
        print(f"| {lang} | {keys} | {missing} | {rates} |")
    print("\nflagged keys per rule (all languages):", {r: totals[r] for r in RULES})
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"CPU time (user+sys) of {len(targets)} checks: {cpu:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
