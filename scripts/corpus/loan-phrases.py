#!/usr/bin/env python3
"""Writes data/en-loan-phrases.txt: phrases English borrows whole that
contain a function word heuristic:untranslated-word looks for ("en route",
"en-suite", "en tout cas", "auf Wiedersehen").

    scripts/corpus/loan-phrases.py > data/en-loan-phrases.txt

Source: the multiword lemmas of WordNet 3.0 (Princeton University; Debian
package wordnet-base, /usr/share/wordnet/index.{noun,verb,adj,adv}), fetched
with `apt-get download wordnet-base`. WordNet licence: a permissive
BSD-style licence, "WordNet 3.0 Copyright 2006 by Princeton University.
All rights reserved." with permission to use, copy, modify and distribute
(see /usr/share/doc/wordnet-base/copyright). A lemma is kept when one of its
words is on the detector's lists (read from
src/matcher/heuristics/untranslated_word.rs, less the words the English
lexicon data/en-words*.txt or the detector's BORROWED list hold, which it
never flags) and it has at most four words; names of people and places
among them are harmless (the detector already leaves words next to a
capital alone).
"""

import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def detector_words():
    src = open(os.path.join(ROOT, "src/matcher/heuristics/untranslated_word.rs"), encoding="utf-8").read()
    lists = src[src.index("SOURCE_FUNCTION_WORDS"):src.index("const BORROWED")]
    borrowed = src[src.index("const BORROWED"):]
    borrowed = borrowed[:borrowed.index("];")]
    words = set(re.findall(r'"([^"]+)"', lists)) - {"nl", "de", "fr", "es"}
    words -= set(re.findall(r'"([^"]+)"', borrowed))
    english = set()
    for name in ("data/en-words.txt", "data/en-words-extra.txt"):
        for line in open(os.path.join(ROOT, name), encoding="utf-8"):
            if not line.startswith("#"):
                english.add(line.strip().lower())
    return words - english


def main():
    words = detector_words()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "wordnet-base"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        deb = glob.glob(os.path.join(tmp, "wordnet-base_*.deb"))[0]
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "x")], check=True)
        phrases = set()
        for pos in ("noun", "verb", "adj", "adv"):
            path = os.path.join(tmp, "x/usr/share/wordnet/index." + pos)
            for line in open(path, encoding="latin-1"):
                if line.startswith(" "):
                    continue
                lemma = line.split(" ", 1)[0]
                parts = re.split(r"[_-]", lemma)
                if 1 < len(parts) <= 4 and any(p in words for p in parts):
                    phrases.add(lemma.replace("_", " "))
    # Borrowings WordNet lacks, with where each was found: headwords of
    # GCIDE (the Collaborative International Dictionary of English, Debian
    # dict-gcide, gcide.index), and phrases the detector flagged in
    # human-written English (a novel and other text measured with the
    # default rules).
    extra = {
        "en brochette": "GCIDE headword",
        "en rapport": "GCIDE headword",
        "en suite": "human-written English (also written en-suite)",
        "en tout cas": "human-written English (also written en-tout-cas)",
    }
    phrases.update(extra)
    out = sys.stdout
    out.write("# Phrases English borrows whole that hold a word heuristic:untranslated-word\n")
    out.write("# looks for. Made by scripts/corpus/loan-phrases.py from the multiword lemmas\n")
    out.write("# of WordNet 3.0 (Copyright 2006 by Princeton University; WordNet licence,\n")
    out.write("# BSD-style: use, copy, modify and distribute permitted). One per line, lower\n")
    out.write("# case, words separated by a space or a hyphen as WordNet writes them.\n")
    for p in sorted(phrases):
        out.write(p + "\n")


if __name__ == "__main__":
    main()
