"""What an ingest reads: the files under the paths given, and the records in each.

Only regular files are opened (never a pipe, socket or device), links only where they stay
inside the folder given; a file that cannot be read, or a record that does not parse, is
named with a reason and the rest goes on. Nothing here touches the store: the run that
builds and writes articles is :mod:`workbench.jobs.ingest`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from workbench.ingest.decode import InputError
from workbench.ingest.readers import STREAMED_SUFFIXES, SUFFIXES, read_records
from workbench.models import IngestReport, InputRecord, Note, Rejection, Skipped
from workbench.settings import Settings

#: Called after each file with (files done, files in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class InputFile:
    """A file to read, with the name it is reported under and its default article ref."""

    path: Path
    name: str


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _inside(path: Path, folder: Path) -> bool:
    return os.path.commonpath([os.path.realpath(path), folder]) == str(folder)


def _entry(path: Path, rel: str, folder: Path) -> InputFile | Rejection:
    """One name in a folder: a regular file to read (a link only if it stays inside), or why not."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            if not _inside(path, folder):
                return Skipped(path=rel, reason="skipped: symbolic link to outside the folder")
            info = path.stat()
    except FileNotFoundError:
        return Rejection(path=rel, reason="broken symbolic link")
    except OSError as error:
        return Rejection(path=rel, reason=f"cannot read: {error.strerror or error}")
    if not stat.S_ISREG(info.st_mode):
        return Skipped(path=rel, reason=f"skipped: {_kind(info.st_mode)}, not a regular file")
    if path.suffix.lower() not in SUFFIXES:
        return Skipped(path=rel, reason=f"skipped: unsupported file type '{path.suffix}'")
    return InputFile(path, rel)


def _walk(folder: Path) -> Iterator[InputFile | Rejection]:
    # followlinks=False: a symlink loop cannot trap us; a linked folder is named, not entered.
    real = Path(os.path.realpath(folder))
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=None):
        linked = sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).is_symlink())
        for name in linked:
            rel = (Path(root) / name).relative_to(folder).as_posix()
            yield Skipped(path=rel, reason="skipped: symbolic link to a folder, not followed")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield _entry(path, path.relative_to(folder).as_posix(), real)


def discover(paths: list[Path]) -> Iterator[InputFile | Rejection]:
    """Files to ingest under ``paths`` (folders recursively), or why a path cannot be used.

    Only regular files are read: a named pipe, socket or device is named as skipped, never
    opened (opening a pipe would wait for a writer forever). Inside a folder a symbolic link
    is followed only when it stays inside that folder. A path named on its own is read if it
    is a regular file, wherever a link to it points: the user chose it.
    """
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            reason = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            yield Rejection(path=str(path), reason=reason)
            continue
        except OSError as error:
            yield Rejection(path=str(path), reason=f"cannot read: {error.strerror or error}")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path)
        elif stat.S_ISREG(info.st_mode):
            yield InputFile(path, path.name)
        else:
            yield Skipped(
                path=str(path), reason=f"skipped: {_kind(info.st_mode)}, not a regular file"
            )


def _open(item: InputFile) -> BinaryIO:
    # O_NONBLOCK: should the name have become a pipe since it was listed, opening returns
    # at once instead of waiting for a writer, and the check below refuses it.
    fd = os.open(item.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_records(
    handle: BinaryIO, item: InputFile, settings: Settings, source: str | None
) -> Iterator[InputRecord | Rejection]:
    """The records of one open file: JSON, JSONL and CSV streamed, the rest whole under a limit."""
    if item.path.suffix.lower() in STREAMED_SUFFIXES:
        yield from read_records(
            item.path,
            item.name,
            handle,
            default_source=source,
            max_record_mb=settings.max_record_mb,
        )
        return
    limit = int(settings.max_file_mb * 1_000_000)
    size = os.fstat(handle.fileno()).st_size
    if size > limit:
        yield Rejection(
            path=item.name,
            reason=f"file is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB "
            "limit (max_file_mb / WORKBENCH_MAX_FILE_MB)",
        )
        return
    yield from read_records(item.path, item.name, handle.read(limit + 1), default_source=source)


def _records(
    item: InputFile, settings: Settings, source: str | None
) -> Iterator[InputRecord | Rejection]:
    try:
        with _open(item) as handle:
            yield from _file_records(handle, item, settings, source)
    except PermissionError:
        yield Rejection(path=item.name, reason="permission denied")
    except InputError as error:
        yield Rejection(path=item.name, reason=str(error))
    except OSError as error:
        yield Rejection(path=item.name, reason=f"cannot read: {error.strerror or error}")


@dataclass(frozen=True)
class Pending:
    """A record read and not yet built: building waits until we know it is new."""

    record: InputRecord
    ref: str
    name: str


def iter_records(
    paths: list[Path],
    settings: Settings,
    report: IngestReport,
    *,
    source: str | None = None,
    progress: Progress | None = None,
) -> Iterator[Pending]:
    """Every readable record under ``paths``; problems go to ``report``."""
    items = list(discover(paths))
    for done, item in enumerate(items, start=1):
        if progress:
            progress(done, len(items))
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        if isinstance(item, Rejection):
            report.rejected.append(item)
            continue
        report.files += 1
        for index, record in enumerate(_records(item, settings, source)):
            if isinstance(record, Note):
                report.notes.append(record)
                continue
            if isinstance(record, Rejection):
                report.rejected.append(record)
                continue
            report.records += 1
            yield Pending(
                record, item.name if index == 0 else f"{item.name}#{index + 1}", item.name
            )
