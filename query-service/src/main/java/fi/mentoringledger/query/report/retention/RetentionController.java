package fi.mentoringledger.query.report.retention;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.report.GroupBy;
import fi.mentoringledger.query.report.ReportFilter;
import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Callers;

/**
 * The retention report, as JSON or (with {@code Accept: text/csv}) as CSV; read by the same people
 * as the outcome report, with the same filters.
 */
@RestController
class RetentionController {

    static final String PATH = "/api/reports/retention";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final RetentionReports reports;

    RetentionController(RetentionReports reports) {
        this.reports = reports;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    RetentionReport retention(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy) {
        RequestParameters parameters = new RequestParameters();
        String programme = parameters.text("programmeId", programmeId, 200);
        LocalDate from = parameters.date("startedFrom", startedFrom);
        LocalDate to = parameters.date("startedTo", startedTo);
        GroupBy grouping = parameters.oneOf("groupBy", groupBy, Arrays.asList(GroupBy.values()), GroupBy::parameter);
        if (from != null && to != null && from.isAfter(to)) {
            parameters.problem("startedTo", "must not be before startedFrom");
        }
        parameters.validate();
        return reports.report(new ReportFilter(programme, from, to,
                ReportFilter.programmesReadableBy(Callers.require())), grouping);
    }

    @GetMapping(path = PATH, produces = "text/csv")
    ResponseEntity<String> retentionAsCsv(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy) {
        return ResponseEntity.ok().contentType(CSV)
                .body(RetentionCsv.of(retention(programmeId, startedFrom, startedTo, groupBy)));
    }
}
