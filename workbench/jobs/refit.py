"""Re-fit the scoring model from the desk's own verdicts, and choose the model link runs use.

Verdicts become labels (``review.status.verdict_labels``): ``corroborates`` and ``conflicts``
say both claims state one fact (1), ``unrelated`` that they do not (0); ``unsure`` says
nothing, and a match whose reviewers disagree (with no adjudicator's verdict settling it) is
left out. Each labelled pair is scored
with the linker's own signals, from the stored claims and vectors. The pairs are cut into four
parts by a hash of their claims (the same parts every time); each part is held back once while
the model in use is corrected on the other three (:func:`workbench.linking.fit.refit`), so
every verdict is measured by a model that did not see it, and the old and new scores of the
held-back pairs are compared, overall and per language pair. The model kept is the
correction fitted on all the verdicts, in the database, named and dated, beside the earlier
ones; ``use`` (or ``workbench models use NAME``) makes link runs score with it, unless it
ranks the held-back verdicts worse than the model in use, and ``workbench models use
shipped`` goes back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass

import numpy as np
import polars as pl

from workbench.jobs.link import features_in_slices
from workbench.jobs.models import SHIPPED, model_for
from workbench.linking import fit
from workbench.linking.learned import ScoringModel
from workbench.linking.scoring import feature_frame, score_pairs
from workbench.settings import Settings
from workbench.store import Store

#: Parts the labelled pairs are cut into; each is held back once.
FOLDS = 4
#: Precisions at which the recall of old and new models is compared.
PRECISIONS = (0.6, 0.7, 0.8, 0.9)
#: Fewest labelled pairs a re-fit needs (both labels among them).
MIN_LABELLED = 20


class RefitError(ValueError):
    """Too few verdicts to re-fit, or a name already taken."""


def _folds(pairs: pl.DataFrame) -> np.ndarray:
    keys = zip(pairs["claim_a"].to_list(), pairs["claim_b"].to_list(), strict=True)
    return np.array(
        [int(hashlib.sha256(f"{a}|{b}".encode()).hexdigest()[:8], 16) % FOLDS for a, b in keys]
    )


@dataclass(frozen=True)
class Measure:
    """Precision and recall of "score >= threshold means one fact" on held-back verdicts."""

    pairs: int
    same_fact: int
    precision: float | None
    recall: float | None


def measure(scores: np.ndarray, labels: np.ndarray, threshold: float) -> Measure:
    """:class:`Measure` of ``scores`` (0-100) against ``labels`` at ``threshold``."""
    said = scores >= threshold
    true = int((said & (labels == 1)).sum())
    positives = int((labels == 1).sum())
    return Measure(
        pairs=len(labels),
        same_fact=positives,
        precision=round(true / said.sum(), 3) if said.sum() else None,
        recall=round(true / positives, 3) if positives else None,
    )


def recall_at_precision(scores: np.ndarray, labels: np.ndarray, precision: float) -> float:
    """The best recall ``scores`` reach at any threshold whose precision is at least
    ``precision`` (0 where none reaches it)."""
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(labels[order] == 1)
    said = np.arange(1, len(order) + 1)
    ok = hits / said >= precision - 1e-9
    positives = max(1, int((labels == 1).sum()))
    return round(float(hits[ok].max()) / positives, 3) if ok.any() else 0.0


def _not_worse(before: float | None, after: float | None) -> bool:
    return before is None or (after is not None and after >= before)


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """The mean, over the pairs that state one fact, of the precision of the ranking down to
    each of them (threshold-free: how well the score orders the held-back pairs)."""
    positives = int((labels == 1).sum())
    if not positives:
        return None
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(labels[order] == 1)
    ranks = np.arange(1, len(order) + 1)
    return round(float((hits / ranks)[labels[order] == 1].sum()) / positives, 3)


@dataclass(frozen=True)
class RefitReport:
    """What a re-fit did and measured (before: the model in use; after: the new one)."""

    name: str
    base: str
    trained: int  # verdicts the kept model was fitted on
    held_back: int  # verdicts measured, each by a model fitted without it
    threshold: float
    before: dict[str, Measure]  # "all", then each language pair
    after: dict[str, Measure]
    #: precision -> (recall before, after): the recall each reaches at any threshold where at
    #: least that share of its "one fact" calls are right.
    recall_at_precision: dict[str, tuple[float, float]]
    average_precision: tuple[float | None, float | None]  # before, after
    used: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _by_language_pair(
    languages: pl.Series, scores: np.ndarray, labels: np.ndarray, threshold: float
) -> dict[str, Measure]:
    found = {"all": measure(scores, labels, threshold)}
    pairs = languages.to_numpy()
    for pair in sorted(set(pairs.tolist())):
        rows = pairs == pair
        found[str(pair)] = measure(scores[rows], labels[rows], threshold)
    return found


def refit(
    store: Store,
    settings: Settings,
    pairs: pl.DataFrame,
    *,
    name: str | None = None,
    use: bool = False,
) -> RefitReport:
    """Re-fit the model in use from labelled pairs (``claim_a, claim_b, label``: the desk's
    verdicts, ``review.status.verdict_labels``), measure old and new on held-back pairs, and
    keep the new model (in use from now on with ``use``)."""
    if pairs.height < MIN_LABELLED or pairs["label"].n_unique() < 2:
        raise RefitError(
            f"{pairs.height} labelled pairs (corroborates or conflicts, and unrelated): a re-fit "
            f"needs at least {MIN_LABELLED}, with both kinds among them"
        )
    base = model_for(store, settings)
    ids = pl.concat([pairs["claim_a"], pairs["claim_b"]]).unique().sort()
    rows, _ = features_in_slices(store, ids, None)
    scored = score_pairs(
        pairs.select("claim_a", "claim_b"), feature_frame(rows), store.vectors(ids), base
    )
    scored = scored.join(pairs, on=["claim_a", "claim_b"], maintain_order="left")
    language = rows.select("claim_id", "language")
    scored = scored.join(
        language.rename({"claim_id": "claim_a", "language": "language_a"}), on="claim_a"
    ).join(language.rename({"claim_id": "claim_b", "language": "language_b"}), on="claim_b")
    scored = scored.with_columns(
        languages=pl.concat_str(
            pl.min_horizontal("language_a", "language_b"),
            pl.max_horizontal("language_a", "language_b"),
            separator="-",
        )
    )
    labels = scored["label"].to_numpy()
    folds = _folds(scored)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    new_name = name or f"desk-{stamp}"
    if store.model_json(new_name) is not None or new_name == SHIPPED:
        raise RefitError(f"a model called {new_name} is kept already: choose another --name")
    after = np.zeros(len(labels))
    for fold in range(FOLDS):
        held = folds == fold
        if not held.any():
            continue
        if len(set(labels[~held].tolist())) < 2:
            raise RefitError("too few verdicts of one kind to hold any back: judge more pairs")
        part = fit.refit(base, scored.filter(pl.Series(~held)), labels[~held], name="", about={})
        after[held] = part.score(scored.filter(pl.Series(held))).to_numpy()
    before = base.score(scored).to_numpy()
    model = fit.refit(base, scored, labels, name=new_name, about={"verdicts": len(labels)})
    threshold = settings.corroborate_min
    ranked = average_precision(before, labels), average_precision(after, labels)
    report = RefitReport(
        name=new_name,
        base=base.name,
        trained=len(labels),
        held_back=len(labels),
        threshold=threshold,
        before=_by_language_pair(scored["languages"], before, labels, threshold),
        after=_by_language_pair(scored["languages"], after, labels, threshold),
        recall_at_precision={
            f"{p:.1f}": (
                recall_at_precision(before, labels, p),
                recall_at_precision(after, labels, p),
            )
            for p in PRECISIONS
        },
        average_precision=ranked,
        used=use and _not_worse(*ranked),
    )
    figures = json.dumps(report.as_dict(), ensure_ascii=False)
    kept = ScoringModel(model.name, model.variants, {**model.about, "figures": report.as_dict()})
    store.save_model(new_name, kept.to_json(), figures, use=report.used)
    return report
