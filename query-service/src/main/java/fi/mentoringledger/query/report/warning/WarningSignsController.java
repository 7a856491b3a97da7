package fi.mentoringledger.query.report.warning;

import java.time.LocalDate;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.report.ReportFilter;
import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Callers;

/** The warning signs back-tested, over the relationships the outcome report's filter selects. */
@RestController
class WarningSignsController {

    static final String PATH = "/api/reports/warning-signs";

    private final WarningSigns warningSigns;

    WarningSignsController(WarningSigns warningSigns) {
        this.warningSigns = warningSigns;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    WarningSignsReport warningSigns(@RequestParam(required = false) String programmeId,
            @RequestParam(required = false) String startedFrom, @RequestParam(required = false) String startedTo) {
        RequestParameters parameters = new RequestParameters();
        String programme = parameters.text("programmeId", programmeId, 200);
        LocalDate from = parameters.date("startedFrom", startedFrom);
        LocalDate to = parameters.date("startedTo", startedTo);
        if (from != null && to != null && from.isAfter(to)) {
            parameters.problem("startedTo", "must not be before startedFrom");
        }
        parameters.validate();
        return warningSigns.report(new ReportFilter(programme, from, to,
                ReportFilter.programmesReadableBy(Callers.require())));
    }
}
