-- Issue 16: corrections as events. Reports count the facts as corrected, so the outcome facts keep
-- what a correction may name: the version of the close that counts (a corrected date names an
-- event by its version: the close's changes the days to close, an earlier close's, reopened since,
-- nothing), and each party's rating (a withdrawn evaluation takes back that party's).
ALTER TABLE outcome_fact
    ADD COLUMN closed_version BIGINT,
    ADD COLUMN mentor_rating  INTEGER,
    ADD COLUMN mentee_rating  INTEGER;

-- No correction was recorded before this migration. The facts projected already get the same from
-- the audit history's active generation. Where the history lagged behind at the upgrade, a
-- withdrawal of an evaluation it left out is parked as a dead letter that a replay of
-- outcome-report (POST /api/admin/replay) resolves.
UPDATE outcome_fact f
   SET closed_version = (SELECT max(h.sequence)
                           FROM relationship_history h
                           JOIN projection_generation g
                             ON g.projection = 'relationship-history' AND h.generation = g.active
                          WHERE h.relationship_id = f.relationship_id AND h.type = 'RelationshipClosed')
 WHERE f.stage = 'CLOSED';

UPDATE outcome_fact f
   SET mentor_rating = (SELECT (h.data ->> 'rating')::integer
                          FROM relationship_history h
                          JOIN projection_generation g
                            ON g.projection = 'relationship-history' AND h.generation = g.active
                         WHERE h.relationship_id = f.relationship_id AND h.type = 'EvaluationSubmitted'
                           AND h.data ->> 'by' = 'MENTOR'
                         ORDER BY h.sequence DESC LIMIT 1),
       mentee_rating = (SELECT (h.data ->> 'rating')::integer
                          FROM relationship_history h
                          JOIN projection_generation g
                            ON g.projection = 'relationship-history' AND h.generation = g.active
                         WHERE h.relationship_id = f.relationship_id AND h.type = 'EvaluationSubmitted'
                           AND h.data ->> 'by' = 'MENTEE'
                         ORDER BY h.sequence DESC LIMIT 1)
 WHERE f.rating_count > 0;
