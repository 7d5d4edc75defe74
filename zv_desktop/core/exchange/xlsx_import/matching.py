"""Matching the row labels of a sheet to the catalogue: measures by code or name, areas by name or AGS.

Exact matches (code "K2"/"K 2", the name with case, hyphens and spaces ignored, the area name in any word
order) are certain; a match by similarity (difflib) is marked as guessed and only made when one candidate
clearly wins.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from zv_desktop.core import model
from zv_desktop.core.store import Store

#: How similar a label must be to a name to be guessed (difflib ratio), and by how much it must beat the next.
GUESS_CUTOFF, GUESS_MARGIN = 0.8, 0.06

_DASHES = re.compile(r"[\u2010-\u2015\u2212_-]+")
_FOOTNOTE_MARK = re.compile(r"\s*(?:\*+|\d\)|\(\d\)|[¹²³⁴⁵⁶⁷⁸⁹])$")
_PUNCTUATION = re.compile(r"[.,;:()\[\]/\"'„“”]+")
#: Words that say what kind of area a name is, not which one.
_KIND_WORDS = {
    "kreis": model.AreaKind.KREIS,
    "landkreis": model.AreaKind.KREIS,
    "kreisverwaltung": model.AreaKind.KREIS,
    "stadt": model.AreaKind.STADT,
    "gemeinde": model.AreaKind.STADT,
    "kreisstadt": model.AreaKind.STADT,
    "kreisfreie": model.AreaKind.STADT,
    "land": model.AreaKind.LAND,
    "bundesland": model.AreaKind.LAND,
}
_FILLER_WORDS = {"jobcenter", "der", "die", "das", "im", "am", "an", "in", "gebiet", "region", "kommune"}
#: Labels of rows that sum up others; they are skipped with a note instead of being reported as unknown.
TOTAL_LABELS = frozenset({"insgesamt", "insg", "insg.", "summe", "gesamt", "zusammen", "alle", "gesamtsumme", "total"})


def normalise(text: str) -> str:
    """Lower case, hyphens and dashes as spaces, one space between words, footnote marks dropped."""
    text = _FOOTNOTE_MARK.sub("", text.strip())
    return " ".join(_DASHES.sub(" ", text.casefold()).split())


def _words(text: str) -> tuple[str, ...]:
    return tuple(sorted(_PUNCTUATION.sub(" ", normalise(text)).split()))


@dataclass(frozen=True)
class Match:
    """The catalogue record a label maps to (None: not recognised) and whether it was only guessed."""

    record_id: str | None
    guessed: bool = False


class Catalogue:
    """The measures and areas of a data file, indexed for matching labels of a sheet."""

    def __init__(self, store: Store) -> None:
        self.measures = {m.id: m for m in store.find(model.Measure, order_by="builtin DESC, code")}
        self.areas = {a.id: a for a in store.find(model.Area, order_by="name")}
        self._codes = {_code_key(m.code): m.id for m in self.measures.values()}
        self._measure_names: dict[str, str] = {}
        self._measure_squashed: dict[str, str] = {}
        for measure in self.measures.values():
            for text in (measure.name, f"{measure.code} {measure.name}"):
                self._measure_names.setdefault(normalise(text), measure.id)
                self._measure_squashed.setdefault(_squash(text), measure.id)
        self._area_names = {normalise(a.name): a.id for a in self.areas.values()}
        self._area_squashed = {_squash(a.name): a.id for a in self.areas.values()}
        self._area_words: dict[tuple[str, ...], list[str]] = {}
        self._area_cores: dict[tuple[str, ...], list[str]] = {}
        for area in self.areas.values():
            self._area_words.setdefault(_words(area.name), []).append(area.id)
            self._area_cores.setdefault(_core(area.name), []).append(area.id)
        self._ags = {a.ags.strip(): a.id for a in self.areas.values() if a.ags.strip()}

    # -- measures ------------------------------------------------------------------------

    def measure(self, code_text: str, name_text: str = "") -> Match:
        """The measure a row means. Certain: an exact name, or a code with nothing else or the measure's own name
        beside it. Guessed (the preview marks it): a code followed by other words ("K2 Integrationsquote Frauen"),
        a code somewhere inside the label ("Zugangsrate LZB"), or a similar name."""
        for text in (name_text, code_text, f"{code_text} {name_text}".strip()):
            found = self._measure_squashed.get(_squash(text)) if text else None
            if found is not None:
                return Match(found)
        for text in (code_text, name_text):
            found, rest = self._by_code(text)
            if found is None:
                continue
            own = self.measures[found].name
            certain = not rest or _squash(rest) == _squash(own)
            if text is code_text and name_text:  # a code column beside a name column: the name must fit too
                certain = certain and _squash(name_text) in ("", _squash(own))
            return Match(found, guessed=not certain)
        label = normalise(name_text or code_text)
        if not label:
            return Match(None)
        return _guess(label, self._measure_names)

    def code_id(self, text: str) -> str | None:
        """The measure whose code is exactly ``text`` (spaces and case ignored), or None."""
        return self._codes.get(_code_key(text))

    def _by_code(self, text: str) -> tuple[str | None, str]:
        """A code at the start of the label ("K2", "K 2 E1", "K2E1 Quote …") with the words after it, or a code as
        a word inside it ("… (K2)"; then the whole label counts as the rest, so the match is only a guess)."""
        tokens = _PUNCTUATION.sub(" ", text).split()
        for size in range(min(4, len(tokens)), 0, -1):
            found = self._codes.get(_code_key("".join(tokens[:size])))
            if found is not None:
                return found, " ".join(tokens[size:])
        for token in tokens[1:]:
            found = self._codes.get(_code_key(token))
            if found is not None:
                return found, text
        return None, ""

    # -- areas ---------------------------------------------------------------------------

    def area(self, text: str) -> Match:
        """The area a label means: by name, by AGS, by its words in any order, by its name without "Kreis"/"Stadt"."""
        key = normalise(text)
        if not key:
            return Match(None)
        if _squash(text) in self._area_squashed:
            return Match(self._area_squashed[_squash(text)])
        digits = text.strip()
        if digits.isdigit():  # an AGS or Regionalschlüssel; a number cell has lost its leading zero (05978004)
            for candidate in (digits, digits.zfill(5), digits.zfill(8), digits.zfill(12)):
                if candidate in self._ags:
                    return Match(self._ags[candidate])
        same_words = self._area_words.get(_words(text), [])
        if len(same_words) == 1:
            return Match(same_words[0])
        core = _core(text)
        candidates = self._prefer_kind(self._area_cores.get(core, []), text)
        if len(candidates) == 1:
            return Match(candidates[0])
        if core:
            wider = [i for c, ids in self._area_cores.items() if c and set(core) < set(c) for i in ids]
            wider = self._prefer_kind(wider, text)
            if len(wider) == 1:
                return Match(wider[0], guessed=True)
        return _guess(key, self._area_names)

    def _prefer_kind(self, ids: list[str], text: str) -> list[str]:
        """Of several areas, those of the kind the label names ("Kreis Mettmann" → the Kreis)."""
        kinds = {_KIND_WORDS[w] for w in _words(text) if w in _KIND_WORDS}
        if len(ids) <= 1 or len(kinds) != 1:
            return ids
        return [i for i in ids if self.areas[i].kind in kinds] or ids

    def single_kreis(self) -> str | None:
        """The office's area if it has exactly one area of kind Kreis, else None."""
        kreise = [a.id for a in self.areas.values() if a.kind is model.AreaKind.KREIS]
        return kreise[0] if len(kreise) == 1 else None


def _squash(text: str) -> str:
    """A name without case, spaces, hyphens and footnote marks: "Integrations-Quote" = "integrationsquote"."""
    return normalise(text).replace(" ", "")


def _code_key(code: str) -> str:
    return "".join(code.split()).casefold()


def _core(text: str) -> tuple[str, ...]:
    return tuple(w for w in _words(text) if w not in _KIND_WORDS and w not in _FILLER_WORDS)


def _guess(label: str, names: dict[str, str]) -> Match:
    """The record whose name is clearly the most similar to ``label``, marked as guessed; else no match."""
    scored: list[tuple[float, str]] = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(label)
    for name, record_id in names.items():
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() >= GUESS_CUTOFF and matcher.quick_ratio() >= GUESS_CUTOFF:
            scored.append((matcher.ratio(), record_id))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < GUESS_CUTOFF:
        return Match(None)
    best_ratio, best = scored[0]
    rivals = [ratio for ratio, record_id in scored[1:] if record_id != best]
    if rivals and best_ratio - rivals[0] < GUESS_MARGIN:
        return Match(None)
    return Match(best, guessed=True)


def is_total(label: str) -> bool:
    """True for labels of sum rows ("Insgesamt", "Summe") that are not a measure or area of their own."""
    return normalise(label) in TOTAL_LABELS


def full_label(code: str, name: str) -> str:
    """A row's label as written: „K2 Integrationsquote“ from code and name, either alone if the other is empty."""
    return f"{code} {name}".strip() if code and name != code else code or name
