"""RFC 6962 / RFC 9162 Merkle trees: hashes, roots, inclusion and consistency proofs (pure).

Leaf hash = SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right): the prefixes
keep a leaf from ever passing for a node. Proofs are lists of 32-byte hashes; verification
follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step, so an outside verifier can compare.
Nothing here touches the database: the CLI verifies certificates with this module alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of the leaves whose hashes are given (RFC 9162 §2.1.1)."""
    n = len(leaf_hashes)
    if n == 0:
        return EMPTY_ROOT
    # Bottom-up: pair neighbours level by level; an odd last node is carried up unchanged,
    # which gives the same tree as the recursive split at the largest power of two.
    level = list(leaf_hashes)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def inclusion_proof(index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """PATH(index, D[n]): the audit path of leaf `index` in the tree of these leaves."""
    n = len(leaf_hashes)
    if not 0 <= index < n:
        raise ValueError(f"leaf {index} is not in a tree of size {n}")
    path: list[bytes] = []
    low, high = 0, n  # the subtree D[low:high] holding the leaf
    stack: list[bytes] = []
    while high - low > 1:
        k = _split(high - low)
        if index - low < k:
            stack.append(root(leaf_hashes[low + k : high]))
            high = low + k
        else:
            stack.append(root(leaf_hashes[low : low + k]))
            low = low + k
    # The recursion appends from the innermost subtree outwards.
    path.extend(reversed(stack))
    return path


def consistency_proof(first: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """PROOF(first, D[n]): shows the tree of size `first` is a prefix of this one."""
    n = len(leaf_hashes)
    if not 0 < first <= n:
        raise ValueError(f"no consistency proof from size {first} to size {n}")
    stack: list[bytes] = []
    low, high, whole = 0, n, True
    m = first
    while True:
        if m == high - low:
            if not whole:
                stack.append(root(leaf_hashes[low:high]))
            break
        k = _split(high - low)
        if m <= k:
            stack.append(root(leaf_hashes[low + k : high]))
            high = low + k
        else:
            stack.append(root(leaf_hashes[low : low + k]))
            low, m, whole = low + k, m - k, False
    return list(reversed(stack))


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], expected_root: bytes
) -> bool:
    """Does `proof` show the leaf hash at `index` in the tree of `size` with this root?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root


def verify_consistency(
    first: int, second: int, proof: Sequence[bytes], first_root: bytes, second_root: bytes
) -> bool:
    """Does `proof` show the tree (first, first_root) is a prefix of (second, second_root)?"""
    if not 0 < first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    path = list(proof)
    if first & (first - 1) == 0:  # a power of two: the old root is a node of the new tree
        path.insert(0, first_root)
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def frontier_append(frontier: list[bytes], size: int, leaf: bytes) -> list[bytes]:
    """The perfect-subtree roots (largest first) after appending one leaf hash to `size`."""
    stack = list(frontier)
    stack.append(leaf)
    # Each trailing 1 bit of the old size is a subtree of equal size that now merges.
    merges = size
    while merges & 1:
        right = stack.pop()
        left = stack.pop()
        stack.append(node_hash(left, right))
        merges >>= 1
    return stack


def frontier_root(frontier: Sequence[bytes]) -> bytes:
    """The tree's root from its perfect-subtree roots (largest first)."""
    if not frontier:
        return EMPTY_ROOT
    result = frontier[-1]
    for subtree in reversed(frontier[:-1]):
        result = node_hash(subtree, result)
    return result
