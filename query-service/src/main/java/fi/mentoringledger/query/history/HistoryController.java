package fi.mentoringledger.query.history;

import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.web.NotFoundException;
import fi.mentoringledger.query.web.ReadYourWrites;
import fi.mentoringledger.query.summary.RelationshipVisibility;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;

/** The audit trail of one relationship; the pair's private text only for the pair (see {@link AuditHistory}). */
@RestController
class HistoryController {

    private final AuditHistory history;
    private final RelationshipVisibility visibility;
    private final ReadYourWrites readYourWrites;

    HistoryController(AuditHistory history, RelationshipVisibility visibility, ReadYourWrites readYourWrites) {
        this.history = history;
        this.visibility = visibility;
        this.readYourWrites = readYourWrites;
    }

    /** {@code minVersion}: answer only once the history holds the event of that sequence number. */
    @GetMapping(path = "/api/relationships/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    History history(@PathVariable String id, @RequestParam(required = false) String minVersion) {
        Caller caller = Callers.require();
        // Who may see it is in the summary (programme, parties); an admin may see what it has not caught up with yet.
        return readYourWrites.read(() -> caller.isAdmin() || visibility.visibleTo(id, caller)
                                ? history.find(id, caller) : Optional.<History>empty(),
                        HistoryController::lastSequence, ReadYourWrites.minVersion(minVersion))
                .orElseThrow(() -> new NotFoundException("there is no relationship " + id));
    }

    private static long lastSequence(History history) {
        return history.entries().isEmpty() ? -1 : history.entries().get(history.entries().size() - 1).sequence();
    }
}
