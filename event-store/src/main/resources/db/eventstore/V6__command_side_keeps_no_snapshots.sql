-- The command side neither writes nor reads snapshots (its storage engine, RelationshipEventStorage,
-- skips the snapshot query that Axon ran on every load of an aggregate): it needs no right on
-- their table, and a query that read it would now fail rather than cost every command its time.
REVOKE ALL ON snapshot_event_entry FROM ledger_command;
