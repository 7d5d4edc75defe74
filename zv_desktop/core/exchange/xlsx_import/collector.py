"""What reading a sheet gathers: the mapping of each row label, staged values, problems and counts for the notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zv_desktop.core.exchange.xlsx_import.breakdown import Breakdown
from zv_desktop.core.exchange.xlsx_import.cell_values import STATISTICS_SIGNS
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue, Match, full_label, is_total, normalise
from zv_desktop.core.exchange.xlsx_import.merged import MergedCells
from zv_desktop.core.exchange.xlsx_import.results import ProblemList, RowMapping, mapping_key
from zv_desktop.core.exchange.xlsx_import.staging import Stage
from zv_desktop.core.formats import format_number
from zv_desktop.core.progress import Progress
from zv_desktop.core.rules import plausibility

#: First words of rows that explain a table rather than hold figures.
FOOTNOTE = re.compile(
    r"(?:quellen?|anmerkung(?:en)?|hinweise?|fu(?:ß|ss)noten?|erläuterung(?:en)?|stand|datenstand|legende|"
    r"zeichenerklärung|copyright|vorläufig)\b|[©*¹²³⁴⁵⁶⁷⁸⁹]|\(?\d{1,2}\)|[-–]\s",
    re.IGNORECASE,
)
_MAX_RANGES = 8
#: Rows read between two progress reports.
TICK = 2_000

Corrections = dict[str, tuple[str | None, str | None]]


class MapState:
    """A row label while the sheet is read: what it maps to, where it occurs, how many values it has."""

    __slots__ = ("label", "area_label", "measure_id", "area_id", "guessed", "first_cell", "ranges", "values", "chosen")

    def __init__(self, label: str, area_label: str, first_cell: str, row: int) -> None:
        self.label, self.area_label, self.first_cell = label, area_label, first_cell
        self.measure_id: str | None = None
        self.area_id: str | None = None
        self.guessed = False
        self.chosen = False  # set by the user's corrections
        self.ranges: list[list[int]] = [[row, row]]
        self.values = 0

    def add_row(self, row: int) -> None:
        """Note one more row with this label."""
        last = self.ranges[-1]
        if last[0] <= row <= last[1] + 1:
            last[1] = row
        elif len(self.ranges) <= _MAX_RANGES:
            self.ranges.append([row, row])

    def rows_text(self) -> str:
        """Where the label occurs: "Zeile 7", "Zeilen 7–9, 15" (long lists end in "…")."""
        parts = [f"{a}–{b}" if b > a else str(a) for a, b in self.ranges[:_MAX_RANGES]]
        more = " …" if len(self.ranges) > _MAX_RANGES else ""
        single = len(self.ranges) == 1 and self.ranges[0][0] == self.ranges[0][1]
        return f"{'Zeile' if single else 'Zeilen'} {', '.join(parts)}{more}"

    @property
    def usable(self) -> bool:
        """True if values of this label can be imported."""
        return self.measure_id is not None and self.area_id is not None

    def public(self) -> RowMapping:
        """The mapping as the preview shows it."""
        return RowMapping(
            self.label,
            self.area_label,
            self.measure_id,
            self.area_id,
            self.rows_text(),
            self.guessed and not self.chosen,
        )


@dataclass
class Counts:
    """Rows and cells passed over on purpose (reported as notes, not problems)."""

    footnotes: int = 0
    no_values: int = 0
    totals: int = 0
    no_figure: int = 0
    expected_empty: int = 0
    skipped: int = 0
    year_missing: int = 0
    fallback_year: int = 0
    carried_down: list[int] = field(default_factory=list)  # rows whose Kennzahl is merged down from above
    under_heading: list[int] = field(default_factory=list)  # "Insgesamt" rows under an area's heading row
    area_from_heading: list[int] = field(default_factory=list)  # rows without an area under an area's heading row
    signs: dict[str, int] = field(default_factory=dict)  # "20,6 p": figures read with a sign after them
    zeros: int = 0  # „–“ read as 0 (nichts vorhanden)
    marks: dict[str, int] = field(default_factory=dict)  # „.“, „x“ …: cells without a figure, by sign


@dataclass
class ReadContext:
    """What the rows of a sheet are read with: the fallback year, the source text, progress reporting."""

    year: int | None
    source: str
    progress: Progress | None = None
    estimate: int = 0
    next_tick: int = TICK
    merged: MergedCells = field(default_factory=lambda: MergedCells(None))

    def tick(self, row: int) -> None:
        """Report progress now and then (raises Cancelled if the user asked to stop)."""
        if row >= self.next_tick:
            self.next_tick = row + TICK
            if self.progress is not None:
                total = max(self.estimate, row)
                self.progress.update(row, total, f"Zeile {format_number(row)} von {format_number(total)} gelesen")


class Collector:
    """Gathers mappings, problems and staged values while the rows of one sheet are read."""

    def __init__(
        self,
        problems: ProblemList,
        catalogue: Catalogue,
        stage: Stage,
        corrections: Corrections,
        default_area_id: str | None,
    ) -> None:
        self.problems, self.catalogue, self.stage = problems, catalogue, stage
        self.corrections = corrections
        self.default_area_id = default_area_id
        self.states: dict[tuple[str, str], MapState] = {}
        self.totals: set[tuple[str, str]] = set()
        self.counts = Counts()
        self.breakdown = Breakdown()
        #: The label standing for the sheet's only measure (named in its title) and what it was matched to.
        self.sheet_measure: tuple[str, Match] | None = None
        self.sheet_measure_reason = ""  # why the title gave no measure ("nennen mehrere Kennzahlen (K2, K3)")
        #: A group of people the sheet's title or name names ("Frauen"): no label is matched automatically then.
        self.sheet_group = ""
        #: Area names of the sheet (normalised) the user mapped to an area, wherever they occur.
        self.area_corrections: dict[str, str | None] = {}

    def mapping(self, code_text: str, name_text: str, area_text: str, cell: str, row: int) -> MapState | None:
        """The state of a row's label, matched against the catalogue on first sight; None for a sum row."""
        label = full_label(code_text, name_text)
        key = (label, area_text)
        state = self.states.get(key)
        if state is not None:
            state.add_row(row)
            return state
        area_chosen = normalise(area_text) in self.area_corrections if area_text else False
        if key in self.totals or is_total(label) or (is_total(area_text) and not area_chosen):
            if len(self.totals) < 1_000:
                self.totals.add(key)
            self.counts.totals += 1
            return None
        state = self.states[key] = MapState(label, area_text, cell, row)
        correction = self.corrections.get(mapping_key(label, area_text), self.corrections.get(label))
        if correction is not None:
            known = correction[0] in self.catalogue.measures
            state.chosen = known or correction[0] is None  # an unknown id counts as not recognised
            state.measure_id = correction[0] if known else None
            if correction[1] in self.catalogue.areas:
                state.area_id = correction[1]
                return state
        else:
            sheet = self.sheet_measure
            if self.sheet_group:
                match = Match(None)  # the sheet is for a group of people, not for everybody: the user decides
            elif sheet and label == sheet[0]:
                match = sheet[1]
            else:
                match = self.catalogue.measure(code_text, name_text)
            state.measure_id, state.guessed = match.record_id, match.guessed
        if area_chosen:  # the user named the area of this name (None: leave its rows out)
            state.area_id = self.area_corrections[normalise(area_text)]
            if state.area_id is None:
                state.measure_id, state.chosen, state.guessed = None, True, False
        elif area_text:
            area = self.catalogue.area(area_text)
            state.area_id = area.record_id
            state.guessed = state.guessed or area.guessed
        else:
            state.area_id = self.default_area_id
        return state

    def unusable(self, state: MapState, values: int) -> None:
        """Values of a row that cannot be imported because its label is not mapped."""
        state.values += values
        if not state.chosen:  # values the user chose to leave out are no problem
            self.counts.skipped += values

    def problem(self, cell: str, message: str, values: int = 1) -> None:
        """A problem with a cell whose values are therefore not imported."""
        self.problems.add(cell, message)
        self.counts.skipped += values

    def text_row(self, first_text: str) -> None:
        """A row with text but no figures: a footnote, or a heading."""
        if FOOTNOTE.match(first_text):
            self.counts.footnotes += 1
        else:
            self.counts.no_values += 1

    def finish(self, sheet_has_area: bool) -> list[RowMapping]:
        """Problems for the labels that cannot be imported; the mappings as the preview shows them."""
        no_area_told = False
        for state in self.states.values():
            if state.usable or (state.measure_id is None and state.chosen) or not state.values:
                continue  # imported, or the user chose not to import this label, or it has no figures to lose
            amount = f"{format_number(state.values)} {'Wert' if state.values == 1 else 'Werte'}"
            where = f"{state.rows_text()}, {amount}"
            if state.measure_id is None:
                self.problems.add(state.first_cell, self._unknown_measure(state, where))
            elif state.area_id is None and state.area_label:
                self.problems.add(
                    state.first_cell,
                    f"Gebiet „{state.area_label}“ nicht erkannt ({where}); diese Werte werden nicht übernommen. "
                    "Bitte in der Vorschau ein Gebiet zuordnen oder es unter Stammdaten anlegen.",
                )
            elif state.area_id is None and not no_area_told:
                no_area_told = True
                reason = "hat keine Spalte „Gebiet“" if not sheet_has_area else "nennt in manchen Zeilen kein Gebiet"
                self.problems.add(
                    "",
                    f"Das Blatt {reason}, und die Datendatei hat nicht genau einen Kreis; die Werte ohne Gebiet "
                    "werden nicht übernommen. Bitte das Gebiet angeben (in der Vorschau bzw. mit --area).",
                )
        return [state.public() for state in self.states.values()]

    def _unknown_measure(self, state: MapState, where: str) -> str:
        """Why the values of a label without a measure are not imported, and what the user can do."""
        ask = "diese Werte werden nicht übernommen. Bitte in der Vorschau eine Kennzahl zuordnen."
        if self.sheet_group:
            return (
                f"Das Blatt nennt in Überschrift oder Name die Teilgruppe „{self.sheet_group}“; ZV Desktop führt die "
                f"Kennzahlen für alle Personen. „{state.label}“ ({where}) wird nicht übernommen; gelten die Werte doch "
                "für alle Personen, bitte in der Vorschau eine Kennzahl zuordnen."
            )
        if self.sheet_measure is not None and state.label == self.sheet_measure[0]:
            reason = self.sheet_measure_reason or "nennen keine bekannte Kennzahl"
            return (
                f"Das Blatt hat keine Spalte „Kennzahl“, und seine Überschrift und sein Name {reason} (Überschrift: "
                f"„{state.label}“; {where}); {ask}"
            )
        return f"Kennzahl „{state.label}“ nicht erkannt ({where}); {ask}"

    def notes(self) -> list[str]:
        """German remarks on what was passed over on purpose."""
        c = self.counts
        notes = []
        for count, one, many in (
            (c.footnotes, "Fußnotenzeile übersprungen", "Fußnotenzeilen übersprungen"),
            (c.no_values, "Zeile mit Text, aber ohne Zahlen übersprungen", "Zeilen mit Text, aber ohne Zahlen übersprungen"),
            (c.totals, "Summenzeile („Insgesamt“, „Summe“) übersprungen", "Summenzeilen („Insgesamt“, „Summe“) übersprungen"),
        ):  # fmt: skip
            if count:
                notes.append(f"{format_number(count)} {one if count == 1 else many}.")
        if c.zeros:
            cells = "Zelle" if c.zeros == 1 else "Zellen"
            notes.append(f"{format_number(c.zeros)} {cells} mit „–“ (nichts vorhanden) als 0 übernommen.")
        if c.no_figure:
            cells = "Zelle" if c.no_figure == 1 else "Zellen"
            listed = ", ".join(f"„{sign}“ {_meaning(sign)} ({format_number(n)})" for sign, n in sorted(c.marks.items()))
            notes.append(f"{format_number(c.no_figure)} {cells} ohne Zahl: {listed}.")
        if c.carried_down:
            rows = _rows_text(c.carried_down)
            notes.append(
                f"Die Kennzahl steht in verbundenen Zellen über mehreren Zeilen: für {rows} wurde die Kennzahl der "
                "verbundenen Zelle übernommen."
            )
        if c.under_heading:
            notes.append(
                f"{_rows_text(c.under_heading)}: „Insgesamt“ unter einer Zeile, die nur ein Gebiet nennt – als Wert "
                "dieses Gebiets übernommen."
            )
        if c.area_from_heading:
            notes.append(
                f"{_rows_text(c.area_from_heading)}: ohne eigenes Gebiet unter einer Zeile, die nur ein Gebiet nennt – "
                "als Werte dieses Gebiets übernommen."
            )
        if c.signs:
            total = sum(c.signs.values())
            listed = ", ".join(f"„{sign}“ {STATISTICS_SIGNS[sign]} ({format_number(n)})" for sign, n in c.signs.items())
            notes.append(
                f"{format_number(total)} {'Wert' if total == 1 else 'Werte'} mit Zeichen der Statistik übernommen: "
                f"{listed}; die Zeichen selbst werden nicht gespeichert."
            )
        groups = self.breakdown.note()
        if groups:
            notes.append(groups)
        found = self.sheet_measure and self.sheet_measure[1].record_id and not self.sheet_group
        title = self.sheet_measure[0] if self.sheet_measure and found else None
        if title is not None and any(s.label == title and not s.chosen for s in self.states.values()):
            notes.append(
                f"Das Blatt hat keine Spalte „Kennzahl“; die Kennzahl wurde „{title}“ entnommen – bitte prüfen."
            )
        guessed = sum(1 for s in self.states.values() if s.guessed and not s.chosen and s.usable and s.label != title)
        if guessed:
            notes.append(
                f"{format_number(guessed)} {'Zuordnung' if guessed == 1 else 'Zuordnungen'} nach Ähnlichkeit der "
                "Namen geraten – bitte prüfen."
            )
        return notes


def _rows_text(rows: list[int]) -> str:
    """Row numbers as "Zeile 4", "Zeilen 4–6, 9" (at most eight runs, then "…")."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    parts = [f"{a}–{b}" if b > a else str(a) for a, b in runs[:_MAX_RANGES]]
    more = " …" if len(runs) > _MAX_RANGES else ""
    return f"{'Zeile' if len(rows) == 1 else 'Zeilen'} {', '.join(parts)}{more}"


def _meaning(sign: str) -> str:
    """What a sign for "no figure" means in official statistics, if it is one of theirs."""
    known = plausibility.statistics_sign(sign)
    return known.meaning if known is not None else "kein Wert"
