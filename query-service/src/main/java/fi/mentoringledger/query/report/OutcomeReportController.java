package fi.mentoringledger.query.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

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
    private final ReasonSchemes schemes;
    private final Clock clock;

    OutcomeReportController(OutcomeReports reports, OutcomesAsOf past, ReasonSchemes schemes, Clock clock) {
        this.reports = reports;
        this.past = past;
        this.schemes = schemes;
        this.clock = clock;
    }

    /**
     * The report now, from the counters; with {@code asOf} or {@code knownOn} (or both), as it stood
     * at that past moment, from the events ({@link OutcomesAsOf}); with {@code reasonScheme}, the
     * terminations also by that scheme's categories.
     */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Object outcomes(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownOn, @RequestParam(required = false) String reasonScheme) {
        Request request = Request.read(programmeId, startedFrom, startedTo, groupBy, asOf, knownOn, reasonScheme,
                schemes, clock);
        ReasonScheme scheme = request.scheme();
        if (request.groupBy() == null) {
            OutcomeReport report = request.moment() == null ? reports.report(request.filter())
                    : past.report(request.filter(), request.moment());
            return scheme == null ? report : report.recodedBy(scheme);
        }
        OutcomeReport.Grouped grouped = request.moment() == null ? reports.grouped(request.filter(), request.groupBy())
                : past.grouped(request.filter(), request.groupBy(), request.moment());
        return scheme == null ? grouped : grouped.recodedBy(scheme);
    }

    @GetMapping(path = PATH, produces = "text/csv")
    ResponseEntity<String> outcomesAsCsv(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownOn, @RequestParam(required = false) String reasonScheme) {
        Object report = outcomes(programmeId, startedFrom, startedTo, groupBy, asOf, knownOn, reasonScheme);
        ReasonScheme scheme = reasonScheme == null ? null : schemes.named(reasonScheme).orElse(null);
        String csv = report instanceof OutcomeReport.Grouped grouped ? OutcomeCsv.of(grouped, scheme)
                : OutcomeCsv.of((OutcomeReport) report, scheme);
        return ResponseEntity.ok().contentType(CSV).body(csv);
    }

    /** The reason schemes a report can be re-coded by, with their categories. */
    @GetMapping(path = "/api/reports/reason-schemes", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ReasonScheme> reasonSchemes() {
        ReportFilter.programmesReadableBy(Callers.require());
        return schemes.all();
    }

    /** @param moment null for the report now; @param scheme null unless re-coded */
    private record Request(ReportFilter filter, GroupBy groupBy, OutcomesAsOf.Moment moment, ReasonScheme scheme) {

        static Request read(String programmeId, String startedFrom, String startedTo, String groupBy, String asOf,
                String knownOn, String reasonScheme, ReasonSchemes schemes, Clock clock) {
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
            ReasonScheme scheme = null;
            if (reasonScheme != null && !reasonScheme.isEmpty() && schemes.all().isEmpty()) {
                parameters.problem("reasonScheme", "no reason scheme is configured (" + ReasonSchemes.PROPERTY + ")");
            } else {
                scheme = parameters.oneOf("reasonScheme", reasonScheme, schemes.all(), ReasonScheme::name);
            }
            parameters.validate();
            return new Request(new ReportFilter(programme, from, to, ReportFilter.programmesReadableBy(Callers.require())),
                    grouping,
                    asOfDay == null && knownOnDay == null ? null : new OutcomesAsOf.Moment(asOfDay, knownOnDay), scheme);
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
