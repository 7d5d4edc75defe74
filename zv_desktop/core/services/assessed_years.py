"""The newest year whose goals can be judged (the year the Zielerreichung opens on).

A year counts once one of its agreements has a goal with something to compare against (a target, a forecast,
an amount, a threshold, a VZA Soll; a relative change compares with the year before) and at least one monthly
Ist value of that goal's measure in that year. A newer draft without values does not count.
"""

from __future__ import annotations

from zv_desktop.core.services.status import STAFF_MEASURE_ID
from zv_desktop.core.store import Store

#: One query; every Ist lookup is a range of the unique index on (area, measure, year, period type …).
_NEWEST_ASSESSED_YEAR = """
SELECT a.year
FROM agreements a
JOIN goals g ON g.agreement_id = a.id AND g.deleted = 0
WHERE a.deleted = 0
  AND (   (g.kind = 'kpi_target' AND g.target_value IS NOT NULL)
       OR (g.kind = 'monitoring' AND g.forecast_value IS NOT NULL)
       OR (g.kind = 'relative_change')
       OR (g.kind = 'budget' AND g.amount_cents IS NOT NULL)
       OR (g.kind = 'threshold' AND g.comparator IS NOT NULL AND g.threshold_value IS NOT NULL)
       OR (g.kind = 'staffing' AND g.staff_target_vza IS NOT NULL))
  AND EXISTS (
      SELECT 1 FROM kpi_values v
      WHERE v.area_id IN (
                SELECT g.area_id WHERE g.area_id IS NOT NULL
                UNION ALL
                SELECT ar.id FROM agreement_parties ap JOIN areas ar ON ar.party_id = ap.party_id
                WHERE g.area_id IS NULL AND ap.agreement_id = a.id AND ap.deleted = 0 AND ar.deleted = 0)
        AND v.measure_id = CASE g.kind WHEN 'staffing' THEN :staff ELSE g.measure_id END
        AND v.year = a.year AND v.period_type = 'M' AND v.value_kind = 'ist' AND v.deleted = 0
        AND v.value IS NOT NULL)
ORDER BY a.year DESC
LIMIT 1
"""


def newest_assessed_year(store: Store) -> int | None:
    """The newest agreement year with a goal that has a target and an Ist value of that year; None if none has.

    A goal without an area of its own is measured in an area of one of its agreement's Träger (the dashboard
    takes the Kreis area among them; here any of them counts).
    """
    row = store.conn.execute(_NEWEST_ASSESSED_YEAR, {"staff": STAFF_MEASURE_ID}).fetchone()
    return None if row is None else int(row[0])
