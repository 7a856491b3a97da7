package fi.mentoringledger.query.report;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.web.ForbiddenException;
import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;

/** Completion and drop-out reports, as JSON or (with {@code Accept: text/csv}) as CSV. */
@RestController
class OutcomeReportController {

    static final String PATH = "/api/reports/outcomes";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final OutcomeReports reports;

    OutcomeReportController(OutcomeReports reports) {
        this.reports = reports;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Object outcomes(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy) {
        Request request = Request.read(programmeId, startedFrom, startedTo, groupBy);
        return request.groupBy() == null
                ? reports.report(request.filter())
                : reports.grouped(request.filter(), request.groupBy());
    }

    @GetMapping(path = PATH, produces = "text/csv")
    ResponseEntity<String> outcomesAsCsv(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo,
            @RequestParam(required = false) String groupBy) {
        Request request = Request.read(programmeId, startedFrom, startedTo, groupBy);
        String csv = request.groupBy() == null
                ? OutcomeCsv.of(reports.report(request.filter()))
                : OutcomeCsv.of(reports.grouped(request.filter(), request.groupBy()));
        return ResponseEntity.ok().contentType(CSV).body(csv);
    }

    private record Request(ReportFilter filter, GroupBy groupBy) {

        static Request read(String programmeId, String startedFrom, String startedTo, String groupBy) {
            RequestParameters parameters = new RequestParameters();
            String programme = parameters.text("programmeId", programmeId, 200);
            LocalDate from = parameters.date("startedFrom", startedFrom);
            LocalDate to = parameters.date("startedTo", startedTo);
            GroupBy grouping = parameters.oneOf("groupBy", groupBy, Arrays.asList(GroupBy.values()),
                    GroupBy::parameter);
            if (from != null && to != null && from.isAfter(to)) {
                parameters.problem("startedTo", "must not be before startedFrom");
            }
            parameters.validate();
            return new Request(new ReportFilter(programme, from, to, visibleProgrammes(Callers.require())), grouping);
        }

        /**
         * Reports are the organisers' (and admins'): an organiser's count only their programmes. A
         * mentor or mentee gets none, as the figures of one or two relationships would show the
         * other party's evaluation rating.
         */
        private static Set<String> visibleProgrammes(Caller caller) {
            if (caller.isAdmin()) {
                return null;
            }
            if (caller.isOrganiser()) {
                return caller.programmes();
            }
            throw new ForbiddenException("reports are for organisers and admins");
        }
    }
}
