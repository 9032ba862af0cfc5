#!/usr/bin/env python3
"""Measures mtlint's bilingual rules on Django's human-translated PO
catalogs: false positives on the catalogs as shipped, recall on copies with
machine-translation-style damage injected, and throughput on one thread.

    scripts/corpus/django-bilingual.py [--work target/corpus/django]
        [--mtlint target/release/mtlint] [--rate 0.12] [--seed 15]

Corpus: the PO files (`django/conf/locale/*/LC_MESSAGES/*.po` and
`django/contrib/*/locale/...`, 1,226 files in 99 languages in Django 5.2) of
the Django wheel, fetched from PyPI with `pip download django --no-deps`.
Licence: the catalogs are part of Django, BSD-3-Clause (the wheel's
`LICENSE` is written beside them, WORK/catalogs/LICENSE); they are not
committed here.

Damage: a unit is a translated msgstr (msgstr[n] of a plural entry) of an
entry that is neither the header nor fuzzy. Of the units whose target
carries a placeholder, a tag, a URL or a number, --rate (default 12 %) are
damaged, each in one way chosen at random among those its target allows:

    placeholder  drop one, rename `%(name)s` or `{name}`, or `%s` -> `% s`
                 (a plural form for one number may say its number in
                 words, as gettext allows: there the entry's number
                 placeholder is renamed or spaced out, never dropped)
    tag          drop an HTML tag, or change an attribute value
    url          change a URL or e-mail address, or drop it; drop a path
                 from the root (`/about/contact/`) or its last segment
    number       change a digit
    end          change the final `.`, `…`, `!` or `:` into another mark
                 (`!` into `?` or `:`; `:` into `?`, `!`, or `.` for a
                 label); change or drop a final `?`
    whitespace   a line break added at an edge, or the source's edge
                 whitespace dropped
    doubled      a doubled space between words
    bracket      drop a closing bracket or quote

A damaged unit counts as found when mtlint reports the matching rule on a
line of its msgstr. The script prints, per rule, the damaged units and the
share found; per target language, the units and the rate of units flagged
by each bilingual rule on the undamaged catalogs (per 1,000 units); and
the one-thread throughput over the catalogs repeated to about 100 MB, and
over them merged into one file per language (WORK/merged).

Review: scripts/corpus/django-review.csv holds a verdict for each unit the
default rules flag in the catalogs as shipped (file, msgstr line, rule),
read by a person: `defect` when the shipped translation is wrong in what
the rule checks (a broken placeholder, `, ` that lost its space, markup
written with literal backslashes, a label that lost its colon), else
`acceptable` (a faithful rendering the rule cannot tell from damage: a
rhetorical question made a statement, an acronym spelled out), with the
reason. The script prints, per rule, the flagged units each verdict covers
and those no verdict covers; false alarms are the acceptable and the
unreviewed ones together, so a rule or catalog change that flags something
new counts against the rules until someone reads it.
"""

import argparse
import collections
import gettext
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile

import reviews

RULES = [
    "placeholder-mismatch",
    "tag-mismatch",
    "url-mismatch",
    "end-punctuation-mismatch",
    "whitespace-mismatch",
    "doubled-space",
    "bracket-mismatch",
    "number-mismatch",
    "length-ratio",
    "length-limit",
    "inconsistent-translation",
    "inconsistent-source",
]
# Rules off by default: switched on to measure them, and left out of `any`
# (the rate of a run as it comes).
OFF_BY_DEFAULT = {"doubled-space", "inconsistent-translation", "inconsistent-source"}
# The verdicts on the units flagged in the catalogs as shipped.
REVIEW = pathlib.Path(__file__).with_name("django-review.csv")

PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"
    r"|%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcs]"
    r"|\{[A-Za-z_0-9]*\}"
)
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
URL = re.compile(r"[a-z]+://[^\s<>\"']+[^\s<>\"'.,;:!?)]|[\w.+-]+@[\w-]+\.[\w.]+\w")
PATH = re.compile(r"(?<![\w/.~-])/[A-Za-z][A-Za-z_-]*(?:/[A-Za-z][A-Za-z_.-]*)+/?")
NUMBER = re.compile(r"\d")
END = re.compile(r"(\.\.\.|[.?!:…])\s*$")


def fetch(work):
    """The catalogs, extracted under WORK/catalogs (once)."""
    catalogs = work / "catalogs"
    if catalogs.exists():
        return catalogs
    wheels = work / "wheel"
    wheels.mkdir(parents=True, exist_ok=True)
    if not list(wheels.glob("*.whl")):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "django", "--no-deps", "-d", str(wheels)],
            check=True,
        )
    wheel = sorted(wheels.glob("*.whl"))[-1]
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.endswith(".po"):
                z.extract(name, catalogs)
            elif name.endswith(".dist-info/licenses/LICENSE"):
                (catalogs / "LICENSE").parent.mkdir(parents=True, exist_ok=True)
                (catalogs / "LICENSE").write_bytes(z.read(name))
    return catalogs


def unquote(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def quote(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def entries(lines):
    """Each entry as a list of (keyword, value, first line index, last line
    index) and its flags."""
    entry, flags, key = [], "", None
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or s.startswith("#"):
            if entry and any(k.startswith("msgstr") for k, *_ in entry):
                yield entry, flags
                entry, flags = [], ""
            if s.startswith("#,"):
                flags += s[2:]
            continue
        if s.startswith('"'):
            k, v, a, _ = entry[-1]
            entry[-1] = (k, v + unquote(s[1:-1]), a, i)
            continue
        k, _, rest = s.partition(" ")
        entry.append((k, unquote(rest.strip()[1:-1]), i, i))
    if entry:
        yield entry, flags


def single_number_forms(header):
    """The plural forms of a catalog's `Plural-Forms` formula that exactly
    one n of 0 to 199 selects (English's form 0, Arabic's zero, one and
    two); none when there is no readable formula."""
    m = re.search(r"plural\s*=\s*([^;\n]+)", header)
    if not m:
        return set()
    try:
        f = gettext.c2py(m.group(1))
        counts = collections.Counter(f(n) for n in range(200))
    except (ValueError, SyntaxError):
        return set()
    return {form for form, k in counts.items() if k == 1}


def is_number(ph, singular, plural):
    """Whether a placeholder is a plural entry's number, as mtlint reads it
    (docs/rules.md, "Plural forms"): in the plural source and not the
    singular, the plural source's only placeholder, a printf integer, or
    named as a count."""
    in_plural = set(PLACEHOLDER.findall(plural))
    if ph in in_plural and (ph not in PLACEHOLDER.findall(singular) or len(in_plural) == 1):
        return True
    if ph.startswith("%") and ph[-1] in "diu":
        return True
    name = re.match(r"[%{$]*\(?\{?([A-Za-z0-9_]*)", ph).group(1).lower()
    return name in ("n", "cnt", "total") or name.startswith("num") or "count" in name


def damages(source, target, rng, number_may_go=None):
    """The damages the target allows: (rule, damaged target). With
    `number_may_go` (the singular and plural sources of a plural form for
    one number), the entry's number placeholder is changed, never dropped:
    such a form may say its number in words (gettext's `msgfmt -c` allows
    it), so dropping it is no damage."""
    out = []
    src_ph = PLACEHOLDER.findall(source)
    tgt_ph = [m for m in PLACEHOLDER.finditer(target) if m.group() in src_ph]
    if tgt_ph:
        m = rng.choice(tgt_ph)
        ph = m.group()
        if ph.startswith("%("):
            changed = ph[:2] + "x" + ph[2:]
        elif ph.startswith("{"):
            changed = "{x" + ph[1:]
        else:
            changed = "% " + ph[1:]
        kind = rng.choice(["drop", "change"])
        if number_may_go and is_number(ph, *number_may_go):
            kind = "change"
        new = target[: m.start()] + ("" if kind == "drop" else changed) + target[m.end() :]
        out.append(("placeholder-mismatch", new))
    tags = [m for m in TAG.finditer(target) if m.group() in source or m.group().startswith("</")]
    if tags:
        m = rng.choice(tags)
        if '="' in m.group() and rng.random() < 0.5:
            new = target[: m.start()] + m.group().replace('="', '="x', 1) + target[m.end() :]
        else:
            new = target[: m.start()] + target[m.end() :]
        out.append(("tag-mismatch", new))
    urls = [m for m in URL.finditer(target) if m.group() in source]
    paths = [m for m in PATH.finditer(target) if m.group() in source]
    if urls or paths:
        m = rng.choice(urls + paths)
        u = m.group()
        if u.startswith("/"):
            # A path loses a segment or goes: its words may be translated
            # (see docs/rules.md), its form may not change.
            parts = u.rstrip("/").split("/")
            changed = "/".join(parts[:-1]) + ("/" if u.endswith("/") else "") if rng.random() < 0.7 else ""
        else:
            cut = u.index("@") if "@" in u else u.index("//") + 2
            changed = u[:cut] + "x" + u[cut:] if rng.random() < 0.7 else ""
        out.append(("url-mismatch", target[: m.start()] + changed + target[m.end() :]))
    digits = [m for m in NUMBER.finditer(target)
              if not any(p.start() <= m.start() < p.end() for p in PLACEHOLDER.finditer(target))
              and not any(u.start() <= m.start() < u.end() for u in URL.finditer(target))]
    if digits and NUMBER.search(source):
        m = rng.choice(digits)
        d = str((int(m.group()) + rng.randint(1, 8)) % 10)
        out.append(("number-mismatch", target[: m.start()] + d + target[m.end() :]))
    end = END.search(target)
    source_end = END.search(source)
    if source_end and end:
        mark = end.group(1)
        # A period or an ellipsis left out is not flagged (see
        # docs/rules.md): either is changed into another mark; other marks
        # are changed or dropped.
        if mark == ".":
            choices = ["?", "!", ":"]
        elif mark == "!":
            # An exclamation toned down to a full stop or left out is not
            # flagged either.
            choices = ["?", ":"]
        elif mark == ":":
            # Nor is a colon left out, or a sentence's (five words or
            # more) made a full stop.
            choices = ["?", "!"] + (["."] if len(source.split()) < 5 else [])
        elif mark in ("…", "..."):
            choices = [".", "?", "!", ":"]
        else:
            choices = [".", ""] + [c for c in "?!:" if c != mark]
        # Never the source's own mark, which would mend a target that
        # differed.
        other = rng.choice([c for c in choices if c not in (mark, source_end.group(1))])
        out.append(("end-punctuation-mismatch", target[: end.start(1)] + other + target[end.end(1) :]))
    # Spaces between words, not after a sentence mark (two spaces there are
    # a typing convention, not flagged).
    words = [m.start() for m in re.finditer(r"(?<=[^\s.!?:;]) (?=\S)", target)]
    if target.strip() and "  " not in source:
        kind = rng.choice(["double", "trail", "lead"] if words else ["trail", "lead"])
        if kind == "double":
            at = rng.choice(words)
            new = target[:at] + " " + target[at:]
        elif kind == "trail":
            new = target.rstrip() if source[-1:].isspace() else target + "\n"
        else:
            new = target.lstrip() if source[:1].isspace() else "\n" + target
        if new != target:
            out.append(("doubled-space" if kind == "double" else "whitespace-mismatch", new))
    closers = [m for m in re.finditer(r"[)\]]", target)]
    if closers and source.count("(") == source.count(")") and source.count("[") == source.count("]"):
        m = rng.choice(closers)
        out.append(("bracket-mismatch", target[: m.start()] + target[m.end() :]))
    return out


def damage(catalogs, out_dir, rate, seed):
    """Writes damaged copies; returns [(file, first line, last line, rule)]."""
    rng = random.Random(seed)
    manifest = []
    eligible = 0
    for path in sorted(catalogs.rglob("*.po")):
        rel = path.relative_to(catalogs)
        lines = path.read_text(encoding="utf-8").split("\n")
        replaced = {}
        single = set()
        for entry, flags in entries(lines):
            keys = dict((k, v) for k, v, *_ in entry)
            if keys.get("msgid", "") == "" and "msgctxt" not in keys:
                single = single_number_forms(keys.get("msgstr", ""))
            if keys.get("msgid", "") == "" or "fuzzy" in flags:
                continue
            for k, v, a, b in entry:
                if not k.startswith("msgstr") or not v:
                    continue
                source = keys.get("msgid_plural", keys["msgid"]) if k not in ("msgstr", "msgstr[0]") else keys["msgid"]
                # The units the issue names: those that carry a placeholder,
                # a tag, a URL or a number.
                if not (PLACEHOLDER.search(v) or TAG.search(v) or URL.search(v) or PATH.search(v) or NUMBER.search(v)):
                    continue
                form = re.fullmatch(r"msgstr\[(\d+)\]", k)
                one = form and int(form.group(1)) in single
                options = damages(source, v, rng, (keys["msgid"], keys["msgid_plural"]) if one else None)
                if not options:
                    continue
                eligible += 1
                if rng.random() >= rate:
                    continue
                rule, new = rng.choice(options)
                replaced[a] = (b, f'{k} "{quote(new)}"', rule)
        out, i = [], 0
        while i < len(lines):
            if i in replaced:
                b, line, rule = replaced[i]
                manifest.append((str(rel), len(out) + 1, len(out) + 1, rule))
                out.append(line)
                i = b + 1
            else:
                out.append(lines[i])
                i += 1
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(out), encoding="utf-8")
    return manifest, eligible


def children_cpu(work):
    """The CPU time (user and system) of the processes `work` runs."""
    before = os.times()
    work()
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def run(mtlint, folder, threads=None):
    args = [str(mtlint), "check", "-f", "jsonl", "--no-default-glossary", "-g", str(folder / "none.csv")]
    for rule in sorted(OFF_BY_DEFAULT):
        args += ["--enable", f"heuristic:{rule}"]
    if threads:
        args += ["-j", str(threads)]
    (folder / "none.csv").write_text("id,term\n", encoding="utf-8")
    p = subprocess.run(args + ["."], capture_output=True, text=True, cwd=folder)
    if p.returncode == 2:
        sys.exit(p.stderr)
    found = []
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if "rule" in r:
            r["file"] = r["file"].removeprefix("./")
            found.append(r)
    return found


def units(catalogs):
    """Translated units per language, and per file the msgstr line ranges."""
    per_lang = collections.Counter()
    for path in sorted(catalogs.rglob("*.po")):
        lang = path.parent.parent.name
        lines = path.read_text(encoding="utf-8").split("\n")
        for entry, flags in entries(lines):
            keys = dict((k, v) for k, v, *_ in entry)
            if keys.get("msgid", "") == "" or "fuzzy" in flags:
                continue
            per_lang[lang] += sum(1 for k, v, *_ in entry if k.startswith("msgstr") and v)
    return per_lang


def review(flagged, total):
    """Prints how the reviewed verdicts cover the units the default rules
    flag: per rule, the defects, the acceptable translations and the
    units no verdict covers."""
    verdicts = reviews.load(REVIEW)
    print("## Undamaged, reviewed: the flagged units as a person read them\n")
    print("| rule | flagged | defect | acceptable | not reviewed | false alarms per 1,000 |")
    print("|---|---|---|---|---|---|")
    alarms_any, counts_any = set(), collections.Counter()
    for rule in RULES + ["any"]:
        if rule in OFF_BY_DEFAULT:
            continue
        counts = collections.Counter()
        alarms = set()
        units = set().union(*(v for (lang, r), v in flagged.items() if r == rule))
        for unit in sorted(units):
            rules = [rule] if rule != "any" else [
                r for r in RULES if r not in OFF_BY_DEFAULT
                and unit in flagged.get((pathlib.Path(unit[0]).parent.parent.name, r), ())]
            verdict = reviews.unit_verdict([verdicts.get((*unit, r)) for r in rules])
            counts[verdict] += 1
            if verdict != "defect":
                alarms.add(unit)
        print(f"| {rule} | {len(units)} | {counts['defect']} | {counts['acceptable']} | "
              f"{counts['not reviewed']} | {1000 * len(alarms) / total:.2f} |")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="target/corpus/django", type=pathlib.Path)
    ap.add_argument("--mtlint", default="target/release/mtlint", type=pathlib.Path)
    ap.add_argument("--rate", default=0.12, type=float)
    ap.add_argument("--seed", default=15, type=int)
    ap.add_argument("--examples", default=0, type=int, help="print this many false positives per rule")
    ap.add_argument("--no-throughput", action="store_true", help="skip the throughput run")
    a = ap.parse_args()
    mtlint = a.mtlint.resolve()
    work = a.work.resolve()
    catalogs = fetch(work)

    # Undamaged: the rate of flagged units per language and rule.
    per_lang = units(catalogs)
    found = run(mtlint, catalogs)
    flagged = collections.defaultdict(set)
    examples = collections.defaultdict(list)
    for r in found:
        rule = r["rule"].removeprefix("heuristic:")
        if rule not in RULES:
            continue
        lang = pathlib.Path(r["file"]).parent.parent.name
        unit = (r["file"], r["line"])
        flagged[(lang, rule)].add(unit)
        if rule not in OFF_BY_DEFAULT:
            flagged[(lang, "any")].add(unit)
        examples[rule].append(r)
    total = sum(per_lang.values())
    print(f"## Undamaged: {total} units in {len(per_lang)} languages (units flagged per 1,000)\n")
    print("(`doubled-space`, `inconsistent-translation` and `inconsistent-source` are off by")
    print("default: switched on here, and not counted in `any`)\n")
    cols = RULES + ["any"]
    print("| language | units | " + " | ".join(c.replace("-mismatch", "") for c in cols) + " |")
    print("|---" * (len(cols) + 2) + "|")
    sums = collections.Counter()
    for lang in sorted(per_lang):
        n = per_lang[lang]
        cells = []
        for c in cols:
            k = len(flagged.get((lang, c), ()))
            sums[c] += k
            cells.append(f"{1000 * k / n:.1f}" if k else "0")
        print(f"| {lang} | {n} | " + " | ".join(cells) + " |")
    print("| **all** | " + str(total) + " | " + " | ".join(f"{1000 * sums[c] / total:.2f}" for c in cols) + " |\n")
    for rule in RULES:
        for r in examples[rule][: a.examples]:
            print(f"  FP {rule}: {r['file']}:{r['line']}: {r['text']!r} — {r.get('note', '')}")
    review(flagged, total)

    # Damaged: the share of damaged units the matching rule flags.
    damaged = work / "damaged"
    if damaged.exists():
        shutil.rmtree(damaged)
    manifest, eligible = damage(catalogs, damaged, a.rate, a.seed)
    found = run(mtlint, damaged)
    hits = collections.defaultdict(set)
    for r in found:
        hits[(pathlib.Path(r["file"]).as_posix(), r["rule"].removeprefix("heuristic:"))].add(r["line"])
    per_rule = collections.Counter()
    caught = collections.Counter()
    missed = collections.defaultdict(list)
    for f, first, last, rule in manifest:
        per_rule[rule] += 1
        lines = hits.get((f, rule), set())
        if any(first <= l <= last for l in lines):
            caught[rule] += 1
        else:
            missed[rule].append(f"{f}:{first}")
    print(f"## Damaged: {len(manifest)} of {eligible} units that carry something to damage ({100 * len(manifest) / eligible:.1f} %)\n")
    print("| rule | damaged | found | share |\n|---|---|---|---|")
    for rule in RULES:
        n = per_rule[rule]
        if n:
            print(f"| {rule} | {n} | {caught[rule]} | {100 * caught[rule] / n:.1f} % |")
    n, k = len(manifest), sum(caught.values())
    print(f"| **all** | {n} | {k} | {100 * k / n:.1f} % |\n")
    for rule in RULES:
        for m in missed[rule][: a.examples]:
            print(f"  missed {rule}: {m}")

    if a.no_throughput:
        return
    # Throughput: the catalogs repeated to about 100 MB, one thread, CPU time.
    big = work / "big"
    if not big.exists():
        size = sum(p.stat().st_size for p in catalogs.rglob("*.po"))
        copies = max(1, (100 << 20) // size)
        for c in range(copies):
            for p in catalogs.rglob("*.po"):
                t = big / str(c) / p.relative_to(catalogs)
                t.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, t)
    size = sum(p.stat().st_size for p in big.rglob("*.po"))
    cpu = children_cpu(lambda: run(mtlint, big, threads=1))
    print(f"## Throughput: {size / 1e6:.1f} MB of PO in {cpu:.2f} s of CPU, -j1: {size / 1e6 / cpu:.0f} MB/s")
    # The same per unit, without the cost of many small files: one file per
    # language, its first catalog whole, then the entries of its other
    # catalogs (their headers dropped) eleven times over.
    merged = work / "merged"
    if not merged.exists():
        merged.mkdir(parents=True)
        by_lang = {}
        for p in sorted(catalogs.rglob("*.po")):
            lang = str(p).split("/locale/")[1].split("/")[0]
            by_lang.setdefault(lang, []).append(p.read_text(encoding="utf-8"))
        for lang, texts in by_lang.items():
            rest = []
            for t in texts[1:]:
                i = t.find('msgid ""\nmsgstr ""')
                j = t.find("\n\n", i)
                rest.append(t[j + 2:] if i >= 0 and j >= 0 else t)
            body = "\n".join([texts[0]] + rest)
            (merged / f"{lang}.po").write_text("\n\n".join([body] + ["\n".join(rest)] * 10), encoding="utf-8")
    size = sum(p.stat().st_size for p in merged.glob("*.po"))
    cpu = children_cpu(lambda: subprocess.run([str(mtlint), "check", "-j1", "-f", "jsonl", str(merged)],
                                              capture_output=True, check=False))
    print(f"## Merged into one file per language: {size / 1e6:.1f} MB in {cpu:.2f} s of CPU, -j1: {size / 1e6 / cpu:.0f} MB/s")


if __name__ == "__main__":
    main()
