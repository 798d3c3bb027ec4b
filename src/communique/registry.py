"""Name -> component factory, so configuration and the CLI can pick components by name.

Factories are registered here explicitly (not at import time of the component modules) and
imported lazily, so ``import communique`` stays light.
"""
from __future__ import annotations

import importlib
from typing import Any

from .errors import E

# name -> "module:factory"; the factory takes keyword arguments and returns a component
FACTORIES: dict[str, str] = {
    "segment": "communique.components.segment:Segmenter",
    "ner": "communique.components.ner.component:EntityRecognizer",
    "link": "communique.components.link.component:EntityLinker",
    "timex": "communique.components.timex.component:TimexTagger",
    "events": "communique.components.events.component:EventCoder",
    "commitments": "communique.components.commitments.component:CommitmentExtractor",
}

DEFAULT_PIPELINE: tuple[str, ...] = ("segment", "ner", "link", "timex", "events", "commitments")


def create(name: str, **options: Any):
    try:
        target = FACTORIES[name]
    except KeyError:
        raise E.E102.exc(name=name, known=", ".join(sorted(FACTORIES))) from None
    module_name, attr = target.split(":")
    return getattr(importlib.import_module(module_name), attr)(**options)


def default_components(names: tuple[str, ...] | None = None) -> list:
    return [create(name) for name in (names or DEFAULT_PIPELINE)]
