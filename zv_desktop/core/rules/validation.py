"""Validation rules for every record type; each returns a list of Problems naming the field in German."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal

from PIL import Image

from zv_desktop.core import model
from zv_desktop.core.errors import Problem
from zv_desktop.core.field_labels import LABELS
from zv_desktop.core.money import Currency
from zv_desktop.core.rules.plausibility import MARKS

FIRST_YEAR, LAST_YEAR = 1990, 2100
#: Allowed breakdowns of a reporting duty: none, or per city of the Kreis.
BREAKDOWNS = ("", "stadtscharf")
#: Year after which amounts in DM are refused (the € became cash on 01.01.2002).
LAST_DM_YEAR = 2001


def _p(field: str, message: str) -> Problem:
    return Problem(field, f"„{LABELS.get(field, field)}“ {message}")


def _required_text(record: object, *fields: str) -> list[Problem]:
    return [_p(f, "darf nicht leer sein.") for f in fields if not str(getattr(record, f) or "").strip()]


def check_year(year: int, field: str = "year") -> list[Problem]:
    """A year within the range the program handles."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return [_p(field, f"muss zwischen {FIRST_YEAR} und {LAST_YEAR} liegen (ist {year}).")]
    return []


#: The largest logo or coat of arms a letterhead may carry (it is printed at most 3 cm wide).
MAX_LOGO_BYTES = 2 * 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_party(party: model.Party) -> list[Problem]:
    """A party needs a name; a letterhead logo must be a readable PNG of at most 2 MB."""
    problems = _required_text(party, "name")
    if party.logo is None:
        if party.logo_type:
            problems.append(_p("logo_type", "ist angegeben, aber es ist kein Logo gespeichert."))
        return problems
    if party.logo_type != "image/png" or not party.logo.startswith(_PNG_SIGNATURE):
        problems.append(_p("logo", "muss eine PNG-Datei sein (andere Bildformate bitte als PNG speichern)."))
    elif len(party.logo) > MAX_LOGO_BYTES:
        problems.append(_p("logo", f"ist {len(party.logo) // 1024} KB groß; höchstens 2 MB sind erlaubt."))
    elif not png_readable(party.logo):
        problems.append(_p("logo", "ist keine lesbare PNG-Datei (beschädigt?)."))
    return problems


def png_readable(content: bytes) -> bool:
    """True if Pillow can read the PNG whole (header, chunks and checksums)."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def check_signatory(signatory: model.Signatory) -> list[Problem]:
    """A signatory needs a name and a function."""
    return _required_text(signatory, "name", "function")


def check_area(area: model.Area) -> list[Problem]:
    """An area needs a name and must not be its own parent."""
    problems = _required_text(area, "name")
    if area.parent_id is not None and area.parent_id == area.id:
        problems.append(Problem("parent_id", "Ein Gebiet kann nicht in sich selbst liegen."))
    return problems


def check_measure(measure: model.Measure) -> list[Problem]:
    """A measure needs a code, a name and a unit."""
    return _required_text(measure, "code", "name", "unit")


def check_agreement(agreement: model.Agreement) -> list[Problem]:
    """Header rules: a title, a sensible year, a signed agreement has its date."""
    problems = _required_text(agreement, "title") + check_year(agreement.year)
    if agreement.status.is_signed and agreement.signed_date is None:
        problems.append(_p("signed_date", "fehlt: eine unterzeichnete Zielvereinbarung braucht ihr Datum."))
    if agreement.signed_date is not None and agreement.signed_date.year > agreement.year + 1:
        problems.append(_p("signed_date", "liegt mehr als ein Jahr nach dem Vereinbarungsjahr."))
    return problems


def check_goal(goal: model.Goal, agreement_year: int) -> list[Problem]:
    """Rules of a goal: required fields of its kind, corridor order, currency by year, ranges."""
    problems = _required_text(goal, "title")
    for name in model.GOAL_KIND_REQUIRED[goal.kind]:
        if getattr(goal, name) is None:
            problems.append(_p(name, f"fehlt; ein Ziel der Art „{goal.kind.label}“ braucht diese Angabe."))
    low, high = goal.corridor_low, goal.corridor_high
    if low is not None and high is not None and low > high:
        problems.append(_p("corridor_low", "darf nicht größer sein als „Korridor bis“."))
    if goal.target_value is not None and low is not None and high is not None and not low <= goal.target_value <= high:
        problems.append(_p("target_value", "liegt außerhalb des Korridors."))
    if goal.amount is not None:
        if goal.amount.amount < 0:
            problems.append(_p("amount", "darf nicht negativ sein."))
        if goal.amount.currency is Currency.DM and agreement_year > LAST_DM_YEAR:
            problems.append(
                _p("amount", f"ist in DM angegeben; ab {LAST_DM_YEAR + 1} sind nur Beträge in Euro zulässig.")
            )
    for name in ("temp_share_max",):
        value = getattr(goal, name)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            problems.append(_p(name, "muss zwischen 0 und 100 liegen."))
    for name in ("staff_target_vza", "extra_vza_max"):
        value = getattr(goal, name)
        if value is not None and value < 0:
            problems.append(_p(name, "darf nicht negativ sein."))
    if goal.unit.strip() == "%" and goal.kind is model.GoalKind.THRESHOLD and goal.threshold_value is not None:
        if not Decimal(0) <= goal.threshold_value <= Decimal(100):
            problems.append(_p("threshold_value", "muss als Anteil zwischen 0 und 100 % liegen."))
    if goal.breakdown not in BREAKDOWNS:
        problems.append(
            Problem("breakdown", f"„Aufschlüsselung“ „{goal.breakdown}“ ist nicht erlaubt (leer oder „stadtscharf“).")
        )
    for name in ("deadline", "done_date"):
        value = getattr(goal, name)
        if isinstance(value, date):
            problems += check_year(value.year, name)
    return problems + _check_lights(goal)


def _check_lights(goal: model.Goal) -> list[Problem]:
    """Traffic-light thresholds: only for kinds measured in %, within 0–1000 %, "gefährdet" not above "erreicht"."""
    problems: list[Problem] = []
    green, amber = goal.green_from, goal.amber_from
    if (green is not None or amber is not None) and goal.kind not in model.GOAL_KINDS_WITH_LIGHTS:
        name = "green_from" if green is not None else "amber_from"
        return [_p(name, f"gibt es bei Zielen der Art „{goal.kind.label}“ nicht.")]
    for name, value in (("green_from", green), ("amber_from", amber)):
        if value is not None and not Decimal(0) <= value <= Decimal(1000):
            problems.append(_p(name, "muss zwischen 0 und 1.000 % liegen."))
    if green is not None and amber is not None and amber > green:
        problems.append(_p("amber_from", "darf nicht größer sein als „Ampel grün ab (%)“."))
    return problems


def check_kpi_value(value: model.KpiValue) -> list[Problem]:
    """A value's period must exist (month 1–12, quarter 1–4) and the number be finite."""
    problems = check_year(value.year)
    limits = {model.PeriodType.MONTH: (1, 12), model.PeriodType.QUARTER: (1, 4), model.PeriodType.YEAR: (0, 0)}
    low, high = limits[value.period_type]
    if not low <= value.period_no <= high:
        if value.period_type is model.PeriodType.YEAR:
            problems.append(_p("period_no", f"muss bei einem Jahreswert 0 sein (ist {value.period_no})."))
        else:
            what = {"M": "Monat", "Q": "Quartal"}[value.period_type.value]
            problems.append(_p("period_no", f"ist ungültig: {what} {value.period_no} gibt es nicht."))
    if value.value is None:
        if value.mark not in MARKS:
            problems.append(_p("value", "fehlt: ohne Zahl muss eines der Zeichen „.“, „…“, „x“ oder „*“ stehen."))
    elif value.mark:
        problems.append(_p("mark", f"„{value.mark}“ steht für keine Zahl und kann nicht neben einer Zahl stehen."))
    elif not value.value.is_finite():
        problems.append(_p("value", "muss eine endliche Zahl sein."))
    return problems


def check_paper(paper: model.Paper) -> list[Problem]:
    """A Vorlage needs a number and a title."""
    return _required_text(paper, "number", "title")


def check_consultation(consultation: model.Consultation) -> list[Problem]:
    """A step of the Beratungsfolge needs its committee."""
    return _required_text(consultation, "committee")


def check_attachment(attachment: model.Attachment) -> list[Problem]:
    """An Anlage needs a name; size and checksum must match its content."""
    problems = _required_text(attachment, "name")
    if attachment.size != len(attachment.content):
        problems.append(
            _p("size", f"passt nicht zum Inhalt ({attachment.size} statt {len(attachment.content)} Bytes).")
        )
    if attachment.sha256 != hashlib.sha256(attachment.content).hexdigest():
        problems.append(_p("sha256", "passt nicht zum Inhalt (Datei beschädigt oder verändert)."))
    return problems


#: Status changes an agreement may make (forward by one step; back to draft only before signing).
ALLOWED_STATUS_CHANGES = {
    (model.AgreementStatus.ENTWURF, model.AgreementStatus.VERHANDELT),
    (model.AgreementStatus.VERHANDELT, model.AgreementStatus.ENTWURF),
    (model.AgreementStatus.VERHANDELT, model.AgreementStatus.UNTERZEICHNET),
    (model.AgreementStatus.ENTWURF, model.AgreementStatus.UNTERZEICHNET),
    (model.AgreementStatus.UNTERZEICHNET, model.AgreementStatus.ABGESCHLOSSEN),
}


def check_status_change(old: model.AgreementStatus, new: model.AgreementStatus) -> list[Problem]:
    """Whether the lifecycle allows going from ``old`` to ``new``."""
    if old == new or (old, new) in ALLOWED_STATUS_CHANGES:
        return []
    return [Problem("status", f"Der Status kann nicht von „{old.label}“ auf „{new.label}“ wechseln.")]


def check_goal_match(match: model.GoalMatch) -> list[Problem]:
    """A correction of a comparison pairs two different goals."""
    if match.earlier_goal_id == match.later_goal_id:
        return [Problem("later_goal_id", "Ein Ziel kann nicht sich selbst zugeordnet werden.")]
    return []
