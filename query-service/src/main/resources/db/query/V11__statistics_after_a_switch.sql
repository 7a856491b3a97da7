-- Issue 13: a replay fills a new generation and deletes the old one all at once, and the planner's
-- statistics of the read models then describe neither (autovacuum, where it runs at all, notices
-- late). The query-service refreshes them when it switches generations, but ANALYZE is for a
-- table's owner only: this function, run with its owner's rights, analyzes one read model named
-- here and nothing else.
CREATE FUNCTION analyze_read_model(read_model TEXT) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF read_model NOT IN ('relationship_summary', 'relationship_goal', 'relationship_concern', 'relationship_count',
                          'relationship_meeting', 'relationship_history', 'outcome_fact', 'outcome_counter',
                          'outcome_close_days') THEN
        RAISE EXCEPTION 'not a read model: %', read_model;
    END IF;
    EXECUTE format('ANALYZE %I', read_model);
END
$$;
REVOKE ALL ON FUNCTION analyze_read_model(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analyze_read_model(TEXT) TO ledger_query;
