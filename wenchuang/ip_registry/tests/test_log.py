"""The registration log: signed heads, certificates that verify offline, tampering caught."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wenchuang.ip_registry import certificate, log, signing
from wenchuang.ip_registry.models import LogEntry, TreeHead

from .factories import WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_works(reference_data):
    return [WorkFactory(seed=seed) for seed in (1, 2, 3)]


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_each_registration_gets_the_next_index_and_a_signed_tree_head(three_works):
    assert [w.log_entry.index for w in three_works] == [0, 1, 2]
    head = log.latest_head()
    assert head.size == 3
    assert signing.verify_tree_head(
        signing.public_key_bytes(),
        head.size,
        head.timestamp,
        bytes.fromhex(head.root_hash),
        head.signature,
    )


def test_the_log_verifies_from_the_command_line(three_works):
    assert "the log verifies: 3 entries" in run("verify_log")


def test_an_altered_entry_is_named_by_verify_log(three_works):
    entry = LogEntry.objects.get(index=1)
    LogEntry.objects.filter(pk=entry.pk).update(
        leaf=bytes(entry.leaf).replace(b"Li Hua", b"Mallory")
    )
    with pytest.raises(CommandError, match="first bad entry: 1"):
        run("verify_log")


def test_an_entry_rewritten_with_its_hash_is_caught_by_the_signed_heads(three_works):
    forged = bytes(LogEntry.objects.get(index=1).leaf).replace(b"Li Hua", b"Mallory")
    from wenchuang.ip_registry import merkle

    LogEntry.objects.filter(index=1).update(leaf=forged, leaf_hash=merkle.leaf_hash(forged).hex())
    # The database row of the work was left alone, so the entry no longer matches it either;
    # even comparing hashes alone, the signed tree head of size 2 names entry 1.
    assert log.check()[0].index == 1
    with pytest.raises(CommandError, match="first bad entry: 1"):
        run("verify_log")


def write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_certificate_verifies_offline_against_the_same_and_a_later_tree_head(
    three_works, tmp_path, django_db_blocker
):
    cert = write(tmp_path / "cert.json", certificate.certificate_data(three_works[0]))
    same = write(tmp_path / "sth.json", certificate.published_head())
    WorkFactory(seed=4)
    later = write(tmp_path / "later.json", certificate.published_head(since=3))
    no_proof = write(tmp_path / "bare.json", certificate.published_head())
    with django_db_blocker.block():  # the command must not touch the database
        assert "the registration is in the log" in run("verify_work", cert, "--tree-head", same)
        output = run("verify_work", cert, "--tree-head", later)
        assert "the log of size 4 extends the certificate's tree of size 3" in output
        with pytest.raises(CommandError, match="does NOT verify"):
            run("verify_work", cert, "--tree-head", no_proof)


def test_a_certificate_whose_registration_was_edited_fails(three_works, tmp_path):
    data = certificate.certificate_data(three_works[1])
    data["registration"]["authors"] = ["Mallory"]
    cert = write(tmp_path / "cert.json", data)
    head = write(tmp_path / "sth.json", certificate.published_head())
    with pytest.raises(CommandError, match="does NOT verify"):
        run("verify_work", cert, "--tree-head", head)


def test_a_tree_head_signed_by_another_key_fails(three_works, tmp_path):
    cert = write(tmp_path / "cert.json", certificate.certificate_data(three_works[0]))
    head = certificate.published_head()
    head["root_hash"] = "00" * 32
    forged = write(tmp_path / "sth.json", head)
    with pytest.raises(CommandError, match="does NOT verify"):
        run("verify_work", cert, "--tree-head", forged)


def test_the_file_can_be_checked_against_the_registered_hash(three_works, tmp_path):
    from wenchuang.ip_registry import artwork

    cert = write(tmp_path / "cert.json", certificate.certificate_data(three_works[0]))
    head = write(tmp_path / "sth.json", certificate.published_head())
    (tmp_path / "work.png").write_bytes(artwork.picture_bytes(1))
    (tmp_path / "other.png").write_bytes(artwork.picture_bytes(2))
    assert "SHA-256 of the file" in run(
        "verify_work", cert, "--tree-head", head, "--file", str(tmp_path / "work.png")
    )
    with pytest.raises(CommandError):
        run("verify_work", cert, "--tree-head", head, "--file", str(tmp_path / "other.png"))


def test_tree_heads_are_kept_for_every_size(three_works):
    assert list(TreeHead.objects.order_by("size").values_list("size", flat=True)) == [1, 2, 3]
