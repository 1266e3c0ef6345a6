#!/usr/bin/env bash
# Install an unpacked huanjie bundle for the current user (no root, no network):
# adds a menu entry with the icon and a `huanjie` command in ~/.local/bin.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-$HOME/.local}
mkdir -p "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/256x256/apps"
ln -sf "$here/huanjie-desktop" "$prefix/bin/huanjie-desktop"
ln -sf "$here/huanjie" "$prefix/bin/huanjie"
cp "$here/_internal/resources/icons/huanjie.png" "$prefix/share/icons/hicolor/256x256/apps/huanjie.png"
sed "s|^Exec=.*|Exec=$here/huanjie-desktop %f|" "$here/huanjie-desktop.desktop" \
  > "$prefix/share/applications/huanjie-desktop.desktop"
echo "已安装 / installed: $prefix/bin/huanjie-desktop"
