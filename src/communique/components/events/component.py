"""``EventCoder``: PLOVER events of the sentences that report them (EN and RU).

For every sentence with a verb, the type comes from the shipped classifier (softmax over the
sentence embedding, the embedding of its predicate phrase and its trigger-lexicon hits,
:mod:`.features`, :mod:`.classifier`) combined with the trigger lemmas of the language's
lexicon (rule in :mod:`.classifier`). Three PLOVER conventions are applied on top: a
cooperative action reported in the future or as an intention (CONSULT, SUPPORT, COOPERATE, AID +
"will", "plan to", a future verb) is AGREE; a coercive one (SANCTION, COERCE, ASSAULT: "will
impose sanctions") is THREATEN; a negated action ("did not meet") is not coded, except for
REJECT whose content is a refusal. Roles, location, mode and context come from :mod:`.roles`.

A compound sentence ("held talks and signed a declaration") is also coded clause by clause
(:mod:`.clauses`): when its main predicate and the verbs coordinated with it have different
predicate phrases, each clause is classified on its own text and phrase with the same rule, and
every clause type other than the sentence's adds an event (at most ``clauses.MAX_CLAUSES`` per
sentence). A meeting the sentence names by a noun and reports as held ("signed ... after
talks", :mod:`.nominal`) adds a CONSULT event the same way. An added event passes the same thresholds as the sentence's, takes its negation and
future from its clause, and its roles from the sentence around its own trigger; its evidence is
the sentence. Nothing is added to a sentence that gets no event as a whole.

An English sentence written in title case (a headline) is read in sentence case and parsed again
(:mod:`.casing`): the classifier was trained on sentence case, and the parser takes every
capitalised word of a headline for a name (so "Visits" was no verb and the line no candidate).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ...pipeline import Doc
from ...records import Event, Sentence, Span
from . import clauses as C
from . import features as F
from . import nominal as N
from . import roles as R
from .casing import reread
from .classifier import CLAUSE_MIN_EVENT, MODEL_PATH, NONE, PloverClassifier, combine

FUTURE_TO_AGREE = ("CONSULT", "SUPPORT", "COOPERATE", "AID")
FUTURE_TO_THREATEN = ("SANCTION", "COERCE", "ASSAULT")
INTERSTATE = ("CONSULT", "AGREE", "SUPPORT")
MAX_SENTENCE_CHARS = 2000


def event_id(*, doc_id: str, start: int, plover: str) -> str:
    """Stable id from the document, the sentence start and the type."""
    digest = hashlib.sha1(f"{doc_id}:{start}:{plover}".encode("utf-8")).hexdigest()
    return f"ev_{digest[:16]}"


class EventCoder:
    name = "events"
    version = "8"  # 8: a line without a parsed verb is read when it holds a trigger
    # 7: whether a sentence reports an event is decided by the model's event gate
    # (trained with 703 examples of non-political news), apart from its type
    # 6: a meeting named by a noun adds a CONSULT event; future coercive acts are
    # THREATEN (same model)
    # 5: the model retrained with 703 more examples (boundary_*.jsonl); a verb
    # hanging outside the sentence's parse is its predicate
    # 4: compound sentences coded clause by clause (up to 3 events of distinct types);
    # title-case sentences read in sentence case
    # 3: the averaged network + linear model, raised thresholds
    requires = ("sentences", "mentions", "timexes")
    assigns = ("events",)

    def __init__(self, *, model_path: str | Path | None = None,
                 model: PloverClassifier | None = None):
        """The shipped classifier by default; ``model_path`` or an in-memory ``model`` (an
        evaluation's fold model) replace it."""
        self.model_path = Path(model_path) if model_path else MODEL_PATH
        self._model: PloverClassifier | None = model

    @property
    def model(self) -> PloverClassifier:
        if self._model is None:
            self._model = PloverClassifier.load(self.model_path)
        return self._model

    @property
    def extractor(self) -> str:
        return f"{self.name}@{self.version}"

    def __call__(self, docs: list[Doc]) -> None:
        """Code every document's sentences; all candidate sentences are embedded in one batch,
        the clauses of compound sentences in a second one."""
        candidates = []  # (doc, sentence, words, the text to read, its parse arcs)
        found = []  # the trigger hits of each candidate
        for doc in docs:
            lex = R.lexicon(doc.lang)
            if lex is None:
                continue
            starts = [t.start for t in doc.tokens]
            for sent in doc.sentences:
                if len(sent.text) > MAX_SENTENCE_CHARS:
                    continue
                words = _words(doc, sent, starts)
                text, words, heads = reread(doc.lang, sent, words)
                hits = R.triggers(lex, words)
                # a line is read even without a parsed verb when it holds a trigger: the parser
                # often tags a headline's verb as a noun ("Country A Denounces Actions ...");
                # the event gate still decides
                if _has_verb(words) or hits:
                    candidates.append((doc, sent, words, text,
                                       F.sentence_heads(doc, sent) if heads is None else heads))
                    found.append(hits)
        if not candidates:
            return
        x = F.features([text for *_, text, _ in candidates], [h for *_, h in candidates],
                       [F.trigger_vector(f, F.markers(R.lexicon(d.lang), w, d, s))
                        for f, (d, s, w, _, _) in zip(found, candidates)])
        probs = self.model.predict_proba(x)
        parts = [self._clauses(doc, words, h) for doc, _, words, _, h in candidates]
        rows = [row for part in parts for row in part]
        clause_probs = self._predict_clauses(rows)
        offset = 0
        for (doc, sent, words, _, heads), p, hits, part in zip(candidates, probs, found, parts):
            part_probs = clause_probs[offset:offset + len(part)]
            offset += len(part)
            event = self.code(doc, sent, words=words, probs=p, found=hits, clauses=part)
            if event is None:
                continue  # a clause alone may not add an event the sentence does not report
            doc.events.append(event)
            types = {event.plover}
            for row, row_probs in zip(part, part_probs):
                extra = self.code_clause(doc, sent, words=words, clause=row, probs=row_probs)
                if (extra is not None and extra.plover not in types
                        and len(types) < C.MAX_CLAUSES):
                    doc.events.append(extra)
                    types.add(extra.plover)
            if "CONSULT" not in types and len(types) < C.MAX_CLAUSES:
                meeting = self.code_meeting(doc, sent, words=words, heads=heads)
                if meeting is not None:
                    doc.events.append(meeting)

    def _clauses(self, doc: Doc, words: R.Words, heads: list) -> list[ClauseRow]:
        """The rows to classify for the clauses of a compound sentence (none for a simple one)."""
        clauses = C.split(heads)
        if not C.distinct(clauses):
            return []
        lex = R.lexicon(doc.lang)
        out = []
        for clause in clauses:
            starts = clause.starts(heads)
            sub, index = C.sub_words(words, starts)
            token_starts = [t.start for t in sub.tokens]
            if heads[clause.predicate][0] not in token_starts:
                continue
            local = token_starts.index(heads[clause.predicate][0])
            out.append(ClauseRow(text=C.text_of(doc, words, starts), phrases=clause.phrases,
                                 words=sub, index=index, predicate=local,
                                 found=R.triggers(lex, sub), marks=F.markers(lex, sub, doc)))
        return out

    def _predict_clauses(self, rows: list["ClauseRow"]):
        if not rows:
            return []
        x = F.phrase_features([r.text for r in rows], [r.phrases for r in rows],
                              [F.trigger_vector(r.found, r.marks) for r in rows])
        return self.model.predict_proba(x)

    def code(self, doc: Doc, sent: Sentence, *, words: R.Words, probs,
             found: dict[str, int] | None = None,
             clauses: list["ClauseRow"] = ()) -> Event | None:
        """The event of one sentence from its class probabilities, or None. When the trigger
        lies in one of the sentence's ``clauses``, negation and future are read in that clause
        ("did not meet or sign", "will meet and sign")."""
        lex = R.lexicon(doc.lang)
        found = R.triggers(lex, words) if found is None else found
        plover, confidence = combine(probs, labels=self.model.labels, triggered=set(found))
        if plover == NONE:
            return None
        trigger = found.get(plover, _first_verb(words))
        clause = next((c for c in clauses if trigger in c.index), None)
        if clause is not None:
            plover = self._polarity(doc, lex, plover, clause.words, clause.index.index(trigger),
                                    words, trigger, future=bool(clause.marks[0]))
        else:
            plover = self._polarity(doc, lex, plover, words, trigger, words, trigger)
        if plover is None:
            return None
        return self._event(doc, sent, words, plover=plover, confidence=confidence,
                           trigger=trigger)

    @staticmethod
    def _polarity(doc: Doc, lex: R.Lexicon, plover: str, scope: R.Words, local: int,
                  words: R.Words, trigger: int, *, future: bool = False) -> str | None:
        """None for a negated act (a REJECT stays), AGREE for a future or intended cooperative
        act, THREATEN for a future or intended coercive one ("will impose sanctions"), else
        ``plover``; read in ``scope`` (the sentence or a clause) around ``local``."""
        if plover != "REJECT" and R.is_negated(lex, scope, local):
            return None
        if plover in FUTURE_TO_AGREE + FUTURE_TO_THREATEN and (
                future or R.is_future(lex, scope, local, _feats(doc, words, trigger))):
            return "AGREE" if plover in FUTURE_TO_AGREE else "THREATEN"
        return plover

    def code_clause(self, doc: Doc, sent: Sentence, *, words: R.Words, clause: "ClauseRow",
                    probs) -> Event | None:
        """The event of one clause of a compound sentence (same rule as :meth:`code` on the
        clause's words), with the roles of the sentence around the clause's trigger; or None."""
        lex = R.lexicon(doc.lang)
        plover, confidence = combine(probs, labels=self.model.labels,
                                     triggered=set(clause.found), thresholds=CLAUSE_MIN_EVENT)
        if plover == NONE:
            return None
        local = clause.found.get(plover, clause.predicate)
        trigger = clause.index[local]
        plover = self._polarity(doc, lex, plover, clause.words, local, words, trigger,
                                future=bool(clause.marks[0]))
        if plover is None:
            return None
        return self._event(doc, sent, words, plover=plover, confidence=confidence,
                           trigger=trigger)

    def code_meeting(self, doc: Doc, sent: Sentence, *, words: R.Words,
                     heads: list) -> Event | None:
        """The CONSULT event of a meeting the sentence names by a noun as held ("signed ...
        after talks", :mod:`.nominal`), or None."""
        meeting = N.held_meeting(R.lexicon(doc.lang), words, heads,
                                 feats=lambda i: _feats(doc, words, i))
        if meeting is None:
            return None
        return self._event(doc, sent, words, plover="CONSULT", confidence=N.CONFIDENCE,
                           trigger=meeting.anchor)

    def _event(self, doc: Doc, sent: Sentence, words: R.Words, *, plover: str,
               confidence: float, trigger: int) -> Event:
        lex = R.lexicon(doc.lang)
        roles = R.assign(doc, sent, words, plover=plover, trigger=trigger, lex=lex)
        mode = "visit" if roles.visit else R.mode_of(lex, plover, words)
        context = R.contexts(lex, words)
        if plover in INTERSTATE and "diplomatic" not in context and _n_countries(doc, roles) >= 2:
            context.append("diplomatic")  # a meeting or accord between two states is diplomacy
        return Event(
            id=event_id(doc_id=doc.id, start=sent.start, plover=plover), doc=doc.id,
            plover=plover, mode=mode,
            context=context, actor=roles.actor, recipient=roles.recipient,
            location=roles.location, date=R.date_of(doc, sent),
            evidence=[Span(doc=doc.id, start=sent.start, end=sent.end, text=sent.text)],
            extractor=self.extractor, confidence=confidence,
        )


@dataclass
class ClauseRow:
    """A clause to classify: its text and phrases (features), its words (with their indices in
    the sentence), its predicate's index among them, its trigger hits and markers."""

    text: str
    phrases: tuple[str, ...]
    words: R.Words
    index: list[int]
    predicate: int
    found: dict[str, int]
    marks: tuple[float, float]


def _n_countries(doc: Doc, roles: R.Roles) -> int:
    ids = [e for e in roles.actor + roles.recipient if e in doc.entities]
    countries = {doc.entities[e].country for e in ids}
    countries.discard(None)
    return len(countries)


def _words(doc: Doc, sent: Sentence, starts: list[int]) -> R.Words:
    lo = bisect.bisect_left(starts, sent.start)
    hi = bisect.bisect_left(starts, sent.end)
    return R.Words.of(doc.tokens[lo:hi])


def _has_verb(words: R.Words) -> bool:
    return any(t.pos in ("VERB", "AUX") for t in words.tokens)


def _first_verb(words: R.Words) -> int:
    return next((i for i, t in enumerate(words.tokens) if t.pos == "VERB"), 0)


def _feats(doc: Doc, words: R.Words, index: int) -> dict | None:
    """Morphological features of a token from the Russian parse, when there is one; for a
    trigger that is no verb ("санкции"), those of the verb shortly before it ("введет")."""
    parsed = doc.extras.get("natasha")
    if parsed is None or not words.tokens:
        return None
    if words.tokens[index].pos not in ("VERB", "AUX"):
        index = next((j for j in range(index - 1, max(-1, index - 4), -1)
                      if words.tokens[j].pos in ("VERB", "AUX")), index)
    start = words.tokens[index].start
    for token in parsed.tokens:
        if token.start == start:
            return dict(token.feats or {})
    return None
