"""Predicate clauses of a sentence, for coding more than one event per sentence.

A sentence such as "The ministers held talks and signed a memorandum" reports two acts. From the
dependency arcs of :func:`.features.sentence_heads` (spaCy for English, natasha for Russian) the
sentence is split into its main predicate (after a reporting verb such as "said"/"заявил", the
predicate of its complement, as in :func:`.features.predicate_phrase`) and the verbs coordinated
with it (``conj``, also along a chain "A, B and C") that have no subject of their own, so share
the main one. A coordinated reporting verb ("... and said the treaty would ...") opens no
clause: what it reports has its own subject, so the sentence's roles would not fit it. Each
clause holds its predicate and its own dependents, without the other clauses; a coordinated
clause also takes the shared subject and the main predicate's auxiliaries and negation ("will
meet and sign", "did not meet or call"), which carry its tense and polarity. No word lists: the
split uses the parse only (and the reporting verbs of :data:`.features.SAY`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...pipeline import Doc
from . import features as F
from . import roles as R

VERB_POS = ("VERB",)
SHARED_DEPS = ("aux", "aux:pass", "auxpass", "neg")
MAX_CLAUSES = 3


@dataclass
class Clause:
    """One predicate clause: arc indices into the sentence's heads, and its phrases."""

    predicate: int
    members: list[int]  # sorted arc indices: the predicate, its own dependents, shared words
    phrases: tuple[str, ...]  # the clause phrase at each depth of ``F.PHRASE_DEPTHS``

    def starts(self, heads: list[F.Head]) -> set[int]:
        return {heads[i][0] for i in self.members}


def _subtree(kids: dict[int, list[int]], top: int, stop: set[int]) -> set[int]:
    out, todo = set(), [top]
    while todo:
        i = todo.pop()
        if i in out or (i in stop and i != top):
            continue
        out.add(i)
        todo.extend(kids[i])
    return out


def _has_subject(heads: list[F.Head], kids: dict[int, list[int]], i: int) -> bool:
    return any(heads[k][1].lower().startswith(("nsubj", "csubj")) for k in kids[i])


def split(heads: list[F.Head]) -> list[Clause]:
    """The predicate clauses of a sentence, main one first; one or none when nothing is
    coordinated with the main predicate (the sentence is then coded as a whole)."""
    if not heads:
        return []
    kids = F.children(heads)
    root = F.main_predicate(heads, kids)
    if root is None:
        return []
    predicates, todo = [root], [root]
    while todo and len(predicates) < MAX_CLAUSES:
        i = todo.pop(0)
        for k in kids[i]:
            if (heads[k][1].lower() == "conj" and heads[k][4] in VERB_POS
                    and heads[k][3] not in F.SAY and not _has_subject(heads, kids, k)
                    and len(predicates) < MAX_CLAUSES):
                predicates.append(k)
                todo.append(k)
    if len(predicates) < 2:
        return []
    stop = set(predicates)
    shared = set()
    for k in kids[root]:
        dep = heads[k][1].lower()
        if dep.startswith("nsubj") or dep in SHARED_DEPS or (
                heads[k][4] == "PART" and heads[k][0] < heads[root][0]):
            shared |= _subtree(kids, k, stop)
    out = []
    for p in predicates:
        own = _subtree(kids, p, stop)
        members = own | (shared if p != root else set())
        members = sorted(i for i in members if heads[i][1].lower() != "cc")
        banned = set(range(len(heads))) - own
        phrases = tuple(F.clause_phrase(heads, p, exclude=banned, depth=d)
                        for d in F.PHRASE_DEPTHS)
        out.append(Clause(predicate=p, members=members, phrases=phrases))
    return out


def distinct(clauses: list[Clause]) -> bool:
    """Two or more clauses whose predicate phrases differ (worth coding one by one)."""
    return len({c.phrases[0] for c in clauses if c.phrases[0]}) >= 2


def text_of(doc: Doc, words: R.Words, starts: set[int]) -> str:
    """The clause's text: its tokens' runs of the document text, in order, joined by spaces."""
    runs: list[tuple[int, int]] = []
    inside = False
    for token in words.tokens:
        if token.start in starts:
            if inside:
                runs[-1] = (runs[-1][0], token.end)
            else:
                runs.append((token.start, token.end))
            inside = True
        else:
            inside = False
    return " ".join(doc.text[a:b] for a, b in runs)


def sub_words(words: R.Words, starts: set[int]) -> tuple[R.Words, list[int]]:
    """The sentence words of a clause and, for each, its index in the sentence."""
    keep = [i for i, t in enumerate(words.tokens) if t.start in starts]
    return (R.Words([words.tokens[i] for i in keep], [words.lemmas[i] for i in keep],
                    [words.texts[i] for i in keep]), keep)
