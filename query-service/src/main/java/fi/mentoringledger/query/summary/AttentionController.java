package fi.mentoringledger.query.summary;

import java.time.Clock;
import java.time.LocalDate;

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

    private final RelationshipSummaries summaries;
    private final AttentionThresholds thresholds;
    private final Clock clock;

    AttentionController(RelationshipSummaries summaries, AttentionThresholds thresholds, Clock clock) {
        this.summaries = summaries;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /**
     * A threshold the request gives wins; else the programme's own (one programme asked for), else
     * the service's default. (0 stands for "not given": a given one is at least 1.)
     */
    @GetMapping(path = "/api/relationships/attention", produces = MediaType.APPLICATION_JSON_VALUE)
    Attention attention(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String inactiveDays, @RequestParam(required = false) String pausedDays,
            @RequestParam(required = false) String agreementDays) {
        RequestParameters parameters = new RequestParameters();
        String programme = parameters.text("programmeId", programmeId, 200);
        int inactive = parameters.integer("inactiveDays", inactiveDays, 0, 1, AttentionThresholds.MAX_DAYS);
        int paused = parameters.integer("pausedDays", pausedDays, 0, 1, AttentionThresholds.MAX_DAYS);
        int agreement = parameters.integer("agreementDays", agreementDays, 0, 1, AttentionThresholds.MAX_DAYS);
        parameters.validate();
        AttentionThresholds.Thresholds usual = thresholds.of(programme);
        inactive = inactive == 0 ? usual.inactiveDays() : inactive;
        paused = paused == 0 ? usual.pausedDays() : paused;
        Integer agreed = agreement == 0 ? usual.agreementDays() : Integer.valueOf(agreement);
        return new Attention(summaries.needingAttention(programme, LocalDate.now(clock), inactive, paused, agreed,
                Callers.require()),
                inactive, paused, agreed);
    }
}
