-- Issue 13, item 2: reports from counters. The outcome projection keeps, beside its one row of
-- facts per relationship, the sums that a report needs per programme and start month, so that a
-- report reads a few hundred counter rows instead of every relationship it counts. The facts stay:
-- they tell a handler what a relationship counted as before its event, and the reports still read
-- them for the days of a partly covered month (OutcomeReports).
--
-- programme_id is NULL for relationships outside any programme; the unique keys name it through
-- coalesce() and IS NULL (PostgreSQL 14, which bin/run-local embeds, has no NULLS NOT DISTINCT).
-- A relationship without a start date is counted from its fact alone.
--
-- stripe: the relationship id's hash, as Axon's segments split the relationships (its low bits), so
-- that two segments projecting at once never update the same counter row (CounterStripes).
CREATE TABLE outcome_counter (
    generation                 INTEGER      NOT NULL,
    programme_id               VARCHAR(200),
    start_month                DATE         NOT NULL,
    stripe                     SMALLINT     NOT NULL,
    relationships              INTEGER      NOT NULL,
    stage_started              INTEGER      NOT NULL,
    stage_agreed               INTEGER      NOT NULL,
    stage_in_progress          INTEGER      NOT NULL,
    stage_paused               INTEGER      NOT NULL,
    stage_closed               INTEGER      NOT NULL,
    stage_terminated           INTEGER      NOT NULL,
    reason_lack_of_time        INTEGER      NOT NULL,
    reason_mismatch            INTEGER      NOT NULL,
    reason_lost_contact        INTEGER      NOT NULL,
    reason_relocation          INTEGER      NOT NULL,
    reason_health_or_family    INTEGER      NOT NULL,
    reason_change_of_goals     INTEGER      NOT NULL,
    reason_organiser_decision  INTEGER      NOT NULL,
    reason_other               INTEGER      NOT NULL,
    terminated_in_started      INTEGER      NOT NULL,
    terminated_in_agreed       INTEGER      NOT NULL,
    terminated_in_in_progress  INTEGER      NOT NULL,
    terminated_in_paused       INTEGER      NOT NULL,
    reached_agreed             INTEGER      NOT NULL,
    reached_in_progress        INTEGER      NOT NULL,
    reached_closed             INTEGER      NOT NULL,
    ended_meetings             BIGINT       NOT NULL,
    rating_sum                 BIGINT       NOT NULL,
    rating_count               BIGINT       NOT NULL
);
CREATE UNIQUE INDEX outcome_counter_key ON outcome_counter
    (generation, coalesce(programme_id, ''), (programme_id IS NULL), start_month, stripe);

-- How many closed relationships took each number of days from start to close: the median of any
-- selection is exact from these.
CREATE TABLE outcome_close_days (
    generation    INTEGER      NOT NULL,
    programme_id  VARCHAR(200),
    start_month   DATE         NOT NULL,
    stripe        SMALLINT     NOT NULL,
    days          INTEGER      NOT NULL,
    relationships INTEGER      NOT NULL
);
CREATE UNIQUE INDEX outcome_close_days_key ON outcome_close_days
    (generation, coalesce(programme_id, ''), (programme_id IS NULL), start_month, stripe, days);

-- Few rows, each updated by many events: leave room on every page for the new versions (HOT
-- updates, no index entries; none of the updated columns is indexed) and vacuum early.
ALTER TABLE outcome_counter SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02,
                                 autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE outcome_close_days SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02,
                                    autovacuum_analyze_scale_factor = 0.02);

-- The list's total (RelationshipSummaries): relationships per programme and stage, kept by the
-- summary projection beside its rows, in the same statements.
CREATE TABLE relationship_count (
    generation    INTEGER      NOT NULL,
    programme_id  VARCHAR(200),
    stage         VARCHAR(20)  NOT NULL,
    stripe        SMALLINT     NOT NULL,
    relationships INTEGER      NOT NULL
);
CREATE UNIQUE INDEX relationship_count_key ON relationship_count
    (generation, coalesce(programme_id, ''), (programme_id IS NULL), stage, stripe);
ALTER TABLE relationship_count SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02,
                                    autovacuum_analyze_scale_factor = 0.02);

INSERT INTO relationship_count
SELECT generation, programme_id, stage, 0, count(*)
  FROM relationship_summary
 GROUP BY generation, programme_id, stage;

-- The counters of what the facts already hold (in each generation of them), so that an existing
-- installation needs no replay. All in stripe 0: a later event moves its relationship in the
-- relationship's own stripe, so a row of either may hold a negative count; only the sums count.
INSERT INTO outcome_counter
SELECT generation, programme_id, date_trunc('month', started_on)::date, 0,
       count(*),
       count(*) FILTER (WHERE stage = 'STARTED'),
       count(*) FILTER (WHERE stage = 'AGREED'),
       count(*) FILTER (WHERE stage = 'IN_PROGRESS'),
       count(*) FILTER (WHERE stage = 'PAUSED'),
       count(*) FILTER (WHERE stage = 'CLOSED'),
       count(*) FILTER (WHERE stage = 'TERMINATED'),
       count(*) FILTER (WHERE termination_reason = 'LACK_OF_TIME'),
       count(*) FILTER (WHERE termination_reason = 'MISMATCH'),
       count(*) FILTER (WHERE termination_reason = 'LOST_CONTACT'),
       count(*) FILTER (WHERE termination_reason = 'RELOCATION'),
       count(*) FILTER (WHERE termination_reason = 'HEALTH_OR_FAMILY'),
       count(*) FILTER (WHERE termination_reason = 'CHANGE_OF_GOALS'),
       count(*) FILTER (WHERE termination_reason = 'ORGANISER_DECISION'),
       count(*) FILTER (WHERE termination_reason = 'OTHER'),
       count(*) FILTER (WHERE terminated_in_stage = 'STARTED'),
       count(*) FILTER (WHERE terminated_in_stage = 'AGREED'),
       count(*) FILTER (WHERE terminated_in_stage = 'IN_PROGRESS'),
       count(*) FILTER (WHERE terminated_in_stage = 'PAUSED'),
       count(*) FILTER (WHERE reached_agreed),
       count(*) FILTER (WHERE reached_in_progress),
       count(*) FILTER (WHERE reached_closed),
       coalesce(sum(meeting_count) FILTER (WHERE stage IN ('CLOSED', 'TERMINATED')), 0),
       sum(rating_sum),
       sum(rating_count)
  FROM outcome_fact
 WHERE started_on IS NOT NULL
 GROUP BY generation, programme_id, date_trunc('month', started_on)::date;

INSERT INTO outcome_close_days
SELECT generation, programme_id, date_trunc('month', started_on)::date, 0, days_to_close, count(*)
  FROM outcome_fact
 WHERE started_on IS NOT NULL AND stage = 'CLOSED' AND days_to_close IS NOT NULL
 GROUP BY generation, programme_id, date_trunc('month', started_on)::date, days_to_close;
