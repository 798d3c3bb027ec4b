"""The commitments registry: agreements, plans and projects with their status (see ``component``)."""
from .component import CommitmentExtractor

__all__ = ["CommitmentExtractor"]
