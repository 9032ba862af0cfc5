#!/usr/bin/env python3
"""Units flagged per 1,000 translated units of human-translated gettext
catalogs, per target language, by the default rules of the real binary.

    scripts/corpus/measure-catalogs.py OUT_DIR [MTLINT] [--set NAME] [--list FILE]

Fetches a wheel from PyPI and extracts its .po files into OUT_DIR/NAME/
(once; a set already there is used as it is). The sets (--set, default
django):

- django: `pip download --no-deps django==5.2.20`; BSD-3-Clause, its catalogs
  (django/conf/locale and each contrib app's) translated by Django's
  translation teams.
- sphinx: `pip download --no-deps sphinx==9.0.4`; BSD-2-Clause (the wheel's
  LICENSE.rst), its catalogs (sphinx/locale) translated by Sphinx's
  translators on Transifex: messages of a documentation builder, about 70
  target languages, a project that has nothing to do with Django.
- wagtail: `pip download --no-deps wagtail==8.0.1`; BSD-3-Clause, the
  catalogs of a content management system's admin interface
  (wagtail/*/locale) translated by its translators on Transifex: labels,
  help texts and messages with placeholders and HTML, about 60 target
  languages with translations. Added after the rules were written for the
  other two, as a check of them.

Runs `mtlint check -f jsonl` on the catalogs, and maps every
finding to the PO entry whose msgstr holds its line. A unit is translated
when its msgstr is not empty and it is not marked fuzzy (the header entry
is not counted). Prints a Markdown table: per target language, the
translated units, those with a finding from a detector (the rules `mtlint
rules` lists as `heuristic`), those with a finding from any rule (the
source-aware checks and glossary entries too), and both per 1,000.

Where a review of the flagged units is kept beside this script
(NAME-review.csv: file relative to OUT_DIR/NAME, line of the finding, rule,
verdict `defect` or `acceptable`, reason), it also prints per target the
false alarms: flagged units that are not defects as a person read them (a
unit no verdict covers counts as a false alarm, so a new finding counts
against the rules until someone reads it).
"""

import collections
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import reviews

# Files checked by one run of mtlint.
BATCH = 200
# The releases measured, for the figures to be reproducible.
PINS = {"django": "django==5.2.20", "sphinx": "sphinx==9.0.4", "wagtail": "wagtail==8.0.1"}


def entries(path):
    """(first msgstr line, last msgstr line, translated) of each entry, 1-based."""
    out = []
    lines = open(path, encoding="utf-8").read().split("\n")
    fuzzy = False
    msgid_empty = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith("msgid "):
            msgid_empty = line.strip() == 'msgid ""' and not (i + 1 < len(lines) and lines[i + 1].startswith('"'))
        if line.startswith("msgstr"):
            start = i
            text = line.split(" ", 1)[1].strip().strip('"') if " " in line else ""
            i += 1
            while i < len(lines) and (lines[i].startswith('"') or lines[i].startswith("msgstr[")):
                l = lines[i]
                text += (l.split(" ", 1)[1] if l.startswith("msgstr[") else l).strip().strip('"')
                i += 1
            out.append((start + 1, i, bool(text) and not fuzzy and not msgid_empty))
            fuzzy = False
            continue
        if not line.strip():
            fuzzy = False
        i += 1
    return out


def main():
    args = sys.argv[1:]
    listing = None
    if "--list" in args:
        k = args.index("--list")
        listing = open(args[k + 1], "w", encoding="utf-8")
        del args[k:k + 2]
    name = "django"
    if "--set" in args:
        k = args.index("--set")
        name = args[k + 1]
        del args[k:k + 2]
    if name not in ("django", "sphinx", "wagtail"):
        sys.exit(f"measure-catalogs: unknown set `{name}` (django, sphinx, wagtail)")
    root = os.path.join(args[0], name)
    mtlint = args[1] if len(args) > 1 else "target/release/mtlint"
    if not os.path.isdir(root):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp, PINS[name]],
                           check=True, stdout=subprocess.DEVNULL)
            whl = glob.glob(os.path.join(tmp, "*.whl"))
            with zipfile.ZipFile(whl[0]) as z:
                for name in z.namelist():
                    if name.endswith(".po"):
                        z.extract(name, root)
    listed = subprocess.run([mtlint, "rules"], capture_output=True, check=True).stdout.decode()
    detectors = {l.split()[0] for l in listed.splitlines()[1:] if len(l.split()) > 5 and l.split()[5] == "heuristic"}
    units = collections.Counter()
    flagged_h = collections.Counter()
    flagged_any = collections.Counter()
    rules = collections.Counter()
    paths = sorted(glob.glob(os.path.join(root, "**/*.po"), recursive=True))
    # One run per batch of files, not per file: the findings name their file.
    found = collections.defaultdict(list)
    for k in range(0, len(paths), BATCH):
        out = subprocess.run([mtlint, "check", "-f", "jsonl", "--input", "po", *paths[k:k + BATCH]],
                             capture_output=True, check=False).stdout.decode("utf-8")
        for line in out.splitlines():
            f = json.loads(line)
            if "rule" in f:
                found[f["file"]].append(f)
    review = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}-review.csv")
    verdicts = reviews.load(review) if os.path.exists(review) else None
    alarms = collections.Counter()
    verdict_count = collections.Counter()
    for path in paths:
        lang = path.split("/locale/")[1].split("/")[0]
        es = entries(path)
        units[lang] += sum(1 for e in es if e[2])
        hit_h, hit_any = set(), set()
        found_in = collections.defaultdict(list)
        for f in found[path]:
            for k, (a, b, translated) in enumerate(es):
                if translated and a <= f["line"] <= b:
                    hit_any.add(k)
                    found_in[k].append((f["line"], f["rule"].split(":")[-1]))
                    if f["rule"] in detectors:
                        hit_h.add(k)
                        rules[(lang, f["rule"])] += 1
                    if listing:
                        listing.write(f'{lang} {path}:{f["line"]} {f["rule"]} {f["text"]!r}\n')
                    break
        flagged_h[lang] += len(hit_h)
        flagged_any[lang] += len(hit_any)
        if verdicts is not None:
            rel = os.path.relpath(path, root)
            for k in hit_any:
                verdict = reviews.unit_verdict([verdicts.get((rel, line, rule)) for line, rule in found_in[k]])
                verdict_count[verdict] += 1
                if verdict != "defect":
                    alarms[lang] += 1
    per = lambda n, d: f"{n * 1000 / d:.1f}" if d else "-"
    reviewed = verdicts is not None
    extra = " false alarms | per 1,000 |" if reviewed else ""
    print("| target | translated units | flagged (detectors) | per 1,000 | flagged (any rule) | per 1,000 |"
          f"{extra} detector findings |")
    print("|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if reviewed else "") + "---|")
    for lang in sorted(units):
        top = ", ".join(f"{r.split(':')[1]} {n}" for (l, r), n in sorted(rules.items()) if l == lang)
        cells = f" {alarms[lang]} | {per(alarms[lang], units[lang])} |" if reviewed else ""
        print(f"| {lang} | {units[lang]} | {flagged_h[lang]} | {per(flagged_h[lang], units[lang])} | "
              f"{flagged_any[lang]} | {per(flagged_any[lang], units[lang])} |{cells} {top} |")
    t, h, a = sum(units.values()), sum(flagged_h.values()), sum(flagged_any.values())
    cells = f" {sum(alarms.values())} | {per(sum(alarms.values()), t)} |" if reviewed else ""
    print(f"| **all** | {t} | {h} | {per(h, t)} | {a} | {per(a, t)} |{cells} |")
    over = lambda c: sum(1 for l in units if units[l] and c[l] * 1000 / units[l] > 10)
    print(f"\nTargets over 10 per 1,000: detectors {over(flagged_h)}, any rule {over(flagged_any)}"
          + (f", false alarms {over(alarms)}" if reviewed else "") + f", of {sum(1 for l in units if units[l])}.")
    if reviewed:
        print(f"Verdicts: {verdict_count['defect']} units defects, {verdict_count['acceptable']} acceptable, "
              f"{verdict_count['not reviewed']} not reviewed.")
    worst = max(units, key=lambda l: flagged_h[l] / units[l] if units[l] else 0)
    print(f"\nWorst target (detectors): {worst}, {per(flagged_h[worst], units[worst])} per 1,000.")


if __name__ == "__main__":
    main()
