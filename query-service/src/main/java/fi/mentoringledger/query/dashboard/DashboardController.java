package fi.mentoringledger.query.dashboard;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;
import fi.mentoringledger.security.Role;

/**
 * Serves the organisers' dashboard page at {@code /}, in the language the browser asks for
 * (Accept-Language; Finnish, Swedish or English), which the page may then switch. Its content
 * security policy holds the page to this origin: scripts, styles and charts come from the jar,
 * and no request leaves for a CDN or anywhere else.
 */
@RestController
class DashboardController {

    static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("fi"), Locale.forLanguageTag("sv"),
            Locale.ENGLISH);

    /** Inline styles only because the chart library sets them on the SVG it draws. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final ObjectMapper JSON = new ObjectMapper();

    @GetMapping(path = {"/", "/dashboard", "/dashboard/"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> dashboard(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept,
            CsrfToken csrf, Principal user) {
        // Reading the token makes Spring Security set the XSRF-TOKEN cookie that the page's script sends back.
        String token = csrf == null ? "" : csrf.getToken();
        // Only an admin may rebuild the reports, and only admins and organisers read them: the page
        // leaves out the views that would only be refused (a mentor or mentee starts at the list).
        boolean admin = hasRole(user, Role.ADMIN);
        boolean reports = admin || hasRole(user, Role.ORGANISER);
        return ResponseEntity.ok()
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noCache())
                .body(Pages.render("index", Map.of(
                        "language", language(accept),
                        "admin", admin,
                        "reports", reports,
                        "signedIn", user == null ? "" : user.getName(),
                        "caller", caller(Callers.current().orElse(null)),
                        "csrf", token)));
    }

    /**
     * Who is signed in, as {@code GET /api/me} tells it, so that the page offers the actions of this
     * person (their side in a relationship, their programmes) without asking first.
     */
    static String caller(Caller caller) {
        if (caller == null) {
            return "";
        }
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("username", caller.username());
        me.put("roles", caller.roles().stream().map(Role::name).sorted().toList());
        me.put("personId", caller.personId());
        me.put("programmes", caller.programmes().stream().sorted().toList());
        try {
            return JSON.writeValueAsString(me);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasRole(Principal user, Role role) {
        return user instanceof Authentication signedIn && signedIn.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(role.authority()));
    }

    static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "en";
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return chosen == null ? "en" : chosen.getLanguage();
        } catch (IllegalArgumentException malformed) {
            return "en";
        }
    }
}
