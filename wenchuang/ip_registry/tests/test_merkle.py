"""The log's Merkle tree agrees with RFC 6962's published vectors, and proofs catch tampering."""

import hashlib

import pytest

from wenchuang.ip_registry import merkle

# RFC 6962 test data (certificate-transparency / transparency-dev testonly): leaves, roots.
LEAVES = [
    bytes.fromhex(h)
    for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
              "606162636465666768696a6b6c6d6e6f"]
]  # fmt: skip
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
CONSISTENCY = {
    (2, 8): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}
HASHES = [merkle.leaf_hash(leaf) for leaf in LEAVES]


def test_roots_are_rfc_6962s_for_every_size():
    assert [merkle.root(HASHES[:n]).hex() for n in range(9)] == ROOTS


def test_leaf_and_node_hashes_carry_distinct_prefixes():
    assert merkle.leaf_hash(b"") == hashlib.sha256(b"\x00").digest()
    a, b = HASHES[:2]
    assert merkle.node_hash(a, b) == hashlib.sha256(b"\x01" + a + b).digest()


@pytest.mark.parametrize(("index", "size"), list(INCLUSION))
def test_inclusion_proofs_are_the_published_ones(index, size):
    proof = merkle.inclusion_proof(index, HASHES[:size])
    assert [p.hex() for p in proof] == INCLUSION[index, size]
    root = bytes.fromhex(ROOTS[size])
    assert merkle.verify_inclusion(HASHES[index], index, size, proof, root)


@pytest.mark.parametrize(("first", "second"), list(CONSISTENCY))
def test_consistency_proofs_are_the_published_ones(first, second):
    proof = merkle.consistency_proof(first, HASHES[:second])
    assert [p.hex() for p in proof] == CONSISTENCY[first, second]
    old, new = bytes.fromhex(ROOTS[first]), bytes.fromhex(ROOTS[second])
    assert merkle.verify_consistency(first, second, proof, old, new)


MANY = [merkle.leaf_hash(i.to_bytes(2, "big")) for i in range(40)]


def test_every_inclusion_proof_verifies_and_a_tampered_one_does_not():
    for size in range(1, len(MANY) + 1):
        root = merkle.root(MANY[:size])
        for index in range(size):
            proof = merkle.inclusion_proof(index, MANY[:size])
            assert merkle.verify_inclusion(MANY[index], index, size, proof, root)
            other = MANY[(index + 1) % size]
            if size > 1:
                assert not merkle.verify_inclusion(other, index, size, proof, root)
                bent = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
                assert not merkle.verify_inclusion(MANY[index], index, size, bent, root)
                assert not merkle.verify_inclusion(MANY[index], index, size, proof[:-1], root)


def test_every_consistency_proof_verifies_and_a_forked_log_does_not():
    for second in range(1, len(MANY) + 1):
        new = merkle.root(MANY[:second])
        for first in range(1, second + 1):
            proof = merkle.consistency_proof(first, MANY[:second])
            old = merkle.root(MANY[:first])
            assert merkle.verify_consistency(first, second, proof, old, new)
            # A log that rewrote its first entry cannot prove it extends the old head.
            forked = merkle.root([merkle.leaf_hash(b"forged"), *MANY[1:first]])
            assert not merkle.verify_consistency(first, second, proof, forked, new)


def test_the_frontier_gives_the_same_root_as_the_whole_tree():
    frontier: list[bytes] = []
    for size, hashed in enumerate(MANY):
        frontier = merkle.frontier_append(frontier, size, hashed)
        assert merkle.frontier_root(frontier) == merkle.root(MANY[: size + 1])
        assert len(frontier) == bin(size + 1).count("1")


def test_proof_length_grows_as_the_logarithm_of_the_size():
    hashes = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(1025)]
    assert len(merkle.inclusion_proof(0, hashes[:1024])) == 10
    assert len(merkle.inclusion_proof(1024, hashes)) == 1  # the last, lone leaf
    assert len(merkle.inclusion_proof(0, hashes)) == 11
