-- Security review item 5: the query-service connects as a member of ledger_query (created, with the
-- event store's grants, by the event store's migration V4; README "Security"). It owns its read
-- models: it reads and writes every table of this migration set, and ledger_command gets nothing
-- of them.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    projection_generation, relationship_summary, relationship_goal, relationship_history,
    outcome_fact, query_instance, relationship_concern
    TO ledger_query;

-- Tables and sequences that later migrations create (as the same owner) are the query side's too:
-- new read models need no grant of their own. A table that a later event-store migration adds
-- must therefore revoke these from ledger_query and grant what each side needs explicitly.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ledger_query;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ledger_query;
