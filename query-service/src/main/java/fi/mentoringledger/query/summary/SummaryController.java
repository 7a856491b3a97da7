package fi.mentoringledger.query.summary;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.web.NotFoundException;
import fi.mentoringledger.query.web.ReadYourWrites;
import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;

/** Where every pair stands: one relationship, or a filtered page of them. */
@RestController
@RequestMapping(path = "/api/relationships", produces = MediaType.APPLICATION_JSON_VALUE)
class SummaryController {

    static final int MAX_PAGE_SIZE = 500;

    private final RelationshipSummaries summaries;
    private final ReadYourWrites readYourWrites;

    SummaryController(RelationshipSummaries summaries, ReadYourWrites readYourWrites) {
        this.summaries = summaries;
        this.readYourWrites = readYourWrites;
    }

    /** {@code minVersion}: answer only once the summary includes that version (see {@link ReadYourWrites}). */
    @GetMapping("/{id}")
    Summary summary(@PathVariable String id, @RequestParam(required = false) String minVersion) {
        Caller caller = Callers.require();
        return readYourWrites.read(() -> summaries.find(id, caller).filter(summary -> caller.maySee(summary.programmeId(),
                                summary.mentor() == null ? null : summary.mentor().id(),
                                summary.mentee() == null ? null : summary.mentee().id())),
                        Summary::version, ReadYourWrites.minVersion(minVersion))
                .orElseThrow(() -> new NotFoundException("there is no relationship " + id));
    }

    @GetMapping
    Summary.Page list(@RequestParam(required = false) String programmeId, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        RequestParameters parameters = new RequestParameters();
        String programme = parameters.text("programmeId", programmeId, 200);
        Stage stageFilter = parameters.enumValue("stage", stage, Stage.class);
        int pageNumber = parameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = parameters.integer("size", size, 50, 1, MAX_PAGE_SIZE);
        parameters.validate();
        return summaries.list(programme, stageFilter, pageNumber, pageSize, Callers.require());
    }
}
