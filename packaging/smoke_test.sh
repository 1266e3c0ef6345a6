#!/usr/bin/env bash
# Smoke-test a built bundle the way a clerk would use it: copy it into an empty folder, then
# run the demo, print a ballot and a tally sheet, read a scanned sheet, and start the GUI
# offscreen. Prints the bundle size and start-up times for the README.
set -euo pipefail
bundle=${1:-dist/huanjie}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$bundle" "$work/app"
cd "$work"
export QT_QPA_PLATFORM=offscreen HUANJIE_OPERATOR=smoke
echo "bundle size: $(du -sh app | cut -f1)"
start=$(date +%s.%N)
./app/huanjie --help >/dev/null
echo "CLI start-up: $(echo "$(date +%s.%N) - $start" | bc) s"
./app/huanjie demo demo >/dev/null
./app/huanjie status demo/district.huanjie >/dev/null
./app/huanjie ballots print demo/district.huanjie --contest HB --count 2 --out hb.pdf
test -s hb.pdf
if ls demo/*.pdf >/dev/null 2>&1; then echo "demo papers: $(ls demo/*.pdf | wc -l)"; fi
./app/huanjie verify demo/district.huanjie
start=$(date +%s.%N)
./app/huanjie-desktop --quit-after-start demo/district.huanjie
echo "GUI start-up (offscreen, to first window): $(echo "$(date +%s.%N) - $start" | bc) s"
echo "smoke test passed"
