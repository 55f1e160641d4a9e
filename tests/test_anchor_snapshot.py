"""The claims and anchors of the samples and the seeds stay what they were.

Refactoring the text pipeline (one preparation per sentence, shared pattern helpers, calendar
names from CLDR) must not change a claim or an anchor unless a change says so. The samples'
anchors are kept whole in ``tests/snapshots/anchors_samples.json``; the seeds' only as one
digest per claim (their text stays in ``../shared``). After a deliberate change, rewrite both
with ``WORKBENCH_UPDATE_SNAPSHOTS=1 make test`` and read the diff of the samples' file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from workbench.ingest.build import build_article
from workbench.ingest.files import iter_records
from workbench.models import IngestReport
from workbench.settings import Settings

SNAPSHOTS = Path(__file__).parent / "snapshots"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles"
UPDATE = os.environ.get("WORKBENCH_UPDATE_SNAPSHOTS") == "1"


def _claims(folder: Path) -> dict[str, dict[str, object]]:
    """Per article file and position: the claim's id, language, span and anchors."""
    settings = Settings()
    found: dict[str, dict[str, object]] = {}
    now = dt.datetime(2026, 1, 1)
    for pending in iter_records([folder], settings, IngestReport()):
        article = build_article(
            pending.record, ref=pending.ref, input_path=pending.name, settings=settings, now=now
        )
        for claim in article.claims:
            found[f"{pending.ref}:{claim.position}"] = {
                "claim": claim.claim_id,
                "language": claim.language,
                "span": [claim.start, claim.end],
                "anchors": [
                    [a.kind.value, a.start, a.end, a.value, a.detail] for a in claim.anchors
                ],
            }
    return found


def _digest(claim: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(claim, ensure_ascii=False).encode()).hexdigest()[:16]


def _check(name: str, now: dict[str, object]) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    kept = json.loads(path.read_text(encoding="utf-8"))
    changed = sorted(k for k in kept.keys() | now.keys() if kept.get(k) != now.get(k))
    assert changed == [], f"{len(changed)} claims differ from {name}, first: {changed[:5]}"


def test_sample_claims_and_anchors_are_unchanged() -> None:
    claims = _claims(SAMPLES)
    assert len(claims) > 50
    _check("anchors_samples.json", claims)


def test_seed_claims_and_anchors_are_unchanged(seeds: Path) -> None:
    digests = {key: _digest(claim) for key, claim in _claims(seeds).items()}
    assert len(digests) > 20
    _check("anchors_seeds.json", digests)


def test_a_changed_anchor_is_caught(tmp_path: Path) -> None:
    claims = _claims(SAMPLES)
    key = next(k for k, c in claims.items() if c["anchors"])
    altered = {**claims, key: {**claims[key], "anchors": []}}
    kept = json.loads((SNAPSHOTS / "anchors_samples.json").read_text(encoding="utf-8"))
    if UPDATE:
        pytest.skip("snapshots are being rewritten")
    assert kept == json.loads(json.dumps(claims)) and kept != json.loads(json.dumps(altered))
