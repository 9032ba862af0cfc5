"""The reviews of flagged units kept beside the corpus scripts
(NAME-review.csv: file, line of the finding, rule, verdict `defect` or
`acceptable`, reason), and how a unit's findings make its verdict."""

import csv


def load(path):
    """The verdicts of a review file, by (file, line, rule)."""
    with open(path, newline="", encoding="utf-8") as f:
        return {(row["file"], int(row["line"]), row["rule"]): row["verdict"] for row in csv.DictReader(f)}


def unit_verdict(verdicts):
    """The verdict of a unit from those of its findings (None where no
    review covers one): a defect when some finding is one, acceptable when
    every finding was read so, else not reviewed."""
    if "defect" in verdicts:
        return "defect"
    if all(v == "acceptable" for v in verdicts):
        return "acceptable"
    return "not reviewed"
