"""Time expressions (TIMEX3) in English and Russian, anchored on the publication date.

Rules and lexicons are data (``en.json``, ``ru.json``); a new language is a new data file.
"""
from .component import TimexTagger
from .core import EXTRACTOR, anchor_timexes, find_timexes, parse_anchor

__all__ = ["TimexTagger", "find_timexes", "anchor_timexes", "parse_anchor", "EXTRACTOR"]
