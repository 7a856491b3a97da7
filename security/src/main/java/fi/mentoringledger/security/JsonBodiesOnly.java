package fi.mentoringledger.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An unsafe request to the API carries a JSON body or none at all: {@code 415} for anything else.
 * An HTML form of another site can send only form-encoded, multipart or {@code text/plain}
 * bodies, and a script of another site cannot send JSON without asking first (CORS, which these
 * services never allow): so no such request is ever acted on, whatever credentials the browser
 * adds to it. Runs before sign-in, so that a refused request costs no password check.
 */
final class JsonBodiesOnly extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || "TRACE".equals(method);
        return safe || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (contentType == null ? hasBody : !isJson(contentType)) {
            ProblemResponses.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "unsafe requests carry a JSON body (Content-Type: application/json) "
                            + "or none");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype() && "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
