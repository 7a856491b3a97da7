-- Issue 15: an organiser sets the needs-attention thresholds of their programme from what the
-- warning-signs report showed. A setting, not a read model: no generation, so a replay (which
-- builds a new generation of every read model and deletes the old) never touches it, and nothing
-- in the events could rebuild it. Who set it and when are kept with it.
CREATE TABLE needs_attention_threshold (
    programme_id  TEXT PRIMARY KEY,
    inactive_days INTEGER NOT NULL CHECK (inactive_days BETWEEN 1 AND 3650),
    paused_days   INTEGER NOT NULL CHECK (paused_days BETWEEN 1 AND 3650),
    -- null: the programme does not list pairs for a late agreement
    agreement_days INTEGER CHECK (agreement_days BETWEEN 1 AND 3650),
    set_by        TEXT NOT NULL,
    set_at        TIMESTAMPTZ NOT NULL
);

-- V6's default privileges gave ledger_query every right on it; a setting is replaced, never
-- deleted, so the query side keeps reading, setting and changing it, and nothing more.
REVOKE DELETE ON needs_attention_threshold FROM ledger_query;
GRANT SELECT, INSERT, UPDATE ON needs_attention_threshold TO ledger_query;
