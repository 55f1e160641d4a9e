"""One settings model: every option with its default, its environment variable and its help.

Values come from, in order of precedence: CLI flags, ``WORKBENCH_*`` environment variables,
the defaults below. ``workbench settings`` prints them; docs/settings.md lists them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Workbench settings. Environment variables: ``WORKBENCH_<NAME>`` (e.g. ``WORKBENCH_DB``)."""

    model_config = SettingsConfigDict(env_prefix="WORKBENCH_", extra="ignore")

    db: Path = Field(
        default=Path("data/workbench.duckdb"),
        description="DuckDB database file. Created on first use; parent folders too.",
    )
    max_file_mb: float = Field(
        default=20.0,
        gt=0,
        description="Whole-file formats (text pages, HTML) larger than this (in MB) are "
        "rejected unread, with the limit named. JSON, JSON Lines and CSV are streamed instead.",
    )
    max_record_mb: float = Field(
        default=10.0,
        gt=0,
        description="A JSON Lines line, CSV row or JSON array record longer than this (in "
        "millions of characters) is rejected and skipped unread; the rest of the file goes on.",
    )
    max_claim_chars: int = Field(
        default=1500,
        ge=80,
        description="Longer sentences are cut at spaces into claims of at most this size.",
    )
    min_claim_words: int = Field(
        default=3,
        ge=1,
        description="Fragments with fewer words than this (menus, bylines, captions) are dropped.",
    )
    batch_articles: int = Field(
        default=200,
        ge=1,
        description="Articles per transaction during ingest; a killed run keeps whole batches.",
    )
    workers: int = Field(
        default_factory=lambda: min(os.cpu_count() or 1, 8),
        ge=1,
        description="Processes that build articles during a large ingest (default: the cores).",
    )
    # --- linker -------------------------------------------------------------------------
    link_threshold: float = Field(
        default=3.0,
        ge=0,
        le=100,
        description="Candidate pairs scoring below this (0-100: the scoring model's "
        "probability, in percent, that both claims state the same fact) are not kept.",
    )
    link_top_k: int = Field(
        default=10,
        ge=1,
        description="A match is kept when it is in the top k (by score) of either claim.",
    )
    corroborate_min: float = Field(
        default=30.0,
        ge=0,
        le=100,
        description="Score from which a match with nothing differing is suggested 'corroborates'.",
    )
    conflict_min: float = Field(
        default=5.0,
        ge=0,
        le=100,
        description="Score from which a match with a differing detail is suggested 'conflicts'.",
    )
    same_event_days: int = Field(
        default=7,
        ge=0,
        description="Claims whose event days lie further apart than this disagree on when; "
        "with a second difference of place or named thing they report another event and are "
        "not linked.",
    )
    semantic: Literal["auto", "all", "off"] = Field(
        default="auto",
        description="Claim vectors from the bundled multilingual model: 'auto' embeds the "
        "claims whose window holds claims of other languages, at least 5% of their own "
        "language's there (about 160 ms a claim on one core, once); "
        "'all' every claim; 'off' none (names, concepts, numbers and dates only).",
    )
    semantic_candidates: int = Field(
        default=25,
        ge=0,
        description="Nearest claims by vector (other sources, within the window) added to "
        "each claim's candidates: partners that share no word or name key.",
    )
    scoring_model: str | None = Field(
        default=None,
        description="The scoring model link runs use: a model file (JSON, as "
        "bench/fit_scoring.py writes), the name of a model re-fitted from the desk's verdicts "
        "(workbench models), or 'shipped'. Not set: the kept model chosen with `workbench "
        "models use`, else the shipped one.",
    )
    max_key_df: int = Field(
        default=100,
        ge=2,
        description="A blocking key held by more claims than this in a claim's window is not "
        "used for that claim.",
    )
    keys_per_family: int = Field(
        default=4,
        ge=1,
        description="A claim is indexed by this many of its rarest keys of each key family.",
    )
    prefix_from: int = Field(
        default=20_000,
        ge=0,
        description="Prefix filtering (keys_per_family) applies from this many claims on.",
    )
    min_shared_keys: int = Field(
        default=2,
        ge=1,
        description="Claims become candidates when they share at least this many keys.",
    )
    max_candidates: int = Field(
        default=20,
        ge=1,
        description="Candidates kept per claim (strongest shared keys first) before scoring.",
    )
    window_days: int = Field(
        default=60,
        ge=0,
        description="Only pair claims of articles published at most this many days apart.",
    )
    # --- review -------------------------------------------------------------------------
    lease_seconds: int = Field(
        default=120,
        ge=5,
        description="A pair served to a reviewer is kept from others this long, or until judged.",
    )
    identity_header: str = Field(
        default="",
        pattern=r"^[A-Za-z0-9!#$%&'*+.^_`|~-]*$",
        description="Take the reviewer from this request header, set by an authenticating "
        "proxy in front of serve (e.g. X-Forwarded-User); the name cannot be typed then, and a "
        "request without the header records nothing. Empty: reviewers type their name.",
    )
    adjudicators: str = Field(
        default="",
        description="Comma-separated names allowed to adjudicate (with an identity source on, "
        "as it gives them); empty: any reviewer. Nobody adjudicates a pair they judged.",
    )
    verdict_journal: Path | None = Field(
        default=None,
        description="Where verdicts the database cannot take at once (busy, full or read-only "
        "disk) are kept until they are stored; beside the database (DB.journal) when not set. "
        "Put it on another disk to keep verdicts even when the database's disk is full.",
    )
    ui_wait_s: float = Field(
        default=8.0,
        gt=0,
        description="How long the UI waits for a database another process holds before 'busy'.",
    )


def describe() -> list[tuple[str, str, str, str]]:
    """(name, environment variable, default, help) for every setting, in definition order."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        rows.append((name, f"WORKBENCH_{name.upper()}", str(default), field.description or ""))
    return rows
