-- Issue 13, item 3: the query side learns of new events from a notification instead of reading the
-- table again every 20 ms (EventArrivalListener in the query-service).
--
-- A trigger rather than a NOTIFY sent by the command-service after its commit: it fires for every
-- writer (each command-service instance, the benchmark's seeding, a tool run by hand) and it is
-- part of the appending transaction, so PostgreSQL delivers it exactly when the events become
-- visible, and never for a transaction that rolled back.
--
-- Per statement, with an empty payload: the listener only needs to know that something was
-- appended (the processors then read from their own tokens), and PostgreSQL folds identical
-- notifications of one transaction into one, so a command's or a batch's events, in however many
-- INSERTs, wake the listeners once. The payload carries nothing, personal or otherwise.
--
-- pg_notify is executable by everyone; the function runs as the inserting role (ledger_command)
-- and touches no table, so no grant changes: ledger_query needs nothing to LISTEN.
CREATE FUNCTION notify_event_appended() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM pg_notify('ledger_events', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT
    EXECUTE FUNCTION notify_event_appended();
