"""Rows of a sheet for groups of people ("Geschlecht": Insgesamt / Frauen / Männer): only rows for everybody count.

Statistics tables often repeat each measure for groups of people. The catalogue holds every measure for all
persons only, so the rows of a group (Frauen, Männer, unter 25 Jahre …) are passed over and counted for one note;
the row marked "Insgesamt" (or left empty) in every breakdown column is the measure's value. Breakdown columns are
found by their header ("Geschlecht", "Altersgruppe" …) or, without a header, by holding nothing but group and
total words; a label cell that holds only "Frauen" or "Männer" (an indented sub-row) marks a group row too.
A measure and area that has group rows but no row for everybody is a problem: nothing is imported for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from openpyxl.utils import get_column_letter

from zv_desktop.core.exchange.xlsx_import.cell_values import label_of
from zv_desktop.core.exchange.xlsx_import.matching import TOTAL_LABELS, normalise
from zv_desktop.core.formats import format_number

#: Headers of breakdown columns (normalised as ``role_of`` does).
BREAKDOWN_HEADERS = (
    "geschlecht", "alter", "altersgruppe", "altersgruppen", "altersklasse", "personengruppe", "personengruppen",
    "personenkreis", "staatsangehörigkeit", "nationalität", "gliederung", "teilgruppe", "zielgruppe",
    "ausprägung", "merkmalsausprägung",
)  # fmt: skip
#: Words that name a group of people on their own (a label cell, a column without header, a sheet's title).
GROUP_WORDS = frozenset(
    {"frauen", "männer", "maenner", "weiblich", "männlich", "maennlich", "divers", "deutsche", "ausländer",
     "ausländerinnen", "ausländer innen", "nichtdeutsche", "alleinerziehende", "jüngere", "ältere"}
)  # fmt: skip
#: Words before a group that say it is a part ("davon Frauen", "dar. weiblich", "alle Frauen").
_PART_WORDS = ("davon ", "darunter ", "dar ", "und zwar ", "alle ")
#: Age bands: "unter 25 Jahre", "25 bis unter 55 Jahre", "55 Jahre und älter", "15-24", "U25", "ü50".
_AGE = re.compile(
    r"(?:(?:unter|ab|über|bis|von) \d{1,3}(?: jahren?| j)?(?: und (?:älter|mehr|darüber))?"
    r"|\d{1,3} (?:bis )?(?:unter )?\d{1,3}(?: jahren?| j)?"
    r"|\d{1,3}(?: jahren?| j)? und (?:älter|mehr|darüber)"
    r"|[uü] ?\d{2})"
)
#: Words that, with the sum words, make up a value meaning all persons ("alle Personen", "Insgesamt (alle)").
_ALL_WORDS = frozenset(
    {"insgesamt", "insg", "gesamt", "zusammen", "alle", "personen", "geschlechter", "altersgruppen",
     "altersklassen", "nationalitäten", "staatsangehörigkeiten", "summe", "total"}
)  # fmt: skip
#: Both sexes named together: all persons.
_BOTH = frozenset({"frauen und männer", "männer und frauen", "frauen männer", "männer frauen", "m und w", "w und m",
                   "m w", "w m", "weiblich und männlich", "männlich und weiblich"})  # fmt: skip
_PUNCT = re.compile(r"[.,;:()\[\]/\"'„“”+&*]+")
_SHOWN_GROUPS = 6
_SHOWN_MISSING = 20


def _plain(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", normalise(text)).split())


def is_everybody(text: str) -> bool:
    """True for a breakdown value meaning all persons: empty, "Insgesamt", "Insg.", "alle Personen", "Frauen und
    Männer"; not "alle Frauen" or "Deutsche insgesamt" (a group, however many of it)."""
    plain = _plain(text)
    if not plain or plain in TOTAL_LABELS or plain in _BOTH:
        return True
    words = plain.replace("frauen und männer", "").replace("männer und frauen", "").split()
    return all(word in _ALL_WORDS for word in words)


def _group_of_text(plain: str) -> bool:
    for part in _PART_WORDS:
        if plain.startswith(part):
            plain = plain[len(part) :]
    return plain in GROUP_WORDS or _AGE.fullmatch(plain) is not None


_group_cache: dict[str, bool] = {}


def is_group_word(value: Any) -> bool:
    """True for a cell that names a group of people on its own ("Frauen", "dar. weiblich", "unter 25 Jahre")."""
    if not isinstance(value, str) or not value or len(value) > 40:
        return False
    found = _group_cache.get(value)
    if found is None:
        found = _group_of_text(_plain(value))
        if len(_group_cache) < 10_000:
            _group_cache[value] = found
    return found


_GROUP_IN_TEXT = re.compile(
    r"\b(frauen|männer|weiblich|männlich|alleinerziehende|unter 25 jahren?|u ?25|ü ?50|ab 50 jahren?|"
    r"\d{1,2} (?:bis )?(?:unter )?\d{1,2} jahren?)\b",
    re.IGNORECASE,
)


def names_a_group(text: str, known: Iterable[str] = ()) -> str:
    """The group a title or sheet name names ("Integrationsquote (K2) – Frauen" → "Frauen"), as written; "" if
    none. Both sexes together ("Frauen und Männer") name none; ``known`` are measure codes and names of the
    catalogue, which are taken out first ("Integrationsquote der Alleinerziehenden", "INT-U25")."""
    rest = f" {_plain(text)} "
    for phrase in sorted({_plain(k) for k in known}, key=len, reverse=True):
        if phrase and f" {phrase} " in rest:
            rest = rest.replace(f" {phrase} ", " ")
    for phrase in _BOTH:
        rest = rest.replace(f" {phrase} ", " ")
    found = _GROUP_IN_TEXT.search(rest)
    if found is None:
        return ""
    original = re.search(re.escape(found[1]).replace("\\ ", r"\s*"), text, re.IGNORECASE)
    return original[0] if original else found[1]


def free_breakdown_column(free_columns: list[int], rows: list[tuple[Any, ...]]) -> int | None:
    """The column without a header that holds group words and nothing but group and total words in ``rows``."""
    for index in free_columns:
        texts = [label_of(row[index]) for row in rows if index < len(row) and row[index] is not None]
        if any(is_group_word(t) for t in texts) and all(is_group_word(t) or is_everybody(t) for t in texts):
            return index
    return None


class Breakdown:
    """The breakdown columns of a sheet, and what its group rows held."""

    def __init__(
        self, columns: Sequence[tuple[int, str]] = (), label_columns: Sequence[int] = (), names: Iterable[str] = ()
    ) -> None:
        self.columns = list(columns)  # (index, header; "" for a column without one)
        self.label_columns = list(label_columns)
        self._names = {_plain(name) for name in names}  # measure codes and area names: never a group ("U25")
        self.values = 0
        self.rows = 0
        self.groups: list[str] = []
        self.group_keys: dict[tuple[str, str], tuple[str, int]] = {}  # (label, area) → (first cell, figures)
        self.total_keys: set[tuple[str, str]] = set()
        # rows repeat their labels (a template names K2 | Hilden in every month's row): their verdict is kept, keyed
        # by the label cells (column 0 added so that one label column still gives a tuple, never a bare value)
        self._labels_of = itemgetter(*self.label_columns, 0) if self.label_columns else None
        self._widest_label = max(self.label_columns, default=0)
        self._by_labels: dict[Any, tuple[str, bool]] = {}

    def group_of(self, row: tuple[Any, ...]) -> tuple[str, bool]:
        """The group a row is for ("Frauen") and whether a breakdown column says so; ("", False) for everybody."""
        width = len(row)
        for index, _ in self.columns:
            text = label_of(row[index]) if index < width else ""
            if text and not is_everybody(text):
                return text, True
        if self._labels_of is not None and width > self._widest_label:  # the labels decide: seen before?
            labels = self._labels_of(row)
            known = self._by_labels.get(labels)
            if known is None:
                known = self._label_group(row, width)
                if len(self._by_labels) < 10_000:
                    self._by_labels[labels] = known
            return known
        return self._label_group(row, width)

    def _label_group(self, row: tuple[Any, ...], width: int) -> tuple[str, bool]:
        """The group a label cell of the row names on its own ("dar. Frauen" in the Kennzahl column)."""
        for index in self.label_columns:
            if index < width and is_group_word(row[index]) and _plain(row[index]) not in self._names:
                return label_of(row[index]), False
        return "", False

    def passed_over(self, group: str, values: int, key: tuple[str, str] | None = None, cell: str = "") -> None:
        """Count a group row that is not imported; ``key`` (label, area) if a breakdown column named the group."""
        self.rows += 1
        self.values += values
        if group not in self.groups and len(self.groups) <= _SHOWN_GROUPS:
            self.groups.append(group)
        if key is not None and len(self.group_keys) < 100_000:
            first, count = self.group_keys.get(key, (cell, 0))
            self.group_keys[key] = (first, count + values)

    def everybody(self, key: tuple[str, str]) -> None:
        """Note that ``key`` (label, area) has a row for everybody."""
        if self.columns and len(self.total_keys) < 100_000:
            self.total_keys.add(key)

    def without_total(self) -> list[tuple[str, tuple[str, str]]]:
        """(first cell, (label, area)) of the measures and areas that have group rows only."""
        return [(cell, key) for key, (cell, _) in self.group_keys.items() if key not in self.total_keys]

    def values_without_total(self) -> int:
        """The figures of the group rows of measures and areas without a row for everybody."""
        return sum(count for key, (_, count) in self.group_keys.items() if key not in self.total_keys)

    def note(self) -> str | None:
        """The German note on the group rows passed over, or None if there were none."""
        if not self.rows:
            return None
        shown = ", ".join(f"„{g[:30]}“" for g in self.groups[:_SHOWN_GROUPS])
        more = " …" if len(self.groups) > _SHOWN_GROUPS else ""
        parts = [f"„{header}“" if header else get_column_letter(i + 1) for i, header in self.columns]
        where = f"{'Spalte' if len(parts) == 1 else 'Spalten'} {', '.join(parts)}: " if parts else ""
        rows = f"{format_number(self.rows)} {'Zeile' if self.rows == 1 else 'Zeilen'}"
        values = f"{format_number(self.values)} {'Wert' if self.values == 1 else 'Werte'}"
        return (
            f"{rows} für Teilgruppen ({where}{shown}{more}; {values}) nicht übernommen: ZV Desktop führt die "
            "Kennzahlen für alle Personen; übernommen werden die Zeilen „Insgesamt“ bzw. ohne Angabe."
        )

    def problems(self) -> list[tuple[str, str]]:
        """(cell, German message) for every measure and area with group rows but no row for everybody."""
        found = self.without_total()
        result = []
        for cell, (label, area) in found[:_SHOWN_MISSING]:
            what = f"{label} | {area}" if area else label
            result.append(
                (
                    cell,
                    f"Für „{what}“ gibt es nur Zeilen für Teilgruppen, keine Zeile „Insgesamt“; für diese Kennzahl "
                    "wird nichts übernommen.",
                )
            )
        if len(found) > _SHOWN_MISSING:
            more = len(found) - _SHOWN_MISSING
            result.append(("", f"… und {format_number(more)} weitere Kennzahlen nur mit Teilgruppen."))
        return result
