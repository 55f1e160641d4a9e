"""Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer's best guess.

Anything that is not readable text (empty, binary, undecodable) raises :class:`InputError`
with a one-line reason.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


class InputError(ValueError):
    """Input that cannot be ingested; ``str(error)`` is the reason, one line."""


def _is_control(c: str) -> bool:
    return (ord(c) < 32 and c not in _ALLOWED_CONTROLS) or c == "\ufffd"


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for c in sample if _is_control(c))
    return controls > max(2, len(sample) // 100)


def _guess(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot decode as text in any known encoding")
    return str(best)


def _empty() -> str:
    raise InputError("empty file")


def decode_bytes(data: bytes, *, line_oriented: bool = False) -> str:
    """Decode ``data`` as text, detecting its encoding.

    ``line_oriented`` (JSONL, CSV): each line is a record of its own, so valid UTF-8 with
    NUL or control bytes on some lines is not "binary": the reader rejects those lines and
    keeps the good ones. (Random bytes are almost never valid UTF-8 and are still refused.)

    Raises:
        InputError: empty input, binary content, or no encoding that gives readable text.
    """
    if not data.strip():
        raise InputError("empty file")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"invalid {encoding} despite its byte-order mark: {error.reason}"
                ) from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if line_oriented and text is not None:
            return text if text.strip() else _empty()
        if b"\x00" in data[:8192]:
            raise InputError("binary content (NUL bytes), not text")
        if text is None:
            text = _guess(data)
    assert text is not None
    if _looks_binary(text):
        raise InputError("binary content (control characters), not text")
    if not text.strip():
        raise InputError("empty file")
    return text
