"""Independent origins: which articles count as one source of a fact.

Two articles are one origin when the linker found them to be near-copies (same wire, light
edits), or when they cite the same origin ("به نقل از ایرنا", "citing Reuters", "نقلا عن
وكالة ..."; an article's ``origin_chain`` ends with whom it cites). Both relations are
transitive, so origins are the connected components of the graph whose edges are copies and
shared citations.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import polars as pl

from workbench.text.lexicon import outlets
from workbench.text.normalise import normalise

ORIGIN_SCHEMA = {
    "article_id": pl.String(),
    "origin": pl.String(),
    "origin_label": pl.String(),
    "origin_articles": pl.UInt32(),
}


class _Groups:
    """Union-find over string ids, smallest id as each group's name."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        first, second = sorted((self.find(a), self.find(b)))
        self.parent[second] = first


def cited_origin(chain: list[str] | None) -> str | None:
    """Whom an article cites: the last name of a chain longer than the reporter alone, as
    the outlet lexicon names it (ایرنا and IRNA are one agency)."""
    if not chain or len(chain) < 2:
        return None
    written = " ".join(chain[-1].split())
    return outlets().get(normalise(written), outlets().get(normalise(written.casefold()), written))


def origin_groups(articles: pl.DataFrame, copies: pl.DataFrame) -> pl.DataFrame:
    """Each article's origin group, a readable label for it, and the group's size.

    Args:
        articles: ``article_id, source, origin_chain (list of str), published``.
        copies: ``article_a_id, article_b_id`` (near-duplicate articles).

    Returns:
        ``article_id, origin, origin_label, origin_articles``. ``origin`` is the smallest
        article id of the group (stable across runs); the label is the cited origin most
        articles of the group name, else the outlet of its earliest article.
    """
    groups = _Groups()
    rows = articles.select("article_id", "source", "origin_chain", "published").to_dicts()
    for row in rows:
        groups.find(row["article_id"])
        cited = cited_origin(row["origin_chain"])
        if cited:
            groups.union(row["article_id"], "\x00cite:" + normalise(cited.casefold()))
    for a, b in copies.select("article_a_id", "article_b_id").iter_rows():
        groups.union(a, b)
    members: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        members[groups.find(row["article_id"])].append(row)
    out: list[tuple[str, str, str, int]] = []
    for _, group in members.items():
        name = min(str(r["article_id"]) for r in group)
        label, size = _label(group), len(group)
        out.extend((str(r["article_id"]), name, label, size) for r in group)
    return pl.DataFrame(out, schema=ORIGIN_SCHEMA, orient="row")


def _label(group: list[dict[str, object]]) -> str:
    cited = Counter(c for r in group if (c := cited_origin(r["origin_chain"])))  # type: ignore[arg-type]
    if cited:
        return sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    earliest = min(group, key=lambda r: (r["published"] is None, str(r["published"]), r["source"]))
    return str(earliest["source"])
