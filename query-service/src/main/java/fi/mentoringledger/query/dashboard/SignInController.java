package fi.mentoringledger.query.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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

/**
 * The sign-in page, in the dashboard's style and languages: Spring Security's form login posts to
 * {@code /login} and answers a failure with {@code /login?error}, a sign-out with
 * {@code /login?logout}; the page's script says which, in the chosen language. It carries the CSRF
 * token in its form and the dashboard's content security policy. Where OIDC providers are
 * configured, it links to each (authorization code with PKCE, {@code /oauth2/authorization/{id}}).
 */
@RestController
class SignInController {

    /** An OIDC provider the page links to: login.js words the link in the chosen language. */
    record Provider(String id, String name) {
    }

    private final List<Provider> providers;

    @Autowired
    SignInController(ObjectProvider<ClientRegistrationRepository> registrations) {
        this(providers(registrations.getIfAvailable()));
    }

    SignInController(List<Provider> providers) {
        this.providers = List.copyOf(providers);
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
                .body(Pages.render("login", Map.of(
                        "language", DashboardController.language(accept),
                        "csrf", token,
                        "providers", providers)));
    }

    private static List<Provider> providers(ClientRegistrationRepository registrations) {
        List<Provider> providers = new ArrayList<>();
        if (registrations instanceof Iterable<?> all) {
            for (Object each : all) {
                if (each instanceof ClientRegistration registration) {
                    providers.add(new Provider(registration.getRegistrationId(), registration.getClientName()));
                }
            }
        }
        return providers;
    }
}
