-- The query-service instances that are alive, each writing its heartbeat every few seconds. They
-- divide each processor's segments among themselves: an instance claims at most its fair share
-- (segments / live instances, rounded up), so a second instance gets work as soon as it starts,
-- and when one stops beating, the others may claim its segments once its token claims time out.
CREATE TABLE query_instance (
    instance_id VARCHAR(255)                NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seen_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
