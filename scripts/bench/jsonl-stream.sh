#!/usr/bin/env bash
# Streams SIZE_MB (default 1024) of JSONL records through
# `mtlint check --input jsonl -` and prints the wall time and peak memory,
# for two sizes: memory must not grow with the input.
# Usage: scripts/bench/jsonl-stream.sh [SIZE_MB]
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-1024}
cargo build --release --locked --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/big.jsonl" "$size_mb" <<'PY'
import json, sys
path, size = sys.argv[1], int(sys.argv[2]) << 20
lines = open("examples/spark/records.jsonl", encoding="utf-8").read().splitlines()
n = written = 0
with open(path, "w", encoding="utf-8") as f:
    while written < size:
        for line in lines:
            record = json.loads(line)
            record["id"] = n
            n += 1
            text = json.dumps(record, ensure_ascii=False) + "\n"
            f.write(text)
            written += len(text.encode())
print(f"{n} records, {written} bytes")
PY
head -n 200000 "$tmp/big.jsonl" > "$tmp/small.jsonl"
for input in "$tmp/small.jsonl" "$tmp/big.jsonl"; do
    bytes=$(stat -c %s "$input")
    /usr/bin/time -f "%e s, peak RSS %M KiB" target/release/mtlint check --input jsonl - \
        < "$input" > "$tmp/out.jsonl" 2> "$tmp/time" || true
    echo "$bytes bytes in: $(wc -l < "$tmp/out.jsonl") findings out, $(tail -1 "$tmp/time")"
done
