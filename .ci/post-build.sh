#!/bin/sh
# Trunk's post_build hook (Trunk.toml), run in the staged build before it becomes dist/:
# 1. with PORTICO_CONFIG set (`./portico rt serve`), that file replaces the demo's config.json;
# 2. the service worker gets the build's file list and a version hashed from every file's
#    content, so each build that changes anything is a new worker (public/sw.js).
set -eu
cd "$TRUNK_STAGING_DIR"
if [ -n "${PORTICO_CONFIG:-}" ]; then cp "$PORTICO_CONFIG" config.json; fi
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
{
  printf 'const VERSION = "%s";\nconst PRECACHE = [\n' "$version"
  for f in $files; do printf '  "%s",\n' "$f"; done
  printf '];\n'
  cat sw.js
} > sw.js.new
mv sw.js.new sw.js
