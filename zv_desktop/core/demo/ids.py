"""Stable ids of the demo data: uuid5 keys in one namespace, so a second run updates instead of duplicating."""

from __future__ import annotations

import uuid

#: Namespace of every demo id; never change it, or existing demo files get a second copy.
DEMO_NAMESPACE = uuid.UUID("5a1f3c9e-7b2d-5e48-9c61-0d4e8f2a7b93")


def demo_id(key: str) -> str:
    """The id of the demo record with this stable key (e.g. ``party/kreis-mettmann``)."""
    return str(uuid.uuid5(DEMO_NAMESPACE, key))


def area_id(name: str) -> str:
    """The id of the demo area (Kreis or city) with this name."""
    return demo_id(f"area/{name}")


# -- parties (Träger) ------------------------------------------------------------------------

PARTY_KREIS_UNNA = demo_id("party/kreis-unna")
PARTY_STADT_KAMEN = demo_id("party/stadt-kamen")
PARTY_MAIS_NRW = demo_id("party/mais-nrw")
PARTY_KREIS_METTMANN = demo_id("party/kreis-mettmann")
PARTY_AA_METTMANN = demo_id("party/aa-mettmann")
PARTY_JC_ME_AKTIV = demo_id("party/jc-me-aktiv")

# -- signatories ---------------------------------------------------------------------------

SIGNATORY_LANDRAT_UNNA = demo_id("signatory/kreis-unna/landrat")
SIGNATORY_BM_KAMEN = demo_id("signatory/stadt-kamen/buergermeister")
SIGNATORY_HENDELE = demo_id("signatory/kreis-mettmann/hendele")
SIGNATORY_SCHAEFFER = demo_id("signatory/mais-nrw/schaeffer")
SIGNATORY_AA_VORSITZ = demo_id("signatory/aa-mettmann/vorsitz")
SIGNATORY_JC_GF = demo_id("signatory/jc-me-aktiv/geschaeftsfuehrerin")

# -- areas -----------------------------------------------------------------------------------

KREIS_METTMANN = "Kreis Mettmann"
KREIS_UNNA = "Kreis Unna"

#: The ten cities of the Kreis Mettmann, alphabetically.
METTMANN_CITIES: tuple[str, ...] = (
    "Erkrath",
    "Haan",
    "Heiligenhaus",
    "Hilden",
    "Langenfeld (Rhld.)",
    "Mettmann",
    "Monheim am Rhein",
    "Ratingen",
    "Velbert",
    "Wülfrath",
)

#: The ten cities and municipalities of the Kreis Unna, alphabetically.
UNNA_CITIES: tuple[str, ...] = (
    "Bergkamen",
    "Bönen",
    "Fröndenberg/Ruhr",
    "Holzwickede",
    "Kamen",
    "Lünen",
    "Schwerte",
    "Selm",
    "Unna",
    "Werne",
)

# -- agreements and papers ---------------------------------------------------------------------

AGREEMENT_KAMEN_2001 = "kamen-2001"
AGREEMENT_KAMEN_2002 = "kamen-2002"
AGREEMENT_METTMANN_2012 = "mettmann-2012"
AGREEMENT_METTMANN_2014 = "mettmann-2014"
AGREEMENT_METTMANN_2022 = "mettmann-2022"


def agreement_id(key: str) -> str:
    """The id of the demo agreement with this key (one of the ``AGREEMENT_*`` keys)."""
    return demo_id(f"agreement/{key}")


def paper_id(number: str) -> str:
    """The id of the demo Vorlage with this number (e.g. ``50/015/2012``)."""
    return demo_id(f"paper/{number}")
