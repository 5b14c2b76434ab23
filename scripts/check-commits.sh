#!/usr/bin/env bash
# Commit subjects stay short enough for `git log --oneline` to be read: every commit after BASE
# (the commit before this check was added; older history had paragraph-long subjects) must have a
# subject of at most 72 characters, counted as characters, not bytes, with the detail in the body
# after a blank line (without that blank line git reads the whole first paragraph as the subject).
# Run by `npm test` first; run it on your branch before landing: `bash scripts/check-commits.sh`.
# Without git history (an unpacked release) or when BASE is missing (a shallow clone) it says so
# and passes: there is nothing it could check.
# Usage: bash scripts/check-commits.sh [BASE]   (default: the commit below)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-5e7e8df422c30e01fa8f28680e16cc8a132497be}
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "commit subjects: not a git checkout; nothing to check."
  exit 0
fi
if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  echo "commit subjects: $base is not in this history (a shallow clone?); nothing to check."
  exit 0
fi
git log --no-merges --format='%h %s' "$base..HEAD" | node -e '
  const lines = require("node:fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
  const long = lines.filter((l) => [...l.slice(l.indexOf(" ") + 1)].length > 72);
  for (const l of long) {
    const n = [...l.slice(l.indexOf(" ") + 1)].length;
    console.error(`${l} (${n} characters)`);
  }
  if (long.length > 0) {
    console.error(`${long.length} commit subject(s) over 72 characters: shorten the first line (git commit --amend, or git rebase -i before landing); the detail goes in the body after a blank line.`);
    process.exit(1);
  }
  console.log(`commit subjects: ${lines.length} commit(s) checked, none over 72 characters.`);
'
