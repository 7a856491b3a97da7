package fi.mentoringledger.query.relay;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;
import fi.mentoringledger.security.Role;

/** Who is signed in, so that the pages offer only what this user may do (the services still decide). */
@RestController
class CurrentUserController {

    record CurrentUser(String username, List<Role> roles, String personId, List<String> programmes) {
    }

    @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    CurrentUser me() {
        Caller caller = Callers.require();
        return new CurrentUser(caller.username(), caller.roles().stream().sorted().toList(), caller.personId(),
                caller.programmes().stream().sorted().toList());
    }
}
