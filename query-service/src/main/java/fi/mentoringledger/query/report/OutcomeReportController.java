package fi.mentoringledger.query.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Callers;

/** Completion and drop-out reports, as JSON or (with {@code Accept: text/csv}) as CSV. */
@RestController
class OutcomeReportController {

    static final String PATH = "/api/reports/outcomes";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final OutcomeReports reports;
    private final OutcomesAsOf past;
    private final Clock clock;

    OutcomeReportController(OutcomeReports reports, OutcomesAsOf past, Clock clock) {
        this.reports = reports;
        this.past = past;
        this.clock = clock;
    }

    /**
     * The report now, from the counters; with {@code asOf} or {@code knownOn} (or both), as it stood
     * at that past moment, from the events ({@link OutcomesAsOf}).
     */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Object outcomes(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownOn) {
        Request request = Request.read(programmeId, startedFrom, startedTo, groupBy, asOf, knownOn, clock);
        if (request.groupBy() == null) {
            return request.moment() == null ? reports.report(request.filter())
                    : past.report(request.filter(), request.moment());
        }
        return request.moment() == null ? reports.grouped(request.filter(), request.groupBy())
                : past.grouped(request.filter(), request.groupBy(), request.moment());
    }

    @GetMapping(path = PATH, produces = "text/csv")
    ResponseEntity<String> outcomesAsCsv(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownOn) {
        Object report = outcomes(programmeId, startedFrom, startedTo, groupBy, asOf, knownOn);
        String csv = report instanceof OutcomeReport.Grouped grouped ? OutcomeCsv.of(grouped)
                : OutcomeCsv.of((OutcomeReport) report);
        return ResponseEntity.ok().contentType(CSV).body(csv);
    }

    /** @param moment null for the report now */
    private record Request(ReportFilter filter, GroupBy groupBy, OutcomesAsOf.Moment moment) {

        static Request read(String programmeId, String startedFrom, String startedTo, String groupBy, String asOf,
                String knownOn, Clock clock) {
            RequestParameters parameters = new RequestParameters();
            String programme = parameters.text("programmeId", programmeId, 200);
            LocalDate from = parameters.date("startedFrom", startedFrom);
            LocalDate to = parameters.date("startedTo", startedTo);
            GroupBy grouping = parameters.oneOf("groupBy", groupBy, Arrays.asList(GroupBy.values()),
                    GroupBy::parameter);
            if (from != null && to != null && from.isAfter(to)) {
                parameters.problem("startedTo", "must not be before startedFrom");
            }
            LocalDate asOfDay = past(parameters, "asOf", asOf, clock);
            LocalDate knownOnDay = past(parameters, "knownOn", knownOn, clock);
            parameters.validate();
            return new Request(
                    new ReportFilter(programme, from, to, ReportReaders.visibleProgrammes(Callers.require())), grouping,
                    asOfDay == null && knownOnDay == null ? null : new OutcomesAsOf.Moment(asOfDay, knownOnDay));
        }

        /** A day up to today: the ledger knows nothing of later ones yet. */
        private static LocalDate past(RequestParameters parameters, String field, String value, Clock clock) {
            LocalDate day = parameters.date(field, value);
            if (day != null && day.isAfter(LocalDate.now(clock))) {
                parameters.problem(field, "must not be after today");
            }
            return day;
        }
    }
}
