"""Provisioning codes as QR codes: the module matrix (for Qt to draw on screen and on the
PDF sheet), PNG, SVG and a QR for a text terminal.

The text is put in the QR's alphanumeric mode (the code is upper-case base32 with a
prefix, see devices/provisioning_code.py), error correction M (15 %: a screen's glare, a
crease in the paper), with the 4-module quiet zone readers need.

A PNG also carries the code text in a text chunk, so the simulator, which has no camera,
can "scan" a saved picture (`posdesk simulate --scan code.png`).
"""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
import qrcode.image.svg
from PIL import Image, PngImagePlugin
from qrcode.util import MODE_ALPHA_NUM, QRData

from app.errors import PosDeskError
from devices.provisioning_code import PREFIX

QUIET_ZONE = 4
PNG_BOX = 10                        # pixels per module: about 900 px for a typical code
PNG_TEXT_KEY = "posdesk-provisioning"
IMAGE_SUFFIXES = (".png", ".svg", ".txt")


class CodeFileError(PosDeskError):
    code = "code_file"


def qr_for(text: str, box_size: int = 1) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=box_size, border=QUIET_ZONE)
    mode = MODE_ALPHA_NUM if _alphanumeric(text) else None
    code.add_data(QRData(text.encode("utf-8"), mode=mode))
    code.make(fit=True)
    return code


def _alphanumeric(text: str) -> bool:
    return all(c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:" for c in text)


def matrix(text: str) -> list[list[bool]]:
    """The modules, True = dark, quiet zone included (ui/qr_code_view.QrCodeView)."""
    return [[bool(cell) for cell in row] for row in qr_for(text).get_matrix()]


def png_bytes(text: str, box_size: int = PNG_BOX) -> bytes:
    image = qr_for(text, box_size).make_image(fill_color="black", back_color="white")
    info = PngImagePlugin.PngInfo()
    info.add_text(PNG_TEXT_KEY, text)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def svg_bytes(text: str) -> bytes:
    """One path of whole modules (scales to any size without blurring)."""
    image = qr_for(text, box_size=10).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def terminal_art(text: str) -> str:
    """The QR in block characters for a text terminal (light modules drawn, for the usual
    light-on-dark terminal; phones read it from the screen)."""
    buffer = io.StringIO()
    qr_for(text).print_ascii(out=buffer, invert=True)
    return buffer.getvalue()


def write_image(path: Path, text: str) -> None:
    """Save one code as .png, .svg or .txt (the code text itself)."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise CodeFileError(f"{path.name}: a code is saved as {', '.join(IMAGE_SUFFIXES)} "
                            "(or a sheet as .pdf).", path=str(path))
    data = {".png": png_bytes, ".svg": svg_bytes,
            ".txt": lambda t: (t + "\n").encode("ascii")}[suffix](text)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise CodeFileError(f"Cannot write {path}: {exc.strerror}", path=str(path)) from None


def text_from(source: str) -> str:
    """What the simulator's camera sees: the text itself, a .txt file holding it, or a PNG
    saved by PosDesk (its text chunk)."""
    path = Path(source)
    if source.strip().upper().startswith(PREFIX) or not path.is_file():
        return source.strip()
    if path.suffix.lower() == ".png":
        try:
            with Image.open(path) as image:
                found = image.text.get(PNG_TEXT_KEY)  # type: ignore[attr-defined]
        except OSError as exc:
            raise CodeFileError(f"Cannot read {path}: {exc}", path=str(path)) from None
        if not found:
            raise CodeFileError(f"{path.name} is not a code picture saved by PosDesk.",
                                path=str(path))
        return str(found)
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CodeFileError(f"Cannot read {path}: {exc}", path=str(path)) from None
