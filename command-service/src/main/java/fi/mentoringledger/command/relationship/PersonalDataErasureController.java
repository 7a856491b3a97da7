package fi.mentoringledger.command.relationship;

import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.security.Callers;

/** {@code POST /api/people/{personId}/erasure}: the admin's (the security filter lets no one else in). */
@RestController
class PersonalDataErasureController {

    /** What the erasure did; {@code erasedAt} and {@code erasedBy} are the first erasure's when erased again. */
    record ErasureAnswer(String personId, Instant erasedAt, String erasedBy, List<String> relationships) {
    }

    private final PersonalDataErasure erasure;

    PersonalDataErasureController(PersonalDataErasure erasure) {
        this.erasure = erasure;
    }

    @PostMapping(path = "/api/people/{personId}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    ErasureAnswer erase(@PathVariable String personId) {
        if (personId.isBlank() || personId.length() > 200 || personId.chars().anyMatch(Character::isISOControl)) {
            // as a start took a mentor's or mentee's id (older ones were less strict, and may be erased too)
            throw new InvalidRequestException("personId", "must be 1-200 characters, not blank, no control characters");
        }
        if (!Callers.require().isAdmin()) {
            throw Refusal.forbidden("only an admin may erase a person's personal data");
        }
        PersonalDataErasure.Result result = erasure.erase(personId);
        return new ErasureAnswer(result.personId(), result.erasure().erasedAt(), result.erasure().erasedBy(),
                result.relationships());
    }
}
