"""Entity linking: mentions to canonical KB entities (or stable new ids), roles and geocoding."""
from __future__ import annotations

from .component import EntityLinker

__all__ = ["EntityLinker"]
