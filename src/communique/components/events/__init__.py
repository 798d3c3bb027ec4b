"""PLOVER event coding (English and Russian): see :mod:`.component`."""
from .component import EventCoder

__all__ = ["EventCoder"]
