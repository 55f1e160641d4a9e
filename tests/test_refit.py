"""The linker learns from the desk's verdicts: a re-fit on top of the model in use, measured
on held-back verdicts, kept beside the old one, chosen for link runs and undone in one command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from tests.conftest import EVAL, RunCli
from workbench.jobs.evaluate import desk_verdicts
from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.jobs.models import SHIPPED, UnknownModel, model_for, use_model
from workbench.jobs.refit import (
    RefitError,
    average_precision,
    recall_at_precision,
    refit,
)
from workbench.linking import fit, learned
from workbench.linking.learned import ScoringModel, Variant
from workbench.models import Label, VerdictIn
from workbench.review.session import utc_now
from workbench.review.status import verdict_labels
from workbench.settings import Settings
from workbench.store import Store

EVENT = EVAL / "events" / "kunar-2025"


def weak_model(path: Path) -> Path:
    """One signal per variant (the multilingual cosine; words without vectors): a start that
    knows nothing of names, numbers, dates or concepts."""
    weights = {"semantic": ({"semantic": 12.0}, -10.5), "plain": ({"token": 4.0}, -3.0)}
    variants = {}
    for name, variant in learned.load().variants.items():
        chosen, intercept = weights[name]
        coefficients = tuple(chosen.get(f, 0.0) for f in variant.features)
        variants[name] = Variant(variant.features, coefficients, intercept)
    path.write_text(ScoringModel("weak", variants, {}).to_json(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kunar event ingested and linked, judged as its gold file says (a simulated desk)."""
    if not EVENT.exists():
        pytest.skip(f"no development event at {EVENT} (../shared absent)")
    path = tmp_path_factory.mktemp("desk") / "desk.duckdb"
    store = Store(path)
    settings = Settings(db=path)
    ingest([EVENT / "articles"], store, settings)
    link(store, settings)
    for verdict in desk_verdicts(store, EVENT / "gold.csv"):
        store.record_verdict(verdict, utc_now())
    return path


@pytest.fixture
def desk(desk_template: Path, tmp_path: Path) -> Store:
    path = tmp_path / "desk.duckdb"
    shutil.copy(desk_template, path)
    return Store(path)


def test_a_refit_on_simulated_verdicts_raises_held_back_recall_at_equal_precision(
    desk: Store, tmp_path: Path
) -> None:
    settings = Settings(db=desk.path, scoring_model=str(weak_model(tmp_path / "weak.json")))
    report = refit(desk, settings, verdict_labels(desk), name="learned")
    assert report.base == "weak" and report.held_back == report.trained >= 100
    before, after = report.average_precision
    assert before is not None and after is not None and after > before + 0.03, report
    for precision in ("0.7", "0.8"):
        was, now = report.recall_at_precision[precision]
        assert now > was, (precision, report.recall_at_precision)
    assert report.before["all"].pairs == report.after["all"].pairs == report.held_back
    assert len(report.before) > 5, "figures per language pair"
    assert not report.used  # kept, not chosen
    assert desk.models()["name"].to_list() == ["learned"]


def _cli(path: Path) -> RunCli:
    from click.testing import CliRunner, Result

    from workbench.cli import cli

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)

    return run


def test_the_chosen_model_scores_the_next_link_and_one_command_undoes_it(
    desk: Store, tmp_path: Path
) -> None:
    settings = Settings(db=desk.path, scoring_model=str(weak_model(tmp_path / "weak.json")))
    report = refit(desk, settings, verdict_labels(desk), name="learned", use=True)
    assert report.used, "a re-fit that ranks better is used with use=True"
    assert model_for(desk, Settings(db=desk.path)).name == "learned"
    run = _cli(desk.path)
    result = run("link", "--rebuild", "-q")
    assert result.exit_code == 0, result.output
    assert set(desk.matches()["model"].unique().to_list()) == {"learned"}
    listed = run("models")
    assert "learned" in listed.output and "shipped" in listed.output
    assert run("models", "use", "shipped").exit_code == 0
    assert model_for(desk, Settings(db=desk.path)).name == learned.load().name
    run("link", "--rebuild", "-q")
    assert set(desk.matches()["model"].unique().to_list()) == {learned.load().name}
    unknown = run("models", "use", "nope")
    assert unknown.exit_code != 0 and "no kept model called nope" in unknown.output


def test_a_refit_that_ranks_worse_is_kept_but_not_used(desk: Store) -> None:
    # On top of the shipped model, fitted on this event already, the desk's few verdicts
    # rank the held-back ones no better: kept for the record, not used.
    report = refit(desk, Settings(db=desk.path), verdict_labels(desk), name="again", use=True)
    before, after = report.average_precision
    assert before is not None and after is not None
    assert report.used is (after >= before)
    in_use = desk.model_in_use()
    assert (in_use is not None and in_use[0] == "again") is report.used


def test_too_few_verdicts_say_so(linked: Store) -> None:
    with pytest.raises(RefitError, match="labelled pairs"):
        refit(linked, Settings(db=linked.path), verdict_labels(linked))
    with pytest.raises(UnknownModel, match="no kept model called x"):
        use_model(linked, "x")
    with pytest.raises(UnknownModel, match="no such file"):
        model_for(linked, Settings(db=linked.path, scoring_model="missing-model"))
    assert model_for(linked, Settings(db=linked.path, scoring_model=SHIPPED)).name == (
        learned.load().name
    )


def test_labels_from_verdicts(linked: Store) -> None:
    first, second, third = linked.matches(limit=3)["match_id"].to_list()
    now = utc_now()
    for match, verdict, reviewer in [
        (first, Label.CORROBORATES, "r1"),
        (first, Label.CONFLICTS, "r2"),  # both say one fact: 1
        (second, Label.CORROBORATES, "r1"),
        (second, Label.UNRELATED, "r2"),  # they disagree: left out
        (third, Label.UNSURE, "r1"),  # says nothing
    ]:
        linked.record_verdict(VerdictIn(match_id=match, verdict=verdict, reviewer=reviewer), now)
    pairs = verdict_labels(linked)
    assert pairs.height == 1 and pairs["label"].to_list() == [1]
    # An adjudicator settles a disagreement.
    linked.record_verdict(
        VerdictIn(match_id=second, verdict=Label.UNRELATED, reviewer="boss", role="adjudicator"),
        now,
    )
    assert sorted(verdict_labels(linked)["label"].to_list()) == [0, 1]


def test_a_correction_with_no_evidence_is_the_base_model() -> None:
    base = learned.load()
    rng = np.random.default_rng(3)
    scored = pl.DataFrame(
        {name: rng.uniform(0, 100, 400) for name in ("token", "name", "concept", "anchor")}
    ).with_columns(
        semantic=pl.lit(None, pl.Float64),
        latent=pl.lit(None, pl.Float64),
        attribution=pl.lit(None, pl.Float64),
        numbers_shared=pl.lit(0),
        numbers_near=pl.lit(0),
        units_shared=pl.lit(0),
        days_apart=pl.lit(0),
        same_language=pl.lit(False),
    )
    # Verdicts drawn from the base model's own probabilities: it is right, nothing to learn.
    probability = base.score(scored).to_numpy() / 100
    labels = (rng.uniform(size=scored.height) < probability).astype(int)
    model = fit.refit(base, scored, labels, name="agrees", about={})
    # The semantic variant had no pairs: unchanged; the plain one barely moves its weights.
    assert model.variants["semantic"] == base.variants["semantic"]
    moved = np.abs(
        np.subtract(model.variants["plain"].coefficients, base.variants["plain"].coefficients)
    )
    assert moved.max() < 0.5, moved
    assert json.loads(model.to_json())["about"]["base"] == base.name


def test_measures() -> None:
    scores = np.array([90.0, 80.0, 70.0, 60.0, 10.0])
    labels = np.array([1, 0, 1, 0, 1])
    assert average_precision(scores, labels) == round((1 + 2 / 3 + 3 / 5) / 3, 3)
    assert recall_at_precision(scores, labels, 0.9) == round(1 / 3, 3)
    assert recall_at_precision(scores, labels, 0.6) == 1.0
