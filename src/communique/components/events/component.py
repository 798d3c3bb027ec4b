"""``EventCoder``: one PLOVER event per sentence that reports one (EN and RU).

For every sentence with a verb, the type comes from the shipped classifier (softmax over the
sentence embedding, the embedding of its predicate phrase and its trigger-lexicon hits,
:mod:`.features`, :mod:`.classifier`) combined with the trigger lemmas of the language's
lexicon (rule in :mod:`.classifier`). Two PLOVER conventions are applied on top: a cooperative
action reported in the future or as an intention (CONSULT, SUPPORT, COOPERATE, AID + "will",
"plan to", a future verb) is AGREE; a negated action ("did not meet") is not coded, except for
REJECT whose content is a refusal. Roles, location, mode and context come from :mod:`.roles`.
"""
from __future__ import annotations

import bisect
import hashlib
from pathlib import Path

from ...pipeline import Doc
from ...records import Event, Sentence, Span
from . import features as F
from . import roles as R
from .classifier import MODEL_PATH, NONE, PloverClassifier, combine

FUTURE_TO_AGREE = ("CONSULT", "SUPPORT", "COOPERATE", "AID")
INTERSTATE = ("CONSULT", "AGREE", "SUPPORT")
MAX_SENTENCE_CHARS = 2000


def event_id(*, doc_id: str, start: int, plover: str) -> str:
    """Stable id from the document, the sentence start and the type."""
    digest = hashlib.sha1(f"{doc_id}:{start}:{plover}".encode("utf-8")).hexdigest()
    return f"ev_{digest[:16]}"


class EventCoder:
    name = "events"
    version = "3"  # 3: the averaged network + linear model, raised thresholds
    requires = ("sentences", "mentions", "timexes")
    assigns = ("events",)

    def __init__(self, *, model_path: str | Path | None = None):
        self.model_path = Path(model_path) if model_path else MODEL_PATH
        self._model: PloverClassifier | None = None

    @property
    def model(self) -> PloverClassifier:
        if self._model is None:
            self._model = PloverClassifier.load(self.model_path)
        return self._model

    @property
    def extractor(self) -> str:
        return f"{self.name}@{self.version}"

    def __call__(self, docs: list[Doc]) -> None:
        """Code every document's sentences; all candidate sentences are embedded in one batch."""
        candidates = []  # (doc, sentence, words)
        for doc in docs:
            lex = R.lexicon(doc.lang)
            if lex is None:
                continue
            starts = [t.start for t in doc.tokens]
            for sent in doc.sentences:
                words = _words(doc, sent, starts)
                if _has_verb(words) and len(sent.text) <= MAX_SENTENCE_CHARS:
                    candidates.append((doc, sent, words))
        if not candidates:
            return
        found = [R.triggers(R.lexicon(doc.lang), words) for doc, _, words in candidates]
        x = F.features([s.text for _, s, _ in candidates],
                       [F.sentence_heads(d, s) for d, s, _ in candidates],
                       [F.trigger_vector(f, F.markers(R.lexicon(d.lang), w, d, s))
                        for f, (d, s, w) in zip(found, candidates)])
        probs = self.model.predict_proba(x)
        for (doc, sent, words), p, hits in zip(candidates, probs, found):
            event = self.code(doc, sent, words=words, probs=p, found=hits)
            if event is not None:
                doc.events.append(event)

    def code(self, doc: Doc, sent: Sentence, *, words: R.Words, probs,
             found: dict[str, int] | None = None) -> Event | None:
        """The event of one sentence from its class probabilities, or None."""
        lex = R.lexicon(doc.lang)
        found = R.triggers(lex, words) if found is None else found
        plover, confidence = combine(probs, labels=self.model.labels, triggered=set(found))
        if plover == NONE:
            return None
        trigger = found.get(plover, _first_verb(words))
        if plover != "REJECT" and R.is_negated(lex, words, trigger):
            return None
        feats = _feats(doc, words, trigger)
        if plover in FUTURE_TO_AGREE and R.is_future(lex, words, trigger, feats):
            plover = "AGREE"
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
    """Morphological features of a token from the Russian parse, when there is one."""
    parsed = doc.extras.get("natasha")
    if parsed is None or not words.tokens:
        return None
    start = words.tokens[index].start
    for token in parsed.tokens:
        if token.start == start:
            return dict(token.feats or {})
    return None
