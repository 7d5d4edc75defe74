"""Domain records of ZV Desktop as dataclasses: parties, agreements, goals, measures, values, papers.

Each record maps 1:1 to a table row (see ``store/mapping.py``); the sync columns of
the exchange (timestamps, site, user, row version, tombstone) are kept by the store.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zv_desktop.core.choices import (
    GOAL_KIND_LABELS,
    Aggregation,
    AgreementStatus,
    AreaKind,
    Comparator,
    Direction,
    GoalKind,
    Impact,
    PaperForm,
    PaperType,
    PartyRole,
    PeriodType,
    ValueKind,
)
from zv_desktop.core.money import Money

__all__ = [
    "PartyRole",
    "AgreementStatus",
    "GoalKind",
    "GOAL_KIND_LABELS",
    "Direction",
    "Aggregation",
    "Comparator",
    "ValueKind",
    "PeriodType",
    "AreaKind",
    "PaperType",
    "PaperForm",
    "Impact",
    "new_id",
    "Stored",
    "VERSION_FIELD",
    "data_fields",
    "Party",
    "Signatory",
    "Area",
    "Measure",
    "Agreement",
    "AgreementParty",
    "Amendment",
    "Section",
    "Clause",
    "Goal",
    "GOAL_KIND_REQUIRED",
    "GOAL_TRACKING_FIELDS",
    "AGREEMENT_FILING_FIELDS",
    "differs_only_in_tracking",
    "GOAL_KIND_OPTIONAL",
    "KpiValue",
    "Paper",
    "IMPACT_FIELDS",
    "Consultation",
    "Attachment",
    "GoalMatch",
]


def new_id() -> str:
    """A new random UUID as text, the key of every record."""
    return str(uuid.uuid4())


#: The field every record carries besides its data: the row version it was read at (0: not read from the file).
VERSION_FIELD = "row_version"


@dataclass
class Stored:
    """Base of every record: ``row_version`` is the version of its row when it was read (0: new, never stored).

    The store refuses to write a record whose row has a newer version than this (someone else changed it since it
    was read) and sets it to the new version after each write. It is not part of a record's data: equality, the
    JSON format and the table mapping leave it out.
    """

    row_version: int = field(default=0, compare=False, repr=False, kw_only=True)


def data_fields(cls: type) -> tuple[dataclasses.Field[object], ...]:
    """The data fields of a record class (without ``row_version``), in declaration order."""
    return tuple(f for f in dataclasses.fields(cls) if f.name != VERSION_FIELD)


@dataclass
class Party(Stored):
    """An organisation (Träger) that concludes agreements."""

    name: str
    role: PartyRole
    short_name: str = ""
    parent_id: str | None = None
    #: The letterhead of the documents it issues: a department line, the address (lines), a logo (PNG bytes).
    letter_department: str = ""
    letter_address: str = ""
    logo: bytes | None = None
    logo_type: str = ""
    #: The form its Vorlagen print in (a town's Ratsvorlage or a Kreis's Sitzungsvorlage).
    paper_form: PaperForm = PaperForm.SITZUNGSVORLAGE
    id: str = field(default_factory=new_id)


@dataclass
class Signatory(Stored):
    """A person who signs for a party, in a function (Landrat, Geschäftsführerin …)."""

    party_id: str
    name: str
    function: str
    id: str = field(default_factory=new_id)


@dataclass
class Area(Stored):
    """A territory values are kept for: a Kreis and its cities."""

    name: str
    kind: AreaKind
    parent_id: str | None = None
    party_id: str | None = None
    ags: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Measure(Stored):
    """A Messgröße of the catalogue (K1 … K3E4) or defined by the user."""

    code: str
    name: str
    unit: str
    direction: Direction
    definition: str = ""
    builtin: bool = False
    aggregation: Aggregation = Aggregation.LAST
    id: str = field(default_factory=new_id)


@dataclass
class Agreement(Stored):
    """The header of a Zielvereinbarung."""

    year: int
    title: str
    status: AgreementStatus = AgreementStatus.ENTWURF
    signed_date: date | None = None
    signed_place: str = ""
    legal_basis: str = ""
    preamble: str = ""
    previous_id: str | None = None
    file_ref: str = ""
    #: The Träger whose letterhead the printed agreement carries.
    issuer_id: str | None = None
    #: Next year's draft: JSON of the year references confirmed as correct ('' = not under review).
    year_review: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class AgreementParty(Stored):
    """A party taking part in an agreement, with the person signing for it."""

    agreement_id: str
    party_id: str
    signatory_id: str | None = None
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Amendment(Stored):
    """A recorded change to a signed agreement (Änderungsvereinbarung)."""

    agreement_id: str
    number: int
    title: str
    decided_date: date | None = None
    text: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Section(Stored):
    """A section of an agreement (e.g. "I) Geschäftspolitische Ziele")."""

    agreement_id: str
    title: str
    number: str = ""
    text: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Clause(Stored):
    """A numbered clause inside a section (e.g. 3 b)."""

    section_id: str
    number: str = ""
    title: str = ""
    text: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Goal(Stored):
    """A goal (Ziel) of an agreement; which fields matter depends on ``kind``."""

    agreement_id: str
    kind: GoalKind
    title: str
    description: str = ""
    section_id: str | None = None
    clause_id: str | None = None
    position: int = 0
    measure_id: str | None = None
    area_id: str | None = None
    unit: str = ""
    direction: Direction | None = None
    target_value: Decimal | None = None
    corridor_low: Decimal | None = None
    corridor_high: Decimal | None = None
    forecast_value: Decimal | None = None
    change_percent: Decimal | None = None
    comparator: Comparator | None = None
    threshold_value: Decimal | None = None
    amount: Money | None = None
    staff_target_vza: Decimal | None = None
    temp_share_max: Decimal | None = None
    extra_vza_max: Decimal | None = None
    deadline: date | None = None
    responsible_party_id: str | None = None
    done_date: date | None = None
    breakdown: str = ""
    condition: str = ""
    comment: str = ""
    green_from: Decimal | None = None
    amber_from: Decimal | None = None
    id: str = field(default_factory=new_id)


#: Fields of a goal that record how it goes during the year, not what was agreed: they stay editable
#: after signing (the Jobcenter's comment for the review talk, the day a milestone was reached, and the
#: office's own traffic-light thresholds for reading the achievement).
GOAL_TRACKING_FIELDS: tuple[str, ...] = ("comment", "done_date", "green_from", "amber_from")
#: Fields of an agreement that stay open after signing: how the office files and prints it, not what was agreed.
AGREEMENT_FILING_FIELDS: tuple[str, ...] = ("file_ref", "issuer_id")

#: The goal kinds whose achievement is a percentage, so their traffic-light thresholds can be set.
GOAL_KINDS_WITH_LIGHTS: frozenset[GoalKind] = frozenset(
    {GoalKind.KPI_TARGET, GoalKind.MONITORING, GoalKind.RELATIVE_CHANGE, GoalKind.BUDGET, GoalKind.STAFFING}
)


def differs_only_in_tracking(old: Goal, new: Goal) -> bool:
    """True if two versions of a goal differ in tracking fields only."""

    def agreed(goal: Goal) -> Goal:  # the goal without its tracking fields (GOAL_TRACKING_FIELDS)
        return dataclasses.replace(goal, comment="", done_date=None, green_from=None, amber_from=None)

    return agreed(old) == agreed(new)


#: The fields each kind of goal requires (besides title); the editor shows these.
GOAL_KIND_REQUIRED: dict[GoalKind, tuple[str, ...]] = {
    GoalKind.KPI_TARGET: ("measure_id", "target_value", "direction"),
    GoalKind.MONITORING: ("measure_id",),
    GoalKind.RELATIVE_CHANGE: ("change_percent",),
    GoalKind.BUDGET: ("amount",),
    GoalKind.THRESHOLD: ("comparator", "threshold_value"),
    GoalKind.STAFFING: ("staff_target_vza",),
    GoalKind.MILESTONE: (),
    GoalKind.REPORTING: (),
    GoalKind.PREMIUM: ("amount",),
}

_LIGHTS = ("green_from", "amber_from")

#: The optional fields each kind of goal offers.
GOAL_KIND_OPTIONAL: dict[GoalKind, tuple[str, ...]] = {
    GoalKind.KPI_TARGET: ("unit", "corridor_low", "corridor_high", "area_id", "breakdown", *_LIGHTS),
    GoalKind.MONITORING: ("unit", "forecast_value", "area_id", "breakdown", *_LIGHTS),
    GoalKind.RELATIVE_CHANGE: ("measure_id", "unit", "direction", "area_id", "breakdown", *_LIGHTS),
    GoalKind.BUDGET: ("responsible_party_id", "measure_id", "area_id", *_LIGHTS),
    GoalKind.THRESHOLD: ("measure_id", "unit", "deadline"),
    GoalKind.STAFFING: ("temp_share_max", "extra_vza_max", *_LIGHTS),
    GoalKind.MILESTONE: ("deadline", "responsible_party_id", "done_date"),
    GoalKind.REPORTING: ("deadline", "breakdown", "responsible_party_id", "done_date"),
    GoalKind.PREMIUM: ("condition", "measure_id"),
}


@dataclass
class KpiValue(Stored):
    """One figure of a measure for an area and period: Ist, Prognose or Plan.

    A cell of an official table may hold a sign instead of a figure ('.', '…', 'x', '*': see
    ``rules.plausibility.MARKS``): then ``value`` is None, ``mark`` the sign and ``comment`` its meaning.
    """

    measure_id: str
    area_id: str
    year: int
    value: Decimal | None
    period_type: PeriodType = PeriodType.MONTH
    period_no: int = 1
    value_kind: ValueKind = ValueKind.IST
    source: str = ""
    comment: str = ""
    mark: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Paper(Stored):
    """A council paper (Vorlage / Sitzungsvorlage)."""

    number: str
    title: str
    paper_type: PaperType
    public: bool = True
    body: str = ""
    department: str = ""
    clerk: str = ""
    paper_date: date | None = None
    file_ref: str = ""
    impact_financial: Impact | None = None
    impact_personnel: Impact | None = None
    impact_organisational: Impact | None = None
    impact_kpi: Impact | None = None
    impact_climate: Impact | None = None
    decision_proposal: str = ""
    facts: str = ""
    agreement_id: str | None = None
    #: The authority that issues the paper (its letterhead heads the print), e.g. Stadt Kamen.
    issuer_id: str | None = None
    #: „Anlass der Vorlage“, printed before the Sachverhalt.
    occasion: str = ""
    #: The signature block: who signs below the body line (e.g. „Der Landrat“) and in which capacity.
    signer: str = ""
    signing_capacity: str = ""
    #: A paper not yet released prints „ENTWURF“ on every page.
    released: bool = False
    id: str = field(default_factory=new_id)


#: Impact checkboxes of a Vorlage in print order, with their German labels.
IMPACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("impact_financial", "Finanzielle Auswirkung"),
    ("impact_personnel", "Personelle Auswirkung"),
    ("impact_organisational", "Organisatorische Auswirkung"),
    ("impact_kpi", "Auswirkung auf Kennzahlen"),
    ("impact_climate", "Klimarelevanz"),
)


@dataclass
class Consultation(Stored):
    """One step of a paper's Beratungsfolge: committee, meeting date, kind of decision."""

    paper_id: str
    committee: str
    meeting_date: date | None = None
    role: str = ""
    position: int = 0
    agenda_item: str = ""  # the TOP number in that meeting
    id: str = field(default_factory=new_id)


@dataclass
class Attachment(Stored):
    """An Anlage of a paper, stored inside the data file."""

    paper_id: str
    name: str
    content: bytes
    mime_type: str = "application/octet-stream"
    size: int = 0
    sha256: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class GoalMatch(Stored):
    """A user's correction of a comparison across years: two goals match (``matched``) or must not be paired."""

    earlier_goal_id: str
    later_goal_id: str
    matched: bool = True
    id: str = field(default_factory=new_id)
