"""Events as PLOVER JSON records (``export --format plover``).

Field names follow the PLOVER manual's JSON table (``id``, ``date``, ``event``, ``actor``,
``recipient``, ``event_loc``, ``mode``, ``context``, ``quad_code``, ``text_info``, ``cite_info``,
``coder``) and its entity object (``code``, ``entity_text``, ``identifier_id``,
``identifier_text``); the project adds flat conveniences: ``event_type``, ``actor_country`` /
``recipient_country`` (ISO 3166-1 alpha-3 codes of the countries the participants act for),
``location`` {name, lat, lon, country}, ``source_text``, ``source_doc``, ``confidence`` and
``extractor``. ``mode`` and ``context`` are lists, as the manual defines them.
"""
from __future__ import annotations

import re
from typing import Any

from ..records import Document, Entity, Event

QUAD = {  # PLOVER quad categories, as each category's section of the manual gives them
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_plover(event: Event, *, entities: dict[str, Entity],
              document: Document | None) -> dict[str, Any]:
    """One event as a PLOVER JSON record (a plain dict ready for ``json.dumps``).

    ``document`` may be None (its fields are then null, ``source_doc`` is the event's ``doc``).
    """
    evidence = event.evidence[0] if event.evidence else None
    actors = [_entity_object(e, entities=entities, evidence=evidence) for e in event.actor]
    recipients = [_entity_object(e, entities=entities, evidence=evidence) for e in event.recipient]
    location = _location(event.location, entities=entities, evidence=evidence)
    return {
        "id": event.id,
        "date": _date(event.date, document.published if document else None),
        "event_type": event.plover,
        "event": [event.plover],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "quad_code": QUAD.get(event.plover),
        "actor": actors,
        "actor_country": _countries(actors),
        "recipient": recipients,
        "recipient_country": _countries(recipients),
        "location": location,
        "event_loc": _event_loc(location),
        "source_text": evidence.text if evidence else None,
        "source_doc": document.id if document else event.doc,
        "text_info": {"start": evidence.start, "end": evidence.end} if evidence else None,
        "cite_info": _cite_info(document),
        "confidence": event.confidence,
        "extractor": event.extractor,
        "coder": event.extractor,
    }


def _cite_info(document: Document | None) -> dict[str, Any] | None:
    if document is None:
        return None
    return {"url": document.url, "title": document.title, "language": document.language,
            "publication": document.outlet}


def _date(value: str | None, published: str | None) -> str | None:
    """YYYY-MM-DD: the event's own date when it is a full date, else the publication date."""
    if value and _FULL_DATE.match(value):
        return value
    return published


def _entity_object(entity_id: str, *, entities: dict[str, Entity], evidence) -> dict[str, Any]:
    entity = entities.get(entity_id)
    if entity is None:
        return {"code": None, "entity_text": None, "identifier_id": entity_id,
                "identifier_text": None, "kind": None}
    return {
        "code": entity.country,
        "entity_text": _surface(entity, evidence),
        "identifier_id": entity.id,
        "identifier_text": entity.name,
        "kind": entity.kind,
    }


def _surface(entity: Entity, evidence) -> str | None:
    """How the evidence sentence names the entity, when one of its mentions lies inside it."""
    if evidence is None:
        return None
    for span in entity.mentions:
        if span.doc == evidence.doc and evidence.start <= span.start < evidence.end:
            return span.text
    return None


def _countries(objects: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for obj in objects:
        if obj["code"] and obj["code"] not in out:
            out.append(obj["code"])
    return out


def _location(entity_id: str | None, *, entities: dict[str, Entity],
              evidence) -> dict[str, Any] | None:
    if not entity_id:
        return None
    entity = entities.get(entity_id)
    if entity is None:
        return {"id": entity_id, "name": None, "lat": None, "lon": None, "country": None,
                "text": None}
    geo = entity.geo or {}
    return {"id": entity.id, "name": entity.name, "lat": geo.get("lat"), "lon": geo.get("lon"),
            "country": entity.country, "text": _surface(entity, evidence)}


def _event_loc(location: dict[str, Any] | None) -> dict[str, Any] | None:
    """The manual's location object (Mordecai/Geonames field names)."""
    if location is None:
        return None
    return {"extracted_place": location["text"], "resolved_place": location["name"],
            "lat": location["lat"], "lon": location["lon"], "country_code": location["country"]}
