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


def _damaged_utf8(head: bytes) -> bool:
    """UTF-8 with a few stray bytes: far more valid multi-byte characters than invalid bytes.

    Text in a legacy encoding (Windows-1256, Latin-1) almost never forms valid multi-byte
    UTF-8 sequences, so it is not mistaken for this; ASCII with stray bytes has no evidence
    either way and is left to the guess.
    """
    text = head.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    valid = sum(1 for c in text if c > "\x7f") - invalid
    return valid >= 20 * max(1, invalid)


def detect_encoding(head: bytes, *, complete: bool) -> str:
    """The encoding of a line-oriented file (JSONL, CSV), chosen from its first bytes.

    ``head`` is the start of the file, ``complete`` whether it is the whole file. Each line
    is a record of its own, so valid UTF-8 with NUL or control bytes on some lines is not
    "binary": the reader rejects or cleans those lines and keeps the good ones. (Random bytes
    are almost never valid UTF-8 and are still refused.)

    Raises:
        InputError: empty input, binary content, or no encoding that gives readable text.
    """
    if complete and not head.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _damaged_utf8(head):
        return "utf-8"  # the lines with the stray bytes are rejected, the others kept
    if b"\x00" in head[:8192]:
        raise InputError("binary content (NUL bytes), not text")
    best = from_bytes(head).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode as text in any known encoding")
    if _looks_binary(str(best)):
        raise InputError("binary content (control characters), not text")
    return str(best.encoding)


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` (a whole file: a text page, JSON, HTML) as text, detecting its encoding.

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
