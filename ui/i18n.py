"""Choosing and installing the UI language (English source strings, zh_CN translation).

The .qm files are built from the .ts sources by scripts/setup.sh; if one is missing or older
than its source (a developer edited the .ts), it is rebuilt into the user cache at start.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import TRANSLATIONS

log = logging.getLogger(__name__)
SUPPORTED = ("en", "zh_CN")


def resolve_language(preference: str, system: QLocale | None = None) -> str:
    """'en' or 'zh_CN': the override if set, else the system locale (Chinese → zh_CN)."""
    if preference in SUPPORTED:
        return preference
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def qm_file(language: str) -> Path | None:
    source = TRANSLATIONS / f"posdesk_{language}.ts"
    if not source.exists():
        return None
    shipped = source.with_suffix(".qm")
    if shipped.exists() and shipped.stat().st_mtime >= source.stat().st_mtime:
        return shipped
    built = platformdirs.user_cache_path("posdesk") / shipped.name
    if not built.exists() or built.stat().st_mtime < source.stat().st_mtime:
        built.parent.mkdir(parents=True, exist_ok=True)
        lrelease = Path(PySide6.__file__).parent / "lrelease"
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(built)], check=True)
    return built


class Translations:
    """Holds the installed translators so a language switch can replace them."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = "en"
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        self.language = language
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if language == "zh_CN" else QLocale(QLocale.Language.English,
                                                               QLocale.Country.UnitedStates))
        if language == "en":
            return
        ours = QTranslator(self.app)
        path = qm_file(language)
        if path is None or not ours.load(str(path)):
            log.warning("no translation loaded for %s", language)
            return
        self._add(ours)
        qt_base = QTranslator(self.app)
        if qt_base.load(f"qtbase_{language}",
                        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._add(qt_base)

    def _add(self, translator: QTranslator) -> None:
        self.app.installTranslator(translator)
        self._installed.append(translator)
