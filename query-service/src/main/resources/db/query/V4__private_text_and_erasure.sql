-- Issue 5: the pair's private text reaches only the pair, and a participant's personal data can be
-- erased (crypto-shredding in the event store, PersonalDataErased on the read side).
--
-- relationship-summary: an erased participant's name is gone; the flag tells an erased name from
-- one never given, so that pages can say "erased" instead of showing nothing.
ALTER TABLE relationship_summary
    ADD COLUMN mentor_erased BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN mentee_erased BOOLEAN NOT NULL DEFAULT FALSE;

-- relationship-history: the private text of an event (meeting notes, concern texts and
-- resolutions, evaluation comments) is kept apart from data, which organisers and admins read, and
-- is handed only to the relationship's mentor and mentee. actor_person_id is the person id of the
-- participant who sent the command (none for admins and organisers), so that erasing that person
-- can clear their user name from the rows they recorded. Rows projected before this migration have
-- no private_data: a replay of relationship-history fills it in.
ALTER TABLE relationship_history
    ADD COLUMN private_data    JSONB,
    ADD COLUMN actor_person_id VARCHAR(200);
