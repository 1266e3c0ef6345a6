"""Shared test setup: headless Qt, a fresh operator name, small election definitions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUANJIE_OPERATOR", "测试员")
