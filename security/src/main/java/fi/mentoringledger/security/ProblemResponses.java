package fi.mentoringledger.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 401 and 403 as RFC 9457 problems, like every other refusal of the APIs. The body never says
 * why a sign-in failed (unknown user or wrong password look the same).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String challenge;

    /** {@code challenge}: the WWW-Authenticate a 401 names (Basic, or Bearer when tokens are accepted). */
    ProblemResponses(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // No Basic challenge to a browser: it would ask for a password and then send it with every
        // request, other sites' included. Browsers name themselves with Sec-Fetch-Mode (every
        // current one) or, from the pages' scripts, X-Requested-With.
        boolean browser = request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("X-Requested-With") != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, browser && challenge.startsWith("Basic")
                ? "Session realm=\"Mentoring Ledger\"" : challenge);
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                "this request needs a signed-in user: HTTP Basic, a bearer token or the dashboard's sign-in");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "the signed-in user may not do this");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:mentoring-ledger:problem:" + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
