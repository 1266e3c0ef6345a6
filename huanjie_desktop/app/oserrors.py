"""An operating system's refusal (a folder missing, no right to write, a full disk) in words a
counter reads: the system's own text is English whatever the interface speaks."""

from __future__ import annotations

import errno

from huanjie_desktop.storage.db import disk_full

_ZH = {
    errno.ENOENT: "文件夹或文件不存在",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "这是只读的位置（如写保护的U盘、光盘）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "已有同名文件",
}


def why_zh(exc: OSError | BaseException) -> str:
    """Why the system refused, in Chinese (the system's text when the case is not known)."""
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code in _ZH:
        return _ZH[code]
    if disk_full(exc):  # SQLite's "database or disk is full" (no errno)
        return _ZH[errno.ENOSPC]
    if _read_only(exc):
        return "文件是只读的（U 盘写保护、只读文件或只读文件夹）"
    return str(getattr(exc, "strerror", None) or exc)


def why_en(exc: OSError | BaseException) -> str:
    if disk_full(exc) and not isinstance(exc, OSError):  # SQLite's "database or disk is full"
        return "the disk is full"
    if _read_only(exc):
        return "the file is read-only (a write-protected stick, a read-only file or folder)"
    return str(getattr(exc, "strerror", None) or exc)


def _read_only(exc: BaseException) -> bool:
    """SQLite's "attempt to write a readonly database": the file cannot be written."""
    return "readonly database" in str(exc).lower()
