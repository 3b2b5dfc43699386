#!/usr/bin/env bash
# Developer check (not part of CI): execute notebooks with the real Jupyter client
# (`jupyter nbconvert --to notebook --execute`, Debian package jupyter-nbconvert) and the tslab
# kernel registered from this checkout, then compare every cell's outputs with the committed
# ones (the outputs `npm run notebooks` wrote).
#   bash test/reference/nbconvert_check.sh [notebooks/NN-name.ipynb ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Register the kernel in a private Jupyter data folder, pointing at this checkout's tslab.
/usr/bin/python3 node_modules/tslab/python/install.py --tslab "$root/node_modules/.bin/tslab" --prefix "$work/jupyter" >/dev/null
export JUPYTER_PATH="$work/jupyter/share/jupyter"
jupyter kernelspec list
npm run build --silent
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
