"""One sentence, prepared once for every anchor finder.

The finders search copies of the sentence, never the text as written: dates and numbers a
folded copy of the same length (:func:`~workbench.text.patterns.fold_for_search`), titles,
names and speakers the normalised copy with its offset map
(:func:`~workbench.text.normalise.aligned_normalise`). :func:`prepare` makes both copies
once per sentence, and every finder of :func:`~workbench.text.anchors.find_anchors` reads
the same :class:`Sentence`, mapping what it finds back to the original offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.text.normalise import aligned_normalise, original_span
from workbench.text.patterns import fold_for_search


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its two search copies.

    Attributes:
        text: the sentence as written; every anchor's offsets point into it.
        folded: :func:`fold_for_search` of ``text``: same length, same offsets.
        norm: ``text`` normalised character by character (spaces collapsed).
        where: for each character of ``norm``, the index in ``text`` it came from.
    """

    text: str
    folded: str
    norm: str
    where: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``text`` that ``norm[start:end]`` came from (final marks included)."""
        return original_span(self.where, start, end, self.text)


def prepare(text: str | Sentence) -> Sentence:
    """The :class:`Sentence` of ``text`` (a Sentence is returned as it is)."""
    if isinstance(text, Sentence):
        return text
    norm, where = aligned_normalise(text)
    return Sentence(text=text, folded=fold_for_search(text), norm=norm, where=where)
