#!/usr/bin/env python3
"""mtlint as the map step of an Apache Spark job.

Reads a JSONL file of records {"id", "text", "source"?, "lang"?}, pipes each
partition through `mtlint check --input jsonl -` with RDD.pipe, collects the
JSONL findings, and checks that they equal those of one direct run of
mtlint over the whole file. Spark runs in local mode; on a cluster, ship the
mtlint binary to the workers (e.g. with --files) and point to it.

Usage: spark_pipe.py MTLINT RECORDS.jsonl [PARTITIONS]
Exit code 0 when the findings are equal, 1 otherwise.
"""
import json
import os
import shlex
import subprocess
import sys

from pyspark.sql import SparkSession


def key(finding):
    """A finding without the line number of its record in the stream, which
    depends on how the input was split."""
    return json.dumps({k: v for k, v in finding.items() if k != "record_line"}, sort_keys=True)


def main():
    mtlint, records = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    partitions = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    command = [mtlint, "check", "--input", "jsonl", "-"]

    # Local mode: bind to the loopback interface whatever the host name says.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("mtlint-pipe")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        lines = spark.sparkContext.textFile(records, minPartitions=partitions)
        # mtlint exits 1 when a record fails its policy: findings, not a
        # failure of the map step, so the exit code is not checked.
        piped = lines.pipe(shlex.join(command), checkCode=False).map(json.loads).collect()
    finally:
        spark.stop()

    with open(records, "rb") as stream:
        direct = subprocess.run(command, stdin=stream, capture_output=True, check=False)
    if direct.returncode not in (0, 1):
        sys.exit(f"direct run failed ({direct.returncode}): {direct.stderr.decode()}")
    direct_findings = [json.loads(line) for line in direct.stdout.decode().splitlines()]

    by_spark = sorted(key(f) for f in piped)
    by_direct = sorted(key(f) for f in direct_findings)
    print(f"spark: {len(by_spark)} findings from {partitions} partitions; direct: {len(by_direct)}")
    if not by_direct:
        sys.exit("no findings at all: the example proves nothing")
    if by_spark != by_direct:
        for f in sorted(set(by_spark) ^ set(by_direct)):
            print("differs:", f)
        sys.exit(1)
    ids = sorted({str(f["id"]) for f in piped})
    print("records with findings:", ", ".join(ids))


if __name__ == "__main__":
    main()
