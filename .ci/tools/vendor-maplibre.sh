#!/usr/bin/env bash
# vendor-maplibre.sh copies MapLibre GL JS from .ci/tools/node_modules (the
# version pinned in .ci/tools/package.json, installed with `npm ci`) into
# internal/web/assets/vendor/, which is committed so that `go build` needs
# no npm. Run it from anywhere; `make vendor` calls it.
#
# To move to another MapLibre version: change "maplibre-gl" in
# .ci/tools/package.json, run `npm install` there (updates the lock file),
# then this script, then the browser test (cmd/landcat/map_test.go).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/.ci/tools"
src="$tools/node_modules/maplibre-gl"
dst="$root/internal/web/assets/vendor"

if [ ! -d "$src/dist" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
version="$(node -p "require('$src/package.json').version")"
case "$version" in
  6.*) ;;
  *) echo "vendor-maplibre: expected MapLibre GL JS 6.x, found $version" >&2; exit 1 ;;
esac

rm -rf "$dst"
mkdir -p "$dst"
# MapLibre 6 is ESM-only: the main bundle loads ./maplibre-gl-worker.mjs
# relative to its own URL. The -shared chunk is copied when a release has
# one (6.17.0 ships it empty). Source maps are left out (5 MB each).
for f in maplibre-gl.mjs maplibre-gl-worker.mjs maplibre-gl-shared.mjs maplibre-gl.css; do
  if [ -s "$src/dist/$f" ]; then
    # Drop the sourceMappingURL comment: the .map files are not vendored.
    sed -e '/^\/\/# sourceMappingURL=/d' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$src/dist/$f" >"$dst/$f"
  fi
done
cp "$src/LICENSE.txt" "$dst/LICENSE.txt"
printf 'maplibre-gl %s (npm), copied by .ci/tools/vendor-maplibre.sh; BSD-3-Clause, see LICENSE.txt\n' "$version" >"$dst/VERSION"
echo "vendored maplibre-gl $version into ${dst#"$root"/}:"
ls -l "$dst"
