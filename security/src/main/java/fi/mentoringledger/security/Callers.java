package fi.mentoringledger.security;

import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, as the sign-in established it. */
public final class Callers {

    private Callers() {
    }

    /** The signed-in caller; empty outside a signed-in request. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof LedgerUser user) {
            return Optional.of(user.caller());
        }
        if (authentication instanceof CallerToken token) {
            return Optional.of(token.caller());
        }
        if (authentication.getPrincipal() instanceof OidcSignIn.LedgerOidcUser user) {
            return Optional.of(user.caller());
        }
        return Optional.empty();
    }

    /** The signed-in caller; every API request has one, as the filter chain lets no other through. */
    public static Caller require() {
        return current().orElseThrow(() -> new IllegalStateException("no signed-in caller in this request"));
    }

    /**
     * Runs {@code work} with {@code caller} as the current caller: for what the service does on an
     * admin's behalf outside any request (erasures made again when it starts, as the admin who made
     * them). The caller before is restored afterwards.
     */
    public static void runAs(Caller caller, Runnable work) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        LedgerUser user = new LedgerUser(caller, "");
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
