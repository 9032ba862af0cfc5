#!/usr/bin/env bash
# Runs the `mtlint` hook of .pre-commit-hooks.yaml through pre-commit
# itself, as a project that uses the hook does: a scratch git repository
# whose .pre-commit-config.yaml names this clone as `repo` and its HEAD
# commit as `rev` (the README's advice), and `pre-commit run --files`.
# pre-commit builds mtlint with cargo install (the hook's `language: rust`)
# and runs it on the files named. The hook must fail on a file with a
# known mistranslation (a subtitle file: every walked extension is the
# hook's), pass on a clean one, and leave a file of an extension it does
# not check alone.
#
#   scripts/pre-commit/test.sh [PRE-COMMIT]
#
# PRE-COMMIT is the pre-commit command (default: `pre-commit` on PATH).
# What is tested is the hook as committed (HEAD). Not `pre-commit
# try-repo`: it installs the hook into a new temporary store on every
# call, a cargo install each; a configured repo is installed once into
# pre-commit's cache (target/pre-commit-home), and the build is kept in
# target/pre-commit-build, so that a second run takes seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pre_commit=${1:-pre-commit}
# A path is taken from where the script was started, before the cd below.
if [[ $pre_commit == */* ]]; then
    pre_commit=$(cd "$(dirname "$pre_commit")" && pwd)/$(basename "$pre_commit")
fi
command -v "$pre_commit" >/dev/null || {
    echo "pre-commit hook: no command $pre_commit" >&2
    exit 1
}
export PRE_COMMIT_HOME=${PRE_COMMIT_HOME:-$root/target/pre-commit-home}
export CARGO_TARGET_DIR=$root/target/pre-commit-build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
git init -q
git config user.email ci@example.invalid
git config user.name ci
printf '1\n00:00:01,000 --> 00:00:03,000\nThe comfort girls were remembered.\n' >bad.srt
printf '# Remembrance\n\nThe comfort women were remembered.\n' >good.md
# A JSON file is configuration more often than strings: not the hook's.
printf '{"description": "The comfort girls were remembered."}\n' >package.json
rev=$(git -C "$root" rev-parse HEAD)
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: mtlint
YAML
git add .
git commit -qm fixtures

fail() {
    echo "pre-commit hook: $1" >&2
    echo "$2" >&2
    exit 1
}

if out=$("$pre_commit" run mtlint --files bad.srt good.md 2>&1); then
    fail "passed on bad.srt, which has a known mistranslation" "$out"
fi
grep -q "glossary:nl-comfort-girls" <<<"$out" || fail "no finding named on bad.srt" "$out"
grep -q "bad.srt:3:5" <<<"$out" || fail "the finding is not at bad.srt:3:5" "$out"

out=$("$pre_commit" run mtlint --files good.md package.json 2>&1) ||
    fail "failed on good.md and package.json, which it should pass" "$out"
if grep -q "package.json" <<<"$out"; then
    fail "checked package.json, whose extension it does not take" "$out"
fi
echo "pre-commit hook: fails on bad.srt (bad.srt:3:5 glossary:nl-comfort-girls), passes on good.md, leaves package.json alone"
