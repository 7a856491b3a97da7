package fi.mentoringledger.query.history;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.infra.NotFoundException;
import fi.mentoringledger.query.infra.RelationshipVisibility;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;

/** The audit trail of one relationship; the pair's private text only for the pair (see {@link AuditHistory}). */
@RestController
class HistoryController {

    private final AuditHistory history;
    private final RelationshipVisibility visibility;

    HistoryController(AuditHistory history, RelationshipVisibility visibility) {
        this.history = history;
        this.visibility = visibility;
    }

    @GetMapping(path = "/api/relationships/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    History history(@PathVariable String id) {
        Caller caller = Callers.require();
        // Who may see it is in the summary (programme, parties); an admin may see what it has not caught up with yet.
        if (!caller.isAdmin() && !visibility.visibleTo(id, caller)) {
            throw new NotFoundException("there is no relationship " + id);
        }
        return history.find(id, caller).orElseThrow(() -> new NotFoundException("there is no relationship " + id));
    }
}
