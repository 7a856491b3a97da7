package fi.mentoringledger.query.processing;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Divides each processor's segments among the live query-service instances.
 * <p>
 * Axon's pooled processor claims every segment it can: a second instance would stay idle while
 * the first holds them all. Each instance therefore beats in {@code query_instance} and claims at
 * most its fair share, {@code ceil(segments / live instances)}; Axon's coordinator releases the
 * segments above that share, for another instance to claim. When an instance dies, its heartbeat
 * ages out, the share of the others grows, and they claim its segments as soon as its token
 * claims time out ({@code axon.eventhandling.tokenstore.claim-timeout}). Counting uses the
 * database's clock, so the instances' clocks need not agree. While the database is unreachable
 * the last known count stays.
 */
@Component
public class SegmentShare implements MaxSegmentProvider {

    private static final Logger log = LoggerFactory.getLogger(SegmentShare.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final String instanceId = UUID.randomUUID().toString();
    private final Duration liveness;
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    private volatile int liveInstances = 1;

    SegmentShare(JdbcClient jdbc, ObjectProvider<EventProcessingConfiguration> processing,
            @Value("${mentoring.instances.liveness:PT10S}") Duration liveness) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.liveness = liveness;
    }

    /** The most segments of the processor this instance may hold now. */
    @Override
    public int getMaxSegments(String processorName) {
        Integer total = segments.get(processorName);
        if (total == null) {
            return Short.MAX_VALUE;
        }
        return Math.max(1, (total + liveInstances - 1) / liveInstances);
    }

    public int liveInstances() {
        return liveInstances;
    }

    @Scheduled(fixedDelayString = "${mentoring.instances.heartbeat-millis:2000}")
    void beat() {
        try {
            if (processing()) {
                jdbc.sql("""
                                INSERT INTO query_instance (instance_id, started_at, seen_at) VALUES (:id, now(), now())
                                ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()""")
                        .param("id", instanceId)
                        .update();
            } else {
                leave();
            }
            jdbc.sql("DELETE FROM query_instance WHERE seen_at < now() - make_interval(secs => :seconds)")
                    .param("seconds", liveness.toMillis() * 10 / 1000.0)
                    .update();
            int live = jdbc.sql("SELECT count(*) FROM query_instance WHERE seen_at >= now() - make_interval(secs => :seconds)")
                    .param("seconds", liveness.toMillis() / 1000.0)
                    .query(Integer.class)
                    .single();
            jdbc.sql("SELECT processor_name, count(*) FROM token_entry GROUP BY processor_name")
                    .query((rs, row) -> segments.put(rs.getString(1), rs.getInt(2)))
                    .list();
            int counted = Math.max(1, live);
            if (counted != liveInstances) {
                log.info("{} query-service instance(s) alive; this one ({}) takes at most its share of segments",
                        counted, instanceId);
            }
            liveInstances = counted;
        } catch (RuntimeException e) {
            log.debug("Heartbeat failed; keeping {} live instance(s)", liveInstances, e);
        }
    }

    /** Only an instance whose processors run takes a share; one that only serves reads does not count. */
    private boolean processing() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        return configuration != null
                && configuration.eventProcessors().values().stream().anyMatch(EventProcessor::isRunning);
    }

    /** Leaves at once on a normal stop, so that the others need not wait for the heartbeat to age. */
    @PreDestroy
    void leave() {
        try {
            jdbc.sql("DELETE FROM query_instance WHERE instance_id = :id").param("id", instanceId).update();
        } catch (RuntimeException e) {
            log.debug("Could not remove the heartbeat of {}", instanceId, e);
        }
    }
}
