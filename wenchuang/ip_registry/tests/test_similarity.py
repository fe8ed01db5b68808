"""find_similar_images: edited copies of a registered picture are found, others are not, and
bad files get a clear refusal."""

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from wenchuang.ip_registry import artwork
from wenchuang.ip_registry.similarity import LIKELY_COPY, find_similar_images

from .factories import WorkFactory

pytestmark = pytest.mark.django_db

COPIES = {
    **artwork.TRANSFORMS,
    "rotate 90° then JPEG 50": lambda im: artwork.recompressed(artwork.rotated(im)),
    "mirror then half size": lambda im: artwork.halved(artwork.mirrored(im)),
    "crop from one side": lambda im: im.crop((im.width // 5, 0, im.width, im.height)),
}


@pytest.fixture
def registered(cast):
    return [WorkFactory(seed=seed, owner=cast["rep"]) for seed in (41, 42, 43)]


@pytest.mark.parametrize("name", list(COPIES))
def test_an_edited_copy_finds_its_original_first(registered, name):
    copy = COPIES[name](artwork.picture(42))
    found = find_similar_images(artwork.encode(copy.convert("RGB"), "PNG"))
    assert found, name
    assert found[0].work == registered[1]
    assert found[0].distance <= LIKELY_COPY
    assert registered[0] not in [s.work for s in found]


def test_an_unrelated_picture_finds_nothing(registered):
    assert find_similar_images(artwork.picture_bytes(999)) == []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"hello, this is a text file", "bad_type"),
        (artwork.picture_bytes(1)[:300], "bad_image"),
        (artwork.encode(Image.new("RGB", (4, 4))), "too_small"),
        (artwork.encode(Image.new("1", (9000, 9000))), "image_too_large"),
    ],
)
def test_bad_files_are_refused_with_a_reason(registered, data, code):
    with pytest.raises(ValidationError) as refusal:
        find_similar_images(data)
    assert refusal.value.code == code


def test_the_index_forgets_hashes_that_were_rolled_back(cast):
    from django.db import transaction

    class Undo(Exception):
        pass

    rep = cast["rep"]
    with pytest.raises(Undo), transaction.atomic():
        WorkFactory(seed=51, owner=rep)
        assert find_similar_images(artwork.picture_bytes(51))  # read into the index
        raise Undo  # rolled back: the ids will be given out again
    WorkFactory(seed=52, owner=rep)
    assert find_similar_images(artwork.picture_bytes(51)) == []
