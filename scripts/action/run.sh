#!/usr/bin/env bash
# The step of the GitHub Action (action.yml): install mtlint from the
# action's own checkout unless this version is on PATH already (restored
# from the cache), then check with annotations for GitHub.
#
# Environment: GITHUB_ACTION_PATH (the action's checkout), MTLINT_ARGS (what
# follows `mtlint check`, split at white space), MTLINT_DIFF_BASE (`auto`,
# `none` or a revision), MTLINT_BASE_REF (the pull request's base branch,
# empty outside a pull request), MTLINT_REPORT_DIR.
# Exit code: mtlint's (0 pass, 1 a document fails, 2 an error).
set -euo pipefail
action=${GITHUB_ACTION_PATH:?the action runs from its checkout}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action/Cargo.toml" | head -n 1)
if [ "$(mtlint --version 2>/dev/null | head -n 1)" != "mtlint $version" ]; then
    cargo install --locked --quiet --path "$action"
fi

# Word splitting, never shell evaluation: the arguments come from a
# workflow file, and a pull request may change it.
read -r -a args <<< "${MTLINT_ARGS:-.}"
diff=()
case "${MTLINT_DIFF_BASE:-auto}" in
    auto) [ -n "${MTLINT_BASE_REF:-}" ] && diff=(--diff-base "origin/$MTLINT_BASE_REF") ;;
    none) ;;
    *) diff=(--diff-base "$MTLINT_DIFF_BASE") ;;
esac
exec mtlint check --color never --format github \
    --report-dir "${MTLINT_REPORT_DIR:-mtlint-report}" "${diff[@]}" "${args[@]}"
