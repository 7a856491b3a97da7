package fi.mentoringledger.query.history;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.infra.NotFoundException;

/** The audit trail of one relationship. */
@RestController
class HistoryController {

    private final AuditHistory history;

    HistoryController(AuditHistory history) {
        this.history = history;
    }

    @GetMapping(path = "/api/relationships/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    History history(@PathVariable String id) {
        return history.find(id).orElseThrow(() -> new NotFoundException("there is no relationship " + id));
    }
}
