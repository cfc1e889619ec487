"""Render the icon's SVG source into the PNGs, the Windows .ico and the macOS .icns.

    python scripts/render_icons.py          # rewrite resources/icons/*.png, packaging/*.ico|icns
    python scripts/render_icons.py --check  # exit 1 when a committed file is out of date

Qt renders the SVG (QtSvg ships with PySide6-Essentials), so no other tool is needed; the
.ico and .icns containers are small enough to write here (both hold the PNGs as they are).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "smtp-gui.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO = ROOT / "packaging" / "smtp-gui.ico"
ICNS = ROOT / "packaging" / "smtp-gui.icns"
# Windows shows 16-48 in lists and 256 in large views; 256 is stored as width 0.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-holding icon types (Icon Services, macOS 10.7+): type -> pixel size.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic11", 32),  # 16 at 2x
    (b"ic12", 64),  # 32 at 2x
    (b"ic13", 256),  # 128 at 2x
    (b"ic14", 512),  # 256 at 2x
)


def png_path(size: int) -> Path:
    return ROOT / "resources" / "icons" / f"smtp-gui-{size}.png"


def render_png(size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` x ``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose images are PNGs (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, images = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns', total length, then (type, length, PNG) per entry, big-endian."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def expected_files() -> dict[Path, bytes]:
    pngs = {size: render_png(size) for size in PNG_SIZES}
    files = {png_path(size): data for size, data in pngs.items()}
    files[ICO] = ico_bytes(pngs)
    files[ICNS] = icns_bytes(pngs)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - kept alive
    stale = []
    for path, data in expected_files().items():
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.relative_to(ROOT).as_posix())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    if stale:
        print("out of date (run scripts/render_icons.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
