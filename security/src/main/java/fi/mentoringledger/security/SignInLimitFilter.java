package fi.mentoringledger.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Turns away a sign-in attempt (Basic credentials, or the sign-in form's POST) while its user name
 * or client address has used up its failures ({@link SignInLimits}): {@code 429} with
 * {@code Retry-After}, before any password is checked; the form goes back to its page with the
 * reason instead.
 */
final class SignInLimitFilter extends OncePerRequestFilter {

    private final SignInLimits limits;

    SignInLimitFilter(SignInLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = "POST".equals(request.getMethod())
                && (request.getContextPath() + "/login").equals(request.getRequestURI());
        String username = form ? request.getParameter("username") : basicUsername(request);
        if (form || username != null) {
            Optional<Duration> wait = limits.waitBeforeTrying(username, request.getRemoteAddr());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                if (form) {
                    response.sendRedirect(request.getContextPath() + "/login?error=limited");
                } else {
                    ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-failures",
                            "Too many failed sign-ins", "too many failed sign-ins for this user or from this address; "
                                    + "try again in " + seconds + " s");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String basicUsername(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
