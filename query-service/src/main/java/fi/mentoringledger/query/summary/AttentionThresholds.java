package fi.mentoringledger.query.summary;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The needs-attention thresholds of each programme, as its organisers set them (from the
 * warning-signs report, for one); a programme without its own uses the service's defaults
 * ({@code mentoring.attention.*}). A setting, not a read model: a replay leaves it as it is.
 */
@Component
public class AttentionThresholds {

    static final int MAX_DAYS = 3650;

    /**
     * The thresholds that apply to a programme; {@code agreementDays} is null when a late agreement
     * lists no one, {@code setBy} and {@code setAt} when they are the service's defaults.
     */
    public record Thresholds(String programmeId, int inactiveDays, int pausedDays, Integer agreementDays,
            String setBy, Instant setAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int defaultInactiveDays;
    private final int defaultPausedDays;
    private final Integer defaultAgreementDays;

    /** @param defaultAgreementDays 0: a late agreement lists no one unless a programme or request says so */
    AttentionThresholds(JdbcClient jdbc, Clock clock,
            @Value("${mentoring.attention.inactive-days:30}") int defaultInactiveDays,
            @Value("${mentoring.attention.paused-days:60}") int defaultPausedDays,
            @Value("${mentoring.attention.agreement-days:0}") int defaultAgreementDays) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaultInactiveDays = defaultInactiveDays;
        this.defaultPausedDays = defaultPausedDays;
        this.defaultAgreementDays = defaultAgreementDays > 0 ? defaultAgreementDays : null;
    }

    /** The programme's own thresholds, else the service's defaults (also for no programme: null). */
    public Thresholds of(String programmeId) {
        if (programmeId == null) {
            return defaults(null);
        }
        return jdbc.sql("""
                        SELECT inactive_days, paused_days, agreement_days, set_by, set_at
                          FROM needs_attention_threshold WHERE programme_id = :programme""")
                .param("programme", programmeId)
                .query((rs, i) -> new Thresholds(programmeId, rs.getInt(1), rs.getInt(2),
                        rs.getObject(3, Integer.class), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .optional()
                .orElseGet(() -> defaults(programmeId));
    }

    /** Sets the programme's thresholds, replacing any earlier ones, as set by {@code who} now. */
    public Thresholds set(String programmeId, int inactiveDays, int pausedDays, Integer agreementDays, String who) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO needs_attention_threshold (programme_id, inactive_days, paused_days, agreement_days,
                            set_by, set_at)
                        VALUES (:programme, :inactive, :paused, :agreement, :who, :at)
                        ON CONFLICT (programme_id) DO UPDATE SET inactive_days = excluded.inactive_days,
                            paused_days = excluded.paused_days, agreement_days = excluded.agreement_days,
                            set_by = excluded.set_by, set_at = excluded.set_at""")
                .param("programme", programmeId)
                .param("inactive", inactiveDays)
                .param("paused", pausedDays)
                .param("agreement", agreementDays, Types.INTEGER)
                .param("who", who)
                .param("at", Timestamp.from(now))
                .update();
        return new Thresholds(programmeId, inactiveDays, pausedDays, agreementDays, who, now);
    }

    private Thresholds defaults(String programmeId) {
        return new Thresholds(programmeId, defaultInactiveDays, defaultPausedDays, defaultAgreementDays, null, null);
    }
}
