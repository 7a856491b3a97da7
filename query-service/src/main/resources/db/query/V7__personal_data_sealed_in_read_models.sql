-- Security review item 5: the read models keep personal data sealed, as the events do
-- (ReadModelSealing): a person's name and user name with their key, the pair's text with both
-- participants' keys. A sealed value is a JSON object; the columns that hold one become JSONB, and
-- what they held becomes a JSON string, which readers show as it is: a copy made before this
-- migration. ReadModelsSealedAtStart replays each projection that still holds such a copy, and the
-- generation it builds holds none (relationship_history.data and private_data were JSONB already:
-- their personal fields are sealed in place).
ALTER TABLE relationship_summary
    ALTER COLUMN mentor_name TYPE JSONB USING to_jsonb(mentor_name),
    ALTER COLUMN mentee_name TYPE JSONB USING to_jsonb(mentee_name);
ALTER TABLE relationship_goal
    ALTER COLUMN description TYPE JSONB USING to_jsonb(description);
ALTER TABLE relationship_history
    ALTER COLUMN actor TYPE JSONB USING to_jsonb(actor);

-- Which projections hold copies from before: set here for those with rows (a new installation has
-- none), cleared when the rebuild that seals them begins.
ALTER TABLE projection_generation ADD COLUMN holds_unsealed_copies BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE projection_generation SET holds_unsealed_copies = TRUE
 WHERE (projection = 'relationship-summary' AND EXISTS (SELECT 1 FROM relationship_summary))
    OR (projection = 'relationship-history' AND EXISTS (SELECT 1 FROM relationship_history));
