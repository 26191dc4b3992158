# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds build/icons/coopguide.ico (Windows exe and installer) and coopguide.icns (macOS .app)
from resources/icons/coopguide-{32,64,256}.png, with Pillow (run by packaging/build.py in the build venv).

The hand-drawn 32 and 64 px images are used as they are; the other sizes are scaled from 256 px.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {size: ROOT / "resources" / "icons" / f"coopguide-{size}.png" for size in (32, 64, 256)}


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    images = {size: Image.open(path).convert("RGBA") for size, path in SOURCES.items()}
    big = images[256]
    for size in (16, 24, 48, 128):
        images[size] = big.resize((size, size), Image.Resampling.LANCZOS)
    ico_sizes = sorted(images)
    big.save(
        out / "coopguide.ico",
        format="ICO",
        sizes=[(s, s) for s in ico_sizes],
        append_images=[images[s] for s in ico_sizes if s != 256],
    )
    # ICNS: Pillow writes every standard size up to the image's own, each scaled from it
    big.save(out / "coopguide.icns", format="ICNS", append_images=[images[s] for s in (16, 32, 64, 128) if s in images])
    for name in ("coopguide.ico", "coopguide.icns"):
        check = Image.open(out / name)
        print(f"{out / name}: {sorted(check.info.get('sizes', {check.size}))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"))
