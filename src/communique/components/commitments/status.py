"""Commitment status from the wording that reports it (CONTRACT.md's status table).

The language lexicon (``en.json``, ``ru.json``) lists, per status, the phrases that report it:
``proposed`` (plans are underway, в планах, invited), ``considered`` (is being considered,
прорабатывается), ``in_progress`` (is under construction, реализуются, are operating),
``completed`` (was opened, открыт), ``signed`` (signed, подписаны), ``agreed`` (agreed to,
договорились, will be built), ``discussed`` (were discussed, обсудили).

The status is that of the cue that comes first in the clause reporting the commitment (the
extractor splits sentences into clauses first), the longest cue winning a tie: "plans are
underway" is ``proposed`` although "underway" alone is ``in_progress``; "will be built" is
``agreed`` although "built" after "was" is ``completed``. A cue right after a negation ("did not
sign", "не подписали") reports nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NEGATION = re.compile(r"(?:\b(?:not|never|no)|n't|(?<!\w)(?:не|нет|ни))\s+(?:\w+\s+)?$", re.I)


@dataclass(frozen=True)
class Cue:
    """A status cue found in a clause: offsets relative to the text searched."""

    status: str
    start: int
    end: int


def find_cue(text: str, *, patterns: list[tuple[re.Pattern, str]]) -> Cue | None:
    """The first (then longest) status cue in ``text``, or None; negated cues are skipped."""
    cues = all_cues(text, patterns=patterns)
    return cues[0] if cues else None


def all_cues(text: str, *, patterns: list[tuple[re.Pattern, str]]) -> list[Cue]:
    """Every non-negated cue in ``text``, in order of position."""
    cues = []
    for pattern, status in patterns:
        for match in pattern.finditer(text):
            if not NEGATION.search(text[max(0, match.start() - 20):match.start()]):
                cues.append(Cue(status, match.start(), match.end()))
    return sorted(cues, key=lambda c: (c.start, -(c.end - c.start)))
