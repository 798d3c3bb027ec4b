"""Finding commitments in a document: signing lists, then the clauses that report commitments.

Per language lexicon (``en.json``, ``ru.json``):

1. Lists. A line introducing documents ("the following documents were signed", "подписаны
   следующие документы", or a line ending in ":" with a signing verb) followed by bulleted or
   numbered lines, or by lines opening with a document noun: each item is one commitment, with the
   introduction's status (``signed`` by default) and the kind of the item's first document noun.
2. Clauses (``clauses``). A clause with a status cue yields one commitment when it names a
   commitment object (the kind nouns: documents, programmes, plans, projects and facilities,
   initiatives) or says what was agreed, discussed... in a few words; a clause naming several
   documents yields one per document ("signed an agreement on X, a memorandum on Y"). A generic
   "14 documents were signed" yields one commitment only where the document names none of them
   (kind from the noun: "20 agreements"), and a headline none (it restates the body). The kind is
   that of the first commitment noun of the stretch the status cue comes from, else the first.
   One commitment per clause: "agreed to expand corridors A and B and the C-D line" is one (the
   expansion); "X was opened in A, and Y was opened in B" are two.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ...pipeline import Doc
from ..segment import paragraphs
from .clauses import Part, enumeration, split_parts
from .lexicon import DOCUMENT_KINDS, Lexicon, find_kind, kind_matches
from .sector import heading_sector
from .status import all_cues

BULLET = re.compile(r"^\s*(?:[-–—•*·▪‣]|\d{1,3}[.)])\s*")
TERMINAL = re.compile(r"[.!?:;\"»”)]\s*$")
MAX_HEADING_WORDS = 8
MAX_HEADLINE_WORDS = 25
MIN_OBJECT_WORDS = 3  # words (3+ letters) besides its cue a clause without a commitment noun needs


@dataclass
class Candidate:
    """A commitment found in the text, before parties, date and key are resolved."""

    start: int  # evidence span in the document text
    end: int
    kind: str
    status: str
    source: str  # "list" (list item), "enum" (document of an enumeration), "clause" or "count"
    kind_span: tuple[int, int] | None  # the kind noun, document offsets
    cue_span: tuple[int, int] | None  # the status cue, document offsets
    heading: str | None  # sector of the section heading above it
    context: tuple[int, int]  # the sentence (list items: the introduction) for dates


def _trim(text: str, start: int, end: int, strip: str = " \t\n;,.:") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


# -- lists -------------------------------------------------------------------------------------

def _is_item(line: str, lexicon: Lexicon) -> bool:
    if BULLET.match(line) and len(line) > len(BULLET.match(line).group(0)):
        return True
    kind = find_kind(line[:60], lexicon=lexicon)
    return bool(kind and kind[1] <= 4 and kind[0] != "project")


def _intro_status(line: str, lexicon: Lexicon) -> str | None:
    """The status a list introduction gives its items, or None when the line introduces no list."""
    if not (lexicon.list_intro.search(line) or line.rstrip().endswith(":")):
        return None
    cues = all_cues(line, patterns=lexicon.statuses)
    if lexicon.list_intro.search(line):
        return cues[-1].status if cues else lexicon.list_status
    return cues[-1].status if cues and cues[-1].status == "signed" else None


def list_items(text: str, *, lexicon: Lexicon) -> list[tuple[tuple[int, int], list[tuple[int, int]], str]]:
    """(introduction span, item spans, status) for each list of documents in the text."""
    lines = paragraphs(text)
    out, i = [], 0
    while i < len(lines):
        start, end = lines[i]
        status = _intro_status(text[start:end], lexicon)
        items, j = [], i + 1
        while status and j < len(lines) and _is_item(text[lines[j][0]:lines[j][1]], lexicon):
            s, e = lines[j]
            bullet = BULLET.match(text[s:e])
            items.append(_trim(text, s + (bullet.end() if bullet else 0), e))
            j += 1
        if items:
            out.append(((start, end), items, status))
            i = j
        else:
            i += 1
    return out


def list_candidates(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    out = []
    for intro, items, status in list_items(doc.text, lexicon=lexicon):
        for start, end in items:
            found = find_kind(doc.text[start:end], lexicon=lexicon)
            kind = found[0] if found else "other"
            span = (start + found[1], start + found[2]) if found else None
            out.append(Candidate(start, end, kind, status, "list", span, None, None, intro))
    return out


# -- clauses -----------------------------------------------------------------------------------

def org_spans(doc: Doc) -> list[tuple[int, int]]:
    """Organisation names: from the mentions, else from the parser's own named entities."""
    if doc.mentions:
        return [(m.start, m.end) for m in doc.mentions if m.kind == "ORG"]
    if doc.extras.get("spacy") is not None:
        return [(e.start_char, e.end_char) for e in doc.extras["spacy"].ents if e.label_ == "ORG"]
    if doc.extras.get("natasha") is not None:
        return [(s.start, s.stop) for s in doc.extras["natasha"].spans if s.type == "ORG"]
    return []


def headings(doc: Doc, lexicon: Lexicon) -> dict[int, str | None]:
    """sentence start -> the sector of the section heading above it (None: no heading yet)."""
    current, out = None, {}
    lines = {start: end for start, end in paragraphs(doc.text)}
    for sent in doc.sentences:
        is_heading = (lines.get(sent.start) == sent.end and not TERMINAL.search(sent.text)
                      and len(sent.text.split()) <= MAX_HEADING_WORDS and not BULLET.match(sent.text))
        if is_heading:
            current = heading_sector(sent.text, lexicon=lexicon.sectors)
        out[sent.start] = current
    return out


def objects(clause: str, base: int, lexicon: Lexicon,
            orgs: list[tuple[int, int]]) -> list[tuple[str, int, int]] | None:
    """The commitment nouns of a clause (absolute offsets); None when it names only generic documents.

    Ignored: nouns in a list introduction, inside a generic "14 documents", document nouns inside an
    organisation's name ("Collective Security Treaty Organization", but not a "Treaty on X" the
    recogniser took for an organisation), and anything but documents after a generic noun ("the
    signed documents open opportunities for projects")."""
    intro = lexicon.list_intro.search(clause)
    window = clause[:intro.start()] if intro else clause
    generic = lexicon.generic.search(window)
    out = []
    for kind, start, end in kind_matches(window, lexicon=lexicon):
        if generic and start < generic.end() and end > generic.start():
            continue
        if (generic or intro) and kind not in DOCUMENT_KINDS:
            continue
        if kind in DOCUMENT_KINDS and _inside_name(clause, base, start, end, orgs):
            continue
        out.append((kind, base + start, base + end))
    return None if (generic or intro) and not out else out


def _inside_name(clause: str, base: int, start: int, end: int, orgs: list[tuple[int, int]]) -> bool:
    """Whether a document noun sits inside an organisation's name (words on both sides of it)."""
    for s, e in orgs:
        if s <= base + start and base + end <= e:
            before = re.sub(r"(?i)^\W*the\b", "", clause[max(0, s - base):start])
            if re.search(r"\w{3,}", before) and re.search(r"\w{2,}", clause[end:max(end, e - base)]):
                return True
    return False


def _has_object(clause: str, part: Part) -> bool:
    """Whether a clause without a commitment noun still says what was agreed, discussed, ..."""
    if part.cue is None:
        return False
    rest = clause[:part.cue.start - part.start] + " " + clause[part.cue.end - part.start:]
    return len(re.findall(r"\w{3,}", rest)) >= MIN_OBJECT_WORDS


def _part_candidates(doc: Doc, sent, part: Part, lexicon: Lexicon, orgs, heading) -> list[Candidate]:
    a, b = sent.start + part.start, sent.start + part.end
    clause = doc.text[a:b]
    status = part.cue.status if part.cue else part.inherited
    listing = lexicon.enumeration_intro.search(clause) or lexicon.generic.search(clause)
    kinds = objects(clause, a, lexicon, orgs)
    if status is None and lexicon.enumeration_intro.search(clause):
        # "the package includes an agreement on X, ...": documents listed after a signing
        kinds = [k for k in kinds or [] if k[0] in DOCUMENT_KINDS]
        status = lexicon.list_status if kinds else None
    cue = (sent.start + part.cue.start, sent.start + part.cue.end) if part.cue else None
    context = (sent.start, sent.end)
    if status == "signed" and kinds is None and (counted := lexicon.counted.search(clause)):
        found = find_kind(counted.group(0), lexicon=lexicon)
        start, end = _trim(doc.text, a, b)
        span = (a + counted.start(), a + counted.end())
        return [Candidate(start, end, found[0] if found else "other", status, "count", span, cue,
                          heading, context)]
    if status is None or kinds is None:
        return []
    named = [k for k in kinds if k[0] in DOCUMENT_KINDS]
    if len(named) >= 2 or (named and listing):
        items = enumeration(doc, a, b, kinds, lexicon)
        if len(items) >= 2 or listing:
            return [Candidate(s, e, kind, status, "enum", span, cue, heading, context)
                    for s, e, kind, span in items]
    if not kinds and not _has_object(clause, part):
        return []
    start, end = _trim(doc.text, a, b)
    focus = [k for k in kinds if k[1] >= sent.start + part.focus]  # in the stretch of the cue
    kind = (focus or kinds or [("other", None, None)])[0]
    span = (kind[1], kind[2]) if kinds else None
    return [Candidate(start, end, kind[0], status, "clause", span, cue, heading, context)]


def clause_candidates(doc: Doc, lexicon: Lexicon, skip: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    sections = headings(doc, lexicon)
    orgs = org_spans(doc)
    verbs = sorted(t.start for t in doc.tokens if t.pos == "VERB")
    skip = sorted(skip)
    starts = [s for s, _ in skip]
    for sent in doc.sentences:
        before = bisect_left(starts, sent.end) - 1  # spans are disjoint: only this one can overlap
        if before >= 0 and skip[before][1] > sent.start:
            continue
        first, last = bisect_left(verbs, sent.start), bisect_left(verbs, sent.end)
        sent_verbs = {v - sent.start for v in verbs[first:last]}
        for part in split_parts(sent.text, lexicon=lexicon, verbs=sent_verbs):
            out.extend(_part_candidates(doc, sent, part, lexicon, orgs, sections.get(sent.start)))
    return out


def headline(text: str) -> tuple[int, int] | None:
    """The first line when it is a headline (no final stop, more text below): it restates the body."""
    lines = paragraphs(text)
    if len(lines) < 2:
        return None
    start, end = lines[0]
    line = text[start:end]
    if TERMINAL.search(line) or len(line.split()) > MAX_HEADLINE_WORDS:
        return None
    return start, end


def candidates(doc: Doc, *, lexicon: Lexicon) -> list[Candidate]:
    """Every commitment candidate of a document, in text order."""
    listed = list_candidates(doc, lexicon)
    skip = [(c.start, c.end) for c in listed] + [h for h in [headline(doc.text)] if h]
    found = listed + clause_candidates(doc, lexicon, skip)
    if any(c.source in ("list", "enum") for c in found):  # the counted documents are named
        found = [c for c in found if c.source != "count"]
    return sorted(found, key=lambda c: c.start)
