"""HTML fragments for untrusted text: everything from input is escaped here, once.

Pages hand these strings to ``st.html``; no input text reaches the page any other way than
through :func:`html.escape`. Arabic, Persian and other right-to-left languages get
``dir="rtl"``; Latin text ``dir="ltr"``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from workbench.review.pairs import Mark, Side
from workbench.review.reading import ReadingAid

#: Languages written right to left (ISO 639-1/3 codes the language detector gives).
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "sd", "ug", "yi", "dv", "ku"})

#: How a claim status or suggestion is coloured (fixed values, never input).
TONES = {
    "agree": "#d7f2dc",
    "differ": "#ffd6d1",
    "corroborated": "#d7f2dc",
    "conflicted": "#ffd6d1",
    "contested": "#ffe9b3",
    "unverified": "#eeeeee",
    "corroborates": "#d7f2dc",
    "conflicts": "#ffd6d1",
    "unsure": "#eeeeee",
    "unrelated": "#e6e6f5",
}


def direction(language: str | None) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if (language or "").lower() in RTL_LANGUAGES else "ltr"


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def plain(value: object) -> str:
    """Any value as literal text inside Streamlit markdown (``st.info`` and the like): every
    markdown and HTML character backslash-escaped, so a name cannot become a link or markup."""
    text = "" if value is None else str(value)
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:=&@/])", r"\\\1", text)


def marked(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with each mark wrapped in a ``<mark>`` coloured by its tone.

    The reason goes in the ``title`` attribute (escaped), so hovering says why.
    """
    out, at = [], 0
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.start < at:
            continue
        colour = TONES.get(mark.tone, "#eeeeee")
        out.append(esc(text[at : mark.start]))
        out.append(
            f'<mark class="{esc(mark.tone)}" title="{esc(mark.reason)}" '
            f'style="background:{colour};padding:0 2px;border-radius:3px">'
            f"{esc(text[mark.start : mark.end])}</mark>"
        )
        at = mark.end
    out.append(esc(text[at:]))
    return "".join(out)


def claim_card(side: Side, label: str) -> str:
    """One side of a pair: outlet, date, language, origin chain, context and the claim."""
    dir_ = direction(side.language)
    meta = " · ".join(
        f"<bdi>{esc(part)}</bdi>"  # each part isolated: an Arabic outlet does not flip a date
        for part in (side.source, side.published, side.language, side.article_ref)
        if part not in (None, "")
    )
    chain = (
        f'<div class="origin" style="color:#555;font-size:0.85em">via '
        f"{esc(' › '.join(side.origin_chain))}</div>"
        if len(side.origin_chain) > 1
        else ""
    )
    before = (
        f'<p class="context" style="color:#777;margin:0.2em 0">{esc(side.before)}</p>'
        if side.before
        else ""
    )
    after = (
        f'<p class="context" style="color:#777;margin:0.2em 0">{esc(side.after)}</p>'
        if side.after
        else ""
    )
    return (
        f'<div class="claim-card" data-side="{esc(label)}" '
        'style="border:1px solid #ddd;border-radius:8px;padding:0.8em;height:100%">'
        f'<div class="meta" style="font-size:0.85em;color:#333" dir="auto">'
        f"<b>{esc(label)}</b> · {meta}</div>{chain}"
        f'<div dir="{dir_}" lang="{esc(side.language)}" '
        f'style="text-align:{"right" if dir_ == "rtl" else "left"};margin-top:0.5em">'
        f"{before}"
        '<p class="claim" style="font-size:1.15em;margin:0.3em 0">'
        f"{marked(side.text, side.marks)}</p>"
        f"{after}</div></div>"
    )


def reading_aid_html(aid: ReadingAid) -> str:
    """The reading aid of one claim, marked as machine-made: what the linker read, in
    English, for a reviewer who does not read the claim's language. Every part escaped."""
    names = ", ".join(f"{esc(latin)} (<bdi>{esc(written)}</bdi>)" for written, latin in aid.names)
    parts = [
        ("said by", esc(", ".join(aid.said_by))),
        ("titles", esc(", ".join(aid.titles))),
        ("names", names),
        ("numbers", esc(", ".join(aid.numbers))),
        ("dates", esc(", ".join(aid.dates))),
        ("about", esc(", ".join(aid.concepts))),
        ("negated", "yes" if aid.negated else ""),
    ]
    items = "".join(f"<li><b>{label}:</b> {value}</li>" for label, value in parts if value)
    return (
        '<div class="reading-aid" lang="en" dir="ltr" '
        'style="border:1px dashed #999;border-radius:6px;padding:0.4em 0.6em;margin-top:0.4em;'
        'background:#f7f7f7;font-size:0.85em;color:#333">'
        f'<div class="aid-head"><i>Machine reading of the {esc(aid.language)} text, not a '
        "translation: what the linker understood</i></div>"
        f"<ul style='margin:0.2em 0 0 1em;padding:0'>{items or '<li>nothing read</li>'}</ul>"
        "</div>"
    )


def reasons(agrees: Iterable[str], differs: Iterable[str]) -> str:
    """The explanation as two lists: what differs (marked) and what agrees."""
    differ_items = "".join(
        f'<li dir="auto"><mark class="differ" style="background:{TONES["differ"]}">'
        f"{esc(entry)}</mark></li>"
        for entry in differs
    )
    agree_items = "".join(f'<li dir="auto">{esc(entry)}</li>' for entry in agrees)
    parts = []
    if differ_items:
        parts.append(f'<div class="differs"><b>Differs</b><ul>{differ_items}</ul></div>')
    parts.append(
        f'<div class="agrees"><b>Agrees</b><ul>{agree_items or "<li>nothing named</li>"}</ul></div>'
    )
    return "".join(parts)


def badge(text: str) -> str:
    """A small coloured label for a status, suggestion or verdict (fixed vocabularies)."""
    colour = TONES.get(text, "#eeeeee")
    return (
        f'<span class="badge" style="background:{colour};padding:1px 8px;border-radius:10px">'
        f"{esc(text)}</span>"
    )


def article_with_claims(text: str, spans: Iterable[tuple[int, int, str, str]], lang: str) -> str:
    """An article's text with each claim span ``(start, end, status, claim_id)`` coloured."""
    out, at = [], 0
    for start, end, status, claim_id in sorted(spans):
        if start < at or end > len(text):
            continue
        out.append(esc(text[at:start]))
        out.append(
            f'<span class="claim {esc(status)}" data-claim="{esc(claim_id)}" title="{esc(status)}" '
            f'style="background:{TONES.get(status, "#eeeeee")};border-radius:3px">'
            f"{esc(text[start:end])}</span>"
        )
        at = end
    out.append(esc(text[at:]))
    dir_ = direction(lang)
    body = "".join(out).replace("\n", "<br>")
    return f'<div dir="{dir_}" lang="{esc(lang)}" style="line-height:1.8">{body}</div>'
