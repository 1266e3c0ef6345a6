"""What the installed program relies on: the self-check, finding poppler (bundled on Windows,
the system's on Linux), system programs started with the system's libraries, the desktop
app's unattended start used by the bundle's smoke test, and Chinese input under fcitx."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from huanjie_desktop import paths
from huanjie_desktop.app import selfcheck
from huanjie_desktop.app.election import create_from_definition
from huanjie_desktop.cli.main import main as cli_main
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.gui.main import input_method_fallback, seconds_since_start
from tests.defs import small_definition

ROOT = Path(__file__).resolve().parent.parent


def test_selfcheck_passes_here(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["selfcheck", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    keys = {c["key"] for c in report["checks"]}
    assert {"font", "strokes", "pdftoppm", "pdfinfo", "render", "zxing", "zbar"} <= keys


def test_selfcheck_without_poppler_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selfcheck, "find_tool", lambda name: None)
    report = selfcheck.run_checks()
    assert not report.ok
    failed = {c.key: c for c in report.checks if not c.ok}
    assert set(failed) == {"pdftoppm", "pdfinfo"}
    assert "poppler-utils" in failed["pdftoppm"].fix_zh
    # the QR readers are still checked, on a code drawn without poppler
    assert all(c.ok for c in report.checks if c.key in ("zxing", "zbar"))
    assert cli_main(["selfcheck"]) == 1
    out = capsys.readouterr()
    assert "✗ pdftoppm" in out.out
    assert "怎么办：" in out.out
    assert "不能正常使用" in out.err


def test_poppler_message_fits_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    zh, en = paths.poppler_missing("pdftoppm")
    assert "_internal\\poppler\\bin" in zh
    assert "reinstall" in en
    monkeypatch.setattr(sys, "platform", "linux")
    zh, en = paths.poppler_missing("pdfinfo")
    assert "sudo apt install poppler-utils" in zh
    assert "pdfinfo" in en


def test_a_bundle_finds_its_own_poppler_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "poppler" / "bin"
    tools.mkdir(parents=True)
    exe = tools / "pdftoppm"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setenv("PATH", "/usr/bin")
    assert paths.bundled_tools_dir() == tools
    assert paths.find_tool("pdftoppm") == str(exe)
    assert paths.resources_dir() == tmp_path / "resources"
    paths.add_bundled_tools_to_path()
    paths.add_bundled_tools_to_path()  # once only
    assert os.environ["PATH"] == os.pathsep.join([str(tools), "/usr/bin"])


def test_outside_a_bundle_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.bundle_dir() is None
    assert paths.bundled_tools_dir() is None
    env = {"LD_LIBRARY_PATH": "/somewhere"}
    paths.restore_system_library_path(env)
    assert env == {"LD_LIBRARY_PATH": "/somewhere"}
    assert paths.resources_dir() == ROOT / "resources"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundles only")
def test_system_programs_get_the_system_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    env = {"LD_LIBRARY_PATH": f"{tmp_path}:/opt/lib", "LD_LIBRARY_PATH_ORIG": "/opt/lib"}
    paths.restore_system_library_path(env)
    assert env == {"LD_LIBRARY_PATH": "/opt/lib"}
    env = {"LD_LIBRARY_PATH": str(tmp_path)}
    paths.restore_system_library_path(env)
    assert env == {}


def test_fcitx_users_get_the_ibus_plugin(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "platforminputcontexts").mkdir(parents=True)
    (plugins / "platforminputcontexts" / "libibusplatforminputcontextplugin.so").touch()
    env = {"QT_IM_MODULE": "fcitx"}
    assert input_method_fallback(plugins, env) == "ibus"
    assert env["QT_IM_MODULE"] == "ibus"
    for kept in ({"QT_IM_MODULE": "ibus"}, {}, {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "x"}):
        before = dict(kept)
        assert input_method_fallback(plugins, kept) is None
        assert kept == before
    (plugins / "platforminputcontexts" / "libfcitx5platforminputcontextplugin.so").touch()
    env = {"QT_IM_MODULE": "fcitx5"}
    assert input_method_fallback(plugins, env) is None
    assert env["QT_IM_MODULE"] == "fcitx5"


def test_seconds_since_start_is_plausible() -> None:
    assert 0.0 <= seconds_since_start() < 24 * 3600


def _desktop(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["HUANJIE_OPERATOR"] = "测试员"
    return subprocess.run(
        [sys.executable, "-m", "huanjie_desktop.gui.main", "--quit-after-start", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def test_quit_after_start_opens_the_window_and_the_file(tmp_path: Path) -> None:
    v = validate_definition(small_definition())
    assert v.definition is not None
    path = tmp_path / "small.huanjie"
    create_from_definition(path, v.definition, "测试员", v.warnings, "small.json")
    done = _desktop(str(path), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "first window after" in done.stderr
    assert "small.huanjie open after" in done.stderr
    missing = _desktop(str(tmp_path / "nowhere.huanjie"), tmp_path=tmp_path)
    assert missing.returncode == 1
    assert "找不到选举文件" in missing.stderr


def test_a_windowed_build_logs_to_a_file_that_does_not_grow_forever(tmp_path: Path) -> None:
    with paths.open_log("desk.log", tmp_path, keep_bytes=10) as log:
        print("first window after 1.00 s", file=log)
    assert (tmp_path / "desk.log").read_text(encoding="utf-8") == "first window after 1.00 s\n"
    with paths.open_log("desk.log", tmp_path, keep_bytes=10) as log:
        print("again", file=log)
    assert (tmp_path / "desk.log.1").read_text(encoding="utf-8").startswith("first window")
    assert (tmp_path / "desk.log").read_text(encoding="utf-8") == "again\n"


def test_log_folder_per_system(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert paths.log_dir() == tmp_path / "huanjie"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.log_dir() == tmp_path / "state" / "huanjie"
