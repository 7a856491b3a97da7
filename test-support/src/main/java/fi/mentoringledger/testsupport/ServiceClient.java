package fi.mentoringledger.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * One service over HTTP as an outside client sees it, each request signed in with HTTP Basic as
 * the user it names (a null user sends no credentials), or as the tests' admin when it names
 * none. Requests ask for JSON unless they name an {@code Accept} header or the client
 * {@link #accepting} says otherwise. A client may hold every answer against a check (the OpenAPI
 * document, say). Immutable and thread-safe.
 */
public final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Consumer<HttpResponse<String>> NO_CHECK = response -> {
    };

    private final String base;
    private final String accept;
    private final Consumer<HttpResponse<String>> check;

    private ServiceClient(String base, String accept, Consumer<HttpResponse<String>> check) {
        this.base = base;
        this.accept = accept;
        this.check = check;
    }

    /** A client of the service at {@code base} ({@code http://127.0.0.1:8081}), signed in as the tests' admin. */
    public static ServiceClient of(String base) {
        return new ServiceClient(base, "application/json", NO_CHECK);
    }

    /** A client of the service on this machine's {@code port}, signed in as the tests' admin. */
    public static ServiceClient onPort(int port) {
        return of("http://127.0.0.1:" + port);
    }

    /**
     * The same service, requests that name no {@code Accept} header asking for {@code mediaType};
     * null sends none, as a client that does not say.
     */
    public ServiceClient accepting(String mediaType) {
        return new ServiceClient(base, mediaType, check);
    }

    /** The same service, every answer held against {@code check} (which throws when it fails). */
    public ServiceClient checkedBy(Consumer<HttpResponse<String>> check) {
        return new ServiceClient(base, accept, check);
    }

    /** The same service without the check: for pages the check does not describe. */
    public ServiceClient unchecked() {
        return new ServiceClient(base, accept, NO_CHECK);
    }

    public String base() {
        return base;
    }

    /** A GET as the tests' admin. */
    public HttpResponse<String> get(String path) {
        return get(TestUsers.ADMIN, path);
    }

    public HttpResponse<String> get(User user, String path) {
        return send("GET", path, user, null, null);
    }

    /**
     * A POST of a JSON body (none when empty), with {@code If-Match} when {@code ifMatch} names the
     * version the caller saw.
     */
    public HttpResponse<String> post(User user, String path, String json, String... ifMatch) {
        List<String> headers = new ArrayList<>();
        if (ifMatch.length > 0) {
            headers.addAll(List.of("If-Match", ifMatch[0]));
        }
        return send("POST", path, user, json.isEmpty() ? null : "application/json", json,
                headers.toArray(String[]::new));
    }

    /** GETs JSON and insists on 200. */
    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /**
     * Any request: {@code contentType} and {@code body} may be null, {@code headers} are name, value
     * pairs.
     */
    public HttpResponse<String> send(String method, String path, User user, String contentType, String body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean accepts = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            accepts |= "Accept".equalsIgnoreCase(headers[i]);
        }
        if (!accepts && this.accept != null) {
            request.header("Accept", this.accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        check.accept(response);
        return response;
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
