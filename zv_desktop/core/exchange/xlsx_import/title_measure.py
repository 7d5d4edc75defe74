"""The measure of a sheet that holds one measure only: named in its title rows or sheet name, areas as rows.

Statistics offices often publish one table per measure ("Integrationsquote (K2) nach Kreisen, 2014" above
Gebiet | Jan … Dez). Such a sheet has no Kennzahl column; the measure is found in the title: by a catalogue code
standing as a word ("K2", "(K2)") or a catalogue name standing in the title. The match is always shown as a guess
in the preview, where the user can correct it like any other row label.
"""

from __future__ import annotations

import re
from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_values import label_of
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue, Match, normalise

_PARENTHESES = re.compile(r"[()\[\],;:]")
_CODE_WORD = re.compile(r"\b[A-Za-z]{1,3}\s?\d{1,3}(?:\s?[A-Za-z]\d{1,2})?\b")


def needs_title_measure(layout: Layout, catalogue: Catalogue, below: list[tuple[Any, ...]]) -> bool:
    """True for a monthly table without a Kennzahl column whose unnamed label columns hold no measure names."""
    columns = layout.columns
    if "code" in columns or "name" in columns:
        return False
    for row in below:
        for index in layout.free_columns:
            text = label_of(row[index]) if index < len(row) else ""
            if text and not text.isdigit() and catalogue.measure("", text).record_id is not None:
                return False
    return True


def title_measure(catalogue: Catalogue, texts: list[str]) -> tuple[str, Match]:
    """The row label to use for the whole sheet and the measure the first of ``texts`` naming one names.

    ``texts`` are the title cells, then the sheet name. Without a measure in any of them, the label is the first
    title text (or the sheet name), not recognised, so the preview asks the user to choose the measure.
    """
    for text in texts:
        found = _named(catalogue, text)
        if found is not None:
            return text[:120], Match(found, guessed=True)
    first = next((t for t in texts if t.strip()), "Blatt ohne Überschrift")
    return first[:120], Match(None)


def _named(catalogue: Catalogue, text: str) -> str | None:
    """The one measure a title names by code or by name, or None (none, or several)."""
    found: set[str] = set()
    for word in _CODE_WORD.findall(text):
        match = catalogue.measure(word)
        if match.record_id is not None and not match.guessed:
            found.add(match.record_id)
    if not found:
        title = " " + " ".join(_PARENTHESES.sub(" ", normalise(text)).split()) + " "
        names = {}
        for measure in catalogue.measures.values():
            name = " ".join(_PARENTHESES.sub(" ", normalise(measure.name)).split())
            if len(name) >= 6 and f" {name} " in title:
                names[name] = measure.id
        # "Integrationsquote der Alleinerziehenden" also contains "Integrationsquote": the longer name wins
        found = {i for name, i in names.items() if not any(name != other and name in other for other in names)}
    return found.pop() if len(found) == 1 else None
