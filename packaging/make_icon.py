"""Draw the application icon (resources/icons/): a rounded navy square with "EFH" in DejaVu Sans Bold.

Committed as PNG, ICO (Windows executable and MSI) and ICNS (macOS .app); run again only to change
it: python packaging/make_icon.py. Pillow comes with ReportLab, so nothing extra is installed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
NAVY, WHITE, TEAL = (27, 54, 93, 255), (255, 255, 255, 255), (64, 170, 160, 255)


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    inset = size // 16
    pen.rounded_rectangle((inset, inset, size - inset, size - inset), radius=size // 5, fill=NAVY)
    # A band under the letters: the minutes' rule, and something to tell the icon apart at 16 px.
    pen.rectangle((size // 4, int(size * 0.68), size * 3 // 4, int(size * 0.72)), fill=TEAL)
    font = ImageFont.truetype(str(FONT), size // 4)
    pen.text((size // 2, int(size * 0.47)), "EFH", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.LANCZOS).save(OUT / "efh-desktop.png")
    image.save(OUT / "efh-desktop.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128),
                                                (256, 256)])
    image.save(OUT / "efh-desktop.icns")
    print("\n".join(str(p.relative_to(ROOT)) for p in sorted(OUT.iterdir())))


if __name__ == "__main__":
    main()
