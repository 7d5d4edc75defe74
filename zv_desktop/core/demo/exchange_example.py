"""The worked example of docs/exchange.md: what the Jobcenter and the Kreis change between two exchanges.

    python -m zv_desktop.core.demo.exchange_example jobcenter FILE   # September 2014 figures and a comment
    python -m zv_desktop.core.demo.exchange_example kreis FILE       # a milestone of 2014 reached

Both work on a file holding the demo's Zielvereinbarung 2014 (Kreis Mettmann, Agentur für Arbeit, Jobcenter
ME-aktiv), through the same services as the client. The figures are invented, like all demo values.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id, area_id
from zv_desktop.core.services.agreements import save_goal
from zv_desktop.core.services.values import save_values
from zv_desktop.core.store import Store, open_store

#: The Jobcenter's figures for September 2014 (Kreis Mettmann): measure code → value.
SEPTEMBER_2014 = {"K2": Decimal("21.4"), "LZB": Decimal("17390"), "INT-U25": Decimal("146")}
SEPTEMBER_COMMENT = (
    "September: Integrationsquote 21,4 % und damit über dem Zielwert; die Vermittlungsoffensive im Sommer wirkt nach."
)
#: The milestone the Kreis records as reached, and when.
MILESTONE_TITLE = "Konzept zur psychosozialen Betreuung"
MILESTONE_DONE = date(2014, 11, 28)


def _goal(store: Store, where: str, params: tuple[str, ...]) -> model.Goal:
    found = store.find(model.Goal, f"agreement_id = ? AND {where}", (agreement_id(AGREEMENT_METTMANN_2014), *params))
    if len(found) != 1:
        raise LookupError(f"the demo's agreement 2014 has no single goal with {where} {params}")
    return found[0]


def enter_jobcenter_september(store: Store) -> None:
    """The Jobcenter enters its September 2014 figures and comments the goal on the Integrationsquote."""
    measures = {r["code"]: r["id"] for r in store.query("SELECT id, code FROM measures WHERE deleted = 0")}
    values = [
        model.KpiValue(
            measure_id=measures[code],
            area_id=area_id("Kreis Mettmann"),
            year=2014,
            value=value,
            period_no=9,
            source="Jobcenter ME-aktiv",
            comment="Demo-Wert, kein amtlicher Wert",
        )
        for code, value in SEPTEMBER_2014.items()
    ]
    save_values(store, values)
    goal = _goal(store, "measure_id = ?", (measures["K2"],))
    goal.comment = SEPTEMBER_COMMENT
    save_goal(store, goal)


def record_kreis_milestone(store: Store) -> None:
    """The Kreis records that the concept for psychosocial care is done (a tracking field of a signed agreement)."""
    goal = _goal(store, "title = ?", (MILESTONE_TITLE,))
    goal.done_date = MILESTONE_DONE
    save_goal(store, goal)


def main(argv: list[str] | None = None) -> int:
    """``jobcenter FILE`` or ``kreis FILE``: make that office's changes in the data file FILE."""
    args = sys.argv[1:] if argv is None else argv
    changes = {"jobcenter": enter_jobcenter_september, "kreis": record_kreis_milestone}
    if len(args) != 2 or args[0] not in changes:
        print("Aufruf: python -m zv_desktop.core.demo.exchange_example jobcenter|kreis DATEI", file=sys.stderr)
        return 2
    store = open_store(Path(args[1]))
    try:
        changes[args[0]](store)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
