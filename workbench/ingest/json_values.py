"""JSON files, streamed: the records of a top-level array one at a time, each bounded in size.

A JSON file is either one record (an object) or an array of them. The array is read with the
standard library's decoder one element at a time (:meth:`json.JSONDecoder.raw_decode` on a
window of the text that grows only while an element is incomplete), so a file of any size
costs the memory of one record. The encoding is chosen from the first megabyte, as for JSON
Lines (:class:`~workbench.ingest.lines.Lines`).

A record that is over the record limit, or holds bytes not valid in the encoding, is one
problem and the next record is read. A record that does not parse (invalid JSON, nesting too
deep, a number past the digit limit) ends the file: where it ends cannot be known, so the
records before it are kept and the rest is named as not read.

``ijson`` was tried for this and left out: its C backend (3.6.0) crashes the interpreter on a
6,000-digit number, and its Python backend takes a minute on 100,000 nested brackets.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from workbench.ingest.decode import detect_encoding
from workbench.ingest.lines import HEAD_BYTES, UNDECODABLE

#: Characters read at a time (a window grows by at least this much while a record is incomplete).
CHUNK_CHARS = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
_DELIMITED = re.compile(r"[^ \t\n\r,\]}]*[ \t\n\r,\]}]")


def no_constant(name: str) -> Any:
    """``parse_constant`` for :mod:`json`: ``NaN`` and ``Infinity`` are not JSON numbers."""
    raise ValueError(f"{name} is not a JSON number")


def unread(error: RecursionError | ValueError) -> str:
    """Why JSON that parses no further was not read: nesting, a number past the int digit
    limit, or ``NaN``/``Infinity``."""
    if isinstance(error, RecursionError):
        return "not read: JSON nested too deeply"
    return f"not read: {str(error).split(';')[0]}"


@dataclass(frozen=True, slots=True)
class Value:
    """One record of a JSON file: its number (from 1), the line it begins on, and its value,
    or why it was not read (``final`` when nothing after it can be read either)."""

    number: int
    line: int
    value: Any = None
    problem: str | None = None
    final: bool = False


class _Stop(Exception):
    """The file cannot be read past this point: why, and the line where the trouble is."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.line = line


class JsonValues:
    """The records of ``handle`` (a seekable binary JSON file), each at most ``max_chars``.

    Raises:
        InputError: on construction, for an empty or binary file or one in no known encoding.
    """

    def __init__(
        self, handle: BinaryIO, *, max_chars: int, limit_name: str, chunk_chars: int = CHUNK_CHARS
    ) -> None:
        head = handle.read(HEAD_BYTES)
        handle.seek(0)
        self.encoding = detect_encoding(head, complete=len(head) < HEAD_BYTES)
        self._text = io.TextIOWrapper(
            handle, encoding=self.encoding, errors="surrogateescape", newline=""
        )
        self._decoder = json.JSONDecoder(parse_constant=no_constant)
        self._max = max_chars
        self._chunk = chunk_chars
        self._limit_name = limit_name
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # the line of self._counted
        self._counted = 0
        self._number = 0

    # ------------------------------------------------------------------ the window

    def _more(self, at_least: int = 0) -> bool:
        """Read on (dropping what is consumed); False at the end of the file."""
        if self._eof:
            return False
        piece = self._text.read(max(self._chunk, at_least))
        if not piece:
            self._eof = True
            return False
        self._line_here()
        self._buf = self._buf[self._pos :] + piece
        self._counted -= self._pos
        self._pos = 0
        return True

    def _line_here(self, upto: int | None = None) -> int:
        upto = self._pos if upto is None else upto
        if upto > self._counted:
            self._line += self._buf.count("\n", self._counted, upto)
            self._counted = upto
        return self._line

    def _peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            match = _SPACE.match(self._buf, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    # ------------------------------------------------------------------ records

    def _cut_number(self, value: Any, end: int) -> bool:
        """Whether a number just decoded may go on past the window (no delimiter after it)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return _DELIMITED.match(self._buf, end) is None

    def _decode(self) -> Value:
        self._number += 1
        self._peek()
        line = self._line_here()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as error:
                if len(self._buf) - self._pos > self._max:
                    raise _Stop(f"record is over the {self._limit_name}", line) from None
                if self._more(len(self._buf) - self._pos):
                    continue
                where = line + self._buf.count("\n", self._pos, error.pos)
                raise _Stop(f"not valid JSON: {error.msg}", where) from None
            except (RecursionError, ValueError) as error:
                raise _Stop(unread(error), line) from None
            if self._cut_number(value, end) and self._more():
                continue  # "12" of "12.5" at the end of the window: read on, decode again
            break
        start, self._pos = self._pos, end
        if end - start > self._max:
            return Value(self._number, line, problem=f"record is over the {self._limit_name}")
        if UNDECODABLE.search(self._buf, start, end):
            return Value(self._number, line, problem=f"bytes not valid {self.encoding}")
        return Value(self._number, line, value)

    def _values(self) -> Iterator[Value]:
        first = self._peek()
        if first != "[":
            yield self._decode()  # one record
        else:
            self._pos += 1
            if self._peek() == "]":
                self._pos += 1
            else:
                while True:
                    yield self._decode()
                    after = self._peek()
                    self._pos += 1
                    if after == "]":
                        break
                    if after != ",":
                        raise _Stop(
                            "not valid JSON: expected ',' or ']' after it", self._line_here()
                        )
        if self._peek():
            raise _Stop("not valid JSON: more after its end", self._line_here())

    def __iter__(self) -> Iterator[Value]:
        try:
            yield from self._values()
        except _Stop as stop:
            problem = f"{stop}; the rest of the file is not read"
            yield Value(self._number, stop.line, problem=problem, final=True)
        except UnicodeError as error:  # a codec with no byte to escape (UTF-16, ...)
            yield Value(
                self._number + 1,
                self._line,
                problem=f"not valid {self.encoding} from here on: {error}",
                final=True,
            )

    def detach(self) -> None:
        """Leave the binary file open for its owner (the wrapper would close it)."""
        self._text.detach()
