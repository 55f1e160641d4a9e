"""Line-oriented files, streamed: a binary file to numbered text lines, each bounded in size.

JSON Lines and CSV are read a line at a time, so a file of any size costs the memory of one
record, not of the file. The encoding is chosen from the file's first megabyte (a byte-order
mark, UTF-8, else charset-normalizer's guess); bytes that are not valid in it spoil only the
line they are on, and a line over the record limit is skipped unread, not kept in memory.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from workbench.ingest.decode import detect_encoding

#: Bytes read to choose the encoding.
HEAD_BYTES = 1 << 20
#: Characters read at a time while skipping a line that is over the limit.
_SKIP_CHARS = 1 << 16
# Bytes not valid in the encoding, kept by the "surrogateescape" error handler.
UNDECODABLE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its number (from 1), its text with its line end, or why not."""

    number: int
    text: str
    problem: str | None = None


class Lines:
    """The lines of ``handle`` (a seekable binary file), at most ``max_chars`` each.

    ``newline`` is ``"\\n"`` for JSON Lines (only a line feed ends a record) or ``""`` for
    CSV (``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line, as the csv module expects).

    Raises:
        InputError: on construction, for an empty or binary file or one in no known encoding.
    """

    def __init__(self, handle: BinaryIO, *, newline: str, max_chars: int, limit_name: str):
        head = handle.read(HEAD_BYTES)
        handle.seek(0)
        self.encoding = detect_encoding(head, complete=len(head) < HEAD_BYTES)
        self.number = 0
        self._max = max_chars
        self._limit_name = limit_name
        self._text = io.TextIOWrapper(
            handle, encoding=self.encoding, errors="surrogateescape", newline=newline
        )

    def _skip_rest(self) -> None:
        while True:
            piece = self._text.readline(_SKIP_CHARS)
            if not piece or piece.endswith(("\n", "\r")):
                return

    def __iter__(self) -> Iterator[Line]:
        while True:
            try:
                piece = self._text.readline(self._max + 1)
            except UnicodeError as error:  # a codec with no byte to escape (UTF-16, ...)
                self.number += 1
                yield Line(self.number, "", f"not valid {self.encoding} from here on: {error}")
                return
            if not piece:
                return
            self.number += 1
            if len(piece) > self._max and not piece.endswith(("\n", "\r")):
                self._skip_rest()
                yield Line(self.number, "", f"line is over the {self._limit_name}")
            elif UNDECODABLE.search(piece):
                yield Line(self.number, "", f"bytes on this line are not valid {self.encoding}")
            else:
                yield Line(self.number, piece)

    def detach(self) -> None:
        """Leave the binary file open for its owner (the wrapper would close it)."""
        self._text.detach()
