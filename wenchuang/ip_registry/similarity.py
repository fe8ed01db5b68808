"""Near-duplicate images: perceptual hashes of registered works, and who a picture copies.

Each registered image keeps several 64-bit pHashes (`WorkImageHash`): of the picture, of its
rotations and mirror images, and of a centre crop, so that a rotated, mirrored, cropped,
resized or recompressed copy lands close to one of them. A query hashes the picture once
and compares it with every stored hash by Hamming distance (numpy `bitwise_count` over an
in-memory array, exact; bench/bench_ip_registry.py measures it over a million hashes).

Other domains call `find_similar_images(data)`; the market checks each listing image.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

import imagehash
import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from wenchuang.core.files import IMAGE_TYPES, MAX_UPLOAD_BYTES, check_image, sniff

# At most this many of 64 bits differ between a picture and a likely copy of it; unrelated
# pictures differ in about 32 (bench/RESULTS.md has the distances measured on copies).
LIKELY_COPY = 12
# The variants hashed at registration: name -> transformation of the (oriented) picture.
VARIANTS = {
    "phash": lambda im: im,
    "phash:r90": lambda im: im.transpose(Image.Transpose.ROTATE_90),
    "phash:r180": lambda im: im.transpose(Image.Transpose.ROTATE_180),
    "phash:r270": lambda im: im.transpose(Image.Transpose.ROTATE_270),
    "phash:m": lambda im: ImageOps.mirror(im),
    "phash:m90": lambda im: ImageOps.mirror(im.transpose(Image.Transpose.ROTATE_90)),
    "phash:m180": lambda im: ImageOps.flip(im),
    "phash:m270": lambda im: ImageOps.mirror(im.transpose(Image.Transpose.ROTATE_270)),
    "phash:crop20": lambda im: _centre_crop(im, 0.2),
}


@dataclass(frozen=True)
class SimilarWork:
    work: object  # ip_registry.models.Work
    distance: int  # differing bits of 64 between the picture and the nearest stored hash
    hash_kind: str  # which variant of the registered picture it is nearest to


def _centre_crop(image: Image.Image, share: float) -> Image.Image:
    width, height = image.size
    dx, dy = int(width * share / 2), int(height * share / 2)
    return image.crop((dx, dy, width - dx, height - dy))


def open_image(data: bytes) -> Image.Image:
    """The decoded picture, or a ValidationError saying why these bytes are not one."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is too large to be compared."), code="too_large")
    upload = io.BytesIO(data)
    sniff(upload, IMAGE_TYPES)  # by content, whatever the name says
    check_image(upload)  # pixel count read from the header: no decompression bomb
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image = ImageOps.exif_transpose(image)
            image.load()
    except Exception:
        raise ValidationError(
            _("The image is damaged or not an image."), code="bad_image"
        ) from None
    if image.width < 8 or image.height < 8:
        raise ValidationError(_("The image is too small to be compared."), code="too_small")
    return image.convert("RGB")


def _phash(image: Image.Image) -> int:
    return int(str(imagehash.phash(image)), 16)


def image_hashes(image: Image.Image) -> dict[str, int]:
    """Every stored variant's hash of a picture (unsigned 64-bit integers)."""
    return {kind: _phash(make(image)) for kind, make in VARIANTS.items()}


def query_hash(image: Image.Image) -> int:
    return _phash(image)


def to_signed(value: int) -> int:
    """The unsigned 64-bit hash as the signed integer a BigIntegerField holds."""
    return value - (1 << 64) if value >= 1 << 63 else value


class HashIndex:
    """Every stored hash in memory, appended to as works are registered; exact Hamming search."""

    def __init__(self) -> None:
        self.values = np.zeros(0, dtype=np.uint64)
        self.work_ids = np.zeros(0, dtype=np.int64)
        self.kinds = np.zeros(0, dtype=np.int16)
        self.kind_names: list[str] = []
        self.last_id = 0
        self._lock = threading.Lock()

    def add(self, rows: list[tuple[int, int, int, str]]) -> None:
        """Append (id, work id, signed value, kind) rows."""
        if not rows:
            return
        codes = []
        for _id, _work, _value, kind in rows:
            if kind not in self.kind_names:
                self.kind_names.append(kind)
            codes.append(self.kind_names.index(kind))
        self.values = np.concatenate(
            [self.values, np.array([r[2] for r in rows], dtype=np.int64).view(np.uint64)]
        )
        self.work_ids = np.concatenate(
            [self.work_ids, np.array([r[1] for r in rows], dtype=np.int64)]
        )
        self.kinds = np.concatenate([self.kinds, np.array(codes, dtype=np.int16)])
        self.last_id = max(self.last_id, max(r[0] for r in rows))

    def refresh(self) -> None:
        """Read the hashes stored since the last look (works are only ever added)."""
        from .models import WorkImageHash

        with self._lock:
            newest = WorkImageHash.objects.order_by("-id").values_list("id", flat=True).first() or 0
            if newest < self.last_id:  # the table was emptied (a test, a reset): start again
                self.__init__()
            if newest == self.last_id:
                return
            rows = list(
                WorkImageHash.objects.filter(id__gt=self.last_id)
                .order_by("id")
                .values_list("id", "work_id", "value", "kind")
                .iterator(chunk_size=20_000)
            )
            self.add(rows)

    def nearest(self, query: int, *, max_distance: int, limit: int) -> list[tuple[int, int, str]]:
        """(work id, distance, kind) of the works within `max_distance`, nearest first."""
        if not len(self.values):
            return []
        distances = np.bitwise_count(self.values ^ np.uint64(query))
        hits = np.flatnonzero(distances <= max_distance)
        best: dict[int, tuple[int, str]] = {}
        for row in hits[np.argsort(distances[hits], kind="stable")]:
            work_id = int(self.work_ids[row])
            if work_id not in best:
                best[work_id] = (int(distances[row]), self.kind_names[self.kinds[row]])
        ranked = sorted(best.items(), key=lambda item: (item[1][0], item[0]))[:limit]
        return [(work_id, distance, kind) for work_id, (distance, kind) in ranked]


_INDEX = HashIndex()


def find_similar_images(
    data: bytes, *, limit: int = 10, exclude_work_id: int | None = None
) -> list[SimilarWork]:
    """Registered works whose picture this one likely copies, smallest distance first.

    Raises ValidationError (codes empty, too_large, bad_type, image_too_large, bad_image,
    too_small) when the bytes are not a picture that can be compared.
    """

    image = open_image(data)
    return similar_to_image(image, limit=limit, exclude_work_id=exclude_work_id)


def similar_to_image(
    image: Image.Image, *, limit: int = 10, exclude_work_id: int | None = None
) -> list[SimilarWork]:
    from .models import Work

    _INDEX.refresh()
    found = _INDEX.nearest(query_hash(image), max_distance=LIKELY_COPY, limit=limit + 1)
    found = [hit for hit in found if hit[0] != exclude_work_id][:limit]
    works = Work.objects.select_related("organisation").in_bulk([hit[0] for hit in found])
    return [
        SimilarWork(work=works[work_id], distance=distance, hash_kind=kind)
        for work_id, distance, kind in found
        if work_id in works
    ]
