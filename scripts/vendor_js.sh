#!/usr/bin/env bash
# Fetch the JavaScript the static book needs at view time (widgets, MathJax) from the npm
# registry into _vendor/ (git-ignored), so the HTML renders without any CDN.
set -euo pipefail
dest="${1:-_vendor}"
if [ -f "$dest/.complete" ]; then exit 0; fi
command -v npm >/dev/null || { echo "vendor_js: npm is required (Debian: apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent @jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8 mathjax@3.2.2 >/dev/null )
mkdir -p "$tmp/out/mathjax/output/chtml"
for t in "$tmp"/*.tgz; do mkdir -p "${t%.tgz}" && tar -xzf "$t" -C "${t%.tgz}"; done
cp "$tmp"/jupyter-widgets-html-manager-*/package/dist/embed-amd.js "$tmp/out/embed-amd.js"
cp "$tmp"/requirejs-*/package/require.js "$tmp/out/require.js"
cp "$tmp"/mathjax-*/package/es5/tex-mml-chtml.js "$tmp/out/mathjax/"
cp -r "$tmp"/mathjax-*/package/es5/output/chtml/fonts "$tmp/out/mathjax/output/chtml/"
touch "$tmp/out/.complete"
rm -rf "$dest" && mv "$tmp/out" "$dest"
echo "vendor_js: widget and MathJax assets in $dest"
