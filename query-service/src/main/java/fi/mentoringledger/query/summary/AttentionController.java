package fi.mentoringledger.query.summary;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Callers;

/**
 * Which pairs need a check-in. The literal path wins over {@code /api/relationships/{id}}, so no
 * relationship id can shadow it.
 */
@RestController
class AttentionController {

    static final int MAX_DAYS = 3650;

    private final RelationshipSummaries summaries;
    private final Clock clock;
    private final int defaultInactiveDays;
    private final int defaultPausedDays;

    AttentionController(RelationshipSummaries summaries, Clock clock,
            @Value("${mentoring.attention.inactive-days:30}") int defaultInactiveDays,
            @Value("${mentoring.attention.paused-days:60}") int defaultPausedDays) {
        this.summaries = summaries;
        this.clock = clock;
        this.defaultInactiveDays = defaultInactiveDays;
        this.defaultPausedDays = defaultPausedDays;
    }

    @GetMapping(path = "/api/relationships/attention", produces = MediaType.APPLICATION_JSON_VALUE)
    Attention attention(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String inactiveDays, @RequestParam(required = false) String pausedDays) {
        RequestParameters parameters = new RequestParameters();
        String programme = parameters.text("programmeId", programmeId, 200);
        int inactive = parameters.integer("inactiveDays", inactiveDays, defaultInactiveDays, 1, MAX_DAYS);
        int paused = parameters.integer("pausedDays", pausedDays, defaultPausedDays, 1, MAX_DAYS);
        parameters.validate();
        return new Attention(summaries.needingAttention(programme, LocalDate.now(clock), inactive, paused,
                Callers.require()),
                inactive, paused);
    }
}
