-- Tuning from the benchmark (issue 7, BENCHMARKS.md).
--
-- The list is ordered by started_on DESC NULLS LAST, which V1's indexes (DESC alone means NULLS
-- FIRST) cannot give: every page sorted all of a generation's rows (~450 ms at 100,000
-- relationships). Indexes in the list's own order let a page read just its 50 rows, unfiltered,
-- by programme and stage, or by stage; the old indexes are prefixes of the new ones.
DROP INDEX relationship_summary_list_idx;
CREATE INDEX relationship_summary_list_idx
    ON relationship_summary (generation, started_on DESC NULLS LAST, relationship_id);
DROP INDEX relationship_summary_programme_idx;
CREATE INDEX relationship_summary_programme_idx
    ON relationship_summary (generation, programme_id, stage, started_on DESC NULLS LAST, relationship_id);
DROP INDEX relationship_summary_stage_idx;
CREATE INDEX relationship_summary_stage_idx
    ON relationship_summary (generation, stage, started_on DESC NULLS LAST, relationship_id);

-- Every event updates its relationship's row, about ten times over a relationship's life, and a
-- replay writes a whole generation at once. With the default thresholds (20 % of the table) the
-- planner went on estimating a new generation at a few hundred rows and the dead rows piled up
-- (400,000 beside 100,000 live ones after a replay), so counts and reports read the table from
-- the heap instead of an index. Vacuum and analyse after 2 % instead; leave a fifth of each page
-- free so that an update touching no indexed column stays on its page (a HOT update, no new index
-- entries).
ALTER TABLE relationship_summary SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02,
                                      autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE outcome_fact SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02,
                              autovacuum_analyze_scale_factor = 0.02);
