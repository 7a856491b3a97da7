-- The query side reads a relationship's events for the reports of time (RecordedHistories) from
-- its first event, never from a snapshot (there are none: V6), so it needs no right on their table
-- either, and a read that looked for one would fail rather than cost every relationship a query.
REVOKE ALL ON snapshot_event_entry FROM ledger_query;
