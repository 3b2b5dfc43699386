#!/usr/bin/env bash
# Developer check (CI runs the same in test/clients/nbconvert.test.ts): execute notebooks with
# the real Jupyter client (`jupyter nbconvert --to notebook --execute`, Debian packages
# jupyter-nbconvert and jupyter-client) and the project's kernel registered from this checkout
# by lib/cli/install-kernel.ts, then compare every cell's outputs with the committed ones (the
# outputs `npm run notebooks` wrote).
#   bash test/reference/nbconvert_check.sh [notebooks/NN-name.ipynb ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for cmd in jupyter-nbconvert jupyter-kernelspec; do
  command -v "$cmd" >/dev/null || { echo "$cmd is missing: apt-get install jupyter-nbconvert jupyter-client" >&2; exit 2; }
done
# Register the kernel in a private Jupyter folder (builds lib/ first when needed).
npx tsx lib/cli/install-kernel.ts --prefix "$work/jupyter" >/dev/null
export JUPYTER_PATH="$work/jupyter/share/jupyter" PYDEVD_DISABLE_FILE_VALIDATION=1
jupyter kernelspec list
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(notebooks/*.ipynb)
status=0
for nb in "${files[@]}"; do
  out="$work/$(basename "$nb")"
  echo "== $nb"
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tslab \
    --ExecutePreprocessor.timeout=1200 --output "$out" "$nb" 2>&1 | tail -1
  npx tsx lib/cli/diff-notebooks.ts "$nb" "$out" || status=1
done
exit $status
