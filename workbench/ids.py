"""Stable identities: the same content gives the same id in any database, on any run."""

from __future__ import annotations

import hashlib


def stable_id(*parts: str) -> str:
    """First 16 hex digits of SHA-256 over the parts (joined by a unit separator)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def match_id(claim_a: str, claim_b: str) -> str:
    """A match's id from its two claim ids, whichever order they come in."""
    first, second = sorted((claim_a, claim_b))
    return stable_id("match", first, second)
