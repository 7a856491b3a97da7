-- Security review item 5: each service connects with only the privileges it needs; migrations run
-- as the owner of the tables (spring.flyway.user), who grants them here.
--
-- Two group roles that cannot sign in; a deployment makes each service's login role a member
-- (ops/database-roles.sql, README "Security"). They are created here when missing, which needs
-- CREATEROLE; an owner without it needs them created beforehand (the same script does).
--   ledger_command  appends and reads events, creates, reads and deletes the personal data keys,
--                   records erasures; reads nothing of the query side.
--   ledger_query    reads events and keys, never writes them; owns its read models, tokens and
--                   dead letters (their grants are in the query-service's migrations).
-- Neither gets anything on the Flyway history tables or the saga tables, which no service uses;
-- only SELECT on the saga sequence (which reads it, not advances it), because Hibernate's schema
-- validation sees only the sequences that a role holds some privilege on.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_command') THEN
        CREATE ROLE ledger_command NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_query') THEN
        CREATE ROLE ledger_query NOLOGIN;
    END IF;
EXCEPTION
    -- another database of the same server created it at the same moment: roles are server-wide
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Before PostgreSQL 15 everyone may create tables in the public schema; only migrations should.
-- (Only a warning, not an error, where the owner may not revoke it.)
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ledger_command, ledger_query;

-- Events are appended, never changed: no UPDATE or DELETE, not even for the command side.
GRANT SELECT, INSERT ON domain_event_entry TO ledger_command;
GRANT USAGE ON SEQUENCE domain_event_entry_seq TO ledger_command;
-- A new snapshot replaces the older ones of its aggregate.
GRANT SELECT, INSERT, DELETE ON snapshot_event_entry TO ledger_command;
-- UPDATE only for rewrapping the keys with a new key-encryption key at start-up.
GRANT SELECT, INSERT, UPDATE, DELETE ON personal_data_key TO ledger_command;
GRANT SELECT, INSERT ON personal_data_erasure TO ledger_command;

GRANT SELECT ON SEQUENCE association_value_entry_seq TO ledger_command, ledger_query;

GRANT SELECT ON domain_event_entry, snapshot_event_entry TO ledger_query;
GRANT SELECT ON SEQUENCE domain_event_entry_seq TO ledger_query;
-- The query side opens sealed personal data and shows who was erased; it neither creates keys
-- nor deletes them.
GRANT SELECT ON personal_data_key, personal_data_erasure TO ledger_query;
GRANT SELECT, INSERT, UPDATE, DELETE ON token_entry, dead_letter_entry TO ledger_query;
