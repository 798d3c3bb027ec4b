"""Every user-facing error, numbered, with the fix in the message.

Raise ``E.E201.exc(path=..., reason=...)``; the CLI prints ``str(err)`` as one line.
"""
from __future__ import annotations

from enum import Enum


class CommuniqueError(Exception):
    """Base of every error communique reports to a user."""

    def __init__(self, code: str, message: str, **details):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.details = details


class InputRejected(CommuniqueError):
    """One input (file, line, feed entry) could not be ingested; the run goes on."""

    def __init__(self, code: str, message: str, *, source: str = "", **details):
        super().__init__(code, message, source=source, **details)
        self.source = source


class PipelineError(CommuniqueError):
    """A pipeline component was misconfigured or failed."""


class LanguageDataError(PipelineError, ValueError):
    """A per-language data file exists but cannot be used (not UTF-8, not JSON, not an object)."""


class StoreError(CommuniqueError):
    """The store cannot be opened or written."""


class E(Enum):
    # 1xx: pipeline and configuration
    E101 = (PipelineError, "component {component} needs {missing}, which no earlier component assigns; "
                           "put the components that assign them first")
    E102 = (PipelineError, "unknown component {name!r}; known: {known}")
    E103 = (PipelineError, "{feature} is not available yet")
    E104 = (LanguageDataError, "language data file {path}: {reason}; restore it from the "
                               "distribution or fix it")
    # 2xx: input
    E201 = (InputRejected, "{source}: empty input (no text)")
    E202 = (InputRejected, "{source}: binary content, not text")
    E203 = (InputRejected, "{source}: cannot decode the text (tried to detect the encoding; "
                           "convert it to UTF-8)")
    E204 = (InputRejected, "{source}: truncated or corrupt gzip ({detail})")
    E205 = (InputRejected, "{source}: malformed JSON ({detail})")
    E206 = (InputRejected, "{source}: malformed feed ({detail})")
    E207 = (InputRejected, "{source}: HTML with no main text")
    E208 = (InputRejected, "{source}: cannot read ({detail})")
    E209 = (InputRejected, "{source}: {size} characters of text, above the limit of {limit} "
                           "(raise it with --max-chars)")
    E210 = (InputRejected, "{source}: no such file or folder")
    E211 = (InputRejected, "{source}: JSON record has no text (needs a 'text' field)")
    # 3xx: store
    E301 = (StoreError, "cannot open the store {path}: {detail}")
    E302 = (StoreError, "the store {path} has schema version {found}, newer than this communique "
                        "({expected}); upgrade communique")
    # 4xx: usage
    E401 = (CommuniqueError, "unknown export format {fmt!r}; choose one of {known}")
    E402 = (CommuniqueError, "the store {path} holds no documents; run `communique ingest` first")

    def exc(self, **details) -> CommuniqueError:
        cls, template = self.value
        return cls(self.name, template.format(**details), **details)
