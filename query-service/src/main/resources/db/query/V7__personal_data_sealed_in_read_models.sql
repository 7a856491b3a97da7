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
