"""Field-by-field differences of two versions of a goal, with German texts and word diffs of changed wording.

Used by the comparison across years (``compare.py``): money is compared in € (DM converted at 1,95583),
deadlines relative to the agreement year, and changed texts carry a word diff as (op, text) segments.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.formats import format_date, format_money, format_number
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services.describe import COMPARATOR_TEXT, DIRECTION_TEXT, with_unit

#: A piece of a word diff: ("equal" | "delete" | "insert", words). Joined by single spaces the
#: segments of one side give that side's text (whitespace collapsed).
Segment = tuple[str, str]

TENTH = Decimal("0.1")
MINUS = "\u2212"  # typographic minus, as printed in German reports

#: Fields compared between two versions of a goal, in display order, with German label and type.
#: Tracking fields (comment, done date, traffic-light thresholds) and the position are not compared.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "Titel", "text"),
    ("kind", "Zielart", "kind"),
    ("measure_id", "Messgröße", "measure"),
    ("area_id", "Gebiet", "area"),
    ("target_value", "Zielwert", "number"),
    ("corridor_low", "Korridor von", "number"),
    ("corridor_high", "Korridor bis", "number"),
    ("forecast_value", "Prognose", "number"),
    ("change_percent", "Veränderung zum Vorjahr", "points"),
    ("comparator", "Vergleich", "comparator"),
    ("threshold_value", "Schwellenwert", "number"),
    ("amount", "Betrag", "money"),
    ("staff_target_vza", "Soll-Ausstattung", "vza"),
    ("temp_share_max", "Befristungsanteil höchstens", "points"),
    ("extra_vza_max", "Zusätzlich höchstens", "vza"),
    ("unit", "Einheit", "plain"),
    ("direction", "Richtung", "direction"),
    ("deadline", "Frist", "date"),
    ("responsible_party_id", "Verantwortlich", "party"),
    ("breakdown", "Aufschlüsselung", "plain"),
    ("condition", "Bedingung", "text"),
    ("description", "Beschreibung", "text"),
)


@dataclass
class Names:
    """Display names of the records goals refer to, loaded once per comparison."""

    measures: dict[str, model.Measure] = field(default_factory=dict)
    areas: dict[str, model.Area] = field(default_factory=dict)
    parties: dict[str, model.Party] = field(default_factory=dict)

    def measure(self, measure_id: str | None) -> str:
        """'K2 Integrationsquote' for a measure id ('' for none)."""
        found = self.measures.get(measure_id or "")
        return f"{found.code} {found.name}" if found else (measure_id or "")

    def unit_of(self, measure_id: str | None) -> str:
        """The unit of a measure ('' for none)."""
        found = self.measures.get(measure_id or "")
        return found.unit if found else ""

    def area(self, area_id: str | None) -> str:
        """The area's name."""
        found = self.areas.get(area_id or "")
        return found.name if found else (area_id or "")

    def party(self, party_id: str | None) -> str:
        """The party's name."""
        found = self.parties.get(party_id or "")
        return found.name if found else (party_id or "")


@dataclass
class FieldChange:
    """One field that differs between two versions of a goal; its German texts are made when first asked for.

    ``kind`` is the field's type from ``FIELDS`` (money, number, text, date …); ``percent`` is the
    relative change in % (one decimal) for money and for figures that are not percentages themselves.
    """

    field: str
    label: str
    kind: str
    old_value: Any
    new_value: Any
    unit: str = ""
    names: Names | None = dataclasses.field(default=None, repr=False, compare=False)
    percent: Decimal | None = None

    @property
    def is_text(self) -> bool:
        """True for wording (title, description, condition): shown as a word diff."""
        return self.kind == "text"

    @cached_property
    def old(self) -> str:
        """The old value as German text ('' if there was none)."""
        return _show(self.kind, self.old_value, self.names or Names(), self.unit)

    @cached_property
    def new(self) -> str:
        """The new value as German text ('' if there is none)."""
        return _show(self.kind, self.new_value, self.names or Names(), self.unit)

    @cached_property
    def delta(self) -> str:
        """The change of a figure as German text: '−53,7 %' or '+0,4 Prozentpunkte' ('' otherwise)."""
        if self.percent is not None:
            return percent_text(self.percent)
        if self.kind in ("number", "points") and self.old_value is not None and self.new_value is not None:
            if self.kind == "points" or self.unit == "%":
                return f"{signed(format_number(self.new_value - self.old_value))} Prozentpunkte"
        return ""

    @cached_property
    def diff(self) -> list[Segment]:
        """Word diff of a changed text (computed when first asked for); [] for other fields."""
        return word_diff(self.old, self.new) if self.is_text else []

    @property
    def direction(self) -> int:
        """+1 if a figure grew, −1 if it shrank, 0 otherwise."""
        if self.percent is not None:
            return (self.percent > 0) - (self.percent < 0)
        old, new = _figure(self.old_value), _figure(self.new_value)
        if old is None or new is None:
            return 0
        return (new > old) - (new < old)


def _figure(value: Any) -> Decimal | None:
    if isinstance(value, Money):
        return value.to_eur().amount
    return value if isinstance(value, Decimal) else None


# --- word diffs ----------------------------------------------------------------------------


def word_diff(old: str, new: str) -> list[Segment]:
    """The word diff of two texts (difflib on words): equal, deleted and inserted runs of words."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", " ".join(b[j1:j2])))
    return segments


def mark_diff(segments: list[Segment]) -> str:
    """A word diff as plain text: deleted words as [-…-], inserted words as {+…+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(text) for op, text in segments)


# --- German figures -------------------------------------------------------------------------


def signed(text: str) -> str:
    """A German number with an explicit sign: '+12,5' or '−53,7' (typographic minus)."""
    if text.startswith(("-", MINUS)):
        return MINUS + text[1:]
    return text if text in ("0", "0,0") else "+" + text


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """(new − old) ÷ old in %, rounded half up to one decimal; None if old is zero."""
    if old == 0:
        return None
    return ((new - old) * 100 / old).quantize(TENTH, ROUND_HALF_UP)


def percent_text(value: Decimal) -> str:
    """A relative change as '−53,7 %'."""
    return f"{signed(format_number(value, 1))} %"


def money_text(value: Money) -> str:
    """An amount with cents; a DM amount also in €: '211.000,00 DM (107.882,59 €)'."""
    text = format_money(value, cents=True)
    if value.currency is Currency.DM:
        text += f" ({format_money(value.to_eur(), cents=True)})"
    return text


def key_figure(goal: model.Goal, names: Names) -> str:
    """The goal's main figure in a few words (amount, target, threshold, VZA, change or deadline); '' if none."""
    unit = goal.unit or names.unit_of(goal.measure_id)
    kind = goal.kind
    if goal.amount is not None and kind in (model.GoalKind.BUDGET, model.GoalKind.PREMIUM):
        return money_text(goal.amount)  # a DM amount with its € value, as in the change list
    if kind is model.GoalKind.KPI_TARGET and goal.target_value is not None:
        return f"Zielwert {with_unit(goal.target_value, unit)}"
    if kind is model.GoalKind.MONITORING:
        return f"Prognose {with_unit(goal.forecast_value, unit)}" if goal.forecast_value is not None else "Beobachtung"
    if kind is model.GoalKind.RELATIVE_CHANGE and goal.change_percent is not None:
        return f"{signed(format_number(goal.change_percent))} % zum Vorjahr"
    if kind is model.GoalKind.THRESHOLD and goal.threshold_value is not None and goal.comparator is not None:
        return f"{COMPARATOR_TEXT[goal.comparator]} {with_unit(goal.threshold_value, unit)}"
    if kind is model.GoalKind.STAFFING and goal.staff_target_vza is not None:
        return f"Soll {format_number(goal.staff_target_vza)} VZA"
    if goal.deadline is not None:
        return f"Frist {format_date(goal.deadline)}"
    return ""


# --- comparing two versions of a goal ---------------------------------------------------------


def shift_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def goal_changes(
    old: model.Goal, new: model.Goal, names: Names, years_apart: int, places: tuple[str, str]
) -> list[FieldChange]:
    """What differs between two versions of a goal, in display order.

    Money is compared in € (a DM amount equal to the € amount after conversion is no change). A
    deadline counts as unchanged if it moved on by exactly the years between the agreements (a goal
    "by the end of the year" stays the same goal). ``places`` are the goals' places ("Ziffer 5 c").
    If the kind of goal changed, fields the new kind does not have are not listed one by one.
    """
    changes: list[FieldChange] = []
    kind_changed = old.kind is not new.kind
    unit = new.unit or old.unit or names.unit_of(new.measure_id)
    for name, label, kind in FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "unit":  # a goal without a unit of its own shows its measure's
            before, after = before or names.unit_of(old.measure_id), after or names.unit_of(new.measure_id)
        if before == after or (kind_changed and name not in _fields_of(new.kind)):
            continue
        percent = None
        if before is not None and after is not None:
            if kind == "date" and shift_years(before, years_apart) == after:
                continue
            if kind == "money":
                before_eur, after_eur = before.to_eur().amount, after.to_eur().amount
                if before_eur == after_eur:
                    continue  # the same sum, only converted from DM
                percent = percent_change(before_eur, after_eur)
            elif kind == "vza" or (kind == "number" and unit != "%"):
                percent = percent_change(before, after)
        changes.append(FieldChange(name, label, kind, before, after, unit, names, percent))
    if places[0] != places[1]:
        changes.append(FieldChange("place", "Stelle", "plain", places[0], places[1]))
    return changes


#: Fields every kind of goal has.
_COMMON_FIELDS = frozenset({"title", "kind", "description", "measure_id", "area_id", "condition"})


def _fields_of(kind: model.GoalKind) -> frozenset[str]:
    return _COMMON_FIELDS | set(model.GOAL_KIND_REQUIRED[kind]) | set(model.GOAL_KIND_OPTIONAL[kind])


def _show(kind: str, value: Any, names: Names, unit: str = "") -> str:
    """A field value as German text."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return money_text(value)
    if kind in ("number", "vza", "points"):
        return with_unit(value, {"vza": "VZA", "points": "%"}.get(kind, unit))
    if kind == "kind":
        return str(value.label)
    if kind == "measure":
        return names.measure(value)
    if kind == "area":
        return names.area(value)
    if kind == "party":
        return names.party(value)
    if kind == "direction":
        return DIRECTION_TEXT[value]
    if kind == "comparator":
        return COMPARATOR_TEXT[value]
    if kind == "date":
        return format_date(value)
    return str(value)
