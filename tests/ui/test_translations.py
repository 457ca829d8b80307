"""Every string the UI ships has a Chinese translation, and the translation loads."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
from pytestqt.qtbot import QtBot

from app.profile import open_profile
from resources import TRANSLATIONS
from ui.i18n import Translations, qm_file, resolve_language
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = TRANSLATIONS / "posdesk_zh_CN.ts"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.find("translation")
    return found


def test_every_ui_string_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True)
    wanted = _messages(fresh)
    shipped = _messages(SHIPPED)
    assert len(wanted) > 50
    missing = [src for key, src in ((k, k[1]) for k in wanted)
               if key not in shipped or not (shipped[key].text or "").strip()
               or shipped[key].get("type") in ("unfinished", "vanished", "obsolete")]
    assert missing == [], f"untranslated: {missing[:10]}"


def test_language_follows_preference_then_system() -> None:
    from PySide6.QtCore import QLocale

    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert resolve_language("system", chinese) == "zh_CN"
    assert resolve_language("system", english) == "en"
    assert resolve_language("en", chinese) == "en"
    assert resolve_language("zh_CN", english) == "zh_CN"


def test_window_appears_in_chinese(qtbot: QtBot, qapp, tmp_path: Path) -> None:
    assert qm_file("zh_CN") is not None
    translations = Translations(qapp)
    translations.install("zh_CN")
    profile = open_profile(tmp_path / "p")
    try:
        win = MainWindow(profile, "zh_CN")
        qtbot.addWidget(win)
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert titles == ["终端", "交易记录", "限额", "验证", "操作日志", "设置"]
    finally:
        profile.close()
        translations.install("en")


def test_backup_refusals_are_told_in_chinese(qapp, tmp_path: Path) -> None:
    """A restore refused for a file that is not a backup, raised by the real check, reads in
    Chinese and names the file."""
    import pytest

    from app.backup import BackupError, read_manifest
    from ui.error_messages import error_text

    fake = tmp_path / "照片.posdesk-backup"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(BackupError) as refused:
        read_manifest(fake)
    assert error_text(refused.value) == refused.value.message         # English by default
    translations = Translations(qapp)
    translations.install("zh_CN")
    try:
        text = error_text(refused.value)
    finally:
        translations.install("en")
    assert "照片.posdesk-backup" in text and "不是" in text
