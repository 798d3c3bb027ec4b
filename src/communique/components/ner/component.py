"""The named-entity recogniser component: English and Russian mentions with normal forms."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from ...pipeline import Doc
from ...records import Mention
from . import english, russian
from .candidates import Candidate, add_descriptive, resolve
from .propagate import harmonize, propagate
from .gazetteer import Gazetteer


def kb_gazetteer_index(lang: str) -> Gazetteer:
    """The matcher over the knowledge base's names, from the on-disk cache when it is there."""
    try:
        from ...kb import kb_fingerprint
        from ...kb.cache import cached, fingerprint
    except ImportError:
        return Gazetteer(kb_gazetteer(lang), lang=lang)
    here = Path(__file__).resolve().parent
    key = fingerprint([here / "gazetteer.py"]) + kb_fingerprint()[:8]
    return cached(f"ner-gazetteer-{lang}", key, lambda: Gazetteer(kb_gazetteer(lang), lang=lang))


def kb_gazetteer(lang: str) -> list[tuple[str, str, str | None]]:
    """The knowledge base's names for a language, or nothing when there is no knowledge base yet."""
    try:
        from ...kb import get_kb
    except ImportError:
        return []
    try:
        return list(get_kb().gazetteer(lang))
    except (AttributeError, FileNotFoundError, KeyError, ValueError):
        return []


class EntityRecognizer:
    """Mentions of PER, ORG, GPE, LOC, FAC, EVENT, WORK and MISC entities (and demonyms).

    ``gazetteer`` maps a language to ``(surface, kind, entity_id)`` entries; by default they come
    from the knowledge base. Gazetteer entries override the model's kind and span where they overlap.
    Mentions do not overlap, except that a descriptive organisation ("правительство Мали", Russian)
    may contain name mentions; its span is listed in ``doc.extras["ner_descriptive"]``.
    """

    name = "ner"
    version = "1"
    requires = ("sentences", "tokens")
    assigns = ("mentions",)

    def __init__(self, *, gazetteer: dict[str, Iterable[Sequence]] | None = None):
        self._entries = gazetteer
        self._gazetteers: dict[str, Gazetteer] = {}

    @property
    def extractor(self) -> str:
        return f"{self.name}@{self.version}"

    def gazetteer(self, lang: str) -> Gazetteer:
        if lang not in self._gazetteers:
            if self._entries is None:
                self._gazetteers[lang] = kb_gazetteer_index(lang)
            else:
                self._gazetteers[lang] = Gazetteer(self._entries.get(lang, []), lang=lang)
        return self._gazetteers[lang]

    def __call__(self, docs: list[Doc]) -> None:
        for doc in docs:
            doc.mentions.extend(self.recognize(doc))

    def recognize(self, doc: Doc) -> list[Mention]:
        lang = doc.lang
        if lang == "en":
            found = english.candidates(doc, self.gazetteer("en"))
        elif lang == "ru":
            found = russian.candidates(doc, self.gazetteer("ru"))
        else:
            found = []
        descriptive = [c for c in found if c.descriptive]
        chosen = resolve([c for c in found if not c.descriptive])
        chosen = harmonize(resolve(chosen + propagate(doc, chosen, lang=lang)))
        chosen = add_descriptive(chosen, descriptive)
        known = {(c.start, c.end): c.entity for c in chosen if c.entity}
        if known:
            doc.extras.setdefault("ner_gazetteer", {}).update(known)
        spans = [(c.start, c.end) for c in chosen if c.descriptive]
        if spans:
            doc.extras.setdefault("ner_descriptive", []).extend(spans)
        return [self._mention(doc, c) for c in chosen]

    def _mention(self, doc: Doc, cand: Candidate) -> Mention:
        return Mention(doc=doc.id, start=cand.start, end=cand.end, text=doc.text[cand.start:cand.end],
                       kind=cand.kind, normal=cand.normal, entity=None, demonym=cand.demonym,
                       extractor=self.extractor, confidence=round(cand.confidence, 3))
