"""The fixed choices of the domain: party roles, agreement status, goal kinds, directions, value kinds …"""

from __future__ import annotations

from enum import StrEnum


class PartyRole(StrEnum):
    """The role an organisation (Träger) plays."""

    BA = "BA"
    AA = "AA"
    JC_GE = "JC_GE"
    JC_ZKT = "JC_ZKT"
    LAND = "LAND"
    KREIS = "KREIS"
    STADT = "STADT"

    @property
    def label(self) -> str:
        """German name of the role."""
        return {
            "BA": "Bundesagentur für Arbeit",
            "AA": "Agentur für Arbeit",
            "JC_GE": "Jobcenter (gemeinsame Einrichtung)",
            "JC_ZKT": "Jobcenter (zugelassener kommunaler Träger)",
            "LAND": "Land / Ministerium",
            "KREIS": "Kreis",
            "STADT": "Stadt / Gemeinde",
        }[self.value]


class PaperForm(StrEnum):
    """The form an authority prints its Vorlagen in (seeds 002–004)."""

    SITZUNGSVORLAGE = "sitzungsvorlage"
    RATSVORLAGE = "ratsvorlage"

    @property
    def label(self) -> str:
        """German name of the form, with its model."""
        return {
            "sitzungsvorlage": "Sitzungsvorlage (wie Kreis Mettmann)",
            "ratsvorlage": "Ratsvorlage (wie Stadt Kamen)",
        }[self.value]

    @property
    def description(self) -> str:
        """What the form prints, for a tooltip."""
        return {
            "sitzungsvorlage": "Art der Vorlage als Ankreuzfelder, Betreff, Anlass der Vorlage, Sachverhaltsdarstellung",
            "ratsvorlage": "„Beschlussvorlage öffentlich Rat“, TOP-Nr. vor der Beratungsfolge, Bezeichnung des TOP, "
            "Sachverhalt und Begründung",
        }[self.value]


class AgreementStatus(StrEnum):
    """Lifecycle of an agreement: Entwurf → verhandelt → unterzeichnet → abgeschlossen."""

    ENTWURF = "entwurf"
    VERHANDELT = "verhandelt"
    UNTERZEICHNET = "unterzeichnet"
    ABGESCHLOSSEN = "abgeschlossen"

    @property
    def label(self) -> str:
        """German name of the status."""
        return {
            "entwurf": "Entwurf",
            "verhandelt": "verhandelt",
            "unterzeichnet": "unterzeichnet",
            "abgeschlossen": "abgeschlossen",
        }[self.value]

    @property
    def is_signed(self) -> bool:
        """True once the agreement is an official document that must not change."""
        return self in (AgreementStatus.UNTERZEICHNET, AgreementStatus.ABGESCHLOSSEN)


class GoalKind(StrEnum):
    """The kinds of goals (Ziele) an agreement contains, see DOMAIN.md."""

    KPI_TARGET = "kpi_target"
    MONITORING = "monitoring"
    RELATIVE_CHANGE = "relative_change"
    BUDGET = "budget"
    THRESHOLD = "threshold"
    STAFFING = "staffing"
    MILESTONE = "milestone"
    REPORTING = "reporting"
    PREMIUM = "premium"

    @property
    def label(self) -> str:
        """German name of the kind."""
        return GOAL_KIND_LABELS[self]


GOAL_KIND_LABELS = {
    GoalKind.KPI_TARGET: "Kennzahlziel",
    GoalKind.MONITORING: "Monitoring / Prognose",
    GoalKind.RELATIVE_CHANGE: "Veränderung zum Vorjahr",
    GoalKind.BUDGET: "Budget",
    GoalKind.THRESHOLD: "Schwellenwert / Quote",
    GoalKind.STAFFING: "Personalausstattung",
    GoalKind.MILESTONE: "Meilenstein / qualitatives Ziel",
    GoalKind.REPORTING: "Berichtspflicht",
    GoalKind.PREMIUM: "Prämie",
}


class Direction(StrEnum):
    """Whether a higher or a lower value of a measure is better."""

    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class Aggregation(StrEnum):
    """How the monthly values of a measure make the figure of a year (and of the year so far)."""

    LAST = "last"
    MEAN = "mean"
    SUM = "sum"

    @property
    def label(self) -> str:
        """German name of the rule."""
        return {
            "last": "Wert des Berichtsmonats (Quote, gleitend)",
            "mean": "Durchschnitt der Monate (Bestand)",
            "sum": "Summe der Monate (Anzahl, Betrag)",
        }[self.value]


class Comparator(StrEnum):
    """How a threshold is to be met."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EXACTLY = "="


class ValueKind(StrEnum):
    """Kind of a KPI value."""

    IST = "ist"
    PROGNOSE = "prognose"
    PLAN = "plan"


class PeriodType(StrEnum):
    """Period a KPI value belongs to: month, quarter or whole year."""

    MONTH = "M"
    QUARTER = "Q"
    YEAR = "Y"


class AreaKind(StrEnum):
    """Kind of an area for which values are kept ("stadtscharf" means per city)."""

    LAND = "LAND"
    KREIS = "KREIS"
    STADT = "STADT"


class PaperType(StrEnum):
    """Type of a council paper (Vorlage)."""

    BESCHLUSS = "beschluss"
    WAHL = "wahl"
    KENNTNISNAHME = "kenntnisnahme"


class Impact(StrEnum):
    """Answer of an impact checkbox on a Vorlage."""

    JA = "ja"
    NEIN = "nein"
    OFFEN = "offen"  # "noch nicht zu übersehen"
