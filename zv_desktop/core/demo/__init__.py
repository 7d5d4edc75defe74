"""Demo data built from the seed documents: ``build_demo(store)`` fills a data file through the services.

Everything is written in one transaction through the validated service functions, so every rule is
checked. All ids are uuid5 keys in ``ids.DEMO_NAMESPACE``: running it again updates instead of duplicating,
and agreements already signed in the file are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from zv_desktop.core.demo.builder import AgreementBuilder
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2012,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    DEMO_NAMESPACE,
    agreement_id,
    demo_id,
    paper_id,
)
from zv_desktop.core.demo.kamen import kamen_2001, kamen_2002
from zv_desktop.core.demo.mettmann import mettmann_2012, mettmann_2022
from zv_desktop.core.demo.mettmann_2014 import mettmann_2014
from zv_desktop.core.demo.papers import build_papers
from zv_desktop.core.demo.parties import MEASURES, build_areas, build_measures, build_parties
from zv_desktop.core.demo.values import build_values
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store

__all__ = ["DEMO_NAMESPACE", "DemoSummary", "build_demo", "demo_id"]


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo consists of (the same on every run; records of the user are not counted)."""

    parties: int
    signatories: int
    areas: int
    measures: int
    agreements: int
    goals: int
    papers: int
    attachments: int
    values: int


def build_demo(store: Store, progress: Progress | None = None) -> DemoSummary:
    """Fill ``store`` with the demo data (or bring an earlier demo up to date) in one transaction."""
    progress = progress or Progress()
    with store.transaction():
        progress.update(0, 4, "Träger und Gebiete …")
        parties, signatories = build_parties(store)
        areas = build_areas(store)
        measures = build_measures(store)
        agreements: list[AgreementBuilder] = [
            kamen_2001(),
            kamen_2002(),
            mettmann_2012(measures),
            mettmann_2014(measures),
            mettmann_2022(measures),
        ]
        progress.update(1, 4, "Zielvereinbarungen …")
        for agreement in agreements:
            agreement.write(store)
        progress.update(2, 4, "Vorlagen …")
        papers, attachments = build_papers(store)
        progress.update(3, 4, "Kennzahlenwerte …")
        values = build_values(store, measures)
        progress.update(4, 4)
    return DemoSummary(
        parties=parties,
        signatories=signatories,
        areas=areas,
        measures=len(MEASURES),
        agreements=len(agreements),
        goals=sum(len(a.goals) for a in agreements),
        papers=papers,
        attachments=attachments,
        values=values,
    )


def holds_only_demo_data(store: Store) -> bool:
    """True if the file has no agreements, papers or parties of its own (only demo records, or none)."""
    demo_agreements = {
        agreement_id(key)
        for key in (
            AGREEMENT_KAMEN_2001,
            AGREEMENT_KAMEN_2002,
            AGREEMENT_METTMANN_2012,
            AGREEMENT_METTMANN_2014,
            AGREEMENT_METTMANN_2022,
        )
    }
    demo_papers = {paper_id(number) for number in ("50/015/2012", "026/2012", "50/003/2022")}
    agreements = {row["id"] for row in store.query("SELECT id FROM agreements WHERE deleted = 0")}
    papers = {row["id"] for row in store.query("SELECT id FROM papers WHERE deleted = 0")}
    return agreements <= demo_agreements and papers <= demo_papers
