"""communique: international-relations news into traced, structured knowledge, offline.

The public API lives in :mod:`communique.api` (``ingest``, ``analyze``, ``export``); nothing heavy
is imported here.
"""
__version__ = "0.1.0"
