-- Issue 16: corrections as events (DOMAIN.md, "Corrections"). The summary shows the facts as
-- corrected, so it keeps what a correction names: each meeting (a withdrawal names its id, a
-- corrected date the version of the event it corrects), and the version of the event that the
-- pause, the end and each goal's achievement it shows came from, so that a corrected date of an
-- earlier pause or end (one resumed or reopened since) changes nothing it shows.
--
-- The new table is the query side's by the default privileges of V6, as every read model since is.
CREATE TABLE relationship_meeting (
    generation      INTEGER      NOT NULL,
    relationship_id VARCHAR(255) NOT NULL,
    meeting_id      VARCHAR(255) NOT NULL,
    version         BIGINT       NOT NULL,
    held_on         DATE,
    after_agreement BOOLEAN      NOT NULL,
    withdrawn       BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (generation, relationship_id, meeting_id)
);

ALTER TABLE relationship_summary
    ADD COLUMN paused_version BIGINT,
    ADD COLUMN ended_version  BIGINT;
ALTER TABLE relationship_goal ADD COLUMN achieved_version BIGINT;

-- No correction was recorded before this migration. What the summary holds already gets the same
-- from the audit history's active generation, as far as each summary row has come (its version):
-- a correction of an event projected before the upgrade then counts as it would after a replay.
-- A history that lagged behind the summary at the upgrade leaves a few of them out; a replay of
-- relationship-summary (POST /api/admin/replay) rebuilds them all from the events.
INSERT INTO relationship_meeting (generation, relationship_id, meeting_id, version, held_on, after_agreement)
SELECT s.generation, h.relationship_id, h.data ->> 'meetingId', h.sequence, h.occurred_on,
       EXISTS (SELECT 1 FROM relationship_history a
                WHERE a.generation = h.generation AND a.relationship_id = h.relationship_id
                  AND a.type = 'AgreementSigned' AND a.sequence < h.sequence)
  FROM relationship_summary s
  JOIN projection_generation g ON g.projection = 'relationship-history'
  JOIN relationship_history h ON h.generation = g.active AND h.relationship_id = s.relationship_id
 WHERE h.type = 'MeetingRecorded' AND h.sequence <= s.version AND h.data ->> 'meetingId' IS NOT NULL
ON CONFLICT DO NOTHING;

UPDATE relationship_summary s
   SET paused_version = (SELECT max(h.sequence)
                           FROM relationship_history h
                           JOIN projection_generation g
                             ON g.projection = 'relationship-history' AND h.generation = g.active
                          WHERE h.relationship_id = s.relationship_id AND h.type = 'RelationshipPaused'
                            AND h.sequence <= s.version)
 WHERE s.paused_on IS NOT NULL;

UPDATE relationship_summary s
   SET ended_version = (SELECT max(h.sequence)
                          FROM relationship_history h
                          JOIN projection_generation g
                            ON g.projection = 'relationship-history' AND h.generation = g.active
                         WHERE h.relationship_id = s.relationship_id
                           AND h.type IN ('RelationshipClosed', 'RelationshipTerminated')
                           AND h.sequence <= s.version)
 WHERE s.ended_on IS NOT NULL;

UPDATE relationship_goal goal
   SET achieved_version = (SELECT max(h.sequence)
                             FROM relationship_history h
                             JOIN projection_generation g
                               ON g.projection = 'relationship-history' AND h.generation = g.active
                            WHERE h.relationship_id = goal.relationship_id AND h.type = 'GoalAchieved'
                              AND h.data ->> 'goalId' = goal.goal_id)
 WHERE goal.achieved;
