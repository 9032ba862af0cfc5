#!/usr/bin/env bash
# Runs mtlint's fuzz targets with AFL++ (cargo-afl, stable toolchain).
#
#   fuzz/run.sh setup                 install cargo-afl and build AFL++ (once)
#   fuzz/run.sh build                 build every target
#   fuzz/run.sh seeds TARGET DIR      write TARGET's seed corpus into DIR
#   fuzz/run.sh fuzz TARGET SECONDS   fuzz TARGET for SECONDS, keeping its
#                                     findings in fuzz/out/TARGET
#   fuzz/run.sh all SECONDS           build, then fuzz every target in turn;
#                                     fails if any target crashed or hung
#   fuzz/run.sh targets               list the targets
#
# A crash or hang is kept in fuzz/out/TARGET/default/{crashes,hangs}; run
# the target binary on the file to see the panic (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$PWD
root=$(cd .. && pwd)

# The cargo-afl release; fuzz/Cargo.toml pins the same `afl` runtime.
AFL_VERSION=0.18.2
# Per-input limits: a run over 2 s is a hang (AFL reports it), and an
# allocation of 1 GiB fails (and aborts: a crash) under a limit of 1200 MB
# of address space, the instrumented binary itself taking some 180 MB.
TIMEOUT_MS=${TIMEOUT_MS:-2000}
MEMORY_MB=${MEMORY_MB:-1200}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$fuzz_dir/target}
# Where each target keeps its corpus, crashes and hangs.
out_root=${FUZZ_OUT:-$fuzz_dir/out}

TARGETS=(text markdown html xliff tmx po table jsonl json srt vtt config glossary
    mqm archive tbx vale prh termlist baseline diff properties android strings keyvalue)

setup() {
    if ! cargo afl --version 2>/dev/null | grep -q "$AFL_VERSION"; then
        cargo install --locked cargo-afl --version "$AFL_VERSION"
    fi
    # Builds AFL++ from the sources cargo-afl ships; a second build is
    # refused, which is fine.
    local out
    if ! out=$(cargo afl config --build 2>&1); then
        if ! grep -q "already built" <<<"$out"; then
            echo "$out" >&2
            exit 1
        fi
    fi
}

build() {
    # Not --locked: the lock file starts as a copy of mtlint's, and when
    # mtlint's dependencies change, cargo adds what changed rather than
    # failing the build.
    cargo afl build --release --quiet
}

# Seeds from the repository's fixtures. Large files are cut to their first
# lines: AFL mutates small inputs far faster.
seeds() {
    local target=$1 dir=$2
    mkdir -p "$dir"
    local f="$root/fixtures"
    copy() { for file in "$@"; do cp "$file" "$dir/"; done; }
    head_of() { head -n "$1" "$2" >"$dir/$(basename "$2")"; }
    # A mode byte (see the target) before a file's bytes.
    prefixed() { { printf "\\x$(printf %02x "$1")"; cat "$2"; } >"$dir/$1-$(basename "$2")"; }
    case $target in
    text)
        head_of 12 "$f/seed-article-nl-en.txt"
        head_of 8 "$f"/clean/ted-ende-talk.3.txt
        head_of 8 "$f"/clean/wmt23-ende-news_cnn.151681_en-de.txt
        ;;
    markdown) copy "$f/formats/seed-article-nl-en.md" "$f/workflows/suppressions.md" ;;
    html) copy "$f/formats/seed-article-nl-en.html" ;;
    xliff) copy "$f/formats/seed-article-nl-en.xlf" "$f/formats/seed-article-nl-en.v2.xlf" ;;
    tmx) copy "$f/formats/seed-article-nl-en.tmx" ;;
    # The article alone runs slowly enough that 12 s find nothing new
    # from it: small catalogs of the bilingual checks' syntaxes come first.
    po) copy "$f/formats/seed-article-nl-en.po" "$f"/bilingual/{plurals,python,printf,icu,workflow}.po ;;
    table)
        # Bit 0: TSV; bits 1-2: the columns.
        prefixed 1 "$f/formats/seed-article-nl-en.tsv"
        prefixed 3 "$f/formats/seed-article-nl-en.tsv"
        prefixed 4 "$f/formats/source-terms.csv"
        ;;
    jsonl) copy "$root/examples/spark/records.jsonl" ;;
    json) copy "$f/formats/seed-article-nl-en.json" ;;
    srt) copy "$f/formats/seed-article-nl-en.srt" ;;
    vtt) copy "$f/formats/seed-article-nl-en.vtt" ;;
    config) copy "$f/workflows/mtlint.toml" ;;
    glossary)
        for g in "$root"/glossary/*.csv; do head_of 40 "$g"; done
        copy "$f/formats/source-terms.csv"
        ;;
    mqm) copy "$f"/import/mqm/*.tsv ;;
    archive)
        # Mode 0: a .tar.gz as it is; 1: a tar the target gzips; 2: a
        # file the target gzips.
        local tmp
        tmp=$(mktemp -d)
        cp "$f"/import/mqm/wmt-layout.tsv "$f"/import/mqm/ted-layout.tsv "$tmp/"
        tar -C "$tmp" -cf "$tmp/mqm.tar" wmt-layout.tsv ted-layout.tsv
        gzip -c "$tmp/mqm.tar" >"$tmp/mqm.tar.gz"
        prefixed 0 "$tmp/mqm.tar.gz"
        prefixed 1 "$tmp/mqm.tar"
        prefixed 2 "$f/import/mqm/ted-layout.tsv"
        rm -rf "$tmp"
        ;;
    tbx) copy "$f"/import/tbx/*.tbx ;;
    vale) copy "$f"/import/vale/*.yml ;;
    prh) copy "$f"/import/prh/*.yml ;;
    termlist) copy "$f/formats/source-terms.csv" && head_of 40 "$root/glossary/en.csv" ;;
    baseline | diff) copy "$fuzz_dir/seeds/$target"/* ;;
    properties) copy "$f"/formats/keyvalue/java/*.properties ;;
    android) copy "$f"/formats/keyvalue/android/values-de/strings.xml ;;
    strings) copy "$f"/formats/keyvalue/apple/*/*.strings ;;
    keyvalue)
        # Mode byte, source, NUL, target (see the target).
        local k="$f/formats/keyvalue" mode=0 pair
        for pair in i18next/en/app.json:i18next/de/app.json \
            java/Messages.properties:java/Messages_de.properties \
            android/values/strings.xml:android/values-de/strings.xml \
            apple/en.lproj/Localizable.strings:apple/de.lproj/Localizable.strings; do
            { printf "\\x$(printf %02x "$mode")"; cat "$k/${pair%%:*}"; printf '\\0'; cat "$k/${pair#*:}"; } >"$dir/pair-$mode"
            mode=$((mode + 1))
        done
        ;;
    *)
        echo "no target $target; fuzz/run.sh targets lists them" >&2
        exit 2
        ;;
    esac
}

# Fuzzes one target; prints a summary line; fails on a crash or hang.
fuzz() {
    local target=$1 seconds=$2
    local out="$out_root/$target" input
    # Resume from the corpus a previous run left, else start from seeds.
    if [ -d "$out/default/queue" ]; then
        input=-
    else
        input="$out_root/$target-seeds"
        rm -rf "$input"
        seeds "$target" "$input"
    fi
    # Not a tuned host: no core-dump handler or CPU governor changes, and
    # the machine's cores are shared, so no pinning.
    AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
        AFL_NO_UI=1 AFL_QUIET=1 \
        cargo afl fuzz -i "$input" -o "$out" -V "$seconds" \
        -t "$TIMEOUT_MS" -m "$MEMORY_MB" "$CARGO_TARGET_DIR/release/$target" >"$out.log" 2>&1 || {
        tail -n 30 "$out.log" >&2
        echo "$target: afl-fuzz failed (log: $out.log)" >&2
        return 1
    }
    local stats="$out/default/fuzzer_stats"
    field() { sed -n "s/^$1 *: *//p" "$stats"; }
    local crashes hangs
    crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
    hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
    printf '%-9s %6ss %8s execs %6s corpus %3s crashes %3s hangs\n' "$target" \
        "$(field run_time)" "$(field execs_done)" "$(field corpus_count)" "$crashes" "$hangs"
    if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
        echo "$target: crashes or hangs in $out/default/{crashes,hangs}" >&2
        return 1
    fi
}

case ${1:-} in
setup) setup ;;
build) build ;;
seeds) seeds "$2" "$3" ;;
fuzz) fuzz "$2" "$3" ;;
targets) printf '%s\n' "${TARGETS[@]}" ;;
all)
    seconds=${2:-15}
    setup
    build
    failed=0
    for target in "${TARGETS[@]}"; do
        fuzz "$target" "$seconds" || failed=1
    done
    exit "$failed"
    ;;
*)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
