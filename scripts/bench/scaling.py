#!/usr/bin/env python3
"""Scaling benchmark: does mtlint's time grow linearly with its input?

    scripts/bench/scaling.py [--max-scale 1000] [--shapes a,b] [--repeat 3]
                             [--bin PATH] [--work target/scaling]

Generates each shape of input at 1x, 10x, 100x and 1000x (up to
--max-scale), runs the release binary on each (`check -f jsonl`, output
counted, not kept), and prints a table of the input's size, the findings,
the wall time, the time per MB and per finding, and the peak memory of the
process. It exits non-zero when, for any shape, the time per MB at the
largest scale is more than 1.5 times that at 10x: a superlinear path. (At
10x a run is short, so start-up weighs in its time per MB; a linear shape
comes out cheaper per MB at 1000x, never dearer.)

The shapes, each the kind of input that once took quadratic time:

- article-lines: fixtures/seed-article-nl-en.txt, one paragraph per line
  and no blank line, 20 copies per 1x (6.4 MB at 100x); built-in
  glossaries and detectors.
- one-line: the same text as one line, about 200 KB per 1x (200 MB at
  1000x); built-in glossaries and detectors.
- book: the article with a blank line between paragraphs, about 1 MB per
  1x (1 GB at 1000x), read in parts; built-in glossaries and detectors.
- unless: the article as in article-lines, with five entries that have an
  `unless` and fire a few times per paragraph (glossary only).
- html-escapes: one HTML `<p>` of the article, 2 copies per 1x, every space
  written `&nbsp;`; built-in glossaries and detectors.
- xliff-escapes: one XLIFF target, every space written `&#32;`, as above.
- po-lines: one PO `msgstr` of the article in lines of eight words, 4
  copies per 1x (280,000 lines at 1000x); as above.
- po-numbers: one PO unit whose target is a line of numbers between hex
  letters (`1a1a1a…`), 10,000 numbers per 1x (20 MB and 10 million
  findings in one unit at 1000x); number-mismatch reports each.
- xliff-variants: 2,000 XLIFF units per 1x, a hundred sources each
  translated seven ways (2 million units at 1000x): the pre-pass and the
  run-wide groups of inconsistent-translation, most units a finding.
- long-terms: 10 entries per 1x whose terms are single words of 60
  characters (the longest allowed), random and periodic, over a text that
  holds each with one typo (glossary only; compiling is the cost).
- dense-glossary: 10,000 two-word entries that fire about once per ten
  words of a text of 100 KB per 1x (100 MB and 1.5 million findings at
  1000x), a paragraph of about a hundred words per line (glossary only);
  and the same text with the entries' two words swapped, so that nothing
  fires: the scan alone, whose time is taken from the shape's to give the
  time per finding beyond the scan.

At 1000x it also checks the peak memory of one-line (under 512 MiB),
book (512 MiB) and dense-glossary (300 MiB), and dense-glossary's time
per finding beyond the scan (at most 1 µs of wall time; the CPU time is
shown beside it).

Then it checks, once each: a 10 KB glossary term (refused at load, or
compiled, in well under a second), prh dictionaries that import each other
ten times over eight levels, and YAML nested 100,000 deep (both to finish
at once).

Time is wall time, the best of --repeat runs (runs over 5 s are not
repeated); peak memory is the binary's maximum resident set, from
/usr/bin/time (or `os.wait4` where it is missing, which counts this
script's memory too). Generated inputs are kept under --work and reused.
Standard library only.
"""

import argparse
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCALES = [1, 10, 100, 1000]
# Bump when a generator changes, so that old inputs are not reused.
VERSION = 3


def article():
    text = (ROOT / "fixtures/seed-article-nl-en.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def detectors(binary):
    out = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
    ids = []
    for line in out.splitlines()[1:]:
        cols = line.split()
        if cols and cols[0].startswith("heuristic:"):
            ids += ["--disable", cols[0]]
    return ids


class Shapes:
    """Each shape writes its input for a scale and returns (extra
    arguments, paths to check)."""

    def __init__(self, work, off):
        self.work = work
        self.off = off  # arguments that turn every detector off
        self.paragraphs = article()

    def path(self, name):
        return self.work / f"v{VERSION}-{name}"

    def write(self, name, make):
        path = self.path(name)
        if not path.exists():
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(make(), encoding="utf-8")
            tmp.replace(path)
        return path

    def article_lines(self, scale):
        text = lambda: ("\n".join(self.paragraphs) + "\n") * (20 * scale)
        return [], [self.write(f"article-lines-{scale}.txt", text)]

    def one_line(self, scale):
        # About 200 KB per 1x: 200 MB on one line at 1000x.
        text = lambda: (" ".join(self.paragraphs) + " ") * (62 * scale) + "\n"
        return [], [self.write(f"one-line-{scale}.txt", text)]

    def book(self, scale):
        # About 1 MB per 1x, paragraphs between blank lines: 1 GB at 1000x.
        def text():
            block = "\n\n".join(self.paragraphs) + "\n\n"
            return block * (310 * scale)
        return [], [self.write(f"book-{scale}.txt", text)]

    def unless(self, scale):
        glossary = self.write("unless.csv", lambda: (
            "id,term,suggestion,unless\n"
            "south-korean,South Korean,South-Korean,\\bNorth\\b\n"
            "japan,Japan,Nippon,\\bbananas?\\b\n"
            "president,President,head of state,\\bvice\\b\n"
            "visit,visit,trip,\\bmuseum\\b\n"
            "first-time,first time,first occasion,\\bnever\\b\n"))
        args = ["--no-default-glossary", "-g", str(glossary), *self.off]
        return args, self.article_lines(scale)[1]

    def words(self, copies):
        return " ".join(self.paragraphs).split() * copies

    def html_escapes(self, scale):
        def make():
            body = "&nbsp;".join(xml_escape(w) for w in self.words(2 * scale))
            return f"<!DOCTYPE html>\n<html><body><p>{body}</p></body></html>\n"
        return [], [self.write(f"html-escapes-{scale}.html", make)]

    def xliff_escapes(self, scale):
        def make():
            body = "&#32;".join(xml_escape(w) for w in self.words(2 * scale))
            return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<xliff version="1.2"><file source-language="nl" target-language="en" '
                    'datatype="plaintext" original="a"><body><trans-unit id="1">'
                    f"<source>Een zin.</source><target>{body}</target>"
                    "</trans-unit></body></file></xliff>\n")
        return [], [self.write(f"xliff-escapes-{scale}.xlf", make)]

    def po_lines(self, scale):
        def make():
            words = self.words(4 * scale)
            lines = []
            for i in range(0, len(words), 8):
                line = " ".join(words[i:i + 8]) + " "
                lines.append('"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"')
            return ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: nl\\n"\n\n'
                    'msgid "Een zin."\nmsgstr ""\n' + "\n".join(lines) + "\n")
        return [], [self.write(f"po-lines-{scale}.po", make)]

    def po_numbers(self, scale):
        # One PO unit whose target is a line of numbers between hex letters
        # (`1a1a1a…`), 10,000 per 1x (10 million, 20 MB, at 1000x): every
        # number but one is one the source lacks, so number-mismatch
        # reports each. A number's neighbours were once read back to the
        # start of the run of hex digits, once per number.
        def make():
            return ('msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
                    'msgid "Page 1 of 2"\nmsgstr "' + "1a" * (10_000 * scale) + ' 2"\n')
        return [], [self.write(f"po-numbers-{scale}.po", make)]

    def xliff_variants(self, scale):
        # 200 units per 1x, a hundred sources each translated seven ways:
        # the run-wide groups of inconsistent-translation, most units
        # departing from their group's majority (200,000 units, 27.6 MB, at
        # 1000x: a file read whole stays under --max-file-size).
        def make():
            units = []
            for i in range(200 * scale):
                k, v = i % 100, (i // 100) % 7
                units.append(f'<trans-unit id="{i}"><source>Open the file number {k} now</source>'
                             f"<target>Datei Nummer {k} jetzt öffnen, Fassung {v}</target></trans-unit>")
            return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<xliff version="1.2"><file source-language="en" target-language="de" '
                    'datatype="plaintext" original="a"><body>\n' + "\n".join(units)
                    + "\n</body></file></xliff>\n")
        on = ["--enable", "heuristic:inconsistent-translation",
              "--enable", "heuristic:inconsistent-source"]
        return on, [self.write(f"xliff-variants-{scale}.xlf", make)]

    def long_terms(self, scale):
        rng = random.Random(scale)
        letters = "abcdefghijklmnopqrstuvwxyz"
        terms = []
        for i in range(10 * scale):
            if i % 5 == 4:
                # Periodic: its deletions repeat one another.
                unit = "".join(rng.choice(letters) for _ in range(1 + i % 3))
                word = (unit * 60)[:59] + rng.choice(letters)
            else:
                word = "".join(rng.choice(letters) for _ in range(60))
            terms.append(word)
        glossary = self.write(f"long-terms-{scale}.csv", lambda: "id,term,suggestion\n" + "".join(
            f"t{i},{t},fixed\n" for i, t in enumerate(terms)))

        def text():
            out = []
            for t in terms:
                k = rng.randrange(len(t))
                typo = t[:k] + ("x" if t[k] != "x" else "y") + t[k + 1:]
                out.append(f"The word {typo} is here.")
            return "\n".join(out) + "\n"
        path = self.write(f"long-terms-{scale}.txt", text)
        return ["--no-default-glossary", "-g", str(glossary), *self.off], [path, glossary]

    def dense_glossary(self, scale):
        rng = random.Random(7)
        letters = "bcdfghjklmnpqrstvwxz"
        vowels = "aeiouy"

        def pseudo():
            return "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(4))
        vocabulary = sorted({pseudo() for _ in range(25_000)})[:20_000]
        rng.shuffle(vocabulary)
        terms = [f"{vocabulary[2 * i]} {vocabulary[2 * i + 1]}" for i in range(10_000)]
        glossary = self.write("dense-glossary.csv", lambda: "term,suggestion\n" + "".join(
            f"{t},fixed\n" for t in terms))
        filler = [w.strip(".,;:“”\"()") .lower() for w in self.words(1)]
        filler = [w for w in filler if w.isalpha()]

        def text():
            target = 100_000 * scale
            out, size, n = [], 0, 0
            while size < target:
                words = [filler[(n * 8 + k) % len(filler)] for k in range(8)]
                words.append(terms[n % len(terms)])
                line = " ".join(words) + ("." if n % 3 == 2 else "")
                out.append(line)
                size += len(line) + 1
                n += 1
            # Paragraphs of about a hundred words, one per line.
            return "".join(g + ("\n" if n % 10 == 9 else " ") for n, g in enumerate(out)) + "\n"
        path = self.write(f"dense-glossary-{scale}.txt", text)
        return ["--no-default-glossary", "-g", str(glossary), *self.off], [path]

    def dense_control(self, scale):
        """The dense text with the same words in the glossary, paired the
        other way round, so that nothing fires: the scan alone."""
        _, paths = self.dense_glossary(scale)
        terms = [line.split(",")[0].split(" ") for line in
                 self.path("dense-glossary.csv").read_text(encoding="utf-8").splitlines()[1:]]
        glossary = self.write("dense-control.csv", lambda: "term,suggestion\n" + "".join(
            f"{b} {a},fixed\n" for a, b in terms))
        return ["--no-default-glossary", "-g", str(glossary), *self.off], paths


SHAPES = ["article-lines", "one-line", "book", "unless", "html-escapes", "xliff-escapes",
          "po-lines", "po-numbers", "xliff-variants", "long-terms", "dense-glossary"]

# Peak memory limits at 1000x, in MiB: a 200 MB line, 1 GB of text, and
# 1.5 million findings in 100 MB.
PEAK_LIMITS = {"one-line": 512, "book": 512, "dense-glossary": 300}
# The most time per finding beyond the scan, in µs, for dense-glossary.
MOST_US_PER_FINDING = 1.0


# The peak memory of a child as `os.wait4` gives it counts what the child
# held between fork and exec, a copy of this script's own memory (hundreds
# of MB once the inputs are generated): /usr/bin/time measures the binary
# alone, where it is installed.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd, timeout):
    """Wall seconds, output lines, peak resident KiB and CPU seconds (user
    and system) of one run; `None` when it took more than `timeout` seconds
    and was stopped."""
    if TIME:
        cmd = [TIME, "-f", "%M %U %S", *cmd]
    # The findings go to a file, as a report does, and are counted after
    # the run: a pipe read by this script would time the script too (a
    # million lines through a 64 KiB pipe, on the same two cores).
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    timer.cancel()
    out.seek(0)
    lines = 0
    while block := out.read(1 << 20):
        lines += block.count(b"\n")
    out.close()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if elapsed >= timeout:
        return None
    if code not in (0, 1):
        sys.exit(f"{' '.join(map(str, cmd))} failed ({code}): {err.decode(errors='replace')}")
    rss = usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    if TIME:
        peak, user, system = err.decode().strip().splitlines()[-1].split()
        rss, cpu = int(peak), float(user) + float(system)
    return elapsed, lines, rss, cpu


def measure(cmd, repeat, timeout):
    best = None
    for _ in range(repeat):
        result = run(cmd, timeout)
        if result is None:
            return None
        t, lines, rss, cpu = result
        if best is None or t < best[0]:
            best = (t, lines, rss, best[3] if best else cpu)
        # The least CPU time of the runs: other work on the machine only
        # ever adds to it.
        best = (*best[:3], min(best[3], cpu))
        if t > 5:
            break
    return best


def timed(cmd, timeout):
    """Seconds, exit code, first line of standard error and number of
    lines of standard output of `cmd`; `None` for the first two when it
    was stopped after `timeout` seconds."""
    start = time.perf_counter()
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, "", 0
    message = res.stderr.strip().splitlines()
    # The message without the folder of the generated file.
    shown = message[0].replace(str(cmd[-1].rsplit("/", 1)[0]) + "/", "") if message else ""
    return (time.perf_counter() - start, res.returncode, shown[:200], len(res.stdout.splitlines()))


def one_off_checks(binary, work, timeout):
    """The long-term, prh and YAML checks: (name, seconds, outcome, ok)."""
    rows = []
    rng = random.Random(1)
    term = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10_000))
    glossary = work / f"v{VERSION}-term-10kb.csv"
    glossary.write_text(f"term,suggestion\n{term},fixed\n", encoding="utf-8")
    text = work / f"v{VERSION}-term-10kb.txt"
    text.write_text("A short text.\n", encoding="utf-8")
    t, code, message, _ = timed(
        [binary, "check", "--no-default-glossary", "-g", str(glossary), str(text)], timeout)
    outcome = f"exit {code}: {message}" if code == 2 else f"exit {code}, compiled"
    rows.append(("10 KB glossary term", t, outcome, t is not None and t < 0.1))

    prh = work / f"v{VERSION}-prh"
    prh.mkdir(exist_ok=True)
    for level in range(8):
        lines = ["version: 1"]
        if level < 7:
            lines += ["imports:"] + [f"  - d{level + 1}.yml"] * 10
        lines += ["rules:", f"  - expected: Word{level}", f"    pattern: wrd{level}"]
        (prh / f"d{level}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    t, code, message, lines = timed(
        [binary, "glossary", "import", "--from", "prh", str(prh / "d0.yml")], timeout)
    rows.append(("prh: 8 levels, each imported 10 times", t,
                 f"exit {code}, {max(0, lines - 1)} entries", t is not None and t < 1 and code == 0))

    deep = work / f"v{VERSION}-deep.yml"
    deep.write_text("rules: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    t, code, message, _ = timed([binary, "glossary", "import", "--from", "prh", str(deep)], timeout)
    rows.append(("YAML nested 100,000 deep", t, f"exit {code}: {message}",
                 t is not None and t < 1 and code == 2))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-scale", type=int, default=1000, choices=SCALES,
                    help="the largest scale to run (1, 10, 100 or 1000)")
    ap.add_argument("--shapes", default=",".join(SHAPES),
                    help=f"comma-separated, from: {', '.join(SHAPES)}")
    ap.add_argument("--repeat", type=int, default=3, help="runs per input, the best kept")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds after which a run is stopped (and its shape fails)")
    ap.add_argument("--bin", type=pathlib.Path,
                    help="the mtlint binary (default: build the release binary)")
    ap.add_argument("--work", type=pathlib.Path, default=ROOT / "target" / "scaling",
                    help="where generated inputs are kept")
    args = ap.parse_args()
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        ap.error(f"unknown shape(s): {', '.join(unknown)}")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.bin:
        binary = str(args.bin.resolve())
    else:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--bin", "mtlint"],
                       cwd=ROOT, check=True)
        target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        binary = str((target if target.is_absolute() else ROOT / target) / "release" / "mtlint")
    if not shutil.which(binary):
        sys.exit(f"no binary at {binary}")

    gen = Shapes(work, detectors(binary))
    scales = [s for s in SCALES if s <= args.max_scale]
    header = ("| shape | scale | input MB | findings | time s | s/MB | µs/finding | peak MiB |\n"
              "|---|---|---|---|---|---|---|---|")
    print(header, flush=True)
    per_mb = {}
    peaks = {}
    dense = {}
    for shape in shapes:
        for scale in scales:
            extra, paths = getattr(gen, shape.replace("-", "_"))(scale)
            inputs = [p for p in paths if p.suffix != ".csv"]
            mb = sum(p.stat().st_size for p in paths) / 1e6
            cmd = [binary, "check", "-f", "jsonl", "--fail-on", "never", *extra, *map(str, inputs)]
            result = measure(cmd, args.repeat, args.timeout)
            if result is None:
                per_mb[shape, scale] = float("inf")
                print(f"| {shape} | {scale}x | {mb:.2f} | | > {args.timeout:.0f} | "
                      f"> {args.timeout / mb:.3f} | | |", flush=True)
                continue
            t, findings, rss, cpu = result
            per_mb[shape, scale] = t / mb
            peaks[shape, scale] = rss / 1024
            if shape == "dense-glossary":
                extra, _ = gen.dense_control(scale)
                cmd = [binary, "check", "-f", "jsonl", "--fail-on", "never", *extra,
                       *map(str, inputs)]
                control = measure(cmd, args.repeat, args.timeout)
                if control is not None and findings:
                    dense[scale] = (t, control[0], cpu, control[3], findings)
            per_finding = f"{t / findings * 1e6:.1f}" if findings else ""
            print(f"| {shape} | {scale}x | {mb:.2f} | {findings:,} | {t:.3f} | {t / mb:.3f} | "
                  f"{per_finding} | {rss / 1024:.0f} |", flush=True)

    failed = []
    largest = scales[-1]
    if largest > 10:
        print(f"\n| shape | s/MB at {largest}x ÷ s/MB at 10x (limit 1.5) |\n|---|---|")
        for shape in shapes:
            big, ten = per_mb[shape, largest], per_mb[shape, 10]
            ratio = big / ten if ten != float("inf") else float("nan")
            if ratio <= 1.5:
                print(f"| {shape} | {ratio:.2f} |")
            else:
                shown = "(stopped)" if big == float("inf") else f"{ratio:.2f}"
                print(f"| {shape} | {shown} SUPERLINEAR |")
                failed.append(shape)
    else:
        print("\n(no scale above 10x: no ratio to check)")

    if dense:
        print("\n| dense-glossary | findings | time s | scan alone s | µs per finding beyond the scan "
              "| CPU s | scan alone CPU s | CPU µs per finding beyond the scan |"
              "\n|---|---|---|---|---|---|---|---|")
        for scale, (t, scan, cpu, scan_cpu, findings) in sorted(dense.items()):
            beyond = (t - scan) / findings * 1e6
            beyond_cpu = (cpu - scan_cpu) / findings * 1e6
            print(f"| {scale}x | {findings:,} | {t:.3f} | {scan:.3f} | {beyond:.2f} "
                  f"| {cpu:.3f} | {scan_cpu:.3f} | {beyond_cpu:.2f} |")
        if largest in dense:
            # Checked on the wall time, what a user waits for: the report
            # is written on its own thread, beside the matching. The CPU
            # time, shown beside it, counts both threads.
            t, scan, _, _, findings = dense[largest]
            if (t - scan) / findings * 1e6 > MOST_US_PER_FINDING and largest == 1000:
                failed.append("dense-glossary: time per finding")
    limits = [(shape, limit) for shape, limit in PEAK_LIMITS.items()
              if (shape, 1000) in peaks]
    if limits:
        print("\n| shape at 1000x | peak MiB | limit MiB |\n|---|---|---|")
        for shape, limit in limits:
            peak = peaks[shape, 1000]
            print(f"| {shape} | {peak:.0f} | {limit}{'' if peak <= limit else ' OVER'} |")
            if peak > limit:
                failed.append(f"{shape}: peak memory")

    print("\n| check | time s | outcome |\n|---|---|---|")
    for name, t, outcome, ok in one_off_checks(binary, work, args.timeout):
        shown = f"{t:.3f}" if t is not None else f"> {args.timeout:.0f}"
        print(f"| {name} | {shown} | {outcome}{'' if ok else ' TOO SLOW OR WRONG'} |")
        if not ok:
            failed.append(name)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
