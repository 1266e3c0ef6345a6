"""The interface language: Chinese source strings, English through Qt Linguist, pseudo-locale.

Source strings in the code are Chinese (``self.tr("选举概况")``). English comes from
``resources/i18n/huanjie_en.qm`` (built from ``huanjie_en.ts`` by ``make translations``).
``--lang pseudo`` stretches every string, the way Vorta tests its layouts: a screen that still
reads well in pseudo has room for longer translations. Election content (names, titles) is
data and is never translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from huanjie_desktop.paths import resources_dir

LANGS = ("zh", "en", "pseudo")


def qm_path(lang: str = "en") -> str:
    return str(resources_dir() / "i18n" / f"huanjie_{lang}.qm")


class PseudoTranslator(QTranslator):
    """Returns every string stretched by about 40% and bracketed: ⟦选举概况ˍˍ⟧."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        if not source_text:
            return source_text
        pad = "ˍ" * max(1, (len(source_text) * 2 + 4) // 5)
        return f"⟦{source_text}{pad}⟧"

    def isEmpty(self) -> bool:
        return False


def interface_lang() -> str:
    """ "en" or "zh": the language the installed translators speak, for code that has no
    ``AppContext`` to ask, or runs on the worker (the pictures of stored sheets, whose notes
    come from the reading code's zh/en pairs). Found as Qt finds its layout direction
    (``QT_LAYOUT_DIRECTION``): a string whose translation is the language's code."""
    # (the translation of this string is the code of the language translated into: "en")
    code = QCoreApplication.translate("Language", "zh")
    return "en" if code == "en" else "zh"


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Install the translators for ``lang``; keep the returned list alive with the app."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        ours = QTranslator(app)
        if ours.load(qm_path("en")):
            app.installTranslator(ours)
            installed.append(ours)
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt = QTranslator(app)  # Qt's own dialogs and buttons (打开, 取消, 是, 否) in Chinese
    if qt.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if lang == "pseudo":
        pseudo = PseudoTranslator(app)
        app.installTranslator(pseudo)
        installed.append(pseudo)
    return installed
