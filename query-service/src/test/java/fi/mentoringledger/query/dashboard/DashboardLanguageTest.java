package fi.mentoringledger.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

/** The page's first language comes from the browser's Accept-Language, among fi, sv and en. */
class DashboardLanguageTest {

    @Test
    void takesTheFirstOfFinnishSwedishAndEnglishThatTheBrowserAccepts() {
        assertThat(DashboardController.language("fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7")).isEqualTo("fi");
        assertThat(DashboardController.language("sv-FI")).isEqualTo("sv");
        assertThat(DashboardController.language("de-DE,de;q=0.9,sv;q=0.5,en;q=0.4")).isEqualTo("sv");
        assertThat(DashboardController.language("en-GB,fi;q=0.8")).isEqualTo("en");
    }

    @Test
    void fallsBackToEnglishForOtherLanguagesAndForHeadersItCannotRead() {
        assertThat(DashboardController.language("de-DE,fr;q=0.5")).isEqualTo("en");
        assertThat(DashboardController.language(null)).isEqualTo("en");
        assertThat(DashboardController.language("")).isEqualTo("en");
        assertThat(DashboardController.language(";;q=x")).isEqualTo("en");
    }

    @Test
    void servesThePageInTheChosenLanguage() throws Exception {
        var response = new DashboardController().dashboard("sv-SE,sv;q=0.9",
                new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", "token-1"), () -> "Anna <Organiser>");

        assertThat(response.getBody()).contains("<html lang=\"sv\">").doesNotContain("<html lang=\"en\">");
        assertThat(response.getHeaders().getFirst("Vary")).isEqualTo("Accept-Language");
        assertThat(response.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'self';")
                .doesNotContain("http");
        assertThat(response.getBody()).contains("name=\"_csrf\" value=\"token-1\"")
                .contains("Anna &lt;Organiser&gt;").doesNotContain("<Organiser>")
                .contains("<body data-admin=\"false\" data-reports=\"false\">");
    }

    @Test
    void leavesOutOfThePageWhatTheSignedInUserWouldOnlyBeRefused() throws Exception {
        var csrf = new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", "token-1");

        assertThat(new DashboardController().dashboard("en", csrf, signedIn(Role.ORGANISER)).getBody())
                .contains("<body data-admin=\"false\" data-reports=\"true\">");
        assertThat(new DashboardController().dashboard("en", csrf, signedIn(Role.ADMIN)).getBody())
                .contains("<body data-admin=\"true\" data-reports=\"true\">");
        assertThat(new DashboardController().dashboard("en", csrf, signedIn(Role.MENTEE)).getBody())
                .contains("<body data-admin=\"false\" data-reports=\"false\">");
    }

    @Test
    void servesTheSignInPageInTheBrowsersLanguageWithItsCsrfTokenAndTheSamePolicy() throws Exception {
        var response = new SignInController(List.of()).signIn("fi-FI,fi;q=0.9", new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", "token-<2>"));

        assertThat(response.getBody()).contains("<html lang=\"fi\">", "action=\"/login\"", "name=\"username\"",
                "name=\"password\"", "name=\"_csrf\" type=\"hidden\" value=\"token-&lt;2&gt;\"", "src=\"/dashboard/login.js\"");
        assertThat(response.getHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo(DashboardController.CONTENT_SECURITY_POLICY);
        assertThat(response.getHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void linksToEachSignInProviderWithItsNameEscaped() {
        var page = new SignInController(List.of(new SignInController.Provider("corp", "Corp <SSO> & \"Co\""),
                new SignInController.Provider("uni", "University"))).signIn("en", null).getBody();

        assertThat(page).contains(
                "href=\"/oauth2/authorization/corp\" data-provider=\"Corp &lt;SSO&gt; &amp; &quot;Co&quot;\">Corp &lt;SSO&gt; &amp; &quot;Co&quot;</a>",
                "href=\"/oauth2/authorization/uni\" data-provider=\"University\">University</a>")
                .doesNotContain("<SSO>");
    }

    @Test
    void tellsThePageWhoIsSignedInAsApiMeWouldEscapedForTheAttribute() {
        var organiser = new Caller("anna\"<x>", Set.of(Role.ORGANISER), null,
                Set.of("womento", "auroras"));

        assertThat(DashboardController.caller(organiser)).isEqualTo(
                "{\"username\":\"anna\\\"<x>\",\"roles\":[\"ORGANISER\"],\"personId\":null,\"programmes\":[\"auroras\",\"womento\"]}");
        assertThat(DashboardController.caller(null)).isEmpty();
    }

    private static UsernamePasswordAuthenticationToken signedIn(Role role) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null,
                List.of(new SimpleGrantedAuthority(role.authority())));
    }
}
