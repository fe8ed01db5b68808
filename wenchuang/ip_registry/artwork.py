"""Deterministic generated pictures (Pillow) for the demo works, the tests and the benchmark."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageOps


def picture(seed: int, size: tuple[int, int] = (480, 360)) -> Image.Image:
    """A picture of coloured shapes over a gradient; the same seed gives the same picture."""
    rng = random.Random(seed)
    width, height = size
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(rng.randint(6, 12)):
        colour = tuple(rng.randrange(256) for _ in range(3))
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1 = min(width, x0 + rng.randint(width // 8, width // 2))
        y1 = min(height, y0 + rng.randint(height // 8, height // 2))
        shape = rng.choice(("ellipse", "rectangle", "polygon"))
        if shape == "ellipse":
            draw.ellipse([x0, y0, x1, y1], fill=colour)
        elif shape == "rectangle":
            draw.rectangle([x0, y0, x1, y1], fill=colour)
        else:
            points = [
                (rng.randrange(width), rng.randrange(height)) for _ in range(rng.randint(3, 6))
            ]
            draw.polygon(points, fill=colour)
    return image


def encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def picture_bytes(seed: int, fmt: str = "PNG") -> bytes:
    return encode(picture(seed), fmt)


# The copies a benchmark and the tests try to find again: what an infringer does to a picture.
def rotated(image: Image.Image) -> Image.Image:
    return image.transpose(Image.Transpose.ROTATE_90)


def mirrored(image: Image.Image) -> Image.Image:
    return ImageOps.mirror(image)


def cropped(image: Image.Image, share: float = 0.2) -> Image.Image:
    """The picture with `share` of its width and height cut away, half on each side."""
    width, height = image.size
    dx, dy = int(width * share / 2), int(height * share / 2)
    return image.crop((dx, dy, width - dx, height - dy))


def recompressed(image: Image.Image, quality: int = 50) -> Image.Image:
    return Image.open(io.BytesIO(encode(image, "JPEG", quality=quality)))


def halved(image: Image.Image) -> Image.Image:
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)


TRANSFORMS = {
    "rotate 90°": rotated,
    "mirror": mirrored,
    "20 % crop": cropped,
    "JPEG 50": recompressed,
    "half size": halved,
}
