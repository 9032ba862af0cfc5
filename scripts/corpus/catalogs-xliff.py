#!/usr/bin/env python3
"""The same human-translated catalogs checked as PO and as XLIFF: findings
per rule of the default rules on each, and the one-thread throughput on the
XLIFF.

    scripts/corpus/catalogs-xliff.py OUT_DIR [MTLINT] [--set NAME] [--copies N]

The PO catalogs are those of scripts/corpus/measure-catalogs.py (OUT_DIR/NAME,
fetched by it when missing; --set django, sphinx or wagtail, default
django). They are converted to XLIFF 1.1 into OUT_DIR/NAME-xliff by
translate-toolkit's `po2xliff` (PyPI translate-toolkit 3.20.4, GPL-2.0 or
later, installed into OUT_DIR/ttk; it is run, not shipped), the converter
most catalogs that reach an XLIFF tool go through: the header becomes a
unit of `restype="x-gettext-domain-header"`, a plural entry a group of
units, an untranslated entry an empty `<target>`, and the format flags
are left out. Both are converted and fetched once; a tree already there is
used as it is.

The throughput is measured on the XLIFF tree, or with --copies N on N
copies of it (OUT_DIR/NAME-xliff-N, made once), for a corpus of about
100 MB.

A reader of XLIFF that took the header, the plural forms or the empty
targets for translations would report many findings on the XLIFF that it
does not on the PO; the table shows the two side by side.
"""

import collections
import json
import os
import resource
import shutil
import subprocess
import sys

TOOLKIT = "translate-toolkit==3.20.4"


def findings(mtlint, root):
    """Findings per rule of a one-thread run over ROOT, and its CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([mtlint, "check", "-j1", "-f", "jsonl", root],
                         capture_output=True, check=False).stdout.decode("utf-8")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rules = collections.Counter()
    for line in out.splitlines():
        f = json.loads(line)
        if "rule" in f:
            rules[f["rule"]] += 1
    return rules, cpu


def size(root, ext):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs if f.endswith(ext))


def main():
    args = sys.argv[1:]
    name = "django"
    copies = 1
    if "--copies" in args:
        k = args.index("--copies")
        copies = int(args[k + 1])
        del args[k:k + 2]
    if "--set" in args:
        k = args.index("--set")
        name = args[k + 1]
        del args[k:k + 2]
    if not args:
        sys.exit(__doc__)
    out = os.path.abspath(args[0])
    mtlint = os.path.abspath(args[1] if len(args) > 1 else "target/release/mtlint")
    here = os.path.dirname(os.path.abspath(__file__))
    po = os.path.join(out, name)
    if not os.path.isdir(po):
        subprocess.run([sys.executable, os.path.join(here, "measure-catalogs.py"), out, mtlint, "--set", name],
                       check=True, stdout=subprocess.DEVNULL)
    xliff = os.path.join(out, f"{name}-xliff")
    if not os.path.isdir(xliff):
        venv = os.path.join(out, "ttk")
        if not os.path.isdir(venv):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", TOOLKIT], check=True)
        subprocess.run([os.path.join(venv, "bin", "po2xliff"), "--progress", "none", "-i", po, "-o", xliff],
                       check=True, stdout=subprocess.DEVNULL)
    timed = xliff
    if copies > 1:
        timed = f"{xliff}-{copies}"
        if not os.path.isdir(timed):
            for c in range(copies):
                shutil.copytree(xliff, os.path.join(timed, str(c)))
    from_po, _ = findings(mtlint, po)
    from_xliff, _ = findings(mtlint, xliff)
    cpu = min(findings(mtlint, timed)[1] for _ in range(3))
    print("| rule | findings in PO | findings in XLIFF |")
    print("|---|---:|---:|")
    for rule in sorted(set(from_po) | set(from_xliff)):
        print(f"| {rule} | {from_po[rule]} | {from_xliff[rule]} |")
    print(f"| **all** | {sum(from_po.values())} | {sum(from_xliff.values())} |")
    mb = size(timed, ".xliff") / 1e6
    print(f"\nXLIFF: {mb:.1f} MB in {cpu:.2f} s of CPU, -j1 (least of 3): {mb / cpu:.0f} MB/s")


if __name__ == "__main__":
    main()
