package fi.mentoringledger.query.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page, in the dashboard's style and languages: Spring Security's form login posts to
 * {@code /login} and answers a failure with {@code /login?error}, a sign-out with
 * {@code /login?logout}; the page's script says which, in the chosen language. It carries the CSRF
 * token in its form and the dashboard's content security policy. Where OIDC providers are
 * configured, it links to each (authorization code with PKCE, {@code /oauth2/authorization/{id}}).
 */
@RestController
class SignInController {

    private final String page;
    private final String providers;

    @Autowired
    SignInController(ObjectProvider<ClientRegistrationRepository> registrations) throws IOException {
        this(providerLinks(registrations.getIfAvailable()));
    }

    SignInController(String providers) throws IOException {
        this.providers = providers;
        try (InputStream in = new ClassPathResource("static/dashboard/login.html").getInputStream()) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> signIn(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept,
            CsrfToken csrf) {
        String token = csrf == null ? "" : csrf.getToken();
        return ResponseEntity.ok()
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header("Content-Security-Policy", DashboardController.CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noStore())
                .body(page.replace("<html lang=\"en\">", "<html lang=\"" + DashboardController.language(accept) + "\">")
                        .replace("name=\"_csrf\" type=\"hidden\" value=\"\"",
                                "name=\"_csrf\" type=\"hidden\" value=\"" + HtmlUtils.htmlEscape(token) + "\"")
                        .replace("<div id=\"providers\"></div>", "<div id=\"providers\">" + providers + "</div>"));
    }

    /** A link per OIDC provider; login.js words it in the chosen language. */
    static String providerLinks(ClientRegistrationRepository registrations) {
        StringBuilder links = new StringBuilder();
        if (registrations instanceof Iterable<?> all) {
            for (Object each : all) {
                if (each instanceof ClientRegistration registration) {
                    links.append("<a class=\"button secondary provider\" href=\"/oauth2/authorization/")
                            .append(HtmlUtils.htmlEscape(registration.getRegistrationId()))
                            .append("\" data-provider=\"").append(HtmlUtils.htmlEscape(registration.getClientName()))
                            .append("\">").append(HtmlUtils.htmlEscape(registration.getClientName())).append("</a>");
                }
            }
        }
        return links.toString();
    }
}
