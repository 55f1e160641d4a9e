"""One settings model: every option with its default, its environment variable and its help.

Values come from, in order of precedence: CLI flags, ``WORKBENCH_*`` environment variables,
the defaults below. ``workbench settings`` prints them; docs/settings.md lists them.
"""

from __future__ import annotations

from pathlib import Path

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
        description="Files larger than this (in MB) are rejected unread, with the limit named.",
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


def describe() -> list[tuple[str, str, str, str]]:
    """(name, environment variable, default, help) for every setting, in definition order."""
    rows = []
    for name, field in Settings.model_fields.items():
        rows.append(
            (name, f"WORKBENCH_{name.upper()}", str(field.default), field.description or "")
        )
    return rows
