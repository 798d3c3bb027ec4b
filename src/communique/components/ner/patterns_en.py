"""English patterns for names the statistical model misses: facilities ("the Ayagoz–Bakhty railway
line", "X International Airport", "Sardoba dam"), regions ("Jizzakh region"), named documents
("the Declaration on ...", "Tianjin Declaration") and outlets ("Highland Herald")."""
from __future__ import annotations

import re

from .candidates import PATTERN, Candidate
from .resources import demonyms

_CAP = r"[A-Z][\w'’.]*(?:-\w+)*"
_JOINED = rf"{_CAP}(?:[^\S\n]?[-–—][^\S\n]?{_CAP})+"
_LINK_TAIL = (r"(?:[^\S\n]+(?:transport|transit|railway|rail|gas|oil|road|highway|international|trade|"
              r"economic|power|transmission|freight|high-speed|motor|shipping|logistics))*"
              r"[^\S\n]+(?:lines?|railways?|railroads?|rail|corridors?|pipelines?|highways?|routes?|roads?|"
              r"bridges?|tunnels?|motorways?)\b")
_LINKS = re.compile(rf"(?P<names>{_JOINED}(?:(?:[^\S\n]*,[^\S\n]*|[^\S\n]+and[^\S\n]+|[^\S\n]*,[^\S\n]*and[^\S\n]+){_JOINED})*)"
                    rf"(?P<tail>{_LINK_TAIL})")
_JOINED_RE = re.compile(_JOINED)
# the link noun first: "railway lines such as X–Y and Z–W"
_LINKS_AFTER = re.compile(
    r"\b(?:lines?|railways?|railroads?|corridors?|pipelines?|highways?|routes?|roads?|motorways?)"
    r"(?:[^\S\n]*,)?(?:[^\S\n]+(?:such[^\S\n]+as|including|like|between))?[^\S\n]+"
    rf"(?P<names>{_JOINED}(?:(?:[^\S\n]*,[^\S\n]*|[^\S\n]+and[^\S\n]+|[^\S\n]*,[^\S\n]*and[^\S\n]+){_JOINED})*)")
_POSSESSIVE = re.compile(r"^.*?['’]s[^\S\n]+")
_FACILITY = re.compile(
    rf"\b(?:{_CAP}[^\S\n]+){{0,3}}{_CAP}(?:[^\S\n]+International)?[^\S\n]+(?:Airport|Nuclear[^\S\n]+Power[^\S\n]+(?:Plant|Station)|"
    r"Hydroelectric[^\S\n]+Power[^\S\n]+(?:Plant|Station)|Power[^\S\n]+(?:Plant|Station)|NPP|HPP|Dam|Seaport|"
    r"(?:nuclear[^\S\n]+power|hydropower|hydroelectric|thermal[^\S\n]+power|power|coal)[^\S\n]+(?:plant|station)|"
    r"dam|reservoir|canal|airport|seaport)\b")
_PLACE = re.compile(
    rf"\b(?P<name>(?:{_CAP}(?:[^\S\n]|-)){{0,2}}{_CAP})[^\S\n]+(?P<noun>region|province|oblast|district|county|"
    r"valley|basin|gorge|steppe|desert|peninsula|mountains)\b")
_PLACE_KIND = {"valley": "LOC", "basin": "LOC", "gorge": "LOC", "steppe": "LOC", "desert": "LOC",
               "peninsula": "LOC", "mountains": "LOC"}
_OUTLET = re.compile(
    rf"\b(?:{_CAP}[^\S\n]+){{1,3}}(?:Herald|Times|Post|Today|Report|Brief|Wire|Ledger|Monitor|Bulletin|"
    r"Gazette|Tribune|Journal|Daily|Observer|Courier|Review|Chronicle|Telegraph|Express)\b")
_NAMED_DOCUMENT = re.compile(
    rf"\b(?:{_CAP}[^\S\n]+){{1,3}}(?:Declaration|Treaty|Charter|Accord|Protocol|Convention)\b")
_DOCUMENT = re.compile(
    r"\b(?:(?:Joint|Comprehensive)[^\S\n]+)?(?:Declaration|Treaty|Charter|Memorandum|Agreement|Convention|"
    r"Accord|Protocol)[^\S\n]+(?:on|of)[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w-]*"
    r"(?:[^\S\n]+(?:(?:and|of|on|the|for)[^\S\n]+)*[A-Z][\w-]*)*")
_TIME_WORD = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
                        r"February|March|April|May|June|July|August|September|October|November|"
                        r"December)\b")
_LEADING_NOISE = {"the", "The", "THE", "A", "An", "This", "That", "These", "Those"}


def pattern_candidates(text: str, pos_at: dict[int, str]) -> list[Candidate]:
    out = _links(text)
    checked = ((_FACILITY, "FAC", True), (_OUTLET, "ORG", True), (_DOCUMENT, "WORK", False),
               (_NAMED_DOCUMENT, "WORK", True))
    for regex, kind, proper in checked:
        for match in regex.finditer(text):
            cand = _trimmed(text, match.start(), match.end(), kind)
            if cand and (not proper or _proper_start(text, cand, pos_at)):
                out.append(cand)
    for match in _PLACE.finditer(text):
        cand = _trimmed(text, match.start(), match.end(), _PLACE_KIND.get(match.group("noun"), "GPE"))
        if cand and _proper_start(text, cand, pos_at):
            out.append(cand)
    return out


def _links(text: str) -> list[Candidate]:
    """Each joined name before a link noun; the last one takes the noun ("... railway line")."""
    out = []
    for match in _LINKS.finditer(text):
        base = match.start("names")
        names = list(_JOINED_RE.finditer(match.group("names")))
        for k, name in enumerate(names):
            start = base + name.start()
            end = match.end("tail") if k == len(names) - 1 else base + name.end()
            out.append(Candidate(start, end, "FAC", text[start:end], PATTERN, 0.8))
    for match in _LINKS_AFTER.finditer(text):
        base = match.start("names")
        for name in _JOINED_RE.finditer(match.group("names")):
            start, end = base + name.start(), base + name.end()
            out.append(Candidate(start, end, "FAC", text[start:end], PATTERN, 0.75))
    return out


def _trimmed(text: str, start: int, end: int, kind: str) -> Candidate | None:
    name = text[start:end]
    owner = _POSSESSIVE.match(name)  # "Moscow's Vnukovo Airport": the facility is what follows
    if owner and owner.end() < len(name):
        start, name = start + owner.end(), name[owner.end():]
    while " " in name and name.split(" ", 1)[0] in _LEADING_NOISE:
        cut = name.index(" ") + 1
        start, name = start + cut, name[cut:]
    if _TIME_WORD.search(name) or name in _LEADING_NOISE:
        return None
    return Candidate(start, start + len(name), kind, name, PATTERN, 0.8)


def _proper_start(text: str, cand: Candidate, pos_at: dict[int, str]) -> bool:
    """The name begins with a proper noun (not a demonym, not a sentence-initial common word)."""
    first = re.match(r"[\w'’.-]+", text[cand.start:cand.end])
    word = first.group() if first else ""
    if not word or word in demonyms("en"):
        return False
    return pos_at.get(cand.start, "PROPN") == "PROPN" or word.isupper() or any(ch.isdigit() for ch in word)
