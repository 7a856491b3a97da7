package fi.mentoringledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.security.TestUsers.User;

/**
 * A browser's session with the query-service, without the browser: its cookies, signed in through
 * the sign-in form, sending the page's CSRF token (the {@code XSRF-TOKEN} cookie as the
 * {@code X-XSRF-TOKEN} header) with what it posts, as the dashboard's scripts do. Every answer of
 * the API (not the pages) goes past {@code check}, say the OpenAPI document's.
 */
public final class BrowserSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final Consumer<HttpResponse<String>> check;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private BrowserSession(String base, Consumer<HttpResponse<String>> check) {
        this.base = base;
        this.check = check;
    }

    public static BrowserSession signIn(String base, User user) throws IOException, InterruptedException {
        return signIn(base, user, response -> { });
    }

    public static BrowserSession signIn(String base, User user, Consumer<HttpResponse<String>> check)
            throws IOException, InterruptedException {
        BrowserSession session = new BrowserSession(base, check);
        HttpResponse<String> page = session.get("/login");
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in page carries its CSRF token").isTrue();
        String form = "username=" + encode(user.username()) + "&password=" + encode(user.password())
                + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signedIn = session.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        // The page sets the CSRF cookie its scripts send back, as a browser would load it.
        assertThat(session.get("/").statusCode()).isEqualTo(200);
        return session;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "*/*").GET().build());
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return postJson(path, body, null);
    }

    public HttpResponse<String> postJson(String path, String body, String ifMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, "application/json", body, true);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    /** What a page (or another site, without the CSRF header) could post, in any content type. */
    public HttpResponse<String> post(String path, String contentType, String body, boolean withCsrfHeader)
            throws IOException, InterruptedException {
        return send(request(path, contentType, body, withCsrfHeader).build());
    }

    /** A command that takes no body, as the page sends the erasure. */
    public HttpResponse<String> postWithoutBody(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (request.uri().getPath().startsWith("/api/")) {
            check.accept(response);
        }
        return response;
    }

    private HttpRequest.Builder request(String path, String contentType, String body, boolean withCsrfHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withCsrfHeader) {
            request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
        }
        return request;
    }

    private String cookie(String name) {
        return cookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
