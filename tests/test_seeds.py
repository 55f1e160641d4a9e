"""The two real seed articles (../shared/seeds; skipped where absent) ingest as the issue describes."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.conftest import ARABIC_SEED, EVAL, PERSIAN_SEED, RunCli
from workbench.ingest.build import build_article
from workbench.ingest.readers import read_records
from workbench.models import Article, InputRecord
from workbench.settings import Settings
from workbench.store import Store
from workbench.text.normalise import normalise


def _article(seeds: Path, name: str) -> Article:
    path = seeds / name
    (record,) = read_records(path, name, path.read_bytes())
    assert isinstance(record, InputRecord)
    return build_article(
        record, ref=name, input_path=name, settings=Settings(), now=dt.datetime(2025, 1, 1)
    )


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("سمات الأهلي الشباب حسن معاذ", id="Arabic tag list"),
        pytest.param("Tags: Syria, Damascus, CENTCOM", id="English tags"),
        pytest.param("برچسب‌ها: سوریه، دمشق", id="Persian tags"),
    ],
)
def test_tag_lines_are_chrome(line: str) -> None:
    page = f"Site icon Desk\n\nThe dam reopened on Monday after a review. {line}\n"
    (record,) = read_records(Path("p.txt"), "p.txt", page.encode())
    assert isinstance(record, InputRecord)
    article = build_article(
        record, ref="p", input_path="p", settings=Settings(), now=dt.datetime(2025, 1, 1)
    )
    assert [c.text for c in article.claims] == ["The dam reopened on Monday after a review."]


def test_first_paragraph_is_not_a_title() -> None:
    page = "Site icon Desk\n\nFirst one here now. Second one here now.\n"
    (record,) = read_records(Path("p.txt"), "p.txt", page.encode())
    assert isinstance(record, InputRecord) and record.title is None
    article = build_article(
        record, ref="p", input_path="p", settings=Settings(), now=dt.datetime(2025, 1, 1)
    )
    assert [c.text for c in article.claims] == ["First one here now.", "Second one here now."]


def test_arabic_seed(seeds: Path) -> None:
    article = _article(seeds, ARABIC_SEED)
    assert article.language == "ar"
    assert article.source == "صحيفة العربي الإلكترونية"
    assert article.published is None  # the page carries no date line
    assert article.origin_chain == ["Syrian Presidency"]
    assert 10 <= len(article.claims) <= 14
    assert {c.language for c in article.claims} == {"ar"}
    assert article.claims[0].text.startswith("الرئيس السوري أحمد الشرع يبحث")  # the headline
    assert not any("Exit mobile version" in c.text or "Site icon" in c.text for c in article.claims)


def test_persian_seed(seeds: Path) -> None:
    article = _article(seeds, PERSIAN_SEED)
    assert article.language == "fa"
    assert article.source == "Tabnak"
    assert article.published == dt.date(2025, 9, 13)
    assert article.origin_chain == ["Tabnak", "IRNA"]
    assert 11 <= len(article.claims) <= 15
    assert {c.language for c in article.claims} == {"fa"}
    assert article.claims[0].text == "پشتپرده همکاریهای جدید آمریکا و سوریه!"


def _values(article: Article, kind: str) -> list[str]:
    return [a.value for c in article.claims for a in c.anchors if a.kind.value == kind]


def test_seed_dates_agree_across_calendars(seeds: Path) -> None:
    arabic, persian = _article(seeds, ARABIC_SEED), _article(seeds, PERSIAN_SEED)
    assert "2024-12-08" in _values(arabic, "date")  # 8 ديسمبر/ كانون الأول 2024
    assert "2024-12-08" in _values(persian, "date")  # یکشنبه ۱۸ آذرماه (year from ۱۴۰۳ before it)
    assert "2024-11-27" in _values(persian, "date")  # هفتم آذر ۱۴۰۳ = ۲۷ نوامبر ۲۰۲۴
    assert "friday" in _values(arabic, "weekday")


def test_seed_ranks_and_names(seeds: Path) -> None:
    arabic, persian = _article(seeds, ARABIC_SEED), _article(seeds, PERSIAN_SEED)
    assert "admiral" in _values(arabic, "title")
    assert "general" in _values(persian, "title")
    assert "CENTCOM" in _values(arabic, "name") and "CENTCOM" in _values(persian, "name")
    assert {"61", "53"} <= set(_values(arabic, "number"))
    assert "900" in _values(persian, "number")


def test_every_gold_key_is_in_exactly_one_claim(seeds: Path) -> None:
    gold = EVAL / "seeds_gold.csv"
    if not gold.exists():
        pytest.skip(f"no gold file at {gold}")
    articles = {name: _article(seeds, name) for name in (ARABIC_SEED, PERSIAN_SEED)}
    with gold.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for side in ("a", "b"):
                key = normalise(row[f"key_{side}"])
                holders = [c for c in articles[row[f"file_{side}"]].claims if key in c.norm_text]
                assert len(holders) == 1, (row["pair_id"], side, key)


def test_seeds_folder_with_a_binary_file(
    seeds: Path, tmp_path: Path, run_cli: RunCli, db: Path
) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(seeds, folder)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 16)
    result = run_cli("ingest", "--quiet", folder)
    assert result.exit_code == 1
    assert "scan.txt: binary content" in result.output
    assert Store(db).totals()["articles"] == 2
    again = run_cli("ingest", "--quiet", folder)
    assert "0 articles ingested" in again.output and "2 duplicates" in again.output
