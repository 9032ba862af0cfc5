#!/usr/bin/env python3
"""Copies the committed samples of the fetched corpora into
fixtures/clean/registry/ (tests/rules.rs measures the default rules on
them).

    scripts/corpus/make-samples.py CORPUS_DIR CATALOG_DIR

CORPUS_DIR is what fetch-english.py wrote, CATALOG_DIR what
measure-catalogs.py extracted. The samples are fixed by name, not by what
the rules find in them: the first 20,000 words (to a paragraph end) of
Pride and Prejudice, of the three latest State of the Union addresses and
of the Brown Corpus press files in order, in both layouts; Django's
main catalogs for French, German, Japanese and Armenian, and for Telugu,
Swahili and Hindi (the targets furthest over the catalogs' budget when it
was first measured: final stops left out, spaces before marks); ;
Sphinx's Hindi catalog (`measure-catalogs.py --set sphinx`, written to
CATALOG_DIR/sphinx); and Wagtail's French admin catalog (`--set wagtail`,
CATALOG_DIR/wagtail).
"""

import glob
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fixtures/clean/registry")
WORDS = 20_000


def take(paths, limit):
    """The paragraphs of `paths` in order, up to `limit` words."""
    out, n = [], 0
    for path in paths:
        for para in open(path, encoding="utf-8").read().split("\n\n"):
            if n >= limit:
                return out
            out.append(para.strip("\n"))
            n += len(para.split())
    return out


def main():
    corpus, catalogs = sys.argv[1], sys.argv[2]
    picks = {
        "fiction": ["pride-and-prejudice.txt"],
        "speeches": sorted(os.listdir(os.path.join(corpus, "wrapped/speeches")))[-3:][::-1],
        "news": sorted(os.listdir(os.path.join(corpus, "wrapped/news"))),
    }
    for genre, names in picks.items():
        paras = take([os.path.join(corpus, "wrapped", genre, n) for n in names], WORDS)
        os.makedirs(os.path.join(OUT, "wrapped"), exist_ok=True)
        os.makedirs(os.path.join(OUT, "lines"), exist_ok=True)
        with open(os.path.join(OUT, "wrapped", genre + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")
        with open(os.path.join(OUT, "lines", genre + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(" ".join(l.strip() for l in p.split("\n")) for p in paras) + "\n")
    os.makedirs(os.path.join(OUT, "catalogs"), exist_ok=True)
    for lang in ("fr", "de", "ja", "hy", "te", "sw", "hi"):
        src = os.path.join(catalogs, "django/django/conf/locale", lang, "LC_MESSAGES/django.po")
        shutil.copy(src, os.path.join(OUT, "catalogs", lang + ".po"))
    src = os.path.join(catalogs, "sphinx/sphinx/locale/hi/LC_MESSAGES/sphinx.po")
    shutil.copy(src, os.path.join(OUT, "catalogs", "sphinx-hi.po"))
    src = os.path.join(catalogs, "wagtail/wagtail/admin/locale/fr/LC_MESSAGES/django.po")
    shutil.copy(src, os.path.join(OUT, "catalogs", "wagtail-fr.po"))


if __name__ == "__main__":
    main()
