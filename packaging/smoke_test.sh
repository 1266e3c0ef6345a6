#!/usr/bin/env bash
# Smoke-test a built bundle the way a clerk would use it: copy it into an empty folder, check
# what is inside, then run the self-check, the demo, print a ballot and a tally sheet, read a
# scanned sheet (a JPEG of the demo and a printed PDF), verify the file, and start the GUI
# offscreen to its first window. Without a network when the system allows (unshare -rn), and
# with no internet socket opened at all (checked with strace when it is installed).
#
#   bash packaging/smoke_test.sh [dist/huanjie]
#
# Prints the bundle size and start-up times (the README's "Installing on counting laptops"
# records them) and writes them to smoke-timings.txt beside the bundle.
set -euo pipefail
bundle=$(cd "${1:-dist/huanjie}" && pwd)
timings="$(dirname "$bundle")/smoke-timings.txt"

if [ -z "${HUANJIE_SMOKE_ISOLATED:-}" ] && unshare -rn true 2>/dev/null; then
  echo "== no network: running inside unshare -rn"
  exec env HUANJIE_SMOKE_ISOLATED=1 unshare -rn bash "$0" "$bundle"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$bundle" "$work/app"
cd "$work"
export QT_QPA_PLATFORM=offscreen HUANJIE_OPERATOR=smoke XDG_CONFIG_HOME="$work/config"
unset HUANJIE_LANG
app=./app
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

echo "== inside the bundle"
for f in resources/fonts/wqy-microhei.ttc resources/strokes/strokes.tsv.gz \
  resources/i18n/huanjie_en.qm resources/icons/huanjie.png resources/icons/huanjie-64.png \
  resources/licenses/wqy-microhei.txt resources/licenses/qt-pyside6.txt \
  resources/licenses/python/PySide6_Essentials resources/licenses/python/Python \
  huanjie_desktop/storage/migrations/001_core.sql; do
  test -e "$app/_internal/$f" || fail "missing _internal/$f"
done
ls "$app"/_internal/libzbar.so* >/dev/null 2>&1 || fail "libzbar is not in the bundle"
for f in docs/guide.zh.md docs/guide.en.md docs/troubleshooting.zh.md docs/troubleshooting.en.md \
  huanjie-desktop.desktop install-linux.sh huanjie-mime.xml; do
  test -e "$app/$f" || fail "missing $f"
done
for d in plugins/tls plugins/networkinformation; do
  test ! -e "$app/_internal/PySide6/Qt/$d" || fail "network plugins in the bundle: $d"
done
# Every library resolves from the bundle or the system (LD_LIBRARY_PATH as the bootloader sets it).
unresolved=$(find "$app/_internal" -name '*.so*' -type f -print0 \
  | LD_LIBRARY_PATH="$app/_internal" xargs -0 -n 50 ldd 2>/dev/null | grep 'not found' | sort -u || true)
if [ -n "$unresolved" ]; then
  echo "libraries not found (only a problem if it is not an optional plugin's):"
  echo "$unresolved" | sed 's/^/  /'
fi
LD_LIBRARY_PATH="$app/_internal" ldd "$app"/_internal/libzbar.so.0 | grep -q 'not found' \
  && fail "libzbar's dependencies do not resolve"
size=$(du -sh "$app" | cut -f1)
echo "bundle size: $size ($(find "$app" -type f | wc -l) files)"
# The bundle runs only where glibc is at least as new as the newest symbol version it uses,
# which is the build machine's: build on the oldest system the counting laptops run.
glibc="unknown (objdump not installed)"
if command -v objdump >/dev/null 2>&1; then
  glibc=$(find "$app" -type f \( -name '*.so*' -o -name huanjie -o -name huanjie-desktop \) -print0 \
    | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -1 | sed 's/GLIBC_//')
  echo "needs glibc >= $glibc (the build machine has $(ldd --version | head -1 | grep -o '[0-9.]*$'))"
fi

echo "== self-check"
$app/huanjie selfcheck || fail "selfcheck"

echo "== command line"
best=""
for _ in 1 2 3; do
  start=$(now)
  $app/huanjie --help >/dev/null
  t=$(since "$start")
  best=$(awk -v a="${best:-999}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
done
echo "CLI start-up (huanjie --help, best of 3): $best s"
cli_time=$best

start=$(now)
$app/huanjie demo demo >/dev/null 2>demo.log || { cat demo.log; fail "demo"; }
demo_time=$(since "$start")
echo "demo built in $demo_time s"
test -s demo/district.huanjie && test -s demo/assembly.huanjie || fail "demo files"
ls demo/papers/*.pdf >/dev/null 2>&1 || fail "no demo papers"
echo "demo papers: $(ls demo/papers/*.pdf | wc -l)"
$app/huanjie status demo/district.huanjie >/dev/null || fail "status"

$app/huanjie ballots print demo/district.huanjie --contest WY --count 2 --out wy.pdf || fail "print ballots"
test -s wy.pdf || fail "no ballot PDF"
$app/huanjie report demo/district.huanjie --contest HB --out hb-result.pdf || fail "tally sheet"
test -s hb-result.pdf || fail "no tally sheet"
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext hb-result.pdf - | grep -q "计票结果" || fail "the tally sheet has no text"
fi
$app/huanjie verify demo/district.huanjie || fail "verify"

echo "== reading scanned sheets"
cp demo/scans/HB/scan-0001.jpg again.jpg
scan_cmd=("$app/huanjie" scan demo/district.huanjie wy.pdf again.jpg --json --workers 2)
if command -v strace >/dev/null 2>&1; then
  strace -f -qq -v -s 2000 -e trace=socket,execve -o scan.strace "${scan_cmd[@]}" >scan.jsonl || fail "scan"
else
  "${scan_cmd[@]}" >scan.jsonl || fail "scan"
fi
grep '"file": "[^"]*again.jpg"' scan.jsonl | grep -Eq '"status": "(counted|duplicate)".*"contest": "HB"' \
  || { cat scan.jsonl; fail "the demo's JPEG was not read as counted or duplicate"; }
grep '"file": "[^"]*wy.pdf"' scan.jsonl | grep -Eq '"status": "(counted|review)".*"contest": "WY"' \
  || { cat scan.jsonl; fail "the printed PDF ballot was not read"; }
echo "read: again.jpg (JPEG) and wy.pdf (PDF through poppler), QR and marks"

echo "== desktop app (offscreen)"
gui_cmd=("$app/huanjie-desktop" --quit-after-start demo/district.huanjie)
start=$(now)
if command -v strace >/dev/null 2>&1; then
  strace -f -qq -v -s 2000 -e trace=socket,execve -o gui.strace "${gui_cmd[@]}" 2>gui.log || { cat gui.log; fail "GUI"; }
else
  "${gui_cmd[@]}" 2>gui.log || { cat gui.log; fail "GUI"; }
fi
gui_total=$(since "$start")
cat gui.log
first=""
gui_warm=""
for _ in 1 2 3; do
  start=$(now)
  "${gui_cmd[@]}" 2>gui2.log || { cat gui2.log; fail "GUI (started again)"; }
  t=$(since "$start")
  f=$(grep -o 'first window after [0-9.]*' gui2.log | awk '{ print $4 }')
  gui_warm=$(awk -v a="${gui_warm:-999}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
  first=$(awk -v a="${first:-999}" -v b="$f" 'BEGIN { print (b < a ? b : a) }')
done
echo "GUI start-up to first window (offscreen, best of 3 more starts): ${first} s; with the file open and quit: ${gui_warm} s"

if ls ./*.strace >/dev/null 2>&1; then
  if grep -hE 'socket\(AF_INET6?[,)]' ./*.strace; then
    fail "an internet socket was opened (see above)"
  fi
  echo "no internet socket opened (strace of the scan and the GUI: $(grep -hc 'socket(' ./*.strace \
    | awk '{ s += $1 } END { print s }') socket() calls, none AF_INET or AF_INET6)"
  # poppler is a system program: it must run with the system's libraries, so the bundle's
  # library folder (_internal, which the launcher puts on LD_LIBRARY_PATH) must not reach it
  if grep -h 'execve("[^"]*pdf\(toppm\|info\)"' ./*.strace \
    | grep -Eq 'LD_LIBRARY_PATH=([^"]*:)?[^":]*/_internal/?(:|")'; then
    fail "pdftoppm/pdfinfo were started with the bundle's folder on LD_LIBRARY_PATH"
  fi
  echo "poppler started $(grep -hc 'execve("[^"]*pdf\(toppm\|info\)"' ./*.strace | awk '{ s += $1 } END { print s }') times, with the system's libraries"
fi

cat >"$timings" <<EOF
bundle size: $size
needs glibc: >= $glibc
CLI start-up (huanjie --help, best of 3): $cli_time s
GUI first window (offscreen, best of 3 after the first start): $first s
GUI start, open demo/district.huanjie, quit (best of 3): $gui_warm s (first start: $gui_total s)
demo built in: $demo_time s
measured: $(date -I) on $(uname -sm), $(nproc) CPUs, by packaging/smoke_test.sh
EOF
echo "== timings (also in $timings)"
cat "$timings"
echo "smoke test passed"
