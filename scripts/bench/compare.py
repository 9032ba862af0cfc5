#!/usr/bin/env python3
"""Whole-process benchmark: mtlint side by side with typos and with an exact
Aho-Corasick scan of the same terms, alternating runs, medians and ratios.

    scripts/bench/compare.py [--rounds 5] [--work target/bench]

It builds what it needs when missing: the corpus (make-corpus.py, at least
100 MB of English prose from Debian's documentation packages), the
glossaries (make-glossaries.py: 100, 1,000, 10,000 and 100,000 fuzzy
entries), mtlint and the exact scanner (`cargo build --release`), and typos
(`cargo install typos-cli` into the work folder).

Every round runs each command once, in turn, so that a slow spell of the
machine hits all of them alike, and each timed run comes right after an
untimed run of the same command (a warm-up, as hyperfine's --warmup). On a
virtual machine, memory that a process touches first after the host has
reclaimed it costs many times the usual system time; without the warm-up,
which command pays for that depends only on how much more memory it needs
than the command before it.

The table gives the median wall time of each, the throughput, the peak
memory (`/usr/bin/time`), and the ratios the issue asks about. The Markdown
table goes to standard output and to WORK/results.md.
"""

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SIZES = [100, 1000, 10000, 100000]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def detectors(mtlint):
    out = subprocess.run([mtlint, "rules"], capture_output=True, text=True, check=True).stdout
    ids = []
    for line in out.splitlines()[1:]:
        cols = line.split()
        if cols and cols[0].startswith("heuristic:"):
            ids.append(cols[0])
    return ids


def timed(cmd):
    """Wall seconds and peak resident KiB of one run (output discarded)."""
    res = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    last = res.stderr.strip().splitlines()[-1]
    wall, rss = last.split()
    if res.returncode not in (0, 1, 2):
        sys.exit(f"{cmd[0]} failed ({res.returncode}): {res.stderr}")
    return float(wall), int(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-warmup", dest="warmup", action="store_false",
                    help="time each command without running it untimed just before")
    ap.add_argument("--work", type=pathlib.Path, default=ROOT / "target" / "bench")
    args = ap.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)

    corpus_dir = work / "corpus"
    corpus = corpus_dir / "corpus.txt"
    if not corpus.exists():
        sh([sys.executable, str(ROOT / "scripts/bench/make-corpus.py"), str(corpus_dir)])
    gl_dir = work / "glossaries"
    if not (gl_dir / "glossary-100000.csv").exists():
        sh([sys.executable, str(ROOT / "scripts/bench/make-glossaries.py"), str(corpus), str(gl_dir)])
    sh(["cargo", "build", "--release", "--locked", "--quiet", "--bin", "mtlint", "--example", "exact_scan"],
       cwd=ROOT)
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    release = (target if target.is_absolute() else ROOT / target) / "release"
    mtlint = str(release / "mtlint")
    exact = str(release / "examples" / "exact_scan")
    typos = shutil.which("typos") or str(work / "typos/bin/typos")
    if not os.path.exists(typos):
        sh(["cargo", "install", "--quiet", "--locked", "typos-cli", "--root", str(work / "typos")])
    off = [a for d in detectors(mtlint) for a in ("--disable", d)]
    mb = corpus.stat().st_size / 1e6
    files = sorted(str(p) for p in (corpus_dir / "files").glob("*.txt"))

    def mt(glossary, *extra, inputs=(str(corpus),)):
        g = ["--no-default-glossary", "-g", str(glossary), *off] if glossary else []
        return [mtlint, "check", "-f", "csv", "--fail-on", "never", *g, *extra, *inputs]

    runs = {
        "typos, 1 thread": [typos, "--threads", "1", str(corpus)],
        "exact Aho-Corasick scan, 10,000 terms": [exact, str(gl_dir / "glossary-10000.csv"), str(corpus)],
        "mtlint, built-in glossaries and detectors, 1 thread": mt(None, "-j1"),
        "mtlint, built-in glossaries alone, 1 thread": mt(None, "-j1", *off),
    }
    for n in SIZES:
        runs[f"mtlint, {n:,} fuzzy entries, 1 thread"] = mt(gl_dir / f"glossary-{n}.csv", "-j1")
    runs["mtlint, 100,000 entries, compile only"] = mt(gl_dir / "glossary-100000.csv", "-j1",
                                                       inputs=(str(ROOT / "fixtures/seed-article-nl-en.txt"),))
    runs["mtlint, 100 entries, compile only"] = mt(gl_dir / "glossary-100.csv", "-j1",
                                                   inputs=(str(ROOT / "fixtures/seed-article-nl-en.txt"),))
    runs[f"mtlint, 10,000 entries, {len(files)} files, 1 thread"] = mt(gl_dir / "glossary-10000.csv", "-j1", inputs=files)
    runs[f"mtlint, 10,000 entries, {len(files)} files, 2 threads"] = mt(gl_dir / "glossary-10000.csv", "-j2", inputs=files)

    times = {k: [] for k in runs}
    rss = {k: 0 for k in runs}
    for r in range(args.rounds):
        for name, cmd in runs.items():
            if args.warmup:
                timed(cmd)
            t, m = timed(cmd)
            times[name].append(t)
            rss[name] = max(rss[name], m)
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)

    med = {k: statistics.median(v) for k, v in times.items()}
    warm = "each timed run after an untimed warm-up" if args.warmup else "no warm-up"
    lines = [f"Corpus: {mb:.1f} MB ({corpus}), {args.rounds} alternating rounds, medians, "
             f"{warm}; {os.cpu_count()} cores.", "",
             "| run | median s | MB/s | peak RSS MiB |", "|---|---|---|---|"]
    for name in runs:
        thr = "" if "compile only" in name else f"{mb / med[name]:.1f}"
        lines.append(f"| {name} | {med[name]:.2f} | {thr} | {rss[name] / 1024:.0f} |")
    typos_t = med["typos, 1 thread"]
    ac_t = med["exact Aho-Corasick scan, 10,000 terms"]
    g10k = med["mtlint, 10,000 fuzzy entries, 1 thread"]
    ratios = [
        ("10,000 fuzzy entries: throughput ÷ typos' (goal ≥ 2.5)", typos_t / g10k),
        ("10,000 fuzzy entries: time ÷ exact scan's (goal ≤ 2)", g10k / ac_t),
        ("built-in glossaries + detectors: throughput ÷ typos' (goal ≥ 1)",
         typos_t / med["mtlint, built-in glossaries and detectors, 1 thread"]),
        ("built-in glossaries + detectors: time ÷ the glossaries' alone",
         med["mtlint, built-in glossaries and detectors, 1 thread"]
         / med["mtlint, built-in glossaries alone, 1 thread"]),
        ("100,000 entries ÷ 100 entries, time (goal ≤ 3)",
         med["mtlint, 100,000 fuzzy entries, 1 thread"] / med["mtlint, 100 fuzzy entries, 1 thread"]),
        ("2 threads ÷ 1 thread, speed-up on many files (goal ≥ 1.8)",
         med[f"mtlint, 10,000 entries, {len(files)} files, 1 thread"]
         / med[f"mtlint, 10,000 entries, {len(files)} files, 2 threads"]),
    ]
    lines += ["", "| ratio | measured |", "|---|---|"]
    lines += [f"| {k} | {v:.2f} |" for k, v in ratios]
    text = "\n".join(lines) + "\n"
    (work / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
