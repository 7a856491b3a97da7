package fi.mentoringledger.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** For tests that call a controller directly: the caller of the current thread, as a sign-in would set it. */
public final class SignedIn {

    private SignedIn() {
    }

    public static void as(Caller caller) {
        LedgerUser user = new LedgerUser(caller, "{noop}unused");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public static void asAdmin() {
        as(new Caller("admin", java.util.Set.of(Role.ADMIN), null, java.util.Set.of()));
    }

    public static void clear() {
        SecurityContextHolder.clearContext();
    }
}
