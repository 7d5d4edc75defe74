-- Version 7: deleted KPI values found by their key. Entering a deleted value again revives its record (one record
-- per key, so two offices' figures meet as one record); the lookup of the latest deletion of a key needs its own
-- index, as the unique key index holds only live values. Only deletions are in it, so it stays small.

CREATE INDEX kpi_values_deleted_key
    ON kpi_values (area_id, measure_id, year, period_type, period_no, value_kind, local_seq)
    WHERE deleted = 1;
