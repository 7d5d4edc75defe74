"""Excel export of the app's tables: KPI values (the import template's layout), an agreement's KPI grid, the lists,
the empty import template; the dashboard, comparison and time series come from ``xlsx_reports``.

Each function writes one .xlsx file atomically (ZvError for another suffix or a missing folder, and nothing is
written) and returns the number of data rows of its tables (a reference sheet like the list of measures is not
counted). The sheet layout and the number formats are described in ``xlsx_sheet``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl.worksheet.datavalidation import DataValidation

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_reports import export_comparison, export_status, export_time_series
from zv_desktop.core.exchange.xlsx_sheet import (
    Column,
    Figure,
    Sheet,
    Value,
    check_target,
    compact_unit,
    decimals_of,
    info_line,
    number_format,
    write_workbook,
)
from zv_desktop.core.progress import Progress
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR
from zv_desktop.core.services.agreements import list_agreements
from zv_desktop.core.services.kpi_grid import MONTHS, build_grid
from zv_desktop.core.services.papers import list_papers
from zv_desktop.core.services.time_series import ordered_areas
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store

__all__ = [
    "TEMPLATE_HEADERS",
    "VALUE_KIND_LABELS",
    "export_agreement_grid",
    "export_agreements",
    "export_comparison",
    "export_papers",
    "export_status",
    "export_time_series",
    "export_values",
    "write_template",
]

#: The columns of the import template, in order; ``export_values`` writes the same layout.
TEMPLATE_HEADERS = ("Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung")
#: The German words of the column "Art".
VALUE_KIND_LABELS = {model.ValueKind.IST: "Ist", model.ValueKind.PROGNOSE: "Prognose", model.ValueKind.PLAN: "Plan"}
_PERIOD_ORDER = {model.PeriodType.MONTH: 0, model.PeriodType.QUARTER: 1, model.PeriodType.YEAR: 2}
_KIND_ORDER = {kind: n for n, kind in enumerate(VALUE_KIND_LABELS)}
_PAPER_TYPES = {
    model.PaperType.BESCHLUSS: "Beschluss",
    model.PaperType.WAHL: "Wahl",
    model.PaperType.KENNTNISNAHME: "Kenntnisnahme",
}
_DIRECTIONS = {model.Direction.HIGHER: "höher", model.Direction.LOWER: "niedriger", model.Direction.NONE: "genau"}
_COUNT = number_format(0)


def _template_columns() -> list[Column]:
    return [Column(h) for h in TEMPLATE_HEADERS]


def _wert(value: Decimal, unit: str) -> Figure:
    """A stored value: its own decimals, and % or € after it where that is the measure's unit."""
    return Figure(value, number_format(decimals_of(value), compact_unit(unit)))


# --- KPI values in the template's layout ------------------------------------------------------


def export_values(
    store: Store,
    path: Path,
    year: int | None = None,
    area_id: str | None = None,
    *,
    progress: Progress | None = None,
) -> int:
    """All KPI values (of one year and/or area if given), one row per value in the import template's layout.

    Monthly values go to the first sheet (Monat 1–12), so the file can be edited and imported again; quarterly
    and yearly values, which the template has no column for, go to a second sheet with a column "Zeitraum".
    """
    check_target(path)
    measures = {m.id: m for m in store.find(model.Measure)}
    measure_rank = {m_id: n for n, m_id in enumerate(measures)}
    areas = {a.id: a for a in store.find(model.Area)}
    area_rank = {a.id: n for n, a in enumerate(ordered_areas(store))}  # each Kreis followed by its cities
    values = list_values(store, area_id, year)
    values.sort(
        key=lambda v: (
            area_rank.get(v.area_id, len(area_rank)),
            measure_rank.get(v.measure_id, len(measure_rank)),
            v.year,
            _PERIOD_ORDER[v.period_type],
            v.period_no,
            _KIND_ORDER[v.value_kind],
        )
    )
    monthly: list[list[Value]] = []
    other: list[list[Value]] = []
    for v in values:
        measure = measures.get(v.measure_id)
        code, unit = (measure.code, measure.unit) if measure is not None else (v.measure_id, "")
        area = areas[v.area_id].name if v.area_id in areas else v.area_id
        # a sign of official statistics stands in the cell as it was read or typed, so an import reads it back
        wert: Figure | str = v.mark if v.value is None else _wert(v.value, unit)
        kind = VALUE_KIND_LABELS[v.value_kind]
        if v.period_type is model.PeriodType.MONTH:
            monthly.append([code, area, v.year, v.period_no, kind, wert, v.source, v.comment])
        else:
            period = f"Q{v.period_no}" if v.period_type is model.PeriodType.QUARTER else "Jahr"
            other.append([code, area, v.year, period, kind, wert, v.source, v.comment])
    what = "Kennzahlwerte " + (str(year) if year is not None else "aller Jahre")
    if area_id is not None:
        what += f" – {areas[area_id].name if area_id in areas else area_id}"
    info = info_line(store.site_name)
    sheets = [Sheet("Kennzahlwerte", what, info, _template_columns(), monthly)]
    if other:
        columns = [Column(h) for h in ("Kennzahl", "Gebiet", "Jahr", "Zeitraum", "Art", "Wert", "Quelle", "Bemerkung")]
        sheets.append(Sheet("Quartals- und Jahreswerte", f"{what} (Quartale und Jahre)", info, columns, other))
    sheets.append(_measure_sheet(store, info))
    written = write_workbook(path, what, sheets, progress)
    return written - len(sheets[-1].rows)


def _measure_sheet(store: Store, info: str) -> Sheet:
    """The measures of the file with their codes (for reading and filling in the column "Kennzahl")."""
    rows: list[list[Value]] = [
        [m.code, m.name, m.unit, _DIRECTIONS.get(m.direction, ""), m.aggregation.label]
        for m in store.find(model.Measure)
    ]
    columns = [Column(h) for h in ("Kennzahl", "Bezeichnung", "Einheit", "Besser ist", "Jahreswert")]
    return Sheet("Kennzahlen", "Kennzahlen der Datendatei", info, columns, rows, landscape=False)


# --- the KPI grid of an agreement -------------------------------------------------------------


def export_agreement_grid(store: Store, path: Path, agreement_id: str) -> int:
    """The KPI grid of an agreement as a wide table: one row per measure and area, one column per month.

    Header row 4: Kennzahl | Bezeichnung | Gebiet | 01/2014 … 12/2014 (the layout the import reads back); month
    cells hold the stored Ist values as numbers and stay empty where nothing is stored.
    """
    check_target(path)
    grid = build_grid(store, agreement_id)
    codes = {m.id: (m.code, m.name) for m in store.find(model.Measure)}
    months = [f"{month:02d}/{grid.year}" for month in range(1, MONTHS + 1)]
    rows: list[list[Value]] = []
    for index, column in enumerate(grid.columns):
        code, name = codes.get(column.measure_id, ("", column.measure))
        cells = [grid.value(month, index) for month in range(MONTHS)]
        decimals = max((decimals_of(v) for v in cells if v is not None), default=0)
        fmt = number_format(decimals, compact_unit(column.unit))
        rows.append([code, name, column.area, *(Figure(v, fmt) if v is not None else None for v in cells)])
    notes = [
        f"Quelle: ZV Desktop, Ist-Werte der Kennzahlen der Zielvereinbarung „{grid.title}“; "
        "leere Zellen: kein Wert erfasst. Prozentwerte in Prozentpunkten (20,6 = 20,6 %)."
    ]
    if not rows:
        notes.insert(0, "Diese Zielvereinbarung hat keine Ziele mit Kennzahl.")
    title = f"Kennzahlen {grid.year} – {grid.title}"
    columns = [Column("Kennzahl"), Column("Bezeichnung"), Column("Gebiet"), *(Column(m) for m in months)]
    sheet = Sheet(f"Kennzahlen {grid.year}", title, info_line(store.site_name), columns, rows, notes)
    return write_workbook(path, title, [sheet])


# --- lists ------------------------------------------------------------------------------------


def export_agreements(store: Store, path: Path) -> int:
    """The list of agreements: year, title, status, parties, number of goals, signing date and place."""
    check_target(path)
    signed = {a.id: a for a in store.find(model.Agreement)}
    rows: list[list[Value]] = []
    for s in list_agreements(store):
        record = signed.get(s.id)
        when = record.signed_date if record is not None else None
        where = record.signed_place if record is not None else ""
        rows.append([s.year, s.title, s.status.label, s.parties, s.goal_count, when, where])
    columns = [
        Column("Jahr"),
        Column("Titel"),
        Column("Status"),
        Column("Träger"),
        Column("Ziele", _COUNT),
        Column("Unterzeichnet am"),
        Column("Ort"),
    ]
    title = "Zielvereinbarungen"
    return write_workbook(path, title, [Sheet(title, title, info_line(store.site_name), columns, rows)])


def export_papers(store: Store, path: Path) -> int:
    """The list of Vorlagen: number, date, kind, title, Fachbereich."""
    check_target(path)
    rows: list[list[Value]] = [
        [
            p.number,
            date.fromisoformat(p.paper_date) if p.paper_date else None,
            _PAPER_TYPES.get(p.paper_type, str(p.paper_type)),
            p.title,
            p.department,
        ]
        for p in list_papers(store)
    ]
    columns = [Column("Vorlagen-Nr."), Column("Datum"), Column("Art"), Column("Betreff"), Column("Fachbereich")]
    title = "Vorlagen"
    return write_workbook(path, title, [Sheet(title, title, info_line(store.site_name), columns, rows)])


# --- the import template ----------------------------------------------------------------------

_HELP = (
    ("Kennzahl", "ja", "Kürzel der Kennzahl, wie in ZV Desktop (Stammdaten → Kennzahlen)", "K2"),
    ("Gebiet", "ja", "Name des Gebiets (Kreis oder Stadt), wie in ZV Desktop", "Kreis Mettmann"),
    ("Jahr", "ja", "vierstellige Jahreszahl", "2014"),
    ("Monat", "ja", "Monat als Zahl von 1 (Januar) bis 12 (Dezember)", "3"),
    ("Art", "ja", "Ist, Prognose oder Plan", "Ist"),
    ("Wert", "ja", "die Zahl; Prozentwerte in Prozentpunkten (20,6 für 20,6 %), Beträge in €", "20,6"),
    ("Quelle", "nein", "woher der Wert stammt", "BA-Statistik 06/2014"),
    ("Bemerkung", "nein", "freier Text zum Wert", "vorläufiger Wert"),
)


def write_template(path: Path, store: Store | None = None) -> None:
    """The empty import template (one row per value, TEMPLATE_HEADERS in row 4) with a help sheet.

    With ``store`` a third sheet lists the file's measures, so the codes can be looked up while filling it in.
    """
    check_target(path)
    stamp = info_line("Bitte ab Zeile 5 eine Zeile je Wert eintragen; Erläuterungen im Blatt „Hilfe“")
    art = DataValidation(type="list", formula1='"Ist,Prognose,Plan"', allow_blank=True, sqref="E5:E100000")
    art.error, art.errorTitle = "Bitte Ist, Prognose oder Plan wählen.", "Art"
    month = DataValidation(type="whole", operator="between", formula1="1", formula2="12", sqref="D5:D100000")
    month.error, month.errorTitle = "Bitte einen Monat von 1 bis 12 eintragen.", "Monat"
    year = DataValidation(
        type="whole", operator="between", formula1=str(FIRST_YEAR), formula2=str(LAST_YEAR), sqref="C5:C100000"
    )
    year.error, year.errorTitle = f"Bitte ein Jahr von {FIRST_YEAR} bis {LAST_YEAR} eintragen.", "Jahr"
    for rule in (art, month, year):  # Excel refuses a wrong entry with the message (openpyxl's default: silent)
        rule.showErrorMessage, rule.errorStyle = True, "stop"
    title = "Vorlage für den Import von Kennzahlwerten"
    template = Sheet("Kennzahlwerte", title, stamp, _template_columns(), [], validations=[art, month, year])
    help_rows: list[list[Value]] = [list(line) for line in _HELP]
    notes = [
        "Zeilen 1 bis 3 und Zeilen ohne Kennzahl werden beim Import übergangen.",
        "Ein Wert, der für Kennzahl, Gebiet, Jahr, Monat und Art schon gespeichert ist, wird ersetzt.",
        "Vor dem Speichern zeigt ZV Desktop eine Vorschau mit allen Problemen; gespeichert werden alle fehlerfreien "
        "Werte in einem Schritt, Werte mit Problemen werden nicht übernommen.",
    ]
    help_columns = [Column("Spalte"), Column("Pflicht"), Column("Bedeutung"), Column("Beispiel")]
    sheets = [template, Sheet("Hilfe", "Hilfe zur Vorlage", stamp, help_columns, help_rows, notes)]
    if store is not None:
        sheets.append(_measure_sheet(store, info_line(store.site_name)))
    write_workbook(path, title, sheets)
