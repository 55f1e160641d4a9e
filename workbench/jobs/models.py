"""Which scoring model a link run uses: the ``scoring_model`` setting, else the model the desk
chose among those it re-fitted from its verdicts (:mod:`workbench.jobs.refit`), else the one
shipped with the workbench."""

from __future__ import annotations

from pathlib import Path

from workbench.linking import learned
from workbench.linking.learned import ScoringModel
from workbench.settings import Settings
from workbench.store import Store

#: The name that means the model shipped with the workbench.
SHIPPED = "shipped"


class UnknownModel(ValueError):
    """A model named that is neither a file nor kept in the database."""


def model_for(store: Store, settings: Settings) -> ScoringModel:
    """The model a link run scores with: the ``scoring_model`` setting (a model file, the
    name of a model kept in the database, or ``shipped``), else the kept model in use, else
    the shipped one."""
    chosen = settings.scoring_model
    if chosen:
        if chosen == SHIPPED:
            return learned.load()
        if Path(chosen).is_file():
            return learned.load(Path(chosen))
        kept = store.model_json(chosen) if store.path.exists() else None
        if kept is None:
            raise UnknownModel(f"scoring_model {chosen}: no such file, and no kept model so named")
        return learned.parse(kept)
    in_use = store.model_in_use()
    return learned.parse(in_use[1]) if in_use else learned.load()


def use_model(store: Store, name: str) -> None:
    """Link with the kept model ``name`` from now on; ``shipped``: the shipped one."""
    if not store.use_model(None if name == SHIPPED else name):
        known = ", ".join(store.models()["name"].to_list()) or "none kept"
        raise UnknownModel(f"no kept model called {name} (kept: {known}; or {SHIPPED})")
