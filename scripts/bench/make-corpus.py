#!/usr/bin/env python3
"""Build the benchmark corpus: at least 100 MB of real English prose.

The text comes from Debian's documentation packages (the Linux kernel,
Python, PostgreSQL, Perl, Rust, Git, Apache, Java, Django, GIMP and
LibreOffice manuals, the Debian reference
and the Debian Administrator's Handbook, English pages only), downloaded with
`apt-get download` (no installation) and unpacked with `dpkg-deb -x`. HTML is
reduced to its text, paragraph by paragraph; code blocks (`pre`, `code`),
scripts and styles are dropped, since mtlint checks prose. POD files are
taken as they are, minus their code blocks. Files are read in sorted order,
so the corpus is the same on every run with the same package versions.

Usage: make-corpus.py OUT_DIR [--min-mb 100]

Writes OUT_DIR/corpus.txt (one file) and OUT_DIR/files/NNNN.txt (the same
text as about 1,000 files of ~100 KB, for the parallel benchmark).
"""

import argparse
import html.parser
import os
import pathlib
import subprocess
import sys
import tempfile

PACKAGES = [
    "linux-doc-6.1",
    "python3.11-doc",
    "postgresql-doc-15",
    "perl-doc",
    "debian-reference-en",
    "rust-doc",
    "git-doc",
    "apache2-doc",
    "debian-handbook",
    "openjdk-17-doc",
    "python-django-doc",
    "gimp-help-en",
    "libreoffice-help-en-us",
]


def is_english(path):
    """Apache's manual ships `x.html.fr` beside `x.html.en`, the handbook
    one folder per language: keep English only."""
    name = path.name
    suffix = name.rsplit(".", 1)[-1]
    if ".html." in name and suffix != "en":
        return False
    parts = path.parts
    if "debian-handbook" in parts:
        return "en-US" in parts
    return True

# Code blocks, scripts and page furniture are left out. Inline code
# (`code`, `kbd`, `samp` inside a sentence) is kept: dropping it would leave
# " ." and "a ." behind, the very traces of dropped text mtlint looks for.
SKIP_TAGS = {"script", "style", "pre", "head", "nav", "footer"}
BLOCK_TAGS = {"p", "div", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
              "td", "th", "tr", "blockquote", "section", "table", "br", "title"}


ENGLISH = set("the of and to a in is that for it with as on be this by are or not from".split())
FOREIGN = set("le la les des est une dans pour der die das und ist nicht el los las que con por".split())


def english(paragraph):
    """Whether a paragraph reads as English: a few manual pages in the
    packages are translations, and the corpus is of English only."""
    words = paragraph.lower().split()
    en = sum(w in ENGLISH for w in words)
    other = sum(w in FOREIGN for w in words)
    return en >= max(2, len(words) // 20) and other * 3 <= en


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self):
        raw = "".join(self.parts)
        paragraphs = []
        for block in raw.split("\n\n"):
            line = " ".join(block.split())
            # Keep prose: several words, mostly letters.
            if (len(line) >= 40 and sum(c.isalpha() for c in line) > 0.6 * len(line)
                    and english(line)):
                paragraphs.append(line)
        return "\n\n".join(paragraphs)


def pod_text(source):
    out, in_code = [], False
    for para in source.split("\n\n"):
        if para.startswith((" ", "\t")) or para.startswith("="):
            continue
        line = " ".join(para.split())
        if len(line) >= 40 and english(line):
            out.append(line)
    return "\n\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--min-mb", type=float, default=100)
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=tmp, check=True)
        root = tmp / "root"
        for deb in sorted(tmp.glob("*.deb")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        texts = []
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.is_symlink() or not is_english(path):
                continue
            name = path.name
            try:
                if name.endswith((".html", ".htm", ".html.en")):
                    p = TextOf()
                    p.feed(path.read_text(encoding="utf-8", errors="replace"))
                    texts.append(p.text())
                elif name.endswith(".pod"):
                    texts.append(pod_text(path.read_text(encoding="utf-8", errors="replace")))
            except (OSError, UnicodeError) as err:
                print(f"skipped {path}: {err}", file=sys.stderr)
        corpus = "\n\n".join(t for t in texts if t) + "\n"
    size = len(corpus.encode("utf-8"))
    (out / "corpus.txt").write_text(corpus, encoding="utf-8")
    files = out / "files"
    files.mkdir(exist_ok=True)
    chunk, n, acc = [], 0, 0
    for para in corpus.split("\n\n"):
        chunk.append(para)
        acc += len(para) + 2
        if acc >= 100_000:
            (files / f"{n:04}.txt").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
            chunk, acc, n = [], 0, n + 1
    if chunk:
        (files / f"{n:04}.txt").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
    print(f"{out / 'corpus.txt'}: {size / 1e6:.1f} MB, {n + 1} files in {files}")
    if size < args.min_mb * 1e6:
        sys.exit(f"corpus is only {size / 1e6:.1f} MB, less than {args.min_mb} MB")


if __name__ == "__main__":
    main()
