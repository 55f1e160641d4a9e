"""Pair signals (pure, no database): numbers in common and versions of one figure."""

from __future__ import annotations

import polars as pl
import pytest

from workbench.linking.features import feature_rows, sentence_features
from workbench.linking.scoring import SIGNALS, feature_frame, score_pairs

CASES = [
    {
        "description": "the same toll in two languages: one number in common, none near",
        "a": ("en", "The earthquake killed 2,053 people in Herat province."),
        "b": ("de", "Das Erdbeben tötete 2.053 Menschen in der Provinz Herat."),
        "shared": 1,
        "near": 0,
    },
    {
        "description": "two versions of one toll: no number in common, one near",
        "a": ("en", "The earthquake killed 2,053 people in Herat province."),
        "b": ("fr", "Le séisme a fait 2 445 morts dans la province d'Hérat."),
        "shared": 0,
        "near": 1,
    },
    {
        "description": "a count and a magnitude are never near",
        "a": ("en", "The earthquake killed 6 people in Herat province."),
        "b": ("es", "Un terremoto de magnitud 6,3 sacudió la provincia de Herat."),
        "shared": 0,
        "near": 0,
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["description"] for c in CASES])
def test_numbers_shared_and_near(case: dict[str, object]) -> None:
    (lang_a, text_a), (lang_b, text_b) = case["a"], case["b"]  # type: ignore[misc]
    a = sentence_features(text_a, claim_id="a", language=lang_a, source="A")
    b = sentence_features(text_b, claim_id="b", language=lang_b, source="B")
    pairs = pl.DataFrame({"claim_a": ["a"], "claim_b": ["b"]})
    scored = score_pairs(pairs, feature_frame(feature_rows([a, b])))
    row = scored.row(0, named=True)
    assert (row["numbers_shared"], row["numbers_near"]) == (case["shared"], case["near"])
    assert set(SIGNALS) <= set(scored.columns) and 0 <= row["score"] <= 100
    assert row["semantic"] is None  # no vectors given: the plain variant scored it
