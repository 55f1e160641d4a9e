"""What re-fitting from a desk's verdicts does, on simulated desks (``workbench refit``).

    .venv/bin/python bench/bench_refit.py

For each development event of ``../shared/eval/events/``: ingest and link with the default
pipeline into a temporary database, give the verdicts a desk that knew the event's gold file
would give on the matches (``jobs.evaluate.desk_verdicts``), then re-fit, twice:

- on top of the **shipped** model (which was fitted on both events: what a re-fit adds to a
  model that has seen this kind of data);
- on top of a **weak** model (the token signal alone, as a desk's start on a new kind of
  story would be): whether the re-fit learns.

Each prints precision and recall at ``corroborate_min`` before and after on the held-back
verdicts (each verdict held back once, in four parts), the recall each model reaches at
precisions 0.6 to 0.9, the average precision, and the seconds the re-fit took.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.jobs.evaluate import desk_verdicts  # noqa: E402
from workbench.jobs.ingest import ingest  # noqa: E402
from workbench.jobs.link import link  # noqa: E402
from workbench.jobs.refit import refit  # noqa: E402
from workbench.linking.learned import ScoringModel, Variant, load  # noqa: E402
from workbench.review.session import utc_now  # noqa: E402
from workbench.review.status import verdict_labels  # noqa: E402
from workbench.settings import Settings  # noqa: E402
from workbench.store import Store  # noqa: E402

EVENTS = ROOT.parent / "shared" / "eval" / "events"


WEAK = {"semantic": ({"semantic": 12.0}, -10.5), "plain": ({"token": 4.0}, -3.0)}


def weak_model() -> ScoringModel:
    """One signal per variant (multilingual-e5 cosine; words where there are no vectors): a
    plausible start that knows nothing of names, numbers, dates or concepts."""
    shipped = load()
    variants = {}
    for name, variant in shipped.variants.items():
        weights, intercept = WEAK[name]
        coefficients = tuple(weights.get(f, 0.0) for f in variant.features)
        variants[name] = Variant(variant.features, coefficients, intercept)
    return ScoringModel("weak-one-signal", variants, {"about": "bench_refit weak start"})


def desk(event: Path, folder: Path) -> Store:
    """The event ingested, linked with the shipped model and judged as its gold file says."""
    store = Store(folder / "desk.duckdb")
    settings = Settings(db=store.path)
    ingest([event / "articles"], store, settings)
    link(store, settings)
    for verdict in desk_verdicts(store, event / "gold.csv"):
        store.record_verdict(verdict, utc_now())
    return store


def main() -> None:
    if not EVENTS.exists():
        sys.exit(f"no development events under {EVENTS}")
    for event in sorted(p for p in EVENTS.iterdir() if (p / "gold.csv").exists()):
        with tempfile.TemporaryDirectory(prefix="bench-refit-") as tmp:
            store = desk(event, Path(tmp))
            weak = Path(tmp) / "weak.json"
            weak.write_text(weak_model().to_json(), encoding="utf-8")
            for base, setting in (("shipped", None), ("weak", str(weak))):
                settings = Settings(db=store.path, scoring_model=setting)
                started = time.perf_counter()
                report = refit(store, settings, verdict_labels(store), name=f"{event.name}-{base}")
                seconds = time.perf_counter() - started
                print(f"## {event.name}, on top of the {base} model ({seconds:.1f} s)")
                if "--json" in sys.argv:
                    print(json.dumps(report.as_dict(), ensure_ascii=False))
                before, after = report.before["all"], report.after["all"]
                print(
                    f"trained on {report.trained}, held back {report.held_back} "
                    f"({before.same_fact} one fact); at {report.threshold:g}: precision "
                    f"{before.precision} -> {after.precision}, recall {before.recall} -> "
                    f"{after.recall}; recall at precision "
                    + ", ".join(
                        f"{p}: {b} -> {a}" for p, (b, a) in report.recall_at_precision.items()
                    )
                    + "; "
                    f"average precision {report.average_precision[0]} -> "
                    f"{report.average_precision[1]}"
                )


if __name__ == "__main__":
    main()
