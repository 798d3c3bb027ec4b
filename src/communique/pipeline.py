"""The document pipeline: components applied in order to batches of ``Doc``.

A component is an object with ``name``, ``version``, ``requires`` and ``assigns`` (names of ``Doc``
attributes) and a ``__call__(docs: list[Doc]) -> None`` that adds to each ``Doc`` in place.
Components are created through :mod:`communique.registry` and hold their models, loaded lazily
once per process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from .records import Commitment, Document, Entity, Event, Mention, Sentence, Timex


@dataclass
class Token:
    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""


@dataclass
class Doc:
    """One document on its way through the pipeline; components add to it."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # canonical entities this doc names
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. "spacy": the parsed spaCy Doc

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def lang(self) -> str:
        return self.document.language or "und"

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def records(self) -> list:
        """Everything this document contributes to the store (entities are stored separately)."""
        return [*self.sentences, *self.mentions, *self.timexes, *self.events, *self.commitments]


class Component(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, docs: list[Doc]) -> None: ...


def extractor_id(component: Any) -> str:
    return f"{component.name}@{component.version}"


def run_components(docs: list[Doc], components: Iterable[Component],
                   on_component: Callable[[str], None] | None = None) -> list[Doc]:
    """Apply each component to the batch in order, checking declared requirements."""
    done: set[str] = {"document"}
    for component in components:
        missing = [r for r in component.requires if r not in done]
        if missing:
            from .errors import E
            raise E.E101.exc(component=extractor_id(component), missing=", ".join(missing))
        component(docs)
        done.update(component.assigns)
        if on_component:
            on_component(component.name)
    return docs


def pipeline_version(components: Iterable[Component]) -> str:
    return "+".join(extractor_id(c) for c in components)
