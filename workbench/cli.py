"""The ``workbench`` command: each subcommand parses, calls one library function, prints."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from workbench.export.claims import MATCH_FORMATS, export_claims, export_matches
from workbench.export.status import export_claimreview, export_claims_status
from workbench.export.verdict_import import import_verdicts
from workbench.export.verdicts import export_verdicts
from workbench.jobs.evaluate import Figures
from workbench.jobs.evaluate import evaluate as run_evaluate
from workbench.jobs.ingest import ingest as run_ingest
from workbench.jobs.link import link as run_link
from workbench.jobs.models import UnknownModel, use_model
from workbench.jobs.refit import Measure, RefitError, refit
from workbench.models import IngestReport
from workbench.review import identity
from workbench.review.quality import quality
from workbench.review.status import verdict_labels
from workbench.settings import Settings, describe
from workbench.store import Store, StoreError
from workbench.text.normalise import BIDI_CONTROLS

err = Console(stderr=True)
out = Console()


@contextmanager
def _user_errors(*kinds: type[Exception]) -> Iterator[None]:
    """Store problems (and ``kinds``) end the command with their one-line message."""
    caught: tuple[type[Exception], ...] = (StoreError, *kinds)
    try:
        yield
    except caught as error:
        raise click.ClickException(str(error)) from None


class Stopped(BaseException):
    """SIGTERM arrived (a scheduler, ``docker stop``, ``timeout``): unwind as Ctrl-C does, so
    worker pools end before the command exits. Not an ``Exception``: nothing swallows it."""

    exit_code = 128 + signal.SIGTERM


def _on_sigterm(signum: int, frame: object) -> None:
    raise Stopped


#: Exit status of a run stopped by Ctrl-C (the shell's convention, 128 + SIGINT).
INTERRUPTED = 128 + signal.SIGINT


@contextmanager
def _stoppable(kept: str) -> Iterator[None]:
    """A run stopped by Ctrl-C or SIGTERM: one line saying so and what was ``kept``, and the
    shell's exit status (130, 143). The workers have ended by the time it is printed."""
    try:
        yield
    except (KeyboardInterrupt, Stopped) as stop:
        how = "SIGTERM" if isinstance(stop, Stopped) else "Ctrl-C"
        err.print(f"stopped by {how}: {kept}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(Stopped.exit_code if isinstance(stop, Stopped) else INTERRUPTED) from None


_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def shown(value: object, style: str = "") -> Text:
    """``value`` for the terminal: never read as Rich markup (an outlet named ``Wire [/x]``),
    and escape codes and bidi controls written out (``\x1b``, ``\u202e``), not obeyed."""
    return Text(_CONTROLS.sub(lambda m: ascii(m.group())[1:-1], str(value)), style=style)


def _store(ctx: click.Context) -> Store:
    settings: Settings = ctx.obj
    return Store(settings.db, journal=settings.verdict_journal)


def _drain(store: Store, *, store_them: bool = True) -> None:
    """Store the verdicts kept in the journal where the database takes them now (unless
    ``store_them`` is false: report only); say so, and say what still waits (never an error:
    the journal keeps them)."""
    saved, why = 0, ""
    try:
        if store_them:
            saved = store.drain_journal()
    except StoreError as error:
        why = f": {error}"
    if saved:
        err.print(shown(f"{saved} kept verdicts stored from {store.journal.path}"), highlight=False)
    waiting, unplaced = store.journal.waiting(), store.journal.unplaced()
    if waiting:
        err.print(
            shown(f"{waiting} kept verdicts still wait in {store.journal.path}{why}"),
            highlight=False,
        )
    if unplaced:
        err.print(
            shown(
                f"{unplaced} kept verdicts lost their match to a re-link; they are in "
                f"{store.journal.path}.unplaced"
            ),
            highlight=False,
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="DuckDB file [default: $WORKBENCH_DB or data/workbench.duckdb].",
)
@click.version_option(package_name="workbench")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Fact-claim verification workbench: ingest articles, split them into claims, review links.

    Settings come from WORKBENCH_* environment variables (see `workbench settings`).
    """
    settings = Settings()
    ctx.obj = settings.model_copy(update={"db": db}) if db else settings


def _print_report(report: IngestReport) -> None:
    for skipped in report.skipped:
        err.print(shown(skipped, style="dim"), soft_wrap=True)
    for note in report.notes:
        err.print(Text("warning ", style="yellow") + shown(note), soft_wrap=True)
    for rejected in report.rejected:
        err.print(Text("rejected ", style="red") + shown(rejected), soft_wrap=True)
    out.print(
        f"{report.files} files, {report.records} records: {report.ingested} articles ingested "
        f"({report.claims} claims), {report.duplicates} duplicates, "
        f"{len(report.rejected)} rejected, {len(report.skipped)} skipped",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", default=None, help="Outlet name for records and pages that name none.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], source: str | None, quiet: bool) -> None:
    """Ingest article files and folders (text pages, JSONL, JSON, CSV, HTML) into claims.

    Re-ingesting the same input adds nothing. Bad files and records are named with a reason;
    the rest is ingested. Exit status 1 when anything was rejected. Ctrl-C or SIGTERM stops it
    keeping the batches written (exit 130 or 143); its workers end with it.
    """
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("files", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        kept = (
            "the batches written before it are kept, the one in progress is not; "
            "the same command again goes on from there"
        )
        with _user_errors(), _stoppable(kept):
            report = run_ingest(list(paths), _store(ctx), ctx.obj, source=source, progress=advance)
    _print_report(report)
    ctx.exit(0 if report.ok else 1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Articles and claims by source and language."""
    store = _store(ctx)
    with _user_errors():
        totals, frame = store.totals(), store.status_by_source()
    if as_json:
        click.echo(
            json.dumps({"totals": totals, "by_source": frame.to_dicts()}, ensure_ascii=False)
        )
        return
    table = Table("source", "language", "articles", "claims", title=shown(store.path))
    for row in frame.iter_rows():
        table.add_row(*(shown(v) for v in row))
    out.print(table)
    out.print(", ".join(f"{v} {k}" for k, v in totals.items()), highlight=False)
    _drain(store, store_them=False)


@cli.group()
def export() -> None:
    """Write data out as files."""


@export.command("claims")
@click.argument("out_path", metavar="OUT.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--excel", is_flag=True, help="UTF-8 with BOM, so Excel shows Arabic and Persian.")
@click.pass_context
def export_claims_cmd(ctx: click.Context, out_path: Path, excel: bool) -> None:
    """One row per claim with its article, language and anchors (dates, numbers, names...)."""
    _export(ctx, export_claims, out_path, excel, "claims")


def _export(
    ctx: click.Context, writer: Callable[..., int], out_path: Path, excel: bool, what: str
) -> None:
    with _user_errors():
        count = writer(_store(ctx.find_root()), out_path, excel=excel)
    click.echo(f"{count} {what} written to {out_path}")


@cli.command("link")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Link every claim again; the new matches replace the old ones when the run ends "
    "(until then, and if it is stopped, the old ones stay; verdicts are kept).",
)
@click.pass_context
def link_cmd(ctx: click.Context, quiet: bool, rebuild: bool) -> None:
    """Link claims across sources: find, score and explain matches for new claims.

    Incremental: only claims not linked before are keyed, and only pairs with at least one
    of them are scored. Match ids derive from the two claim ids, so re-linking (or linking
    the same articles in another database) gives the same ids. Pairs whose claims differ in
    two parts of the event frame (place, time, named thing) report another event and are set
    aside. Claims whose window holds articles of another language get vectors from the
    bundled multilingual model once (setting `semantic`); the score is the learned model's
    probability that two claims state the same fact. The database is held for writing only
    while the output goes in, at the end. Ctrl-C or SIGTERM stops it keeping nothing of the
    run (exit 130 or 143); its workers end with it.
    """
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("link", total=None)

        def advance(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        kept = "a link run writes all of its output at once, so nothing of this one was kept"
        if rebuild:
            kept += " (the matches from before --rebuild are kept as they were)"
        with (
            _user_errors(UnknownModel),
            _stoppable(kept + "; the same command again starts it over"),
        ):
            report = run_link(_store(ctx), ctx.obj, progress=advance, rebuild=rebuild)
    suggestions = ", ".join(f"{n} {s}" for s, n in sorted(report.suggestions.items()))
    out.print(
        f"{report.new_claims} new claims ({report.embedded} embedded), "
        f"{report.candidates} candidate pairs, "
        f"{report.matches} matches ({suggestions or 'none'}), "
        f"{report.other_events} set aside as other events, {report.copies} copied articles, "
        f"{report.seconds:.1f} s (database held {report.held_seconds:.1f} s)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--articles",
    "articles_dir",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Folder (or file) of the articles the gold pairs name.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def evaluate(ctx: click.Context, gold: Path, articles_dir: Path, as_json: bool) -> None:
    """Score the linker on a gold file of cross-source pairs, beside two baselines.

    Recall at 5 and 10 (overall, across languages, by language pair), conflicts suggested,
    look-alikes linked and matches per claim, for the linker, a whole-sentence
    token_set_ratio baseline and multilingual-e5-small alone, in the same run.

    The articles are ingested and linked in a temporary database (yours is not touched).
    Gold format: pair_id,file_a,key_a,file_b,key_b,relation,fact.
    """
    result = run_evaluate(gold, articles_dir, ctx.obj)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    methods = {"linker": result.linker, "token_set": result.baseline}
    if result.embedding is not None:
        methods["e5 alone"] = result.embedding
    table = Table("figure", *methods)
    shares = [f.name for f in dataclasses.fields(Figures) if f.name != "by_language_pair"]
    for name in shares:
        cells = [getattr(m, name) for m in methods.values()]
        table.add_row(name, *("-" if v is None else f"{v:.3f}" for v in cells))
    out.print(table)
    out.print(f"matches per claim: {result.matches_per_claim}", highlight=False)
    pairs = ", ".join(f"{lp} {found}" for lp, found in result.linker.by_language_pair.items())
    out.print(f"linker by language pair (found at 10 / gold): {pairs or '-'}", highlight=False)
    out.print(f"{result.resolved} of {result.pairs} gold pairs resolved to claims", highlight=False)
    if result.unresolved:
        out.print(shown(f"unresolved: {', '.join(result.unresolved)}"), highlight=False)
    if result.missed:
        out.print(shown(f"not in the top 5: {', '.join(result.missed)}"), highlight=False)


@cli.command()
def settings() -> None:
    """Every setting with its environment variable, default and meaning."""
    for name, variable, default, meaning in describe():
        click.echo(f"{name}  {variable}  (default: {default})\n    {meaning}")


@export.command("matches")
@click.argument("out_path", metavar="OUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--excel", is_flag=True, help="UTF-8 with BOM, so Excel shows Arabic and Persian.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(MATCH_FORMATS),
    default="csv",
    show_default=True,
    help="CSV (reasons in words, formula-safe), Parquet or JSON Lines (reasons also as typed "
    "records with character spans; texts as they are).",
)
@click.pass_context
def export_matches_cmd(ctx: click.Context, out_path: Path, excel: bool, fmt: str) -> None:
    """One row per match: both claims, score, suggestion, what agrees and what differs."""
    with _user_errors():
        count = export_matches(_store(ctx.find_root()), out_path, excel=excel, fmt=fmt)
    click.echo(f"{count} matches written to {out_path}")


@export.command("verdicts")
@click.argument("out_path", metavar="OUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--excel", is_flag=True, help="UTF-8 with BOM, so Excel shows Arabic and Persian.")
@click.option("--history", is_flag=True, help="Every row of the verdict log, retractions included.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="CSV (formula-safe) or Parquet (typed columns, texts as they are).",
)
@click.pass_context
def export_verdicts_cmd(
    ctx: click.Context, out_path: Path, excel: bool, history: bool, fmt: str
) -> None:
    """One row per current verdict (latest per match and reviewer), with both claims.

    CSV cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
    """
    store = _store(ctx.find_root())
    _drain(store)  # verdicts kept while the database was busy belong in the export
    with _user_errors():
        count = export_verdicts(store, out_path, excel=excel, history=history, fmt=fmt)
    click.echo(f"{count} {'log rows' if history else 'verdicts'} written to {out_path}")


@export.command("claims-status")
@click.argument("out_path", metavar="OUT.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--excel", is_flag=True, help="UTF-8 with BOM, so Excel shows Arabic and Persian.")
@click.option("--all", "every_claim", is_flag=True, help="Every claim, unverified ones too.")
@click.pass_context
def export_claims_status_cmd(
    ctx: click.Context, out_path: Path, excel: bool, every_claim: bool
) -> None:
    """Per judged claim: status (corroborated, conflicted, contested, unverified) and the
    independent origins, outlets and verdict counts behind it."""
    with _user_errors():
        count = export_claims_status(
            _store(ctx.find_root()), out_path, excel=excel, every_claim=every_claim
        )
    click.echo(f"{count} claims written to {out_path}")


@export.command("claimreview")
@click.argument("out_path", metavar="OUT.jsonld", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--author",
    default="Verification desk",
    show_default=True,
    help="The organisation publishing the reviews (ClaimReview author).",
)
@click.pass_context
def export_claimreview_cmd(ctx: click.Context, out_path: Path, author: str) -> None:
    """schema.org ClaimReview items (JSON-LD) for claims reviewers corroborated or disputed."""
    with _user_errors():
        count = export_claimreview(_store(ctx.find_root()), out_path, author=author)
    click.echo(f"{count} claim reviews written to {out_path}")


@cli.group("import")
def import_group() -> None:
    """Read data in from files."""


@import_group.command("verdicts")
@click.argument(
    "in_path", metavar="IN.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_context
def import_verdicts_cmd(ctx: click.Context, in_path: Path) -> None:
    """Import verdicts from a CSV (the export's columns, or at least match_id, verdict,
    reviewer, decided_at and optionally note).

    Every row is validated; bad rows and rows on matches this database does not hold are
    named with their line and left out, the rest imported. A row whose match a re-link
    dropped is re-attached through its claim_a_id and claim_b_id where both claims are here.
    Importing a file twice adds nothing. Exit status 1 when any row was left out.
    """
    with _user_errors(ValueError):
        report = import_verdicts(_store(ctx.find_root()), in_path)
    for problem in [*report.rejected, *report.unknown]:
        err.print(Text("rejected ", style="red") + shown(problem), soft_wrap=True)
    click.echo(
        f"{report.rows} rows: {report.added} verdicts imported, {report.already} already "
        f"present, {len(report.rejected)} invalid, {len(report.unknown)} on unknown matches"
        + (f" ({report.reattached} re-attached through their claims)" if report.reattached else "")
    )
    ctx.exit(0 if report.ok else 1)


def _measure_cells(found: Measure) -> list[str]:
    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    return [share(found.precision), share(found.recall)]


@cli.command("refit")
@click.option("--name", default=None, help="The new model's name [default: desk-<UTC time>].")
@click.option("--use", is_flag=True, help="Link with the new model from now on.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead.")
@click.pass_context
def refit_cmd(ctx: click.Context, name: str | None, use: bool, as_json: bool) -> None:
    """Re-fit the scoring model from the desk's verdicts, on top of the model in use.

    Corroborates and conflicts count as one fact, unrelated as not; unsure verdicts and
    pairs whose reviewers disagree are left out. The verdicts are cut into four parts, each
    held back once while the others fit, and both models are measured on what was held back:
    precision and recall of "score >= corroborate_min means one fact", overall and per
    language pair; the recall each reaches at precision 0.6 to 0.9; average precision. The
    new model is kept in the database, named and dated. With --use link runs score with it
    from now on, unless it ranks the held-back verdicts worse than the model in use;
    `workbench models use NAME` chooses later, `workbench models use shipped` goes back.
    Existing matches keep their scores until the next link.
    """
    settings: Settings = ctx.obj
    with _user_errors(RefitError, UnknownModel):
        store = _store(ctx)
        report = refit(store, settings, verdict_labels(store), name=name, use=use)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    out.print(
        f"model {report.name}: fitted on {report.trained} verdicts on top of {report.base}, "
        f"measured on {report.held_back} held back, threshold {report.threshold:g}",
        markup=False,
        highlight=False,
    )
    table = Table("pairs", "held back", "one fact", "precision before", "recall before",
                  "precision after", "recall after")  # fmt: skip
    for key, before in report.before.items():
        after = report.after[key]
        table.add_row(
            shown(key), str(before.pairs), str(before.same_fact),
            *_measure_cells(before), *_measure_cells(after),
        )  # fmt: skip
    out.print(table)
    reached = ", ".join(
        f"{p}: {was:.3f} -> {now:.3f}" for p, (was, now) in report.recall_at_precision.items()
    )
    ranked = " -> ".join("-" if v is None else f"{v:.3f}" for v in report.average_precision)
    out.print(f"recall at precision {reached}; average precision {ranked}", highlight=False)
    out.print(
        "in use from now on"
        if report.used
        else f"kept; `workbench models use {report.name}` to link with it",
        markup=False,
        highlight=False,
    )


@cli.group("models", invoke_without_command=True)
@click.pass_context
def models_group(ctx: click.Context) -> None:
    """Scoring models re-fitted from the desk's verdicts: list them (the one in use marked)."""
    if ctx.invoked_subcommand is not None:
        return
    with _user_errors():
        kept = _store(ctx.find_root()).models()
    in_use = bool(kept["in_use"].any())
    table = Table("model", "created (UTC)", "trained on", "average precision", "in use")
    table.add_row("shipped", "-", "the development events", "-", "" if in_use else "yes")
    for row in kept.iter_rows(named=True):
        figures = json.loads(row["figures"])
        was, now = figures.get("average_precision", (None, None))
        table.add_row(
            shown(row["name"]),
            f"{row['created_at']:%Y-%m-%d %H:%M}",
            f"{figures.get('trained', '-')} verdicts",
            f"{was} -> {now}",
            "yes" if row["in_use"] else "",
        )
    out.print(table)


@models_group.command("use")
@click.argument("name")
@click.pass_context
def models_use_cmd(ctx: click.Context, name: str) -> None:
    """Link with the kept model NAME from now on (`shipped`: the one shipped)."""
    with _user_errors(UnknownModel):
        use_model(_store(ctx.find_root()), name)
    click.echo(f"link runs now score with {name}")


@cli.command("agreement")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead.")
@click.pass_context
def agreement_cmd(ctx: click.Context, as_json: bool) -> None:
    """Agreement between reviewers (percent, Cohen's and Fleiss' kappa, confusion,
    disagreements) and the linker's precision by score cut-off, with suggested bands."""
    with _user_errors():
        found = quality(_store(ctx))
    if as_json:
        click.echo(json.dumps(found.as_dict(), ensure_ascii=False, default=str))
        return
    a = found.agreement

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    out.print(
        f"{a.pairs_with_multiple_reviewers} pairs judged by several reviewers "
        f"({', '.join(a.reviewers) or 'none'})",
        markup=False,
        highlight=False,
    )
    table = Table("percent agreement", "Cohen's kappa", "Fleiss' kappa")
    table.add_row(share(a.percent_agreement), share(a.cohen_kappa), share(a.fleiss_kappa))
    out.print(table)
    labels = list(a.confusion)
    confusion = Table("", *labels, title="confusion (pairs of ratings)")
    for label in labels:
        confusion.add_row(label, *(str(a.confusion[label][b]) for b in labels))
    out.print(confusion)
    for item in a.disagreements:
        verdicts = ", ".join(f"{r}: {v}" for r, v in item["verdicts"].items())  # type: ignore[attr-defined]
        out.print(shown(f"disagreement {item['match_id']}: {verdicts}"), highlight=False)
    precision = Table("score >=", "judged", "related", "precision", title="linker precision")
    for row in found.calibration.iter_rows(named=True):
        precision.add_row(
            f"{row['cutoff']:g}", str(row["judged"]), str(row["related"]), share(row["precision"])
        )
    out.print(precision)
    out.print(f"suggested bands: {found.bands}", markup=False, highlight=False)


def _loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def _secrets_files() -> list[Path]:
    """Where Streamlit looks for secrets.toml when serve starts it from here."""
    return [Path.cwd() / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml"]


@cli.command()
@click.option("--port", default=8501, show_default=True, help="Port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; the default serves this machine only. Another address needs an "
    "identity source (identity_header, or a login in .streamlit/secrets.toml) or --open.",
)
@click.option(
    "--open",
    "open_",
    is_flag=True,
    help="Serve a non-loopback address without an identity source: reviewer names are then "
    "only labels anyone can type.",
)
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, open_: bool) -> None:
    """Start the Streamlit review UI on the database."""
    header = ctx.obj.identity_header
    login = identity.login_configured(_secrets_files())
    if not _loopback(host) and not (header or login or open_):
        raise click.UsageError(
            f"{host} is reachable from other machines and no identity source is set: anyone "
            "could record verdicts under any name. Put the desk's login proxy in front and set "
            "WORKBENCH_IDENTITY_HEADER, configure a login in .streamlit/secrets.toml, or pass "
            "--open to serve names as typed."
        )
    if header and not _loopback(host):
        err.print(
            shown(
                f"warning: {header} is trusted from any client that reaches {host}:{port}; "
                "let only the login proxy reach it"
            ),
            highlight=False,
        )
    if Path(ctx.obj.db).exists():
        _drain(Store(ctx.obj.db, wait_s=1.0, journal=ctx.obj.verdict_journal))
    app = Path(__file__).parent / "ui" / "app.py"
    env = {**os.environ, "WORKBENCH_DB": str(Path(ctx.obj.db).resolve())}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    who = (
        f"reviewers from the {header} header"
        if header
        else "reviewers by login"
        if login
        else ("reviewer names as typed")
    )
    err.print(shown(f"serving {ctx.obj.db} on http://{host}:{port} ({who})"), highlight=False)
    # Become Streamlit rather than start it: a signal to this process reaches the server, and
    # nothing is left running when it is stopped.
    os.execve(sys.executable, command, env)


def main() -> None:
    """Console-script entry point. SIGTERM stops a run the way Ctrl-C does (see
    :class:`Stopped`), unless the embedding program handles SIGTERM itself."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="workbench")
