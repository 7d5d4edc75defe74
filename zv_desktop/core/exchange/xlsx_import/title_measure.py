"""The measure of a sheet that holds one measure only: named in its title rows or sheet name, areas as rows.

Statistics offices often publish one table per measure ("Integrationsquote (K2) nach Kreisen, 2014" above
Gebiet | Jan … Dez). Such a sheet has no Kennzahl column; the measure is found in the title: by a catalogue code
standing as a word ("K2", "(K2)") or a catalogue name standing in the title. The match is always shown as a guess
in the preview, where the user can correct it like any other row label. A title naming two measures, or a title
and a sheet name naming different ones, give none: the user chooses.
"""

from __future__ import annotations

import re
from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_values import label_of
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue, Match, normalise

_PARENTHESES = re.compile(r"[()\[\],;:]")
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß0-9]+")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß0-9]+(?:[-_][A-Za-zÄÖÜäöüß0-9]+)*")


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


def title_measure(catalogue: Catalogue, texts: list[str]) -> tuple[str, Match, str]:
    """The row label for the whole sheet, the measure its title and name name, and why none was taken.

    ``texts`` are the title cells, then the sheet name. The measure is taken only if exactly one is named in all
    of them and no group of people is (a sheet "K2 Frauen" is not the K2 of everybody); otherwise the match is
    empty and the reason says why ("nennt keine bekannte Kennzahl", "nennt mehrere Kennzahlen: K2, K3").
    """
    label = next((t for t in texts if t.strip()), "Blatt ohne Überschrift")[:120]
    found: dict[str, str] = {}  # measure id → the first text naming it
    for text in texts:
        for measure_id in _named(catalogue, text):
            found.setdefault(measure_id, text)
    if len(found) == 1:
        measure_id, text = next(iter(found.items()))
        return text[:120], Match(measure_id, guessed=True), ""
    if found:
        codes = ", ".join(sorted(catalogue.measures[i].code for i in found))
        return label, Match(None), f"nennen mehrere Kennzahlen ({codes})"
    return label, Match(None), "nennen keine bekannte Kennzahl"


def _named(catalogue: Catalogue, text: str) -> set[str]:
    """The measures a title names: by a catalogue name in it, or by a code standing as a word ("K2", "(KdU)") that
    is not part of a name found (K1's name ends in "(ohne KdU)": that is no second measure)."""
    title = " " + " ".join(_PARENTHESES.sub(" ", normalise(text)).split()) + " "
    names = {}
    for measure in catalogue.measures.values():
        name = " ".join(_PARENTHESES.sub(" ", normalise(measure.name)).split())
        if len(name) >= 6 and f" {name} " in title:
            names[name] = measure.id
    # "Integrationsquote der Alleinerziehenden" also contains "Integrationsquote": the longer name wins
    names = {name: i for name, i in names.items() if not any(name != other and name in other for other in names)}
    found = set(names.values())
    words = _WORD.findall(text)  # "VZA-BEFR" stays one word: its part "VZA" is another measure's code
    tokens = [part for word in words for part in ([word] if catalogue.code_id(word) else _TOKEN.findall(word))]
    inside = {word for name in names for word in name.split()}
    for size in (2, 1):  # "K 2" as well as "K2"
        for start in range(len(tokens) - size + 1):
            word = "".join(tokens[start : start + size])
            if not any(c.isupper() for c in word) or normalise(word) in inside:  # "und", "der" are no codes
                continue
            measure_id = catalogue.code_id(word)
            if measure_id is not None:
                found.add(measure_id)
    return found
