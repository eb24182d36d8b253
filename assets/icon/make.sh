#!/usr/bin/env bash
# Renders icon.svg to icon.ico (16 to 256 pixels, for commissione.exe: build.rs) and icon-256.png.
# Needs rsvg-convert (librsvg2-bin) and ImageMagick. The results are committed: the build does not
# run this.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sizes=(16 20 24 32 40 48 64 128 256)
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" icon.svg -o "$tmp/$s.png"
done
cp "$tmp/256.png" icon-256.png
# The 256-pixel image is kept as PNG inside the .ico (as Windows does since Vista), the others
# as bitmaps.
files=()
for s in "${sizes[@]}"; do files+=("$tmp/$s.png"); done
convert "${files[@]}" icon.ico
