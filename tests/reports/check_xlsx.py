"""Reads findings.xlsx with openpyxl and compares it with findings.csv.

Usage: check_xlsx.py REPORT_DIR. Prints `ok N findings` or fails with the
first difference.
"""
import csv
import sys

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock

MARKS = ("\u27e6", "\u27e7")


def main(report_dir):
    with open(f"{report_dir}/findings.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    wb = openpyxl.load_workbook(f"{report_dir}/findings.xlsx", rich_text=True)
    assert wb.sheetnames == ["findings", "scorecard"], wb.sheetnames
    ws = wb["findings"]
    assert ws.freeze_panes == "A2", ws.freeze_panes
    assert ws.auto_filter.ref == f"A1:N{len(rows) + 1}", ws.auto_filter.ref
    header = [c.value for c in ws[1]]
    assert header == list(rows[0].keys()), header
    for i, row in enumerate(rows, start=2):
        cells = [c.value for c in ws[i]]
        got = dict(zip(header, cells))
        for key in ("text", "rule", "severity", "note"):
            want = row[key]
            # The CSV neutralises formulas with a leading '; a workbook
            # cell is a string and needs none.
            if want.startswith("'") and not got[key].startswith("'"):
                want = want[1:]
            assert (got[key] or "") == want, (i, key, got[key], want)
        assert got["line"] == int(row["line"]) and got["start"] == int(row["start"])
        context = got["context"]
        assert isinstance(context, CellRichText), (i, context)
        marked = [b for b in context if isinstance(b, TextBlock) and b.font.b]
        assert len(marked) == 1, (i, context)
        plain = "".join(b.text if isinstance(b, TextBlock) else b for b in context)
        before, rest = row["context"].lstrip("'").split(MARKS[0], 1)
        span, after = rest.split(MARKS[1], 1)
        assert marked[0].text == span, (i, marked[0].text, span)
        assert plain == before + span + after, (i, plain)
    sc = wb["scorecard"]
    documents = sc.max_row - 2
    total = [c.value for c in sc[sc.max_row]]
    assert total[0] == "total", total
    assert total[2] == len(rows), (total, len(rows))
    print(f"ok {len(rows)} findings in {documents} documents")


if __name__ == "__main__":
    main(sys.argv[1])
