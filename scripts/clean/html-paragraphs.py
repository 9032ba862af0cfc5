#!/usr/bin/env python3
"""Prose paragraphs of HTML documentation, for fixtures/clean/.

    html-paragraphs.py 'DIR/ch*.html' > OUT.txt

Writes the text of every <p> element, one per line, pages separated by a
blank line, keeping only paragraphs that are prose: at least eight words, no
inline <code>, and not the lead-in of a code block (the block is not
extracted, so the lead-in would look cut off). Whitespace runs become one
space; nothing else in the text is changed. Used for rust-book.txt (Debian
rust-doc, html/book/ch*.html) and python-docs.txt (Debian python3.11-doc,
html/{tutorial,howto,faq}/*.html).
"""

import glob
import html.parser
import re
import sys


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.code = False
        self.buf = []
        self.paras = []
        self.last_kept = False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.depth += 1
            self.buf = []
            self.code = False
        if tag == "code":
            self.code = True
        if tag in ("pre", "script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth -= 1
            text = " ".join("".join(self.buf).split())
            self.last_kept = bool(text) and not self.code
            if self.last_kept:
                self.paras.append(text)
        if tag in ("pre", "script", "style"):
            self.skip -= 1

    def handle_comment(self, data):
        # Marked below: the paragraph just closed introduces a code block.
        if data == "CODEFOLLOWS" and self.last_kept:
            self.paras.pop()
            self.last_kept = False

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.buf.append(data)


def main():
    pages = []
    for pattern in sys.argv[1:]:
        for path in sorted(glob.glob(pattern)):
            with open(path, encoding="utf-8") as f:
                page = f.read()
            page = re.sub(
                r'</p>(\s*)<(div class="(?:highlight|example-wrap)|pre)',
                r"</p><!--CODEFOLLOWS-->\1<\2",
                page,
            )
            parser = Paragraphs()
            parser.feed(page)
            paras = [
                p for p in parser.paras if len(p.split()) >= 8 and not p.startswith("Filename")
            ]
            if paras:
                pages.append("\n".join(paras) + "\n")
    sys.stdout.write("\n".join(pages))


if __name__ == "__main__":
    main()
