"""Respondent identities, pseudonymised before they leave the reader.

HMAC-SHA256 with a secret salt, of the identity trimmed and lower-cased (so "Ana@X.com " and
"ana@x.com" are one person). The same salt gives the same hash run after run, so a person's
baseline and re-survey answers can be paired; without the salt nobody can go back from the
hash to the address. Each distinct identity is hashed once.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

BLOCK = 64  # SHA-256's block size, which HMAC pads the key to


def hash_identities(identities: pd.Series, salt: bytes) -> pd.Series:
    """The hex HMAC-SHA256 of each identity; None where the cell is blank."""
    if not salt:
        raise ValueError("a non-empty salt is required to pseudonymise respondents")
    array = pa.array(identities.fillna("").astype("str"), pa.string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    text = pc.utf8_lower(pc.utf8_trim_whitespace(array))
    distinct = pc.unique(text)
    digests = pa.array((_hmac(salt, v) if v else None for v in distinct.to_pylist()), pa.string())
    hashed = pc.take(digests, pc.index_in(text, distinct))
    # Kept as Arrow strings: a million hashes as Python objects would cost ~100 MB more.
    return pd.Series(pd.array(hashed, dtype="str"), index=identities.index)


_states: dict[bytes, tuple] = {}


def _hmac(salt: bytes, value: str) -> str:
    # RFC 2104 with the keyed inner and outer states computed once per salt: hmac.new() per
    # value would redo the key schedule a million times. Same digests as hmac.new(salt, ...).
    if salt not in _states:
        key = hashlib.sha256(salt).digest() if len(salt) > BLOCK else salt
        key = key.ljust(BLOCK, b"\0")
        _states.clear()
        _states[salt] = (
            hashlib.sha256(bytes(b ^ 0x36 for b in key)),
            hashlib.sha256(bytes(b ^ 0x5C for b in key)),
        )
    inner, outer = (state.copy() for state in _states[salt])
    inner.update(value.encode("utf-8"))
    outer.update(inner.digest())
    return outer.hexdigest()
