-- The query side's read models. Every projection table carries a generation: reads use the
-- projection's active generation while a replay builds the next one beside it; the switch is one
-- update of projection_generation, and the old generation is deleted afterwards.

CREATE TABLE projection_generation (
    projection          VARCHAR(100) NOT NULL PRIMARY KEY,
    active              INTEGER      NOT NULL,
    building            INTEGER,
    rebuild_started_at  TIMESTAMP(6) WITH TIME ZONE,
    switched_at         TIMESTAMP(6) WITH TIME ZONE,
    CHECK (building IS NULL OR building > active)
);

INSERT INTO projection_generation (projection, active) VALUES
    ('relationship-summary', 1),
    ('relationship-history', 1),
    ('outcome-report', 1);

-- relationship-summary: where every pair stands
CREATE TABLE relationship_summary (
    generation         INTEGER      NOT NULL,
    relationship_id    VARCHAR(255) NOT NULL,
    programme_id       VARCHAR(200),
    mentor_id          VARCHAR(200),
    mentor_name        VARCHAR(200),
    mentee_id          VARCHAR(200),
    mentee_name        VARCHAR(200),
    language           VARCHAR(35),
    stage              VARCHAR(20)  NOT NULL,
    paused_from        VARCHAR(20),
    version            BIGINT       NOT NULL,
    started_on         DATE,
    agreed_on          DATE,
    in_progress_on     DATE,
    paused_on          DATE,
    ended_on           DATE,
    termination_reason VARCHAR(40),
    meeting_count      INTEGER      NOT NULL DEFAULT 0,
    last_meeting_on    DATE,
    open_concerns      INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (generation, relationship_id)
);
-- the list: newest first, optionally by programme and/or stage
CREATE INDEX relationship_summary_list_idx ON relationship_summary (generation, started_on DESC, relationship_id);
CREATE INDEX relationship_summary_programme_idx ON relationship_summary (generation, programme_id, stage);
CREATE INDEX relationship_summary_stage_idx ON relationship_summary (generation, stage);

-- Goals keep their achieved state by id across amendments; a goal left out of the current
-- agreement is kept (not shown) so that it is still achieved if an amendment brings it back.
CREATE TABLE relationship_goal (
    generation      INTEGER      NOT NULL,
    relationship_id VARCHAR(255) NOT NULL,
    goal_id         VARCHAR(255) NOT NULL,
    position        INTEGER      NOT NULL,
    description     TEXT,
    in_agreement    BOOLEAN      NOT NULL,
    achieved_on     DATE,
    achieved        BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (generation, relationship_id, goal_id)
);

-- relationship-history: the audit trail, one row per event, private text left out
CREATE TABLE relationship_history (
    generation      INTEGER                     NOT NULL,
    relationship_id VARCHAR(255)                NOT NULL,
    sequence        BIGINT                      NOT NULL,
    type            VARCHAR(100)                NOT NULL,
    occurred_on     DATE,
    recorded_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor           VARCHAR(255),
    correlation_id  VARCHAR(255),
    summary         TEXT                        NOT NULL,
    data            JSONB                       NOT NULL,
    PRIMARY KEY (generation, relationship_id, sequence)
);

-- outcome-report: one row of report facts per relationship; reports are SQL aggregates over it
CREATE TABLE outcome_fact (
    generation          INTEGER      NOT NULL,
    relationship_id     VARCHAR(255) NOT NULL,
    programme_id        VARCHAR(200),
    started_on          DATE,
    stage               VARCHAR(20)  NOT NULL,
    paused_from         VARCHAR(20),
    reached_agreed      BOOLEAN      NOT NULL DEFAULT FALSE,
    reached_in_progress BOOLEAN      NOT NULL DEFAULT FALSE,
    reached_closed      BOOLEAN      NOT NULL DEFAULT FALSE,
    closed_on           DATE,
    days_to_close       INTEGER GENERATED ALWAYS AS (closed_on - started_on) STORED,
    termination_reason  VARCHAR(40),
    terminated_in_stage VARCHAR(20),
    meeting_count       INTEGER      NOT NULL DEFAULT 0,
    rating_sum          INTEGER      NOT NULL DEFAULT 0,
    rating_count        INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (generation, relationship_id)
);
-- the report filters: programme and start-date range (intake), or the start-date range alone
CREATE INDEX outcome_fact_programme_idx ON outcome_fact (generation, programme_id, started_on);
CREATE INDEX outcome_fact_started_idx ON outcome_fact (generation, started_on);
