#!/usr/bin/env bash
# Install an unpacked huanjie bundle for the current user (no root, no network):
# a menu entry with the icon, the .huanjie file type (double-click opens the app), and the
# `huanjie` / `huanjie-desktop` commands in ~/.local/bin. Then it runs `huanjie selfcheck`.
#
#   bash install-linux.sh [PREFIX]        install (PREFIX defaults to ~/.local)
#   bash install-linux.sh --uninstall [PREFIX]
#
# The app needs poppler-utils (pdftoppm, pdfinfo) from the system: ballot previews, direct
# printing, PDF scans. This script says so when it is missing; installing it needs an
# administrator: sudo apt install poppler-utils (Debian, Ubuntu, UOS, Deepin, Kylin) or
# sudo yum install poppler-utils (openEuler, Anolis, CentOS, Kylin Server).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
uninstall=0
if [ "${1:-}" = "--uninstall" ]; then
  uninstall=1
  shift
fi
prefix=${1:-$HOME/.local}
apps="$prefix/share/applications"
mime="$prefix/share/mime"

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "$uninstall" = 1 ]; then
  rm -f "$prefix/bin/huanjie" "$prefix/bin/huanjie-desktop" "$apps/huanjie-desktop.desktop" \
    "$mime/packages/huanjie-mime.xml" \
    "$prefix/share/icons/hicolor/256x256/apps/huanjie.png" \
    "$prefix/share/icons/hicolor/64x64/apps/huanjie.png"
  refresh
  echo "已卸载菜单项和命令；程序文件夹 $here 与选举文件未动。"
  echo "Menu entry and commands removed; the program folder $here and election files are untouched."
  exit 0
fi

mkdir -p "$prefix/bin" "$apps" "$mime/packages" \
  "$prefix/share/icons/hicolor/256x256/apps" "$prefix/share/icons/hicolor/64x64/apps"
ln -sf "$here/huanjie-desktop" "$prefix/bin/huanjie-desktop"
ln -sf "$here/huanjie" "$prefix/bin/huanjie"
cp "$here/_internal/resources/icons/huanjie.png" "$prefix/share/icons/hicolor/256x256/apps/huanjie.png"
cp "$here/_internal/resources/icons/huanjie-64.png" "$prefix/share/icons/hicolor/64x64/apps/huanjie.png"
cp "$here/huanjie-mime.xml" "$mime/packages/huanjie-mime.xml"
sed "s|^Exec=.*|Exec=\"$here/huanjie-desktop\" %f|" "$here/huanjie-desktop.desktop" \
  > "$apps/huanjie-desktop.desktop"
refresh
echo "已安装 / installed: $prefix/bin/huanjie-desktop（菜单：办公 → 换届计票 / menu: Office → huanjie）"

missing=()
for tool in pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo
  echo "注意：缺少 ${missing[*]}（poppler-utils 软件包）。没有它不能预览选票、直接打印或读取 PDF 扫描件。"
  echo "      请管理员安装：sudo apt install poppler-utils  或  sudo yum install poppler-utils"
  echo "Note: ${missing[*]} (the poppler-utils package) is missing: no ballot preview, direct"
  echo "      printing or PDF scans without it. An administrator installs it with"
  echo "      sudo apt install poppler-utils   or   sudo yum install poppler-utils"
fi
echo
"$here/huanjie" selfcheck || {
  echo "自检未全部通过：见上面的“怎么办”。/ The self-check found problems: see 'what to do' above."
  exit 1
}
