"""Splitting a sentence into the clauses that report commitments, and enumerations into items.

Clauses: a sentence is cut at ";" and coordinating conjunctions (``clause_split``), and at a
conjunction (``conjunction``: and, и, а) followed directly by a status cue ("discussed X and
agreed to Y") or by a verb ("agreed to build X and to hold Y"). A part with no cue of its own
joins the clause before it, except when it opens with a verb and names a commitment object: then
it inherits that clause's status ("agreed to build a line and set a target" gives two). A part
that opens with its cue but names neither an object nor a sector continues the clause before it
and updates its status ("discussed a centre and agreed to create it": agreed).

Items: a clause naming several documents ("signed an agreement on X, a memorandum on Y and an
action plan on Z") gives one item per document noun phrase, cut at the separators between them; a
document noun that does not follow a separator ("a memorandum on the implementation of the
programme") stays inside the item before it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ...pipeline import Doc
from .lexicon import DOCUMENT_KINDS, Lexicon, kind_matches
from .status import Cue, all_cues

PUNCT = " ,;:.—–-\t\n"
LEADING_SEPARATOR = re.compile(r"(?:[\s,;:.—–-]+|(?:and|as well as|и|а также)(?!\w))*", re.I)
SEPARATOR = re.compile(r"(?:[,;:—–]|\band\b|\bas well as\b|(?<!\w)(?:и|а также)(?!\w))\s*$", re.I)


@dataclass
class Part:
    """A clause of a sentence (offsets relative to the sentence) with its status cue."""

    start: int
    end: int
    cue: Cue | None  # its own first cue, relative to the sentence
    inherited: str | None = None  # status taken from the clause before it
    focus: int | None = None  # where the stretch its cue comes from begins (default: start)

    def __post_init__(self) -> None:
        if self.focus is None:
            self.focus = self.start


def _cuts(text: str, lexicon: Lexicon, verbs: set[int], cues: list[Cue]) -> list[tuple[int, int]]:
    """(start, end) of every cut: the separator text belongs to neither side."""
    cue_starts = {c.start for c in cues}
    cuts = [m.span() for m in lexicon.clause_split.finditer(text)]
    for match in lexicon.conjunction.finditer(text):
        if match.start() == 0:
            continue
        after = match.end()
        if after in cue_starts or _starts_with_verb(after, text, verbs):
            cuts.append((match.start(), after))
    cuts.sort()
    out: list[tuple[int, int]] = []
    for cut in cuts:
        if not out or cut[0] >= out[-1][1]:
            out.append(cut)
    return out


def _cue_in(cues: list[Cue], start: int, end: int) -> Cue | None:
    return next((c for c in cues if start <= c.start and c.end <= end), None)


def split_parts(text: str, *, lexicon: Lexicon, verbs: set[int] = frozenset()) -> list[Part]:
    """The clauses of a sentence; ``verbs``: start offsets (in ``text``) of its verb tokens."""
    cues = all_cues(text, patterns=lexicon.statuses)
    cuts = _cuts(text, lexicon, verbs, cues)
    bounds = [(0, 0)] + cuts + [(len(text), len(text))]
    parts: list[Part] = []
    for (_, a), (b, _) in zip(bounds, bounds[1:]):
        part = Part(a, b, _cue_in(cues, a, b))
        named = bool(kind_matches(text[a:b], lexicon=lexicon))
        if not parts:
            parts.append(part)
        elif part.cue is None:
            if named and _starts_with_verb(a, text, verbs) and (parts[-1].cue or parts[-1].inherited):
                part.inherited = parts[-1].cue.status if parts[-1].cue else parts[-1].inherited
                parts.append(part)
            else:
                _merge(parts[-1], part, later_status=False)
        elif parts[-1].cue is None and parts[-1].inherited is None:
            _merge(parts[-1], part, later_status=True)
        elif part.cue.start == a and not named and not lexicon.sectors.names_field(text[a:b]):
            _merge(parts[-1], part, later_status=True)  # "X is under way and is due to be completed"
        else:
            parts.append(part)
    return parts


def _starts_with_verb(start: int, text: str, verbs: set[int]) -> bool:
    return start in verbs or (text[start:start + 3].lower() == "to " and start + 3 in verbs)


def _merge(into: Part, part: Part, *, later_status: bool) -> None:
    """Join ``part`` to the clause before it; with ``later_status`` its cue gives the status."""
    into.end = part.end
    if later_status and part.cue is not None:
        into.cue, into.inherited, into.focus = part.cue, None, part.start


# -- noun phrases and enumerations ---------------------------------------------------------------

def _left_edge_spacy(parsed, start: int, end: int) -> int | None:
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root.left_edge.idx if span is not None and len(span) else None


def _left_edge_natasha(ndoc, start: int) -> int | None:
    sents = ndoc.sents
    at = bisect_right([sent.start for sent in sents], start) - 1
    tokens = sents[at].tokens if at >= 0 else []
    heads = [t for t in tokens if t.start <= start < t.stop]
    if not heads:
        return None
    children: dict[str, list] = {}
    for tok in tokens:
        children.setdefault(tok.head_id, []).append(tok)
    left, stack, seen = heads[0].start, [heads[0]], {heads[0].id}
    while stack:
        for child in children.get(stack.pop().id, []):
            if child.id not in seen:
                seen.add(child.id)
                left = min(left, child.start)
                stack.append(child)
    return left


def left_edge(doc: Doc, start: int, end: int) -> int:
    """Where the noun phrase headed by the word at ``start`` begins (``start`` without a parse)."""
    edge = None
    if doc.extras.get("spacy") is not None:
        edge = _left_edge_spacy(doc.extras["spacy"], start, end)
    elif doc.extras.get("natasha") is not None:
        edge = _left_edge_natasha(doc.extras["natasha"], start)
    return start if edge is None else min(edge, start)


def enumeration(doc: Doc, start: int, end: int, kinds: list[tuple[str, int, int]],
                lexicon: Lexicon) -> list[tuple[int, int, str, tuple[int, int]]]:
    """(start, end, kind, kind span) per document named in [start, end); ``kinds``: absolute."""
    text = doc.text
    items: list[list] = []
    for kind, ks, ke in kinds:
        if kind not in DOCUMENT_KINDS:
            continue
        floor = items[-1][3][1] if items else start
        left = left_edge(doc, ks, ke)
        left = left if left >= floor else max(ks, floor)
        left += LEADING_SEPARATOR.match(text, left, ks).end() - left  # the parser hangs "and" on it
        if items and not SEPARATOR.search(text[items[-1][3][1]:left]):
            continue  # nested in the item before it
        items.append([left, None, kind, (ks, ke)])
    for item, following in zip(items, items[1:]):
        item[1] = following[0]
    if items:
        stop = lexicon.title_stop.search(text, items[-1][3][1], end)
        items[-1][1] = stop.start() if stop else end
    out = []
    for left, right, kind, span in items:
        body = text[left:right]
        tail = len(body.rstrip(PUNCT))
        tail = _strip_trailing_separator(body[:tail])
        out.append((left, left + tail, kind, span))
    return out


def _strip_trailing_separator(body: str) -> int:
    match = re.search(r"[\s,;]+(?:and|as well as|и|а также)$", body, re.I)
    return match.start() if match else len(body)
