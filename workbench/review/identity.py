"""Who is reviewing: a name typed in the sidebar, or an identity from a trusted source.

Three sources, one at a time (the server's settings choose):

- *typed*: the sidebar's Reviewer field. A label, not an identity: anyone can type any name.
- *header*: a request header set by an authenticating proxy in front of ``serve`` (the
  ``identity_header`` setting, e.g. ``X-Forwarded-User``). Trusted only because the proxy is
  the one way in: the server must not be reachable around it (docs/review.md).
- *login*: Streamlit's own OpenID Connect login (``st.login``), configured by an ``[auth]``
  table in ``.streamlit/secrets.toml``.

With a trusted source on, a request that carries no identity records nothing; the reason is
said in words (:attr:`Identity.missing`). Pure functions: the pages pass in the headers or the
logged-in user, nothing here reads a request.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

#: The longest name kept (the Reviewer field's own limit).
MAX_NAME = 80
#: An HTTP header name (RFC 9110 token characters).
HEADER_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


class Source(StrEnum):
    """Where the reviewer's name comes from."""

    TYPED = "typed"
    HEADER = "header"
    LOGIN = "login"


@dataclass(frozen=True)
class Identity:
    """The reviewer for one request: a name (empty when there is none) and where it came from."""

    name: str
    source: Source
    missing: str = ""  # why there is no name, in words, when ``name`` is empty

    @property
    def trusted(self) -> bool:
        """Whether the name comes from something other than the person typing it."""
        return self.source is not Source.TYPED


def tidy(value: object) -> str:
    """A name as stored: control and format characters dropped, spaces collapsed, at most
    :data:`MAX_NAME` characters."""
    text = "".join(c for c in str(value or "") if unicodedata.category(c) not in {"Cc", "Cf"})
    return " ".join(text.split())[:MAX_NAME]


def typed(value: object) -> Identity:
    """The name typed in the sidebar."""
    return Identity(tidy(value), Source.TYPED)


def from_header(headers: Mapping[str, str], header: str) -> Identity:
    """The identity an authenticating proxy put in ``header`` (matched without regard to case)."""
    wanted = header.lower()
    value = next((v for k, v in headers.items() if k.lower() == wanted), "")
    name = tidy(value)
    if name:
        return Identity(name, Source.HEADER)
    return Identity(
        "",
        Source.HEADER,
        f"this request carries no {header} header: open the workbench through the desk's "
        "login proxy, not its own address",
    )


def from_login(is_logged_in: bool, user: Mapping[str, object]) -> Identity:
    """The identity of the logged-in user (their e-mail address where the provider gives one)."""
    name = tidy(user.get("email") or user.get("preferred_username") or user.get("name") or "")
    if is_logged_in and name:
        return Identity(name, Source.LOGIN)
    if is_logged_in:
        return Identity("", Source.LOGIN, "the identity provider gave no e-mail address or name")
    return Identity("", Source.LOGIN, "log in to record verdicts")


def valid_header_name(header: str) -> bool:
    """Whether ``header`` can be an HTTP header name."""
    return bool(HEADER_NAME.match(header))


def login_configured(secrets_files: Iterable[Path]) -> bool:
    """Whether any of these Streamlit secrets files configures ``st.login`` (an ``[auth]``
    table). A file that is missing or unreadable configures nothing."""
    for path in secrets_files:
        try:
            with path.open("rb") as handle:
                if isinstance(tomllib.load(handle).get("auth"), dict):
                    return True
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return False


def names(listed: str) -> frozenset[str]:
    """The names in a comma-separated setting, tidied; empty entries dropped."""
    return frozenset(n for n in (tidy(part) for part in listed.split(",")) if n)


def adjudication_refused(
    adjudicator: str, judged_by: Collection[str], adjudicators: Collection[str]
) -> str:
    """Why ``adjudicator`` may not adjudicate a pair judged by ``judged_by``; empty when they may.

    Nobody adjudicates a pair they judged; where the desk names its adjudicators, only they do.
    """
    if adjudicators and adjudicator not in adjudicators:
        return f"{adjudicator} is not among the desk's adjudicators"
    if adjudicator in judged_by:
        return f"{adjudicator} judged this pair and cannot adjudicate it"
    return ""
