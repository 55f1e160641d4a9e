"""Scoring models a desk fitted from its own verdicts (``scoring_models``), and which one its
link runs use. Kept beside the data they were fitted on, each named and dated; the shipped
model is not stored (it ships with the code)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from workbench.store.db import Connection, query_frame, transaction


def save(con: Connection, name: str, model_json: str, figures_json: str, *, use: bool) -> None:
    """Keep a new model (names are unique); with ``use``, link runs use it from now on."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with transaction(con):
        if use:
            con.execute("UPDATE scoring_models SET in_use = false WHERE in_use")
        con.execute(
            "INSERT INTO scoring_models (name, created_at, model, figures, in_use) "
            "VALUES (?, ?, ?, ?, ?)",
            [name, now, model_json, figures_json, use],
        )


def listing(con: Connection) -> pl.DataFrame:
    """``name, created_at, figures, in_use`` of every kept model, newest first."""
    return query_frame(
        con,
        "SELECT name, created_at, figures, in_use FROM scoring_models "
        "ORDER BY created_at DESC, name",
    )


def model_json(con: Connection, name: str) -> str | None:
    """The kept model called ``name`` (its JSON), or None."""
    found = con.execute("SELECT model FROM scoring_models WHERE name = ?", [name]).fetchone()
    return str(found[0]) if found else None


def in_use(con: Connection) -> tuple[str, str] | None:
    """(name, JSON) of the kept model link runs use; None: the shipped one."""
    found = con.execute("SELECT name, model FROM scoring_models WHERE in_use").fetchone()
    return (str(found[0]), str(found[1])) if found else None


def use(con: Connection, name: str | None) -> bool:
    """Make ``name`` the model link runs use (None: the shipped one); False if unknown."""
    with transaction(con):
        if name is not None:
            known = con.execute("SELECT 1 FROM scoring_models WHERE name = ?", [name]).fetchone()
            if not known:
                return False
        con.execute("UPDATE scoring_models SET in_use = false WHERE in_use")
        if name is not None:
            con.execute("UPDATE scoring_models SET in_use = true WHERE name = ?", [name])
    return True
