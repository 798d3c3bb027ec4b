"""Named-entity recognition for English and Russian (component ``ner``)."""
from .component import EntityRecognizer
from .resources import demonym_country

__all__ = ["EntityRecognizer", "demonym_country"]
