"""The printed Jahresvergleich: the change list clause by clause, amounts in €, goals side by side."""

from __future__ import annotations

import pytest

from tests.reports.pdf_reading import flat, reader
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2012,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    agreement_id,
)
from zv_desktop.core.errors import ZvError
from zv_desktop.core.reports.comparison_report import comparison_document
from zv_desktop.core.reports.output import finish
from zv_desktop.core.services.compare.change_list import changes_against_previous
from zv_desktop.core.store import Store

KAMEN = [agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)]


def test_kamen_premium_in_dm_and_euro(demo: Store) -> None:
    text = flat(finish(comparison_document(demo, KAMEN)).content)
    # 211.000 DM ÷ 1,95583 = 107.882,59 € (the 107.882,38 € is an arithmetic slip)
    assert "sinkt von 211.000,00 DM (107.882,59 €) auf 50.000,00 € (−53,7 %)" in text
    assert "211.000,00 DM (= 107.882,59 €)" in text  # the overview table
    assert "Änderungen gegenüber dem Vorjahr (2002 gegenüber 2001)" in text


def test_every_change_entry_is_printed_in_order(demo: Store) -> None:
    text = flat(finish(comparison_document(demo, KAMEN)).content)
    entries = changes_against_previous(demo, KAMEN[1])
    assert entries
    at = 0
    for entry in entries:  # each entry's place and first sentence, after the previous entry's
        at = text.index(entry.place, at)
        at = text.index(" ".join(entry.sentences[0].split()), at)


def test_three_years_have_two_change_lists(demo: Store) -> None:
    ids = [agreement_id(k) for k in (AGREEMENT_METTMANN_2022, AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014)]
    pdf = finish(comparison_document(demo, ids)).content
    text = flat(pdf)
    assert "Jahresvergleich 2012 bis 2022" in text
    assert text.index("(2014 gegenüber 2012)") < text.index("(2022 gegenüber 2014)")
    assert "Übersicht der Ziele" in text


def test_one_agreement_is_not_a_comparison(demo: Store) -> None:
    with pytest.raises(ZvError, match="mindestens zwei"):
        comparison_document(demo, KAMEN[:1])


def test_many_years_print_the_overview_in_landscape(demo: Store) -> None:
    ids = [agreement_id(k) for k in (AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022)]
    ids += KAMEN  # five agreements: the overview needs the width
    pdf = reader(finish(comparison_document(demo, ids)).content)
    last = pdf.pages[-1].mediabox
    assert last.width > last.height


def test_two_agreements_of_one_year_are_no_comparison(demo: Store) -> None:
    from zv_desktop.core import model
    from zv_desktop.core.services.agreements import save_agreement

    other = save_agreement(demo, model.Agreement(year=2002, title="Zweite Vereinbarung 2002"))
    with pytest.raises(ZvError, match="2002 kommt mehrfach vor"):
        comparison_document(demo, [KAMEN[1], other.id])
